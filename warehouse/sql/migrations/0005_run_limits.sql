-- What a run's limits cut or dropped: JSON objects of counts by field or reason, e.g.
-- {"description": 2, "chars": 180000} and {"too_large": 1, "duplicate_in_run": 3}.
alter table crawl_runs add column truncated json;
alter table crawl_runs add column dropped_by_reason json;
