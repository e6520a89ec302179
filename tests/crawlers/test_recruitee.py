"""The ``recruitee`` spider: pure extraction, the replay handler, and real crawls."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders._base import posting_problem
from crawlers.spiders.recruitee import (
    RecruiteeSpider,
    employment_label,
    extract_posting,
    extract_salary,
    recruitee_time,
    skip_reason,
    work_mode,
)
from pipeline.config import Settings
from pipeline.demo.recruitee_corpus import write_corpus
from pipeline.ops.crawl import CrawlResult, run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.recruitee import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import crawl_demo_corpus, landed

BOARD_PATH = "/recruitee/{board}/api/offers/"
TULIP = {"2781634", "2781702", "2781801"}
DIJK = {"1900001", "1900002"}


def offers(board: str = "tulipworks") -> list[dict]:
    path = FIXTURE_SITES / "recruitee" / f"{board}.json"
    return json.loads(path.read_text("utf-8"))["offers"]


def extract(offer: dict):
    return extract_posting(offer, board="tulipworks", board_name="Tulipworks",
                           source="recruitee", fetched_at="2026-11-01T00:00:00Z",
                           crawl_run="r1")


def stat(result: CrawlResult, key: str) -> int | None:
    match = re.search(rf"'jobpulse/{key}': (\d+)", result.log_file.read_text())
    return int(match.group(1)) if match else None


def test_extract_posting_field_by_field() -> None:
    offer = offers()[0]
    item = extract(offer)
    assert (item.source, item.source_id) == ("recruitee", "2781634")
    assert item.url == "https://tulipworks.recruitee.com/o/senior-backend-engineer-go"
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T00:00:00Z", "r1")
    assert item.jobTitle == "Senior Backend Engineer (Go)"
    assert item.datePublished == "2026-10-01T08:15:00Z"
    assert item.datePublishedRaw == "2026-10-01 08:15:00 UTC"
    assert item.hiringOrganization == {"name": "Tulipworks B.V.", "nameRaw": "Tulipworks B.V."}
    assert item.jobLocation == {"raw": "Amsterdam, Noord-Holland, Netherlands"}
    assert item.remoteStatus == "Hybrid"
    assert item.employmentType == "Full-time"
    assert item.baseSalary == {
        "raw": "EUR 70000 - 90000 per year", "valueMin": "70000", "valueMax": "90000",
        "currency": "EUR", "currencyRaw": "EUR", "rateType": "year", "source": "structured",
        "period": "year",
    }
    assert item.descriptionHtml == offer["description"] + offer["requirements"]
    assert item.description is not None
    assert "payments for florists & growers" in item.description
    assert "Go and PostgreSQL" in item.description and "<" not in item.description
    assert item.extra is not None
    assert item.extra["work_mode_field"] == "Hybrid"
    assert item.extra["employment_type_code"] == "fulltime_permanent"
    assert item.extra["applyUrl"].endswith("/c/new")
    assert (item.extra["department"], item.extra["country_code"]) == ("Engineering", "NL")
    assert item.extra["tags"] == ["Go", "PostgreSQL"]
    assert item.extra["seniority_hints"] == ["experienced"]


def test_string_id_locations_list_offset_time_and_monthly_string_pay() -> None:
    item = extract(offers()[1])
    assert item.source_id == "2781702"
    assert item.jobLocation == {"raw": "Amsterdam, Netherlands; Remote, Germany"}
    assert item.remoteStatus == "Remote"
    assert item.datePublished == "2026-10-12T08:00:00Z"
    assert item.employmentType == "Part-time fixed-term"
    assert item.baseSalary is not None
    assert (item.baseSalary["valueMin"], item.baseSalary["valueMax"]) == ("4200", "5300.5")
    assert (item.baseSalary["currency"], item.baseSalary["rateType"]) == ("EUR", "month")
    assert item.descriptionHtml == "<p>Keep our Kubernetes clusters boring.</p>"


def test_on_site_no_company_name_empty_pay_and_bad_date() -> None:
    item = extract(offers()[3])
    assert item.hiringOrganization == {"name": "Tulipworks", "nameRaw": None}
    assert item.jobLocation == {"raw": "Utrecht, Netherlands"}  # empty location: city, country
    assert item.remoteStatus == "On-site"
    assert item.baseSalary is None  # a salary object without figures is no pay
    assert item.datePublished is None and item.datePublishedRaw == "not a date"
    assert item.extra is not None and item.extra["seniority_hints"] == []


def test_draft_offer_is_skipped() -> None:
    assert skip_reason(offers()[2]) == "not_published"
    assert skip_reason(offers()[0]) is None
    assert skip_reason({"id": 1}) is None  # no status: the careers site only lists published


@pytest.mark.parametrize(("code", "label"), [
    ("fulltime_permanent", "Full-time"), ("parttime_permanent", "Part-time"),
    ("fulltime_fixed_term", "Full-time fixed-term"), ("fulltime", "Full-time"),
    ("internship", "internship"), ("freelance", "freelance"), ("permanent", "permanent"),
    ("", None), (None, None), (3, None),
])
def test_employment_label(code: object, label: str | None) -> None:
    assert employment_label(code) == label


@pytest.mark.parametrize(("flags", "mode"), [
    ({"remote": True, "hybrid": True}, "Hybrid"), ({"remote": True}, "Remote"),
    ({"on_site": True}, "On-site"), ({"remote": False, "hybrid": False}, None),
    ({"remote": "yes"}, None),
])
def test_work_mode(flags: dict, mode: str | None) -> None:
    assert work_mode(flags) == mode


@pytest.mark.parametrize(("period", "rate"), [
    ("year", "year"), ("yearly", "year"), ("Monthly", "month"), ("week", "week"),
    ("day", "day"), ("hourly", "hour"), ("fortnight", None), (None, None),
])
def test_salary_period(period: str | None, rate: str | None) -> None:
    salary = extract_salary({"min": 10, "max": 20, "currency": "EUR", "period": period})
    assert salary is not None and salary["rateType"] == rate
    assert extract_salary({"min": None, "max": None, "period": "year"}) is None
    assert extract_salary("70k") is None


def test_recruitee_time_forms() -> None:
    assert recruitee_time("2026-07-30 19:46:15 UTC") == "2026-07-30T19:46:15Z"
    assert recruitee_time("2026-08-18T10:05:00.000+02:00") == "2026-08-18T08:05:00Z"
    assert recruitee_time("2026-08-18 10:05:00") is None  # no zone: left raw
    assert recruitee_time(None) is None and recruitee_time("") is None


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1)))
def test_recruitee_time_round_trips(moment: datetime) -> None:
    text = moment.strftime("%Y-%m-%d %H:%M:%S UTC")
    expected = moment.replace(microsecond=0, tzinfo=UTC).isoformat().replace("+00:00", "Z")
    assert recruitee_time(text) == expected


@given(st.one_of(st.text(max_size=40), st.none(), st.integers(), st.floats()))
def test_recruitee_time_never_raises(value: object) -> None:
    result = recruitee_time(value)
    assert result is None or result.endswith("Z")


@given(st.text(max_size=40))
def test_employment_label_never_raises(code: str) -> None:
    label = employment_label(code)
    assert label is None or "_" not in label


def test_malformed_offer_raises_or_is_flagged() -> None:
    with pytest.raises(TypeError):
        extract({**offers()[0], "title": 42})
    with pytest.raises(ValueError):
        extract({**offers()[0], "id": True})
    with pytest.raises(KeyError):
        extract({"title": "No id"})
    assert posting_problem(extract({**offers()[0], "title": None})) == \
        ("format_changed", "missing title")


def test_default_base_url_and_boards() -> None:
    assert RecruiteeSpider.default_base_url == SOURCES["recruitee"].default_url
    assert "{board}" in RecruiteeSpider.default_base_url
    assert "bunq" in read_boards_file(DEFAULT_BOARDS_FILE, "recruitee")


def test_replay_handler() -> None:
    reply = handle(FIXTURE_SITES, "/tulipworks/api/offers/", {})
    assert reply.status == 200 and len(json.loads(reply.body)["offers"]) == 4
    assert handle(FIXTURE_SITES, "/tulipworks/api/offers", {}).status == 200
    assert handle(FIXTURE_SITES, "/nosuch/api/offers/", {}).status == 404
    assert handle(FIXTURE_SITES, "/tulipworks/api/offers/x", {}).status == 404
    assert handle(FIXTURE_SITES, "/../recruitee/api/offers/", {}).status == 404


def test_crawl_boards_with_faults(replay: ReplayServer, settings: Settings) -> None:
    """One crawl: a one-time 429, an unknown board, a malformed record, an HTML page and a
    body without ``offers``; the good boards land whole."""
    path = replay.root / "recruitee" / "dijkhaven.json"
    data = json.loads(path.read_text("utf-8"))
    data["offers"] += [{"title": "No id at all"}, None]
    path.write_text(json.dumps(data))
    (replay.root / "recruitee" / "brokenpage.json").write_text("{}")
    (replay.root / "recruitee" / "htmlpage.json").write_text("{}")
    replay.set_faults({
        BOARD_PATH.format(board="tulipworks"): {
            "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"},
        BOARD_PATH.format(board="htmlpage"): {"body": "<!doctype html><p>Oops</p>",
                                              "content_type": "text/html"},
    })
    result = run_crawl("recruitee", landing_dir=settings.landing_dir,
                       base_url=replay.base("recruitee"),
                       args={"boards": "tulipworks,dijkhaven=Dijkhaven,nosuch,brokenpage,"
                                       "htmlpage,stillwater"})
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert {i["source_id"] for i in items} == TULIP | DIJK and len(items) == 5
    assert result.manifest["errors"] == {"http_404": 1, "bad_record": 2, "format_changed": 1,
                                         "html_not_json": 1}
    assert result.manifest["complete_listing"] is False
    assert stat(result, "skipped/not_published") == 1
    assert "waiting 1.0s before retrying" in result.log_file.read_text()
    outcomes = result.manifest["args"]["board_outcomes"]
    assert outcomes["tulipworks"] == {"status": 200, "jobs": 4, "error": None}
    assert outcomes["nosuch"] == {"status": 404, "jobs": 0, "error": None}
    assert outcomes["brokenpage"] == {"status": 200, "jobs": 0, "error": "format_changed"}
    assert outcomes["htmlpage"]["error"] == "html_not_json"
    assert outcomes["stillwater"] == {"status": 200, "jobs": 0, "error": None}
    platform = next(i for i in items if i["source_id"] == "2781702")
    assert platform["baseSalary"]["rateType"] == "month"
    assert platform["extra"]["work_mode_field"] == "Remote"


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    result, items = crawl_demo_corpus("recruitee", write_corpus, tmp_path, settings,
                                      seed=9, postings=(40, 120))
    assert all(i["datePublished"] and i["datePublished"].endswith("Z") for i in items)
    with_pay = sum(1 for i in items if i["baseSalary"])
    assert 0.2 * len(items) < with_pay < 0.8 * len(items)
    assert {i["extra"]["work_mode_field"] for i in items} >= {"Remote", "Hybrid"}
