-- Every (posting_id, skill) pair appears once in posting_skills: a repeat would count a
-- posting twice in skill shares.
select posting_id, skill, count(*) as copies
from posting_skills
group by posting_id, skill
having count(*) > 1
order by copies desc, posting_id, skill
