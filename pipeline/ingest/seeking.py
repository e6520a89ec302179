"""Supply items (people seeking work, kind ``seeking_work``) from a landing file to the supply
tables; never to ``postings``.

The loader sends a run of a supply source here whole (:data:`SUPPLY_SOURCES`), and drops any
supply item that turns up in a posting source's file (:func:`is_supply`), so a person's post can
never be counted as a job. What is stored is what the supply view needs: the thread month,
location, remote and relocation answers, the skills offered, years and seniority; the scrubbed
free text is read for skills and not kept.
"""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import date
from typing import Any

import duckdb
import polars as pl

from handoff.landing import LandingRun
from handoff.text import parse_iso_time
from pipeline.ingest.lines import read_items
from pipeline.ingest.run_status import run_status
from pipeline.normalize.places import parse_locations
from pipeline.normalize.record import content_hash
from pipeline.normalize.skills import SkillExtractor
from warehouse.load import RunCounts
from warehouse.supply import SEEKING_SCHEMA, SeekingRun, write_seeking_run

log = logging.getLogger(__name__)

SEEKING_KIND = "seeking_work"
SUPPLY_SOURCES = frozenset({"hn_seeking"})
"""Sources whose items are people seeking work, not job postings."""

_YES = re.compile(r"^\W*(?:yes|y|yep|sure|definitely|absolutely|ok|open|remote only|only remote|"
                  r"preferred|prefer(?:red)? remote|fully|100%)\b", re.IGNORECASE)
_NO = re.compile(r"^\W*(?:no|n|nope|not|never|none|on-?site only|unable)\b", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_TECH_SPLIT = re.compile(r"\s*(?:[,;|/•]|\band\b|\n)\s*")


def is_supply(item: Any) -> bool:
    """Whether a landed item is a person seeking work (never a posting)."""
    return isinstance(item, dict) and item.get("kind") == SEEKING_KIND


def yes_no(value: Any) -> bool | None:
    """``"Yes"``, ``"Yes, or hybrid"``, ``"Remote only"`` -> True; ``"No"`` -> False; else None."""
    if not isinstance(value, str):
        return None
    if _YES.match(value):
        return True
    if _NO.match(value):
        return False
    return None


def post_key(source: str, source_id: str) -> str:
    """The stored key of a post: a hash, so the table holds no link back to the comment."""
    return hashlib.sha256(f"{source}:{source_id}".encode()).hexdigest()[:16]


def _month(value: Any) -> date:
    match = _MONTH.match(value) if isinstance(value, str) else None
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"thread_month is not YYYY-MM: {value!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def _text(value: Any, limit: int = 300) -> str | None:
    return value.strip()[:limit] or None if isinstance(value, str) else None


def seeking_row(item: dict[str, Any], extractor: SkillExtractor
                ) -> tuple[dict[str, Any], tuple[str, ...]]:
    """One supply item's stored columns and the skills it offers; raises ``ValueError`` (or
    ``KeyError``) when it cannot be keyed or dated."""
    source, source_id = str(item["source"]), str(item["source_id"])
    fetched = parse_iso_time(item.get("fetched_at"))
    if not source_id or fetched is None:
        raise ValueError(f"supply item {source}:{source_id} without an id or fetched_at")
    technologies = _text(item.get("technologies"))
    tags = [t for t in _TECH_SPLIT.split(technologies or "") if t]
    skills = extractor.extract(str(item.get("text") or ""), title=technologies, tags=tags)
    location = _text(item.get("location"))
    places = parse_locations(location).places if location else ()
    years = item.get("years")
    stable = {k: v for k, v in item.items() if k not in ("fetched_at", "crawl_run")}
    row = {
        "post_key": post_key(source, source_id), "source": source,
        "thread_month": _month(item.get("thread_month")), "location_raw": location,
        "country": next((p.country for p in places if p.country), None),
        "remote_raw": _text(item.get("remote")), "remote": yes_no(item.get("remote")),
        "relocate_raw": _text(item.get("relocate")), "relocate": yes_no(item.get("relocate")),
        "technologies_raw": technologies,
        "years": years if isinstance(years, int) and 0 < years <= 50 else None,
        "seniority": _text(item.get("seniority"), 20),
        "content_hash": content_hash(stable), "fetched_at": fetched,
    }
    return row, skills


def seeking_frames(data: bytes, name: str, extractor: SkillExtractor, *,
                   skip_line: int | None = None) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """A landing file's supply posts and skills (one row per post), and how many lines were
    dropped (not supply items, or unreadable)."""
    rows: dict[str, dict[str, Any]] = {}
    skills: dict[str, tuple[str, ...]] = {}
    bad = 0
    for number, item, _fast in read_items(data, name, skip_line=skip_line):
        try:
            if not is_supply(item):
                raise ValueError("not a seeking_work item")
            row, found = seeking_row(item, extractor)
        except (KeyError, ValueError, TypeError) as exc:
            bad += 1
            log.warning("%s: line %d: dropped (%s)", name, number, exc)
            continue
        rows[row["post_key"]] = row
        skills[row["post_key"]] = found
    posts = pl.DataFrame(list(rows.values()), schema=SEEKING_SCHEMA)
    pairs = pl.DataFrame([(k, s) for k, found in skills.items() for s in found],
                         schema={"post_key": pl.String, "skill": pl.String}, orient="row")
    return posts, pairs, bad


def load_seeking_run(con: duckdb.DuckDBPyConnection, run: LandingRun,
                     manifest: dict[str, Any], data: bytes, extractor: SkillExtractor,
                     taxonomy_version: str, *, cut_line: int | None = None
                     ) -> tuple[int, RunCounts, int, str]:
    """Write one supply run; returns its post count, counts, dropped lines and status."""
    posts, pairs, bad = seeking_frames(data, run.data_name, extractor, skip_line=cut_line)
    errors = {str(k): int(v) for k, v in (manifest.get("errors") or {}).items()}
    if bad:
        errors["bad_record"] = errors.get("bad_record", 0) + bad
    status = run_status({**manifest, "errors": errors})
    skipped = manifest.get("skipped")
    record = SeekingRun(
        run_id=str(manifest["run_id"]), source=str(manifest["source"]), landing_file=run.key,
        status=status, started_at=parse_iso_time(manifest.get("started_at")),
        finished_at=parse_iso_time(manifest.get("finished_at")),
        items_dropped=int(manifest.get("dropped") or 0) + bad, errors=errors,
        skipped={str(k): int(v) for k, v in skipped.items()} if isinstance(skipped, dict)
        else {},
        sha256=hashlib.sha256(data).hexdigest(), bytes=len(data))
    counts = write_seeking_run(con, posts=posts, skills=pairs, run=record,
                               taxonomy_version=taxonomy_version)
    return posts.height, counts, bad, status

