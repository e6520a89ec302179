-- Every enabled source that has been crawled had a good run (items, not failed, not degraded)
-- within twice its schedule interval; the rows are stale sources, whose figures have stopped
-- moving. A source never crawled is not judged.
with runs as (
    select
        source,
        max(started_at) as last_run_at,
        max(finished_at) filter (where status in ('ok', 'partial') and items_seen > 0)
            as last_good_run_at
    from (
        select source, started_at, finished_at, status, items_seen, error_count from crawl_runs
        -- Supply runs (hn_seeking) are kept apart from postings' runs, but are its runs.
        union all
        select source, started_at, finished_at, status, items_seen, error_count from seeking_runs
    )
    group by source
)
select s.source, s.cron, s.interval_hours, r.last_run_at, r.last_good_run_at
from source_schedule as s
inner join runs as r on r.source = s.source
where s.enabled and s.interval_hours is not null
    and (r.last_good_run_at is null
         or r.last_good_run_at
            < now() - to_microseconds(cast(2 * s.interval_hours * 3600e6 as bigint)))
order by s.source
