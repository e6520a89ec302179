"""A synthetic warehouse of N postings generated in SQL, for benchmarks of views and pages.

Rows are made by DuckDB itself from ``range(N)`` with hash-based choices, so a million
postings with about twelve skills each take seconds, not a long load. Skill popularity,
months (four years), markets, work modes and pay follow simple skewed distributions.
"""

from __future__ import annotations

import time
from pathlib import Path

from pipeline.ingest import taxonomy_frame
from pipeline.skills import load_taxonomy
from warehouse.db import connect
from warehouse.load import sync_skills
from warehouse.marts import refresh_marts
from warehouse.migrate import migrate

POSTINGS_SQL = """
insert into postings by name
with g as (
    select
        i,
        cast(hash(i) % 1000003 as bigint) as h1, cast(hash(i * 31 + 7) % 1000003 as bigint) as h2,
        cast(hash(i * 17 + 3) % 1000003 as bigint) as h3,
        timestamp '2022-12-01' + to_days(cast(hash(i * 13) % 1460 as integer)) as posted
    from range($n) as t(i)
)
select
    'syn:' || i as posting_id,
    ['hn', 'greenhouse', 'lever', 'ashby', 'remoteok', 'himalayas'][1 + h1 % 6] as source,
    cast(i as varchar) as source_id,
    'https://example.org/jobs/' || i as url,
    ['Senior ', 'Staff ', '', 'Junior ', 'Lead '][1 + h2 % 5]
        || ['Backend Engineer', 'Platform Engineer', 'Data Engineer', 'SRE'][1 + h3 % 4] as title,
    'Company ' || (h1 % 20000) as company,
    'Our stack changes. ' as description,
    posted as posted_at, posted as first_seen_at, posted + interval 20 day as last_seen_at,
    'h' || i as content_hash, 'synthetic' as last_run_id, 'synthetic' as taxonomy_version,
    ['US', 'US', 'US', 'GB', 'DE', 'CA', 'NL', 'FR', 'IN', 'AU', 'PL', 'ES'][1 + h2 % 12]
        as country,
    ['remote', 'onsite', 'hybrid', 'remote'][1 + h3 % 4] as work_mode,
    ['senior', 'staff', 'mid', 'junior', 'lead'][1 + h2 % 5] as seniority,
    ['senior', 'senior', 'mid', 'entry', 'lead'][1 + h2 % 5] as seniority_band,
    ['full_time', 'full_time', 'full_time', 'contract'][1 + h1 % 4] as employment_type,
    case when h3 % 10 < 4 then (case when h1 % 8 = 0 then 'rate' else 'salary' end) end
        as pay_kind,
    case when h3 % 10 < 4 then (case when h1 % 8 = 0 then 'hour' else 'year' end) end
        as pay_period,
    case when h3 % 10 < 4 then (case when h2 % 3 = 0 then 'EUR' else 'USD' end) end
        as pay_currency,
    case when h3 % 10 < 4 then cast(case when h1 % 8 = 0 then 50 + h2 % 100
        else 80000 + h2 % 120000 end as decimal(18, 2)) end as pay_min,
    case when h3 % 10 < 4 then cast(case when h1 % 8 = 0 then 80 + h2 % 100
        else 120000 + h2 % 120000 end as decimal(18, 2)) end as pay_max
from g
"""

FINISH_PAY_SQL = """
update postings set
    pay_usd_min = pay_min * case pay_currency when 'EUR' then 1.08 else 1 end,
    pay_usd_max = pay_max * case pay_currency when 'EUR' then 1.08 else 1 end,
    usd_rate = case pay_currency when 'EUR' then 1.08 else 1 end,
    pay_annual_usd_min = pay_min * case pay_period when 'hour' then 2080 else 1 end,
    pay_annual_usd_max = pay_max * case pay_period when 'hour' then 2080 else 1 end,
    pay_hourly_usd_min = pay_min / case pay_period when 'hour' then 1 else 2080 end,
    pay_hourly_usd_max = pay_max / case pay_period when 'hour' then 1 else 2080 end
where pay_min is not null
"""

SKILLS_SQL = """
insert into posting_skills
with popular as (
    select skill, row_number() over (order by hash(skill)) as r
    from skills where category in ('language', 'framework', 'database', 'cloud',
                                   'container_orchestration', 'devops_ci', 'data_analytics',
                                   'messaging_streaming', 'ai_ml')
    limit 200
)
select p.posting_id, s.skill
from postings as p
cross join popular as s
-- Skill r is picked with probability about 1/(r/8 + 1): a few very common, a long tail.
where hash(p.posting_id || s.skill) % 1000 < 1000 / (s.r / 8 + 1) * 0.9
"""


def build_synthetic_warehouse(db: Path, n: int) -> float:
    """Create ``db`` with ``n`` postings and refreshed marts; returns the marts' seconds."""
    con = connect(db)
    try:
        migrate(con)
        taxonomy = load_taxonomy()
        sync_skills(con, taxonomy_frame(taxonomy))
        con.execute(POSTINGS_SQL, {"n": n})
        con.execute(FINISH_PAY_SQL)
        con.execute(SKILLS_SQL)
        started = time.monotonic()
        refresh_marts(con)
        return time.monotonic() - started
    finally:
        con.close()
