-- The latest crawl runs, newest first, of the chosen sources (all when $sources is empty).
select
    started_at, source, status, failure, finish_reason, pages, items_seen, items_new,
    items_changed, items_closed, items_dropped, error_count,
    date_diff('second', started_at, finished_at) as seconds, verified, run_id
from crawl_runs
where len($sources) = 0 or list_contains($sources, source)
order by started_at desc nulls last, run_id
limit $limit
