-- The stable names researchers and the dashboard query. Each reads a table prepared at load
-- time (warehouse/sql/marts/), so queries stay fast however many postings there are.

-- Monthly share of postings per skill. basis 'new': postings published that month; 'active':
-- postings open that month. Duplicate groups count once. ci_low/ci_high: 95% Wilson interval.
-- Only postings inside their source's coverage window count; partial: the current month.
create or replace view skill_monthly_share as
select
    month, basis, skill, category, postings_with_skill, postings_total, share, ci_low, ci_high,
    low_support, partial
from mart_skill_monthly;

-- Each source's coverage window: when it could see postings as they were published.
create or replace view source_coverage as select * from mart_source_coverage;

create or replace view pay_by_skill as select * from mart_pay_by_skill;

create or replace view pay_by_seniority as select * from mart_pay_by_seniority;

create or replace view market_monthly as select * from mart_market_monthly;

create or replace view skill_cooccurrence as select * from mart_skill_cooccurrence;

-- Skills rising and falling in demand, like for like (see marts/070_skill_movers.sql); the
-- pooled comparison beside it as pooled_*.
create or replace view skill_movers as select * from mart_skill_movers;

-- Counted new postings per month, source, role family and skill.
create or replace view skill_source_monthly as select * from mart_skill_source_monthly;

-- Monthly share per role group and skill: pooled and standardized over the sources present.
create or replace view skill_share_monthly as select * from mart_skill_share_monthly;
