"""The bulk writer: one crawl run's frames into the warehouse in one transaction.

The caller (``pipeline.ingest.loader``) normalizes; this module only writes. A run is applied
with its ``crawl_runs`` and ``landing_files`` records in the same transaction, so a load killed
at any point leaves either the whole run or none of it, and re-loading a recorded file is a
no-op.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import attrs
import duckdb
import polars as pl
import pyarrow as pa

from warehouse.sql import load_sql

REQUIRED_COLUMNS = ("posting_id", "source", "source_id", "fetched_at", "content_hash", "item")
"""The incoming frame holds these plus any ``postings`` columns, matched by name."""


@contextlib.contextmanager
def registered(con: duckdb.DuckDBPyConnection, **tables: pa.Table) -> Iterator[None]:
    """Arrow tables visible to SQL under the given names for the block, and gone after it."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit the block's writes together, or none of them."""
    con.execute("begin transaction")
    try:
        yield
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


@attrs.frozen
class RunRecord:
    """One crawl run, as its manifest describes it."""

    run_id: str
    source: str
    started_at: datetime | None
    finished_at: datetime | None
    status: str
    finish_reason: str | None
    pages: int
    items_seen: int
    items_dropped: int
    errors: dict[str, int]
    landing_file: str
    complete_listing: bool
    truncated: dict[str, int] = attrs.field(factory=dict)
    dropped_by_reason: dict[str, int] = attrs.field(factory=dict)
    skipped: dict[str, int] = attrs.field(factory=dict)
    """Records the spider read and did not yield, by reason (unlisted, empty_record, ...)."""
    verified: bool = False
    """The landing file matched the digest its crawl recorded (lines, bytes, SHA-256)."""
    baseline_items: float | None = None
    """The median size of the source's last good complete listings it was judged against."""
    failure: str | None = None
    """Why a failed run failed, in one line."""

    @property
    def may_close(self) -> bool:
        """Whether postings this run did not see can be closed.

        Only a clean, complete, verified, non-empty listing tells that a posting is gone: a
        file cut short, a crawl that erred, or a listing far below its usual size would close
        postings that are still open.
        """
        return (self.complete_listing and self.status == "ok" and self.verified
                and self.items_seen > 0)


@attrs.frozen
class FileRecord:
    path: str
    sha256: str
    bytes: int
    rows_read: int


@attrs.frozen
class RunCounts:
    items_new: int
    items_changed: int
    items_unchanged: int
    items_closed: int


def posting_ids_table(ids: Iterable[str]) -> pa.Table:
    """A one-column (``posting_id``) Arrow table to register and join against."""
    return pl.DataFrame({"posting_id": sorted(ids)}, schema={"posting_id": pl.String}).to_arrow()


def loaded_files(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute(load_sql("queries/loaded_files")).fetchall()}


def source_baseline(con: duckdb.DuckDBPyConnection, source: str) -> float | None:
    """Median item count of ``source``'s last five good complete listings; ``None`` if none."""
    row = con.execute(load_sql("load/source_baseline"), {"source": source}).fetchall()[0]
    return float(row[0]) if row[0] is not None else None


def current_hashes(con: duckdb.DuckDBPyConnection, posting_ids: list[str]) -> dict[str, str]:
    """Current content hash of each given posting that the warehouse already holds."""
    if not posting_ids:
        return {}
    with registered(con, wanted_ids=posting_ids_table(posting_ids)):
        return dict(con.execute(load_sql("queries/current_hashes")).fetchall())


def sync_skills(con: duckdb.DuckDBPyConnection, skills: pl.DataFrame) -> None:
    """Make the ``skills`` table the given taxonomy (columns ``skill, category, parent``)."""
    with registered(con, taxonomy_skills=skills.select("skill", "category", "parent").to_arrow()):
        con.execute(load_sql("load/sync_skills"))


def write_run(con: duckdb.DuckDBPyConnection, *, postings: pl.DataFrame,
              posting_skills: pl.DataFrame, run: RunRecord, file: FileRecord,
              signatures: pl.DataFrame, taxonomy_version: str,
              skills: pl.DataFrame | None = None,
              tagging: Tagging | None = None) -> RunCounts:
    """Apply one run atomically; return how many postings were new, changed, unchanged, closed.

    ``tagging``: what the run's skills were derived with, noted in ``taggings``."""
    missing = [c for c in REQUIRED_COLUMNS if c not in postings.columns]
    if missing:
        raise ValueError(f"postings frame lacks {missing}")
    params: dict[str, Any] = {"run_id": run.run_id, "taxonomy_version": taxonomy_version}
    with registered(con, incoming=postings.to_arrow(),
                    incoming_skills=posting_skills.select("posting_id", "skill").to_arrow(),
                    incoming_signatures=signatures.select("posting_id", "minhash").to_arrow()
                    ), transaction(con):
        if skills is not None:
            sync_skills(con, skills)
        if tagging is not None:
            con.execute(load_sql("load/note_tagging"), attrs.asdict(tagging))
        con.execute(load_sql("load/stage"))
        new, changed, unchanged = con.execute(load_sql("load/stage_counts")).fetchall()[0]
        con.execute(load_sql("load/append_raw"), {"run_id": run.run_id})
        con.execute(load_sql("load/delete_changed"))
        con.execute(load_sql("load/insert_postings"), params)
        con.execute(load_sql("load/touch_unchanged"), {"run_id": run.run_id})
        con.execute(load_sql("load/replace_skills"))
        con.execute(load_sql("load/replace_signatures"))
        closed = 0
        if run.may_close:
            closed = con.execute(
                load_sql("load/close_missing"),
                {"run_id": run.run_id, "source": run.source, "finished_at": run.finished_at},
            ).fetchall()[0][0]
        counts = RunCounts(new, changed, unchanged, closed)
        _record(con, run, file, counts)
        con.execute(load_sql("load/drop_stage"))
    return counts


