-- The writer's private staged copy needs no early checkpoints (see warehouse.db.writer).
set checkpoint_threshold = '1GB'
;
-- Nor do its commits need to reach the disk one by one: a writer that dies leaves a copy no one
-- reads, and warehouse.db.writer flushes the whole file before it publishes it.
set fsync_mode = 'NONE'
