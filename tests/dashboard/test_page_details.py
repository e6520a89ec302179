"""Page details users asked for: pay type in the URL, one pay panel per pay type."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from tests.dashboard.test_pages import charts, db, open_page  # noqa: F401  (db: fixture)


def test_pay_type_goes_into_the_url_and_back(db: Path) -> None:  # noqa: F811
    at = open_page("pay")
    assert at.query_params["pay"] in ("salary", ["salary"])
    at.radio(key="pay_type").set_value("Day rate").run()
    assert not at.exception
    assert at.query_params["pay"] in ("day", ["day"])
    # A new session opened on a URL with ?pay=hour starts on the hourly rate.
    fresh = AppTest.from_file(str(ROOT / "dashboard" / "pages" / "pay.py"), default_timeout=60)
    fresh.query_params["pay"] = "hour"
    fresh.run()
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert fresh.radio(key="pay_type").value == "Hourly rate"


def test_skill_explorer_draws_one_pay_panel_per_pay_type(db: Path) -> None:  # noqa: F811
    at = open_page("skill_explorer")
    captions = "\n".join(c.value for c in at.caption)
    assert "each on its own axis" in captions
    # The seed states salaries only: one panel, and no empty rate panels.
    assert charts(at) == 4  # trend, one pay panel, markets, companions
