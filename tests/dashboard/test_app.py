"""The dashboard with Streamlit's AppTest on a seeded warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture
def app(seeded_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("JOBPULSE_DB", str(seeded_db))
    from dashboard.data import query

    query.clear()
    return AppTest.from_file(APP, default_timeout=30)


def test_trends_page_renders_a_chart(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Skill trends"
    chosen = app.multiselect[0].value
    assert {"AWS", "Azure", "Google Cloud"} <= set(chosen)
    assert "Python" in chosen
    assert len(app.get("vega_lite_chart")) + len(app.get("arrow_vega_lite_chart")) >= 1


def test_choosing_skills_changes_the_data(app: AppTest) -> None:
    app.run()
    app.multiselect[0].set_value(["Rust"]).run()
    assert not app.exception
    frame = app.dataframe[0].value
    assert set(frame["skill"]) == {"Rust"}


def test_empty_choice_is_explained(app: AppTest) -> None:
    app.run()
    app.multiselect[0].set_value([]).run()
    assert not app.exception
    assert any("Choose one or more skills" in i.value for i in app.info)


def test_missing_warehouse_is_a_clear_error(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBPULSE_DB", str(tmp_path / "none.duckdb"))
    from dashboard.data import query

    query.clear()
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert "no warehouse" in at.error[0].value
