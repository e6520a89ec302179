-- Aggregates prepared at load time (refreshed by every load and rebuild), so dashboard and
-- researcher queries read small tables instead of scanning every posting. The stable names
-- researchers use are the views in warehouse/sql/views/, which select from these.

create table mart_skill_monthly (
    month date not null,
    basis varchar not null,              -- 'new' (published that month) or 'active' (open then)
    skill varchar not null,
    category varchar,
    postings_with_skill bigint not null,
    postings_total bigint not null,
    share double not null,
    ci_low double not null,              -- 95% Wilson interval of share
    ci_high double not null,
    low_support boolean not null
);

create table mart_pay_by_skill (
    skill varchar not null,
    pay_kind varchar not null,           -- 'salary' or 'rate'
    pay_period varchar not null,
    employment_type varchar not null,    -- or 'all'
    market varchar not null,             -- ISO country, 'remote', or 'all'
    currency varchar not null,           -- ISO currency, or 'all' (then only USD columns)
    postings bigint not null,
    p10 decimal(18, 2), p25 decimal(18, 2), median decimal(18, 2),
    p75 decimal(18, 2), p90 decimal(18, 2),
    usd_p10 decimal(18, 2), usd_p25 decimal(18, 2), usd_median decimal(18, 2),
    usd_p75 decimal(18, 2), usd_p90 decimal(18, 2),
    annual_usd_median decimal(18, 2),
    hourly_usd_median decimal(18, 2)
);

create table mart_pay_by_seniority (
    seniority_band varchar not null,     -- entry, mid, senior, lead
    pay_kind varchar not null,
    pay_period varchar not null,
    market varchar not null,
    skill varchar not null,              -- or 'all'
    postings bigint not null,
    usd_p25 decimal(18, 2), usd_median decimal(18, 2), usd_p75 decimal(18, 2),
    annual_usd_median decimal(18, 2),
    hourly_usd_median decimal(18, 2)
);

create table mart_market_monthly (
    month date not null,
    market_type varchar not null,        -- 'country', 'city' or 'remote'
    market varchar not null,
    skill varchar not null,              -- or 'all'
    postings bigint not null,
    postings_total bigint not null,      -- postings of the market that month
    share double,
    remote_share double,
    salary_annual_usd_median decimal(18, 2),
    rate_hourly_usd_median decimal(18, 2)
);

create table mart_skill_cooccurrence (
    skill varchar not null,
    other_skill varchar not null,
    postings_both bigint not null,
    postings_skill bigint not null,
    postings_other bigint not null,
    postings_total bigint not null,
    confidence double not null,          -- P(other | skill)
    lift double not null                 -- P(both) / (P(skill) P(other))
);

create table mart_skill_movers (
    skill varchar not null,
    category varchar,
    recent_from date not null,
    recent_to date not null,
    recent_postings bigint not null,
    recent_total bigint not null,
    recent_share double not null,
    year_ago_postings bigint not null,
    year_ago_total bigint not null,
    year_ago_share double not null,
    change_pp double not null,           -- percentage points
    ratio double,
    direction varchar not null,          -- 'rising', 'falling', 'flat'
    low_support boolean not null
);
