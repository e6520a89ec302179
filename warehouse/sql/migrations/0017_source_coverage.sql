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

-- Counted (in-coverage) new postings per month, source, role family and skill: what shares
-- and movers compare like for like.
create table mart_skill_source_monthly (
    month date not null,
    source varchar not null,
    role_family varchar not null,
    skill varchar not null,
    postings_with_skill bigint not null,
    postings_total bigint not null,      -- counted postings of the month, source and family
    partial boolean not null             -- the current UTC month
);

-- Monthly share per role family group and skill: pooled over every source, and standardized
-- over the sources present that month at fixed weights.
create table mart_skill_share_monthly (
    month date not null,
    role_family varchar not null,        -- a family, 'engineering' (all of them) or 'all'
    skill varchar not null,
    category varchar,
    postings_with_skill bigint not null,
    postings_total bigint not null,
    share double not null,               -- pooled
    ci_low double not null,              -- 95% Wilson interval of the pooled share
    ci_high double not null,
    std_share double,
    std_ci_low double,
    std_ci_high double,
    sources varchar[],
    low_support boolean not null,
    partial boolean not null
);

-- Movers compare like for like now: standardized over the sources present in both windows,
-- with an interval; the pooled comparison stays beside it.
drop table mart_skill_movers;

create table mart_skill_movers (
    role_family varchar not null,
    skill varchar not null,
    category varchar,
    comparison varchar not null,         -- 'year' or 'quarter'
    recent_from date not null,
    recent_to date not null,
    past_from date not null,
    past_to date not null,
    sources varchar[] not null,
    recent_postings bigint not null,
    recent_total bigint not null,
    past_postings bigint not null,
    past_total bigint not null,
    recent_share double not null,
    past_share double not null,
    change_pp double not null,
    ci_low_pp double not null,
    ci_high_pp double not null,
    significant boolean not null,
    direction varchar not null,          -- 'rising', 'falling', 'flat'
    low_support boolean not null,
    pooled_recent_postings bigint not null,
    pooled_recent_total bigint not null,
    pooled_recent_share double not null,
    pooled_past_postings bigint not null,
    pooled_past_total bigint not null,
    pooled_past_share double not null,
    pooled_change_pp double not null
);
