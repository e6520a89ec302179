"""``python -m warehouse.spare_copy PATH IDENTITY [REPLACED]``: the detached process that
:func:`warehouse.spare.copy_in_background` starts once a writer has published ``PATH``.

It removes the file the writer replaced, then copies ``PATH`` to its spare under the writer
lock; the copy is skipped when another writer holds the lock (it publishes a newer file, whose
own spare is the one to make) or when ``PATH`` is no longer the file ``IDENTITY`` names.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from warehouse.db import WarehouseError, writer_lock
from warehouse.spare import copy_to_spare


def main(argv: list[str]) -> int:
    path, published = Path(argv[0]), argv[1]
    if len(argv) > 2:
        with contextlib.suppress(FileNotFoundError):
            Path(argv[2]).unlink()
    with contextlib.suppress(WarehouseError), writer_lock(path, wait_seconds=0):
        copy_to_spare(path, published)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
