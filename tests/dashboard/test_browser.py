"""Every page of the real dashboard in headless Chromium: renders, no error, a screenshot each.

Runs ``jobpulse dashboard`` in a subprocess on the seeded warehouse and opens each page with
Playwright driving Debian's chromium (never a downloaded browser). Screenshots go to
``test-artifacts/screenshots/<page>.png`` for a person to look at.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# url path -> screenshot name; st.Page derives the path from the file name.
PAGES = {"": "trends", "pay": "pay", "markets": "markets", "skill_explorer": "skill_explorer",
         "postings": "postings", "sql": "sql", "data_health": "data_health"}

SIDEBAR_FILTER = '[data-testid="stSidebar"] [data-testid="stMultiSelect"]'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Debian's chromium at /usr/bin/chromium "
                              "(apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"dashboard exited early with code {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"dashboard did not answer on port {port} within {timeout:.0f} s")


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


def wait_rendered(page: object, timeout_ms: int = 45_000) -> None:
    """Until the page's title is up and the script has finished (and charts had a moment)."""
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout_ms)  # type: ignore[attr-defined]
    page.wait_for_selector(  # type: ignore[attr-defined]
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout_ms)
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('[data-testid=\"stSpinner\"]')", timeout=timeout_ms)
    page.wait_for_timeout(1200)  # type: ignore[attr-defined]  # vega-embed draws async


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
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        finally:
            browser.close()
    assert not problems, problems
