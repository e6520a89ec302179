"""Arrow and numpy conversions without pandas equal pyarrow's own, and a load imports no pandas."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.bench_warehouse import write_landing
from pipeline.config import Settings
from pipeline.normalize.arrow_values import (
    arrow_flags,
    arrow_numbers,
    arrow_texts,
    numpy_values,
    one_array,
)

_DTYPES = (np.uint8, np.int32, np.uint32, np.int64, np.uint64, np.float64)


@given(st.lists(st.one_of(st.none(), st.text())))
def test_texts_equal_pyarrows(values: list[str | None]) -> None:
    assert arrow_texts(values).equals(pa.array(values, type=pa.large_string()))


@pytest.mark.parametrize("bad", [[1, "a"], ["a", b"b"], [["nested"]]])
def test_texts_refuse_what_is_not_text(bad: list[object]) -> None:
    with pytest.raises(TypeError):
        arrow_texts(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("dtype", _DTYPES)
@given(values=st.lists(st.integers(0, 255), max_size=300))
def test_numbers_equal_pyarrows(dtype: type, values: list[int]) -> None:
    array = np.array(values, dtype=dtype)
    assert arrow_numbers(array).equals(pa.array(array))
    # A column of a matrix is not contiguous: its values, not its memory, go over.
    matrix = np.repeat(array, 3).reshape(-1, 3) if values else array.reshape(0, 3)
    assert arrow_numbers(matrix[:, 1]).equals(pa.array(np.ascontiguousarray(matrix[:, 1])))


def test_numbers_refuse_other_arrays() -> None:
    with pytest.raises(TypeError):
        arrow_numbers(np.zeros((2, 2)))
    with pytest.raises(TypeError):
        arrow_numbers(np.array(["a"]))


@given(st.lists(st.booleans(), max_size=70))
def test_flags_equal_pyarrows(values: list[bool]) -> None:
    array = np.array(values, dtype=bool)
    assert arrow_flags(array).equals(pa.array(array))
    assert arrow_flags(~array).to_pylist() == [not v for v in values]


@given(st.lists(st.lists(st.integers(-(2**31), 2**31 - 1), max_size=20), max_size=5),
       st.integers(0, 5))
def test_numpy_values_equal_pyarrows(chunks: list[list[int]], cut: int) -> None:
    column = pa.chunked_array([pa.array(c, type=pa.int32()) for c in chunks], type=pa.int32())
    expected = np.array([v for c in chunks for v in c], dtype=np.int32)
    got = numpy_values(column)
    assert got.dtype == np.int32 and np.array_equal(got, expected)
    whole = one_array(column)
    assert whole.equals(pa.array(expected))
    # A slice starts inside its buffer.
    assert np.array_equal(numpy_values(whole.slice(cut)), expected[cut:])


def test_numpy_values_of_flags_and_of_list_values() -> None:
    flags = pa.array([True, False, True] * 5)
    assert numpy_values(flags).tolist() == [True, False, True] * 5
    lists = pa.array([[1, 2], [3]], type=pa.list_(pa.uint32()))
    got = numpy_values(lists.flatten())
    assert got.dtype == np.uint32 and got.tolist() == [1, 2, 3]


def test_numpy_values_refuse_nulls() -> None:
    with pytest.raises(ValueError):
        numpy_values(pa.array([1, None]))


def test_one_array_of_a_column_without_chunks() -> None:
    empty = pa.chunked_array([], type=pa.list_(pa.uint32()))
    assert empty.num_chunks == 0
    assert one_array(empty).equals(pa.array([], type=pa.list_(pa.uint32())))


def test_a_scheduled_load_imports_no_pandas(tmp_path: Path) -> None:
    # Two loads in one fresh process, as `jobpulse load` from cron: the first pairs every
    # posting (a full duplicate pass), the second only around its own (an incremental one).
    settings = Settings(data_dir=tmp_path, db_path=tmp_path / "w.duckdb",
                        landing_dir=tmp_path / "landing")
    write_landing(settings, 400, 400, seed=3, days=60, start=datetime.date(2026, 8, 1))
    script = textwrap.dedent(f"""
        import runpy, sys
        from bench.bench_warehouse import write_landing
        from pipeline.config import Settings
        import datetime, pathlib
        for number in range(2):
            sys.argv = ['jobpulse', 'load', '--db', {str(settings.db_path)!r}]
            try:
                runpy.run_module('pipeline.cli', run_name='__main__')
            except SystemExit as exit:
                assert not exit.code, exit.code
            if number == 0:
                settings = Settings(data_dir=pathlib.Path({str(tmp_path)!r}),
                                    db_path=pathlib.Path({str(settings.db_path)!r}),
                                    landing_dir=pathlib.Path({str(settings.landing_dir)!r}))
                write_landing(settings, 30, 30, seed=9, prefix='next', days=20,
                              start=datetime.date(2026, 9, 1))
        print('pandas' in sys.modules)
        """)
    env = {**os.environ, "JOBPULSE_LANDING_DIR": str(settings.landing_dir),
           "JOBPULSE_DATA_DIR": str(tmp_path),
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "paired again" in done.stderr + done.stdout  # the incremental pass ran
    assert done.stdout.strip().splitlines()[-1] == "False"
