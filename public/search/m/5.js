qdSearch.m(5,{"own":[66],"possible":[]});
