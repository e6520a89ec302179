-- A run's seeking posts: new ones inserted, known ones updated in place; the first sighting
-- is kept, so loading the same run again changes nothing.
insert into seeking_posts by name
select
    i.* exclude (fetched_at),
    i.fetched_at as first_seen_at,
    i.fetched_at as last_seen_at,
    $run_id as last_run_id,
    $taxonomy_version as taxonomy_version
from incoming_seeking as i
on conflict (post_key) do update set
    thread_month = excluded.thread_month,
    location_raw = excluded.location_raw,
    country = excluded.country,
    remote_raw = excluded.remote_raw,
    remote = excluded.remote,
    relocate_raw = excluded.relocate_raw,
    relocate = excluded.relocate,
    technologies_raw = excluded.technologies_raw,
    years = excluded.years,
    seniority = excluded.seniority,
    content_hash = excluded.content_hash,
    last_seen_at = greatest(seeking_posts.last_seen_at, excluded.last_seen_at),
    last_run_id = excluded.last_run_id,
    taxonomy_version = excluded.taxonomy_version
