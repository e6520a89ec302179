-- The skills whose pay figures (marts/030 and 040) may have changed: those of the touched jobs
-- whose filter row or skills changed (another representative, market, employment type, band,
-- role family or USD pay) or whose posting's content was written again (`rewritten_postings`:
-- pay in its own currency and period too), before and after. 'all' stands for the rows over
-- every skill of mart_pay_by_seniority.
create or replace temp table pay_changed as
select posting_id from (
    select posting_id, pay_kind, annual_usd, hourly_usd, employment_type, country, work_mode,
        role_family, seniority_band
    from old_jobs
    except
    select posting_id, pay_kind, annual_usd, hourly_usd, employment_type, country, work_mode,
        role_family, seniority_band
    from new_jobs
)
union
select posting_id from (
    select posting_id, pay_kind, annual_usd, hourly_usd, employment_type, country, work_mode,
        role_family, seniority_band
    from new_jobs
    except
    select posting_id, pay_kind, annual_usd, hourly_usd, employment_type, country, work_mode,
        role_family, seniority_band
    from old_jobs
)
union
select posting_id from (
    select posting_id, skill from old_skills
    except
    select posting_id, skill from new_skills
)
union
select posting_id from (
    select posting_id, skill from new_skills
    except
    select posting_id, skill from old_skills
)
union
select posting_id from rewritten_postings
where posting_id in (select posting_id from new_jobs);

create or replace temp table pay_skills as
select skill from old_skills semi join pay_changed using (posting_id)
union
select skill from new_skills semi join pay_changed using (posting_id)
union
select 'all' from pay_changed having count(*) > 0;
