-- mart_skill_monthly again for the months whose counts changed (marts/020_skill_monthly.sql).
-- Its counts add up job by job, so the change is the touched jobs' counts now less their counts
-- before; the months it touches are rewritten with their totals counted again and each skill's
-- count the stored one plus its change. A month and skill without a row had a count of 0.
create or replace temp table skill_month_changes as
with gone_jobs as (
    select month, end_month, in_coverage, active_from, is_engineering(role_family) as eng
    from old_jobs
    except all
    select month, end_month, in_coverage, active_from, is_engineering(role_family)
    from new_jobs
),

come_jobs as (
    select month, end_month, in_coverage, active_from, is_engineering(role_family) as eng
    from new_jobs
    except all
    select month, end_month, in_coverage, active_from, is_engineering(role_family)
    from old_jobs
),

gone_skills as (
    select skill, month, end_month, in_coverage, active_from, is_engineering(role_family) as eng
    from old_skills
    except all
    select skill, month, end_month, in_coverage, active_from, is_engineering(role_family)
    from new_skills
),

come_skills as (
    select skill, month, end_month, in_coverage, active_from, is_engineering(role_family) as eng
    from new_skills
    except all
    select skill, month, end_month, in_coverage, active_from, is_engineering(role_family)
    from old_skills
),

units as (
    select -1 as change, null as skill, month, end_month, in_coverage, active_from, eng
    from gone_jobs
    union all
    select 1, null, month, end_month, in_coverage, active_from, eng from come_jobs
    union all
    select -1, skill, month, end_month, in_coverage, active_from, eng from gone_skills
    union all
    select 1, skill, month, end_month, in_coverage, active_from, eng from come_skills
),

spread as (
    select 'new' as basis, month, skill, change from units where in_coverage and eng
    union all
    select 'active', cast(unnest(generate_series(active_from, end_month, interval 1 month))
        as date), skill, change
    from units
    where eng and active_from is not null and end_month >= active_from
)

select basis, month, skill, sum(change) as change
from spread
group by all
having sum(change) <> 0;

create or replace temp table skill_month_scope as
select distinct basis, month from skill_month_changes;

create or replace temp table skill_month_totals as
select 'new' as basis, j.month, count(*) as postings_total
from mart_filter_jobs as j
where j.in_coverage and is_engineering(j.role_family)
    and j.month in (select month from skill_month_scope where basis = 'new')
group by j.month
union all
select 'active', s.month, count(*)
from skill_month_scope as s
inner join mart_filter_jobs as j on j.active_from <= s.month and j.end_month >= s.month
where s.basis = 'active' and is_engineering(j.role_family)
group by s.month;

create or replace temp table skill_month_counts as
select basis, month, skill, cast(sum(k) as bigint) as postings_with_skill
from (
    select m.basis, m.month, m.skill, m.postings_with_skill as k
    from mart_skill_monthly as m
    semi join skill_month_scope as s on m.basis = s.basis and m.month = s.month
    union all
    select basis, month, skill, change from skill_month_changes where skill is not null
)
group by all
having sum(k) > 0;

delete from mart_skill_monthly as m
where exists (select 1 from skill_month_scope as s where s.basis = m.basis and s.month = m.month);

insert into mart_skill_monthly
select
    w.month,
    w.basis,
    w.skill,
    s.category,
    w.postings_with_skill,
    t.postings_total,
    w.postings_with_skill / t.postings_total as share,
    wilson_low(w.postings_with_skill, t.postings_total) as ci_low,
    wilson_high(w.postings_with_skill, t.postings_total) as ci_high,
    t.postings_total < 30 or w.postings_with_skill < 5 as low_support,
    w.month >= current_month() as partial
from skill_month_counts as w
inner join skill_month_totals as t on w.basis = t.basis and w.month = t.month
left join skills as s on w.skill = s.skill;
