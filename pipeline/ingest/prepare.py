"""A landing run made ready to write: read, and its new or changed postings normalized.

The loader prepares the next run while it writes this one, so the normalizer processes work
through the write instead of waiting for it: the next run's postings that need normalizing are
known before this one is written, from the warehouse's content hashes and this run's own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import Future
from typing import Any, TypeAlias

import attrs
import duckdb
import polars as pl

from handoff.landing import LandingRun
from pipeline.errors import LandingFileError
from pipeline.ingest.frames import POSTING_SCHEMA, RAW_SCHEMA, string_lists
from pipeline.ingest.landing_read import ReadRun, read_run
from pipeline.ingest.pool import Normalizer, PendingFrames
from warehouse.load import current_hashes


@attrs.frozen
class RunFrames:
    """What one run adds to the warehouse: postings, their skills and their text signatures.

    Only new or changed postings are normalized: unchanged ones only need their sighting
    recorded, so their normalized columns stay null here (the warehouse keeps what it has)."""

    postings: pl.DataFrame
    skills: pl.DataFrame
    signatures: pl.DataFrame


def run_frames(rows: list[dict[str, Any]], normalizing: PendingFrames) -> RunFrames:
    """The run's frames, once its normalized postings (``normalizing``) are ready."""
    # Column by column: polars builds a frame from lists ~30% faster than from row dicts.
    raw = pl.DataFrame({k: string_lists([row["tags"] for row in rows]) if k == "tags"
                        else [row.get(k) for row in rows] for k in RAW_SCHEMA},
                       schema=RAW_SCHEMA)
    normalized = normalizing.result()
    postings = raw.join(normalized.enriched, on="posting_id", how="left").select(
        list(POSTING_SCHEMA))
    return RunFrames(postings, normalized.skills, normalized.signatures)


@attrs.frozen
class PreparedRun:
    """A run read, with the postings it changes (``need``) being normalized."""

    landed: ReadRun
    need: frozenset[str] = frozenset()
    normalizing: PendingFrames | None = None
    """``None`` for a supply run, which its own loader normalizes."""


def prepare_run(con: duckdb.DuckDBPyConnection, run: LandingRun, normalize: Normalizer,
                read: Future[ReadRun] | None = None,
                written_before: dict[str, str] | None = None) -> PreparedRun:
    """Read ``run`` (or take its ``read``) and start normalizing its new or changed postings.

    ``written_before``: the content hashes of a run still to be written before this one (the
    loader normalizes a run while it writes the one before): what the warehouse will hold for
    those postings then. Raises LandingFileError when the run's files cannot be read.
    """
    landed = read.result() if read is not None else read_run(run)
    if landed.rows is None:
        return PreparedRun(landed)
    rows = landed.rows
    existing = current_hashes(con, [r["posting_id"] for r in rows])
    if written_before:
        existing.update(written_before)
    need = frozenset(r["posting_id"] for r in rows
                     if existing.get(r["posting_id"]) != r["content_hash"])
    return PreparedRun(landed, need,
                       normalize.start([r for r in rows if r["posting_id"] in need]))


Upcoming: TypeAlias = tuple[int, LandingRun, "Future[ReadRun]",
                         "PreparedRun | LandingFileError"]
"""A run's number, the run, its read, and the run read and being normalized (or why it could
not be read)."""


def prepare_next(con: duckdb.DuckDBPyConnection,
                 reads: Iterator[tuple[int, tuple[LandingRun, Future[ReadRun]]]],
                 normalize: Normalizer, seconds: dict[str, float],
                 written_before: dict[str, str] | None = None) -> Upcoming | None:
    """The next of ``reads`` prepared (:func:`prepare_upcoming`); ``None`` after the last."""
    step = next(reads, None)
    if step is None:
        return None
    index, (run, read) = step
    return prepare_upcoming(con, index, run, read, normalize, seconds, written_before)


def prepare_upcoming(con: duckdb.DuckDBPyConnection, index: int, run: LandingRun,
                     read: Future[ReadRun], normalize: Normalizer, seconds: dict[str, float],
                     written_before: dict[str, str] | None = None) -> Upcoming:
    """:func:`prepare_run`, its time added to ``seconds["read"]``; a run that cannot be read
    comes back as its error, to be reported at its turn."""
    started = time.monotonic()
    try:
        prepared: PreparedRun | LandingFileError = prepare_run(con, run, normalize, read,
                                                               written_before)
    except LandingFileError as exc:
        prepared = exc
    seconds["read"] = seconds.get("read", 0.0) + time.monotonic() - started
    return index, run, read, prepared
