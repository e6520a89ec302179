-- Pay percentiles do not add up, so a load that adds a few postings to a skill would have to
-- sort all of that skill's pay again. These tables keep what they need instead: each paid job's
-- pay as it counted (to take a changed or removed job out again) and, per row of the two pay
-- marts, how many postings had each exact pay, from which the percentiles are read again.
create table mart_pay_postings (
    posting_id varchar not null,
    pay_kind varchar not null,
    pay_period varchar not null,
    pay_period_inferred boolean,
    employment_type varchar not null,
    market varchar not null,
    currency varchar not null,
    seniority_band varchar,
    amount double,
    usd double,
    annual_usd double,
    hourly_usd double
);

create table mart_pay_skill_values (
    skill varchar not null,
    pay_kind varchar not null,
    pay_period varchar not null,
    employment_type varchar not null,
    market varchar not null,
    currency varchar not null,
    amount double,
    usd double,
    annual_usd double,
    hourly_usd double,
    postings bigint not null,
    period_inferred_postings bigint not null
);

create table mart_pay_seniority_values (
    seniority_band varchar not null,
    pay_kind varchar not null,
    pay_period varchar not null,
    market varchar not null,
    skill varchar not null,
    usd double,
    annual_usd double,
    hourly_usd double,
    postings bigint not null,
    period_inferred_postings bigint not null
);
