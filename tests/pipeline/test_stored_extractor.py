"""The skill extractor kept on disk extracts exactly as a fresh one, and an edit rebuilds it."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_normalize import make_postings
from pipeline.normalize import stored
from pipeline.normalize.skills import SkillExtractor, load_taxonomy
from pipeline.normalize.skills import stored_extractor as kept
from pipeline.normalize.skills.taxonomy import DEFAULT_TAXONOMY_PATH

EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"

# Operating systems in a perks list are equipment, not skills: the check that finds them goes
# by the identity of the matcher's form tuples, which a copy read back must keep consistent.
PERKS = ["We offer a MacBook or a Linux laptop of your choice. You write Python.",
         "Equipment: Windows or macOS laptop, 27'' monitor. Our stack is Go, Postgres, Linux.",
         "You will run Linux servers and write Python; Go is a plus."]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JOBPULSE_CACHE_DIR", str(folder))
    return folder


def _never_built(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(_taxonomy: object) -> SkillExtractor:
        raise AssertionError("built, where the stored extractor should have been read")
    monkeypatch.setattr(kept, "SkillExtractor", fail)


@pytest.fixture
def read_back(cache: Path, monkeypatch: pytest.MonkeyPatch) -> SkillExtractor:
    kept.stored_extractor()  # built and stored
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["skills"]
    _never_built(monkeypatch)
    return kept.stored_extractor()


@pytest.fixture(scope="module")
def fresh() -> SkillExtractor:
    return SkillExtractor(load_taxonomy())


def _texts() -> list[tuple[str | None, str, str | None]]:
    rows = [(title, body, company) for _n, company, title, _loc, body, _d
            in make_postings(3000, 4)]
    for path in sorted((EVAL / "skills").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"]
                first = text.split("\n", 1)[0]
                rows.append((first, text, first.split("|", 1)[0].strip() or None))
    return rows + [(None, text, None) for text in PERKS]


def test_a_read_back_extractor_extracts_as_a_fresh_one(read_back: SkillExtractor,
                                                       fresh: SkillExtractor) -> None:
    assert read_back.extract(PERKS[0]) == ("Python",)
    found = 0
    for title, text, company in _texts():
        got = read_back.extract(text, title=title, company=company)
        assert got == fresh.extract(text, title=title, company=company), text[:200]
        found += bool(got)
    assert found > 1000
    assert read_back.taxonomy.version == fresh.taxonomy.version


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("abcgoGOpythnPYTHONrustlinuxLINUX .,/+#-()\n")),
               max_size=200))
def test_generated_text_extracts_as_with_a_fresh_one(text: str) -> None:
    assert _COPY.extract(text) == _FRESH.extract(text)
    assert _COPY.matcher.scan(text, [[] for _ in range(_COPY.matcher.n_marks)]) == \
        _FRESH.matcher.scan(text, [[] for _ in range(_FRESH.matcher.n_marks)])


_FRESH = SkillExtractor(load_taxonomy())
_COPY = pickle.loads(pickle.dumps(_FRESH))


def test_an_edited_taxonomy_is_built_anew(cache: Path, tmp_path: Path) -> None:
    custom = tmp_path / "taxonomy.yaml"
    shutil.copy(DEFAULT_TAXONOMY_PATH, custom)
    before = kept.stored_extractor(custom)
    assert "Zorblax" not in before.taxonomy.skills
    text = custom.read_text(encoding="utf-8")
    added = "\nskills:\n- {name: Zorblax, category: database}\n"
    custom.write_text(text.replace("\nskills:\n", added, 1), encoding="utf-8")
    after = kept.stored_extractor(custom)
    assert after.extract("We store it all in Zorblax.") == ("Zorblax",)
    assert len(list(cache.glob("skills-*.pickle"))) == 2


def test_a_taxonomy_that_cannot_be_read_fails_as_before(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        kept.stored_extractor(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: 1\n", encoding="utf-8")
    with pytest.raises(Exception, match="skills"):
        kept.stored_extractor(broken)
    assert not list(cache.glob("skills-*.pickle"))


def test_a_compiled_module_that_changes_changes_the_key(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # pyahocorasick is one compiled file, not a package: its size and time stand for its
    # version (a pickled automaton's format is its own).
    module = tmp_path / "lonely_ext.py"
    module.write_text("X = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    first = stored.build_key([], {"lonely_ext": ""})
    assert stored.build_key([], {"lonely_ext": ""}) == first
    os.utime(module, ns=(1, 1))
    assert stored.build_key([], {"lonely_ext": ""}) != first
