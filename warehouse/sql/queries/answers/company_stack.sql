-- One company's stack: the skills its postings name, with how many postings (one per
-- duplicate group) and when, plus the company's totals. $company matches the name as the
-- source wrote it, case and surrounding spaces aside.
with own as (
    select
        p.posting_id,
        coalesce(p.duplicate_group_id, p.posting_id) as job,
        p.company, p.country, p.work_mode, p.first_seen_at, p.last_seen_at, p.closed_at
    from postings as p
    where lower(trim(p.company)) = lower(trim($company)) and is_engineering(p.role_family)
),

totals as (
    select
        any_value(company order by last_seen_at desc) as company,
        count(distinct job) as postings,
        count(distinct job) filter (where closed_at is null) as open_postings,
        min(first_seen_at) as first_seen,
        max(last_seen_at) as last_seen,
        list(distinct country order by country) filter (where country is not null) as countries,
        count(distinct job) filter (where work_mode = 'remote') / count(distinct job) as remote_share
    from own
)

select
    t.company, t.postings, t.open_postings, t.first_seen, t.last_seen, t.countries,
    t.remote_share, s.skill, s.postings as skill_postings, s.first_seen as skill_first_seen,
    s.last_seen as skill_last_seen
from totals as t
left join (
    select
        ps.skill,
        count(distinct o.job) as postings,
        min(o.first_seen_at) as first_seen,
        max(o.last_seen_at) as last_seen
    from own as o
    inner join posting_skills as ps on o.posting_id = ps.posting_id
    group by ps.skill
) as s on true
where t.postings > 0
order by s.postings desc nulls last, s.skill
