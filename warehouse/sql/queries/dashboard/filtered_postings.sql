-- The postings the sidebar filters keep, as a temp macro (created on every read-only
-- connection of the dashboard, so it needs no write). Empty lists mean "no filter"; dates are
-- inclusive and null means open-ended. job_id, month and end_month follow marts/010_base.sql
-- so filtered numbers match the prepared views (one representative posting per duplicate
-- group); market follows the pay marts (remote work is its own market).
create or replace temp macro filtered_postings(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities
) as table
select
    p.*,
    coalesce(p.duplicate_group_id, p.posting_id) as job_id,
    cast(date_trunc('month', coalesce(p.posted_at, p.first_seen_at)) as date) as month,
    cast(date_trunc('month', case
        when p.source in ('hn', 'hn_freelance') then coalesce(p.posted_at, p.first_seen_at)
        else greatest(coalesce(p.closed_at, p.last_seen_at), coalesce(p.posted_at, p.first_seen_at))
    end) as date) as end_month,
    case when p.work_mode = 'remote' then 'remote' else coalesce(p.country, 'unknown') end
        as pay_market
from postings as p
semi join mart_representatives as r on p.posting_id = r.posting_id
where (date_from is null or cast(coalesce(p.posted_at, p.first_seen_at) as date) >= date_from)
    and (date_to is null or cast(coalesce(p.posted_at, p.first_seen_at) as date) <= date_to)
    and (len(sources) = 0 or list_contains(sources, p.source))
    and (len(countries) = 0 or list_contains(countries, p.country))
    and (len(work_modes) = 0 or list_contains(work_modes, p.work_mode))
    and (len(employment_types) = 0 or list_contains(employment_types, p.employment_type))
    and (len(seniorities) = 0 or list_contains(seniorities, p.seniority_band));

-- The jobs the sidebar filters keep (one representative posting each), from the prepared
-- mart_filter_jobs: the same rows as filtered_postings, with only the columns counts need.
create or replace temp macro filtered_jobs(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities
) as table
select *
from mart_filter_jobs as f
where (date_from is null or f.day >= date_from)
    and (date_to is null or f.day <= date_to)
    and (len(sources) = 0 or list_contains(sources, f.source))
    and (len(countries) = 0 or list_contains(countries, f.country))
    and (len(work_modes) = 0 or list_contains(work_modes, f.work_mode))
    and (len(employment_types) = 0 or list_contains(employment_types, f.employment_type))
    and (len(seniorities) = 0 or list_contains(seniorities, f.seniority_band));

-- The filtered jobs placed in their markets: a country, a city, and 'remote' for remote
-- work (a job can be in several), with its USD pay midpoints.
create or replace temp macro filtered_markets(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities
) as table
with base as (
    select posting_id, job_id, month, country, city, work_mode, pay_kind, annual_usd,
        hourly_usd
    from filtered_jobs(
        date_from, date_to, sources, countries, work_modes, employment_types, seniorities
    )
)
select *, 'country' as market_type, country as market from base where country is not null
union all
select *, 'city', city || ', ' || coalesce(country, '?') from base where city is not null
union all
select *, 'remote', 'remote' from base where work_mode = 'remote';

-- The skills of the filtered postings (one row per job and skill), from the prepared
-- mart_filter_skills: the same postings filtered_postings keeps, without a join.
create or replace temp macro filtered_skills(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities
) as table
select *
from mart_filter_skills as f
where (date_from is null or f.day >= date_from)
    and (date_to is null or f.day <= date_to)
    and (len(sources) = 0 or list_contains(sources, f.source))
    and (len(countries) = 0 or list_contains(countries, f.country))
    and (len(work_modes) = 0 or list_contains(work_modes, f.work_mode))
    and (len(employment_types) = 0 or list_contains(employment_types, f.employment_type))
    and (len(seniorities) = 0 or list_contains(seniorities, f.seniority_band));
