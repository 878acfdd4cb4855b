qdSearch.m(15,{"own":[65,79,105,106,107,108],"possible":[]});
