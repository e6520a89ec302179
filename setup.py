"""Build jobpulse with its normalizers compiled by Cython (the rest is in pyproject.toml).

Every module of ``pipeline/normalize`` whose name does not start with an underscore becomes a
C extension beside its source: the same Python code, run with less interpreter overhead
(normalizing in one process takes about a sixth less CPU per posting, `skills extract` and
`rebuild` run faster; docs/performance.md, "Fourteenth round"). Cython's type inference from
annotations is off, so a compiled function accepts whatever its source accepts and fails the
same way. Beside them, the ``.pyx`` modules under ``pipeline`` are Cython proper, written for
C (the shingle scan of ASCII bodies, "Fifteenth round"); the module calling one falls back to a
numpy path with the same values when it is not built. Each extension is optional: a machine
without a C compiler or Python's headers installs the plain modules, which give the same
results, and so does ``JOBPULSE_PURE_PYTHON=1``. ``pipeline/normalize/_compiled.py`` keeps an
extension built before an edit of its source from running.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from types import ModuleType

from setuptools import Extension, setup

HERE = Path(__file__).resolve().parent


def _compiled_rules() -> ModuleType:
    # Loaded by path: importing the package would need jobpulse's dependencies at build time.
    spec = importlib.util.spec_from_file_location(
        "_jobpulse_compiled", HERE / "pipeline" / "normalize" / "_compiled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extensions() -> list[Extension]:
    rules = _compiled_rules()
    if rules.pure_python():
        return []
    from Cython.Build import cythonize

    modules = cythonize(
        [Extension(".".join(path.relative_to(HERE).with_suffix("").parts),
                   [str(path.relative_to(HERE))],
                   # GCC misreads Cython's comparisons with constant strings (a false alarm).
                   extra_compile_args=["-Wno-array-bounds"])
         for path in rules.compiled_sources() + sorted((HERE / "pipeline").rglob("*.pyx"))],
        build_dir="build/cython", quiet=True, nthreads=os.cpu_count() or 1,
        compiler_directives={"language_level": 3, "annotation_typing": False})
    for module in modules:
        module.optional = True  # set after cythonize, which does not carry it over
    return modules


setup(ext_modules=_extensions(), options={"build_ext": {"parallel": os.cpu_count() or 1}})
