qdSearch.m(42,{"own":[101],"possible":[]});
