-- The record of applied migrations (created before the first one runs).
create table if not exists _migrations (name varchar primary key, applied_at timestamptz not null)
