"""Crawl throughput against the local replay server: jobpulse settings vs Scrapy's defaults.

``python -m bench.bench_crawl [--runs 3] [--months 48]``: serves the generated HN corpus,
crawls it with the real ``hn`` spider, and reports items per second between spider open and
close (process start-up excluded), median of several runs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from datetime import datetime
from pathlib import Path

from pipeline.demo.corpus import DEMO_END
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.demo.run import replay_server
from pipeline.ops.crawl import run_crawl

# What an unconfigured Scrapy project runs with, where jobpulse's settings differ. On HN
# (hundreds of items per response) CONCURRENT_ITEMS=10 measured no different from 100.
SCRAPY_DEFAULTS = {"LOG_LEVEL": "DEBUG"}
JOBPULSE = {"LOG_LEVEL": "INFO"}


def items_per_second(manifest: dict) -> float:
    started = datetime.fromisoformat(manifest["started_at"])
    finished = datetime.fromisoformat(manifest["finished_at"])
    return manifest["items"] / max((finished - started).total_seconds(), 1e-6)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--months", type=int, default=48)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        summary = write_hn_corpus(root / "corpus", months=args.months, end=DEMO_END)
        print(f"corpus: {summary.threads} threads", flush=True)
        results: dict[str, list[float]] = {}
        with replay_server(root / "corpus") as url:
            for label, settings in (("scrapy defaults", SCRAPY_DEFAULTS),
                                    ("jobpulse", JOBPULSE)):
                for run in range(args.runs):
                    result = run_crawl("hn", landing_dir=root / f"landing-{run}",
                                       base_url=f"{url}/hn", args={"months": "0"},
                                       settings=settings)
                    rate = items_per_second(result.manifest)
                    results.setdefault(label, []).append(rate)
                    print(f"  {label}: {result.manifest['items']} items, {rate:,.0f} items/s",
                          flush=True)
    base = statistics.median(results["scrapy defaults"])
    ours = statistics.median(results["jobpulse"])
    print(f"hn crawl, median of {args.runs}: scrapy defaults {base:,.0f} items/s, "
          f"jobpulse {ours:,.0f} items/s, ratio {ours / base:.2f}")


if __name__ == "__main__":
    main()
