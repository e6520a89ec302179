insert into postings (
    posting_id, source, source_id, url, title, company, location_raw, remote_raw,
    employment_raw, pay_raw, description, posted_at, first_seen_at, last_seen_at, closed_at,
    content_hash, last_run_id, taxonomy_version
)
select
    posting_id, source, source_id, url, title, company, location_raw, remote_raw,
    employment_raw, pay_raw, description, posted_at, fetched_at, fetched_at, null,
    content_hash, $run_id, $taxonomy_version
from stage
where not existed
