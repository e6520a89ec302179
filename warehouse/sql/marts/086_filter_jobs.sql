-- One row per job: the representative posting, with the months of marts/010_base.sql and the
-- USD midpoints of its pay, sorted by day so that a date filter skips most of the table.
delete from mart_filter_jobs;

insert into mart_filter_jobs by name
select
    p.posting_id,
    b.job_id,
    cast(coalesce(p.posted_at, p.first_seen_at) as date) as day,
    b.month,
    b.end_month,
    p.source,
    p.country,
    p.city,
    p.work_mode,
    p.employment_type,
    p.seniority_band,
    p.role_family,
    p.pay_kind,
    coalesce((p.pay_annual_usd_min + p.pay_annual_usd_max) / 2, p.pay_annual_usd_min,
             p.pay_annual_usd_max) as annual_usd,
    coalesce((p.pay_hourly_usd_min + p.pay_hourly_usd_max) / 2, p.pay_hourly_usd_min,
             p.pay_hourly_usd_max) as hourly_usd,
    b.in_coverage,
    b.active_from
from postings as p
inner join mart_base as b on p.posting_id = b.posting_id
order by day;
