-- The skills that go with one skill among the filtered postings, as skill_cooccurrence
-- computes them (a skill and its parent are left out; pairs seen fewer than 5 times dropped).
with jobs as (
    select posting_id as job_id, skill
    from filtered_skills(
        $date_from, $date_to, $sources, $countries, $work_modes, $employment_types,
        $seniorities, $role_families
    )
),

total as (select count(distinct job_id) as n from jobs),

mine as (select job_id from jobs where skill = $skill),

singles as (select skill, count(*) as k from jobs group by skill),

pairs as (
    select j.skill as other_skill, count(*) as k
    from jobs as j
    inner join mine as m on j.job_id = m.job_id
    where j.skill <> $skill
    group by j.skill
    having count(*) >= 5
)

select
    p.other_skill,
    p.k as postings_both,
    (select count(*) from mine) as postings_skill,
    p.k / (select count(*) from mine) as confidence,
    (p.k / t.n) / (((select count(*) from mine) / t.n) * (s.k / t.n)) as lift
from pairs as p
inner join singles as s on p.other_skill = s.skill
cross join total as t
left join skills as a on a.skill = $skill
left join skills as o on p.other_skill = o.skill
where a.parent is distinct from p.other_skill and o.parent is distinct from $skill
order by lift desc, postings_both desc
limit $top
