-- What the sidebar filters offer, and the first and last day with postings (prepared at load).
select
    source_list as sources,
    countries,
    work_modes,
    employment_types,
    seniority_bands as seniorities,
    coalesce(cast(first_posting as date), current_date) as first_day,
    coalesce(cast(last_posting as date), current_date) as last_day
from mart_summary
union all
select [], [], [], [], [], current_date, current_date
where not exists (select 1 from mart_summary)
