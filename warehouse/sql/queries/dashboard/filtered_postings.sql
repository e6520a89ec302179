-- The readers' temp macros (created on every read-only connection of the dashboard, the MCP
-- server, the API and the report, so they need no write): the filters, and "your stack". Empty lists mean "no filter", except role families:
-- none chosen means engineering postings, as the prepared views count. Dates are inclusive
-- and null means open-ended.
create or replace temp macro kept_by_filters(
    day, source, country, work_mode, employment_type, seniority_band, role_family,
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
) as
    (date_from is null or day >= date_from)
    and (date_to is null or day <= date_to)
    and (len(sources) = 0 or list_contains(sources, source))
    and (len(countries) = 0 or list_contains(countries, country))
    and (len(work_modes) = 0 or list_contains(work_modes, work_mode))
    and (len(employment_types) = 0 or list_contains(employment_types, employment_type))
    and (len(seniorities) = 0 or list_contains(seniorities, seniority_band))
    and (if(len(role_families) = 0, is_engineering(role_family),
            list_contains(role_families, role_family)));

-- The postings the sidebar filters keep. job_id, month and end_month follow
-- marts/010_base.sql so filtered numbers match the prepared views (one representative posting
-- per duplicate group); market follows the pay marts (remote work is its own market).
create or replace temp macro filtered_postings(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
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
where kept_by_filters(
    cast(coalesce(p.posted_at, p.first_seen_at) as date), p.source, p.country, p.work_mode,
    p.employment_type, p.seniority_band, p.role_family,
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
);

-- The jobs the sidebar filters keep (one representative posting each), from the prepared
-- mart_filter_jobs: the same rows as filtered_postings, with only the columns counts need.
create or replace temp macro filtered_jobs(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
) as table
select *
from mart_filter_jobs as f
where kept_by_filters(
    f.day, f.source, f.country, f.work_mode, f.employment_type, f.seniority_band, f.role_family,
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
);

-- The filtered jobs placed in their markets: a country, a city, and 'remote' for remote
-- work (a job can be in several), with its USD pay midpoints.
create or replace temp macro filtered_markets(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
) as table
with base as (
    select posting_id, job_id, month, country, city, work_mode, employment_type, pay_kind,
        annual_usd, hourly_usd
    from filtered_jobs(
        date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
        role_families
    )
)
select *, 'country' as market_type, country as market from base where country is not null
union all
select *, 'city', city || ', ' || coalesce(country, '?') from base where city is not null
union all
select *, 'remote', 'remote' from base where work_mode = 'remote'
union all
select *, 'employment', hiring_market(employment_type) from base
where hiring_market(employment_type) is not null;

-- The skills of the filtered postings (one row per job and skill), from the prepared
-- mart_filter_skills: the same postings filtered_postings keeps, without a join.
create or replace temp macro filtered_skills(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
) as table
select *
from mart_filter_skills as f
where kept_by_filters(
    f.day, f.source, f.country, f.work_mode, f.employment_type, f.seniority_band, f.role_family,
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
);

-- The Postings page's matches: the filtered jobs with one skill (null: any) whose title,
-- company or description contains a text (case-insensitive; null: any). Only a text search
-- reads the postings' text.
create or replace temp macro matching_postings(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families, wanted_skill, search_text
) as table
select f.posting_id, f.day
from filtered_jobs(
    date_from, date_to, sources, countries, work_modes, employment_types, seniorities,
    role_families
) as f
where (wanted_skill is null or f.posting_id in (
        select k.posting_id from mart_filter_skills as k where k.skill = wanted_skill))
    and (search_text is null or f.posting_id in (
        select p.posting_id from postings as p
        where contains(lower(p.title), lower(search_text))
            or contains(lower(p.company), lower(search_text))
            or contains(lower(p.description), lower(search_text))));

-- "Your stack": every engineering job (one representative posting each) where a freelancer
-- with the skills my_skills could work, with how many of those skills it names (mine).
-- Location: in my_country, or remote without a country of its own (null: anywhere).
-- remote_only keeps remote jobs, contract_only contract and freelance work. A job matches the
-- stack when mine >= least(2, len(my_skills)).
create or replace temp macro stack_jobs(my_skills, my_country, remote_only, contract_only)
as table
with mine as (
    select posting_id, count(*) as mine
    from mart_filter_skills
    where list_contains(my_skills, skill)
    group by posting_id
)
select j.*, coalesce(m.mine, 0) as mine, coalesce(m.mine, 0) >= least(2, len(my_skills))
    as matches,
    -- "Recent" counts back from the newest month the warehouse holds, not from today, so a
    -- warehouse loaded a while ago still answers.
    (select max(month) from mart_filter_jobs) as latest_month
from mart_filter_jobs as j
left join mine as m on j.posting_id = m.posting_id
where is_engineering(j.role_family)
    and (my_country is null or j.country = my_country
         or (j.work_mode = 'remote' and j.country is null))
    and (not remote_only or j.work_mode = 'remote')
    and (not contract_only or hiring_market(j.employment_type) = 'contract');
