-- Every job with the months it is counted in: one posting per duplicate group, the one
-- postings_dedup keeps, so counts need no distinct. "new": the month it was published (or
-- first seen when the source gives no date). "active": every month from then until it
-- closed or was last seen. Hacker News ads live in a monthly thread and are never closed by
-- a later crawl, so they are active in their thread's month only.
--
-- in_coverage: the job is its month's demand, published inside its source's coverage window
-- (007_source_windows.sql). Jobs outside it (a snapshot source's survivors) stay postings
-- (markets, pay) but are not counted in skill shares. active_from: the first month the job
-- counts as active in shares: a survivor only from the month its source's window opened, the
-- first month its source saw every open posting; null when its source has no window.
-- role_family: the posting's (postings.role_family); 'unclassified' until a rebuild sets it.
-- The rows are those of base_reps (005_representatives.sql): every job on a full refresh.
create or replace temp table mart_base as
select
    p.posting_id,
    coalesce(p.duplicate_group_id, p.posting_id) as job_id,
    p.source,
    cast(date_trunc('month', coalesce(p.posted_at, p.first_seen_at)) as date) as month,
    cast(date_trunc('month', case
        when p.source in ('hn', 'hn_freelance') then coalesce(p.posted_at, p.first_seen_at)
        else greatest(coalesce(p.closed_at, p.last_seen_at), coalesce(p.posted_at, p.first_seen_at))
    end) as date) as end_month,
    coalesce(case
        when w.kind = 'thread' then true
        when p.posted_at is not null then p.posted_at >= w.coverage_from
        else p.first_seen_at > w.undated_from
    end, false) as in_coverage,
    case when w.coverage_from is not null then cast(date_trunc('month',
        greatest(coalesce(p.posted_at, p.first_seen_at), w.coverage_from)) as date)
    end as active_from,
    coalesce(p.role_family, 'unclassified') as role_family,
    p.country,
    p.city,
    p.work_mode,
    p.pay_kind,
    p.pay_annual_usd_min,
    p.pay_annual_usd_max,
    p.pay_hourly_usd_min,
    p.pay_hourly_usd_max
from postings as p
semi join base_reps as r on p.posting_id = r.posting_id
left join source_windows as w on p.source = w.source;
