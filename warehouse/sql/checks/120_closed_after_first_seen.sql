-- A posting closes (disappears from a complete listing) no earlier than it was first seen.
select posting_id, first_seen_at, last_seen_at, closed_at
from postings
where closed_at < first_seen_at
order by posting_id
