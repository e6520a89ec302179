-- Every posting_skills row points at an existing posting and at a skill of the taxonomy in
-- skills (there are no foreign keys: the loader replaces rows in bulk).
select
    ps.posting_id,
    ps.skill,
    case
        when p.posting_id is null and s.skill is null then 'no posting, no skill'
        when p.posting_id is null then 'no posting'
        else 'no skill'
    end as problem
from posting_skills as ps
left join (select distinct posting_id from postings) as p on ps.posting_id = p.posting_id
left join skills as s on ps.skill = s.skill
where p.posting_id is null or s.skill is null
order by ps.posting_id, ps.skill
