"""``jobpulse workers``: one crawl spread over N local worker processes sharing a Redis queue."""

from __future__ import annotations

import sys
import time

import click

from pipeline.cli.options import URL, name_values
from pipeline.config import Settings
from pipeline.errors import JobpulseError


@click.command(name="workers")
@click.argument("count", type=click.IntRange(1, 64))
@click.argument("source")
@click.option("--base-url", type=URL, help="Base URL instead of the real one (e.g. a local "
              "server).")
@click.option("--redis-url", envvar="JOBPULSE_REDIS_URL", metavar="URL",
              help="Redis holding the shared queue [env JOBPULSE_REDIS_URL], "
              "e.g. redis://127.0.0.1:6379/0.")
@click.option("--crawl-id", metavar="ID",
              help="Join or resume this crawl (default: a new one).")
@click.option("-a", "--args", "spider_args", multiple=True, metavar="NAME=VALUE",
              help="A spider argument, e.g. boards=a,b (repeatable).")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="A Scrapy setting for every worker (repeatable).")
def workers(count: int, source: str, base_url: str | None, redis_url: str | None,
            crawl_id: str | None, spider_args: tuple[str, ...],
            overrides: tuple[str, ...]) -> None:
    """Crawl SOURCE with COUNT worker processes sharing one Redis queue.

    Each worker writes its own landing file and manifest; `jobpulse load` loads them all.
    Exits 1 if any worker failed; what a failed worker had taken is fetched again by the next
    run with the same --crawl-id.

    \b
    Example:
        jobpulse workers 4 greenhouse --redis-url redis://127.0.0.1:6379/0
    """
    from pipeline.ops.crawl import last_error_line
    from pipeline.ops.sources import get_source
    from pipeline.ops.workers import run_workers

    get_source(source)
    if not redis_url:
        raise click.UsageError("a Redis URL is required: --redis-url or env JOBPULSE_REDIS_URL")
    settings = Settings.from_env()
    started = time.monotonic()

    def show(items: list[int], queued: int) -> None:
        if sys.stderr.isatty():
            per = " ".join(str(n) for n in items)
            line = (f"{source}: {sum(items)} items [{per}], {max(queued, 0)} queued, "
                    f"{time.monotonic() - started:.0f}s")
            click.echo(f"\r{line:<78}", nl=False, err=True)

    outcome = run_workers(count, source, redis_url=redis_url,
                          landing_dir=settings.landing_dir, crawl_id=crawl_id,
                          base_url=base_url, args=name_values(spider_args),
                          settings=name_values(overrides), progress=show)
    if sys.stderr.isatty():
        click.echo("\r" + " " * 78 + "\r", nl=False, err=True)
    for index, result in enumerate(outcome.results):
        m = result.manifest
        state = "ok" if result.ok else "FAILED"
        click.echo(f"worker {index}: {m.get('items', 0)} items, {m.get('pages', 0)} pages, "
                   f"{result.seconds:.1f}s, {state} -> {result.landing_file}")
        if not result.ok:
            click.echo(f"worker {index}: {last_error_line(result.log_file)} "
                       f"(log: {result.log_file})", err=True)
    click.echo(f"crawl {outcome.crawl_id}: {outcome.items} items from {count} workers")
    if outcome.failed:
        raise JobpulseError(
            f"{len(outcome.failed)} worker(s) failed; `jobpulse workers 1 {source} "
            f"--crawl-id {outcome.crawl_id}` fetches what they had taken")
