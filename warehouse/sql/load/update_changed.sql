update postings as p
set
    url = s.url,
    title = s.title,
    company = s.company,
    location_raw = s.location_raw,
    remote_raw = s.remote_raw,
    employment_raw = s.employment_raw,
    pay_raw = s.pay_raw,
    description = s.description,
    posted_at = s.posted_at,
    last_seen_at = greatest(p.last_seen_at, s.fetched_at),
    closed_at = null,
    content_hash = s.content_hash,
    last_run_id = $run_id,
    taxonomy_version = $taxonomy_version
from stage as s
where p.posting_id = s.posting_id and s.changed
