qdSearch.m(23,{"own":[67],"possible":[]});
