"""A spare copy of the published warehouse, made while it is idle, for the next writer.

A writer works on a private copy of the published file (:func:`warehouse.db.writer`). At 1M
postings that copy is 1.2 GB: copying and then flushing it took 0.4-5 s of every scheduled
load, however little the load changed. So once a writer has published, a background process
copies the new file to ``<db>.spare`` (under the writer lock, so nothing publishes meanwhile)
and records which file it copied (inode, size and modification time) in ``<db>.spare-of``.
The next writer renames the spare into place when the record still names the published file,
and copies as before otherwise (the spare is then stale and removed).

That process (``python -m warehouse.spare_copy``) runs in a session of its own: a command that
has published, such as ``jobpulse load`` run after each crawl, returns at once instead of
waiting for a 1.5 GB copy and its flush (about 1 s at 1M postings), and a Ctrl-C at the
terminal does not stop the copy. A copy that dies leaves a ``.spare-tmp`` the next copy
replaces. A copy that finds the writer lock taken waits for it while the published file is
still the one it was started for, and gives up once another writer has published.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

#: Files smaller than this copy in a blink: no spare is kept (nor the disk space it takes).
SPARE_MIN_BYTES = 64 * 1024 * 1024

_threads: list[threading.Thread] = []
_copies: list[subprocess.Popen[bytes]] = []


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def identity(path: Path) -> str:
    """Which file ``path`` is now: inode, size and modification time."""
    st = path.stat()
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def _discard_spare(path: Path) -> None:
    for suffix in (".spare", ".spare-of", ".spare-tmp", ".spare-of-tmp"):
        with contextlib.suppress(FileNotFoundError):
            _sibling(path, suffix).unlink()


def spare_is_fresh(path: Path) -> bool:
    """Whether ``<db>.spare`` is a copy of ``path`` as it is now."""
    try:
        return (_sibling(path, ".spare-of").read_text(encoding="ascii") == identity(path)
                and not _sibling(path, ".wal").exists())
    except OSError:
        return False


def take_spare(path: Path, staged: Path) -> bool:
    """Move the spare to ``staged`` if it is a copy of ``path`` as it is now (the caller holds
    the writer lock); otherwise remove it. True when it was taken."""
    fresh = spare_is_fresh(path)
    if fresh:
        try:
            os.replace(_sibling(path, ".spare"), staged)
        except OSError:
            fresh = False
    _discard_spare(path)
    return fresh


def copy_to_spare(path: Path, published: str) -> None:
    """Copy ``path`` (whose identity was ``published``) to its spare; the caller holds the
    writer lock. A failed copy leaves no spare: the next writer copies."""
    if not path.exists() or identity(path) != published:
        return  # another writer has published since: its own spare is the one to make
    try:
        tmp = _sibling(path, ".spare-tmp")
        shutil.copyfile(path, tmp)
        with tmp.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, _sibling(path, ".spare"))
        mark_tmp = _sibling(path, ".spare-of-tmp")
        mark_tmp.write_text(published, encoding="ascii")
        os.replace(mark_tmp, _sibling(path, ".spare-of"))
    except OSError:
        _discard_spare(path)


def wants_spare(path: Path) -> bool:
    return path.exists() and path.stat().st_size >= SPARE_MIN_BYTES


def in_background(work: Callable[[], None], name: str) -> None:
    """Run ``work`` on a thread the process waits for before it exits."""
    thread = threading.Thread(target=work, name=name)
    thread.start()
    _threads.append(thread)


def copy_in_background(path: Path, published: str, *, remove: Path | None = None) -> bool:
    """Copy ``path`` (``published``: its identity) to its spare in a detached process, which
    first removes ``remove`` (the file ``path`` replaced) and then takes the writer lock.
    False when the process cannot start: the spare is then left to the next writer."""
    _copies[:] = [copy for copy in _copies if copy.poll() is None]  # reap the finished
    command = [sys.executable, "-m", "warehouse.spare_copy", str(path), published]
    try:
        _copies.append(subprocess.Popen(
            command + ([str(remove)] if remove is not None else []),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True))
    except OSError:
        return False
    return True


def wait_for_spares() -> None:
    """Wait until the background work this process started is done (tests and benchmarks
    that time writers)."""
    while _threads:
        _threads.pop().join()
    while _copies:
        _copies.pop().wait()
