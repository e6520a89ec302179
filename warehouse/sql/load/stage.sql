-- Each incoming posting of one run beside what the warehouse holds for it. Only the keys and
-- the old values are copied; the statements that write read the wide columns from `incoming`.
create or replace temp table stage as
select
    i.posting_id,
    p.first_seen_at as old_first_seen_at,
    p.last_seen_at as old_last_seen_at,
    p.posting_id is not null as existed,
    p.posting_id is not null and p.content_hash <> i.content_hash as changed
from incoming as i
left join postings as p on i.posting_id = p.posting_id
