"""The ``workable`` spider: pure extraction, the replay endpoint, and two real crawls (every
fault at once, then the demo corpus)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders.workable import (
    WorkableSpider,
    extract_posting,
    location_text,
    published,
)
from pipeline.config import Settings
from pipeline.demo.workable_corpus import write_corpus
from pipeline.ops.crawl import run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.workable import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import crawl_demo_corpus, landed

ACCOUNT_PATH = "/workable/api/v1/widget/accounts/{account}"
TIDEWELL = {"3F0A1C2B9D", "7B21E0D4AA", "C04D5E6F70", "91AB22CD33", "5E5E6F6F77"}


def jobs() -> list[dict[str, Any]]:
    data = json.loads((FIXTURE_SITES / "workable" / "tidewell.json").read_text("utf-8"))
    found: list[dict[str, Any]] = data["jobs"]
    return found


def extract(job: dict[str, Any], name: str | None = "Tidewell Marine"):
    return extract_posting(job, account="tidewell", account_name=name, board_name="Tidewell",
                           source="workable", fetched_at="2026-11-01T00:00:00Z",
                           crawl_run="r1")


def test_extract_posting_field_by_field() -> None:
    item = extract(jobs()[0])
    assert (item.source, item.source_id) == ("workable", "3F0A1C2B9D")
    assert item.url == "https://apply.workable.com/tidewell/j/3F0A1C2B9D/"
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T00:00:00Z", "r1")
    assert item.jobTitle == "Senior Python Engineer"
    assert item.datePublished == "2026-10-05T00:00:00Z"
    assert item.datePublishedRaw == "2026-10-05"
    assert item.hiringOrganization == {"name": "Tidewell Marine", "nameRaw": "Tidewell Marine"}
    assert item.jobLocation == {"raw": "Athens, Attica, Greece; Limassol, Limassol, Cyprus"}
    assert item.remoteStatus is None  # telecommuting false: on-site or hybrid
    assert item.employmentType == "Full-time"
    assert item.baseSalary is None  # the widget states no pay
    assert item.description == ("Tidewell runs booking software for marinas.\n\n"
                                "Requirements\n\nPython and Django\nPostgreSQL\n\n"
                                "Benefits\n\nPrivate health cover")
    assert item.descriptionHtml == jobs()[0]["description"]
    extra = item.extra or {}
    assert extra["department"] == "Engineering" and extra["code"] is None
    assert extra["experience"] == "Mid-Senior level"
    assert extra["created_at"] == "2026-10-01" and len(extra["locations"]) == 2
    assert extra["application_url"].endswith("/apply")


def test_remote_job_hides_hidden_locations() -> None:
    item = extract(jobs()[1])
    assert item.remoteStatus == "remote"
    assert item.extra is not None and item.extra["work_mode_field"] == "remote"
    assert item.jobLocation == {"raw": "Germany"}


def test_fallbacks() -> None:
    no_list = extract(jobs()[2])
    assert no_list.jobLocation == {"raw": "Thessaloniki, Central Macedonia, Greece"}
    assert no_list.datePublished == "2026-09-12T00:00:00Z"  # created_at without published_on
    assert no_list.employmentType == "Contract"
    assert no_list.extra is not None and no_list.extra["department"] is None
    empty = extract(jobs()[3], name=None)
    assert empty.description is None and empty.descriptionHtml is None
    assert empty.hiringOrganization == {"name": "Tidewell", "nameRaw": None}
    bare = extract({"shortcode": "X1", "title": "T"})
    assert bare.url == "https://apply.workable.com/tidewell/j/X1/"
    assert bare.jobLocation is None and bare.datePublished is None


@pytest.mark.parametrize(("value", "iso"), [
    ("2026-10-05", "2026-10-05T00:00:00Z"), ("2026-10-05T09:30:00+02:00", "2026-10-05T07:30:00Z"),
    ("2026-10-05T09:30:00", None), ("05/10/2026", None), (None, None), (20261005, None),
])
def test_published(value: Any, iso: str | None) -> None:
    assert published(value) == iso


def test_location_text_skips_blanks() -> None:
    assert location_text({"locations": [{"city": " ", "country": "Spain"}, "odd"],
                          "city": "Madrid"}) == "Spain"
    assert location_text({"locations": [], "city": "", "country": None}) is None


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
FIELDS = ("title", "url", "published_on", "created_at", "locations", "city", "state",
          "country", "telecommuting", "employment_type", "description", "department")


@given(st.fixed_dictionaries({"shortcode": st.text(min_size=1)},
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


def test_malformed_job_raises() -> None:
    with pytest.raises(KeyError):
        extract({k: v for k, v in jobs()[0].items() if k != "shortcode"})
    with pytest.raises(ValueError, match="shortcode"):
        extract({**jobs()[0], "shortcode": 12})


def test_defaults_and_boards() -> None:
    assert WorkableSpider.default_base_url == SOURCES["workable"].default_url
    assert WorkableSpider.complete_listing is True
    assert "huggingface" in read_boards_file(DEFAULT_BOARDS_FILE, "workable")


def test_replay_handler() -> None:
    full = json.loads(handle(FIXTURE_SITES, "/api/v1/widget/accounts/tidewell",
                             {"details": "true"}).body)
    assert full["name"] == "Tidewell Marine" and len(full["jobs"]) == 5
    assert full["jobs"][0]["description"].startswith("<p>")
    short = json.loads(handle(FIXTURE_SITES, "/api/v1/widget/accounts/tidewell", {}).body)
    assert "description" not in short["jobs"][0]
    missing = handle(FIXTURE_SITES, "/api/v1/widget/accounts/nosuch", {"details": "true"})
    assert missing.status == 404


def test_crawl_with_every_fault(replay: ReplayServer, settings: Settings) -> None:
    """A one-time 429, an empty and an unknown account, a malformed job and a malformed body."""
    path = replay.root / "workable" / "tidewell.json"
    data = json.loads(path.read_text("utf-8"))
    data["jobs"].append({"title": "No shortcode"})
    path.write_text(json.dumps(data))
    (replay.root / "workable" / "oddity.json").write_text('{"name": "Oddity", "jobs": []}')
    replay.set_faults({
        ACCOUNT_PATH.format(account="tidewell"): {
            "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"},
        ACCOUNT_PATH.format(account="oddity"): {"body": '{"name": "Oddity", "jobs": {}}'},
    })
    result = run_crawl("workable", landing_dir=settings.landing_dir,
                       base_url=replay.base("workable"),
                       args={"boards": "tidewell,emberfield,nosuchaccount,oddity"})
    assert {i["source_id"] for i in landed(result)} == TIDEWELL
    manifest = result.manifest
    assert manifest["errors"] == {"bad_record": 1, "format_changed": 1, "http_404": 1}
    assert manifest["complete_listing"] is False
    outcomes = manifest["args"]["board_outcomes"]
    assert outcomes["tidewell"] == {"status": 200, "jobs": 6, "error": None}
    assert outcomes["emberfield"] == {"status": 200, "jobs": 0, "error": None}
    assert outcomes["nosuchaccount"] == {"status": 404, "jobs": 0, "error": None}
    assert outcomes["oddity"] == {"status": 200, "jobs": 0, "error": "format_changed"}
    assert "waiting 1.0s before retrying" in result.log_file.read_text()


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    result, items = crawl_demo_corpus("workable", write_corpus, tmp_path, settings,
                                      seed=5, postings=(40, 120))
    assert result.manifest["complete_listing"] is True
    assert all(i["description"] and i["hiringOrganization"]["nameRaw"] for i in items)
    assert not any(i["baseSalary"] for i in items)
    assert any(i["remoteStatus"] == "remote" for i in items)
