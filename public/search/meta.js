qdSearch.meta(0,{"attrShard":2048,"docShard":8,"docs":133,"shards":8,"units":51});
