qdSearch.m(39,{"own":[100,103,104,106,107,108],"possible":[]});
