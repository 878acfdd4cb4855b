qdSearch.m(4,{"own":[70,71,75,77,78,99],"possible":[]});
