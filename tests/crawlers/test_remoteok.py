"""The ``remoteok`` spider: pure extraction (mojibake, legal element, salary 0) and crawls."""

from __future__ import annotations

import json
import re
from pathlib import Path

from crawlers.spiders.remoteok import extract_posting, is_legal_notice, split_anti_spam
from pipeline.config import Settings
from pipeline.demo.remoteok_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

IDS = {"1190001", "1190002", "1190003", "1190004", "1190005"}


def records() -> list[dict]:
    return json.loads((FIXTURE_SITES / "remoteok" / "api.json").read_text(encoding="utf-8"))


def crawl(replay: ReplayServer, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("remoteok", landing_dir=settings.landing_dir,
                     base_url=replay.base("remoteok"), args=args)


def stat(result: CrawlResult, key: str) -> int | None:
    match = re.search(rf"'jobpulse/{key}': (\d+)", result.log_file.read_text())
    return int(match.group(1)) if match else None


def extract(record: dict):
    return extract_posting(record, source="remoteok", fetched_at="2026-10-01T00:00:00Z",
                           crawl_run="r1")


def test_extract_posting_repairs_mojibake_field_by_field() -> None:
    record = records()[1]
    assert "Ã" in record["company"]  # the fixture is double-encoded like the real API
    item = extract(record)
    assert item.source == "remoteok"
    assert item.source_id == "1190001"
    assert item.url == ("https://remoteOK.com/remote-jobs/"
                        "remote-senior-backend-engineer-cafe-systemes-1190001")
    assert item.crawl_run == "r1" and item.fetched_at == "2026-10-01T00:00:00Z"
    assert item.jobTitle == "Senior Backend Engineer – Go"
    assert item.hiringOrganization == {"name": "Café Systèmes", "nameRaw": record["company"]}
    assert item.jobLocation == {"raw": "São Paulo, Brasil"}
    assert item.remoteStatus == "Remote"
    assert item.datePublished == "2026-09-29T16:40:00Z"
    assert item.datePublishedRaw == "2026-09-29T16:40:00+00:00"
    assert item.baseSalary == {
        "raw": "USD 120000 - 160000 per year", "valueMin": "120000", "valueMax": "160000",
        "currency": "USD", "currencyRaw": "USD", "rateType": "year", "source": "structured",
    }
    assert item.tags == ["golang", "backend", "postgres", "dev", "engineer"]
    assert item.description == (
        "About us\n\nCafé Systèmes builds booking APIs for bakeries across Europe. "
        "We’re a team of 14.\n\nGo & PostgreSQL\nKafka"
    )
    assert item.descriptionHtml is not None and "Café" in item.descriptionHtml
    assert item.extra is not None and item.extra["anti_spam_word"] == "QUIETLY"


def test_zero_salary_means_not_stated_and_min_only_is_kept() -> None:
    assert extract(records()[2]).baseSalary is None
    only_min = extract(records()[3]).baseSalary
    assert only_min is not None
    assert (only_min["valueMin"], only_min["valueMax"]) == ("90000", None)
    assert only_min["raw"] == "USD 90000 per year"


def test_location_quirks() -> None:
    assert extract(records()[2]).jobLocation is None  # ""
    assert extract(records()[3]).jobLocation == {"raw": "Hamilton"}  # "Hamilton, "


def test_anti_spam_sentence_is_stripped() -> None:
    for record in records()[1:]:
        item = extract(record)
        assert item.description is not None
        assert "mention the word" not in item.description
        assert "spam" not in item.description
    assert split_anti_spam("Body.") == ("Body.", None)


def test_legal_notice_is_recognised() -> None:
    assert is_legal_notice(records()[0])
    assert not any(is_legal_notice(r) for r in records()[1:])


def test_epoch_missing_falls_back_to_date() -> None:
    record = {**records()[2], "epoch": None}
    assert extract(record).datePublished == "2026-09-28T12:53:20Z"


def test_full_crawl(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings)
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(items) == 5 and set(ids) == IDS and len(set(ids)) == 5
    assert all(i["crawl_run"] == result.run_id for i in items)
    assert result.manifest["errors"] == {}
    assert result.manifest["pages"] == 1
    assert result.manifest["complete_listing"] is True


def test_empty_record_is_skipped_not_an_error(replay: ReplayServer,
                                              settings: Settings) -> None:
    empty = records()[-1]
    assert empty["id"] and not (empty["position"] or empty["company"] or empty["description"])
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == IDS
    assert stat(result, "skipped/empty_record") == 1
    assert stat(result, "skipped/legal_notice") == 1
    # A skip is no error: the run stays clean and still a complete listing.
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is True


def test_missing_legal_element_is_tolerated(replay: ReplayServer, settings: Settings) -> None:
    api = replay.root / "remoteok" / "api.json"
    api.write_text(json.dumps(records()[1:]), encoding="utf-8")
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == IDS
    assert result.manifest["errors"] == {}


def test_empty_listing(replay: ReplayServer, settings: Settings) -> None:
    (replay.root / "remoteok" / "api.json").write_text(json.dumps(records()[:1]))
    result = crawl(replay, settings)
    assert result.ok
    assert landed(result) == []
    assert result.manifest["errors"] == {}


def test_malformed_record_is_dropped_and_counted(replay: ReplayServer,
                                                 settings: Settings) -> None:
    data = records()
    data.insert(2, {"id": "not-a-number", "position": "Broken"})
    data.insert(3, "just a string")
    (replay.root / "remoteok" / "api.json").write_text(json.dumps(data))
    result = crawl(replay, settings)
    assert {i["source_id"] for i in landed(result)} == IDS
    assert result.manifest["errors"] == {"bad_record": 2}
    assert result.manifest["complete_listing"] is False


def test_malformed_page_is_counted(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/remoteok/api": {"body": "<html>Cloudflare</html>",
                                         "content_type": "text/html"}})
    result = crawl(replay, settings)
    assert result.manifest["finish_reason"] == "finished"
    assert result.manifest["errors"] == {"html_not_json": 1}
    assert landed(result) == []


