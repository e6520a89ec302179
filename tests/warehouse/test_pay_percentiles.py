"""Pay percentiles read from counts (marts/045_pay_values.sql, 047_pay_quantiles.sql) equal
DuckDB's ``quantile_cont`` over the postings, to the last bit.

The refreshes of the pay marts never sort a row's postings: they read each
percentile from the counts of each exact value. Here random rows (ties, one value, values near
a bucket's edge, midpoints of cent amounts, values in several buckets) are counted that way and
compared, bit for bit, with ``quantile_cont`` over the same values listed one by one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warehouse.db import connect
from warehouse.migrate import migrate
from warehouse.sql import load_sql

QUANTILES = {"p10": 0.1, "p25": 0.25, "median": 0.5, "p75": 0.75, "p90": 0.9}
SKILL_SLOTS = {**QUANTILES, **{f"usd_{k}": q for k, q in QUANTILES.items()},
               "annual_usd_median": 0.5, "hourly_usd_median": 0.5}
SENIORITY_SLOTS = {"usd_p25": 0.25, "usd_median": 0.5, "usd_p75": 0.75,
                   "annual_usd_median": 0.5, "hourly_usd_median": 0.5}
MEASURE = {"p": "amount", "u": "usd", "a": "annual_usd", "h": "hourly_usd"}


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(tmp_path_factory.mktemp("pct") / "w.duckdb")
    migrate(con)
    yield con
    con.close()


def _cents(low: int, high: int) -> st.SearchStrategy[float]:
    """Pay as loads compute it: a stated amount, the middle of a range of cent amounts, or a
    conversion (a third), so ties, half cents and long fractions all occur."""
    cents = st.integers(low, high)
    return st.one_of(
        cents.map(lambda c: c / 100),
        st.tuples(cents, cents).map(lambda r: (r[0] / 100 + r[1] / 100) / 2),
        cents.map(lambda c: c / 100 / 3),
        # Around a doubling, where one bucket ends and the next begins.
        st.sampled_from([65536.0, 65535.99, 65536.01, 131072.0, 32768.005]),
    )


values = st.one_of(_cents(100, 30_000_000), _cents(100, 2_000))
column = st.lists(st.tuples(st.one_of(st.none(), values), st.integers(1, 4)),
                  min_size=1, max_size=40)


def _measure(slot: str) -> str:
    """The column a mart column is a percentile of: p10 of amount, usd_p10 of usd, ..."""
    if slot in QUANTILES:
        return "amount"
    return "usd" if slot.startswith("usd_") else slot.removesuffix("_median")


def _expected(con: duckdb.DuckDBPyConnection, counted: list[tuple[float | None, int]],
              q: float) -> float | None:
    listed = [v for v, n in counted if v is not None for _ in range(n)]
    if not listed:
        return None
    return con.execute(f"select quantile_cont(x, {q}) from unnest(?::double[]) as t(x)",
                       [listed]).fetchall()[0][0]


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.fixed_dictionaries({m: column for m in MEASURE}), min_size=1,
                     max_size=3),
       seniority=st.booleans())
def test_percentiles_from_counts_are_quantile_cont_to_the_bit(
        con: duckdb.DuckDBPyConnection, rows: list[dict[str, list]], seniority: bool) -> None:
    mart = "pay_by_seniority" if seniority else "pay_by_skill"
    slots = SENIORITY_SLOTS if seniority else SKILL_SLOTS
    # One tuple per counted value, each column counted on its own (as the unpivot does).
    tuples = [(f"row{i}", *(value if m == key else None for m in MEASURE), n)
              for i, row in enumerate(rows) for key, counted in row.items()
              for value, n in counted]
    con.execute("create or replace temp table pay_skill_tuples (slice varchar, amount double, "
                "usd double, annual_usd double, hourly_usd double, postings bigint)")
    con.execute("create or replace temp table pay_seniority_tuples (slice varchar, "
                "usd double, annual_usd double, hourly_usd double, postings bigint)")
    target = "pay_seniority_tuples" if seniority else "pay_skill_tuples"
    if seniority:
        tuples = [(s, u, a, h, n) for s, _p, u, a, h, n in tuples]
    con.executemany(f"insert into {target} values ({', '.join('?' * len(tuples[0]))})", tuples)
    con.execute(load_sql("marts/045_pay_values"))
    con.execute("create or replace temp table pay_groups as select distinct ? as mart, slice "
                f"from {target}", [mart])
    con.execute(load_sql("marts/047_pay_quantiles"))
    got = {(slice_, slot): value for slice_, slot, value in con.execute(
        "select slice, slot, value from pay_quantiles").fetchall()}
    for i, row in enumerate(rows):
        for slot, q in slots.items():
            counted = row[next(k for k, m in MEASURE.items() if m == _measure(slot))]
            expected = _expected(con, counted, q)
            actual = got.get((f"row{i}", slot))
            assert actual == expected, (slot, counted, actual, expected)


def fused_interpolation(lo: float, hi: float, d: float) -> float:
    """DuckDB's quantile_cont between lo and hi: lo * (1 - d) + hi * d, compiled into one fused
    multiply-add (lo times 1 - d, plus the rounded hi * d, rounded once); exact fractions here.
    The first test checks that this is what quantile_cont does."""
    return float(Fraction(lo) * Fraction(1.0 - d) + Fraction(hi * d))


@settings(max_examples=150, deadline=None)
@given(lo=st.floats(0.01, 1e7), gap=st.one_of(st.just(0.0), st.floats(0.0, 1e6)),
       postings=st.integers(2, 10_000_000), q=st.sampled_from(sorted(set(QUANTILES.values()))))
def test_the_rounding_of_the_interpolation_between_two_values(
        con: duckdb.DuckDBPyConnection, lo: float, gap: float, postings: int, q: float) -> None:
    # Many postings at two values, lo up to the lower position and hi from the upper one: every
    # fraction d a large row can have, and sums whose rounding needs the rests.
    hi = lo + gap
    h = (postings - 1) * q
    below = math.floor(h) + 1
    counted = [(lo, below)] + ([(hi, postings - below)] if postings > below else [])
    con.execute("create or replace temp table pay_skill_tuples (slice varchar, amount double, "
                "usd double, annual_usd double, hourly_usd double, postings bigint)")
    con.execute("create or replace temp table pay_seniority_tuples (slice varchar, "
                "usd double, annual_usd double, hourly_usd double, postings bigint)")
    con.executemany("insert into pay_skill_tuples values ('row', null, ?, null, null, ?)",
                    counted)
    con.execute(load_sql("marts/045_pay_values"))
    con.execute("create or replace temp table pay_groups as "
                "select 'pay_by_skill' as mart, 'row' as slice")
    con.execute(load_sql("marts/047_pay_quantiles"))
    slot = "usd_" + next(k for k, v in QUANTILES.items() if v == q)
    got = con.execute("select value from pay_quantiles where slot = ?", [slot]).fetchall()[0][0]
    d = h - math.floor(h)
    expected = lo if d == 0 else fused_interpolation(lo, hi, d)
    assert got == expected
