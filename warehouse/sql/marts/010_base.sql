-- Every job with the months it is counted in: one posting per duplicate group, the one
-- postings_dedup keeps, so counts need no distinct. "new": the month it was published (or
-- first seen when the source gives no date). "active": every month from then until it
-- closed or was last seen. Hacker News ads live in a monthly thread and are never closed by
-- a later crawl, so they are active in their thread's month only.
create or replace temp table mart_base as
select
    p.posting_id,
    coalesce(p.duplicate_group_id, p.posting_id) as job_id,
    cast(date_trunc('month', coalesce(p.posted_at, p.first_seen_at)) as date) as month,
    cast(date_trunc('month', case
        when p.source in ('hn', 'hn_freelance') then coalesce(p.posted_at, p.first_seen_at)
        else greatest(coalesce(p.closed_at, p.last_seen_at), coalesce(p.posted_at, p.first_seen_at))
    end) as date) as end_month,
    p.country,
    p.city,
    p.work_mode,
    p.pay_kind,
    p.pay_annual_usd_min,
    p.pay_annual_usd_max,
    p.pay_hourly_usd_min,
    p.pay_hourly_usd_max
from postings_dedup as p;
