-- The two long text columns, a posting's description and its raw item, are stored compressed
-- with zstd instead of DuckDB's own choice (dictionary or FSST, which it weighs segment by
-- segment). Measured on a million generated postings: the load's own CPU 139.1 -> 133.5 s,
-- the file 1.54 -> 1.05 GB; on the demo corpus, writing both columns takes 0.23 CPU-s instead
-- of 0.56 and they take a fifth of the room. Reading them back (rebuild, export) costs a
-- little more. DuckDB sets a column's compression only when its table is created, so both
-- tables are made again with the same columns, in the same order, rows in the same order.
create table raw_postings_zstd (
    posting_id varchar not null,
    source varchar not null,
    source_id varchar not null,
    run_id varchar not null,
    fetched_at timestamptz,
    content_hash varchar not null,
    item json using compression zstd not null,
    loaded_at timestamptz not null
);
insert into raw_postings_zstd select * from raw_postings;
drop table raw_postings;
alter table raw_postings_zstd rename to raw_postings;

create table postings_zstd (
    posting_id varchar not null,
    source varchar not null,
    source_id varchar not null,
    url varchar,
    title varchar,
    company varchar,
    location_raw varchar,
    remote_raw varchar,
    employment_raw varchar,
    pay_raw varchar,
    description varchar using compression zstd,
    posted_at timestamptz,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    closed_at timestamptz,
    content_hash varchar not null,
    last_run_id varchar not null,
    taxonomy_version varchar,
    pay_min decimal(18, 2),
    pay_max decimal(18, 2),
    pay_currency varchar,
    pay_period varchar,
    pay_period_inferred boolean,
    pay_source varchar,
    pay_kind varchar,
    pay_usd_min decimal(18, 2),
    pay_usd_max decimal(18, 2),
    usd_rate decimal(18, 10),
    usd_rate_date date,
    usd_rate_source varchar,
    pay_annual_usd_min decimal(18, 2),
    pay_annual_usd_max decimal(18, 2),
    pay_hourly_usd_min decimal(18, 2),
    pay_hourly_usd_max decimal(18, 2),
    country varchar,
    region varchar,
    city varchar,
    countries varchar[],
    places json,
    work_mode varchar,
    remote_scope varchar,
    seniority varchar,
    seniority_band varchar,
    employment_type varchar,
    employment_types varchar[],
    dedup_key varchar,
    duplicate_group_id varchar,
    duplicate_evidence varchar,
    tags varchar[],
    pay_currency_inferred boolean,
    pay_ir35 varchar,
    role_family varchar,
    role_family_evidence varchar
);
insert into postings_zstd select * from postings;
drop table postings;
alter table postings_zstd rename to postings;
