-- Core tables. Uniqueness of postings keys is enforced by the loader and checked by
-- warehouse/sql/checks, not by indexes: DuckDB's indexes slow bulk upserts and reject
-- some updates of indexed rows within one transaction.

create table crawl_runs (
    run_id varchar primary key,
    source varchar not null,
    started_at timestamptz,
    finished_at timestamptz,
    status varchar not null,
    finish_reason varchar,
    pages integer not null default 0,
    items_seen integer not null default 0,
    items_new integer not null default 0,
    items_changed integer not null default 0,
    items_unchanged integer not null default 0,
    items_closed integer not null default 0,
    items_dropped integer not null default 0,
    error_count integer not null default 0,
    errors json,
    landing_file varchar,
    loaded_at timestamptz
);

create table landing_files (
    path varchar primary key,
    run_id varchar not null,
    source varchar not null,
    sha256 varchar not null,
    bytes bigint not null,
    rows_read integer not null,
    loaded_at timestamptz not null
);

create table raw_postings (
    posting_id varchar not null,
    source varchar not null,
    source_id varchar not null,
    run_id varchar not null,
    fetched_at timestamptz,
    content_hash varchar not null,
    item json not null,
    loaded_at timestamptz not null
);

create table postings (
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
    description varchar,
    posted_at timestamptz,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    closed_at timestamptz,
    content_hash varchar not null,
    last_run_id varchar not null,
    taxonomy_version varchar
);

create table skills (
    skill varchar primary key,
    category varchar not null,
    parent varchar
);

create table posting_skills (
    posting_id varchar not null,
    skill varchar not null
);
