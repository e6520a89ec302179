"""The ``hn_seeking`` spider: the form read field by field, personal data never kept, a crawl.

Fixtures (``tests/fixtures/sites/hn_seeking/items/``) are two "Who wants to be hired?" threads
written in the Algolia ``items`` shape; their search hits are already in the ``hn`` fixture's
``stories.json``. October holds two posts (one with a reply), a deleted node, a note that fills
in none of the form and a ``whoishiring`` reminder; September one post in Firebase markup.
"""

from __future__ import annotations

import json
import re
import shutil
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.hn_seeking_text import scrub, split_fields, thread_month, years_of_experience
from crawlers.spiders.hn_seeking import extract_seeking, seeking_skip_reason
from pipeline.config import Settings
from pipeline.ops.crawl import run_crawl
from tests.conftest import FIXTURE_SITES, ReplayServer

OCTOBER = 47100001
SEPTEMBER = 46800001
ITEMS = FIXTURE_SITES / "hn_seeking" / "items"
EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\[at\])\s*[\w-]+(?:\s*(?:\.|\[dot\])\s*[\w-]+)+")
PERSONAL = ("Marta", "Kowalska", "gopher77", "martak", "linkedin", "github", "912 345",
            "lena", "example")


def child(story_id: int, node_id: int) -> dict[str, Any]:
    tree = json.loads((ITEMS / f"{story_id}.json").read_text(encoding="utf-8"))
    return next(c for c in tree["children"] if c["id"] == node_id)


def extract(story_id: int, node_id: int) -> Any:
    return extract_seeking(child(story_id, node_id), source="hn_seeking", story_id=story_id,
                           thread="Ask HN: Who wants to be hired? (October 2026)",
                           fetched_at="2026-11-01T00:00:00Z", crawl_run="r1")


@pytest.mark.parametrize(("node_id", "reason"), [
    (47100041, None), (47100042, None), (47100043, "deleted"), (47100044, None),
    (47100045, "not_an_ad")])
def test_keep_rule(node_id: int, reason: str | None) -> None:
    assert seeking_skip_reason(child(OCTOBER, node_id), OCTOBER) == reason


def test_reply_is_skipped() -> None:
    reply = child(OCTOBER, 47100042)["children"][0]
    assert seeking_skip_reason(reply, OCTOBER) == "reply"


def test_extract_field_by_field() -> None:
    item = extract(OCTOBER, 47100041)
    assert (item.source, item.source_id, item.kind) == ("hn_seeking", "47100041", "seeking_work")
    assert item.url == f"https://news.ycombinator.com/item?id={OCTOBER}"  # the thread's
    assert (item.thread_month, item.datePublished) == ("2026-10", "2026-10-01T15:20:40Z")
    assert (item.location, item.remote, item.relocate) == ("Lisbon, Portugal", "Yes", "No")
    assert item.technologies == "Python, Django, PostgreSQL, AWS, Terraform"
    assert (item.years, item.seniority) == (9, "senior")
    assert item.labels == ["Location", "Remote", "Willing to relocate", "Technologies"]
    assert "payment APIs" in item.text


def test_one_line_form_and_links_dropped() -> None:
    item = extract(OCTOBER, 47100042)
    assert (item.location, item.remote, item.relocate) == ("Austin, TX", "Remote only", "Maybe")
    assert item.technologies == "Go, Kubernetes, gRPC, Kafka"
    assert (item.years, item.seniority) == (15, "staff")
    assert "Rust services" in item.text


def test_no_personal_data_in_any_item() -> None:
    items = [extract(OCTOBER, 47100041), extract(OCTOBER, 47100042),
             extract(SEPTEMBER, 46800041)]
    text = json.dumps([attrs.asdict(i) for i in items])
    assert not EMAIL.search(text)
    assert not [p for p in PERSONAL if p.lower() in text.lower()]


def test_a_post_without_the_form_is_no_profile() -> None:
    assert extract(OCTOBER, 47100044) is None


@pytest.mark.parametrize(("title", "ts", "month"), [
    ("Ask HN: Who wants to be hired? (June 2025)", None, "2025-06"),
    ("Ask HN: Who wants to be hired? (Juin 2025)", 1788274813, "2026-09"),
    ("Ask HN: Who wants to be hired?", None, None)])
def test_thread_month(title: str, ts: int | None, month: str | None) -> None:
    assert thread_month(title, ts) == month


def test_years() -> None:
    assert years_of_experience("10+ years of Go, 3 yrs of Rust, born 1990") == 10
    assert years_of_experience("in 2019 I joined") is None


def test_form_on_separate_paragraphs() -> None:
    fields = split_fields("Location: Berlin\n\nRemote: Yes\n\nTechnologies: Go, SQL\n\n"
                          "Résumé/CV: cv.example.org/x\n\nEmail: a@b.de\n\nI like queues.")
    assert (fields.location, fields.remote, fields.technologies) == ("Berlin", "Yes", "Go, SQL")
    assert fields.text == "I like queues."


_local = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789._", min_size=1, max_size=12)
_host = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=10)
_noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@given(_noise, _local, _host, st.sampled_from(["com", "org", "dev", "io", "de"]), _noise)
def test_scrub_leaves_no_address_or_link(before: str, local: str, host: str, tld: str,
                                         after: str) -> None:
    for secret in (f"{local}@{host}.{tld}", f"https://{host}.{tld}/{local}",
                   f"www.{host}.{tld}", f"{host}.{tld}/{local}"):
        out = scrub(f"{before} {secret} {after}")
        assert f"{host}.{tld}" not in out


@given(st.text(alphabet="0123456789", min_size=9, max_size=12), _noise)
def test_scrub_leaves_no_phone_number(digits: str, text: str) -> None:
    number = f"+{digits[:2]} {digits[2:5]} {digits[5:]}"
    assert digits[5:] not in scrub(f"{text} call {number} today").replace(text, "")


def test_crawl_lands_supply_items_only(replay: ReplayServer, settings: Settings) -> None:
    for path in ITEMS.glob("*.json"):
        shutil.copy(path, replay.root / "hn" / "items" / path.name)
    # A one-time 429 on October's thread (retried after Retry-After); September's thread
    # answers a broken body, which is counted while October still lands.
    replay.set_faults({
        f"/hn_seeking/api/v1/items/{OCTOBER}": {
            "status": 429, "times": 1, "headers": {"Retry-After": "1"}, "body": "slow down"},
        f"/hn_seeking/api/v1/items/{SEPTEMBER}": {"body": "{not json"}})
    result = run_crawl("hn_seeking", landing_dir=settings.landing_dir,
                       base_url=replay.base("hn_seeking"), args={"months": "0"})
    assert result.ok, result.log_file.read_text()
    lines = result.landing_file.read_text(encoding="utf-8").splitlines()
    items = [json.loads(line) for line in lines if line.strip()]
    assert sorted(i["source_id"] for i in items) == ["47100041", "47100042"]
    assert {i["kind"] for i in items} == {"seeking_work"}
    assert result.manifest["errors"] == {"bad_json": 1}
    assert result.manifest["skipped"] == {"deleted": 1, "not_a_profile": 1, "not_an_ad": 1,
                                          "other_thread": 4}
    landed = "\n".join(lines)
    assert not EMAIL.search(landed) and "author" not in landed
