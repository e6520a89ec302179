-- A posting is first seen no later than it is last seen.
select posting_id, first_seen_at, last_seen_at
from postings
where first_seen_at > last_seen_at
order by posting_id
