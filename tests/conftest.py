"""Shared fixtures: the replay server in a subprocess, settings in a temp dir, seeded data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pipeline.config import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITES = ROOT / "tests" / "fixtures" / "sites"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


class ReplayServer:
    """``python -m pipeline.replay`` on a free port, serving a private copy of the fixtures."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.proc = subprocess.Popen(
            [sys.executable, "-u", "-m", "pipeline.replay", str(root)],
            stdout=subprocess.PIPE, text=True, cwd=ROOT,
        )
        assert self.proc.stdout is not None
        self.url = self.proc.stdout.readline().strip()
        if not self.url.startswith("http://127.0.0.1:"):
            self.stop()
            raise RuntimeError(f"replay server did not start: {self.url!r}")

    def base(self, source: str) -> str:
        return f"{self.url}/{source}"

    def set_faults(self, faults: dict[str, dict]) -> None:
        (self.root / "_faults.json").write_text(json.dumps(faults), encoding="utf-8")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


@pytest.fixture
def replay(tmp_path: Path) -> Iterator[ReplayServer]:
    """A replay server over a copy of tests/fixtures/sites that a test may change."""
    root = tmp_path / "sites"
    shutil.copytree(FIXTURE_SITES, root)
    server = ReplayServer(root)
    yield server
    server.stop()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    return Settings(data_dir=data, db_path=data / "jobpulse.duckdb", landing_dir=data / "landing")


@pytest.fixture
def make_env(settings: Settings) -> Callable[[], dict[str, str]]:
    def env() -> dict[str, str]:
        return {"JOBPULSE_DATA_DIR": str(settings.data_dir), "JOBPULSE_DB": str(settings.db_path),
                "JOBPULSE_LANDING_DIR": str(settings.landing_dir)}
    return env


SEED_STACKS = [
    "Python, Django and PostgreSQL on AWS",
    "Go services with Kubernetes on Google Cloud",
    "TypeScript, Node.js and MongoDB on Azure",
    "Java with Spring Boot, Kafka and AWS",
    "Rust and PostgreSQL on AWS",
]


def write_seed_landing(settings: Settings, months: int = 6, per_month: int = 20) -> None:
    """A small landing run spread over several months, for dashboard and view tests."""
    folder = settings.landing_dir / "hn"
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    n = 0
    for m in range(months):
        for i in range(per_month):
            n += 1
            # Later months lean towards the later stacks, so trends move.
            stack = SEED_STACKS[(i + m) % len(SEED_STACKS)] if i % 3 else SEED_STACKS[m % 5]
            lines.append(json.dumps({
                "source": "hn", "source_id": str(n), "url": f"https://hn.example/{n}",
                "fetched_at": "2026-11-01T00:00:00Z", "crawl_run": "seed",
                "jobTitle": ("Senior " if n % 2 else "Junior ") + "Backend Engineer",
                "datePublished": f"2026-{m + 1:02d}-03T12:00:00Z",
                "hiringOrganization": {"name": f"Company {n}"},
                "jobLocation": {"raw": "Berlin, Germany"}, "remoteStatus": "REMOTE (EU)",
                "baseSalary": {"raw": f"€{60 + n % 30}k-{80 + n % 30}k"},
                "description": f"We build APIs. Our stack: {stack}.",
            }))
    (folder / "seed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "seed.run.json").write_text(json.dumps({
        "run_id": "seed", "source": "hn", "finish_reason": "finished", "pages": months,
        "items": len(lines), "errors": {}, "started_at": "2026-11-01T00:00:00+00:00",
        "finished_at": "2026-11-01T00:01:00+00:00",
    }))


@pytest.fixture
def seeded_db(settings: Settings) -> Path:
    from pipeline.ingest import load_warehouse

    write_seed_landing(settings)
    report = load_warehouse(settings)
    assert not report.failed
    return settings.db_path
