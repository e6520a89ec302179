-- Pay percentiles do not add up, so a load that adds a few postings to a skill would have to
-- sort all of that skill's pay again. These tables keep what reading them again needs instead:
-- each paid job's pay as it counted (to take a changed or removed job out again) and, per row
-- of the two pay marts and pay column, how many postings had each exact value, also summed per
-- range of values (bucket) so that a percentile is found in one range's values.
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

create table mart_pay_buckets (
    bucket_id bigint not null,
    mart varchar not null,
    slice varchar not null,
    measure varchar not null,
    bucket integer not null,
    postings bigint not null
);

create table mart_pay_values (
    bucket_id bigint not null,
    value double not null,
    postings bigint not null
);

-- The tables start empty: forgetting the last refresh makes the next load refresh every mart,
-- which fills them, before any load refreshes the pay marts from them.
delete from mart_refresh;
