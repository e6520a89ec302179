"""``LimitsPipeline``: long texts are cut and counted, oversized items dropped and counted."""

from __future__ import annotations

import json
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.settings import Settings as ScrapySettings
from scrapy.statscollectors import MemoryStatsCollector

from crawlers.extensions import summarize_stats
from crawlers.items import JobPostingItem
from crawlers.pipelines import LimitsPipeline
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import run_crawl
from tests.conftest import ReplayServer
from warehouse.db import connect


class FakeCrawler:
    """Just what the pipeline reads: settings and a stats collector."""

    def __init__(self, **settings: Any) -> None:
        self.settings = ScrapySettings(settings)
        self.stats = MemoryStatsCollector(self)  # type: ignore[arg-type]


def pipeline(**settings: Any) -> tuple[LimitsPipeline, FakeCrawler]:
    crawler = FakeCrawler(**settings)
    return LimitsPipeline.from_crawler(crawler), crawler  # type: ignore[arg-type]


def item(**fields: Any) -> JobPostingItem:
    base: dict[str, Any] = {"source": "hn", "source_id": "1", "url": "https://x.example/1",
                            "fetched_at": "2026-11-01T00:00:00Z", "crawl_run": "r1"}
    return JobPostingItem(**{**base, **fields})


def test_small_item_passes_untouched() -> None:
    limits, crawler = pipeline()
    original = item(jobTitle="Backend Engineer", description="Python and Go.",
                    hiringOrganization={"name": "Acme", "nameRaw": "Acme"})
    assert limits.process_item(original) is original
    assert original.jobTitle == "Backend Engineer"
    assert summarize_stats(crawler.stats.get_stats())["truncated"] == {}


def test_description_is_truncated_and_counted() -> None:
    limits, crawler = pipeline(JOBPULSE_MAX_DESCRIPTION_CHARS=100)
    out = limits.process_item(item(description="a" * 250, descriptionHtml="<p>" + "b" * 120))
    assert out.description == "a" * 100
    assert out.descriptionHtml == ("<p>" + "b" * 120)[:100]
    stats = crawler.stats.get_stats()
    assert stats["jobpulse/truncated/description"] == 1  # one posting, two fields cut
    assert stats["jobpulse/truncated/chars"] == 150 + 23
    assert summarize_stats(stats)["truncated"] == {"description": 1, "chars": 173}


def test_short_fields_are_capped_and_counted() -> None:
    limits, crawler = pipeline(JOBPULSE_MAX_FIELD_CHARS=10)
    shared = {"name": "N" * 30, "nameRaw": "N" * 30}
    out = limits.process_item(item(
        jobTitle="T" * 11, hiringOrganization=shared, jobLocation={"raw": "L" * 10},
        baseSalary={"raw": "$" * 12, "valueMin": "100"}))
    assert out.jobTitle == "T" * 10
    assert out.hiringOrganization == {"name": "N" * 10, "nameRaw": "N" * 10}
    assert shared == {"name": "N" * 30, "nameRaw": "N" * 30}  # the spider's dict is not changed
    assert out.jobLocation == {"raw": "L" * 10}  # exactly at the cap: kept
    assert out.baseSalary == {"raw": "$" * 10, "valueMin": "100"}
    truncated = summarize_stats(crawler.stats.get_stats())["truncated"]
    assert truncated == {"title": 1, "company": 2, "pay": 1, "chars": 1 + 40 + 2}


def test_non_string_fields_are_left_alone() -> None:
    limits, crawler = pipeline(JOBPULSE_MAX_FIELD_CHARS=1)
    out = limits.process_item(item(jobTitle=None, hiringOrganization={"name": None},
                                   baseSalary={"raw": 12345}, jobLocation=None))
    assert out.hiringOrganization == {"name": None} and out.baseSalary == {"raw": 12345}
    assert summarize_stats(crawler.stats.get_stats())["truncated"] == {}


def test_oversized_item_is_dropped_with_a_reason() -> None:
    limits, crawler = pipeline(JOBPULSE_MAX_ITEM_BYTES=1000)
    with pytest.raises(DropItem, match="JOBPULSE_MAX_ITEM_BYTES"):
        limits.process_item(item(extra={"blob": "x" * 2000}))
    assert crawler.stats.get_value("jobpulse/dropped/too_large") == 1
    assert summarize_stats(crawler.stats.get_stats())["dropped_by_reason"] == {"too_large": 1}


def test_size_counts_utf8_bytes_not_characters() -> None:
    limits, _ = pipeline(JOBPULSE_MAX_ITEM_BYTES=1000)
    limits.process_item(item(description="é" * 300))  # 600 bytes: fits
    with pytest.raises(DropItem):
        limits.process_item(item(description="€" * 300))  # 900 bytes plus the rest: does not


def test_truncation_happens_before_the_size_check() -> None:
    """A padded description costs the posting its padding, not the posting."""
    limits, crawler = pipeline(JOBPULSE_MAX_ITEM_BYTES=5000,
                               JOBPULSE_MAX_DESCRIPTION_CHARS=1000)
    out = limits.process_item(item(description="x" * 100_000))
    assert len(out.description) == 1000
    assert crawler.stats.get_value("jobpulse/dropped/too_large") is None


def test_unserializable_item_is_dropped() -> None:
    limits, crawler = pipeline()
    deep: list[Any] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(DropItem, match="JSON"):
        limits.process_item(item(extra={"deep": deep}))
    assert crawler.stats.get_value("jobpulse/dropped/unserializable") == 1


