qdSearch.meta(0,{"attrShard":2048,"docShard":64,"docs":133,"shards":8});
