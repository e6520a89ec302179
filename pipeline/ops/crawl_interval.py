"""When a source may be crawled again: its terms allow one real crawl per ``min_interval``.

Crawls of a loopback server (tests, the demo) do not count; the last real crawl is read from the
manifests in the landing zone, so the rule holds across processes and hosts.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from handoff.landing import LandingLocation
from handoff.stores import open_store
from handoff.text import EPOCH
from pipeline.ops.crawl import is_loopback
from pipeline.ops.sources import get_source

CLOCK_SKEW = timedelta(days=1)
"""How far a manifest's start time (the crawl host's clock) may lie after the time its object
store says it was written (the store's clock), when looking for a source's last crawl."""


def last_real_crawl(landing_dir: LandingLocation, source: str) -> datetime | None:
    """Start of the newest crawl of ``source`` that went to the real (non-loopback) host."""
    store = open_store(landing_dir)
    latest: datetime | None = None
    # Newest first where the store knows write times (S3), so reading can stop early: a run is
    # written after it started. A folder reads them all; reading a local file is cheap.
    manifests = sorted(store.manifests(source), key=lambda m: m.modified or EPOCH,
                       reverse=True)
    for manifest in manifests:
        if latest is not None and manifest.modified is not None \
                and manifest.modified + CLOCK_SKEW < latest:
            break
        try:
            data = json.loads(store.read(manifest.relative))
            started = datetime.fromisoformat(str(data["started_at"]))
        except (OSError, ValueError, KeyError, TypeError):
            continue
        base = (data.get("args") or {}).get("base_url") or ""
        if base and is_loopback(base):
            continue
        if started.tzinfo is None:
            started = started.replace(tzinfo=UTC)
        if latest is None or started > latest:
            latest = started
    return latest


def too_soon(landing_dir: LandingLocation, source: str, *,
             now: datetime | None = None) -> str | None:
    """Why crawling the real ``source`` now would break its terms, or ``None`` if it may run."""
    spec = get_source(source)
    last = last_real_crawl(landing_dir, source)
    if last is None:
        return None
    waited = (now or datetime.now(UTC)) - last
    if waited >= spec.min_interval:
        return None
    hours = spec.min_interval.total_seconds() / 3600
    return (f"{source}: last crawled {waited.total_seconds() / 60:.0f} min ago; its terms "
            f"allow one crawl every {hours:g} h ({spec.terms})")
