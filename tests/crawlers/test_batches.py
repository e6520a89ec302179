"""A response's postings go through Scrapy as one batch, and everything still counts postings:
the landing file, the run manifest, drops and their log lines, other feeds, CLOSESPIDER."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request, Spider, signals
from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list
from scrapy.utils.test import get_crawler

import crawlers.settings
from bench.bench_crawl import write_source
from crawlers.batches import (
    BatchPostingsMiddleware,
    PostingBatch,
    PostingCoreStats,
    each_posting,
)
from crawlers.items import JobPostingItem
from pipeline.demo.run import replay_server
from pipeline.ops.crawl import LOCAL_SETTINGS, crawl_command, run_crawl
from pipeline.ops.sources import get_source


def posting(n: int) -> JobPostingItem:
    return JobPostingItem(source="hn", source_id=str(n), url=f"https://x.example/{n}",
                          fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


def callback_output(fail_after: int | None = None) -> Iterator[Any]:
    """Postings and requests interleaved, as a listing callback yields them."""
    for n in range(4):
        if fail_after is not None and n == fail_after:
            raise ValueError("the page changed shape")
        yield posting(n)
        yield Request(f"https://x.example/page/{n}")


async def async_output(fail_after: int | None = None) -> AsyncIterator[Any]:
    for output in callback_output(fail_after):
        yield output


def drain_async(iterator: AsyncIterator[Any]) -> list[Any]:
    async def run() -> list[Any]:
        return [o async for o in iterator]
    return asyncio.run(run())


def test_requests_pass_at_once_and_postings_come_as_one_batch_at_the_end() -> None:
    out = list(BatchPostingsMiddleware().process_spider_output(None, callback_output()))
    assert [type(o) for o in out] == [Request] * 4 + [PostingBatch]
    assert [p.source_id for p in out[-1].postings] == ["0", "1", "2", "3"]
    out_async = drain_async(BatchPostingsMiddleware().process_spider_output_async(
        None, async_output()))
    assert [type(o) for o in out_async] == [type(o) for o in out]
    assert out_async[-1] == out[-1]


def test_a_callback_without_postings_yields_no_batch() -> None:
    requests = [Request("https://x.example/1"), {"other": "item kind"}]
    assert list(BatchPostingsMiddleware().process_spider_output(None, iter(requests))) \
        == requests


@pytest.mark.parametrize("as_async", [False, True], ids=["sync", "async"])
def test_postings_before_a_failure_are_kept_and_the_failure_goes_on(as_async: bool) -> None:
    middleware = BatchPostingsMiddleware()
    seen: list[Any] = []
    with pytest.raises(ValueError, match="changed shape"):
        if as_async:
            async def run() -> None:
                async for o in middleware.process_spider_output_async(None, async_output(2)):
                    seen.append(o)
            asyncio.run(run())
        else:
            seen.extend(middleware.process_spider_output(None, callback_output(2)))
    assert isinstance(seen[-1], PostingBatch)
    assert [p.source_id for p in seen[-1].postings] == ["0", "1"]


def crawler_with_spider(tmp_path: Path) -> Any:
    """A crawler with our extensions (its stats count through :class:`PostingCoreStats`)."""
    crawler = get_crawler(Spider, {"DEFAULT_DROPITEM_LOG_LEVEL": "WARNING",
                                   "EXTENSIONS": crawlers.settings.EXTENSIONS,
                                   "JOBPULSE_LANDING_DIR": str(tmp_path)})
    crawler.spider = Spider.from_crawler(crawler, name="hn")
    assert any(type(e) is PostingCoreStats for e in crawler.extensions.middlewares)
    return crawler


def test_a_batch_drops_and_fails_posting_by_posting_as_scrapy_handles_items(
        caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    crawler = crawler_with_spider(tmp_path)
    errors: list[Any] = []

    def on_error(item: Any, failure: Any) -> None:
        errors.append((item.source_id, failure.value))

    crawler.signals.connect(on_error, signal=signals.item_error)

    def check(item: JobPostingItem) -> JobPostingItem:
        if item.source_id == "1":
            raise DropItem("duplicate hn:1 in this run")
        if item.source_id == "2":
            raise KeyError("a bug in a check")
        return item

    batch = PostingBatch([posting(n) for n in range(4)])
    with caplog.at_level(logging.INFO):
        kept = each_posting(batch, check, crawler)
    assert [p.source_id for p in kept.postings] == ["0", "3"]
    stats = crawler.stats.get_stats()
    assert stats["item_dropped_count"] == 1
    assert stats["item_dropped_reasons_count/DropItem"] == 1
    assert [source_id for source_id, _ in errors] == ["2"]
    dropped = [r for r in caplog.records if r.getMessage().startswith("Dropped: duplicate")]
    assert len(dropped) == 1 and dropped[0].levelno == logging.WARNING
    failed = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failed) == 1 and failed[0].exc_info is not None
    # A single item is the check's alone: Scrapy counts its drop.
    with pytest.raises(DropItem):
        each_posting(posting(1), check, crawler)


def test_scraped_items_are_counted_in_postings(tmp_path: Path) -> None:
    crawler = crawler_with_spider(tmp_path)
    crawler.signals.send_catch_log(signal=signals.item_scraped,
                                   item=PostingBatch([posting(n) for n in range(5)]),
                                   response=None, spider=crawler.spider)
    crawler.signals.send_catch_log(signal=signals.item_scraped, item=posting(9),
                                   response=None, spider=crawler.spider)
    assert crawler.stats.get_value("item_scraped_count") == 6


def test_the_settings_swap_scrapys_item_counters_for_the_posting_ones() -> None:
    settings = Settings()
    settings.setmodule(crawlers.settings, priority="project")
    extensions = build_component_list(settings.getwithbase("EXTENSIONS"))
    for scrapy_one, ours in (("corestats.CoreStats", "PostingCoreStats"),
                             ("feedexport.FeedExporter", "PostingFeedExporter"),
                             ("closespider.CloseSpider", "PostingCloseSpider")):
        assert f"scrapy.extensions.{scrapy_one}" not in extensions
        assert f"crawlers.batches.{ours}" in extensions
    middlewares = build_component_list(settings.getwithbase("SPIDER_MIDDLEWARES"))
    # Last in the list: the middleware nearest the spider, so every other one sees batches.
    assert middlewares[-1] == "crawlers.batches.BatchPostingsMiddleware"
    # A response's outputs one at a time; Scrapy's default starts 100 tasks per response.
    assert settings.getint("CONCURRENT_ITEMS") == 1 < Settings().getint("CONCURRENT_ITEMS")


def greenhouse_corpus(root: Path) -> tuple[Path, dict[str, str]]:
    """The demo's 14 boards, one of which lists a job twice (a drop in every run)."""
    corpus = write_source("greenhouse", root, months=1, copies=1)
    board = sorted((root / "greenhouse").glob("*.json"))[0]
    data = json.loads(board.read_text(encoding="utf-8"))
    data["jobs"].append(data["jobs"][0])
    board.write_text(json.dumps(data), encoding="utf-8")
    return root, {**dict(get_source("greenhouse").default_args), **corpus.spider_args}


