-- One row per job (its representative posting) with the dimensions the dashboard filters on
-- and the USD pay midpoints the market queries use, so that filtered totals scan one narrow
-- table instead of semi-joining every posting with mart_representatives.
create table mart_filter_jobs (
    posting_id varchar not null,
    job_id varchar not null,
    day date not null,
    month date not null,
    end_month date not null,
    source varchar not null,
    country varchar,
    city varchar,
    work_mode varchar,
    employment_type varchar,
    seniority_band varchar,
    pay_kind varchar,
    annual_usd double,
    hourly_usd double
);
