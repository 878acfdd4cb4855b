qdSearch.m(49,{"own":[101],"possible":[]});
