"""Distributed crawl mode: greenhouse workers sharing a real, private redis-server.

Each test gets its own memory-only ``redis-server`` on a free 127.0.0.1 port and a generated
corpus of several boards per worker, served by the replay server in its own process.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.bench_distributed import redis_server, write_big_corpus
from handoff.landing import file_digest
from handoff.queue import distributed_settings, key_prefix
from pipeline.config import Settings
from pipeline.demo.corpus import DemoCorpus
from pipeline.ingest.lines import partial_last_line
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.ops.workers import RedisUnreachable, check_redis, run_workers
from tests.conftest import ReplayServer

HAVE_REDIS = shutil.which("redis-server") is not None
needs_redis = pytest.mark.skipif(
    not HAVE_REDIS, reason="redis-server not on PATH (apt-get install redis-server)")
# Runs finish as soon as the shared queue is empty: greenhouse adds no follow-up requests.
FAST_CLOSE = {"JOBPULSE_IDLE_CLOSE_SECONDS": "0"}


@pytest.fixture
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture
def corpus(tmp_path: Path) -> Iterator[tuple[ReplayServer, DemoCorpus]]:
    made = write_big_corpus(tmp_path / "sites", copies=2)  # 28 boards
    server = ReplayServer(tmp_path / "sites")
    yield server, made
    server.stop()


def source_ids(path: Path) -> list[str]:
    """Source ids of a landing file's whole lines (a killed worker may leave half a line)."""
    data = path.read_bytes()
    lines = data.splitlines()
    if partial_last_line(data):
        lines = lines[:-1]
    return [json.loads(line)["source_id"] for line in lines if line.strip()]


def corpus_ids(root: Path) -> set[str]:
    return {str(job["id"]) for board in (root / "greenhouse").glob("*.json")
            for job in json.loads(board.read_text("utf-8"))["jobs"]}


def test_distributed_settings_are_per_crawl() -> None:
    assert key_prefix("greenhouse", "c1") != key_prefix("greenhouse", "c2")
    assert distributed_settings("redis://127.0.0.1:1/0", "c1", 3)["JOBPULSE_WORKER"] == "3"
    with pytest.raises(ValueError):
        key_prefix("greenhouse", "../x")


def test_unreachable_redis_is_one_clear_error() -> None:
    with pytest.raises(RedisUnreachable, match="unreachable"):
        check_redis("redis://127.0.0.1:1/0")


def test_failed_run_keeps_its_whole_lines(replay: ReplayServer, settings: Settings) -> None:
    """A killed crawl's half-written last line is skipped and counted; the rest loads."""
    result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                       base_url=replay.base("greenhouse"), args={"boards": "harborline"})
    data = result.landing_file.read_bytes()
    whole = data.count(b"\n")
    assert whole >= 2
    result.landing_file.write_bytes(data[: -len(data.splitlines()[-1]) // 2 - 1])
    assert partial_last_line(result.landing_file.read_bytes())
    # As run_crawl writes it for a crawler that died: the digest of what had landed.
    manifest = {**result.manifest, "status": "failed", "finish_reason": "crawler exited with -9",
                "landing": file_digest(result.landing_file.read_bytes())}
    result.landing_file.with_suffix(".run.json").write_text(json.dumps(manifest))
    report = load_warehouse(settings)
    assert not report.failed
    assert report.files[0].rows == whole - 1
    assert report.total_postings == whole - 1


@pytest.mark.redis
@needs_redis
def test_two_workers_fetch_and_land_each_posting_once(
        redis_url: str, corpus: tuple[ReplayServer, DemoCorpus], settings: Settings,
        tmp_path: Path) -> None:
    server, made = corpus
    outcome = run_workers(2, "greenhouse", redis_url=redis_url, landing_dir=settings.landing_dir,
                          crawl_id="t-two", base_url=server.base("greenhouse"),
                          args=made.spider_args, settings=FAST_CLOSE)
    assert not outcome.failed, [r.manifest.get("finish_reason") for r in outcome.results]
    assert len({r.run_id for r in outcome.results}) == 2
    assert outcome.items == made.postings
    ids = [i for r in outcome.results for i in source_ids(r.landing_file)]
    assert len(ids) == len(set(ids)) == made.postings
    assert set(ids) == corpus_ids(tmp_path / "sites")
    for index, result in enumerate(outcome.results):
        assert result.manifest["args"]["worker"] == str(index)
        assert result.manifest["args"]["crawl_id"] == "t-two"
        # One worker saw part of the listing: it must not let the loader close the rest.
        assert result.manifest["complete_listing"] is False
    report = load_warehouse(settings)
    assert not report.failed and len(report.files) == 2
    assert report.total_postings == made.postings
    again = load_warehouse(settings)
    assert again.files == [] and again.total_postings == made.postings


@pytest.mark.redis
@needs_redis
def test_killed_worker_loses_nothing(redis_url: str, corpus: tuple[ReplayServer, DemoCorpus],
                                     settings: Settings, tmp_path: Path) -> None:
    """Worker 0 is SIGKILLed after it has landed something; workers 1 and 2 take over the
    queue; what worker 0 had taken is fetched by a follow-up worker of the same crawl."""
    server, made = corpus
    # Throttled so the crawl lasts long enough to kill a worker in the middle of it.
    slow = {**FAST_CLOSE, "DOWNLOAD_DELAY": "0.4", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}
    results: dict[int, CrawlResult] = {}
    pids: dict[int, int] = {}
    landed = threading.Event()

    def worker(index: int) -> None:
        def seen(items: int) -> None:
            if items > 0:
                landed.set()

        results[index] = run_crawl(
            "greenhouse", landing_dir=settings.landing_dir, base_url=server.base("greenhouse"),
            args=made.spider_args, settings=slow, redis_url=redis_url, crawl_id="t-kill",
            worker=index, progress=seen if index == 0 else None,
            on_start=lambda pid: pids.__setitem__(index, pid))

    first = threading.Thread(target=worker, args=(0,))
    first.start()
    assert landed.wait(timeout=60), "worker 0 landed nothing"
    others = [threading.Thread(target=worker, args=(i,)) for i in (1, 2)]
    for thread in others:
        thread.start()
    os.kill(pids[0], signal.SIGKILL)
    for thread in [first, *others]:
        thread.join(timeout=120)
        assert not thread.is_alive()

    killed = results[0]
    assert killed.returncode == -signal.SIGKILL
    assert killed.manifest["status"] == "failed"
    assert killed.manifest["args"] == {"worker": "0", "crawl_id": "t-kill"}
    # The crawl is dead, so what it landed is final: the loader checks it against this digest.
    assert killed.manifest["landing"] == file_digest(killed.landing_file.read_bytes())
    assert results[1].ok and results[2].ok
    assert "jobpulse: released" in killed.log_file.read_text(encoding="utf-8")

    # The follow-up run of the same crawl fetches exactly what worker 0 had taken and not
    # landed elsewhere since; nothing else passes the shared dupefilter.
    results[3] = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                           base_url=server.base("greenhouse"), args=made.spider_args,
                           settings=FAST_CLOSE, redis_url=redis_url, crawl_id="t-kill",
                           worker=3)
    assert results[3].ok

    survivors = Counter(i for n in (1, 2, 3) for i in source_ids(results[n].landing_file))
    assert max(survivors.values()) == 1, "a posting was fetched twice by live workers"
    everything = set(survivors) | set(source_ids(killed.landing_file))
    assert everything == corpus_ids(tmp_path / "sites")

    report = load_warehouse(settings)
    assert not report.failed and len(report.files) == 4
    assert report.total_postings == made.postings
