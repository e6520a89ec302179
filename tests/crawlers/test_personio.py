"""The ``personio`` spider: safe XML reading, pure extraction, the replay handler, real crawls."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.ats_boards import DEFAULT_BOARDS_FILE, read_boards_file
from crawlers.spiders._base import BadPayload, posting_problem
from crawlers.spiders.personio import (
    PersonioSpider,
    employment_label,
    extract_posting,
    feed_positions,
)
from pipeline.config import Settings
from pipeline.demo.personio_corpus import write_corpus
from pipeline.ops.crawl import run_crawl
from pipeline.ops.sources import SOURCES
from pipeline.replay.personio import handle
from tests.conftest import FIXTURE_SITES, ReplayServer
from tests.crawlers.landing import crawl_demo_corpus, landed

FEED_PATH = "/personio/{board}/xml"
BREZEL = {"2800938", "2800951", "2800977"}
HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def positions(board: str = "brezelbank") -> list:
    return feed_positions((FIXTURE_SITES / "personio" / f"{board}.xml").read_bytes())


def extract(position):
    return extract_posting(position, board="brezelbank", board_name="Brezelbank",
                           source="personio", fetched_at="2026-11-01T00:00:00Z",
                           crawl_run="r1")


def test_extract_posting_field_by_field() -> None:
    item = extract(positions()[0])
    assert (item.source, item.source_id) == ("personio", "2800938")
    assert item.url == "https://brezelbank.jobs.personio.de/job/2800938"
    assert (item.fetched_at, item.crawl_run) == ("2026-11-01T00:00:00Z", "r1")
    assert item.jobTitle == "Senior Backend Engineer (m/w/d)"
    assert item.datePublished == "2026-10-05T08:55:18Z"
    assert item.datePublishedRaw == "2026-10-05T10:55:18+02:00"
    assert item.hiringOrganization == {"name": "Brezelbank GmbH", "nameRaw": "Brezelbank GmbH"}
    assert item.jobLocation == {"raw": "Berlin; Munich"}  # the repeated Berlin dropped
    assert item.remoteStatus is None and item.baseSalary is None
    assert item.employmentType == "Full-time"
    assert item.descriptionHtml == (
        "<h3>Your mission</h3><p>Build our ledger in <strong>Kotlin</strong> &amp; "
        "PostgreSQL.</p><h3>Your profile</h3><ul><li>Five years of JVM services</li>"
        "<li>Kafka</li></ul>")
    assert item.description is not None
    assert item.description.startswith("Your mission\n\nBuild our ledger in Kotlin & PostgreSQL.")
    assert "Kafka" in item.description and "Empty block" not in item.description
    assert item.extra is not None
    assert item.extra["sections"] == ["Your mission", "Your profile"]
    assert item.extra["additionalOffices"] == ["Munich"]
    assert (item.extra["employmentType"], item.extra["schedule"]) == ("permanent", "full-time")
    assert (item.extra["seniority"], item.extra["yearsOfExperience"]) == ("experienced", "5-7")
    assert item.extra["seniority_hints"] == ["experienced"]
    assert item.extra["keywords"] == "Kotlin,PostgreSQL,Kafka"
    assert item.extra["recruitingCategory"] == "Backend"


def test_text_offices_board_name_and_bare_date() -> None:
    student = extract(positions()[1])
    assert student.jobLocation == {"raw": "Remote; Hamburg"}  # additionalOffices as text
    assert student.hiringOrganization == {"name": "Brezelbank", "nameRaw": None}
    assert student.employmentType == "Part-time, Working student"
    office = extract(positions()[2])
    assert office.datePublished is None and office.datePublishedRaw == "2026-09-25"
    assert office.description is None and office.descriptionHtml is None
    assert office.employmentType == "permanent"
    assert office.extra is not None and office.extra["seniority_hints"] == []


@pytest.mark.parametrize(("kind", "schedule", "label"), [
    ("permanent", "full-time", "Full-time"), ("permanent", "part-time", "Part-time"),
    ("intern", "full-time", "Full-time, Internship"), ("freelance", None, "Freelance"),
    ("trainee", "part-time", "Part-time, Trainee"), ("permanent", None, "permanent"),
    (None, "full-or-part-time", "Full-time or part-time"), ("apprentice", None, "apprentice"),
    (None, None, None),
])
def test_employment_label(kind: str | None, schedule: str | None, label: str | None) -> None:
    assert employment_label(kind, schedule) == label


def test_position_without_id_or_title() -> None:
    [bare] = feed_positions(HEAD + b"<workzag-jobs><position><name>X</name></position>"
                                   b"</workzag-jobs>")
    with pytest.raises(ValueError):
        extract(bare)
    [untitled] = feed_positions(b"<workzag-jobs><position><id>7</id><jobDescriptions>"
                                b"<jobDescription><name>A</name><value>Text</value>"
                                b"</jobDescription></jobDescriptions></position></workzag-jobs>")
    assert posting_problem(extract(untitled)) == ("format_changed", "missing title")


@pytest.mark.parametrize(("body", "kind"), [
    (b"", "bad_xml"),
    (b"<workzag-jobs><position><id>1</id>", "bad_xml"),  # cut off mid-feed
    (b"<!DOCTYPE html><html><body>Page not found</body></html>", "html_not_xml"),
    (b"<html><head></head><body/></html>", "html_not_xml"),
    (b"<rss><channel/></rss>", "format_changed"),
    (HEAD + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
     b"<workzag-jobs><position><id>1</id><name>&b;</name></position></workzag-jobs>",
     "bad_xml"),
    (b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><workzag-jobs><position>'
     b"<id>1</id><name>&xxe;</name></position></workzag-jobs>", "bad_xml"),
    (b"<workzag-jobs>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</workzag-jobs>", "bad_xml"),
])
def test_unusable_feeds_are_refused(body: bytes, kind: str) -> None:
    with pytest.raises(BadPayload) as caught:
        feed_positions(body)
    assert caught.value.kind == kind


def test_empty_feed_and_foreign_children() -> None:
    assert feed_positions(HEAD + b"<workzag-jobs/>") == []
    found = feed_positions(b"<workzag-jobs><!-- c --><note/><position><id>1</id></position>"
                           b"</workzag-jobs>")
    assert len(found) == 1


@given(st.binary(max_size=300))
def test_feed_positions_only_raises_bad_payload(body: bytes) -> None:
    try:
        found = feed_positions(body)
    except BadPayload as exc:
        assert exc.kind in {"bad_xml", "html_not_xml", "format_changed"}
    else:
        assert all(p.tag == "position" for p in found)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_in_fields_extracts(text: str) -> None:
    from xml.sax.saxutils import escape
    value = escape(text).encode("utf-8")
    [position] = feed_positions(b"<workzag-jobs><position><id>9</id><name>" + value +
                                b"</name><office>" + value + b"</office><employmentType>" +
                                value + b"</employmentType></position></workzag-jobs>")
    item = extract(position)
    assert item.jobTitle == (text.strip() or None)


def test_default_base_url_and_boards() -> None:
    assert PersonioSpider.default_base_url == SOURCES["personio"].default_url
    assert "{board}" in PersonioSpider.default_base_url
    assert "personio" in read_boards_file(DEFAULT_BOARDS_FILE, "personio")


def test_replay_handler() -> None:
    reply = handle(FIXTURE_SITES, "/brezelbank/xml", {"language": "en"})
    assert reply.status == 200 and reply.headers["Content-Type"].startswith("text/xml")
    assert len(feed_positions(reply.body)) == 3
    missing = handle(FIXTURE_SITES, "/nosuch/xml", {"language": "en"})
    assert missing.status == 404 and b"Page not found" in missing.body
    assert handle(FIXTURE_SITES, "/brezelbank/other", {}).status == 404


def test_crawl_boards_with_faults(replay: ReplayServer, settings: Settings) -> None:
    """One crawl: a one-time 429, an unknown board, a cut-off feed, an HTML page served with
    200, an empty feed and a position without an id; the good boards land whole."""
    path = replay.root / "personio" / "alpenpost.xml"
    path.write_text(path.read_text("utf-8").replace(
        "</workzag-jobs>", "<position><name>No id</name></position></workzag-jobs>"))
    for name in ("cutoff", "webpage"):
        (replay.root / "personio" / f"{name}.xml").write_text("<workzag-jobs/>")
    replay.set_faults({
        FEED_PATH.format(board="brezelbank"): {
            "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"},
        FEED_PATH.format(board="cutoff"): {"body": "<workzag-jobs><position><id>1</id>",
                                           "content_type": "text/xml"},
        FEED_PATH.format(board="webpage"): {"body": "<!DOCTYPE html><html><p>Hi</p></html>",
                                            "content_type": "text/html"},
    })
    result = run_crawl("personio", landing_dir=settings.landing_dir,
                       base_url=replay.base("personio"),
                       args={"boards": "brezelbank,alpenpost=Alpenpost,nosuch,cutoff,webpage,"
                                       "leerlauf"})
    assert result.ok, result.log_file.read_text()
    items = landed(result)
    assert {i["source_id"] for i in items} == BREZEL | {"4103"} and len(items) == 4
    assert result.manifest["errors"] == {"http_404": 1, "bad_xml": 1, "html_not_xml": 1,
                                         "bad_record": 1}
    assert result.manifest["complete_listing"] is False
    assert "waiting 1.0s before retrying" in result.log_file.read_text()
    outcomes = result.manifest["args"]["board_outcomes"]
    assert outcomes["brezelbank"] == {"status": 200, "jobs": 3, "error": None}
    assert outcomes["alpenpost"] == {"status": 200, "jobs": 2, "error": None}
    assert outcomes["nosuch"] == {"status": 404, "jobs": 0, "error": None}
    assert outcomes["cutoff"] == {"status": 200, "jobs": 0, "error": "bad_xml"}
    assert outcomes["webpage"] == {"status": 200, "jobs": 0, "error": "html_not_xml"}
    assert outcomes["leerlauf"] == {"status": 200, "jobs": 0, "error": None}
    sre = next(i for i in items if i["source_id"] == "4103")
    assert sre["hiringOrganization"] == {"name": "Alpenpost", "nameRaw": None}
    assert sre["datePublished"] == "2026-10-30T11:00:00Z"


def test_demo_corpus_crawls_cleanly(tmp_path: Path, settings: Settings) -> None:
    result, items = crawl_demo_corpus("personio", write_corpus, tmp_path, settings,
                                      seed=9, postings=(40, 120))
    assert all(i["datePublished"].endswith("Z") and i["description"] for i in items)
    assert not any(i["baseSalary"] for i in items)  # the feed has no pay field
    assert re.search(r"Salary range: \w{3} [\d,]+", "\n".join(i["description"] for i in items))
