-- Postings, sources and date span of the filtered postings.
select
    count(*) as postings,
    count(distinct source) as sources,
    min(coalesce(posted_at, first_seen_at)) as first_posting,
    max(coalesce(posted_at, first_seen_at)) as last_posting
from filtered_postings(
    $date_from, $date_to, $sources, $countries, $work_modes, $employment_types, $seniorities, $role_families
)