def test_object_instead_of_array_is_format_changed(replay: ReplayServer,
                                             settings: Settings) -> None:
    replay.set_faults({"/remoteok/api": {"body": '{"error": "blocked"}'}})
    result = crawl(replay, settings)
    assert result.manifest["errors"] == {"format_changed": 1}


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/remoteok/api": {"status": 429, "times": 1,
                                         "headers": {"Retry-After": "1"}}})
    result = crawl(replay, settings)
    assert len(landed(result)) == 5
    assert result.manifest["errors"] == {}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_http_error_is_counted(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/remoteok/api": {"status": 403, "body": "blocked"}})
    result = crawl(replay, settings)
    assert result.manifest["errors"] == {"http_403": 1}


def test_tag_filter_of_the_replay(replay: ReplayServer, settings: Settings) -> None:
    # The real API's ?tag= keeps the legal element; the replay mirrors that for clients.
    from urllib.request import urlopen

    with urlopen(replay.base("remoteok") + "/api?tag=rust") as reply:
        data = json.loads(reply.read())
    assert is_legal_notice(data[0]) and [j["id"] for j in data[1:]] == ["1190005"]


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    from datetime import date

    root = tmp_path / "corpus"
    corpus = write_corpus(root, seed=3, months=6, end=date(2026, 11, 1))
    assert corpus.postings >= 100
    server = ReplayServer(root)
    try:
        result = run_crawl("remoteok", landing_dir=settings.landing_dir,
                           base_url=server.base("remoteok"), args=corpus.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len(items) == corpus.postings
    assert len({i["source_id"] for i in items}) == corpus.postings
    assert result.manifest["errors"] == {}
    assert not any("Ã" in (i["jobTitle"] + (i["description"] or "")) for i in items)
