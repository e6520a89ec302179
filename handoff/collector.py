"""Python's cyclic garbage collector, made to run rarely during bulk work.

Crawling, loading, rebuilding and batch extraction make millions of small objects (the dicts,
lists and strings of items and posting rows) that live until their run is written. At the
default thresholds a collection runs every 700 net allocations and the oldest generation is
rescanned whenever it has grown by a quarter, so the collector walked those live objects over
and over: 12% of a normalizer process's time, a quarter of reading a landing file, a tenth of
a crawl of the HN replay. Collections still run, a hundred times less often, and what exists
before the work starts (modules, the taxonomy, the automaton) is left out of them
(``gc.freeze``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable

from handoff.held import HeldSetting

BULK_THRESHOLDS = (70_000, 20, 100)
"""Allocations between young collections, and collections between older ones."""


def collect_rarely() -> None:
    """For the rest of this process (a crawl, or a worker made for bulk work).

    No collection first: there is next to no garbage at these points, and a full collection
    walks every object the process holds: 50-60 ms of a crawl as its spider opens (finding
    nothing), 0.09 s in a normalizer worker, where it also writes to each object the worker
    shares with the process it was forked from.
    """
    gc.freeze()
    gc.set_threshold(*BULK_THRESHOLDS)


def _collect_rarely_until_restored() -> Callable[[], None]:
    saved = gc.get_threshold()
    collect_rarely()

    def restore() -> None:
        gc.set_threshold(*saved)
        gc.unfreeze()

    return restore


_RARE_COLLECTIONS = HeldSetting(_collect_rarely_until_restored)


def rare_collections() -> contextlib.AbstractContextManager[None]:
    """:func:`collect_rarely` for the block; the process's own settings come back when the
    last block running (on any thread) ends."""
    return _RARE_COLLECTIONS.held()
