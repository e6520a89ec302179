-- Current content hash of each wanted posting (registered as `wanted_ids`) the warehouse holds.
select p.posting_id, p.content_hash
from postings as p
inner join wanted_ids as w on p.posting_id = w.posting_id
