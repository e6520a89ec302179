-- Seen again unchanged: only its last sighting moves (and a closed posting reopens).
update postings as p
set
    last_seen_at = greatest(p.last_seen_at, s.fetched_at),
    closed_at = null,
    last_run_id = $run_id
from stage as s
where p.posting_id = s.posting_id and s.existed and not s.changed
