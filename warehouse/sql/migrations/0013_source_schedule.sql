-- Each source as the loader last read it from the schedule config: what Data health and
-- `jobpulse check` judge freshness by, without reading any configuration themselves.
create table source_schedule (
    source varchar primary key,
    name varchar,
    default_url varchar,
    cron varchar,
    timezone varchar,
    enabled boolean not null,
    interval_hours double,
    min_interval_hours double,
    schedule_file varchar,
    updated_at timestamptz not null
);
