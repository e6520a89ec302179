"""We Work Remotely's category RSS feeds (RSS 2.0 with WWR's own item elements).

Each feed holds the category's current jobs (no pagination). Job pages sit behind a bot wall, so
everything comes from the feed: ``title`` is ``Company: Role``, ``region``/``country``/``state``
say where applicants may live, and ``description`` is XML-escaped HTML.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar
from urllib.parse import urlsplit

import html_text
import scrapy
from parsel import Selector
from scrapy.http import Response

from crawlers.items import JobPostingItem
from crawlers.spiders._base import JobSpider, count_elements, utc_now_iso

DEFAULT_FEEDS = "remote-back-end-programming-jobs"
_FLAGS = re.compile("[\U0001f1e6-\U0001f1ff]+")
_SKILL_SPLIT = re.compile(r"\s*(?:,|\band\b)\s*")


def feed_url(base_url: str, feed: str) -> str:
    """A feed given as a URL, a path (``/remote-jobs.rss``) or a category slug."""
    feed = feed.strip()
    if feed.startswith(("http://", "https://")):
        return feed
    if feed.startswith("/"):
        return base_url + feed
    return f"{base_url}/categories/{feed.removesuffix('.rss')}.rss"


def rfc822_to_iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat().replace("+00:00", "Z")


def description_text(markup: str) -> str:
    return str(html_text.extract_text(markup, guess_layout=True)).strip() if markup else ""


def _text(item: Selector, name: str) -> str | None:
    value = item.xpath(f"string({name})").get()
    return value.strip() if value and value.strip() else None


def extract_item(item: Selector, *, source: str, fetched_at: str,
                 crawl_run: str) -> JobPostingItem:
    """One ``<item>`` to a posting; raises ``ValueError`` when it has no job URL (its id).

    A title without the ``Company: `` part leaves the company empty, for the spider's
    :func:`~crawlers.spiders._base.posting_problem` to count.
    """
    url = _text(item, "guid") or _text(item, "link")
    if not url or not urlsplit(url).scheme.startswith("http"):
        raise ValueError(f"item without a job URL (guid {url!r})")
    slug = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    if not slug:
        raise ValueError(f"job URL without a slug: {url}")
    title = _text(item, "title") or ""
    company, sep, role = title.partition(": ")
    if not sep:
        company, role = "", title
    markup = item.xpath("string(description)").get() or ""
    if "<" not in markup and "&lt;" in markup:
        # Some items are escaped once more than the rest.
        markup = html.unescape(markup)
    region, country, state = _text(item, "region"), _text(item, "country"), _text(item, "state")
    country_plain = " ".join(_FLAGS.sub("", country).split()) if country else None
    place = "; ".join(p for p in (state, country_plain) if p) or region
    skills = [s for s in _SKILL_SPLIT.split(_text(item, "skills") or "") if s]
    published_raw = _text(item, "pubDate")
    return JobPostingItem(
        source=source,
        source_id=slug,
        url=url,
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=role.strip() or None,
        datePublished=rfc822_to_iso(published_raw),
        datePublishedRaw=published_raw,
        hiringOrganization={"name": company.strip(), "nameRaw": company.strip()}
        if company.strip()
        else None,
        jobLocation={"raw": place, "region": region, "country": country, "state": state}
        if place
        else None,
        # Every WWR job is remote; the region says from where.
        remoteStatus=f"Remote ({region})" if region else "Remote",
        employmentType=_text(item, "type"),
        description=description_text(markup),
        descriptionHtml=markup or None,
        tags=skills or None,
        extra={
            "category": _text(item, "category"),
            "region": region,
            "country": country,
            "state": state,
            "skills": _text(item, "skills"),
            "expires_at": _text(item, "expires_at"),
            # Feeds spell the media namespace with and without a trailing slash.
            "logo": item.xpath("*[local-name()='content']/@url").get(),
        },
    )


class WeWorkRemotelySpider(JobSpider):
    """One request per feed; ``complete_listing`` when every feed was read cleanly.

    Arguments: ``feeds`` (comma-separated category slugs, paths or URLs; default the back-end
    programming feed), ``base_url`` (default the real site).
    """

    name = "weworkremotely"
    default_base_url = "https://weworkremotely.com"
    # The company is only a "Company: " prefix of the title, and posters may withhold it; an
    # item without one is a posting, not a changed format.
    required_fields: ClassVar[frozenset[str]] = frozenset({"title", "url"})
    custom_settings = {"DOWNLOAD_DELAY": 2.0}

    def __init__(self, *args: Any, feeds: str = DEFAULT_FEEDS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.feeds = [f for f in (p.strip() for p in feeds.split(",")) if f]
        if not self.feeds:
            raise ValueError("feeds must name at least one feed")
        self.feeds_read = 0
        self.run_args.update(feeds=",".join(self.feeds))

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for feed in self.feeds:
            yield scrapy.Request(feed_url(self.base_url, feed), callback=self.parse_feed,
                                 errback=self.on_error)

    def parse_feed(self, response: Response) -> Iterator[JobPostingItem]:
        try:
            root = Selector(body=response.body, type="xml").xpath("/*")
        except ValueError:  # parsel refuses an empty body
            root = None
        if not root or root[0].xpath("local-name()").get("").lower() == "html":
            # A bot wall or an error page: not a feed at all (as html_not_json is for JSON).
            self.count_error("bad_feed", "not an XML feed", response.url)
            return
        channel = root.xpath("/rss/channel")
        if not channel:
            self.count_error("format_changed", "XML without an RSS 2.0 channel", response.url)
            return
        items = channel.xpath("item")
        fetched_at = utc_now_iso()
        yield from self.emit(items, lambda item: extract_item(
            item, source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run), response)
        # lxml recovers from broken markup by folding the items after it into it (an unclosed
        # element): those items are in the feed, but no selector sees them.
        lost = count_elements(response.body, "item") - len(items)
        if lost > 0:
            self.count_error("malformed_item", f"{lost} <item> element(s) the XML parser could "
                             "not read", response.url, count=lost)
        self.feeds_read += 1
        # The feeds are the current listing; the manifest still voids this on any error.
        self.complete_listing = self.feeds_read == len(self.feeds)
