"""The ``jsonld`` spider: JobPosting deviations as table cases, sitemaps, faults, demo corpus."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from crawlers.jsonld_extract import extract_jobposting, find_postings, parse_salary
from crawlers.spiders._base import posting_problem
from crawlers.spiders.jsonld import BadBlock, load_config, page_blocks, parse_block
from pipeline.config import Settings
from pipeline.demo.jsonld_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

SITE = FIXTURE_SITES / "jsonld"
PAGE = "http://careers.example/jobs/1"
SITEMAP_IDS = {"SW-0042", "7781"}  # plus four hashed ids (two pages with two postings each)


def postings_of(name: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for node in page_blocks((SITE / "careers" / name).read_bytes()):
        found.extend(find_postings(parse_block(node)))
    return found


def extract(posting: dict[str, Any], index: int = 0, count: int = 1) -> Any:
    return extract_jobposting(posting, page_url=PAGE, index=index, count=count, source="jsonld",
                              fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


def crawl(replay: ReplayServer, settings: Settings, *, run_settings: dict[str, str] | None = None,
          **args: str) -> CrawlResult:
    return run_crawl("jsonld", landing_dir=settings.landing_dir, base_url=replay.base("jsonld"),
                     args=args, settings=run_settings)


def test_extract_spec_shaped_posting_field_by_field() -> None:
    [posting] = postings_of("saltworks-backend.html")
    item = extract(posting)
    assert item.source == "jsonld" and item.crawl_run == "r1"
    assert item.source_id == "SW-0042"
    assert item.url == PAGE
    assert item.jobTitle == "Senior Backend Engineer (Go)"
    assert item.datePublished == "2026-10-12T00:00:00Z"
    assert item.datePublishedRaw == "2026-10-12"
    assert item.hiringOrganization == {"name": "Saltworks", "nameRaw": "Saltworks"}
    assert item.jobLocation == {"raw": "Hamburg, HH, DE", "places": [{
        "raw": "Hamburg, HH, DE", "street": "Kaistraße 9", "locality": "Hamburg",
        "region": "HH", "postalCode": "20457", "country": "DE"}]}
    assert item.remoteStatus == "TELECOMMUTE (DE, NL)"
    assert item.employmentType == "FULL_TIME, CONTRACTOR"
    assert item.baseSalary == {"raw": "EUR 80000-98000 per YEAR", "valueMin": "80000",
                               "valueMax": "98000", "currency": "EUR", "currencyRaw": "EUR",
                               "rateType": "year", "source": "structured"}
    assert item.tags == ["Go", "PostgreSQL", "Kafka"]
    assert item.descriptionHtml.startswith("<p>Saltworks builds ledger APIs")
    assert item.description.startswith("Saltworks builds ledger APIs in Go on PostgreSQL.")
    assert "6+ years backend" in item.description and "<" not in item.description
    assert item.extra["validThrough"] == "2026-12-31T23:59:00+01:00"
    assert item.extra["directApply"] is True


SPEC = {"currency": "USD", "valueMin": "100", "valueMax": "200", "rateType": "year"}


@pytest.mark.parametrize(
    ("base_salary", "expected"),
    [
        pytest.param({"currency": "USD", "value": {"minValue": 100, "maxValue": 200,
                                                   "unitText": "YEAR"}}, SPEC, id="spec"),
        pytest.param({"@type": "MonetaryAmount", "currency": "USD", "minValue": 55,
                      "maxValue": 65},
                     {"currency": "USD", "valueMin": "55", "valueMax": "65", "rateType": None},
                     id="min-max-on-monetary-amount-no-unit"),
        pytest.param({"currency": "USD", "value": {"minValue": 100, "maxValue": 200}},
                     {**SPEC, "rateType": None}, id="missing-unit"),
        pytest.param({"currency": "USD", "value": {"minValue": "100.00", "maxValue": "200",
                                                   "unitText": "YEAR"}}, SPEC,
                     id="numbers-as-strings"),
        pytest.param({"currency": "EUR", "value": {"value": 42.5, "unitText": "HOUR"}},
                     {"currency": "EUR", "valueMin": "42.5", "valueMax": "42.5",
                      "rateType": "hour"}, id="single-value"),
        pytest.param({"currency": "USD", "value": 30, "unitText": "HOUR"},
                     {"currency": "USD", "valueMin": "30", "valueMax": "30", "rateType": "hour"},
                     id="value-as-bare-number"),
        pytest.param({"currency": "usd", "value": {"minValue": 100, "maxValue": 200,
                                                   "unitText": "year"}},
                     {**SPEC, "currencyRaw": "usd"}, id="lower-case-unit-and-currency"),
        pytest.param({"currency": "USD", "value": {"minValue": 0, "maxValue": 200,
                                                   "unitText": "YEAR"}},
                     {**SPEC, "valueMin": None}, id="zero-means-unknown"),
        pytest.param({"currency": "GBP", "value": {"minValue": "0.00", "maxValue": "0.00",
                                                   "unitText": "YEAR"}}, None,
                     id="all-zero-is-no-pay"),
        pytest.param({"currency": "USD", "value": {"value": "negotiable", "unitText": "YEAR"}},
                     {"raw": "negotiable"}, id="text-in-numeric-slot"),
        pytest.param({"currency": "USD", "minValue": "negotiable", "maxValue": 90000,
                      "unitText": "YEAR"},
                     {"currency": "USD", "valueMin": None, "valueMax": "90000",
                      "rateType": "year"}, id="text-beside-a-number"),
        pytest.param("Competitive", {"raw": "Competitive"}, id="bare-text"),
        pytest.param(None, None, id="absent"),
    ],
)
def test_salary_deviations(base_salary: Any, expected: dict[str, Any] | None) -> None:
    parsed = parse_salary(base_salary)
    if expected is None or set(expected) == {"raw"}:
        assert parsed == expected
        return
    assert parsed is not None and parsed["source"] == "structured" and parsed["raw"]
    for key, value in expected.items():
        assert parsed[key] == value, key


@pytest.mark.parametrize(
    ("field", "value", "attribute", "expected"),
    [
        pytest.param("jobLocation", {"address": {"addressLocality": "Oslo",
                                                 "addressCountry": "NO"}},
                     "jobLocation", "Oslo, NO", id="single-location"),
        pytest.param("jobLocation", [{"address": {"addressLocality": "Oslo"}},
                                     {"address": {"addressLocality": "Bergen",
                                                  "addressCountry": {"name": "NO"}}}],
                     "jobLocation", "Oslo; Bergen, NO", id="location-list"),
        pytest.param("jobLocation", {"address": "12 Quay Rd, Leith"}, "jobLocation",
                     "12 Quay Rd, Leith", id="address-as-text"),
        pytest.param("employmentType", "FULL_TIME", "employmentType", "FULL_TIME",
                     id="employment-string"),
        pytest.param("employmentType", ["PART_TIME", "TEMPORARY"], "employmentType",
                     "PART_TIME, TEMPORARY", id="employment-list"),
        pytest.param("description", "&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;",
                     "description", "Hello & welcome", id="entity-escaped-description"),
        pytest.param("description", "<p>Plain &amp; simple</p>", "description",
                     "Plain & simple", id="html-description"),
    ],
)
def test_posting_deviations(field: str, value: Any, attribute: str, expected: str) -> None:
    item = extract({"@type": "JobPosting", "title": "Engineer", field: value})
    got = getattr(item, attribute)
    assert (got["raw"] if isinstance(got, dict) else got) == expected


@pytest.mark.parametrize(
    ("posting", "remote"),
    [
        ({"jobLocationType": "TELECOMMUTE"}, "TELECOMMUTE"),
        ({"jobLocationType": "TELECOMMUTE",
          "applicantLocationRequirements": {"@type": "Country", "name": "USA"}},
         "TELECOMMUTE (USA)"),
        ({"jobLocationType": "TELECOMMUTE", "applicantLocationRequirements": [
            {"@type": "State", "name": "California"}, {"@type": "Country", "name": "CA"}]},
         "TELECOMMUTE (California, CA)"),
        ({}, None),
    ],
)
def test_remote(posting: dict[str, Any], remote: str | None) -> None:
    assert extract({"@type": "JobPosting", "title": "E", **posting}).remoteStatus == remote


@pytest.mark.parametrize(
    ("identifier", "index", "count", "expected"),
    [({"@type": "PropertyValue", "value": "ABC-1"}, 0, 1, "ABC-1"), ({"value": 7781}, 0, 1, "7781"),
     ("R-9", 0, 1, "R-9"), (None, 0, 1, "hash"), (None, 2, 3, "hash-2")],
)
def test_source_id(identifier: Any, index: int, count: int, expected: str) -> None:
    import hashlib

    digest = hashlib.sha1(PAGE.encode()).hexdigest()[:16]
    posting = {"@type": "JobPosting", "title": "E", "identifier": identifier}
    assert extract(posting, index, count).source_id == expected.replace("hash", digest)


@pytest.mark.parametrize(
    ("data", "titles"),
    [
        pytest.param({"@type": "JobPosting", "title": "A"}, ["A"], id="single"),
        pytest.param([{"@type": "JobPosting", "title": "A"}, {"@type": "Organization"},
                      {"@type": "JobPosting", "title": "B"}], ["A", "B"], id="list"),
        pytest.param({"@graph": [{"@type": "WebPage"}, {"@type": "JobPosting", "title": "A"}]},
                     ["A"], id="graph"),
        pytest.param({"@type": "ItemList", "itemListElement": [
            {"@type": "ListItem", "item": {"@type": "JobPosting", "title": "A"}},
            {"@type": "JobPosting", "title": "B"}]}, ["A", "B"], id="item-list"),
        pytest.param({"@type": ["JobPosting"], "title": "A"}, ["A"], id="type-list"),
        pytest.param({"@type": "http://schema.org/JobPosting", "title": "A"}, ["A"],
                     id="type-url"),
        pytest.param({"@type": "Organization", "name": "X"}, [], id="none"),
    ],
)
def test_find_postings(data: Any, titles: list[str]) -> None:
    assert [p["title"] for p in find_postings(data)] == titles


def test_malformed_block_beside_a_good_one() -> None:
    nodes = list(page_blocks((SITE / "careers" / "broken-block.html").read_bytes()))
    assert len(nodes) == 2
    with pytest.raises(BadBlock):
        parse_block(nodes[0])
    assert [p["title"] for p in find_postings(parse_block(nodes[1]))] == [
        "Site Reliability Engineer"]


def test_block_with_type_parameters_is_read() -> None:
    body = (b'<html><head><script type="application/ld+json; charset=utf-8">'
            b'{"@type": "JobPosting", "title": "A"}</script></head></html>')
    [node] = page_blocks(body)
    assert parse_block(node) == [{"@type": "JobPosting", "title": "A"}]


def test_missing_title_is_format_changed() -> None:
    item = extract({"@type": "JobPosting", "description": "x",
                    "hiringOrganization": {"name": "Birchmoor"}})
    assert posting_problem(item) == ("format_changed", "missing title")


def test_load_config(tmp_path: Path) -> None:
    path = tmp_path / "pages.yaml"
    path.write_text("urls:\n  - https://a.example/j/1\nsitemaps: []\n", encoding="utf-8")
    assert load_config(path) == (["https://a.example/j/1"], [])
    assert load_config(tmp_path / "missing.yaml") == ([], [])
    assert load_config(Path(__file__).resolve().parents[2] / "crawlers" / "career_pages.yaml") \
        == ([], [])


def test_crawl_sitemap_index(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, sitemaps="sitemap_index.xml")
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(ids) == 6 and len(set(ids)) == 6
    assert set(ids) >= SITEMAP_IDS
    assert {i["hiringOrganization"]["name"] for i in items} == {
        "Saltworks", "Lumenrail", "Quayside Freight", "Fernhollow"}
    assert result.manifest["pages"] == 1 + 2 + 5  # index, sitemaps, pages
    assert result.manifest["errors"] == {}
    assert result.manifest["complete_listing"] is False


def test_crawl_urls_and_config_file(replay: ReplayServer, settings: Settings,
                                    tmp_path: Path) -> None:
    config = tmp_path / "career_pages.yaml"
    config.write_text("urls:\n  - careers/quayside-graph.html\n", encoding="utf-8")
    result = crawl(replay, settings, run_settings={"JOBPULSE_CAREER_PAGES_FILE": str(config)},
                   urls="careers/saltworks-backend.html,careers/about.html")
    assert {i["source_id"] for i in landed(result)} == SITEMAP_IDS
    assert result.manifest["errors"] == {}


def test_empty_listing(replay: ReplayServer, settings: Settings) -> None:
    result = crawl(replay, settings, sitemaps="sitemaps/empty.xml", urls="careers/about.html")
    assert result.ok
    assert landed(result) == []
    assert result.manifest["errors"] == {}


def test_malformed_block_and_record_are_counted(replay: ReplayServer,
                                                settings: Settings) -> None:
    result = crawl(replay, settings, urls="careers/broken-block.html,careers/bad-record.html")
    assert {i["source_id"] for i in landed(result)} == {"TG-17", "BM-3"}
    assert result.manifest["errors"] == {"bad_jsonld": 1, "format_changed": 1}


def test_broken_sitemap_and_missing_page(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/jsonld/sitemaps/jobs-2.xml": {"body": "<html>oops",
                                                       "content_type": "text/html"}})
    result = crawl(replay, settings, sitemaps="sitemap_index.xml", urls="careers/gone.html")
    assert len(landed(result)) == 3
    assert result.manifest["errors"] == {"bad_sitemap": 1, "http_404": 1}


def test_429_with_retry_after_then_success(replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/jsonld/sitemaps/jobs-1.xml": {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"}})
    result = crawl(replay, settings, sitemaps="sitemap_index.xml")
    assert len(landed(result)) == 6
    assert result.manifest["errors"] == {}


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    corpus = tmp_path / "corpus"
    made = write_corpus(corpus, seed=7, months=48, end=date(2026, 11, 1))
    assert made == write_corpus(tmp_path / "again", seed=7, months=48, end=date(2026, 11, 1))
    assert 200 <= made.postings <= 600
    server = ReplayServer(corpus)
    try:
        result = run_crawl("jsonld", landing_dir=settings.landing_dir,
                           base_url=server.base("jsonld"), args=made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    ids = [i["source_id"] for i in landed(result)]
    assert len(ids) == made.postings == len(set(ids))
    assert result.manifest["errors"] == {}
