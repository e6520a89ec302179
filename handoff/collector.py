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
import threading
from collections.abc import Iterator

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


_lock = threading.Lock()
_active = 0
_saved: tuple[int, ...] = ()


@contextlib.contextmanager
def rare_collections() -> Iterator[None]:
    """:func:`collect_rarely` for the block; the process's own settings come back when the
    last block running (on any thread) ends."""
    global _active, _saved
    with _lock:
        if _active == 0:
            _saved = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(*BULK_THRESHOLDS)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0:
                gc.set_threshold(*_saved)
                gc.unfreeze()
