"""The fast column builders give the columns polars' own conversion gives."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from pipeline.ingest.frames import row_columns, string_lists, utc_times

UTC_MICROSECONDS = pl.Datetime("us", "UTC")
offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))
aware = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1),
                     timezones=offsets)
naive = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1))


def _as_frame_column(values: Any, dtype: Any) -> pl.Series:
    return pl.DataFrame({"c": values}, schema={"c": dtype})["c"]


@given(st.lists(st.one_of(st.none(), aware), max_size=40))
def test_times_are_the_instants_polars_reads(values: list[dt.datetime | None]) -> None:
    fast = utc_times(values)
    assert isinstance(fast, pl.Series)
    assert _as_frame_column(fast, UTC_MICROSECONDS).equals(
        _as_frame_column(values, UTC_MICROSECONDS))


@given(st.lists(st.one_of(st.none(), aware), max_size=5), naive)
def test_naive_times_go_to_polars_as_they_came(values: list[Any], unzoned: dt.datetime) -> None:
    values = [*values, unzoned]
    assert utc_times(values) is values
    assert utc_times(["not a time"]) == ["not a time"]


@given(st.lists(st.lists(st.text(max_size=5), max_size=4), max_size=20))
def test_string_lists_are_the_lists_polars_reads(values: list[list[str]]) -> None:
    dtype = pl.List(pl.String)
    assert _as_frame_column(string_lists(values), dtype).equals(
        _as_frame_column(values, dtype))


KEYS = ["a", "b", "c", "d"]


@given(st.lists(st.fixed_dictionaries({k: st.one_of(st.none(), st.integers(), st.text())
                                       for k in KEYS}), max_size=30),
       st.lists(st.sampled_from(KEYS), max_size=6))
def test_row_columns_are_each_key_of_every_row(rows: list[dict[str, Any]],
                                               names: list[str]) -> None:
    assert row_columns(rows, names) == [[row[name] for row in rows] for name in names]
