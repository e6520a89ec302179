"""The Trends page on the demo warehouse, whose answer is known (pipeline/demo/seeded_trends.py):
"Rising and falling" shows exactly the seeded movers, the share chart marks the partial month,
and the source mix is drawn under it. In AppTest and in headless Chromium (screenshot)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for_port
from pipeline.demo.seeded_trends import SEEDED_FALLING, SEEDED_RISING
from tests.conftest import ROOT, DemoBuild
from tests.dashboard.test_pages import APP, captions, charts, clear_caches

pytestmark = pytest.mark.slow
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"


@pytest.fixture
def demo_db(demo_build: DemoBuild, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    assert demo_build.returncode == 0, demo_build.output
    monkeypatch.setenv("JOBPULSE_DB", str(demo_build.db_path))
    clear_caches()
    yield demo_build.db_path
    clear_caches()


def test_rising_and_falling_shows_exactly_the_seeded_movers(demo_db: Path) -> None:
    from dashboard import data

    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception, [e.value for e in at.exception]
    text = captions(at)
    assert "Engineering postings, Aug 2026 to Oct 2026 against the same months a year before" \
        in text
    assert "Sources compared: hn (present in both windows)" in text
    assert charts(at) >= 3  # movers, share, source mix
    movers = data.movers("engineering").filter("significant")
    assert set(movers.filter(movers["direction"] == "rising")["skill"]) == set(SEEDED_RISING)
    assert set(movers.filter(movers["direction"] == "falling")["skill"]) == set(SEEDED_FALLING)
    share = data.trend_share("engineering", ("Go",), pooled=False)
    assert share.filter("partial")["month"].dt.strftime("%Y-%m").to_list() == ["2026-11"]
    # Choosing the pooled share says so.
    at.toggle(key="trend_pooled").set_value(True).run()
    assert "pooled: every counted posting of the month together" in captions(at)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_trends_page_in_chromium(demo_db: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
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
                    page = browser.new_page(viewport={"width": 1440, "height": 2200})
                    page.goto(f"http://127.0.0.1:{port}/", wait_until="domcontentloaded")
                    page.wait_for_selector("text=Rising and falling", timeout=60_000)
                    charts_drawn = ("() => document.querySelectorAll("
                                    "'[data-testid=stVegaLiteChart] canvas, "
                                    "[data-testid=stVegaLiteChart] svg').length >= 3")
                    page.wait_for_function(charts_drawn, timeout=60_000)
                    body = page.inner_text("body")
                    assert "Sources compared: hn" in body
                    assert "the current month, still filling" in body
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(SCREENSHOTS / "trends_demo.png"), full_page=True)
                finally:
                    browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=15)
