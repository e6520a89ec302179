"""Normalize postings (pay, places, roles, skills, text signature) here or on every core.

Normalizing is pure Python and CPU-bound, so a large load splits it over one process per core;
small loads stay in-process, where starting workers (each loads the taxonomy, the city list and
the ECB history) would cost more than it saves.
"""

from __future__ import annotations

import itertools
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa

from pipeline.ingest.frames import (
    ENRICHED_SCHEMA,
    SIGNATURE_SCHEMA,
    SKILL_SCHEMA,
    NormalizedFrames,
    minhash_lists,
)
from pipeline.normalize.dedup import signature_matrix
from pipeline.normalize.enrich import ENRICHED_COLUMNS, ITEM_FIELDS, enrich
from pipeline.normalize.money import DEFAULT_WORK_YEAR, WorkYear
from pipeline.normalize.skills import SkillExtractor, load_taxonomy

CHUNK = 2_000
_worker_state: tuple[SkillExtractor, WorkYear] | None = None


def normalize_rows(rows: list[dict[str, Any]], extractor: SkillExtractor,
                   work_year: WorkYear = DEFAULT_WORK_YEAR) -> NormalizedFrames:
    """The rows' normalized columns, skills and text signatures, as frames."""
    enriched = [enrich(row, row["raw_item"], work_year) for row in rows]
    columns: dict[str, Any] = {"posting_id": [row["posting_id"] for row in rows]}
    for name in ENRICHED_COLUMNS:
        values = [e[name] for e in enriched]
        columns[name] = _list_column(values) if name in _LIST_COLUMNS else values
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


def _list_column(values: list[Any]) -> Any:
    """A list-of-strings column as one Arrow array (values and offsets): polars converts a
    Python list per row one by one, three times slower than the rest of the frame."""
    try:
        lengths = np.fromiter(map(len, values), dtype=np.int32, count=len(values))
        flat = pa.array(list(itertools.chain.from_iterable(values)), type=pa.large_string())
    except (TypeError, pa.ArrowException):
        return values  # a null row or a value that is not text: polars' own conversion
    offsets = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return pl.Series(pa.ListArray.from_arrays(pa.array(offsets), flat))


def _signature_column(texts: list[str]) -> pl.Series:
    """The bodies' text signatures as one list column straight from the numpy matrix: a Python
    list of 64 ints per posting costs more to build and to convert than the hashing itself."""
    matrix, signed = signature_matrix(texts)
    return pl.Series("minhash", minhash_lists(matrix, signed), dtype=pl.List(pl.UInt32))


def _init_worker(taxonomy_path: str | None, work_year: WorkYear) -> None:
    global _worker_state
    _worker_state = (SkillExtractor(load_taxonomy(taxonomy_path)), work_year)


def _normalize_chunk(rows: list[dict[str, Any]]) -> NormalizedFrames:
    assert _worker_state is not None
    return normalize_rows(rows, *_worker_state)


class Normalizer:
    """Callable over rows; uses a pool of processes (started on first need) for big batches."""

    def __init__(self, extractor: SkillExtractor, *, taxonomy_path: str | None = None,
                 work_year: WorkYear = DEFAULT_WORK_YEAR, workers: int | None = None,
                 min_parallel: int = 20_000) -> None:
        self.extractor = extractor
        self.taxonomy_path = taxonomy_path
        self.work_year = work_year
        self.workers = workers if workers is not None else (os.cpu_count() or 1)
        self.min_parallel = min_parallel
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, rows: list[dict[str, Any]]) -> NormalizedFrames:
        if self.workers <= 1 or len(rows) < self.min_parallel:
            return normalize_rows(rows, self.extractor, self.work_year)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=_init_worker,
                                             initargs=(self.taxonomy_path, self.work_year))
        # Workers get only what the normalizers read: the raw JSON text and most of the parsed
        # item (the description a second time) would double what crosses the pipe.
        light = [{**{k: v for k, v in row.items() if k != "item"},
                  "raw_item": {k: row["raw_item"][k] for k in ITEM_FIELDS
                               if k in row["raw_item"]}}
                 for row in rows]
        chunks = [light[i : i + CHUNK] for i in range(0, len(light), CHUNK)]
        return NormalizedFrames.concat(list(self._pool.map(_normalize_chunk, chunks)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
