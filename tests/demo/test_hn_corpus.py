"""The synthetic HN corpus must look like the Algolia API's data: shapes, order, HTML, counts."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.demo.hn_calendar import first_weekday, iter_hn_months, thread_post_time
from pipeline.demo.hn_corpus import CorpusSummary, write_hn_corpus
from pipeline.demo.seeded_trends import FREELANCE_JOINS, PARTIAL_HOURS, freelance_threads_in

# Key sets of samples/hn/RECONSTRUCTED_algolia_search_by_date_whoishiring.json (hits) and
# RECONSTRUCTED_algolia_items_44159528.json (items nodes), hard-coded so the test stands alone.
HIT_KEYS = {"_highlightResult", "_tags", "author", "children", "created_at", "created_at_i",
            "num_comments", "objectID", "points", "story_id", "story_text", "title", "updated_at"}
HIGHLIGHT_KEYS = {"value", "matchLevel", "matchedWords"}
NODE_KEYS = {"id", "created_at", "created_at_i", "type", "author", "title", "url", "text",
             "points", "parent_id", "story_id", "options", "children"}
DELETED_KEYS = {"id", "children"}

TITLE = re.compile(r"^Ask HN: (Who is hiring\?|Who wants to be hired\?|"
                   r"Freelancer\? Seeking freelancer\?) \((\w+) (\d{4})\)$")
HIT_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
ITEM_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$")
# Markup HN emits; after removing it no raw '/', quote, apostrophe or angle bracket may be left.
MARKUP = re.compile(r'<a href="[^"<>]*" rel="nofollow">|</a>|</?p>|</?i>|<pre><code>|</code></pre>')
ENTITY = re.compile(r"&(?!(?:amp|lt|gt|quot|#x27|#x2F);)")


def _small(root: Path, *, seed: int = 7,
           freelance_from: dt.date | None = FREELANCE_JOINS) -> CorpusSummary:
    return write_hn_corpus(root, seed=seed, months=3, postings_per_month=(20, 30),
                           freelance_from=freelance_from)


def _load(root: Path) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    stories = json.loads((root / "hn" / "stories.json").read_text(encoding="utf-8"))
    items = {int(p.stem): json.loads(p.read_text(encoding="utf-8"))
             for p in (root / "hn" / "items").glob("*.json")}
    return stories, items


def _walk(node: dict[str, Any]) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(node, parent) for every descendant of ``node``."""
    for child in node["children"]:
        yield child, node
        yield from _walk(child)


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.json"))}


def _hiring(stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [h for h in stories if h["title"].startswith("Ask HN: Who is hiring?")]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CorpusSummary]:
    root = tmp_path_factory.mktemp("small")
    return root, _small(root)


@pytest.fixture(scope="module")
def default(demo_hn_corpus: tuple[Path, CorpusSummary]) -> tuple[Path, CorpusSummary]:
    return demo_hn_corpus


def test_months_and_posting_times() -> None:
    assert iter_hn_months(dt.date(2026, 2, 17), 3) == [
        dt.date(2025, 12, 1), dt.date(2026, 1, 1), dt.date(2026, 2, 1)]
    assert first_weekday(dt.date(2026, 11, 1)) == dt.date(2026, 11, 2)  # Nov 1 is a Sunday
    assert first_weekday(dt.date(2026, 1, 1)) == dt.date(2026, 1, 2)  # New Year's Day skipped
    # Real threads: June 2025 at 15:00 UTC (EDT), September 2026 at 15:01, January 2026 in EST.
    assert thread_post_time(dt.date(2025, 6, 1)) == dt.datetime(2025, 6, 2, 15, tzinfo=dt.UTC)
    assert thread_post_time(dt.date(2026, 9, 1)) == dt.datetime(2026, 9, 1, 15, tzinfo=dt.UTC)
    assert thread_post_time(dt.date(2026, 1, 1)) == dt.datetime(2026, 1, 2, 16, tzinfo=dt.UTC)
    assert thread_post_time(dt.date(2026, 3, 1)).hour == 16  # before the second Sunday of March


def test_story_hits_have_the_search_by_date_shape(small: tuple[Path, CorpusSummary]) -> None:
    stories, _ = _load(small[0])
    assert len(stories) == 9
    for hit in stories:
        assert set(hit) == HIT_KEYS
        sid = hit["story_id"]
        assert hit["objectID"] == str(sid) and isinstance(sid, int)
        assert hit["author"] == "whoishiring"
        assert hit["_tags"] == ["story", "author_whoishiring", f"story_{sid}", "ask_hn"]
        assert set(hit["_highlightResult"]) == {"author", "title", "story_text"}
        for field, value in hit["_highlightResult"].items():
            assert set(value) == HIGHLIGHT_KEYS and value["value"] == hit[field]
        assert TITLE.match(hit["title"])
        assert HIT_TIME.match(hit["created_at"]) and HIT_TIME.match(hit["updated_at"])
        assert dt.datetime.fromisoformat(hit["created_at"]).timestamp() == hit["created_at_i"]
        assert "<p>" in hit["story_text"] and "</p>" not in hit["story_text"]  # raw Firebase form
        assert all(isinstance(c, int) for c in hit["children"])


