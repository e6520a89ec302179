"""The sidebar's role family filter narrows every page's numbers (AppTest, seeded warehouse)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pipeline.normalize import role_family
from tests.dashboard.test_pages import APP, captions, clear_caches
from warehouse.db import connect
from warehouse.filters import ENGINEERING_FAMILIES, Filters
from warehouse.marts import refresh_marts


@pytest.fixture
def mixed_db(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The seed (120 backend postings) with every fourth one a sales posting."""
    con = connect(seeded_db)
    try:
        con.execute("update postings set role_family = 'non_engineering', "
                    "role_family_evidence = 'title:\"sales\"' "
                    "where cast(source_id as integer) % 4 = 0")
        refresh_marts(con)
    finally:
        con.close()
    monkeypatch.setenv("JOBPULSE_DB", str(seeded_db))
    clear_caches()
    yield seeded_db
    clear_caches()


def test_role_family_filter_narrows_the_postings(mixed_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    roles = at.sidebar.multiselect(key="f_roles")
    assert roles.options == ["engineering", "backend", "non_engineering"]
    assert roles.value == []
    assert "120 postings" in captions(at)
    roles.set_value(["non_engineering"]).run()
    assert not at.exception
    assert "30 postings" in captions(at)
    assert at.query_params["role"] in ("non_engineering", ["non_engineering"])
    at.sidebar.multiselect(key="f_roles").set_value(["engineering"]).run()
    assert "90 postings" in captions(at)
    at.switch_page("screens/postings.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="f_roles").value == ["engineering"]
    assert "**90** postings match" in "\n".join(m.value for m in at.markdown)


def test_engineering_stands_for_every_engineering_family() -> None:
    assert list(role_family.ENGINEERING_FAMILIES) == ENGINEERING_FAMILIES
    chosen = Filters(role_families=("engineering", "backend", "non_engineering"))
    assert chosen.params()["role_families"] == [*ENGINEERING_FAMILIES, "non_engineering"]
    assert chosen.active
