"""Polars schemas of what a load hands to the warehouse, and the frames that carry it.

Normalizer processes return frames, not per-posting dicts: a frame crosses a process boundary
as Arrow IPC, where thousands of small dicts of Decimals and datetimes cost the main process
more to unpickle than the workers spend normalizing.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

import attrs
import numpy as np
import polars as pl
import pyarrow as pa

from handoff.text import EPOCH
from pipeline.normalize.arrow_values import arrow_flags, arrow_numbers, arrow_texts
from pipeline.normalize.dedup import NUM_PERM
from pipeline.normalize.enrich import ENRICHED_COLUMNS

RAW_SCHEMA: dict[str, Any] = {
    "posting_id": pl.String, "source": pl.String, "source_id": pl.String, "url": pl.String,
    "title": pl.String, "company": pl.String, "location_raw": pl.String,
    "remote_raw": pl.String, "employment_raw": pl.String, "pay_raw": pl.String,
    "description": pl.String, "posted_at": pl.Datetime("us", "UTC"),
    "fetched_at": pl.Datetime("us", "UTC"), "content_hash": pl.String, "item": pl.String,
    "tags": pl.List(pl.String),
}
"""What :func:`pipeline.normalize.record.posting_row` gives for every posting of a run."""

ENRICHED_SCHEMA: dict[str, Any] = {
    "posting_id": pl.String,
    "pay_min": pl.Decimal(18, 2), "pay_max": pl.Decimal(18, 2), "pay_currency": pl.String,
    "pay_period": pl.String, "pay_period_inferred": pl.Boolean, "pay_source": pl.String,
    "pay_kind": pl.String, "pay_usd_min": pl.Decimal(18, 2), "pay_usd_max": pl.Decimal(18, 2),
    "usd_rate": pl.Decimal(18, 10), "usd_rate_date": pl.Date, "usd_rate_source": pl.String,
    "pay_annual_usd_min": pl.Decimal(18, 2), "pay_annual_usd_max": pl.Decimal(18, 2),
    "pay_hourly_usd_min": pl.Decimal(18, 2), "pay_hourly_usd_max": pl.Decimal(18, 2),
    "country": pl.String, "region": pl.String, "city": pl.String,
    "countries": pl.List(pl.String), "places": pl.String, "work_mode": pl.String,
    "remote_scope": pl.String, "seniority": pl.String, "seniority_band": pl.String,
    "employment_type": pl.String, "employment_types": pl.List(pl.String),
    "dedup_key": pl.String, "pay_currency_inferred": pl.Boolean, "pay_ir35": pl.String,
    "role_family": pl.String, "role_family_evidence": pl.String,
}
"""What the normalizers add (:data:`pipeline.normalize.enrich.ENRICHED_COLUMNS`), by posting."""

assert tuple(ENRICHED_SCHEMA)[1:] == ENRICHED_COLUMNS

POSTING_SCHEMA: dict[str, Any] = {**RAW_SCHEMA, **ENRICHED_SCHEMA}
SKILL_SCHEMA: dict[str, Any] = {"posting_id": pl.String, "skill": pl.String}
SIGNATURE_SCHEMA: dict[str, Any] = {"posting_id": pl.String, "minhash": pl.List(pl.UInt32)}


@attrs.frozen
class NormalizedFrames:
    """The normalizers' output for some postings: columns, skills and text signatures."""

    enriched: pl.DataFrame
    skills: pl.DataFrame
    signatures: pl.DataFrame

    @classmethod
    def concat(cls, parts: list[NormalizedFrames]) -> NormalizedFrames:
        if not parts:
            return cls(pl.DataFrame(schema=ENRICHED_SCHEMA), pl.DataFrame(schema=SKILL_SCHEMA),
                       pl.DataFrame(schema=SIGNATURE_SCHEMA))
        return cls(*(pl.concat([getattr(p, f) for p in parts], how="vertical")
                     for f in ("enriched", "skills", "signatures")))


def minhash_lists(matrix: np.ndarray, signed: np.ndarray | None = None) -> pa.ListArray:
    """A signature matrix (one row of ``NUM_PERM`` values per posting) as the stored ``minhash``
    lists, straight from numpy; a row not ``signed`` is null."""
    offsets = np.arange(0, matrix.shape[0] * NUM_PERM + 1, NUM_PERM, dtype=np.int32)
    return pa.ListArray.from_arrays(arrow_numbers(offsets), arrow_numbers(matrix.reshape(-1)),
                                    mask=None if signed is None else arrow_flags(~signed))


def string_lists(values: list[Any]) -> Any:
    """A list-of-strings column as one Arrow array (values and offsets): polars converts a
    Python list per row one by one, three times slower than the rest of the frame. Values it
    cannot take that way (a null row, a value that is not text) go back as they came, for
    polars' own conversion."""
    try:
        lengths = np.fromiter(map(len, values), dtype=np.int32, count=len(values))
        flat = arrow_texts(list(itertools.chain.from_iterable(values)))
    except TypeError:
        return values
    offsets = np.zeros(len(values) + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    return pl.Series(pa.ListArray.from_arrays(arrow_numbers(offsets), flat))


_MICROSECOND = timedelta(microseconds=1)


def row_columns(rows: list[dict[str, Any]], names: Sequence[str]) -> list[list[Any]]:
    """The rows' values of ``names``, column by column. One pass over the rows: reading one
    key of every row, key after key, walks a run's 50,000 row dicts once per column, and took
    twice as long (5.5 against 2.8 µs a row for the 16 raw columns)."""
    if len(names) < 2 or not rows:
        return [[row[name] for row in rows] for name in names]
    picked = map(operator.itemgetter(*names), rows)
    return [list(column) for column in zip(*picked, strict=True)]


def epoch_microseconds(values: list[datetime | None]) -> list[int | None]:
    """Aware datetimes as microseconds since the epoch (``None`` stays ``None``)."""
    return [None if v is None else (v - EPOCH) // _MICROSECOND for v in values]


def utc_times(values: list[Any]) -> Any:
    """A column of aware datetimes (or ``None``) as a UTC microsecond column, through their
    microseconds since the epoch: polars converts datetime objects one at a time, 0.069 s for
    the 50,000 of a run against 0.015 s, to the same instants (pyarrow's conversion is as fast
    but imports pandas, 0.3 s of a scheduled load's process). Values the subtraction refuses
    (naive times, not times) go back as they came, for polars."""
    try:
        micros = epoch_microseconds(values)
    except TypeError:
        return values
    return pl.Series(micros, dtype=pl.Int64).cast(pl.Datetime("us", "UTC"))
