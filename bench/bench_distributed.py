"""Distributed crawl throughput: 1, 2 and 4 greenhouse workers sharing one local Redis.

``python -m bench.bench_distributed [--runs 3] [--copies 40]``: serves a greenhouse corpus of
``copies`` x 14 boards from the replay server, starts a throw-away ``redis-server`` on a free
loopback port, and crawls it with N workers (loopback: unthrottled). Reports items per second
over the whole crawl (first worker start to last worker exit, start-up included: that is what
a user waits for) and the ratio to one worker, median of ``runs``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from pipeline.demo.corpus import DemoCorpus
from pipeline.demo.greenhouse_corpus import write_corpus
from pipeline.ops.workers import run_workers

ID_STRIDE = 1_000_000_000
"""Each copy's job ids move by this much, so copies never share a posting id."""


def write_big_corpus(root: Path, copies: int, *, seed: int = 11) -> DemoCorpus:
    """``copies`` generated greenhouse corpora merged into ``root/greenhouse``, ids kept unique."""
    target = root / "greenhouse"
    target.mkdir(parents=True, exist_ok=True)
    tokens: list[str] = []
    postings = 0
    with tempfile.TemporaryDirectory() as tmp:
        for copy in range(copies):
            part = Path(tmp) / str(copy)
            made = write_corpus(part, seed=seed + copy, months=12, end=date(2026, 11, 1))
            for token in made.spider_args["boards"].split(","):
                data = json.loads((part / "greenhouse" / f"{token}.json").read_text("utf-8"))
                for job in data["jobs"]:
                    job["id"] = int(job["id"]) + copy * ID_STRIDE
                    job.pop("absolute_url", None)  # the spider rebuilds it from the new id
                name = f"c{copy}-{token}"
                (target / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False),
                                                     encoding="utf-8")
                tokens.append(name)
            postings += made.postings
            shutil.rmtree(part)
    return DemoCorpus(postings=postings, spider_args={"boards": ",".join(tokens)},
                      note=f"on {len(tokens)} boards")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def replay_process(root: Path) -> Iterator[str]:
    """The replay server in its own process, so it does not share a GIL with the bench."""
    proc = subprocess.Popen([sys.executable, "-u", "-m", "pipeline.replay", str(root)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"replay server did not start: {url!r}")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@contextmanager
def redis_server() -> Iterator[str]:
    """A private, memory-only ``redis-server`` on a free loopback port; yields its URL."""
    import redis

    port = free_port()
    proc = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1",
                             "--save", "", "--appendonly", "no"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(url, socket_connect_timeout=1).ping()
                break
            except redis.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.kill()
        proc.wait(timeout=10)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--workers", default="1,2,4")
    args = ap.parse_args(argv)
    counts = [int(n) for n in args.workers.split(",")]
    if shutil.which("redis-server") is None:
        sys.exit("needs redis-server (apt-get install redis-server)")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpus = write_big_corpus(root / "corpus", args.copies)
        print(f"corpus: {corpus.postings} postings {corpus.note}", flush=True)
        rates: dict[int, list[float]] = {}
        with replay_process(root / "corpus") as url, redis_server() as redis_url:
            for run in range(args.runs):
                for count in counts:
                    started = time.monotonic()
                    outcome = run_workers(count, "greenhouse", redis_url=redis_url,
                                          landing_dir=root / f"landing-{count}-{run}",
                                          base_url=f"{url}/greenhouse", args=corpus.spider_args,
                                          settings={"JOBPULSE_IDLE_CLOSE_SECONDS": "0"})
                    seconds = time.monotonic() - started
                    rate = outcome.items / seconds
                    rates.setdefault(count, []).append(rate)
                    per = [int(r.manifest.get("items") or 0) for r in outcome.results]
                    print(f"  run {run + 1}, {count} worker(s): {outcome.items} items in "
                          f"{seconds:.1f}s = {rate:,.0f} items/s {per}"
                          f"{' FAILED' if outcome.failed else ''}", flush=True)
    base = statistics.median(rates[counts[0]])
    for count in counts:
        median = statistics.median(rates[count])
        print(f"greenhouse, {count} worker(s), median of {args.runs}: {median:,.0f} items/s, "
              f"ratio to {counts[0]}: {median / base:.2f}")


if __name__ == "__main__":
    main()
