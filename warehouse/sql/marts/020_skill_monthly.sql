-- Monthly share of postings per skill, new and active, with a 95% Wilson interval. Support is
-- low below 30 postings in the month or 5 with the skill.
delete from mart_skill_monthly;

insert into mart_skill_monthly
with counted as (
    select 'new' as basis, posting_id, job_id, month from mart_base
    union all
    select 'active' as basis, posting_id, job_id, month from mart_active
),

totals as (
    select basis, month, count(*) as postings_total
    from counted
    group by basis, month
),

with_skill as (
    select c.basis, c.month, ps.skill, count(*) as postings_with_skill
    from counted as c
    inner join posting_skills as ps on c.posting_id = ps.posting_id
    group by c.basis, c.month, ps.skill
)

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
    t.postings_total < 30 or w.postings_with_skill < 5 as low_support
from with_skill as w
inner join totals as t on w.basis = t.basis and w.month = t.month
left join skills as s on w.skill = s.skill;
