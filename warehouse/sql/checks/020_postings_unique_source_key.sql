-- Every (source, source_id) appears once in postings: the source's own id names one posting.
select source, source_id, count(*) as copies, list(posting_id order by posting_id) as posting_ids
from postings
group by source, source_id
having count(*) > 1
order by copies desc, source, source_id
