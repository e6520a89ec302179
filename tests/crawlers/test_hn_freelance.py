"""The ``hn_freelance`` spider: the keep rule, header parsing past the marker, real crawls."""

from __future__ import annotations

import json
import shutil
from typing import Any

import pytest

from crawlers.spiders.hn_freelance import (
    demand_header,
    extract_freelance_posting,
    freelance_skip_reason,
)
from pipeline.config import Settings
from pipeline.ops.crawl import CrawlResult, run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import landed

OCTOBER = 47100002
SEPTEMBER = 46800002
OCTOBER_KEPT = {"47100031", "47100033", "47100035"}
SEPTEMBER_KEPT = {"46800031"}
FREELANCE_ITEMS = FIXTURE_SITES / "hn_freelance" / "items"


def thread(story_id: int) -> dict[str, Any]:
    return json.loads((FREELANCE_ITEMS / f"{story_id}.json").read_text(encoding="utf-8"))


def child(story_id: int, node_id: int) -> dict[str, Any]:
    return next(c for c in thread(story_id)["children"] if c["id"] == node_id)


@pytest.fixture
def freelance_replay(replay: ReplayServer) -> ReplayServer:
    """The replay copy with the freelancer threads added to its ``hn`` folder.

    The server answers ``/hn_freelance/`` with the ``hn`` handler, which reads ``root/hn/``,
    and the story hits are already in ``hn/stories.json``: only the thread trees are missing.
    """
    for path in FREELANCE_ITEMS.glob("*.json"):
        shutil.copy(path, replay.root / "hn" / "items" / path.name)
    return replay


def crawl(replay: ReplayServer, settings: Settings, **args: str) -> CrawlResult:
    return run_crawl("hn_freelance", landing_dir=settings.landing_dir,
                     base_url=replay.base("hn_freelance"), args=args)


@pytest.mark.parametrize(
    ("node_id", "reason"),
    [(47100031, None), (47100032, "seeking_work"), (47100033, None), (47100034, "deleted"),
     (47100035, None), (47100036, "not_freelance_demand")],
)
def test_keep_rule(node_id: int, reason: str | None) -> None:
    assert freelance_skip_reason(child(OCTOBER, node_id), OCTOBER) == reason


def test_reply_is_skipped() -> None:
    reply = child(OCTOBER, 47100035)["children"][0]
    assert freelance_skip_reason(reply, OCTOBER) == "reply"


@pytest.mark.parametrize(
    ("line", "company", "remote", "pay"),
    [
        ("SEEKING FREELANCER | Acme | REMOTE | $100/hr", "Acme", "REMOTE", "$100/hr"),
        ("Seeking Freelancer: Acme | Remote (EU) | €600/day", "Acme", "Remote (EU)", "€600/day"),
        ("seeking freelancers - Acme | Part-time", "Acme", None, None),
        ("SEEKING FREELANCER: Acme Corp", "Acme Corp", None, None),
    ],
)
def test_demand_header(line: str, company: str, remote: str | None, pay: str | None) -> None:
    header = demand_header(line)
    assert (header.company, header.remote, header.pay) == (company, remote, pay)
    assert header.line == line


def test_extract_field_by_field() -> None:
    node = child(OCTOBER, 47100033)
    item = extract_freelance_posting(
        node, source="hn_freelance", story_id=OCTOBER,
        thread="Ask HN: Freelancer? Seeking freelancer? (October 2026)",
        fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")
    assert item.source == "hn_freelance"
    assert item.source_id == "47100033"
    assert item.url == "https://news.ycombinator.com/item?id=47100033"
    assert item.datePublished == "2026-10-01T16:05:12Z"
    assert item.hiringOrganization == {"name": "Tarnby Logistics", "nameRaw": "Tarnby Logistics"}
    assert item.jobTitle == "Backend Developer (Python)"
    assert item.jobLocation == {"raw": "Oslo, Norway"}
    assert item.remoteStatus == "Remote OK"
    assert item.baseSalary == {"raw": "€650/day"}
    assert item.employmentType is None
    assert item.description is not None
    assert item.description.startswith("Seeking Freelancer: Tarnby Logistics")
    assert "audit our PostgreSQL setup" in item.description
    assert item.extra is not None
    assert item.extra["kind"] == "freelance_demand"
    assert item.extra["header_fields"][0] == "Tarnby Logistics"
    assert item.extra["author"] == "ingrid_t"


def test_pay_and_employment_from_header() -> None:
    item = extract_freelance_posting(child(OCTOBER, 47100035), source="hn_freelance",
                                     story_id=OCTOBER, thread="t",
                                     fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")
    assert item.hiringOrganization == {"name": "Copperleaf Studio",
                                       "nameRaw": "Copperleaf Studio"}
    assert item.employmentType == "Part-time"
    assert item.baseSalary == {"raw": "fixed budget ~$8k"}


def test_crawl_keeps_only_seeking_freelancer(freelance_replay: ReplayServer,
                                             settings: Settings) -> None:
    result = crawl(freelance_replay, settings, months="0")
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    ids = [i["source_id"] for i in items]
    assert len(ids) == 4 and len(set(ids)) == 4
    assert set(ids) == OCTOBER_KEPT | SEPTEMBER_KEPT
    assert all(i["source"] == "hn_freelance" for i in items)
    assert all(i["extra"]["kind"] == "freelance_demand" for i in items)
    assert {i["extra"]["story_id"] for i in items} == {OCTOBER, SEPTEMBER}
    assert result.manifest["errors"] == {}
    assert result.manifest["pages"] == 3  # search plus the two freelancer threads


def test_crawl_newest_month_only(freelance_replay: ReplayServer, settings: Settings) -> None:
    result = crawl(freelance_replay, settings)
    assert {i["source_id"] for i in landed(result)} == OCTOBER_KEPT


def test_empty_thread(freelance_replay: ReplayServer, settings: Settings) -> None:
    path = freelance_replay.root / "hn" / "items" / f"{OCTOBER}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["children"] = []
    path.write_text(json.dumps(data), encoding="utf-8")
    result = crawl(freelance_replay, settings)
    assert result.ok
    assert landed(result) == []
    assert result.manifest["errors"] == {}


def test_malformed_record_is_counted(freelance_replay: ReplayServer,
                                     settings: Settings) -> None:
    path = freelance_replay.root / "hn" / "items" / f"{OCTOBER}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["children"][0]["id"]  # a SEEKING FREELANCER post without an id cannot be keyed
    path.write_text(json.dumps(data), encoding="utf-8")
    result = crawl(freelance_replay, settings)
    assert {i["source_id"] for i in landed(result)} == OCTOBER_KEPT - {"47100031"}
    assert result.manifest["errors"] == {"bad_record": 1}


def test_429_with_retry_after_then_success(freelance_replay: ReplayServer,
                                           settings: Settings) -> None:
    freelance_replay.set_faults({f"/hn_freelance/api/v1/items/{OCTOBER}": {
        "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"}})
    result = crawl(freelance_replay, settings)
    assert {i["source_id"] for i in landed(result)} == OCTOBER_KEPT
    assert result.manifest["errors"] == {}
