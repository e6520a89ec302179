-- The months of mart_market_monthly to compute again: medians do not add up, so a month whose
-- jobs changed (another representative, market, work mode, employment type, USD pay, role
-- family or skills, before or after) is computed again whole, by marts/050_market_monthly.sql
-- over a mart_base of that month's jobs only (base_reps).
create or replace temp table market_months as
select month from (
    select posting_id, month, country, city, work_mode, employment_type, pay_kind, annual_usd,
        hourly_usd, role_family
    from old_jobs
    except
    select posting_id, month, country, city, work_mode, employment_type, pay_kind, annual_usd,
        hourly_usd, role_family
    from new_jobs
)
union
select month from (
    select posting_id, month, country, city, work_mode, employment_type, pay_kind, annual_usd,
        hourly_usd, role_family
    from new_jobs
    except
    select posting_id, month, country, city, work_mode, employment_type, pay_kind, annual_usd,
        hourly_usd, role_family
    from old_jobs
)
union
select month from (
    select posting_id, skill, month from old_skills
    except
    select posting_id, skill, month from new_skills
)
union
select month from (
    select posting_id, skill, month from new_skills
    except
    select posting_id, skill, month from old_skills
);

delete from mart_market_monthly where month in (select month from market_months);

create or replace temp view base_reps as
select posting_id from mart_filter_jobs where month in (select month from market_months);
