"""Normalize postings (pay, places, roles, skills, text signature) here or on every core.

Normalizing is pure Python and CPU-bound, so a large load splits it over one process per core;
small loads stay in-process, where starting workers (each loads the taxonomy, the city list and
the ECB history) would cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from typing import Any

import polars as pl

from handoff.collector import collect_rarely
from handoff.text import EPOCH
from pipeline.ingest.frames import (
    ENRICHED_SCHEMA,
    SIGNATURE_SCHEMA,
    SKILL_SCHEMA,
    NormalizedFrames,
    epoch_microseconds,
    minhash_lists,
    row_columns,
    string_lists,
)
from pipeline.normalize.dedup import signature_matrix
from pipeline.normalize.enrich import ENRICHED_COLUMNS, ITEM_FIELDS, enrich
from pipeline.normalize.money import DEFAULT_WORK_YEAR, WorkYear
from pipeline.normalize.skills import SkillExtractor
from pipeline.normalize.skills.stored_extractor import stored_extractor

CHUNK = 2_000
_worker_state: tuple[SkillExtractor, WorkYear] | None = None


def normalize_rows(rows: list[dict[str, Any]], extractor: SkillExtractor,
                   work_year: WorkYear = DEFAULT_WORK_YEAR) -> NormalizedFrames:
    """The rows' normalized columns, skills and text signatures, as frames."""
    enriched = [enrich(row, row["raw_item"], work_year) for row in rows]
    columns: dict[str, Any] = {"posting_id": [row["posting_id"] for row in rows]}
    for name in ENRICHED_COLUMNS:
        values = [e[name] for e in enriched]
        columns[name] = string_lists(values) if name in _LIST_COLUMNS else values
    skill_ids: list[str] = []
    skills: list[str] = []
    for row in rows:
        found = extractor.extract(row["description"], title=row["title"], tags=row["tags"],
                                  company=row["company"])
        skill_ids.extend([row["posting_id"]] * len(found))
        skills.extend(found)
    return NormalizedFrames(
        pl.DataFrame(columns, schema=ENRICHED_SCHEMA),
        pl.DataFrame({"posting_id": skill_ids, "skill": skills}, schema=SKILL_SCHEMA),
        pl.DataFrame({"posting_id": columns["posting_id"],
                      "minhash": _signature_column([row["description"] for row in rows])},
                     schema=SIGNATURE_SCHEMA),
    )


_LIST_COLUMNS = frozenset(name for name, dtype in ENRICHED_SCHEMA.items()
                          if dtype == pl.List(pl.String))


def _signature_column(texts: list[str]) -> pl.Series:
    """The bodies' text signatures as one list column straight from the numpy matrix: a Python
    list of 64 ints per posting costs more to build and to convert than the hashing itself."""
    matrix, signed = signature_matrix(texts)
    return pl.Series("minhash", minhash_lists(matrix, signed), dtype=pl.List(pl.UInt32))


def _init_worker(taxonomy_path: str | None, work_year: WorkYear) -> None:
    global _worker_state
    _worker_state = (stored_extractor(taxonomy_path), work_year)
    collect_rarely()


def _normalize_chunk(columns: dict[str, list[Any]]) -> NormalizedFrames:
    assert _worker_state is not None
    return normalize_rows(taken_over(columns), *_worker_state)


HANDED_FIELDS = ("posting_id", "title", "company", "location_raw", "remote_raw",
                 "employment_raw", "pay_raw", "description", "tags")
"""The posting row's columns the normalizers read, beside its two times and ``ITEM_FIELDS``
of its raw item: nothing else of a row crosses the pipe (the raw JSON text and most of the
parsed item, the description a second time, would double it)."""
_TIMES = ("posted_at", "fetched_at")


def handed_over(rows: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """What a worker needs of ``rows``, column by column, its times as microseconds since the
    epoch: a datetime is pickled through its reduce method, which cost more than the rest of a
    posting (3 of 15 µs each, where the whole hand-over now costs 4)."""
    *fields, posted, fetched, items = row_columns(rows, (*HANDED_FIELDS, *_TIMES, "raw_item"))
    columns: dict[str, list[Any]] = dict(zip(HANDED_FIELDS, fields, strict=True))
    columns["posted_at"] = epoch_microseconds(posted)
    columns["fetched_at"] = epoch_microseconds(fetched)
    columns["raw_item"] = [{k: item[k] for k in ITEM_FIELDS if k in item} for item in items]
    return columns


def taken_over(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The rows :func:`handed_over` gave, as the normalizers read them (the same times)."""
    times = {name: [None if v is None else EPOCH + timedelta(microseconds=v)
                    for v in columns[name]] for name in _TIMES}
    rebuilt = {**columns, **times}
    names = list(rebuilt)
    return [dict(zip(names, values, strict=True)) for values in zip(*rebuilt.values(),
                                                                     strict=True)]


class PendingFrames:
    """Normalized frames on their way: :meth:`result` waits for them (once)."""

    def __init__(self, compute: Callable[[], NormalizedFrames]) -> None:
        self._compute: Callable[[], NormalizedFrames] | None = compute
        self._frames: NormalizedFrames | None = None

    def result(self) -> NormalizedFrames:
        if self._compute is not None:
            self._frames, self._compute = self._compute(), None
        assert self._frames is not None
        return self._frames


MIN_PARALLEL = 10_000
"""Rows a load brings before the workers start. Each worker builds the skill automaton and,
when the loading process has not yet, the place reference (about 1 s in all): measured on two
cores, a single run of 6,000 postings loads 9% slower through the workers, one of 10,000 at
the same rate or faster, one of 12,000 9% faster; the demo's 18,000 postings in 21 runs load
in 8.4-8.8 s instead of 9.8-10.0 s (with 20,000 here)."""


class Normalizer:
    """Callable over rows; uses a pool of processes once a load has brought ``min_parallel``
    rows (started then)."""

    def __init__(self, extractor: SkillExtractor, *, taxonomy_path: str | None = None,
                 work_year: WorkYear = DEFAULT_WORK_YEAR, workers: int | None = None,
                 min_parallel: int = MIN_PARALLEL) -> None:
        self.extractor = extractor
        self.taxonomy_path = taxonomy_path
        self.work_year = work_year
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.min_parallel = min_parallel
        self._pool: ProcessPoolExecutor | None = None
        self._rows_started = 0

    def __call__(self, rows: list[dict[str, Any]]) -> NormalizedFrames:
        return self.start(rows).result()

    def start(self, rows: list[dict[str, Any]]) -> PendingFrames:
        """Start normalizing ``rows``: on the workers once ``min_parallel`` rows have been
        started (they then run while the caller goes on: the loader writes the run before);
        until then in-process, when the result is asked for."""
        # Many small runs (a backfill) add up: once this load has brought min_parallel rows,
        # every batch goes to the workers.
        self._rows_started += len(rows)
        if self.workers <= 1 or not rows or (self._pool is None
                                             and self._rows_started < self.min_parallel):
            return PendingFrames(lambda: normalize_rows(rows, self.extractor, self.work_year))
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                             initargs=(self.taxonomy_path, self.work_year))
        pool = self._pool
        futures = [pool.submit(_normalize_chunk, handed_over(rows[i : i + CHUNK]))
                   for i in range(0, len(rows), CHUNK)]
        return PendingFrames(lambda: NormalizedFrames.concat([f.result() for f in futures]))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
