-- Skills that occur in postings, most common first, with their category.
select
    ps.skill,
    coalesce(s.category, 'other') as category,
    count(*) as postings
from posting_skills as ps
left join skills as s on ps.skill = s.skill
group by ps.skill, s.category
order by postings desc, ps.skill
