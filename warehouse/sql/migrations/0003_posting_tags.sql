-- Tags the source attached to a posting (strong evidence for skills), kept beside the text
-- that skills are extracted from so that a rebuild reads one table.
alter table postings add column tags varchar[];

update postings as p
set tags = cast(json_extract(r.item, '$.tags') as varchar[])
from raw_postings as r
where p.posting_id = r.posting_id and p.content_hash = r.content_hash;