def test_defaults_are_generous() -> None:
    limits, _ = pipeline()
    assert (limits.max_item_bytes, limits.max_description, limits.max_field) == (
        1024 * 1024, 100_000, 1_000)


def test_crawl_with_a_huge_description(replay: ReplayServer, settings: Settings) -> None:
    """A served 300,000-character description and 5,000-character title land cut and counted."""
    board_file = replay.root / "greenhouse" / "tidewater.json"
    board = json.loads(board_file.read_text(encoding="utf-8"))
    job = board["jobs"][0]
    job["content"] = "&lt;p&gt;" + "Python and Go. " * 20_000 + "&lt;/p&gt;"
    job["title"] = "Engineer " * 555
    board_file.write_text(json.dumps(board), encoding="utf-8")
    result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                       base_url=replay.base("greenhouse"), args={"boards": "tidewater"})
    assert result.ok, result.log_file.read_text()[-3000:]
    items = {i["source_id"]: i for i in map(json.loads, result.landing_file.read_text(
        encoding="utf-8").splitlines())}
    cut = items[str(job["id"])]
    assert len(cut["description"]) == 100_000
    assert len(cut["descriptionHtml"]) == 100_000
    assert len(cut["jobTitle"]) == 1_000
    truncated = result.manifest["truncated"]
    assert truncated["description"] == 1 and truncated["title"] == 1
    assert truncated["chars"] > 400_000
    assert result.manifest["errors"] == {}
    assert load_warehouse(settings).failed == []
    con = connect(settings.db_path, read_only=True)
    try:
        length = con.execute("select length(description) from postings where source_id = ?",
                             [str(job["id"])]).fetchall()[0][0]
    finally:
        con.close()
    assert length <= 100_000


def test_truncation_and_drops_reach_crawl_runs(tmp_path) -> None:
    import json as _json

    from pipeline.config import Settings
    from pipeline.ingest.loader import load_warehouse
    from warehouse.db import connect

    data = tmp_path / "d"
    settings = Settings(data_dir=data, db_path=data / "w.duckdb", landing_dir=data / "l")
    folder = settings.landing_dir / "hn"
    folder.mkdir(parents=True)
    (folder / "r1.jsonl").write_text(_json.dumps({
        "source": "hn", "source_id": "1", "url": "https://hn.example/1",
        "fetched_at": "2026-11-01T00:00:00Z", "crawl_run": "r1", "description": "x"}) + "\n")
    (folder / "r1.run.json").write_text(_json.dumps({
        "run_id": "r1", "source": "hn", "finish_reason": "finished", "errors": {},
        "truncated": {"description": 1, "chars": 900}, "dropped_by_reason": {"too_large": 2}}))
    load_warehouse(settings)
    con = connect(settings.db_path, read_only=True)
    row = con.execute("select truncated, dropped_by_reason from crawl_runs").fetchall()[0]
    con.close()
    assert _json.loads(row[0]) == {"description": 1, "chars": 900}
    assert _json.loads(row[1]) == {"too_large": 2}


@pytest.mark.parametrize("extra", [
    {"description": "é" * 500, "tags": ["a", "b"], "hiringOrganization": {"name": "Ünïcode"}},
    {"extra": {"nested": [{"deep": 1}]}, "baseSalary": {"raw": "$1", "minValue": 1.5}},
    {"extra": {"item": item(source_id="nested")}},  # a nested item: the full walk
])
def test_the_size_is_the_exporters_json_line(extra: dict[str, Any]) -> None:
    from itemadapter import ItemAdapter

    from crawlers.landing_feed import json_line

    posting = item(**extra)
    line = json_line(posting)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == json.loads(
        json.dumps(ItemAdapter(posting).asdict(), ensure_ascii=False))


@pytest.mark.parametrize("as_dict", [False, True], ids=["attrs item", "dict item"])
def test_our_item_and_any_other_kind_are_gated_alike(as_dict: bool) -> None:
    """Our item is read by attribute, any other kind through ItemAdapter: same cuts, counts
    and drops."""
    from crawlers.pipelines import InCrawlDedupPipeline, RequireFieldsPipeline

    def make(**fields: Any) -> Any:
        made = item(**fields)
        return {k: v for k, v in vars_of(made).items() if v is not None} if as_dict else made

    limits, crawler = pipeline(JOBPULSE_MAX_DESCRIPTION_CHARS=5, JOBPULSE_MAX_FIELD_CHARS=4)
    out = limits.process_item(make(description="abcdefgh", jobTitle="Engineer",
                                   hiringOrganization={"name": "Acme Corp"}))
    got = out if as_dict else vars_of(out)
    assert (got["description"], got["jobTitle"], got["hiringOrganization"]) == (
        "abcde", "Engi", {"name": "Acme"})
    assert summarize_stats(crawler.stats.get_stats())["truncated"] == {
        "description": 1, "title": 1, "company": 1, "chars": 3 + 4 + 5}
    required = RequireFieldsPipeline.from_crawler(crawler)  # type: ignore[arg-type]
    with pytest.raises(DropItem, match="missing url"):
        required.process_item(make(url=""))
    dedup = InCrawlDedupPipeline.from_crawler(crawler)  # type: ignore[arg-type]
    dedup.process_item(make())
    with pytest.raises(DropItem, match="duplicate hn:1"):
        dedup.process_item(make())


def vars_of(posting: JobPostingItem) -> dict[str, Any]:
    import attrs

    return attrs.asdict(posting, recurse=False)
