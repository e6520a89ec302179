"""``python -m warehouse.spare_copy PATH IDENTITY [REPLACED]``: the detached process that
:func:`warehouse.spare.copy_in_background` starts once a writer has published ``PATH``.

It removes the file the writer replaced, then copies ``PATH`` to its spare under the writer
lock. The copy is skipped once ``PATH`` is no longer the file ``IDENTITY`` names: a newer writer
has published, and its own copy is the one to make. While the lock is taken and ``PATH`` is
unchanged, the holder is a writer that has not published yet or an earlier copy about to find
its file replaced, so the copy tries again shortly rather than leaving no spare at all.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

from warehouse.db import WarehouseError, writer_lock
from warehouse.spare import copy_to_spare, identity

#: How often a copy that found the lock taken looks again, and for how long at most.
RETRY_SECONDS = 0.2
GIVE_UP_SECONDS = 30 * 60.0


def _still_published(path: Path, published: str) -> bool:
    try:
        return identity(path) == published
    except OSError:
        return False


def copy_when_idle(path: Path, published: str) -> bool:
    """Copy ``path`` to its spare under the writer lock; True when a copy was attempted."""
    deadline = time.monotonic() + GIVE_UP_SECONDS
    while _still_published(path, published):
        try:
            with writer_lock(path, wait_seconds=0):
                copy_to_spare(path, published)
            return True
        except WarehouseError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(RETRY_SECONDS)
    return False


def main(argv: list[str]) -> int:
    path, published = Path(argv[0]), argv[1]
    if len(argv) > 2:
        with contextlib.suppress(FileNotFoundError):
            Path(argv[2]).unlink()
    copy_when_idle(path, published)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
