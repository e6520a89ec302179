-- What the sidebar filters offer, and the first and last day with postings (prepared at load).
-- Role families: 'engineering' (every engineering family at once) and the families that occur,
-- non_engineering last.
select
    source_list as sources,
    countries,
    work_modes,
    employment_types,
    seniority_bands as seniorities,
    (
        select list_concat(['engineering'], coalesce(list(f order by f = 'non_engineering', f), []))
        from (select distinct role_family as f from mart_filter_jobs where role_family is not null)
    ) as role_families,
    coalesce(cast(first_posting as date), current_date) as first_day,
    coalesce(cast(last_posting as date), current_date) as last_day
from mart_summary
union all
select [], [], [], [], [], ['engineering'], current_date, current_date
where not exists (select 1 from mart_summary)
