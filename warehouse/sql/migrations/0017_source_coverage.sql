-- When each source could see demand (its coverage window), and the current month marked
-- partial in the skill shares. Filled at every mart refresh (warehouse/sql/marts/), so the
-- windows Data health shows are exactly the ones the shares were counted with.

create table mart_source_coverage (
    source varchar not null,
    kind varchar not null,               -- 'thread' (monthly threads) or 'snapshot'
    coverage_from timestamptz,           -- null: no covered run yet, nothing counts as demand
    undated_from timestamptz,            -- undated postings count when first seen after this
    coverage_to timestamptz,
    covered_months date[],
    runs bigint not null,
    good_runs bigint not null,
    complete_runs bigint not null,       -- ok, verified, complete listing
    postings_demand bigint not null,     -- jobs counted as that month's demand
    postings_carried bigint not null     -- jobs kept as postings, not counted in shares
);

alter table mart_skill_monthly add column partial boolean not null default false;
