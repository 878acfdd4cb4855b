qdSearch.m(47,{"own":[83],"possible":[66,70,71,75,77,78,99]});