def _record(con: duckdb.DuckDBPyConnection, run: RunRecord, file: FileRecord,
            counts: RunCounts) -> None:
    def as_json(counts: dict[str, int]) -> str:
        return json.dumps(counts, sort_keys=True)

    con.execute(load_sql("load/record_run"), {
        "run_id": run.run_id, "source": run.source, "started_at": run.started_at,
        "finished_at": run.finished_at, "status": run.status,
        "finish_reason": run.finish_reason, "pages": run.pages, "items_seen": run.items_seen,
        "items_new": counts.items_new, "items_changed": counts.items_changed,
        "items_unchanged": counts.items_unchanged, "items_closed": counts.items_closed,
        "items_dropped": run.items_dropped, "error_count": sum(run.errors.values()),
        "errors": as_json(run.errors), "landing_file": run.landing_file,
        "truncated": as_json(run.truncated), "dropped_by_reason": as_json(run.dropped_by_reason),
        "skipped": as_json(run.skipped), "complete_listing": run.complete_listing,
        "verified": run.verified, "baseline_items": run.baseline_items,
        "failure": run.failure,
    })
    con.execute(load_sql("load/record_file"), {
        "path": file.path, "run_id": run.run_id, "source": run.source, "sha256": file.sha256,
        "bytes": file.bytes, "rows_read": file.rows_read,
    })


SOURCE_SCHEDULE_COLUMNS = ("source", "name", "default_url", "cron", "timezone", "enabled",
                           "interval_hours", "min_interval_hours", "schedule_file")


def set_data_as_of(con: duckdb.DuckDBPyConnection, as_of: datetime) -> None:
    """Record the moment the warehouse's data describes (``warehouse_clock``)."""
    con.execute(load_sql("load/set_data_as_of"), {"as_of": as_of})


def replace_source_schedule(con: duckdb.DuckDBPyConnection, schedule: pl.DataFrame) -> None:
    """Make ``source_schedule`` the given frame (``SOURCE_SCHEDULE_COLUMNS``), atomically."""
    with registered(con, incoming_source_schedule=schedule.select(
            SOURCE_SCHEDULE_COLUMNS).to_arrow()), transaction(con):
        con.execute(load_sql("load/replace_source_schedule"))


@attrs.frozen
class Tagging:
    """What postings' skills were derived with: a digest of the taxonomy and the extraction
    code (``state_hash``), and the taxonomy as JSON."""

    state_hash: str
    taxonomy: str


def recorded_taggings(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """Every ``(state_hash, taxonomy JSON)`` that tagged postings since the last rebuild; an
    empty hash (and no taxonomy) stands for taggings no longer known."""
    return [(h, t) for h, t in con.execute(load_sql("queries/taggings")).fetchall()]


def skills_table(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The ``skills`` table as it is now (``skill, category, parent``)."""
    return con.sql(load_sql("queries/skills_table")).to_arrow_table()


def _set_tagging(con: duckdb.DuckDBPyConnection, tagging: Tagging) -> None:
    con.execute(load_sql("load/clear_taggings"))
    con.execute(load_sql("load/note_tagging"), attrs.asdict(tagging))


def replace_some_skills(con: duckdb.DuckDBPyConnection, posting_ids: pa.Table,
                        posting_skills: pl.DataFrame, skills: pl.DataFrame,
                        taxonomy_version: str, tagging: Tagging,
                        role_families: pl.DataFrame) -> None:
    """A scoped rebuild: the skills of ``posting_ids`` replaced by ``posting_skills`` (and the
    role families given), the taxonomy's skills table and version set, in one transaction."""
    with registered(con, retagged=posting_ids,
                    rebuilt_skills=posting_skills.select("posting_id", "skill").to_arrow(),
                    rebuilt_roles=role_families.to_arrow()), transaction(con):
        sync_skills(con, skills)
        con.execute(load_sql("load/replace_some_skills"))
        con.execute(load_sql("load/replace_role_families"))
        con.execute(load_sql("load/set_taxonomy_version"), {"taxonomy_version": taxonomy_version})
        _set_tagging(con, tagging)


def replace_all_skills(con: duckdb.DuckDBPyConnection, posting_skills: pl.DataFrame,
                       skills: pl.DataFrame, taxonomy_version: str,
                       role_families: pl.DataFrame | None = None,
                       tagging: Tagging | None = None) -> None:
    """Swap in a whole new ``posting_skills`` (a rebuild) in one transaction, and the postings'
    re-derived role families when given (``posting_id``, ``role_family``,
    ``role_family_evidence``)."""
    roles = role_families if role_families is not None else pl.DataFrame(
        schema={"posting_id": pl.String, "role_family": pl.String,
                "role_family_evidence": pl.String})
    with registered(con, rebuilt_skills=posting_skills.select("posting_id", "skill").to_arrow(),
                    rebuilt_roles=roles.to_arrow()), transaction(con):
        sync_skills(con, skills)
        con.execute(load_sql("load/replace_all_skills"))
        con.execute(load_sql("load/replace_role_families"))
        con.execute(load_sql("load/set_taxonomy_version"), {"taxonomy_version": taxonomy_version})
        if tagging is not None:
            _set_tagging(con, tagging)
