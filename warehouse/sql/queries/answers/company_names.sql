-- Company names that contain $text (case aside), most postings first: suggestions for a name
-- that matched no company exactly.
select company, count(*) as postings
from postings
where company ilike '%' || $text || '%'
group by company
order by postings desc, company
limit 10
