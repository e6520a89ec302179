-- Newest crawl runs first ($source: a slug or null for all; $failed: only runs that did not
-- finish cleanly: failed, degraded or partial).
select
    run_id, source, started_at, finished_at, status, finish_reason, pages, items_seen,
    items_new, items_changed, items_unchanged, items_closed, items_dropped, error_count,
    errors, loaded_at, failure
from crawl_runs
where ($source is null or source = $source) and (not $failed or status <> 'ok')
order by started_at desc nulls last, run_id desc
limit $limit
