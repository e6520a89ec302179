"""Raw item (a landing-file line) to a postings row: pure, no I/O."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from handoff.text import parse_iso_time

VOLATILE_FIELDS = frozenset({"fetched_at", "crawl_run"})
"""Fields that change on every crawl without the posting changing."""


def posting_id(source: str, source_id: str) -> str:
    """The warehouse key of a posting: ``"hn:44159535"``."""
    return f"{source}:{source_id}"


def content_hash(item: dict[str, Any]) -> str:
    """Hash of what the source said about the posting, ignoring when and by which run."""
    stable = {k: v for k, v in item.items() if k not in VOLATILE_FIELDS}
    blob = json.dumps(stable, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text.strip() or None


def _nested(item: dict[str, Any], key: str, field: str) -> str | None:
    value = item.get(key)
    return _text(value.get(field)) if isinstance(value, dict) else None


def posting_row(item: dict[str, Any]) -> dict[str, Any]:
    """The columns of ``postings`` (plus ``fetched_at``, ``content_hash``, ``item``) for one item.

    Raises ``KeyError``/``ValueError`` when provenance is missing, so the caller can count it.
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
        "content_hash": content_hash(item),
        "item": json.dumps(item, ensure_ascii=False, sort_keys=True),
        "tags": [t for t in (item.get("tags") or []) if isinstance(t, str)],
    }
