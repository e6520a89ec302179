-- Monthly share of postings per skill, new and active, with a 95% Wilson interval. Support is
-- low below 30 postings in the month or 5 with the skill. Only jobs inside their source's
-- coverage window count (010_base.sql): new ones when published in it, active ones from the
-- month the window opened. The current month is partial until it ends. Engineering postings
-- only (is_engineering): the per-role-family shares are in mart_skill_share_monthly.
--
-- Active counts are running totals of changes: a job adds one in the month it opens and takes
-- one away in the month after its last, so a job open for two years costs two rows, not 24.
delete from mart_skill_monthly;

insert into mart_skill_monthly
with new_jobs as (
    select posting_id, month from mart_base where in_coverage and is_engineering(role_family)
),

active_jobs as (
    select posting_id, active_from as month, end_month
    from mart_base
    where active_from is not null and end_month >= active_from and is_engineering(role_family)
),

new_skills as (
    select b.month, ps.skill
    from new_jobs as b
    inner join posting_skills as ps on b.posting_id = ps.posting_id
),

job_skills as (
    select b.month, b.end_month, ps.skill
    from active_jobs as b
    inner join posting_skills as ps on b.posting_id = ps.posting_id
),

-- Every month from the first opening to the last end: a month in a gap still has open jobs.
months as (
    select cast(unnest(generate_series(min(month), max(end_month), interval 1 month)) as date)
        as month
    from active_jobs
),

total_changes as (
    select month, sum(change) as change
    from (
        select month, 1 as change from active_jobs
        union all
        select cast(end_month + interval 1 month as date), -1 from active_jobs
    )
    group by month
),

skill_changes as (
    select skill, month, sum(change) as change
    from (
        select skill, month, 1 as change from job_skills
        union all
        select skill, cast(end_month + interval 1 month as date), -1 from job_skills
    )
    group by skill, month
),

active_totals as (
    select
        m.month,
        cast(sum(coalesce(c.change, 0)) over (order by m.month) as bigint) as postings_total
    from months as m
    left join total_changes as c on m.month = c.month
),

active_with_skill as (
    select
        k.skill,
        m.month,
        cast(sum(coalesce(c.change, 0)) over (partition by k.skill order by m.month) as bigint)
            as postings_with_skill
    from (select distinct skill from skill_changes) as k
    cross join months as m
    left join skill_changes as c on k.skill = c.skill and m.month = c.month
),

counted as (
    select 'new' as basis, s.month, s.skill, s.postings_with_skill, t.postings_total
    from (
        select month, skill, count(*) as postings_with_skill from new_skills group by all
    ) as s
    inner join (select month, count(*) as postings_total from new_jobs group by month) as t
        on s.month = t.month
    union all
    select 'active', s.month, s.skill, s.postings_with_skill, t.postings_total
    from active_with_skill as s
    inner join active_totals as t on s.month = t.month
    where s.postings_with_skill > 0
)

select
    w.month,
    w.basis,
    w.skill,
    s.category,
    w.postings_with_skill,
    w.postings_total,
    w.postings_with_skill / w.postings_total as share,
    wilson_low(w.postings_with_skill, w.postings_total) as ci_low,
    wilson_high(w.postings_with_skill, w.postings_total) as ci_high,
    w.postings_total < 30 or w.postings_with_skill < 5 as low_support,
    w.month >= current_month() as partial
from counted as w
left join skills as s on w.skill = s.skill;
