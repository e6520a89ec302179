"""Crawl throughput on the local replay server: jobpulse's settings vs Scrapy's own defaults.

``python -m bench.bench_crawl [--runs 3] [--months 48] [--copies 20] [--sources hn,greenhouse]
[--ours-set NAME=VALUE ...]``

Each source's generated corpus is served on 127.0.0.1 and crawled by the real spider twice per
round, the two setups alternating (median of ``--runs`` rounds):

* ``jobpulse``: the product path, :func:`pipeline.ops.crawl.run_crawl` with ``crawlers.settings``
  (and the loopback overrides ``run_crawl`` adds for a local server);
* ``scrapy defaults``: the same spider class in a process of its own with a bare
  ``scrapy.settings.Settings()`` and only the additions :func:`scrapy_defaults` justifies.

Both are timed over the same span, spider opened to engine stopped (process start-up is
excluded; the feed is closed by then), and both must fetch the same pages and land the same
item ids: a mismatch is printed, never hidden. Benchmarks report; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import attrs

from bench.bench_distributed import write_big_corpus
from bench.summary import record
from pipeline.demo.corpus import DEMO_END, DemoCorpus
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.demo.run import replay_server
from pipeline.ops.crawl import run_crawl
from pipeline.ops.sources import get_source

OURS = "jobpulse"
DEFAULTS = "scrapy defaults"


@attrs.frozen
class Measure:
    """One crawl: what it fetched and landed, and the seconds from spider open to engine stop."""

    pages: int
    items: int
    seconds: float
    ids: frozenset[str]
    """``source_id`` of every landed item, to check both setups landed the same postings."""
    busy: float | None = None
    """CPU seconds of the crawl process over the span, per second (defaults runs only)."""


def pages_per_second(m: Measure) -> float:
    return m.pages / max(m.seconds, 1e-6)


def items_per_second(m: Measure) -> float:
    return m.items / max(m.seconds, 1e-6)


def landed_ids(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8") as handle:
        return frozenset(str(json.loads(line)["source_id"]) for line in handle if line.strip())


def spider_class(source: str) -> type:
    """The spider ``scrapy crawl <source>`` would run, found without a project's SPIDER_MODULES."""
    module = importlib.import_module(f"crawlers.spiders.{source}")
    for value in vars(module).values():
        if isinstance(value, type) and getattr(value, "name", None) == source:
            return value
    raise ValueError(f"no spider called {source!r} in crawlers.spiders.{source}")


def scrapy_defaults(spider: type, feed: Path) -> Any:
    """``Settings()`` plus only what a defaults run needs to be compared with ours.

    Not added, on purpose: ROBOTSTXT_OBEY (Scrapy's default is off, so this run skips the
    robots.txt request ours makes), USER_AGENT, LOG_LEVEL (Scrapy's DEBUG, logging every
    scraped item), item pipelines, extensions and middlewares: all of those are our settings,
    which is what the comparison measures. The base URL is a spider argument, not a setting:
    reaching the local server needs no setting at all.
    """
    from scrapy.settings import Settings

    settings = Settings()
    # The spider's custom_settings are our politeness towards the real host (Greenhouse: one
    # request at a time, a second apart); a Scrapy-defaults run does not keep them, so each is
    # put back to Scrapy's default value above the spider's priority, as ``-s`` would.
    for name in getattr(spider, "custom_settings", None) or {}:
        settings.set(name, Settings().get(name), priority="cmdline")
    # Items land in a JSON Lines file with Scrapy's own exporter, as `scrapy crawl -o x.jsonl`
    # does: a crawl keeps its items somewhere, and the landed ids are compared with ours.
    settings.set("FEEDS", {feed.as_uri(): {"format": "jsonlines"}}, priority="cmdline")
    return settings


