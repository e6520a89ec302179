-- History is append-only: a version is stored when it differs from the current one.
insert into raw_postings
select posting_id, source, source_id, $run_id, fetched_at, content_hash, item, now()
from stage
where not existed or changed
