-- Per source: runs, the last run, the last successful run (status ok or partial) and errors.
select
    source,
    count(*) as runs,
    max(started_at) as last_run,
    arg_max(status, started_at) as last_status,
    arg_max(items_seen, started_at) as last_items,
    max(finished_at) filter (where status in ('ok', 'partial')) as last_success,
    sum(error_count) as errors
from crawl_runs
group by source
order by source
