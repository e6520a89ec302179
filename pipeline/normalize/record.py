"""Raw item (a landing-file line) to a postings row: pure, no I/O."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson

from handoff.text import parse_iso_time

VOLATILE_FIELDS = frozenset({"fetched_at", "crawl_run"})
"""Fields that change on every crawl without the posting changing."""


def posting_id(source: str, source_id: str) -> str:
    """The warehouse key of a posting: ``"hn:44159535"``."""
    return f"{source}:{source_id}"


DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
"""Every digit as "0": digit patterns become plain substrings, found at memchr speed (a regex
with a character class scans a posting's text ten times slower than parsing it)."""


def sorted_json(value: Any, *, orjson_safe: bool = False) -> bytes:
    """``json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` as
    UTF-8: the bytes every content hash was ever computed from, so they must never change.

    ``orjson_safe``: ``value`` was parsed by orjson, so it holds no NaN, infinity or integer
    beyond 64 bits (which orjson would write differently or refuse); orjson then writes the same
    bytes several times faster, and a float it would format differently falls back to json.
    """
    if orjson_safe:
        try:
            out = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except (TypeError, orjson.JSONEncodeError):
            out = b""
        # orjson writes a float below 1e-4 without an exponent ("0.00001") where Python writes
        # "1e-05", and its exponents are not Python's: such a number goes down json's path.
        zeros = out.translate(DIGITS_AS_ZERO)
        if out and b"0e" not in zeros and b"0.0000" not in zeros:
            return out
    return json.dumps(value, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def content_hash(item: dict[str, Any], *, orjson_safe: bool = False) -> str:
    """Hash of what the source said about the posting, ignoring when and by which run."""
    stable = {k: v for k, v in item.items() if k not in VOLATILE_FIELDS}
    return hashlib.sha256(sorted_json(stable, orjson_safe=orjson_safe)).hexdigest()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text.strip() or None


def _nested(item: dict[str, Any], key: str, field: str) -> str | None:
    value = item.get(key)
    return _text(value.get(field)) if isinstance(value, dict) else None


def posting_row(item: dict[str, Any], *, orjson_safe: bool = False) -> dict[str, Any]:
    """The columns of ``postings`` (plus ``fetched_at``, ``content_hash``, ``item``) for one item.

    Raises ``KeyError``/``ValueError`` when provenance is missing, so the caller can count it.
    ``orjson_safe``: the item was parsed by orjson (see :func:`sorted_json`).
    """
    source = _text(item["source"])
    source_id = _text(item["source_id"])
    if not source or not source_id:
        raise ValueError("item without source or source_id")
    fetched_at = parse_iso_time(item.get("fetched_at"))
    if fetched_at is None:
        raise ValueError(f"item {source}:{source_id} without a valid fetched_at")
    return {
        "posting_id": posting_id(source, source_id),
        "source": source,
        "source_id": source_id,
        "url": _text(item.get("url")),
        "title": _text(item.get("jobTitle")),
        "company": _nested(item, "hiringOrganization", "name"),
        "location_raw": _nested(item, "jobLocation", "raw"),
        "remote_raw": _text(item.get("remoteStatus")),
        "employment_raw": _text(item.get("employmentType")),
        "pay_raw": _nested(item, "baseSalary", "raw"),
        "description": _text(item.get("description")) or "",
        "posted_at": parse_iso_time(item.get("datePublished")),
        "fetched_at": fetched_at,
        "content_hash": content_hash(item, orjson_safe=orjson_safe),
        "item": sorted_json(item, orjson_safe=orjson_safe).decode("utf-8"),
        "tags": [t for t in (item.get("tags") or []) if isinstance(t, str)],
    }
