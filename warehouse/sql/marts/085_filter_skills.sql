-- One row per (job, skill) for the representative posting of each job, with the filter
-- dimensions and months of marts/010_base.sql. Sorted by skill so that a query for a few
-- skills skips most of the table.
delete from mart_filter_skills;

insert into mart_filter_skills by name
select
    ps.posting_id,
    ps.skill,
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
    b.in_coverage,
    b.active_from
from posting_skills as ps
inner join mart_base as b on ps.posting_id = b.posting_id
inner join postings as p on ps.posting_id = p.posting_id
order by ps.skill, b.month;
