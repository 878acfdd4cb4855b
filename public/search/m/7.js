qdSearch.m(7,{"own":[74,80,82],"possible":[]});
