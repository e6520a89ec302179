-- What the marts were last refreshed from, so that a load can refresh only the months and
-- groups it touched: the landing files they include, the month that was current (partial
-- flags and month-relative windows move with it) and the taxonomy they joined. One row.
create table mart_refresh (
    updated_at timestamptz not null,
    files_loaded bigint not null,
    clock_month date not null,
    skills_digest ubigint not null
);
