-- History is append-only: a version is stored when it differs from the current one.
insert into raw_postings
select i.posting_id, i.source, i.source_id, $run_id, i.fetched_at, i.content_hash, i.item, now()
from incoming as i
inner join stage as s on i.posting_id = s.posting_id
where not s.existed or s.changed
