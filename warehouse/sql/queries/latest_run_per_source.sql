-- Each source's newest run, its status, and when its newest good run finished (a good run
-- brought items and neither failed nor was degraded: freshness counts from it).
select
    source,
    max(started_at) as last_run_at,
    arg_max(status, started_at) as last_status,
    max(finished_at) filter (where status in ('ok', 'partial') and items_seen > 0)
        as last_ok_at
from crawl_runs
group by source
