"""Arrow arrays from Python and numpy values, and numpy arrays from Arrow, without pandas.

pyarrow's own conversions (``pa.array``, ``Array.to_numpy``) first ask whether a value is one
of pandas' types, and import pandas to find out: 0.2-0.3 s of every fresh process that loads,
a twentieth of a scheduled ``jobpulse load`` run from cron, spent on a library the load never
uses. Numbers go over as Arrow buffers around the numpy memory; text goes through polars
(Rust, no pandas), which hands its Arrow array over without copying.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl
import pyarrow as pa

__all__ = ["arrow_flags", "arrow_numbers", "arrow_texts", "numpy_values", "one_array"]


def arrow_numbers(values: np.ndarray) -> pa.Array:
    """A 1-D numpy array of numbers as an Arrow array of the same type, over its memory."""
    values = np.ascontiguousarray(values)
    if values.ndim != 1 or values.dtype.kind not in "iuf":
        raise TypeError(f"expected a 1-D numeric array, got {values.dtype} of {values.ndim} D")
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), len(values),
                                 [None, pa.py_buffer(values)])


def arrow_flags(values: np.ndarray) -> pa.Array:
    """A 1-D numpy array of booleans as an Arrow boolean array (Arrow packs them in bits)."""
    values = np.asarray(values, dtype=bool)
    if values.ndim != 1:
        raise TypeError(f"expected a 1-D array, got {values.ndim} D")
    return pa.Array.from_buffers(pa.bool_(), len(values),
                                 [None, pa.py_buffer(np.packbits(values, bitorder="little"))])


def arrow_texts(values: Sequence[str | None]) -> pa.Array:
    """Strings (``None`` is null) as an Arrow ``large_string`` array; raises ``TypeError`` on a
    value that is not one, as ``pa.array(values, pa.large_string())`` does."""
    return pl.Series(values, dtype=pl.String).to_arrow()


def numpy_values(array: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """An Arrow array or column without nulls as numpy (``Array.to_numpy`` imports pandas).

    Numbers come over without a copy where their layout allows; booleans are unpacked."""
    if array.null_count:
        raise ValueError("numpy_values takes arrays without nulls")
    return pl.from_arrow(array).to_numpy()  # type: ignore[union-attr]


def one_array(column: pa.ChunkedArray) -> pa.Array:
    """A column's chunks as one array. ``combine_chunks`` of a column without any (a query
    that found no rows) builds its empty array with ``pa.array``."""
    return column.combine_chunks() if column.num_chunks else pa.nulls(0, column.type)
