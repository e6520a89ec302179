"""Cached read-only queries for the pages. Pages hold no SQL and never write."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import polars as pl
import streamlit as st

from warehouse.db import connect
from warehouse.sql import load_sql

CLOUD_PROVIDERS = ("AWS", "Azure", "Google Cloud")


def db_path() -> Path:
    return Path(os.environ.get("JOBPULSE_DB", "data/jobpulse.duckdb"))


@st.cache_data(ttl=300, show_spinner=False)
def query(name: str, params: dict[str, Any] | None = None, *, db: str | None = None
          ) -> pl.DataFrame:
    """Run ``warehouse/sql/<name>.sql`` read-only; results are cached for five minutes.

    The connection is opened per query and closed at once: a long-lived reader would hold
    DuckDB's file lock and stop the loader from writing.
    """
    con = connect(db or str(db_path()), read_only=True, wait_seconds=10)
    try:
        return con.sql(load_sql(name), params=params or None).pl()
    finally:
        con.close()


def skill_options() -> pl.DataFrame:
    return query("queries/skill_options")


def skill_share(skills: tuple[str, ...], basis: str = "new") -> pl.DataFrame:
    return query("queries/skill_share", {"skills": list(skills), "basis": basis})


def summary() -> dict[str, Any]:
    rows = query("queries/warehouse_summary").to_dicts()
    return rows[0] if rows else {}


def default_skills(options: pl.DataFrame, languages: int = 5) -> list[str]:
    """The top languages by postings plus the three big clouds, as far as the data has them."""
    top = options.filter(pl.col("category") == "language").head(languages)["skill"].to_list()
    present = set(options["skill"].to_list())
    return top + [c for c in CLOUD_PROVIDERS if c in present]
