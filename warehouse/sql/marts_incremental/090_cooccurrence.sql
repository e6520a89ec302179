-- mart_skill_cooccurrence again while its 24-month window stays (marts/060_skill_cooccurrence.sql;
-- a new last month computes it whole). Pair counts add up job by job: a stored pair's count
-- is its stored one plus the touched jobs' change. A pair not stored counted under 5, so only
-- one that rose is counted again; the skills whose own count changed are counted again, and
-- every lift is computed again from the counts with the new total.
create or replace temp table cooc_window as
select max(month) - interval 24 month as after from mart_filter_jobs;

create or replace temp table cooc_units as
with old_units as (
    select posting_id, skill from old_skills
    where month > (select after from cooc_window) and is_engineering(role_family)
),

new_units as (
    select posting_id, skill from new_skills
    where month > (select after from cooc_window) and is_engineering(role_family)
),

changed as (
    select posting_id from (select * from old_units except select * from new_units)
    union
    select posting_id from (select * from new_units except select * from old_units)
)

select -1 as change, posting_id, skill from old_units semi join changed using (posting_id)
union all
select 1, posting_id, skill from new_units semi join changed using (posting_id);

create or replace temp table cooc_pair_changes as
select a.skill, b.skill as other_skill, sum(a.change) as change
from cooc_units as a
inner join cooc_units as b
    on a.posting_id = b.posting_id and a.change = b.change and a.skill <> b.skill
group by all
having sum(a.change) <> 0;

create or replace temp table cooccurrence_skills as
select skill from cooc_units group by skill having sum(change) <> 0
union
select skill from cooc_pair_changes;

create or replace temp table cooc_singles as
with counted as (
    select skill, count(*) as k
    from mart_filter_skills
    where skill in (select skill from cooccurrence_skills)
        and month > (select after from cooc_window) and is_engineering(role_family)
    group by skill
)

select skill, k from counted
union all
select skill, any_value(postings_skill)
from mart_skill_cooccurrence
where skill not in (select skill from cooccurrence_skills)
group by skill;

create or replace temp table cooc_pairs as
with risen as (
    select c.skill, c.other_skill
    from cooc_pair_changes as c
    anti join mart_skill_cooccurrence as m on c.skill = m.skill and c.other_skill = m.other_skill
    where c.change > 0
),

recent as (
    select posting_id, skill
    from mart_filter_skills
    where skill in (select skill from risen union select other_skill from risen)
        and month > (select after from cooc_window) and is_engineering(role_family)
)

select m.skill, m.other_skill, cast(m.postings_both + coalesce(c.change, 0) as bigint) as k
from mart_skill_cooccurrence as m
left join cooc_pair_changes as c on m.skill = c.skill and m.other_skill = c.other_skill
union all
select q.skill, q.other_skill, count(*)
from risen as q
inner join recent as a on q.skill = a.skill
inner join recent as b on q.other_skill = b.skill and a.posting_id = b.posting_id
group by all;

delete from mart_skill_cooccurrence;

insert into mart_skill_cooccurrence
select
    p.skill, p.other_skill, p.k, sa.k, sb.k, t.n,
    p.k / sa.k as confidence,
    (p.k / t.n) / ((sa.k / t.n) * (sb.k / t.n)) as lift
from cooc_pairs as p
inner join cooc_singles as sa on p.skill = sa.skill
inner join cooc_singles as sb on p.other_skill = sb.skill
cross join (
    select count(*) as n from mart_filter_jobs
    where month > (select after from cooc_window) and is_engineering(role_family)
) as t
left join skills as s on p.skill = s.skill
left join skills as o on p.other_skill = o.skill
where p.k >= 5 and sa.k >= 5 and sb.k >= 5
    and s.parent is distinct from p.other_skill and o.parent is distinct from p.skill;
