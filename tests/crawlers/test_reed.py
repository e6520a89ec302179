"""The ``reed`` spider: search + detail extraction (pay period, IR35), the replay handler and its
Basic auth, and crawls that keep the key out of everything they write."""

from __future__ import annotations

import base64
import json
import string
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.spiders.reed import extract_posting, ir35_status, pay_period, uk_date_to_iso
from pipeline.config import Settings
from pipeline.demo.reed_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.replay.reed import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

KEY = "reed5e0c2b7a-91d4"
TOKEN = base64.b64encode(f"{KEY}:".encode()).decode()


def corpus() -> dict:
    return json.loads((FIXTURE_SITES / "reed" / "jobs.json").read_text(encoding="utf-8"))


def extract(result: dict, detail: dict | None):
    return extract_posting(result, detail, source="reed", fetched_at="2026-11-01T00:00:00Z",
                           crawl_run="r1")


def crawl(url: str, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("reed", landing_dir=settings.landing_dir, base_url=url, args=args,
                     env={"JOBPULSE_REED_KEY": KEY})


def assert_no_key(result: CrawlResult) -> None:
    for text in (result.log_file.read_text(encoding="utf-8"),
                 result.landing_file.read_text(encoding="utf-8"), json.dumps(result.manifest)):
        assert KEY not in text and TOKEN not in text


def test_contract_day_rate_outside_ir35() -> None:
    data = corpus()
    item = extract(data["results"][0], data["details"]["55501001"])
    assert item.source_id == "55501001"
    assert item.url == "https://www.reed.co.uk/jobs/python-developer-outside-ir35/55501001"
    assert item.jobTitle == "Python Developer - Outside IR35"
    assert item.hiringOrganization == {"name": "Albion Tech Recruitment",
                                       "nameRaw": "Albion Tech Recruitment"}
    assert item.datePublished == "2026-10-30T00:00:00Z"
    assert item.datePublishedRaw == "30/10/2026"
    assert item.jobLocation == {"raw": "Leeds"}
    assert item.employmentType == "Contract"
    assert item.baseSalary == {
        "raw": "£450 - £550 per day", "valueMin": "450", "valueMax": "550", "currency": "GBP",
        "currencyRaw": "GBP", "rateType": "day", "source": "structured"}
    assert item.description.startswith("Python developer wanted for a 6 month contract")
    assert item.descriptionHtml.startswith("<p>")
    assert item.extra["ir35"] == "outside"
    assert item.extra["salary_type"] == "per day"
    assert item.extra["expires_at"] == "2026-12-12T00:00:00Z"
    assert item.extra["detail"] is True


def test_permanent_salary_per_annum() -> None:
    data = corpus()
    item = extract(data["results"][1], data["details"]["55501002"])
    assert item.baseSalary["rateType"] == "year"
    assert item.baseSalary["valueMin"] == "65000"
    assert item.employmentType == "Permanent, Full-time"
    assert item.extra["ir35"] is None
    assert item.extra["external_url"] == "https://careers.greyfriars.example/jobs/4411"


def test_search_result_alone_has_no_period() -> None:
    item = extract(corpus()["results"][2], None)
    assert item.baseSalary["valueMin"] == "600" and item.baseSalary["rateType"] is None
    assert item.employmentType is None
    assert item.extra["ir35"] == "inside"  # stated in the snippet
    assert item.descriptionHtml is None and item.extra["detail"] is False


def test_bad_result_raises() -> None:
    with pytest.raises(ValueError):
        extract({"jobId": "abc"}, None)


@pytest.mark.parametrize(("text", "status"), [
    ("Senior Python Developer - Outside IR35", "outside"),
    ("£500/day (Inside IR35)", "inside"),
    ("IR35: Outside", "outside"),
    ("IR35 status - inside", "inside"),
    ("Inside or outside IR35 TBC", "undetermined"),
    ("Inside/Outside IR35", "undetermined"),
    ("outside the city centre, IR35 not mentioned", None),
    ("", None),
])
def test_ir35_status(text: str, status: str | None) -> None:
    assert ir35_status(text) == status


@given(st.text(max_size=300))
def test_ir35_status_is_total(text: str) -> None:
    assert ir35_status(text) in (None, "outside", "inside", "undetermined")


@given(st.text(alphabet=string.printable, max_size=200))
def test_ir35_status_ignores_case(text: str) -> None:
    assert ir35_status(text.upper()) == ir35_status(text.lower()) == ir35_status(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)
       .filter(lambda t: not any(w in t.lower() for w in ("ir", "inside", "outside"))))
