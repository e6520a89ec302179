"""Cached read-only queries for the pages. Pages hold no SQL and never write.

Every function takes the sidebar :class:`~dashboard.filters.Filters`. Without filters it reads
the views prepared at load time (small tables, fast at any size); with filters it runs the
``*_filtered`` twin of the query through the temp macros ``filtered_postings(...)`` and
``filtered_skills(...)`` (``queries/dashboard/filtered_postings.sql``), the filters passed as
parameters.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from dashboard.filter_values import Filters
from warehouse.db import open_snapshot, snapshot_cursor
from warehouse.sql import load_sql

CLOUD_PROVIDERS = ("AWS", "Azure", "Google Cloud")
PRESETS = {  # preset label -> skill categories in the taxonomy
    "Languages": ("language",),
    "Clouds": ("cloud",),
    "Frameworks": ("framework",),
    "Databases": ("database",),
}
# Pay type label -> (pay_kind, pay_period): one statistic never mixes salaries and rates.
PAY_TYPES = {
    "Annual salary": ("salary", "year"),
    "Hourly rate": ("rate", "hour"),
    "Day rate": ("rate", "day"),
}
MACRO = "queries/dashboard/filtered_postings"


def db_path() -> Path:
    return Path(os.environ.get("JOBPULSE_DB", "data/jobpulse.duckdb"))


_readers: dict[str, tuple[tuple[int, int, int], duckdb.DuckDBPyConnection]] = {}
_readers_lock = threading.Lock()


def reader(db: str) -> duckdb.DuckDBPyConnection:
    """A cursor on this process's read-only snapshot of the published warehouse file.

    Keeping the snapshot open keeps DuckDB's caches warm from one page view to the next (a
    fresh open per query re-reads every block it touches). The loader publishes a load by
    renaming a new file over the old one, so a new inode, size or mtime means a new
    snapshot: the next query opens it, and the old one goes once its cursors close.
    """
    try:
        stat = os.stat(db)
    except FileNotFoundError:
        return open_snapshot(db)  # raises the warehouse's own clear error
    ident = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    with _readers_lock:
        cached = _readers.get(db)
        if cached is None or cached[0] != ident:
            cached = (ident, open_snapshot(db))
            _readers[db] = cached
        return snapshot_cursor(cached[1])


@st.cache_data(ttl=300, show_spinner=False)
def query(name: str, params: dict[str, Any] | None = None, *, db: str | None = None
          ) -> pl.DataFrame:
    """Run ``warehouse/sql/<name>.sql`` read-only; results are cached for five minutes."""
    con = reader(db or str(db_path()))
    try:
        if name.startswith("queries/dashboard/"):
            # A temp macro lives in the connection only, so read-only opens may create it.
            con.execute(load_sql(MACRO))
        frame = con.sql(load_sql(name), params=params or None).pl()
    finally:
        con.close()
    # Sums and percentiles of DECIMAL columns stay DECIMAL; charts and CSV want plain floats.
    return frame.with_columns(pl.col(pl.Decimal).cast(pl.Float64))


def _dash(name: str, filters: Filters | None = None, **params: Any) -> pl.DataFrame:
    """``queries/dashboard/<name>``, or its ``_filtered`` twin when filters are set."""
    db = str(db_path())
    if filters is not None and filters.active:
        return query(f"queries/dashboard/{name}_filtered", {**filters.params(), **params},
                     db=db)
    return query(f"queries/dashboard/{name}", params or None, db=db)


def filter_options() -> dict[str, Any]:
    """Values the sidebar offers, and the data's first and last day."""
    row = _dash("filter_options").to_dicts()[0]
    row["seniorities"] = [b for b in ("entry", "mid", "senior", "lead")
                          if b in (row["seniorities"] or [])]
    for key in ("sources", "countries", "work_modes", "employment_types"):
        row[key] = row[key] or []
    return row


def summary(filters: Filters) -> dict[str, Any]:
    rows = _dash("summary", filters).to_dicts()
    return rows[0] if rows else {}


def skill_options() -> pl.DataFrame:
    """skill, category, postings (new postings ever), most common first."""
    return _dash("skill_options")


def default_skills(options: pl.DataFrame, languages: int = 5) -> list[str]:
    """The top languages by postings plus the three big clouds, as far as the data has them."""
    top = options.filter(pl.col("category") == "language").head(languages)["skill"].to_list()
    present = set(options["skill"].to_list())
    return top + [c for c in CLOUD_PROVIDERS if c in present]


def preset_skills(options: pl.DataFrame, preset: str, n: int = 6) -> list[str]:
    categories = PRESETS[preset]
    return options.filter(pl.col("category").is_in(categories)).head(n)["skill"].to_list()


def skill_share(filters: Filters, skills: tuple[str, ...], basis: str = "new"
                ) -> pl.DataFrame:
    """month, skill, share, ci_low, ci_high, postings_with_skill, postings_total, low_support."""
    return _dash("skill_share", filters, skills=list(skills), basis=basis)


