"""The normalizers compiled by setup.py: the same frames as their source, and never a stale
extension running in place of an edited module."""

from __future__ import annotations

import importlib
import json
import os
import pickle
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from pipeline.demo.corpus import DEMO_END, corpus_writer
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.ingest.pool import normalize_rows
from pipeline.normalize import _compiled
from pipeline.normalize.skills import SkillExtractor, load_taxonomy
from tests.pipeline.test_normalize_equivalence import _bench_pairs, _items, _rows
from tests.pipeline.test_role_family_equivalence import _SOURCES, _postings

ROOT = Path(__file__).resolve().parents[2]


def _package(tmp_path: Path, *, extension_age: int | None) -> Path:
    """A folder with ``mod.py`` and, unless ``extension_age`` is None, an extension file
    that many seconds older (negative: newer) than the source."""
    source = tmp_path / "mod.py"
    source.write_text("VALUE = 1\n")
    os.utime(source, (1_000_000, 1_000_000))
    if extension_age is not None:
        extension = tmp_path / f"mod{EXTENSION_SUFFIXES[0]}"
        extension.write_bytes(b"")
        stamp = 1_000_000 - extension_age
        os.utime(extension, (stamp, stamp))
    return source


@pytest.mark.parametrize(("age", "pure", "compiled"), [
    (None, False, False),  # nothing built: the source
    (-10, False, True),  # built after the last edit
    (0, False, True),
    (10, False, False),  # edited after the build
    (-10, True, False),  # JOBPULSE_PURE_PYTHON=1
])
def test_an_extension_runs_only_when_built_after_its_source(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, age: int | None, pure: bool,
        compiled: bool) -> None:
    monkeypatch.setenv(_compiled.PURE_PYTHON_ENV, "1" if pure else "")
    source = _package(tmp_path, extension_age=age)
    assert _compiled.runs_compiled(source) is compiled
    spec = _compiled.SourceWhenStale().find_spec(f"{_compiled.PACKAGE}.mod", [str(tmp_path)])
    if compiled or age is None:
        assert spec is None  # Python's own finders import the extension (or the source)
    else:
        assert spec is not None and spec.origin == str(source)


def test_the_finder_leaves_other_packages_alone(tmp_path: Path) -> None:
    _package(tmp_path, extension_age=10)
    finder = _compiled.SourceWhenStale()
    assert finder.find_spec("crawlers.mod", [str(tmp_path)]) is None
    assert finder.find_spec(f"{_compiled.PACKAGE}.mod", None) is None
    assert finder.find_spec(f"{_compiled.PACKAGE}.missing", [str(tmp_path)]) is None


def test_setup_compiles_every_public_normalizer_module() -> None:
    sources = _compiled.compiled_sources()
    names = {p.relative_to(ROOT / "pipeline" / "normalize").as_posix() for p in sources}
    assert {"pay/amounts.py", "skills/matcher.py", "roles.py", "dedup/minhash.py"} <= names
    assert not any(Path(n).name.startswith("_") for n in names)
    running, total = _compiled.compiled_status()
    assert total == len(sources) and 0 <= running <= total


_LOADED = """
import importlib, json, sys
from pathlib import Path
from pipeline.normalize import _compiled
root = Path(_compiled.__file__).resolve().parents[2]
print(json.dumps({str(p): importlib.import_module(
    ".".join(p.relative_to(root).with_suffix("").parts)).__file__
    for p in _compiled.compiled_sources()}))
"""


def _loaded_files(pure: bool) -> dict[str, str]:
    env = {**os.environ, _compiled.PURE_PYTHON_ENV: "1" if pure else ""}
    out = subprocess.run([sys.executable, "-c", _LOADED], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def test_each_module_loads_what_runs_compiled_says() -> None:
    for source, loaded in _loaded_files(pure=False).items():
        expect_extension = _compiled.runs_compiled(Path(source))
        assert loaded.endswith(".py") is not expect_extension, (source, loaded)
    assert all(f.endswith(".py") for f in _loaded_files(pure=True).values())


_NORMALIZE_PLAIN = """
import pickle, sys
from pipeline.ingest.pool import normalize_rows
from pipeline.normalize.skills import SkillExtractor, load_taxonomy
rows = pickle.loads(open(sys.argv[1], "rb").read())
frames = normalize_rows(rows, SkillExtractor(load_taxonomy()))
for name in ("enriched", "skills", "signatures"):
    getattr(frames, name).write_ipc(f"{sys.argv[2]}/{name}.arrow")
"""


def test_compiled_normalizers_give_the_frames_of_their_source(tmp_path: Path) -> None:
    running, _total = _compiled.compiled_status()
    if not running:
        pytest.skip("no normalizer is compiled here (no C compiler or Python headers)")
    corpus = tmp_path / "corpus"
    write_hn_corpus(corpus, seed=5, months=2, end=DEMO_END)
    for slug in _SOURCES:
        writer = corpus_writer(slug)
        assert writer is not None, slug
        writer(corpus, seed=5, months=1, end=DEMO_END)
    rows: list[dict[str, Any]] = _rows(_items(_bench_pairs(800) + list(_postings(corpus))))
    assert len(rows) > 1500
    (tmp_path / "rows.pickle").write_bytes(pickle.dumps(rows))
    env = {**os.environ, _compiled.PURE_PYTHON_ENV: "1"}
    subprocess.run([sys.executable, "-c", _NORMALIZE_PLAIN, str(tmp_path / "rows.pickle"),
                    str(tmp_path)], env=env, cwd=ROOT, check=True)
    got = normalize_rows(rows, SkillExtractor(load_taxonomy()))
    # This process ran the extensions (the subprocess, every module's source).
    built = next(p for p in _compiled.compiled_sources() if _compiled.runs_compiled(p))
    module = importlib.import_module(".".join(built.relative_to(ROOT).with_suffix("").parts))
    assert not str(module.__file__).endswith(".py")
    for name in ("enriched", "skills", "signatures"):
        plain = pl.read_ipc(tmp_path / f"{name}.arrow")
        assert getattr(got, name).equals(plain), name
        assert getattr(got, name).schema == plain.schema, name


def _build(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``setup.py build_ext`` of every normalizer into ``tmp_path`` (the source tree keeps
    its extensions)."""
    return subprocess.run(
        [sys.executable, "setup.py", "--quiet", "build_ext", "--force",
         "--build-lib", str(tmp_path / "lib"), "--build-temp", str(tmp_path / "temp")],
        cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=600)


def test_without_a_compiler_the_build_goes_on_with_the_plain_modules(tmp_path: Path) -> None:
    result = _build(tmp_path, CC="/bin/false")
    assert result.returncode == 0, result.stderr[-2000:]
    assert 'building extension "pipeline.normalize.roles" failed' in result.stderr
    assert not list(tmp_path.rglob("*.so"))


def test_pure_python_builds_no_extension(tmp_path: Path) -> None:
    result = _build(tmp_path, JOBPULSE_PURE_PYTHON="1", CC="/bin/false")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "failed" not in result.stderr
    assert not list(tmp_path.rglob("*.so"))
