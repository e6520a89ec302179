-- Every posting_id appears once in postings: the loader upserts by posting_id, so a repeat
-- means a load wrote the same posting twice and every count over postings is inflated.
select posting_id, count(*) as copies
from postings
group by posting_id
having count(*) > 1
order by copies desc, posting_id