def test_stories_newest_first_three_per_month(small: tuple[Path, CorpusSummary]) -> None:
    stories, _ = _load(small[0])
    keys = [(h["created_at_i"], h["story_id"]) for h in stories]
    assert keys == sorted(keys, reverse=True)
    assert [TITLE.match(h["title"]).group(1) for h in stories[:3]] == [  # type: ignore[union-attr]
        "Who is hiring?", "Who wants to be hired?", "Freelancer? Seeking freelancer?"]
    for month in range(3):
        triple = stories[3 * month: 3 * month + 3]
        assert len({TITLE.match(h["title"]).group(2) for h in triple}) == 1  # type: ignore[union-attr]
        posted = dt.datetime.fromtimestamp(triple[0]["created_at_i"], dt.UTC)
        assert posted.hour in (15, 16) and posted.minute == 0 and posted.weekday() < 5
        assert 40_000_000 < triple[0]["story_id"] < 60_000_000  # HN's id range in late 2026


def test_items_trees_have_the_items_shape(small: tuple[Path, CorpusSummary]) -> None:
    stories, items = _load(small[0])
    assert len(items) == 9  # hiring, wants to be hired and freelancer threads
    deleted = nested = 0
    for sid, root in items.items():
        assert set(root) == NODE_KEYS
        assert (root["id"], root["story_id"], root["type"]) == (sid, sid, "story")
        assert root["parent_id"] is None and root["url"] is None and root["options"] == []
        assert root["text"].startswith("<p>") and ITEM_TIME.match(root["created_at"])
        for node, parent in _walk(root):
            if set(node) == DELETED_KEYS:
                deleted += 1
                continue
            assert set(node) == NODE_KEYS
            assert node["type"] == "comment" and node["points"] is None
            assert node["title"] is None and node["url"] is None and node["options"] == []
            assert node["parent_id"] == parent["id"] and node["story_id"] == sid
            assert ITEM_TIME.match(node["created_at"])
            assert 0 < node["created_at_i"] - root["created_at_i"] < 20 * 86400
            nested += parent is not root
    assert deleted > 0 and nested > 0
    assert {h["story_id"] for h in stories if h["children"]} == set(items)


def test_hits_agree_with_item_trees(small: tuple[Path, CorpusSummary]) -> None:
    stories, items = _load(small[0])
    for hit in stories:
        root = items.get(hit["story_id"])
        if root is None:
            assert hit["children"] == []
            continue
        assert hit["children"] == [c["id"] for c in root["children"]]
        assert hit["num_comments"] == sum(1 for n, _ in _walk(root) if "text" in n)
        assert (hit["title"], hit["points"], hit["created_at_i"]) == (
            root["title"], root["points"], root["created_at_i"])


def test_ids_unique_and_growing_with_time(small: tuple[Path, CorpusSummary]) -> None:
    stories, items = _load(small[0])
    times = {h["story_id"]: h["created_at_i"] for h in stories}
    # The "wants to be hired" threads come from a stream of their own (hn_seeking_posts): their
    # ids grow with time among themselves, not interleaved with the other threads'.
    streams: dict[bool, dict[int, int]] = {True: {}, False: {}}
    for root in items.values():
        wants = "wants to be hired" in root["title"]
        for node, _ in _walk(root):
            assert node["id"] not in times
            times[node["id"]] = node.get("created_at_i", -1)
            streams[wants][node["id"]] = times[node["id"]]
    for stream in (streams[False] | {h["story_id"]: h["created_at_i"] for h in stories},
                   streams[True]):
        known = sorted((i, t) for i, t in stream.items() if t >= 0)
        assert [t for _, t in known] == sorted(t for _, t in known)


def test_texts_are_hn_html(small: tuple[Path, CorpusSummary]) -> None:
    _, items = _load(small[0])
    for root in items.values():
        for node, _ in _walk(root):
            if "text" not in node:
                continue
            rest = MARKUP.sub("", node["text"])
            assert not set(rest) & set("/'\"<>"), node["text"]
            assert not ENTITY.search(rest), node["text"]
            for href in re.findall(r'href="([^"]*)"', node["text"]):
                assert href.startswith("https:&#x2F;&#x2F;")


def test_summary_matches_disk(small: tuple[Path, CorpusSummary]) -> None:
    root, summary = small
    stories, items = _load(root)
    hiring = _hiring(stories)
    assert summary.threads == len(hiring) == 3
    assert summary.postings == sum(
        1 for h in hiring for c in items[h["story_id"]]["children"] if "text" in c)
    # Two full months and a partial one, plus a few seekers and bot notes.
    assert 2 * 20 + 5 <= summary.postings <= 3 * 30 + 20
    assert (summary.first_month, summary.last_month) == (dt.date(2026, 9, 1), dt.date(2026, 11, 1))


