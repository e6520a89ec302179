"""The ``smartrecruiters`` spider: pure extraction, the replay endpoints, and two real crawls
(every fault at once, then the demo corpus)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders.smartrecruiters import (
    SmartRecruitersSpider,
    extract_posting,
    extract_salary,
    location_text,
    work_mode,
)
from pipeline.config import Settings
from pipeline.demo.smartrecruiters_corpus import write_corpus
from pipeline.ops.crawl import run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.smartrecruiters import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import crawl_demo_corpus, landed

LIST_PATH = "/smartrecruiters/v1/companies/{company}/postings"
KELPWAY = {f"74400010100000{n}" for n in range(1, 6)}


def postings(company: str = "Kelpway") -> list[dict[str, Any]]:
    path = FIXTURE_SITES / "smartrecruiters" / f"{company}.json"
    data: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    return data


def extract(posting: dict[str, Any]):
    return extract_posting(posting, company="Kelpway", company_name="Kelpway",
                           source="smartrecruiters", fetched_at="2026-11-01T00:00:00Z",
                           crawl_run="r1")


def test_extract_detail_field_by_field() -> None:
    posting = postings()[0]
    item = extract(posting)
    assert (item.source, item.source_id) == ("smartrecruiters", "744000101000001")
    assert item.url == ("https://jobs.smartrecruiters.com/Kelpway/744000101000001-"
                        "senior-backend-engineer-go")
    assert item.jobTitle == "Senior Backend Engineer (Go)"
    assert item.datePublished == "2026-09-15T18:37:49Z"
    assert item.datePublishedRaw == "2026-09-15T18:37:49.976Z"
    assert item.hiringOrganization == {"name": "Kelpway Systems Inc.",
                                       "nameRaw": "Kelpway Systems Inc."}
    assert item.jobLocation == {"raw": "Ottawa, ON, Canada"}
    assert item.remoteStatus == "hybrid"
    assert item.employmentType == "Full-time"
    assert item.baseSalary == {
        "raw": "CAD 120000 - 150000 per year", "valueMin": "120000", "valueMax": "150000",
        "currency": "CAD", "currencyRaw": "CAD", "rateType": "year", "source": "structured",
        "period": "YEAR"}
    assert item.description == (
        "Company Description\nKelpway builds seaweed-farm telemetry.\n\n"
        "Job Description\nYou will build Go services on PostgreSQL and Kafka.\n\n"
        "Own the ingestion services\n\n"
        "Qualifications\nFive years of Go in production\n\n"
        "Additional Information\nKelpway is an equal opportunity employer.")
    assert item.descriptionHtml is not None
    assert item.descriptionHtml.startswith("<h3>Company Description</h3><p>Kelpway")
    extra = item.extra or {}
    assert extra["department"] == "Platform Engineering"
    assert extra["function"] == "Engineering"
    assert extra["experienceLevel"] == "Mid-Senior Level"
    assert extra["language"] == "en"
    assert extra["applyUrl"].endswith("?oga=true")
    assert extra["work_mode_field"] == "hybrid" and extra["job_ad"] is True
    # The recruiter who posted the job is personal data.
    assert "Dana Whitlock" not in json.dumps(item.extra) + json.dumps(item.description)


def test_list_entry_lands_without_text() -> None:
    entry = {k: v for k, v in postings()[1].items()
             if k not in ("jobAd", "postingUrl", "applyUrl", "referralUrl", "active")}
    item = extract(entry)
    assert item.url == "https://jobs.smartrecruiters.com/Kelpway/744000101000002"
    assert item.description is None and item.descriptionHtml is None
    assert item.jobLocation == {"raw": "Lisbon, pt"}  # no fullLocation
    assert item.remoteStatus == "remote" and item.employmentType == "Contract"
    assert item.extra is not None and item.extra["job_ad"] is False


def test_older_location_shape_and_hourly_pay() -> None:
    item = extract(postings()[2])
    assert item.remoteStatus is None  # remote false without a hybrid flag says nothing
    assert item.baseSalary is not None
    assert (item.baseSalary["valueMin"], item.baseSalary["valueMax"]) == ("24.5", "31.25")
    assert item.baseSalary["rateType"] == "hour"
    onsite = extract(postings()[3])
    assert onsite.remoteStatus == "onsite" and onsite.baseSalary is None
    assert onsite.description == ("Job Description\nBuild our Spark pipelines.\n\n"
                                  "Own the ingestion services")


@pytest.mark.parametrize(("location", "mode"), [
    ({"remote": True, "hybrid": True}, "remote"), ({"remote": False, "hybrid": True}, "hybrid"),
    ({"remote": False, "hybrid": False}, "onsite"), ({"remote": False}, None), (None, None),
])
def test_work_mode(location: Any, mode: str | None) -> None:
    assert work_mode(location) == mode


def test_location_and_pay_edges() -> None:
    assert location_text({"city": "Oslo", "country": "no", "fullLocation": " "}) == "Oslo, no"
    assert location_text({}) is None
    assert extract_salary({"currency": "USD", "period": "YEAR"}) is None
    assert extract_salary({"min": 5, "currency": "USD", "period": "fortnight"})["rateType"] \
        is None  # type: ignore[index]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = ("name", "company", "releasedDate", "location", "typeOfEmployment", "department",
          "language", "postingUrl", "applyUrl", "refNumber", "jobAd", "compensation")


@given(st.fixed_dictionaries({"id": st.text(min_size=1)},
                             optional={k: JSON for k in FIELDS}))
def test_any_record_is_an_item_or_a_counted_error(record: dict[str, Any]) -> None:
    """What ``emit`` counts as ``bad_record`` is all a malformed record can raise, and an item
    holds text or nothing where text belongs."""
    try:
        item = extract(record)
    except (KeyError, TypeError, ValueError, AttributeError):
        return
    for value in (item.url, item.jobTitle, item.datePublished, item.remoteStatus,
                  item.employmentType, item.description, item.descriptionHtml,
                  item.hiringOrganization and item.hiringOrganization["name"]):
        assert value is None or isinstance(value, str)
    assert item.jobLocation is None or isinstance(item.jobLocation["raw"], str)


def test_malformed_posting_raises() -> None:
    with pytest.raises(KeyError):
        extract({k: v for k, v in postings()[0].items() if k != "id"})
    with pytest.raises(TypeError):
        extract({**postings()[0], "name": ["not", "text"]})


def test_defaults_and_boards() -> None:
    assert SmartRecruitersSpider.default_base_url == SOURCES["smartrecruiters"].default_url
    assert SmartRecruitersSpider.complete_listing is True
    assert "Visa" in read_boards_file(DEFAULT_BOARDS_FILE, "smartrecruiters")
    with pytest.raises(ValueError, match="page_size"):
        SmartRecruitersSpider(page_size="101")


def test_replay_handler() -> None:
    page = json.loads(handle(FIXTURE_SITES, "/v1/companies/Kelpway/postings",
                             {"limit": "2", "offset": "4"}).body)
    assert (page["offset"], page["limit"], page["totalFound"]) == (4, 2, 5)
    assert [p["name"] for p in page["content"]] == ["Product Designer"]
    assert "jobAd" not in page["content"][0] and "compensation" not in page["content"][0]
    clamped = json.loads(handle(FIXTURE_SITES, "/v1/companies/Kelpway/postings",
                                {"limit": "500"}).body)
    assert clamped["limit"] == 100 and len(clamped["content"]) == 5
    unknown = handle(FIXTURE_SITES, "/v1/companies/nosuchco/postings", {})
    assert unknown.status == 200 and json.loads(unknown.body)["totalFound"] == 0
    detail = handle(FIXTURE_SITES, "/v1/companies/Kelpway/postings/744000101000004", {})
    assert json.loads(detail.body)["jobAd"]["sections"]["jobDescription"]
    assert handle(FIXTURE_SITES, "/v1/companies/Kelpway/postings/1", {}).status == 404


def test_crawl_with_every_fault(replay: ReplayServer, settings: Settings) -> None:
    """Pages of two, three job ads per company, a one-time 429, an unknown company, a
    malformed record, a malformed page and a posting closed between its page and its ad."""
    path = replay.root / "smartrecruiters" / "Brackenfold.json"
    data = json.loads(path.read_text("utf-8"))
    del data[1]["name"]
    path.write_text(json.dumps(data))
    replay.set_faults({
        LIST_PATH.format(company="Kelpway"): {
            "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"},
        LIST_PATH.format(company="Oddity"): {"body": '{"offset": 0, "limit": 2}'},
        LIST_PATH.format(company="Brackenfold") + "/744000202000003": {
            "status": 404, "body": '{"message": "Posting not found"}'},
    })
    result = run_crawl("smartrecruiters", landing_dir=settings.landing_dir,
                       base_url=replay.base("smartrecruiters"),
                       args={"boards": "Kelpway,Brackenfold,nosuchco,Oddity",
                             "page_size": "2", "max_details": "3"})
    items = {i["source_id"]: i for i in landed(result)}
    assert set(items) == KELPWAY | {"744000202000001"}
    with_text = {k for k, i in items.items() if i["description"]}
    assert with_text == {"744000101000001", "744000101000002", "744000101000003",
                         "744000202000001"}
    manifest = result.manifest
    assert manifest["errors"] == {"format_changed": 2}
    assert manifest["skipped"] == {"posting_closed": 1}
    assert manifest["complete_listing"] is False
    assert manifest["args"]["details_capped"] == {"Kelpway": 2}
    outcomes = manifest["args"]["board_outcomes"]
    assert outcomes["Kelpway"] == {"status": 200, "jobs": 5, "error": None}
    assert outcomes["Brackenfold"] == {"status": 200, "jobs": 3, "error": None}
    assert outcomes["nosuchco"] == {"status": 200, "jobs": 0, "error": None}
    assert outcomes["Oddity"] == {"status": 200, "jobs": 0, "error": "format_changed"}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()
    assert "Dana Whitlock" not in result.landing_file.read_text("utf-8")


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    result, items = crawl_demo_corpus("smartrecruiters", write_corpus, tmp_path, settings,
                                      seed=5, postings=(40, 120))
    assert result.manifest["complete_listing"] is True
    assert all(i["description"] and i["hiringOrganization"]["nameRaw"] for i in items)
    with_pay = sum(1 for i in items if i["baseSalary"])
    assert 0 < with_pay < 0.5 * len(items)
