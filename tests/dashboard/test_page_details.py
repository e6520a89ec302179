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


def test_pay_flags_inferred_periods_and_can_leave_them_out(db: Path) -> None:  # noqa: F811
    # Every seeded salary ("€60k-80k") names no period: the year is inferred.
    at = open_page("pay")
    at.toggle(key="pay_tables").set_value(True).run()
    table = at.dataframe[0].value
    assert (table["period_inferred"] == table["postings"]).all()
    at.toggle(key="pay_stated").set_value(True).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("No annual salary stated" in i.value for i in at.info)
    # With a sidebar filter the same switch goes through the filtered queries.
    at.toggle(key="pay_stated").set_value(False).run()
    at.sidebar.multiselect(key="f_seniority").set_value(["senior"]).run()
    filtered = at.dataframe[0].value
    assert (filtered["period_inferred"] == filtered["postings"]).all()
    at.toggle(key="pay_stated").set_value(True).run()
    assert any("No annual salary stated" in i.value for i in at.info)
