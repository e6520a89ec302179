-- The rows of mart_filter_skills (085) for the representative postings in mart_base: one per
-- (job, skill), with the filter dimensions and months of marts/010_base.sql. A view, so that an
-- incremental refresh can keep the rows it adds (marts_incremental/030_changes.sql) instead of
-- finding them again among millions.
create or replace temp view filter_skill_rows as
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
inner join postings as p on ps.posting_id = p.posting_id;
