-- What the sidebar filters offer, and the first and last day with postings.
select
    list(distinct source order by source) as sources,
    list(distinct country order by country) filter (where country is not null) as countries,
    list(distinct work_mode order by work_mode) filter (where work_mode is not null)
        as work_modes,
    list(distinct employment_type order by employment_type)
        filter (where employment_type is not null) as employment_types,
    list(distinct seniority_band) filter (where seniority_band is not null) as seniorities,
    coalesce(min(cast(coalesce(posted_at, first_seen_at) as date)), current_date) as first_day,
    coalesce(max(cast(coalesce(posted_at, first_seen_at) as date)), current_date) as last_day
from postings