def landed(path: Path) -> list[str]:
    """The landing file's postings, without what differs between two runs."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        del row["fetched_at"], row["crawl_run"]
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def test_a_crawl_lands_and_counts_the_same_with_and_without_batches(tmp_path: Path) -> None:
    root, args = greenhouse_corpus(tmp_path / "corpus")
    # Small enough that some postings are too large: drops by two pipelines.
    limits = {"JOBPULSE_MAX_ITEM_BYTES": "2600"}
    with replay_server(root) as url:
        runs = {name: run_crawl("greenhouse", landing_dir=tmp_path / name,
                                base_url=f"{url}/greenhouse", args=args,
                                settings={**limits, **extra})
                for name, extra in (("batched", {}), ("one-by-one", {"SPIDER_MIDDLEWARES": "{}"}))}
    batched, single = runs["batched"], runs["one-by-one"]
    assert batched.ok and single.ok
    keys = ("pages", "items", "dropped", "dropped_by_reason", "truncated", "errors", "skipped",
            "complete_listing", "finish_reason")
    assert {k: batched.manifest[k] for k in keys} == {k: single.manifest[k] for k in keys}
    reasons = batched.manifest["dropped_by_reason"]
    assert reasons["duplicate_in_run"] == 1 and reasons["too_large"] > 0
    assert batched.manifest["dropped"] == sum(reasons.values())
    lines = landed(Path(batched.landing_file))
    assert lines == landed(Path(single.landing_file))
    assert len(lines) == batched.manifest["items"] == batched.manifest["landing"]["lines"]
    for run in (batched, single):
        log = Path(run.log_file).read_text(encoding="utf-8")
        assert log.count("Dropped: ") == run.manifest["dropped"]
        assert f"'item_scraped_count': {run.manifest['items']}" in log


def test_other_feeds_and_closespider_see_postings(tmp_path: Path) -> None:
    """``scrapy crawl`` with our settings, as someone adds feeds of their own or a limit."""
    root, args = greenhouse_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    feeds = {(out / "all.json").as_uri(): {"format": "json"},
             # Not as_uri(), which would quote the %.
             f"file://{out}/part-%(batch_id)d.csv": {"format": "csv",
                                                         "batch_item_count": 100,
                                                         "fields": ["source_id"]}}
    with replay_server(root) as url:
        whole = crawl_command("greenhouse", "r-feeds", base_url=f"{url}/greenhouse", args=args,
                              settings={**LOCAL_SETTINGS, "FEEDS": json.dumps(feeds)})
        run = subprocess.run(whole, check=False, capture_output=True, text=True,
                             env={**_env(), "JOBPULSE_LANDING_DIR": str(tmp_path / "landing")})
        assert run.returncode == 0, run.stderr[-3000:]
        limited = crawl_command("greenhouse", "r-limit", base_url=f"{url}/greenhouse",
                                args=args,
                                settings={**LOCAL_SETTINGS, "CLOSESPIDER_ITEMCOUNT": "30",
                                          "CONCURRENT_REQUESTS": "1"})
        done = subprocess.run(limited, check=True, capture_output=True, text=True,
                              env={**_env(), "JOBPULSE_LANDING_DIR": str(tmp_path / "l2")})
    items = json.loads((out / "all.json").read_text(encoding="utf-8"))
    ids = [item["source_id"] for item in items]
    assert len(ids) == len(set(ids)) > 300
    parts = sorted(out.glob("part-*.csv"), key=lambda p: int(p.stem.split("-")[1]))
    rows = [p.read_text(encoding="utf-8").splitlines()[1:] for p in parts]
    assert len(parts) > 1 and [len(r) for r in rows[:-1]] == [100] * (len(parts) - 1)
    assert sorted(sum(rows, [])) == sorted(ids)
    assert "'finish_reason': 'closespider_itemcount'" in done.stderr
    limited_lines = next((tmp_path / "l2" / "greenhouse").glob("*.jsonl")).read_text(
        encoding="utf-8").splitlines()
    # Closed at the batch that reached 30 postings, well before the 380-odd of the whole run.
    assert 30 <= len(limited_lines) < len(ids)


def _env() -> dict[str, str]:
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"}
