"""Shared fixtures: the replay server in a subprocess, settings in a temp dir, seeded data, and
a private S3 endpoint (moto) for object-store landing zones."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
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


LONG_MARKS = ("slow", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Long tests (marked slow or browser) run first, in their usual order.

    Under xdist a long test picked up near the end of the run keeps one worker busy while the
    other has nothing left to do; started first, it overlaps with the many short ones.
    """
    items.sort(key=lambda item: not any(item.get_closest_marker(name) for name in LONG_MARKS))


@pytest.fixture
def replay(tmp_path: Path) -> Iterator[ReplayServer]:
    """A replay server over a copy of tests/fixtures/sites that a test may change."""
    root = tmp_path / "sites"
    shutil.copytree(FIXTURE_SITES, root)
    server = ReplayServer(root)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A moto S3 server on a free 127.0.0.1 port, shared by the tests of one process."""
    from moto.server import ThreadedMotoServer

    # One log line per request would bury a failing test's own output.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class S3Bucket:
    """A fresh bucket on the moto endpoint, and a client to look into it."""

    def __init__(self, endpoint: str, name: str) -> None:
        import boto3.session

        self.endpoint = endpoint
        self.name = name
        self.client: Any = boto3.session.Session().client("s3", endpoint_url=endpoint)
        self.client.create_bucket(Bucket=name)

    def uri(self, prefix: str = "landing") -> str:
        return f"s3://{self.name}/{prefix}"

    def put(self, key: str, body: bytes | str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.client.put_object(Bucket=self.name, Key=key, Body=data)

    def get(self, key: str) -> bytes:
        return bytes(self.client.get_object(Bucket=self.name, Key=key)["Body"].read())

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix)
        return sorted(obj["Key"] for page in pages for obj in page.get("Contents", []))


@pytest.fixture
def s3(moto_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> S3Bucket:
    """An empty bucket, with the environment (inherited by crawls) pointing boto3 at moto only:
    fake credentials, no AWS config files, no instance metadata lookups."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
                 "AWS_ENDPOINT_URL_S3", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                 "AWS_CONTAINER_CREDENTIALS_FULL_URI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent/aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    return S3Bucket(moto_endpoint, f"jobpulse-{uuid.uuid4().hex[:12]}")


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


def write_seed_landing(settings: Settings, months: int = 6, per_month: int = 20,
                       started_at: datetime | None = None) -> None:
    """A small landing run spread over several months, for dashboard and view tests.

    The run itself happened a minute ago unless ``started_at`` says otherwise, so the seeded
    source is fresh (freshness is judged against the clock).
    """
    started = started_at or datetime.now(UTC) - timedelta(minutes=2)
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
        "items": len(lines), "errors": {}, "started_at": started.isoformat(),
        "finished_at": (started + timedelta(minutes=1)).isoformat(),
    }))


@pytest.fixture(scope="session")
def seeded_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder (landing zone and warehouse) with the seed run loaded, built once per
    test process: loading it takes about half a second and some 60 tests start from it."""
    from pipeline.ingest.loader import load_warehouse

    data = tmp_path_factory.mktemp("seeded") / "data"
    seeded = Settings(data_dir=data, db_path=data / "jobpulse.duckdb", landing_dir=data / "landing")
    write_seed_landing(seeded)
    report = load_warehouse(seeded)
    assert not report.failed
    return data


@pytest.fixture
def seeded_db(settings: Settings, seeded_data: Path) -> Path:
    """The seeded warehouse in this test's own data folder, which a test may change: a copy of
    the once-loaded one (landing paths are stored relative to the landing zone)."""
    shutil.copytree(seeded_data, settings.data_dir, dirs_exist_ok=True)
    return settings.db_path


@attrs.frozen
class DemoBuild:
    db_path: Path
    returncode: int
    output: str


DEMO_MONTHS = 16
"""Enough history for movers to compare the last three months with a year before."""


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> DemoBuild:
    """``jobpulse demo --no-dashboard`` run once per test session, in a temporary directory.

    Under xdist every worker shares the first build (a file lock in the run's common temporary
    directory), so the demo costs one build however many tests and workers read it.
    """
    root = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        root = root.parent
    folder = root / "demo-build"
    with (root / "demo-build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        result_file = folder / "result.json"
        if not result_file.exists():
            folder.mkdir(exist_ok=True)
            env = {k: v for k, v in os.environ.items() if not k.startswith("JOBPULSE_")}
            done = subprocess.run(
                [sys.executable, "-m", "pipeline.cli", "demo", "--no-dashboard",
                 "--months", str(DEMO_MONTHS)],
                cwd=folder, env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True,
                text=True, timeout=300,
            )
            result_file.write_text(json.dumps(
                {"returncode": done.returncode, "output": done.stdout + done.stderr}))
        result = json.loads(result_file.read_text())
    return DemoBuild(folder / "data" / "jobpulse.duckdb", result["returncode"], result["output"])
