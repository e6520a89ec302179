"""`jobpulse report` on the demo warehouse: the HTML and Markdown hold every section, their
numbers are the views' numbers, the HTML stands alone (charts inline), and it renders in
Chromium."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import ROOT, DemoBuild

pytestmark = pytest.mark.slow
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
SECTIONS = ["Rising and falling", "Share over time", "Pay: annual salary", "Pay: day rate",
            "Pay: hourly rate", "Markets side by side", "Sources and coverage", "Method"]


@pytest.fixture(scope="module")
def report(demo_build: DemoBuild, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[str, str, Path]:
    assert demo_build.returncode == 0, demo_build.output[-2000:]
    out = tmp_path_factory.mktemp("report")
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", "--month", "2026-10",
                           "--out", str(out), "--db", str(demo_build.db_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    html = (out / "jobpulse-report-2026-10.html").read_text()
    md = (out / "jobpulse-report-2026-10.md").read_text()
    return html, md, out


def test_every_section_in_both_files(report: tuple[str, str, Path]) -> None:
    html, md, out = report
    for title in SECTIONS:
        assert f"<h2>{title}</h2>" in html
        assert f"## {title}" in md
    # Self-contained: the charts are inline SVG, nothing is fetched.
    assert html.count("<svg") >= 5
    assert not re.search(r"""(src|href)=["']?https?://""", html)
    for image in re.findall(r"\]\(([^)]+\.svg)\)", md):
        assert (out / image).exists()


def test_numbers_are_the_views(report: tuple[str, str, Path], demo_build: DemoBuild) -> None:
    _, md, _ = report
    with duckdb.connect(str(demo_build.db_path), read_only=True) as con:
        movers = con.execute(
            "select skill, change_pp from skill_movers where role_family = 'engineering' "
            "and significant order by change_pp desc").fetchall()
        (total,), = con.execute(
            "select sum(postings) from (select source, max(postings_total) as postings from "
            "skill_source_monthly where month = '2026-10-01' and role_family <> "
            "'non_engineering' group by source, role_family) group by true").fetchall()
        go_share, = con.execute(
            "select std_share from skill_share_monthly where role_family = 'engineering' and "
            "skill = 'Go' and month = '2026-10-01'").fetchone()
    assert movers
    for skill, change in movers:
        assert f"| {skill} | {'rising' if change > 0 else 'falling'} | {change:+.1f} |" in md
    assert md.splitlines()[2].startswith(f"{total:,} engineering postings counted in "
                                         "October 2026")
    assert f"| Go | {go_share:.1%} |" in md


def test_bad_month_is_one_line(demo_build: DemoBuild, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "report", "--month", "2019-01",
                           "--out", str(tmp_path), "--db", str(demo_build.db_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: the warehouse counts no postings in 2019-01"
    assert not list(tmp_path.iterdir())


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_report_renders_in_chromium(report: tuple[str, str, Path]) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    _, _, out = report
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 1600})
            page.goto((out / "jobpulse-report-2026-10.html").as_uri())
            page.wait_for_selector("h2:text('Method')")
            sizes = page.eval_on_selector_all(
                ".chart svg", "els => els.map(e => e.getBoundingClientRect().width)")
            assert len(sizes) >= 5 and min(sizes) > 100
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "report_demo.png"), full_page=True)
        finally:
            browser.close()
