"""The Companies page on the demo warehouse: a company's stack over time with its open postings,
and the companies hiring for a skill with links. In AppTest and in headless Chromium."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for_port
from tests.conftest import ROOT, DemoBuild
from tests.dashboard.test_pages import APP, charts, clear_caches

pytestmark = pytest.mark.slow
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture
def demo_db(demo_build: DemoBuild, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    assert demo_build.returncode == 0, demo_build.output
    monkeypatch.setenv("JOBPULSE_DB", str(demo_build.db_path))
    clear_caches()
    yield demo_build.db_path
    clear_caches()


def _biggest_company(db: Path) -> tuple[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "select company, count(distinct coalesce(duplicate_group_id, posting_id)) from "
            "postings where company is not null and role_family <> 'non_engineering' "
            "group by 1 order by 2 desc, 1 limit 1").fetchone()


def test_company_stack_and_who_hires(demo_db: Path) -> None:
    company, jobs = _biggest_company(demo_db)
    at = AppTest.from_file(APP, default_timeout=90).run()
    at.switch_page("screens/companies.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="company_pick").value == company
    assert at.metric[0].value == f"{jobs:,}"
    assert charts(at) >= 1
    frames = at.dataframe
    assert len(frames) >= 3  # skills, open postings, companies hiring
    skills = frames[0].value
    assert skills["postings"].max() <= jobs
    hiring = frames[-1].value
    assert hiring["postings"].is_monotonic_decreasing
    assert hiring["newest_url"].str.startswith("http").all()
    # A skill chosen in the second tab lists only companies naming it.
    at.selectbox(key="company_skill").set_value("Go").run()
    assert not at.exception
    with duckdb.connect(str(demo_db), read_only=True) as con:
        go_companies = {r[0].lower() for r in con.execute(
            "select distinct p.company from postings p join posting_skills s using "
            "(posting_id) where s.skill = 'Go' and p.company is not null").fetchall()}
    assert {c.lower() for c in at.dataframe[-1].value["company"]} <= go_companies


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_companies_page_in_chromium(demo_db: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    company, _ = _biggest_company(demo_db)
    port = free_port()
    with (tmp_path / "dashboard.log").open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "dashboard", "--port",
                                 str(port), "--db", str(demo_db)],
                                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_port(port, proc)
            with sync_api.sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                try:
                    page = browser.new_page(viewport={"width": 1440, "height": 1800})
                    page.goto(f"http://127.0.0.1:{port}/companies?company={company}",
                              wait_until="domcontentloaded")
                    page.wait_for_selector("text=stack over time", timeout=60_000)
                    page.wait_for_function(
                        "() => document.querySelectorAll('[data-testid=stVegaLiteChart] canvas,"
                        " [data-testid=stVegaLiteChart] svg').length >= 1", timeout=60_000)
                    body = page.inner_text("body")
                    assert company in body and "Open postings" in body
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(SCREENSHOTS / "companies_demo.png"),
                                    full_page=True)
                finally:
                    browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=15)


def test_your_stack_page_from_a_shared_url(demo_db: Path) -> None:
    from pipeline.serve.reader import WarehouseReader
    from pipeline.serve.tools import Tools

    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["skill"] = ["Go", "Kubernetes"]
    at.query_params["remote"] = "1"
    at.run()
    at.switch_page("screens/your_stack.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="stack_skills").value == ["Go", "Kubernetes"]
    assert at.toggle(key="stack_remote").value is True
    # The page's figures are the MCP tool's, asked the same question.
    expected = Tools(WarehouseReader(demo_db)).your_stack(["Go", "Kubernetes"],
                                                          remote_only=True)
    assert at.metric[0].value == f"{expected['recent_matching']:,}"
    assert charts(at) >= 1
    table = at.dataframe[-1].value
    assert len(table) == min(100, expected["recent_matching"])
    assert (table["skills_matched"] >= 2).all()
    widen = "\n".join(m.value for m in at.markdown)
    for row in expected["widen_with"]:
        assert f"**{row['skill']}**" in widen
