-- Each source's newest run, its status, and when its newest successful run finished.
select
    source,
    max(started_at) as last_run_at,
    arg_max(status, started_at) as last_status,
    max(finished_at) filter (where status <> 'failed') as last_ok_at
from crawl_runs
group by source
