"""Landing runs made ready to write: read, and their new or changed postings normalized.

The loader prepares the next runs while it writes this one, so the normalizer processes work
through the write instead of waiting for it: which of a later run's postings need normalizing
is known before the runs ahead of it are written, from the warehouse's content hashes and the
hashes those runs will write (after a run is written, each of its postings carries its hash).
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from typing import Any, TypeAlias

import attrs
import duckdb
import polars as pl

from handoff.landing import LandingRun
from pipeline.errors import LandingFileError
from pipeline.ingest.frames import (
    POSTING_SCHEMA,
    RAW_SCHEMA,
    row_columns,
    string_lists,
    utc_times,
)
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
    raw = pl.DataFrame({k: _raw_column(k, values)
                        for k, values in zip(RAW_SCHEMA, row_columns(rows, list(RAW_SCHEMA)),
                                             strict=True)},
                       schema=RAW_SCHEMA)
    normalized = normalizing.result()
    postings = raw.join(normalized.enriched, on="posting_id", how="left").select(
        list(POSTING_SCHEMA))
    return RunFrames(postings, normalized.skills, normalized.signatures)


def _raw_column(name: str, values: list[Any]) -> Any:
    if name == "tags":
        return string_lists(values)
    if RAW_SCHEMA[name] == pl.Datetime("us", "UTC"):
        return utc_times(values)
    return values


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

    ``written_before``: the content hashes of the runs still to be written before this one (the
    loader normalizes runs while it writes the ones before): what the warehouse will hold for
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


def _hashes(entries: Iterable[Upcoming]) -> dict[str, str]:
    """The content hashes the entries' runs write, a later run's over an earlier one's."""
    merged: dict[str, str] = {}
    for entry in entries:
        prepared = entry[3]
        if isinstance(prepared, PreparedRun) and prepared.landed.rows is not None:
            merged.update({r["posting_id"]: r["content_hash"] for r in prepared.landed.rows})
    return merged


class RunsAhead:
    """The runs to load, each made ready while the ones before it are written.

    At least the next run is prepared before one is written; small runs, more of them, up to
    about ``rows_ahead`` postings in all (so that every normalizer process has work while a
    backfill of many small runs is written one by one), at most ``max_runs``.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection,
                 reads: Iterator[tuple[LandingRun, Future[ReadRun]]], normalize: Normalizer,
                 seconds: dict[str, float], *, rows_ahead: int = 8_000,
                 max_runs: int = 16) -> None:
        self.con, self.normalize, self.seconds = con, normalize, seconds
        self.reads = enumerate(reads, start=1)
        self.rows_ahead, self.max_runs = rows_ahead, max_runs
        self.queue: deque[Upcoming] = deque()

    def next(self) -> Upcoming | None:
        """The next run to write, with the runs after it being made ready meanwhile."""
        self._fill(())
        if not self.queue:
            return None
        writing = self.queue.popleft()
        self._fill((writing,))
        return writing

    def not_written(self) -> None:
        """The run :meth:`next` gave was not written after all: the runs after it were
        prepared as if it were, so they are prepared again."""
        for i, (index, run, read, _) in enumerate(self.queue):
            self.queue[i] = prepare_upcoming(
                self.con, index, run, read, self.normalize, self.seconds,
                _hashes(itertools.islice(self.queue, i)) or None)

    def _rows(self) -> int:
        return sum(len(e[3].landed.rows or ()) for e in self.queue
                   if isinstance(e[3], PreparedRun))

    def _fill(self, writing: tuple[Upcoming, ...]) -> None:
        while not self.queue or (len(self.queue) < self.max_runs
                                 and self._rows() < self.rows_ahead):
            step = next(self.reads, None)
            if step is None:
                return
            index, (run, read) = step
            before = _hashes(itertools.chain(writing, self.queue))
            self.queue.append(prepare_upcoming(self.con, index, run, read, self.normalize,
                                               self.seconds, before or None))
