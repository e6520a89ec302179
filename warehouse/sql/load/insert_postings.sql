insert into postings by name
select
    * exclude (fetched_at, item, old_hash, old_first_seen_at, old_last_seen_at, existed, changed),
    coalesce(old_first_seen_at, fetched_at) as first_seen_at,
    greatest(coalesce(old_last_seen_at, fetched_at), fetched_at) as last_seen_at,
    cast(null as timestamptz) as closed_at,
    $run_id as last_run_id,
    $taxonomy_version as taxonomy_version
from stage
where not existed or changed
