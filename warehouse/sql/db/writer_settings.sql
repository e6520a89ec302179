-- The writer's private staged copy needs no early checkpoints (see warehouse.db.writer).
set checkpoint_threshold = '1GB'