def test_same_seed_gives_identical_bytes(small: tuple[Path, CorpusSummary], tmp_path: Path) -> None:
    assert _small(tmp_path / "again") == small[1]
    assert _files(tmp_path / "again") == _files(small[0])
    _small(tmp_path / "other", seed=8)
    assert _files(tmp_path / "other") != _files(small[0])


def test_without_freelancer_threads_and_stale_files(tmp_path: Path) -> None:
    _small(tmp_path)
    summary = _small(tmp_path, freelance_from=None)
    stories, items = _load(tmp_path)
    wants = {h["story_id"] for h in stories if "wants to be hired" in h["title"]}
    # old freelancer trees removed
    assert set(items) == {h["story_id"] for h in _hiring(stories)} | wants
    assert summary.threads == 3 and len(stories) == 6  # no freelancer stories at all


def test_freelancer_threads_join_in_their_month(tmp_path: Path) -> None:
    _small(tmp_path, freelance_from=dt.date(2026, 10, 1))
    stories, items = _load(tmp_path)
    freelance = [h for h in stories if h["title"].startswith("Ask HN: Freelancer?")]
    assert [h["title"][-14:] for h in freelance] == ["November 2026)", "(October 2026)"]
    assert all(h["story_id"] in items for h in freelance)


def test_last_month_is_partial(small: tuple[Path, CorpusSummary]) -> None:
    stories, items = _load(small[0])
    last = max(stories, key=lambda h: h["created_at_i"])
    for hit in stories[:3]:  # the last month's three stories
        root = items.get(hit["story_id"])
        nodes = [n for n, _ in _walk(root)] if root else []
        assert all(n.get("created_at_i", 0) - hit["created_at_i"] <= PARTIAL_HOURS * 3600
                   for n in nodes)
        assert hit["updated_at"] <= dt.datetime.fromtimestamp(
            last["created_at_i"] + PARTIAL_HOURS * 3600, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    counts = [sum("text" in c for c in items[h["story_id"]]["children"]) for h in _hiring(stories)]
    assert counts[0] < 0.75 * min(counts[1:])  # newest first: the partial month holds fewer


@pytest.mark.slow
def test_default_corpus_size_and_variety(default: tuple[Path, CorpusSummary]) -> None:
    root, summary = default
    stories, items = _load(root)
    assert summary.threads >= 36 and summary.postings >= 10_000
    joined = sum(map(freelance_threads_in, iter_hn_months(dt.date(2026, 11, 1), 48)))
    assert len(stories) == 2 * 48 + joined and len(items) == 2 * 48 + joined
    tops = [c for h in _hiring(stories) for c in items[h["story_id"]]["children"]]
    texts = [c["text"] for c in tops if "text" in c]
    algolia = sum(t.startswith("<p>") for t in texts)
    firebase = sum(not t.startswith("<p>") and "<p>" in t for t in texts)
    assert algolia > 0.9 * len(texts) and 0.02 * len(texts) < firebase < 0.1 * len(texts)
    assert sum(set(c) == DELETED_KEYS for c in tops) > 20
    assert sum(c.get("author") == "whoishiring" for c in tops) >= 1
    plain = [html.unescape(MARKUP.sub(" ", t)) for t in texts]
    assert 5 <= sum(p.startswith("SEEKING WORK") for p in plain) <= 200  # in the wrong thread
    assert any("\n" in t for t in texts) and any("<pre><code>" in t for t in texts)
    assert any("<i>" in t for t in texts)
    with_pay = sum(bool(re.search(r"[$€£]\s?\d|\d+k\b|DOE|[Cc]ompetitive", p)) for p in plain)
    assert 0.3 < with_pay / len(plain) < 0.6
    # Comments arrive in a burst: most within two days, none after about two weeks.
    offsets = [c["created_at_i"] - items[h["story_id"]]["created_at_i"]
               for h in _hiring(stories) for c in items[h["story_id"]]["children"] if "text" in c]
    assert sum(o < 2 * 86400 for o in offsets) > 0.6 * len(offsets)
    assert max(offsets) <= 16 * 86400


@pytest.mark.slow
def test_default_freelancer_threads(default: tuple[Path, CorpusSummary]) -> None:
    stories, items = _load(default[0])
    work = hire = 0
    for hit in stories[3:]:  # full months only
        if not hit["title"].startswith("Ask HN: Freelancer?"):
            continue
        assert freelance_threads_in(dt.datetime.fromtimestamp(hit["created_at_i"], dt.UTC).date())
        tops = [c for c in items[hit["story_id"]]["children"] if "text" in c]
        assert 80 <= len(tops) <= 140
        work += sum(bool(re.match("(<p>)?SEEKING WORK", c["text"])) for c in tops)
        hire += sum(bool(re.match("(<p>)?SEEKING FREELANCER", c["text"])) for c in tops)
    assert 0.4 < hire / (hire + work) < 0.6
