"""Which normalizers run compiled, and the rule that keeps an edit from being shadowed.

``setup.py`` compiles every module of this package whose name does not start with an
underscore into a C extension beside its source, with Cython: the same code, run with less
interpreter overhead (docs/performance.md). Python imports an extension before a ``.py`` of
the same name, so without :class:`SourceWhenStale` an edit made after the build would be
silently ignored. It imports the source instead whenever the source is newer than its
extension, or for every module when ``JOBPULSE_PURE_PYTHON=1`` (profiling the Python, or
comparing the two). ``make compile`` (run by ``make test`` and ``make bench``) rebuilds the
extensions of edited modules.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE = __name__.rpartition(".")[0]
PURE_PYTHON_ENV = "JOBPULSE_PURE_PYTHON"


def pure_python() -> bool:
    """True when the plain modules are asked for (``JOBPULSE_PURE_PYTHON=1``)."""
    return os.environ.get(PURE_PYTHON_ENV, "") == "1"


def extension_of(source: Path) -> Path | None:
    """The compiled extension built from ``source``, if there is one."""
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = source.with_name(source.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def _extension_runs(source: Path, extension: Path) -> bool:
    """The extension was built after the source's last change, and the plain modules were
    not asked for."""
    return not pure_python() and extension.stat().st_mtime_ns >= source.stat().st_mtime_ns


def runs_compiled(source: Path) -> bool:
    """True when importing ``source``'s module loads its extension."""
    extension = extension_of(source)
    return extension is not None and _extension_runs(source, extension)


class SourceWhenStale(importlib.abc.MetaPathFinder):
    """Imports a module of this package from its source when its extension must not run;
    leaves every other import to Python's own finders."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        if path is None or not fullname.startswith(PACKAGE + "."):
            return None
        leaf = fullname.rpartition(".")[2]
        for entry in path:
            source = Path(entry, leaf + ".py")
            if source.is_file():
                extension = extension_of(source)
                if extension is None or _extension_runs(source, extension):
                    return None
                return importlib.util.spec_from_file_location(fullname, source)
        return None


def install() -> None:
    """Put :class:`SourceWhenStale` ahead of Python's finders (once)."""
    if not any(isinstance(finder, SourceWhenStale) for finder in sys.meta_path):
        sys.meta_path.insert(0, SourceWhenStale())


def compiled_sources() -> list[Path]:
    """The modules ``setup.py`` compiles: every ``.py`` under this package whose name does
    not start with an underscore."""
    base = Path(__file__).resolve().parent
    return sorted(p for p in base.rglob("*.py") if not p.name.startswith("_"))


def compiled_status() -> tuple[int, int]:
    """(modules that run compiled, modules that can): ``make bench`` prints it."""
    sources = compiled_sources()
    return sum(runs_compiled(p) for p in sources), len(sources)
