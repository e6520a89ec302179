-- Seen again unchanged: only its last sighting moves (and a closed posting reopens).
update postings as p
set
    last_seen_at = greatest(p.last_seen_at, i.fetched_at),
    closed_at = null,
    last_run_id = $run_id
from incoming as i
inner join stage as s on i.posting_id = s.posting_id
where p.posting_id = i.posting_id and s.existed and not s.changed
