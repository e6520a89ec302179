-- Each source's coverage window: the time it could see postings as they were published.
--
-- Hacker News ads live in monthly threads that stay readable, so a thread source covers every
-- month it has a thread for. Job boards and ATS APIs are snapshots: a crawl sees only what is
-- still open, so postings published before the first crawl that read the whole listing (ok,
-- verified) are survivors of unknown selection, not their month's demand. Their window opens
-- when that crawl started; an undated posting counts only if first seen after it finished,
-- since the first crawl's undated postings are of unknown age. A source whose crawls never
-- read a complete listing (career pages) has no window and counts nothing.
create or replace temp table source_windows as
with runs as (
    select
        source,
        count(*) as runs,
        count(*) filter (where status in ('ok', 'partial') and items_seen > 0) as good_runs,
        count(*) filter (where status = 'ok' and complete_listing and verified and items_seen > 0)
            as complete_runs,
        min(started_at) filter (where status = 'ok' and complete_listing and verified
            and items_seen > 0) as first_complete_start,
        arg_min(finished_at, started_at) filter (where status = 'ok' and complete_listing
            and verified and items_seen > 0) as first_complete_finish,
        max(finished_at) filter (where status in ('ok', 'partial') and items_seen > 0)
            as last_good_finish
    from crawl_runs
    group by source
),

threads as (
    select
        source,
        list(distinct cast(date_trunc('month', coalesce(posted_at, first_seen_at)) as date)
            order by cast(date_trunc('month', coalesce(posted_at, first_seen_at)) as date))
            as months
    from postings
    where source in ('hn', 'hn_freelance')
    group by source
),

sources as (
    select source from runs
    union
    select distinct source from postings
)

select
    s.source,
    case when s.source in ('hn', 'hn_freelance') then 'thread' else 'snapshot' end as kind,
    case when t.source is not null then cast(list_min(t.months) as timestamptz)
        else r.first_complete_start end as coverage_from,
    case when t.source is not null then cast(list_min(t.months) as timestamptz)
        else r.first_complete_finish end as undated_from,
    case when t.source is not null
            then cast(list_max(t.months) + interval 1 month as timestamptz)
        else r.last_good_finish end as coverage_to,
    case when t.source is not null then t.months
        when r.first_complete_start is not null then list_transform(
            generate_series(date_trunc('month', r.first_complete_start),
                date_trunc('month', greatest(r.first_complete_start, r.last_good_finish)),
                interval 1 month),
            lambda m: cast(m as date))
    end as covered_months,
    coalesce(r.runs, 0) as runs,
    coalesce(r.good_runs, 0) as good_runs,
    coalesce(r.complete_runs, 0) as complete_runs
from sources as s
left join runs as r on s.source = r.source
left join threads as t on s.source = t.source;
