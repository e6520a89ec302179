"""The supply tables' writer: one hn_seeking run into ``seeking_posts`` and its skills.

Supply posts (people seeking work) are kept apart from postings on purpose: they never enter
``postings``, ``crawl_runs`` or any mart, so no demand figure can count them
(``migrations/0023_skill_supply.sql``). A run is written in one transaction with its record in
``seeking_runs``, which is also what makes loading its file again a no-op.
"""

from __future__ import annotations

import json
from datetime import datetime

import attrs
import duckdb
import polars as pl

from warehouse.load import RunCounts, registered, transaction
from warehouse.sql import load_sql

SEEKING_SCHEMA: dict[str, type[pl.DataType] | pl.DataType] = {
    "post_key": pl.String, "source": pl.String, "thread_month": pl.Date,
    "location_raw": pl.String, "country": pl.String, "remote_raw": pl.String,
    "remote": pl.Boolean, "relocate_raw": pl.String, "relocate": pl.Boolean,
    "technologies_raw": pl.String, "years": pl.Int32, "seniority": pl.String,
    "content_hash": pl.String, "fetched_at": pl.Datetime("us", "UTC"),
}
"""The columns of an incoming run's posts (``fetched_at`` becomes first/last seen)."""


@attrs.frozen
class SeekingRun:
    """What ``seeking_runs`` records of one run."""

    run_id: str
    source: str
    landing_file: str
    status: str
    started_at: datetime | None
    finished_at: datetime | None
    items_dropped: int
    errors: dict[str, int]
    skipped: dict[str, int]
    sha256: str
    bytes: int


def loaded_seeking_files(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute(load_sql("queries/seeking_loaded_files")).fetchall()}


def write_seeking_run(con: duckdb.DuckDBPyConnection, *, posts: pl.DataFrame,
                      skills: pl.DataFrame, run: SeekingRun,
                      taxonomy_version: str) -> RunCounts:
    """Apply one run's posts and skills atomically; return new, changed and unchanged counts."""
    incoming = posts.select(list(SEEKING_SCHEMA)).to_arrow()
    with registered(con, incoming_seeking=incoming,
                    incoming_seeking_skills=skills.select("post_key", "skill").to_arrow()
                    ), transaction(con):
        new, changed, unchanged = con.execute(load_sql("load/seeking_counts")).fetchall()[0]
        if posts.height:
            con.execute(load_sql("load/seeking_upsert"),
                        {"run_id": run.run_id, "taxonomy_version": taxonomy_version})
            con.execute(load_sql("load/seeking_replace_skills"))
        con.execute(load_sql("load/seeking_record_run"), {
            "run_id": run.run_id, "source": run.source, "landing_file": run.landing_file,
            "status": run.status, "started_at": run.started_at, "finished_at": run.finished_at,
            "items_seen": posts.height, "items_new": new, "items_changed": changed,
            "items_unchanged": unchanged, "items_dropped": run.items_dropped,
            "error_count": sum(run.errors.values()),
            "errors": json.dumps(run.errors, sort_keys=True),
            "skipped": json.dumps(run.skipped, sort_keys=True),
            "sha256": run.sha256, "bytes": run.bytes,
        })
    return RunCounts(new, changed, unchanged, 0)
