insert into postings by name
select
    i.* exclude (fetched_at, item),
    coalesce(s.old_first_seen_at, i.fetched_at) as first_seen_at,
    greatest(coalesce(s.old_last_seen_at, i.fetched_at), i.fetched_at) as last_seen_at,
    cast(null as timestamptz) as closed_at,
    $run_id as last_run_id,
    $taxonomy_version as taxonomy_version
from incoming as i
inner join stage as s on i.posting_id = s.posting_id
where not s.existed or s.changed