def pay_currencies(filters: Filters) -> pl.DataFrame:
    return _dash("pay_currencies", filters)


def _pay(name: str, filters: Filters, stated_only: bool, *, prepared: bool = True,
         **params: Any) -> pl.DataFrame:
    """A pay query; postings whose period was inferred are left out when ``stated_only``.

    The prepared views count every posting with pay, so leaving some out, a filter, or a
    figure the view does not hold (``prepared`` False) reads the postings instead.
    """
    if prepared and not stated_only and not filters.active:
        return query(f"queries/dashboard/{name}", params, db=str(db_path()))
    return query(f"queries/dashboard/{name}_filtered",
                 {**filters.params(), **params, "stated_only": stated_only}, db=str(db_path()))


def pay_by_skill(filters: Filters, skills: tuple[str, ...], pay_type: str,
                 currency: str | None, stated_only: bool = False) -> pl.DataFrame:
    """Percentiles per skill of one pay type, in USD (``currency`` None) or one currency."""
    kind, period = PAY_TYPES[pay_type]
    return _pay("pay_skill", filters, stated_only, skills=list(skills), kind=kind,
                period=period, currency=currency)


def pay_by_market(filters: Filters, skills: tuple[str, ...], pay_type: str,
                  currency: str | None, stated_only: bool = False) -> pl.DataFrame:
    kind, period = PAY_TYPES[pay_type]
    return _pay("pay_market", filters, stated_only, skills=list(skills), kind=kind,
                period=period, currency=currency)


def pay_by_seniority(filters: Filters, skills: tuple[str, ...], pay_type: str,
                     currency: str | None, stated_only: bool = False) -> pl.DataFrame:
    kind, period = PAY_TYPES[pay_type]
    # The prepared view is USD only; one currency is computed from the postings.
    return _pay("pay_seniority", filters, stated_only, prepared=currency is None,
                skills=list(skills), kind=kind, period=period, currency=currency)


def market_options(filters: Filters) -> pl.DataFrame:
    """market_type, market, postings; biggest first."""
    return _dash("market_options", filters)


def market_monthly(filters: Filters, markets: tuple[str, ...]) -> pl.DataFrame:
    return _dash("market_monthly", filters, markets=list(markets))


def market_skills(filters: Filters, markets: tuple[str, ...], top: int = 10) -> pl.DataFrame:
    return _dash("market_skills", filters, markets=list(markets), top=top)


def skill_markets(filters: Filters, skill: str, top: int = 12) -> pl.DataFrame:
    return _dash("skill_markets", filters, skill=skill, top=top)


def skill_pay(filters: Filters, skill: str) -> pl.DataFrame:
    return _dash("skill_pay", filters, skill=skill)


def cooccurrence(filters: Filters, skill: str, top: int = 15) -> pl.DataFrame:
    return _dash("cooccurrence", filters, skill=skill, top=top)


def movers(role: str) -> pl.DataFrame:
    """Every skill's like-for-like change for a role group (``skill_movers``)."""
    return query("queries/dashboard/trend_movers", {"role": role}, db=str(db_path()))


def trend_share(role: str, skills: tuple[str, ...], pooled: bool) -> pl.DataFrame:
    """Monthly share of a role group's counted postings: standardized, or pooled."""
    return query("queries/dashboard/trend_share",
                 {"role": role, "skills": list(skills), "pooled": pooled}, db=str(db_path()))


def source_mix(role: str) -> pl.DataFrame:
    """Counted postings per month and source of a role group."""
    return query("queries/dashboard/trend_mix", {"role": role}, db=str(db_path()))


def postings(filters: Filters, *, skill: str | None, search: str | None, limit: int,
             offset: int) -> pl.DataFrame:
    """One page of postings, newest first. Always from ``postings``: it is the drill-down."""
    return query("queries/dashboard/postings",
                 {**filters.params(), "skill": skill, "search": search or None,
                  "limit": limit, "offset": offset}, db=str(db_path()))


def postings_count(filters: Filters, *, skill: str | None, search: str | None) -> int:
    frame = query("queries/dashboard/postings_count",
                  {**filters.params(), "skill": skill, "search": search or None},
                  db=str(db_path()))
    return int(frame["postings"][0])


def runs(filters: Filters, limit: int = 500) -> pl.DataFrame:
    return query("queries/dashboard/health_runs",
                 {"sources": list(filters.sources), "limit": limit}, db=str(db_path()))


def run_errors(filters: Filters) -> pl.DataFrame:
    return query("queries/dashboard/health_errors", {"sources": list(filters.sources)},
                 db=str(db_path()))


def source_coverage(filters: Filters) -> pl.DataFrame:
    return query("queries/dashboard/health_coverage", {"sources": list(filters.sources)},
                 db=str(db_path()))


def source_status() -> pl.DataFrame:
    return query("queries/dashboard/health_sources", db=str(db_path()))
