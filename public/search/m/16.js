qdSearch.m(16,{"own":[79],"possible":[]});