def run_defaults_child(source: str, base_url: str, args: Mapping[str, str], out: Path) -> None:
    """In this (child) process: crawl with :func:`scrapy_defaults`, write ``out/result.json``."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    spider = spider_class(source)
    process = CrawlerProcess(scrapy_defaults(spider, out / "items.jsonl"))
    crawler = process.create_crawler(spider)
    span: dict[str, float] = {}

    # The span ours reports in its manifest (crawlers/extensions.py): spider opened to engine
    # stopped, which comes after the feed has been closed. (Named functions: the signal
    # dispatcher holds its receivers weakly, so a lambda would be collected unheard.)
    def opened() -> None:
        span["open"], span["cpu_open"] = time.monotonic(), time.process_time()

    def stopped() -> None:
        span["stop"], span["cpu_stop"] = time.monotonic(), time.process_time()

    crawler.signals.connect(opened, signal=signals.spider_opened)
    crawler.signals.connect(stopped, signal=signals.engine_stopped)
    process.crawl(crawler, base_url=base_url, **args)
    process.start()
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    result = {
        "pages": int(stats.get("response_received_count", 0))
        - int(stats.get("robotstxt/response_count", 0)),
        "items": int(stats.get("item_scraped_count", 0)),
        "seconds": span["stop"] - span["open"],
        # How busy the crawl process was over the span: near 1, it is CPU-bound and no
        # concurrency or delay setting can make it faster.
        "cpu_seconds": span["cpu_stop"] - span["cpu_open"],
        "finish_reason": stats.get("finish_reason"),
    }
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")


def crawl_defaults(source: str, base_url: str, args: Mapping[str, str], out: Path) -> Measure:
    out.mkdir(parents=True)
    command = [sys.executable, "-m", "bench.bench_crawl", "--defaults-child", source,
               "--base-url", base_url, "--out", str(out)]
    for key, value in args.items():
        command += ["--arg", f"{key}={value}"]
    # Its log goes to a file, as a jobpulse crawl's does (run_crawl).
    with (out / "crawl.log").open("wb") as log:
        returncode = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT,
                                    check=False).returncode
    result_file = out / "result.json"
    if returncode != 0 or not result_file.is_file():
        raise RuntimeError(f"scrapy-defaults crawl of {source} failed; see {out / 'crawl.log'}")
    result = json.loads(result_file.read_text(encoding="utf-8"))
    return Measure(result["pages"], result["items"], result["seconds"],
                   landed_ids(out / "items.jsonl"),
                   result["cpu_seconds"] / max(result["seconds"], 1e-6))


def crawl_ours(source: str, base_url: str, args: Mapping[str, str], out: Path,
               overrides: Mapping[str, str] | None = None) -> Measure:
    """The product path; ``overrides`` (``--ours-set``) take one of our settings away, to see
    what it costs."""
    result = run_crawl(source, landing_dir=out / "landing", base_url=base_url, args=args,
                       settings=overrides)
    if not result.ok:
        raise RuntimeError(f"jobpulse crawl of {source} failed; see {result.log_file}")
    manifest = result.manifest
    # The manifest's span (crawlers/extensions.py): spider opened to engine stopped.
    seconds = (datetime.fromisoformat(manifest["finished_at"])
               - datetime.fromisoformat(manifest["started_at"])).total_seconds()
    assert isinstance(result.landing_file, Path)
    return Measure(int(manifest["pages"]), int(manifest["items"]), seconds,
                   landed_ids(result.landing_file))


Crawl = Callable[[str, str, Mapping[str, str], Path], Measure]
SOURCES = ("hn", "greenhouse")


def setup_order(round_no: int) -> list[str]:
    """Alternate which setup goes first, so neither always runs on a warmer machine."""
    return [DEFAULTS, OURS] if round_no % 2 == 0 else [OURS, DEFAULTS]


def write_source(source: str, root: Path, *, months: int, copies: int) -> DemoCorpus:
    """A corpus big enough for the setups to differ: many HN months, many Greenhouse boards."""
    if source == "hn":
        summary = write_hn_corpus(root, months=months, end=DEMO_END)
        # months=0: every thread the search lists, not only the default latest month.
        return DemoCorpus(postings=summary.postings, spider_args={"months": "0"},
                          note=f"{summary.threads} threads")
    if source == "greenhouse":
        return write_big_corpus(root, copies)
    raise ValueError(f"no benchmark corpus for {source!r}; known: {', '.join(SOURCES)}")


@attrs.frozen
class SourceResult:
    source: str
    note: str
    runs: dict[str, list[Measure]]

    def median(self, setup: str, rate: Callable[[Measure], float]) -> float:
        return statistics.median(rate(m) for m in self.runs[setup])

    def ratio(self) -> tuple[float, float]:
        """ours / defaults, in pages/s and items/s (medians)."""
        return tuple(self.median(OURS, rate) / max(self.median(DEFAULTS, rate), 1e-9)
                     for rate in (pages_per_second, items_per_second))  # type: ignore[return-value]

    def mismatches(self) -> list[str]:
        """Every way a run fetched or landed something the first defaults run did not."""
        reference = self.runs[DEFAULTS][0]
        problems = []
        for setup, measures in self.runs.items():
            for index, m in enumerate(measures):
                if (m.pages, m.items, m.ids) != (reference.pages, reference.items, reference.ids):
                    problems.append(
                        f"{setup} run {index + 1}: {m.pages} pages, {m.items} items, "
                        f"{len(m.ids ^ reference.ids)} ids differ from {DEFAULTS} run 1 "
                        f"({reference.pages} pages, {reference.items} items)")
        return problems


def bench_source(source: str, root: Path, *, runs: int, months: int, copies: int,
                 overrides: Mapping[str, str] | None = None) -> SourceResult:
    corpus = write_source(source, root / "corpus", months=months, copies=copies)
    args = {**dict(get_source(source).default_args), **corpus.spider_args}
    print(f"{source}: {corpus.postings} postings, {corpus.note}", flush=True)
    crawls: dict[str, Crawl] = {DEFAULTS: crawl_defaults,
                                OURS: functools.partial(crawl_ours, overrides=overrides)}
    result = SourceResult(source, corpus.note, {name: [] for name in crawls})
    with replay_server(root / "corpus") as url:
        for round_no in range(runs):
            for name in setup_order(round_no):
                out = root / f"{name.replace(' ', '-')}-{round_no}"
                m = crawls[name](source, f"{url}/{source}", args, out)
                result.runs[name].append(m)
                print(f"  {name}: {m.pages} pages, {m.items} items in {m.seconds:.2f}s "
                      f"({pages_per_second(m):,.1f} pages/s, {items_per_second(m):,.0f} "
                      "items/s" + (f", process busy {m.busy:.0%})" if m.busy is not None
                                   else ")"), flush=True)
    return result


def table(results: Sequence[SourceResult], runs: int) -> str:
    lines = [f"crawl throughput, median of {runs} run(s); seconds: spider open to engine stop",
             f"{'source':<11} {'setup':<16} {'pages':>6} {'items':>7} {'seconds':>8} "
             f"{'pages/s':>9} {'items/s':>9}"]
    for r in results:
        for setup in (DEFAULTS, OURS):
            first = r.runs[setup][0]
            seconds = statistics.median(m.seconds for m in r.runs[setup])
            lines.append(f"{r.source:<11} {setup:<16} {first.pages:>6} {first.items:>7} "
                         f"{seconds:>8.2f} "
                         f"{r.median(setup, pages_per_second):>9,.1f} "
                         f"{r.median(setup, items_per_second):>9,.0f}")
        pages, items = r.ratio()
        lines.append(f"{r.source:<11} {'ratio ours/def':<16} {'':>6} {'':>7} {'':>8} "
                     f"{pages:>8.2f}x {items:>8.2f}x")
        problems = r.mismatches()
        lines.append(f"{r.source:<11} same pages and items in every run: "
                     + ("yes" if not problems else "NO"))
        lines += [f"    {p}" for p in problems]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--months", type=int, default=48, help="HN months in the corpus")
    ap.add_argument("--copies", type=int, default=20,
                    help="Greenhouse demo corpora merged (14 boards each)")
    ap.add_argument("--sources", default="hn,greenhouse")
    ap.add_argument("--ours-set", action="append", default=[], metavar="NAME=VALUE",
                    help="a Scrapy setting for the jobpulse runs, e.g. ROBOTSTXT_OBEY=False, "
                    "to measure what one of our settings costs")
    # The child side of a scrapy-defaults crawl (one reactor per process).
    ap.add_argument("--defaults-child", metavar="SOURCE", help=argparse.SUPPRESS)
    ap.add_argument("--base-url", help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--arg", action="append", default=[], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.defaults_child:
        spider_args = dict(a.split("=", 1) for a in args.arg)
        run_defaults_child(args.defaults_child, args.base_url, spider_args, args.out)
        return
    if any("=" not in a for a in args.ours_set):
        ap.error("--ours-set takes NAME=VALUE")
    overrides = dict(a.split("=", 1) for a in args.ours_set)
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    unknown = [s for s in sources if s not in SOURCES]
    if unknown or args.runs < 1:
        ap.error(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(SOURCES)}"
                 if unknown else "--runs must be 1 or more")
    if overrides:
        print(f"{OURS} runs with {overrides}", flush=True)
    results = []
    tmp = Path(tempfile.mkdtemp(prefix="jobpulse-bench-crawl-"))
    try:
        for source in sources:
            results.append(bench_source(source, tmp / source, runs=args.runs,
                                        months=args.months, copies=args.copies,
                                        overrides=overrides))
    except (RuntimeError, ValueError) as exc:
        # A failed crawl or a bad setting: one line, no traceback, and the folder with the
        # crawl's log is kept for reading.
        raise SystemExit(f"bench_crawl: {exc}") from None
    shutil.rmtree(tmp)
    if overrides:
        print(f"{OURS} runs with {overrides}", flush=True)
    print(table(results, args.runs), flush=True)
    for r in results:
        pages, _items = r.ratio()
        record("crawl", f"{r.source} against a genuine Scrapy-defaults run",
               f"{pages:.2f}x pages/s (median of {args.runs} alternating runs)")


if __name__ == "__main__":
    main()
