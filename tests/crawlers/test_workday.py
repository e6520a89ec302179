"""The ``workday`` spider: pure extraction, relative dates, the replay endpoints, and real
crawls (POST search pages, then one detail per posting) with faults, paging and the page cap."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders.workday import (
    WorkdaySpider,
    extract_posting,
    location_text,
    posted_on_day,
    split_token,
)
from pipeline.config import Settings
from pipeline.demo.workday_corpus import write_corpus
from pipeline.ops.crawl import run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.workday import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

BOARD = "harborline.wd5.External"
SEARCH = f"/{BOARD}/wday/cxs/harborline/External/jobs"


def board() -> dict[str, Any]:
    return json.loads((FIXTURE_SITES / "workday" / f"{BOARD}.json").read_text("utf-8"))


def extract(index: int):
    data = board()
    listed = data["postings"][index]
    return extract_posting(listed, data["details"][listed["externalPath"]], board=BOARD,
                           board_name="Harborline", source="workday",
                           fetched_at="2026-11-01T09:30:00Z", crawl_run="r1")


def search(body: Any, token: str = BOARD) -> tuple[int, Any]:
    tenant, _, site = token.split(".", 2)
    reply = handle(FIXTURE_SITES, f"/{token}/wday/cxs/{tenant}/{site}/jobs",
                   {"_body": body if isinstance(body, str) else json.dumps(body)})
    return reply.status, json.loads(reply.body)


def test_extract_posting_field_by_field() -> None:
    item = extract(0)
    assert (item.source, item.source_id) == ("workday", f"{BOARD}:0f1e2d3c4b5a69788796a5b4c3d2e1f0")
    assert item.url == ("https://harborline.wd5.myworkdayjobs.com/External/job/Austin-TX/"
                        "Senior-Backend-Engineer_JR100")
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T09:30:00Z", "r1")
    assert item.jobTitle == "Senior Backend Engineer"
    assert item.datePublished == "2026-10-29T00:00:00Z"
    assert item.datePublishedRaw == "Posted 3 Days Ago"
    assert item.hiringOrganization == {"name": "Harborline", "nameRaw": None}
    assert item.jobLocation == {"raw": "Austin, TX; Remote - US"}
    assert (item.remoteStatus, item.employmentType) == ("Hybrid", "Full time")
    assert item.baseSalary is None
    assert item.description == "Harborline schedules container ships.\n\nJava and Kafka\nPostgreSQL"
    assert item.descriptionHtml is not None and "<li>PostgreSQL</li>" in item.descriptionHtml
    assert item.extra is not None
    assert (item.extra["jobReqId"], item.extra["startDate"]) == ("JR100", "2026-10-29")
    assert item.extra["country"] == "United States of America"
    assert item.extra["employer"] == "Harborline Shipping LLC"
    assert item.extra["work_mode_field"] == "Hybrid"


def test_search_entry_fills_what_the_detail_lacks() -> None:
    item = extract(1)
    assert item.jobLocation == {"raw": "Berlin, Germany"}
    assert item.datePublished is None and item.datePublishedRaw == "Posted 30+ Days Ago"
    assert item.url == "https://harborline.wd5.myworkdayjobs.com/External/job/Berlin/Data-Engineer_JR101"
    assert (item.remoteStatus, item.employmentType) == ("On-site", "Full time")
    assert item.description == "Spark & Airflow."
    with pytest.raises(KeyError):
        extract(2)  # a detail without an id


def test_tokens_and_locations() -> None:
    assert split_token("nvidia.wd5.NVIDIAExternalCareerSite") == (
        "nvidia", "wd5", "NVIDIAExternalCareerSite")
    assert split_token("acme.wd103.Site.With.Dots") == ("acme", "wd103", "Site.With.Dots")
    for bad in ("nvidia", "nvidia.wd5", "nvidia.eu5.Site", ".wd5.Site", "nvidia.wd5."):
        with pytest.raises(ValueError):
            split_token(bad)
    assert location_text({"location": " "}, {"locationsText": "3 Locations"}) is None
    assert location_text({"location": "Oslo", "additionalLocations": ["Oslo", "Bergen"]}, {}) \
        == "Oslo; Bergen"


@pytest.mark.parametrize(("text", "back"), [
    ("Posted Today", 0), ("posted yesterday", 1), ("Posted 1 Day Ago", 1),
    ("Posted 29 Days Ago", 29), ("  Posted 3 days ago ", 3),
    ("Posted 30+ Days Ago", None), ("Publié aujourd'hui", None), ("", None), (None, None),
    ("2026-10-01", None),
])
def test_posted_on_day(text: Any, back: int | None) -> None:
    today = date(2026, 11, 1)
    expected = None if back is None else today - timedelta(days=back)
    assert posted_on_day(text, today) == expected


@given(st.text(max_size=40), st.dates(min_value=date(2000, 1, 1)))
def test_posted_on_day_never_invents_a_future_or_plus_date(text: str, today: date) -> None:
    day = posted_on_day(text, today)
    assert day is None or day <= today
    if "+" in text:
        assert day is None


@given(st.integers(min_value=0, max_value=9999))
def test_posted_on_day_counts_back_exactly(days: int) -> None:
    today = date(2026, 11, 1)
    assert posted_on_day(f"Posted {days} Days Ago", today) == today - timedelta(days=days)


def test_default_base_url_and_boards() -> None:
    assert WorkdaySpider.default_base_url == SOURCES["workday"].default_url
    spider = WorkdaySpider(boards="nvidia.wd5.NVIDIAExternalCareerSite")
    assert spider.board_base("nvidia.wd5.NVIDIAExternalCareerSite") == (
        "https://nvidia.wd5.myworkdayjobs.com/wday/cxs/nvidia/NVIDIAExternalCareerSite")
    local = WorkdaySpider(base_url="http://127.0.0.1:9/workday")
    assert local.board_base("acme.wd1.Careers") == (
        "http://127.0.0.1:9/workday/acme.wd1.Careers/wday/cxs/acme/Careers")
    boards = read_boards_file(DEFAULT_BOARDS_FILE, "workday")
    assert "nvidia.wd5.NVIDIAExternalCareerSite" in boards
    assert all(split_token(token) for token in boards)


def test_replay_handler() -> None:
    status, page = search({"appliedFacets": {}, "limit": 2, "offset": 0, "searchText": ""})
    assert status == 200 and page["total"] == 5 and len(page["jobPostings"]) == 2
    status, page = search({"appliedFacets": {}, "limit": 20, "offset": 2, "searchText": ""})
    assert (page["total"], len(page["jobPostings"])) == (0, 3)  # total on page one only
    assert search({})[0] == 422
    assert search("not json")[0] == 422
    assert search({"limit": 21, "offset": 0})[0] == 400
    assert search({"limit": 20, "offset": 0}, token="nosuch.wd5.External")[0] == 404
    detail = handle(FIXTURE_SITES, f"/{BOARD}/wday/cxs/harborline/External"
                    "/job/Berlin/Data-Engineer_JR101", {})
    assert json.loads(detail.body)["jobPostingInfo"]["jobReqId"] == "JR101"
    assert handle(FIXTURE_SITES, f"/{BOARD}/wday/cxs/harborline/External/job/x", {}).status \
        == 404
    assert handle(FIXTURE_SITES, f"/{BOARD}/wday/cxs/other/External/jobs", {}).status == 404


def test_crawl_with_faults(replay: ReplayServer, settings: Settings) -> None:
    broken = "broken.wd1.Careers"
    (replay.root / "workday" / f"{broken}.json").write_text('{"postings": [], "details": {}}')
    replay.set_faults({
        f"/workday{SEARCH}": {"status": 429, "times": 1, "headers": {"Retry-After": "1"},
                              "body": "slow down"},
        f"/workday/{broken}/wday/cxs/broken/Careers/jobs": {"body": "{not json"},
    })
    result = run_crawl("workday", landing_dir=settings.landing_dir,
                       base_url=replay.base("workday"),
                       args={"boards": f"{BOARD}=Harborline,nosuch.wd5.External,{broken}"})
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert sorted(i["extra"]["jobReqId"] for i in items) == ["JR100", "JR101"]
    manifest = result.manifest
    # JR102: a detail without an id; JR104: no externalPath; JR103's detail and the unknown
    # board: 404.
    assert manifest["errors"] == {"bad_record": 2, "http_404": 2, "bad_json": 1}
    assert manifest["complete_listing"] is False
    assert "waiting 1.0s before retrying" in result.log_file.read_text()
    assert manifest["args"]["board_outcomes"] == {
        BOARD: {"status": 200, "jobs": 5, "error": None},
        "nosuch.wd5.External": {"status": 404, "jobs": 0, "error": None},
        broken: {"status": 200, "jobs": 0, "error": "bad_json"},
    }
    assert manifest["args"]["capped_boards"] == {}


def test_demo_corpus_pages_and_the_page_cap(tmp_path: Path, settings: Settings) -> None:
    root = tmp_path / "corpus"
    made = write_corpus(root, seed=5, months=12, end=date(2026, 11, 1))
    assert 40 <= made.postings <= 120
    assert write_corpus(tmp_path / "again", seed=5, months=12, end=date(2026, 11, 1)) == made
    sizes = {p.stem: len(json.loads(p.read_text())["postings"])
             for p in (root / "workday").glob("*.json")}
    assert any(n > 20 for n in sizes.values())  # so that paging is exercised
    server = ReplayServer(root)
    try:
        full = run_crawl("workday", landing_dir=settings.landing_dir,
                         base_url=server.base("workday"), args=made.spider_args)
        capped = run_crawl("workday", landing_dir=settings.landing_dir,
                           base_url=server.base("workday"),
                           args={**made.spider_args, "max_pages": "1"})
    finally:
        server.stop()
    assert full.ok, full.log_file.read_text()
    items = landed(full)
    assert len(items) == made.postings == len({i["source_id"] for i in items})
    assert full.manifest["errors"] == {} and full.manifest["complete_listing"] is True
    assert sum(1 for i in items if i["datePublished"]) > 0.8 * len(items)
    assert all("2026-09-01" < (i["datePublished"] or "2026-10") <= "2026-11-01" for i in items)
    assert capped.ok and capped.manifest["args"]["max_pages"] == 1
    assert len(landed(capped)) == sum(min(n, 20) for n in sizes.values())
    assert capped.manifest["args"]["capped_boards"] == {
        token: {"pages": 1, "total": n} for token, n in sizes.items() if n > 20}
    assert capped.manifest["complete_listing"] is False