def test_stated_outside_is_found_in_any_context(context: str) -> None:
    assert ir35_status(f"{context} Outside IR35 {context}") == "outside"


def test_periods_and_dates() -> None:
    assert [pay_period(t) for t in ("per annum", "Per Day", "per hour", "per week", None,
                                    "negotiable")] == ["year", "day", "hour", "week", None, None]
    assert uk_date_to_iso("01/02/2026") == "2026-02-01T00:00:00Z"
    assert uk_date_to_iso("2026-02-01") is None and uk_date_to_iso(None) is None


def test_replay_handler_checks_basic_auth(tmp_path: Path) -> None:
    (tmp_path / "reed").mkdir()
    (tmp_path / "reed" / "jobs.json").write_text(json.dumps(corpus()))
    auth = {"Authorization": f"Basic {TOKEN}"}
    refused = handle(tmp_path, "/api/1.0/search", {})
    assert refused.status == 401 and "WWW-Authenticate" in refused.headers
    assert handle(tmp_path, "/api/1.0/search", {},
                  headers={"Authorization": "Basic " + base64.b64encode(b":").decode()}
                  ).status == 401
    page = json.loads(handle(tmp_path, "/api/1.0/search",
                             {"resultsToTake": "2", "resultsToSkip": "1"}, headers=auth).body)
    assert page["totalResults"] == 4 and [r["jobId"] for r in page["results"]] == [
        55501002, 55501003]
    assert json.loads(handle(tmp_path, "/api/1.0/jobs/55501002", {}, headers=auth).body)[
        "salaryType"] == "per annum"
    assert handle(tmp_path, "/api/1.0/jobs/55501003", {}, headers=auth).status == 404


def test_crawl_with_faults_lands_everything_and_never_the_key(replay: ReplayServer,
                                                              settings: Settings) -> None:
    replay.set_faults({
        "/reed/api/1.0/search": {"status": 429, "times": 1, "headers": {"Retry-After": "1"}},
        "/reed/api/1.0/jobs/55501002": {"body": "{not json"},
    })
    result = crawl(replay.base("reed"), settings)
    assert result.ok, result.log_file.read_text()
    items = {i["source_id"]: i for i in landed(result)}
    assert sorted(items) == ["55501001", "55501002", "55501003"]
    assert items["55501001"]["baseSalary"]["rateType"] == "day"
    assert items["55501001"]["extra"]["ir35"] == "outside"
    # A broken detail and a closed job (404) fall back to the search result, without period.
    assert items["55501002"]["extra"]["detail"] is False
    assert items["55501003"]["baseSalary"]["rateType"] is None
    assert result.manifest["errors"] == {"bad_json": 1, "bad_record": 1}
    log = result.log_file.read_text(encoding="utf-8")
    assert "'jobpulse/detail_gone': 1" in log
    assert_no_key(result)


def test_refused_key_fails_the_run_with_one_reason(
        replay: ReplayServer, settings: Settings) -> None:
    replay.set_faults({"/reed/api/1.0/search": {"status": 403, "body": "{}"}})
    result = crawl(replay.base("reed"), settings)
    assert not result.ok
    assert result.manifest["errors"] == {"auth_failed": 1}
    assert "Reed refused JOBPULSE_REED_KEY (HTTP 403)" in result.log_file.read_text()
    assert_no_key(result)


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    made = write_corpus(root, seed=3, months=6, end=date(2026, 11, 1))
    assert 40 <= made.postings <= 120
    server = ReplayServer(root)
    try:
        result = crawl(server.base("reed"), settings, **made.spider_args)
    finally:
        server.stop()
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert len({i["source_id"] for i in items}) == len(items) == made.postings
    assert result.manifest["errors"] == {}
    rates = {i["baseSalary"]["rateType"] for i in items if i["baseSalary"]}
    assert {"year", "day", "hour"} <= rates
    assert {i["extra"]["ir35"] for i in items} >= {"outside", "inside", None}
    assert all(i["baseSalary"]["rateType"] == "day" for i in items
               if i["extra"]["salary_type"] == "per day")
    assert_no_key(result)
