-- Per source (every source in source_schedule, and any other with runs): its schedule, runs,
-- the last run, the last good run (items, not failed, not degraded), freshness and errors.
-- A source with runs but no good run within twice its schedule interval is stale.
with runs as (
    select
        source,
        count(*) as runs,
        max(started_at) as last_run,
        arg_max(status, started_at) as last_status,
        arg_max(items_seen, started_at) as last_items,
        max(finished_at) filter (where status in ('ok', 'partial') and items_seen > 0)
            as last_success,
        sum(error_count) as errors
    from (
        select source, started_at, finished_at, status, items_seen, error_count from crawl_runs
        -- Supply runs (hn_seeking) are kept apart from postings' runs, but are its runs.
        union all
        select source, started_at, finished_at, status, items_seen, error_count from seeking_runs
    )
    group by source
)
select
    coalesce(s.source, r.source) as source,
    s.name,
    s.cron,
    s.timezone,
    coalesce(s.enabled, false) as enabled,
    s.interval_hours,
    s.schedule_file,
    coalesce(r.runs, 0) as runs,
    r.last_run,
    r.last_status,
    r.last_items,
    r.last_success,
    coalesce(r.errors, 0) as errors,
    case
        when r.runs is null then 'never run'
        when r.last_success is null then 'never good'
        when s.enabled and s.interval_hours is not null
            and r.last_success
                < now() - to_microseconds(cast(2 * s.interval_hours * 3600e6 as bigint))
            then 'stale'
        else 'fresh'
    end as freshness
from source_schedule as s
full outer join runs as r on r.source = s.source
order by source
