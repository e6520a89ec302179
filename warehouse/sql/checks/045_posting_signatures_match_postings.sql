-- One signature row per posting at most, and none for a posting that is gone: a stray or
-- repeated signature would pair postings that no longer exist.
select s.posting_id, count(*) as copies, bool_or(p.posting_id is null) as no_posting
from posting_signatures as s
left join (select distinct posting_id from postings) as p on s.posting_id = p.posting_id
group by s.posting_id
having count(*) > 1 or bool_or(p.posting_id is null)
order by s.posting_id
