"""Every page of the real dashboard in headless Chromium: renders, no error, a screenshot each.

Runs ``jobpulse dashboard`` in a subprocess on the seeded warehouse and opens each page with
Playwright driving Debian's chromium (never a downloaded browser). Screenshots go to
``test-artifacts/screenshots/<page>.png`` for a person to look at.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.browser import CHROMIUM, CHROMIUM_ARGS, PAGES, free_port, wait_for_port
from tests.conftest import ROOT

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

SIDEBAR_FILTER = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium "
                              "(apt-get install chromium)"),
]


@pytest.fixture
def dashboard_url(seeded_db: Path, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = (tmp_path / "dashboard.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "dashboard", "--port", str(port),
         "--db", str(seeded_db)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_for_port(port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


CHARTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].every(chart =>
        [...chart.querySelectorAll('svg, canvas')].some(
            el => el.getBoundingClientRect().width > 0))"""
"""Lazily loaded elements (charts among them) have replaced their skeletons, and every chart
has drawn its svg or canvas: vega-embed draws after the script has finished."""


def wait_rendered(page: object, timeout_ms: int = 45_000) -> None:
    """Until the page's title is up, the script has finished and its charts are drawn."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout_ms)  # type: ignore[attr-defined]
    page.wait_for_selector(  # type: ignore[attr-defined]
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('[data-testid=\"stSpinner\"]')", timeout=timeout_ms)
    page.wait_for_function(CHARTS_DRAWN, timeout=timeout_ms)  # type: ignore[attr-defined]


def test_every_page_renders_in_chromium(dashboard_url: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems: dict[str, list[str]] = {}
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1800})
            for path, name in PAGES.items():
                page.goto(f"{dashboard_url}/{path}", wait_until="domcontentloaded")
                wait_rendered(page)
                found = [el.inner_text()[:300] for el in page.query_selector_all(
                    '[data-testid="stException"], [data-testid="stAlertContentError"]')]
                if found:
                    problems[name] = found
                if name in ("trends", "pay", "markets", "skill_explorer"):
                    assert page.query_selector('[data-testid="stVegaLiteChart"]'), \
                        f"{name}: no chart drawn"
                assert page.query_selector(SIDEBAR_FILTER), f"{name}: no sidebar filters"
                assert not page.query_selector('[data-testid="stAppDeployButton"]'), \
                    f"{name}: a Deploy button on a served warehouse"
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        finally:
            browser.close()
    assert not problems, problems
