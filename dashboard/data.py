"""Cached read-only queries for the pages. Pages hold no SQL and never write.

The questions themselves are :class:`warehouse.answers.Answers`, shared with the MCP server and
the HTTP API; this module runs them on the process's warm snapshot of the warehouse and caches
their results for five minutes.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import streamlit as st

from warehouse.answers import PAY_TYPES, Answers, default_skills, run_on
from warehouse.db import open_snapshot, snapshot_cursor

__all__ = ["PAY_TYPES", "PRESETS", "db_path", "default_skills", "preset_skills", "query"]

PRESETS = {  # preset label -> skill categories in the taxonomy
    "Languages": ("language",),
    "Clouds": ("cloud",),
    "Frameworks": ("framework",),
    "Databases": ("database",),
}


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
        return run_on(con, name, params)
    finally:
        con.close()


def _run(name: str, params: dict[str, Any] | None) -> pl.DataFrame:
    # The path is part of the cache key: a dashboard pointed at another file reads afresh.
    return query(name, params, db=str(db_path()))


_answers = Answers(_run)


def preset_skills(options: pl.DataFrame, preset: str, n: int = 6) -> list[str]:
    categories = PRESETS[preset]
    return options.filter(pl.col("category").is_in(categories)).head(n)["skill"].to_list()


filter_options = _answers.filter_options
summary = _answers.summary
skill_options = _answers.skill_options
skill_share = _answers.skill_share
pay_currencies = _answers.pay_currencies
pay_by_skill = _answers.pay_by_skill
pay_by_market = _answers.pay_by_market
pay_by_seniority = _answers.pay_by_seniority
market_options = _answers.market_options
market_monthly = _answers.market_monthly
market_skills = _answers.market_skills
skill_markets = _answers.skill_markets
skill_pay = _answers.skill_pay
cooccurrence = _answers.cooccurrence
movers = _answers.movers
trend_share = _answers.trend_share
source_mix = _answers.source_mix
postings = _answers.postings
postings_count = _answers.postings_count
runs = _answers.runs
run_errors = _answers.run_errors
source_coverage = _answers.source_coverage
source_status = _answers.source_status
dead_boards = _answers.dead_boards
skill_names = _answers.skill_names
company_list = _answers.company_list
company_stack = _answers.company_stack
company_stack_monthly = _answers.company_stack_monthly
company_open_postings = _answers.company_open_postings
companies_using = _answers.companies_using
stack = _answers.stack
skill_supply = _answers.skill_supply
