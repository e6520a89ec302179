"""The ``adzuna`` spider: extraction (predicted pay, currencies, markup), the replay handler,
and crawls that must never write the key anywhere."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from crawlers.spiders.adzuna import (
    CURRENCIES,
    clean_title,
    extract_posting,
    is_predicted,
    place_of,
    public_url,
)
from pipeline.config import Settings
from pipeline.demo.adzuna_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.replay.adzuna import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

APP_ID, APP_KEY = "app7f3a91", "key9b1c22d04e"
KEY_ENV = {"JOBPULSE_ADZUNA_KEY": f"{APP_ID}:{APP_KEY}"}


def results(country: str) -> list[dict]:
    path = FIXTURE_SITES / "adzuna" / f"{country}.json"
    return json.loads(path.read_text(encoding="utf-8"))["results"]


def extract(record: dict, country: str = "gb"):
    return extract_posting(record, country=country, source="adzuna",
                           fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


def crawl(url: str, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("adzuna", landing_dir=settings.landing_dir, base_url=url, args=args,
                     env=KEY_ENV)


def assert_no_key(result: CrawlResult) -> None:
    """Neither key part in the log, the landing file or the manifest, in any form."""
    texts = [result.log_file.read_text(encoding="utf-8"),
             result.landing_file.read_text(encoding="utf-8"), json.dumps(result.manifest)]
    for text in texts:
        assert APP_ID not in text and APP_KEY not in text


def test_extract_posting_field_by_field() -> None:
    item = extract(results("gb")[0])
    assert item.source_id == "gb-5012345678"
    assert item.url == "https://www.adzuna.co.uk/jobs/land/ad/5012345678?se=Ab12Cd34&v=0A1B2C3D"
    assert item.jobTitle == "Senior Backend Developer & SRE"
    assert item.hiringOrganization == {"name": "Thornbury Freight",
                                       "nameRaw": "Thornbury Freight"}
    assert item.datePublished == "2026-10-30T09:15:00Z"
    assert item.jobLocation == {"raw": "Manchester, Greater Manchester, UK"}
    assert item.employmentType == "Permanent, Full-time"
    assert item.baseSalary == {
        "raw": "GBP 70000 - 85000 per year", "valueMin": "70000", "valueMax": "85000",
        "currency": "GBP", "currencyRaw": "GBP", "rateType": "year", "source": "structured"}
    assert item.description.startswith("Thornbury Freight is hiring a Senior Backend Developer")
    assert "<strong>" not in item.description
    assert item.tags == ["IT Jobs"]
    assert item.extra["salary_is_predicted"] is False
    assert item.extra["country"] == "gb" and item.extra["category_tag"] == "it-jobs"


def test_predicted_salary_is_not_pay() -> None:
    item = extract(results("gb")[1])
    assert item.baseSalary is None
    assert item.extra["salary_is_predicted"] is True
    assert is_predicted("1") and is_predicted(1) and not is_predicted("0")
    assert not is_predicted(0) and not is_predicted(None)


def test_currency_follows_the_country() -> None:
    item = extract(results("de")[0], "de")
    assert item.baseSalary["currency"] == "EUR"
    assert item.employmentType == "Permanent, Part-time"
    assert item.jobLocation == {"raw": "Berlin, Deutschland"}  # the country is already there
    assert extract(results("gb")[2]).employmentType == "Contract"
    full_time_contract = {**results("gb")[0], "contract_type": "contract"}
    assert extract(full_time_contract).employmentType == "Contract"  # a contract first
    assert {CURRENCIES[c] for c in ("gb", "us", "au", "ca", "in")} == {
        "GBP", "USD", "AUD", "CAD", "INR"}


@pytest.mark.parametrize(("raw", "clean"), [
    ("<strong>Backend</strong> Engineer", "Backend Engineer"),
    ("Dev &amp; Ops  <b>Lead</b>", "Dev & Ops Lead"),
    (None, ""),
])
def test_clean_title(raw: object, clean: str) -> None:
    assert clean_title(raw) == clean


def test_public_url_drops_the_requester() -> None:
    url = "https://www.adzuna.co.uk/jobs/land/ad/1?se=x&utm_medium=api&utm_source=abc123&v=9"
    assert public_url(url) == "https://www.adzuna.co.uk/jobs/land/ad/1?se=x&utm_medium=api&v=9"
    assert public_url("javascript:alert(1)") == ""
    assert place_of({"display_name": "Austin, Travis County", "area": ["US", "Texas"]}) == \
        "Austin, Travis County, US"


def test_bad_records_raise() -> None:
    with pytest.raises(ValueError):
        extract({"id": "not-a-number"})
    with pytest.raises(KeyError):
        extract({"title": "no id"})


def test_replay_handler_needs_both_key_parts(tmp_path: Path) -> None:
    root = tmp_path
    (root / "adzuna").mkdir()
    (root / "adzuna" / "gb.json").write_text(json.dumps({"results": results("gb") * 20}))
    refused = handle(root, "/v1/api/jobs/gb/search/1", {"app_id": "a"})
    assert refused.status == 401 and json.loads(refused.body)["exception"] == "AUTH_FAIL"
    page2 = json.loads(handle(root, "/v1/api/jobs/gb/search/2",
                              {"app_id": "a", "app_key": "b", "results_per_page": "50"}).body)
    assert page2["count"] == 80 and len(page2["results"]) == 30
    assert page2["results"][0]["redirect_url"].endswith("utm_medium=api&utm_source=a")
    assert handle(root, "/v1/api/jobs/zz/search/1", {"app_id": "a", "app_key": "b"}).status == 400
    empty = json.loads(handle(root, "/v1/api/jobs/fr/search/1",
                              {"app_id": "a", "app_key": "b"}).body)
    assert empty["count"] == 0 and empty["results"] == []


def test_crawl_with_faults_lands_everything_and_never_the_key(replay: ReplayServer,
                                                              settings: Settings) -> None:
    replay.set_faults({
        "/adzuna/v1/api/jobs/us/search/1": {"status": 429, "times": 1,
                                            "headers": {"Retry-After": "1"}},
        "/adzuna/v1/api/jobs/fr/search/1": {"body": "{not json"},
    })
    result = crawl(replay.base("adzuna"), settings, countries="gb,de,us,fr")
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    # gb: 3 good + 1 bad record; de, us: 1 each (us after its 429); fr: a broken page.
    assert sorted(i["source_id"] for i in items) == [
        "de-4401122334", "gb-5012345678", "gb-5012345679", "gb-5012345680", "us-3300990011"]
    assert result.manifest["errors"] == {"bad_record": 1, "bad_json": 1}
    assert all("utm_source" not in i["url"] for i in items)
    assert result.manifest["args"]["countries"] == "gb,de,us,fr"
    log = result.log_file.read_text(encoding="utf-8")
    assert "app_key=***" in log  # the URLs are logged, masked
    assert "'jobpulse/pay_dropped/predicted_salary': 1" in log
    assert_no_key(result)


def test_refused_key_fails_the_run_with_one_reason(replay: ReplayServer,
                                                   settings: Settings) -> None:
    body = json.dumps({"__CLASS__": "Adzuna::API::Response::Exception",
                       "exception": "AUTH_FAIL", "display": "Authorisation failed"})
    replay.set_faults({f"/adzuna/v1/api/jobs/{c}/search/1": {"status": 401, "body": body}
                       for c in ("gb", "de")})
    result = crawl(replay.base("adzuna"), settings, countries="gb,de")
    assert not result.ok
    assert result.manifest["errors"] == {"auth_failed": 2}
    assert "auth_failed" in result.manifest["failure"]
    assert "Adzuna refused JOBPULSE_ADZUNA_KEY (HTTP 401)" in result.log_file.read_text()
    assert_no_key(result)


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    made = write_corpus(root, seed=3, months=6, end=date(2026, 11, 1))
    predicted = sum(1 for c in ("gb", "us", "de")
                    for r in json.loads((root / "adzuna" / f"{c}.json").read_text())["results"]
                    if is_predicted(r.get("salary_is_predicted")))
    assert 40 <= made.postings <= 120 and predicted > 0
    server = ReplayServer(root)
    try:
        result = crawl(server.base("adzuna"), settings, **made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len({i["source_id"] for i in items}) == len(items) == made.postings
    assert result.manifest["errors"] == {}
    assert result.manifest["pages"] == 4  # gb has two pages of 50
    assert sum(i["extra"]["salary_is_predicted"] for i in items) == predicted
    assert not any(i["baseSalary"] for i in items if i["extra"]["salary_is_predicted"])
    assert {i["baseSalary"]["currency"] for i in items if i["baseSalary"]} == {
        "GBP", "USD", "EUR"}
    assert_no_key(result)
