"""Process-wide interpreter settings held while bulk work runs, whichever thread runs it.

A setting such as the garbage collector's thresholds belongs to the whole process, while the
blocks that want it may overlap on several threads (a scheduler's loads, tests). The first
block to start applies it; the process's own value comes back when the last one ends.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator

Restore = Callable[[], None]


class HeldSetting:
    """``apply`` changes the setting and returns what puts the previous value back."""

    def __init__(self, apply: Callable[[], Restore]) -> None:
        self._apply = apply
        self._lock = threading.Lock()
        self._active = 0
        self._restore: Restore | None = None

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        with self._lock:
            if self._active == 0:
                self._restore = self._apply()
            self._active += 1
        try:
            yield
        finally:
            with self._lock:
                self._active -= 1
                if self._active == 0 and self._restore is not None:
                    self._restore()
                    self._restore = None


HANDOFF_INTERVAL = 0.001
"""Seconds a thread runs before it offers the interpreter lock to a waiting one (Python's
default: 0.005)."""


def _switch_often() -> Restore:
    saved = sys.getswitchinterval()
    sys.setswitchinterval(HANDOFF_INTERVAL)
    return lambda: sys.setswitchinterval(saved)


_PROMPT_HANDOFFS = HeldSetting(_switch_often)


def prompt_handoffs() -> contextlib.AbstractContextManager[None]:
    """Threads pass the interpreter lock on every millisecond during the block.

    A bulk load's process runs several threads beside the one writing to DuckDB: one reads the
    next landing file, and the process pool's own threads send postings to the normalizer
    processes and take their results (a result of 2,000 postings crosses its pipe in 64 KB
    reads, each of which waits for the lock). At the default 5 ms those waits left the workers
    idle: measured on two cores, 16-18 idle core-seconds during the files of a 1M load and
    3-4 during those of 250k; at 1 ms, 7-9 and 1.5-1.7.
    """
    return _PROMPT_HANDOFFS.held()
