delete from posting_skills
where posting_id in (select posting_id from stage where changed);

insert into posting_skills
select distinct k.posting_id, k.skill
from incoming_skills as k
inner join stage as s on k.posting_id = s.posting_id
where not s.existed or s.changed
