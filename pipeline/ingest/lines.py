"""The lines of a landing file as items: JSON Lines, split at b"\\n" only, UTF-8 by contract."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import orjson

from pipeline.errors import LandingFileError
from pipeline.normalize.record import DIGITS_AS_ZERO


def partial_last_line(data: bytes) -> bool:
    """True when ``data`` ends in a line cut short (no newline, not JSON): a killed writer."""
    if not data or data.endswith(b"\n"):
        return False
    tail = data.rsplit(b"\n", 1)[-1]
    try:
        json.loads(tail)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return True
    return False


# orjson refuses NaN, infinities, a byte-order mark and lone surrogates (json reads those), and
# turns integers past 64 bits into floats: a line with 19 digits in a row goes to json.
_NINETEEN_DIGITS = b"0" * 19


def read_items(data: bytes, name: str, *, skip_line: int | None = None
               ) -> Iterator[tuple[int, dict[str, Any], bool]]:
    """Yield ``(line_number, item, orjson_safe)`` of the landing file ``name`` whose bytes are
    ``data``; a line that is not a JSON object raises LandingFileError.

    ``skip_line`` is a line the caller has already judged (a failed run's cut-off last line).
    ``orjson_safe`` says the item was parsed by orjson (see ``record.sorted_json``).
    """
    # Lines split as a file read in binary splits them: at b"\n" only.
    for number, raw in enumerate(io.BytesIO(data), start=1):
        if not raw.strip() or number == skip_line:
            continue
        item: Any = None
        fast = _NINETEEN_DIGITS not in raw.translate(DIGITS_AS_ZERO)
        if fast:
            try:
                item = orjson.loads(raw)
            except orjson.JSONDecodeError:
                fast = False  # json's own message says what is wrong with the line
        if not fast:
            try:
                # Decoded here, not by json.loads: it would guess UTF-16 from a byte-order
                # mark, and a landing file is UTF-8 by contract.
                item = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise LandingFileError(f"{name}: line {number}: not valid JSON ({exc})") from exc
        if not isinstance(item, dict):
            raise LandingFileError(f"{name}: line {number}: not a JSON object")
        yield number, item, fast


