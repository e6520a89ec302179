"""The SQL page's runner: ``warehouse.readonly`` plus a row limit and a time limit.

``warehouse.readonly`` supplies the guarantees (read-only open, a single SELECT, external access
off and the configuration locked). This adds the time limit: DuckDB has no statement timeout,
so a timer thread calls ``con.interrupt()``, which makes the running query raise.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from warehouse.readonly import QueryError, check_read_only, open_read_only, run_query

EXAMPLES = {
    "Top skills of the last 12 months": """\
select skill, category, sum(postings_with_skill) as postings
from skill_monthly_share
where basis = 'new' and month >= (select max(month) from skill_monthly_share) - interval 11 month
group by skill, category
order by postings desc
limit 20""",
    "Monthly share of Python, Go and Rust": """\
select month, skill, round(share * 100, 2) as share_pct, postings_with_skill, postings_total
from skill_monthly_share
where basis = 'new' and skill in ('Python', 'Go', 'Rust')
order by month, skill""",
    "Median annual salary (USD) by skill": """\
select skill, postings, usd_median
from pay_by_skill
where pay_kind = 'salary' and pay_period = 'year' and market = 'all'
  and employment_type = 'all' and currency = 'all' and postings >= 20
order by usd_median desc
limit 25""",
    "Skills that go with Kubernetes": """\
select other_skill, postings_both, round(confidence, 3) as confidence, round(lift, 2) as lift
from skill_cooccurrence
where skill = 'Kubernetes'
order by lift desc
limit 15""",
    "Postings per source and work mode": """\
select source, coalesce(work_mode, 'unknown') as work_mode, count(*) as postings
from postings_dedup
group by all
order by source, postings desc""",
    "Crawl runs with errors": """\
select started_at, source, status, items_seen, error_count, errors
from crawl_runs
where error_count > 0
order by started_at desc""",
}


class QueryTimeout(QueryError):
    """The query ran past its time limit and was interrupted."""


@dataclass(frozen=True)
class ConsoleResult:
    frame: pl.DataFrame
    truncated: bool  # the query had more rows than the limit
    seconds: float


def _unique(names: list[str]) -> list[str]:
    # A query may repeat a column name (``select 1 a, 2 a``); a frame may not.
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def _frame(columns: list[str], rows: list[tuple[object, ...]]) -> pl.DataFrame:
    names = _unique(columns)
    try:
        return pl.DataFrame(rows, schema=names, orient="row", strict=False,
                            infer_schema_length=None)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        # Types Polars cannot hold as they are (e.g. mixed structs) are shown as text.
        return pl.DataFrame([tuple(None if v is None else str(v) for v in r) for r in rows],
                            schema=names, orient="row")


def run(db: str | Path, sql: str, *, limit: int, seconds: float) -> ConsoleResult:
    """Run one read-only query with at most ``limit`` rows and ``seconds`` of run time."""
    check_read_only(sql)  # reject writes before opening anything
    con = open_read_only(db)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    started = time.monotonic()
    timer.start()
    try:
        result = run_query(con, sql, limit=limit)
    except QueryError as exc:
        if timed_out.is_set():
            raise QueryTimeout(f"stopped after the time limit of {seconds:g} s") from exc
        raise
    finally:
        timer.cancel()
        con.close()
    return ConsoleResult(_frame(result.columns, result.rows), result.truncated,
                         time.monotonic() - started)
