"""Headless Chromium and the local dashboard: what the dashboard benchmark and the browser tests
share. Debian's chromium only: Playwright's own browser download fails here by design.
"""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# url path -> screenshot name; st.Page derives the path from the file name.
PAGES = {"": "trends", "pay": "pay", "markets": "markets", "skill_explorer": "skill_explorer",
         "companies": "companies", "your_stack": "your_stack", "postings": "postings",
         "sql": "sql", "data_health": "data_health"}


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
