"""Every record a spider reads ends one way: yielded, skipped or counted as an error.

The pure rules (:func:`records_in`, :func:`posting_problem`) are checked by example; then each
source family's callback is fed one response holding good records beside every kind of record
that must not land (the source's own skips, an empty record, one missing a required field, a
malformed one), and ``yielded + skipped + errors == records in the response`` must hold, with
the count of each kind. Callbacks are called directly (no crawl): the counts are the spider's.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import scrapy
from scrapy.http import TextResponse
from scrapy.utils.test import get_crawler

from crawlers.items import JobPostingItem
from crawlers.spiders._base import (
    FormatChanged,
    JobSpider,
    count_elements,
    posting_problem,
    records_in,
)
from crawlers.spiders.arbeitnow import ArbeitnowSpider
from crawlers.spiders.ashby import AshbySpider, compensation_hidden
from crawlers.spiders.greenhouse import GreenhouseSpider
from crawlers.spiders.himalayas import HimalayasSpider
from crawlers.spiders.hn import HnSpider
from crawlers.spiders.jobicy import JobicySpider
from crawlers.spiders.jsonld import JsonLdSpider
from crawlers.spiders.lever import LeverSpider
from crawlers.spiders.remoteok import RemoteOkSpider
from crawlers.spiders.remotive import RemotiveSpider
from crawlers.spiders.weworkremotely import WeWorkRemotelySpider
from tests.conftest import FIXTURE_SITES

BASE = "http://127.0.0.1:8000"


class Outcome:
    """What one callback call yielded and counted."""

    def __init__(self, spider: JobSpider, out: list[Any]) -> None:
        self.items = [o for o in out if isinstance(o, JobPostingItem)]
        self.requests = [o for o in out if isinstance(o, scrapy.Request)]
        assert spider.crawler.stats is not None
        stats = spider.crawler.stats.get_stats()
        self.skipped = _counts(stats, "jobpulse/skipped/")
        self.errors = _counts(stats, "jobpulse/error/")

    def accounted(self, *, not_records: tuple[str, ...] = ()) -> int:
        """Records accounted for; ``not_records`` are skip counters that count no record."""
        skips = sum(v for k, v in self.skipped.items() if k not in not_records)
        return len(self.items) + skips + sum(self.errors.values())


def _counts(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix):]: int(v) for k, v in stats.items() if k.startswith(prefix)}


def call(spider_cls: type[JobSpider], callback: str, body: bytes | str, *,
         url: str = f"{BASE}/x", content_type: str = "application/json",
         spider_args: dict[str, Any] | None = None, **cb_kwargs: Any) -> Outcome:
    crawler = get_crawler(spider_cls)
    spider = spider_cls.from_crawler(crawler, base_url=BASE, **(spider_args or {}))
    assert isinstance(spider, JobSpider)
    data = body.encode("utf-8") if isinstance(body, str) else body
    response = TextResponse(url, body=data, headers={"Content-Type": content_type})
    return Outcome(spider, list(getattr(spider, callback)(response, **cb_kwargs)))


def fixture(path: str) -> Any:
    return json.loads((FIXTURE_SITES / path).read_text(encoding="utf-8"))


# -- the rules, by example ---------------------------------------------------------------

@pytest.mark.parametrize(("data", "key", "expected"), [
    ({"jobs": []}, "jobs", []),
    ({"jobs": [1, 2], "meta": {}}, "jobs", [1, 2]),
    ([], None, []),
    ([{"id": 1}], None, [{"id": 1}]),
])
def test_records_in(data: Any, key: str | None, expected: list[Any]) -> None:
    assert records_in(data, key) == expected


@pytest.mark.parametrize(("data", "key", "message"), [
    ({"apiVersion": "1"}, "jobs", "no 'jobs'"),
    ({"jobs": None}, "jobs", "'jobs' is null"),
    ({"jobs": {"a": 1}}, "jobs", "'jobs' is object"),
    ([{"id": 1}], "jobs", "got array"),
    ({"ok": True}, None, "expected a JSON array, got object"),
    ("maintenance", None, "got str"),
    (None, "hits", "got null"),
])
def test_records_in_format_changed(data: Any, key: str | None, message: str) -> None:
    with pytest.raises(FormatChanged, match=message) as caught:
        records_in(data, key)
    assert caught.value.kind == "format_changed"


def posting(**fields: Any) -> JobPostingItem:
    base: dict[str, Any] = {"source": "x", "source_id": "1", "url": "https://x.example/1",
                            "fetched_at": "2026-11-01T00:00:00Z", "crawl_run": "r1",
                            "jobTitle": "Backend Engineer", "description": "Go and SQL.",
                            "hiringOrganization": {"name": "Acme", "nameRaw": "Acme"}}
    return JobPostingItem(**{**base, **fields})


CONFIGURED = {"name": "Acme", "nameRaw": None}
"""``hiringOrganization`` of an ATS posting whose company comes from the board config."""


@pytest.mark.parametrize(("fields", "required", "problem"), [
    ({}, None, None),
    ({"hiringOrganization": CONFIGURED}, None, None),
    ({"jobTitle": None}, None, ("format_changed", "missing title")),
    ({"jobTitle": "  "}, None, ("format_changed", "missing title")),
    ({"hiringOrganization": None}, None, ("format_changed", "missing company")),
    ({"url": ""}, None, ("format_changed", "missing url")),
    ({"jobTitle": None, "url": ""}, None, ("format_changed", "missing title, url")),
    # HN reads title and company from free text: without them an ad is still an ad.
    ({"jobTitle": None, "hiringOrganization": None}, frozenset({"url"}), None),
    # Nothing of its own but an id: skipped, not an error, whatever the source requires.
    ({"jobTitle": "", "hiringOrganization": None, "description": "", "descriptionHtml": ""},
     None, ("empty_record", "1 has no title, company or text")),
    ({"jobTitle": None, "hiringOrganization": CONFIGURED, "description": None}, None,
     ("empty_record", "1 has no title, company or text")),
    ({"jobTitle": None, "hiringOrganization": None, "description": None},
     frozenset({"url"}), ("empty_record", "1 has no title, company or text")),
    # Text alone is not empty: the title is missing.
    ({"jobTitle": None, "hiringOrganization": None}, None,
     ("format_changed", "missing title, company")),
])
def test_posting_problem(fields: dict[str, Any], required: frozenset[str] | None,
                         problem: tuple[str, str] | None) -> None:
    item = posting(**fields)
    assert (posting_problem(item) if required is None
            else posting_problem(item, required)) == problem


# -- each source family: records in == yielded + skipped + errors --------------------------

def with_problems(records: list[Any], good: dict[str, Any], *, id_key: str, new_id: Any,
                  empty: dict[str, Any], missing: dict[str, Any]) -> list[Any]:
    """``records`` plus an empty record, one missing a required field, one without an id and
    one that is not an object, each built from the good record ``good``."""
    no_id = {k: v for k, v in good.items() if k != id_key}
    return [*records, {**good, id_key: new_id, **empty},
            {**good, id_key: _next(new_id), **missing}, no_id, "not a job"]


def _next(value: Any) -> Any:
    return value + 1 if isinstance(value, int) else f"{value}-2"


def check(outcome: Outcome, records: int, *, items: int, skipped: dict[str, int],
          errors: dict[str, int], not_records: tuple[str, ...] = ()) -> None:
    assert (len(outcome.items), outcome.skipped, outcome.errors) == (items, skipped, errors)
    assert outcome.accounted(not_records=not_records) == records


def test_ats_greenhouse() -> None:
    board = fixture("greenhouse/harborline.json")
    good = board["jobs"][0]
    board["jobs"] = with_problems(
        board["jobs"], good, id_key="id", new_id=7100001901,
        empty={"title": "", "company_name": None, "content": ""},
        missing={"title": None})
    outcome = call(GreenhouseSpider, "parse_board", json.dumps(board),
                   spider_args={"boards": "harborline"}, board="harborline")
    check(outcome, len(board["jobs"]), items=3, skipped={"empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2})


def test_ats_lever() -> None:
    postings = fixture("lever/copperleaf.json")
    good = postings[0]
    postings = with_problems(
        postings, good, id_key="id", new_id="9d0c6c1e-0000-4000-8000-00000000e001",
        empty={"text": "", "description": "", "descriptionPlain": "", "lists": [],
               "additional": "", "additionalPlain": "", "opening": "", "openingPlain": "",
               "descriptionBody": "", "descriptionBodyPlain": ""},
        missing={"text": None})
    outcome = call(LeverSpider, "parse_page", json.dumps(postings),
                   spider_args={"boards": "copperleaf"}, board="copperleaf", skip=0)
    check(outcome, len(postings), items=5, skipped={"empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2})


def test_ats_ashby() -> None:
    board = fixture("ashby/lumenworks.json")
    good = board["jobs"][0]
    board["jobs"] = with_problems(
        board["jobs"], good, id_key="id", new_id="5b7e0c1a-1111-4c2d-9e3f-0000000000e1",
        empty={"title": " ", "descriptionPlain": "", "descriptionHtml": ""},
        missing={"title": None})
    outcome = call(AshbySpider, "parse_board", json.dumps(board),
                   spider_args={"boards": "lumenworks"}, board="lumenworks")
    # comp_hidden counts a posting that landed without its pay, not a record left out.
    check(outcome, len(board["jobs"]), items=3,
          skipped={"unlisted": 1, "comp_hidden": 1, "empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2}, not_records=("comp_hidden",))
    hidden = next(j for j in board["jobs"][:4] if compensation_hidden(j))
    # A job whose pay is hidden and whose title is missing is one format_changed, no more.
    board["jobs"] = [{**hidden, "title": None}]
    outcome = call(AshbySpider, "parse_board", json.dumps(board),
                   spider_args={"boards": "lumenworks"}, board="lumenworks")
    check(outcome, 1, items=0, skipped={}, errors={"format_changed": 1})


def test_json_feed_remoteok() -> None:
    records = fixture("remoteok/api.json")  # legal notice, 5 jobs, 1 empty record
    good = records[1]
    records = [*records, {**good, "id": "1190101", "company": ""},
               {**good, "id": "not-a-number"}, ["not", "a", "job"]]
    outcome = call(RemoteOkSpider, "parse_api", json.dumps(records))
    check(outcome, len(records), items=5, skipped={"legal_notice": 1, "empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2})


def test_json_feed_remotive() -> None:
    envelope = fixture("remotive/remote-jobs.json")
    good = envelope["jobs"][0]
    envelope["jobs"] = with_problems(
        envelope["jobs"], good, id_key="id", new_id=2300901,
        empty={"title": "", "company_name": "", "description": ""},
        missing={"company_name": ""})
    outcome = call(RemotiveSpider, "parse_jobs", json.dumps(envelope), category="software-dev")
    check(outcome, len(envelope["jobs"]), items=7, skipped={"empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2})


def test_json_feed_himalayas() -> None:
    envelope = fixture("himalayas/jobs.json")
    envelope["jobs"] = envelope["jobs"][:20]
    good = envelope["jobs"][0]
    link = good["guid"]
    envelope["jobs"] = [
        *envelope["jobs"],
        {**good, "guid": link + "-e", "applicationLink": link + "-e", "title": "",
         "companyName": "", "description": "", "excerpt": ""},
        {**good, "guid": link + "-m", "applicationLink": link + "-m", "title": None},
        {**good, "guid": None, "applicationLink": None}, "not a job"]
    outcome = call(HimalayasSpider, "parse_page", json.dumps(envelope), offset=0)
    check(outcome, len(envelope["jobs"]), items=20, skipped={"empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2})


def test_json_feed_jobicy() -> None:
    envelope = fixture("jobicy/remote-jobs.json")
    good = envelope["jobs"][0]
    envelope["jobs"] = with_problems(
        envelope["jobs"], good, id_key="id", new_id=160901,
        empty={"jobTitle": "", "companyName": "", "jobDescription": "", "jobExcerpt": ""},
        missing={"url": None})
    outcome = call(JobicySpider, "parse_jobs", json.dumps(envelope))
    check(outcome, len(envelope["jobs"]), items=6, skipped={"empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2})


def test_json_feed_arbeitnow() -> None:
    page = fixture("arbeitnow/pages/2.json")  # the last page: no next request
    good = page["data"][0]
    page["data"] = with_problems(
        page["data"], good, id_key="slug", new_id="leer-900001",
        empty={"title": "", "company_name": "", "description": "", "url": good["url"] + "-e"},
        missing={"title": None, "url": good["url"] + "-m"})
    outcome = call(ArbeitnowSpider, "parse_page", json.dumps(page),
                   url=f"{BASE}/api/job-board-api?page=2")
    check(outcome, len(page["data"]), items=2, skipped={"empty_record": 1},
          errors={"format_changed": 1, "bad_record": 2})


def test_hn_thread() -> None:
    thread = fixture("hn/items/47100000.json")
    good = thread["children"][0]
    thread["children"] = [*thread["children"], {**good, "id": 47100091, "parent_id": 1},
                          {k: v for k, v in good.items() if k != "id"}, "not a comment"]
    outcome = call(HnSpider, "parse_thread", json.dumps(thread), story_id=47100000,
                   thread=thread["title"])
    check(outcome, len(thread["children"]), items=5,
          skipped={"deleted": 1, "not_an_ad": 1, "reply": 1, "not_an_object": 1},
          errors={"bad_record": 1})


def wwr_feed() -> str:
    path = FIXTURE_SITES / "weworkremotely" / "categories" / "remote-back-end-programming-jobs.rss"
    return path.read_text(encoding="utf-8")


def wwr_item(slug: str, title: str, description: str) -> str:
    url = f"https://weworkremotely.com/remote-jobs/{slug}"
    return (f"<item><title>{title}</title><region>Anywhere in the World</region>"
            f"<category>Back-End Programming</category><type>Full-Time</type>"
            f"<description>{description}</description>"
            f"<pubDate>Tue, 20 Oct 2026 14:05:09 +0000</pubDate>"
            f"<guid>{url}</guid><link>{url}</link></item>")


def test_rss_feed_weworkremotely() -> None:
    feed = wwr_feed()  # 4 items, one of them without a "Company: " prefix (kept)
    extra = "".join([
        wwr_item("emptied-901", "", ""),
        wwr_item("untitled-902", "", "&lt;p&gt;Go services.&lt;/p&gt;"),
        "<item><title>Nohref: Engineer</title><guid></guid><link></link></item>",
    ])
    feed = feed.replace("</channel>", extra + "</channel>")
    outcome = call(WeWorkRemotelySpider, "parse_feed", feed, content_type="application/rss+xml")
    check(outcome, 7, items=4, skipped={"empty_record": 1},
          errors={"format_changed": 1, "bad_record": 1})


@pytest.mark.parametrize(("body", "kind"), [
    ('<?xml version="1.0"?><rss version="2.0"><item><title>A: B</title></item></rss>',
     "format_changed"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>',
     "format_changed"),
    ("<html><body>Just a moment...</body></html>", "bad_feed"),
    ("", "bad_feed"),
])
def test_feed_without_a_channel(body: str, kind: str) -> None:
    outcome = call(WeWorkRemotelySpider, "parse_feed", body, content_type="text/xml")
    assert (outcome.items, outcome.errors) == ([], {kind: 1})


def test_empty_feed_is_no_error() -> None:
    body = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    outcome = call(WeWorkRemotelySpider, "parse_feed", body, content_type="text/xml")
    assert (outcome.items, outcome.errors) == ([], {})


def test_jsonld_page() -> None:
    page = (FIXTURE_SITES / "jsonld" / "careers" / "bad-record.html").read_text("utf-8")
    postings = [
        {"@type": "JobPosting", "title": "Data Engineer", "identifier": {"value": "BM-4"},
         "description": "Airflow and dbt.", "hiringOrganization": {"name": "Birchmoor"}},
        {"@type": "JobPosting", "title": "Go Engineer", "identifier": {"value": "BM-5"},
         "description": "Payments in Go."},
        {"@type": "JobPosting", "identifier": {"value": "BM-6"}, "description": ""},
    ]
    block = f'<script type="application/ld+json">{json.dumps(postings)}</script>'
    page = page.replace("</head>", block + "</head>")
    # bad-record.html: one posting without a title, one good; then one good, one without a
    # company, one with nothing but an id.
    outcome = call(JsonLdSpider, "parse_page", page, content_type="text/html",
                   url=f"{BASE}/careers/bad-record.html")
    check(outcome, 5, items=2, skipped={"empty_record": 1}, errors={"format_changed": 2})


def test_empty_page_has_no_jobposting() -> None:
    outcome = call(JsonLdSpider, "parse_page", "", content_type="text/html")
    assert (outcome.items, outcome.skipped, outcome.errors) == ([], {"no_jobposting": 1}, {})


@pytest.mark.parametrize(("body", "kind"), [
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "format_changed"),
    ("<html><body>oops</body></html>", "bad_sitemap"),
])
def test_sitemap_that_is_none(body: str, kind: str) -> None:
    outcome = call(JsonLdSpider, "parse_sitemap", body, content_type="text/xml", depth=0)
    assert outcome.errors == {kind: 1}


def test_rss_items_lost_to_broken_xml_are_counted() -> None:
    feed = wwr_feed()
    # An unclosed element: lxml's recovering parser folds the items after it into it.
    broken = feed.replace("<type>Contract</type>", "<type>Contract", 1)
    assert broken != feed
    outcome = call(WeWorkRemotelySpider, "parse_feed", broken, content_type="text/xml")
    records = broken.count("<item>")
    assert records == 4
    # The first item lands; the broken one has lost its guid; the two after it vanished.
    check(outcome, records, items=1, skipped={},
          errors={"bad_record": 1, "malformed_item": 2})


def test_count_elements_ignores_cdata_comments_and_longer_names() -> None:
    body = (b"<rss><channel><!-- <item> --><item><description><![CDATA[<item>x</item>]]>"
            b"</description></item><item/><items>no</items></channel></rss>")
    assert count_elements(body, "item") == 2
    sitemap = (b'<sm:urlset xmlns:sm="x"><sm:url><sm:loc>a</sm:loc></sm:url><url>'
               b"</url><sitemap/></sm:urlset>")
    assert count_elements(sitemap, "url", "sitemap") == 3


def hn_hit(object_id: int, title: str) -> dict[str, Any]:
    """A ``search_by_date`` hit of a whoishiring story, as Algolia sends it."""
    return {"_tags": ["story", "author_whoishiring", f"story_{object_id}", "ask_hn"],
            "author": "whoishiring", "created_at": "2026-10-01T15:00:39Z",
            "created_at_i": 1790866839, "num_comments": 0, "objectID": str(object_id),
            "points": 412, "story_id": object_id, "story_text": "Please state the location.",
            "title": title, "updated_at": "2026-10-02T00:00:00Z"}


def test_hn_search_hits() -> None:
    hits = [
        hn_hit(47100002, "Ask HN: Freelancer? Seeking freelancer? (October 2026)"),
        hn_hit(47100001, "Ask HN: Who wants to be hired? (October 2026)"),
        hn_hit(47100000, "Ask HN: Who is hiring? (October 2026)"),
        hn_hit(46800000, "Ask HN: Who is hiring? (September 2026)"),
        {k: v for k, v in hn_hit(46500000, "Ask HN: Who is hiring? (August 2026)").items()
         if k != "objectID"},
        {"objectID": "46400000", "_tags": ["story"]},
    ]
    body = json.dumps({"hits": hits, "nbHits": len(hits), "nbPages": 1, "page": 0,
                       "hitsPerPage": 100})
    every = call(HnSpider, "parse_threads", body, spider_args={"months": "0"}, page=0)
    assert [r.url.rsplit("/", 1)[-1] for r in every.requests] == ["47100000", "46800000"]
    assert every.skipped == {"other_thread": 2}
    assert every.errors == {"bad_record": 2}
    assert len(every.requests) + every.accounted() == len(hits)
    one = call(HnSpider, "parse_threads", body, spider_args={"months": "1"}, page=0)
    assert [r.url.rsplit("/", 1)[-1] for r in one.requests] == ["47100000"]
    # Hiring threads past the months asked for are not wanted: a skip, not an error.
    assert one.skipped == {"other_thread": 2, "older_thread": 2}
    assert one.errors == {"bad_record": 1}
    assert len(one.requests) + one.accounted() == len(hits)


def test_sitemap_entries() -> None:
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<url><loc>https://careers.example/jobs/1</loc></url>"
            "<url><loc>  </loc><lastmod>2026-10-20</lastmod></url>"
            "<url><lastmod>2026-10-21</lastmod></url>"
            "<url><loc>https://careers.example/jobs/2</loc></url></urlset>")
    outcome = call(JsonLdSpider, "parse_sitemap", body, content_type="text/xml", depth=0)
    assert [r.url for r in outcome.requests] == ["https://careers.example/jobs/1",
                                                 "https://careers.example/jobs/2"]
    assert outcome.skipped == {"no_loc": 2}
    assert len(outcome.requests) + outcome.accounted() == 4


FORMAT_CHANGED: list[tuple[type[JobSpider], str, str, dict[str, Any]]] = [
    (GreenhouseSpider, "parse_board", '{"meta": {"total": 0}}', {"board": "b"}),
    (AshbySpider, "parse_board", '{"apiVersion": "1"}', {"board": "b"}),
    (LeverSpider, "parse_page", '{"ok": true}', {"board": "b", "skip": 0}),
    (RemoteOkSpider, "parse_api", '{"error": "blocked"}', {}),
    (RemotiveSpider, "parse_jobs", '{"00-warning": "x", "job-count": 0}',
     {"category": "software-dev"}),
    (HimalayasSpider, "parse_page", '{"totalCount": 10, "offset": 0}', {"offset": 0}),
    (JobicySpider, "parse_jobs", '{"apiVersion": "2", "jobCount": 3}', {}),
    (ArbeitnowSpider, "parse_page", '{"data": [], "meta": {}}', {}),
    (ArbeitnowSpider, "parse_page", '{"links": {"next": null}}', {}),
    (HnSpider, "parse_threads", '{"nbHits": 3, "page": 0}', {"page": 0}),
    (HnSpider, "parse_thread", '{"message": "not found"}', {"story_id": 1, "thread": "t"}),
]


@pytest.mark.parametrize(("spider_cls", "callback", "body", "cb_kwargs"), FORMAT_CHANGED,
                         ids=lambda v: v if isinstance(v, str) and v.startswith("{") else None)
def test_missing_structure_is_format_changed(spider_cls: type[JobSpider], callback: str,
                                             body: str, cb_kwargs: dict[str, Any]) -> None:
    args = {"boards": "b"} if spider_cls in (GreenhouseSpider, AshbySpider, LeverSpider) else {}
    outcome = call(spider_cls, callback, body, spider_args=args, **cb_kwargs)
    assert outcome.items == []
    assert outcome.errors == {"format_changed": 1}


EMPTY_LISTINGS: list[tuple[type[JobSpider], str, str, dict[str, Any]]] = [
    (GreenhouseSpider, "parse_board", '{"jobs": [], "meta": {"total": 0}}', {"board": "b"}),
    (AshbySpider, "parse_board", '{"apiVersion": "1", "jobs": []}', {"board": "b"}),
    (LeverSpider, "parse_page", "[]", {"board": "b", "skip": 0}),
    (RemoteOkSpider, "parse_api", '[{"last_updated": 1, "legal": "terms"}]', {}),
    (RemotiveSpider, "parse_jobs", '{"job-count": 0, "jobs": []}', {"category": "x"}),
    (HimalayasSpider, "parse_page", '{"totalCount": 0, "jobs": []}', {"offset": 0}),
    (JobicySpider, "parse_jobs", '{"jobCount": 0, "jobs": []}', {}),
    (ArbeitnowSpider, "parse_page", '{"data": [], "links": {"next": null}}', {}),
    (HnSpider, "parse_thread", '{"id": 1, "type": "story", "children": []}',
     {"story_id": 1, "thread": "t"}),
    # Algolia leaves ``children`` out of a node without replies: a thread just posted.
    (HnSpider, "parse_thread", '{"id": 1, "type": "story", "title": "t"}',
     {"story_id": 1, "thread": "t"}),
]


@pytest.mark.parametrize(("spider_cls", "callback", "body", "cb_kwargs"), EMPTY_LISTINGS,
                         ids=lambda v: v if isinstance(v, str) and v[:1] in "[{" else None)
def test_empty_listing_is_no_error(spider_cls: type[JobSpider], callback: str, body: str,
                                   cb_kwargs: dict[str, Any]) -> None:
    args = {"boards": "b"} if spider_cls in (GreenhouseSpider, AshbySpider, LeverSpider) else {}
    outcome = call(spider_cls, callback, body, spider_args=args, **cb_kwargs)
    assert outcome.items == []
    assert outcome.errors == {}

