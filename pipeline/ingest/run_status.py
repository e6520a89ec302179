"""What a crawl run's status is, from its manifest and its source's history.

``ok``: finished with no errors. ``partial``: finished with errors. ``failed``: did not finish,
could not store its items, or yielded nothing while meeting errors. ``degraded``: a complete
listing far below its source's usual size (loaded, but it closes nothing).

A *good* run (items > 0, neither failed nor degraded) is what freshness counts from.
"""

from __future__ import annotations

from typing import Any

GOOD_STATUSES = frozenset({"ok", "partial"})


def run_status(manifest: dict[str, Any]) -> str:
    """``ok`` (finished, no errors), ``partial`` (finished with errors) or ``failed``.

    A run the loader finds far smaller than its source's usual listing becomes ``degraded``
    later (:func:`judge_size`); that needs the warehouse's history, this only the manifest.
    """
    if manifest.get("status") == "failed" or manifest.get("finish_reason") != "finished":
        return "failed"
    if manifest.get("errors") and not manifest.get("items"):
        # Nothing reached, something went wrong: never a success, whatever wrote the manifest.
        return "failed"
    return "partial" if manifest.get("errors") else "ok"


DEGRADED_FRACTION = 0.5
"""A complete listing with fewer items than this share of its source's usual listing (the
median of its last good runs) is ``degraded``: loaded, but it closes nothing."""


def judge_size(status: str, items: int, complete_listing: bool,
               baseline: float | None) -> str:
    """``degraded`` for a complete listing far below ``baseline``, else ``status`` unchanged.

    Only complete listings are judged: their size is the source's whole listing, comparable
    from run to run, while a partial crawl's size follows its arguments (``--months 1`` after
    a backfill). A run judged degraded stays out of later baselines, so a source that keeps
    coming back short stays degraded until its listing recovers.
    """
    if status in {"ok", "partial"} and complete_listing and baseline is not None \
            and items < DEGRADED_FRACTION * baseline:
        return "degraded"
    return status


def is_good(status: str | None, items: int) -> bool:
    """A run that brought the source's data up to date: items, and not failed or degraded."""
    return status in GOOD_STATUSES and items > 0
