"""JSON Lines input read by the CLI: one object per line, every problem named by its line.

``skills extract``, ``pay parse`` and the two ``eval`` commands read files people write by hand
or pipe from other tools, so a bad line must give ``in.jsonl:3: ... (line 3)`` rather than a
traceback. Lines are decoded one at a time, so an invalid UTF-8 byte is reported on its own
line, not on whichever line a decoder's buffer happened to reach.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.errors import JobpulseError

__all__ = ["JsonLinesError", "bad_line", "check_posting", "parse_line", "read_objects",
           "read_postings"]


class JsonLinesError(JobpulseError, ValueError):
    """A JSON Lines line that is not usable input; the message names the file and line.

    Also a ValueError, because the gold-file readers have always raised ValueError for a bad
    line and their callers catch that.
    """


def bad_line(source: str, lineno: int, problem: str, position: str = "") -> JsonLinesError:
    """The error for line ``lineno`` of ``source``: ``in.jsonl:3: <problem> (line 3)``.

    ``file:N`` is the form editors and grep understand; "(line N)" is there too because stdin
    has no file name worth reading. ``position`` adds to it, e.g. ``", column 7"``.
    """
    return JsonLinesError(f"{source}:{lineno}: {problem} (line {lineno}{position})")


def read_objects(lines: Iterable[bytes], source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of UTF-8 JSON Lines.

    ``lines`` is a file opened in binary mode (or any iterable of byte lines); ``source`` names
    it in messages. A byte-order mark on the first line is ignored. Raises
    :class:`JsonLinesError` for invalid UTF-8, invalid JSON or a value that is not an object.

    >>> list(read_objects([b'{"id": 1}\\n', b"\\n", b'{"id": 2}\\n'], "in.jsonl"))
    [(1, {'id': 1}), (3, {'id': 2})]
    """
    for lineno, raw in enumerate(lines, 1):
        obj = parse_line(raw, lineno, source)
        if obj is not None:
            yield lineno, obj


def parse_line(raw: bytes, lineno: int, source: str) -> dict[str, Any] | None:
    """Line ``lineno`` of a JSON Lines file as :func:`read_objects` reads it: the object, or
    None for a blank line."""
    if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise bad_line(source, lineno, "not valid UTF-8", f", byte {exc.start + 1}") from None
    if not line.strip():
        return None
    try:
        obj = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        # Counted from the line's start: json's own line/column would place an error at the
        # end of the line after its line break ("line 2, column 1").
        raise bad_line(source, lineno, f"invalid JSON: {exc.msg}",
                       f", column {exc.pos + 1}") from None
    except RecursionError:
        raise bad_line(source, lineno, "invalid JSON: nested too deeply") from None
    if not isinstance(obj, dict):
        raise bad_line(source, lineno,
                       f"expected a JSON object, got {_json_kind(obj)}") from None
    return obj


def read_postings(lines: Iterable[bytes], source: str
                  ) -> Iterator[tuple[int, dict[str, Any]]]:
    """:func:`read_objects`, where each object must have an ``"id"`` and a ``"text"``.

    ``"id"`` may be any JSON value (it is echoed back); ``"text"`` is a string, or null for a
    posting without text. Other fields are the caller's to check, with :func:`bad_line`.

    >>> list(read_postings([b'{"id": "a", "text": "Go"}'], "-"))
    [(1, {'id': 'a', 'text': 'Go'})]
    """
    for lineno, obj in read_objects(lines, source):
        check_posting(obj, lineno, source)
        yield lineno, obj


def check_posting(obj: dict[str, Any], lineno: int, source: str) -> None:
    """Raise :func:`bad_line` unless ``obj`` has an ``"id"`` and a string or null ``"text"``."""
    if "id" not in obj:
        raise bad_line(source, lineno, 'missing "id"')
    if "text" not in obj or not isinstance(obj["text"], str | None):
        raise bad_line(source, lineno, 'missing or non-string "text"')


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return "a number"
