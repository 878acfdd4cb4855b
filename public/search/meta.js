qdSearch.meta(0,{"attrShard":2048,"docShard":8,"docs":109,"nearShards":4,"shards":8,"units":51});
