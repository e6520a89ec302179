-- The writer's private staged copy needs no early checkpoints (see warehouse.db.writer).
set checkpoint_threshold = '1GB'
;
-- Nor do its commits need to reach the disk one by one: a writer that dies leaves a copy no one
-- reads, and warehouse.db.writer flushes the whole file before it publishes it.
set fsync_mode = 'NONE'
;
-- A hash join whose build side holds at most this many distinct values also filters its probe
-- side's scan by them (DuckDB's default: 50), so row groups holding none are skipped. A
-- scheduled load's steps join the whole warehouse with a few hundred postings, keys or jobs:
-- 500 new postings into 1,000,000 took 2.55 s at 50, 2.25-2.28 s at 1,000, 2.34 s at 4,096 and
-- 2.52 s at 16,384, where filtering every row by a long list costs more than it skips.
set dynamic_or_filter_threshold = 1000
