"""``jobpulse demo``: generate a corpus, serve it locally, crawl it with the real spiders, load."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import attrs

from pipeline.config import Settings
from pipeline.demo.corpus import DEMO_END, corpus_writer
from pipeline.demo.hn_calendar import thread_post_time
from pipeline.demo.hn_corpus import write_hn_corpus
from pipeline.demo.seeded_trends import PARTIAL_HOURS
from pipeline.errors import CrawlFailed, JobpulseError
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.ops.keys import demo_env
from pipeline.ops.sources import SOURCES
from pipeline.replay.server import serve, url_of

Echo = Callable[[str], None]


@attrs.define
class StageTimer:
    echo: Echo
    stages: list[tuple[str, float]] = attrs.Factory(list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.echo(f"==> {name}")
        started = time.monotonic()
        yield
        seconds = time.monotonic() - started
        self.stages.append((name, seconds))
        self.echo(f"    {name}: {seconds:.1f}s")


@contextmanager
def replay_server(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free 127.0.0.1 port for the duration of the block."""
    server = serve(root)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield url_of(server)
    finally:
        server.shutdown()
        server.server_close()


def _progress_printer(slug: str, echo: Echo) -> Callable[[int], None]:
    last = [time.monotonic()]

    def progress(items: int) -> None:
        if time.monotonic() - last[0] >= 5:
            last[0] = time.monotonic()
            echo(f"    {slug}: {items} items so far")

    return progress


CRAWL_WORKERS = 3
"""Crawls at once: each is its own process, and a crawl of the local server waits on the
server part of the time, so three keep two cores busy."""


def _crawl_all(crawls: list[tuple[str, dict[str, str]]], settings: Settings, url: str,
               echo: Echo) -> None:
    """Crawl every source of the corpus, a few at once; report each in order, then fail on the
    first that failed."""
    def crawl(slug: str, args: dict[str, str]) -> CrawlResult:
        return run_crawl(slug, landing_dir=settings.landing_dir, base_url=f"{url}/{slug}",
                         args=args, progress=_progress_printer(slug, echo),
                         env=demo_env(SOURCES[slug]))

    with ThreadPoolExecutor(CRAWL_WORKERS) as pool:
        futures = [(slug, pool.submit(crawl, slug, args)) for slug, args in crawls]
        failed: list[CrawlResult] = []
        for slug, future in futures:
            result = future.result()
            errors = result.manifest.get("errors") or {}
            echo(f"    crawl {slug}: {result.manifest.get('items')} items from "
                 f"{result.manifest.get('pages')} pages in {result.seconds:.1f}s"
                 + (f", errors {errors}" if errors else ""))
            if not result.ok:
                failed.append(result)
    if failed:
        raise CrawlFailed(f"demo crawl of {failed[0].source} failed; see {failed[0].log_file}")


def run_demo(settings: Settings, *, months: int = 48, seed: int = 7,
             echo: Echo = print) -> list[tuple[str, float]]:
    """Build the demo warehouse at ``settings.db_path``; returns each stage's wall time."""
    timer = StageTimer(echo)
    corpus = settings.data_dir / "demo" / "corpus"
    crawls: list[tuple[str, dict[str, str]]] = []
    with timer.stage("generate corpus"):
        if corpus.exists():
            shutil.rmtree(corpus)
        summary = write_hn_corpus(corpus, seed=seed, months=months, end=DEMO_END)
        echo(f"    hn: {summary.threads} threads, {summary.postings} postings, "
             f"{summary.first_month:%Y-%m}..{summary.last_month:%Y-%m}")
        echo(f"    hn_seeking: {summary.seekers} seeking posts")
        crawls += [("hn", {"months": "0"}), ("hn_freelance", {"months": "0"}),
                   ("hn_seeking", {"months": "0"})]
        for slug in SOURCES:
            writer = corpus_writer(slug)
            if writer is None:
                continue
            made = writer(corpus, seed=seed, months=months, end=DEMO_END)
            echo(f"    {slug}: {made.postings} postings {made.note}".rstrip())
            crawls.append((slug, made.spider_args))
    with replay_server(corpus) as url:
        echo(f"    serving the corpus on {url}")
        with timer.stage(f"crawl {len(crawls)} sources"):
            _crawl_all(crawls, settings, url, echo)
    with timer.stage("load"):
        # The corpus describes the moment its last threads were read: that month is partial.
        as_of = thread_post_time(DEMO_END) + timedelta(hours=PARTIAL_HOURS)
        report = load_warehouse(settings, echo, data_as_of=as_of)
        if report.failed:
            errors = "; ".join(f.error or f.key for f in report.failed)
            raise JobpulseError(f"demo load failed: {errors}")
    total = sum(seconds for _, seconds in timer.stages)
    echo("demo stages: " + ", ".join(f"{n} {s:.1f}s" for n, s in timer.stages)
         + f"; total {total:.1f}s")
    return timer.stages
