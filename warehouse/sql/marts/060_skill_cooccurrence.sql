-- Skills that appear together in the last 24 months of postings, with lift
-- (P(both) / (P(a) P(b)); above 1 means more often together than chance). A skill and its
-- parent (AWS Lambda and AWS) always co-occur and are left out; pairs seen fewer than 5 times
-- are dropped. Engineering postings only (is_engineering), like the skill shares.
delete from mart_skill_cooccurrence;

insert into mart_skill_cooccurrence
with recent as (
    select b.job_id, ps.skill
    from mart_base as b
    inner join posting_skills as ps on b.posting_id = ps.posting_id
    where b.month > (select max(month) from mart_base) - interval 24 month
        and is_engineering(b.role_family)
),

total as (
    select count(*) as n from mart_base
    where month > (select max(month) from mart_base) - interval 24 month
        and is_engineering(role_family)
),

singles as (select skill, count(*) as k from recent group by skill having count(*) >= 5),

kept as (select * from recent where skill in (select skill from singles)),

-- Each pair of skills counted once (skill < other_skill), then both ways: the count of jobs
-- naming both is the same from either side, and the self-join is half as large.
half as (
    select a.skill, b.skill as other_skill, count(*) as k
    from kept as a
    inner join kept as b on a.job_id = b.job_id and a.skill < b.skill
    group by a.skill, b.skill
    having count(*) >= 5
),

pairs as (
    select skill, other_skill, k from half
    union all
    select other_skill, skill, k from half
)

select
    p.skill, p.other_skill, p.k, sa.k, sb.k, t.n,
    p.k / sa.k as confidence,
    (p.k / t.n) / ((sa.k / t.n) * (sb.k / t.n)) as lift
from pairs as p
inner join singles as sa on p.skill = sa.skill
inner join singles as sb on p.other_skill = sb.skill
cross join total as t
left join skills as s on p.skill = s.skill
left join skills as o on p.other_skill = o.skill
where s.parent is distinct from p.other_skill and o.parent is distinct from p.skill;
