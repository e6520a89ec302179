select
    posting_id, company, title, location_raw, description,
    cast(coalesce(posted_at, first_seen_at) as date) as day, dedup_key
from postings
