"""Career pages carrying schema.org ``JobPosting`` JSON-LD (what Google for Jobs reads).

Pages come from the ``urls`` and ``sitemaps`` arguments (comma-separated) and from the
user-edited ``crawlers/career_pages.yaml`` (setting ``JOBPULSE_CAREER_PAGES_FILE`` overrides the
path). Sitemaps and sitemap indexes are followed to their pages. Relative entries resolve against
``base_url`` when one is given, which is how the tests and the demo point at the replay server.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import scrapy
import yaml  # type: ignore[import-untyped]
from parsel import Selector
from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap

from crawlers.items import JobPostingItem
from crawlers.jsonld_extract import extract_jobposting, find_postings
from crawlers.spiders._base import JobSpider, count_elements, utc_now_iso

CONFIG_FILE = Path(__file__).resolve().parent.parent / "career_pages.yaml"
MAX_SITEMAP_DEPTH = 3
"""Index -> sitemap -> pages is the deepest real sites go; more is a loop."""


class BadBlock(ValueError):
    """A JSON-LD block that neither extruct nor a lenient ``json.loads`` can read."""


def parse_block(node: Any) -> list[Any]:
    """One ``<script type="application/ld+json">`` element (lxml) to its top-level values.

    Each block is parsed on its own: extruct raises on a malformed block, and its page-wide
    ``errors="ignore"`` would drop the page's good blocks along with the bad one.
    """
    if (node.get("type") or "").strip() == "application/ld+json":
        # extruct only matches the exact type; other spellings go straight to json below.
        # Imported here: Scrapy imports every spider at the start of every crawl, and
        # extruct (with its microformat and RDFa parsers) took a quarter of a second of each.
        from extruct.jsonld import JsonLdExtractor  # type: ignore[import-untyped]

        try:
            return list(JsonLdExtractor().extract_items(node))
        except (ValueError, TypeError):
            pass
    text = node.xpath("string()")
    try:
        data = json.loads(text, strict=False)
    except ValueError as exc:
        raise BadBlock(str(exc)) from exc
    return data if isinstance(data, list) else [data]


def page_blocks(body: bytes) -> Iterator[Any]:
    """Every JSON-LD script element of an HTML page, as lxml elements."""
    if not body.strip():
        return  # parsel refuses an empty body; an empty page simply has no blocks
    selector = Selector(body=body, type="html")
    # Some sites add parameters to the type ("application/ld+json; charset=utf-8").
    for script in selector.xpath('//script[starts-with(normalize-space(@type), '
                                 '"application/ld+json")]'):
        yield script.root


def load_config(path: Path) -> tuple[list[str], list[str]]:
    """``(urls, sitemaps)`` from the career pages file; a missing file means none."""
    if not path.is_file():
        return [], []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping with 'urls' and 'sitemaps'")

    def entries(key: str) -> list[str]:
        values = data.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"{path}: '{key}' must be a list of URLs")
        return [v.strip() for v in values if v.strip()]

    return entries("urls"), entries("sitemaps")


def split_arg(value: str | None) -> list[str]:
    return [v for v in (p.strip() for p in (value or "").split(",")) if v]


class JsonLdSpider(JobSpider):
    """Configured career pages and sitemaps; one item per ``JobPosting`` found.

    Arguments: ``urls``, ``sitemaps`` (comma-separated), ``base_url`` (resolves relative
    entries; no default, real entries are absolute).
    """

    name = "jsonld"
    default_base_url = ""
    custom_settings = {"DOWNLOAD_DELAY": 1.0}

    def __init__(self, *args: Any, urls: str | None = None, sitemaps: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.arg_urls = split_arg(urls)
        self.arg_sitemaps = split_arg(sitemaps)
        self.run_args.update(urls=urls, sitemaps=sitemaps)

    def config_path(self) -> Path:
        configured = self.settings.get("JOBPULSE_CAREER_PAGES_FILE")
        return Path(configured) if configured else CONFIG_FILE

    def resolve(self, entry: str) -> str | None:
        if entry.startswith(("http://", "https://")):
            return entry
        if self.base_url:
            return urljoin(self.base_url + "/", entry.lstrip("/"))
        self.count_error("bad_config", f"relative entry {entry!r} without base_url")
        return None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        config_urls, config_sitemaps = load_config(self.config_path())
        self.run_args["config"] = str(self.config_path())
        for entry in dict.fromkeys(self.arg_sitemaps + config_sitemaps):
            url = self.resolve(entry)
            if url:
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error,
                                     cb_kwargs={"depth": 0})
        for entry in dict.fromkeys(self.arg_urls + config_urls):
            url = self.resolve(entry)
            if url:
                yield scrapy.Request(url, callback=self.parse_page, errback=self.on_error)

    def parse_sitemap(self, response: Response, depth: int) -> Iterator[scrapy.Request]:
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body)
        try:
            sitemap = Sitemap(body)
        except Exception as exc:  # noqa: BLE001 (lxml raises assorted errors on non-XML)
            self.count_error("bad_sitemap", f"not a sitemap: {exc!r}", response.url)
            return
        if sitemap.type not in ("urlset", "sitemapindex"):
            # An HTML page (error page, bot wall) is no sitemap at all; any other XML means the
            # site now serves something else where its sitemap was.
            kind = "bad_sitemap" if sitemap.type == "html" else "format_changed"
            self.count_error(kind, f"root element {sitemap.type!r}", response.url)
            return
        entries = 0
        for entry in sitemap:
            entries += 1
            loc = (entry.get("loc") or "").strip()
            if not loc:
                self.count_skip("no_loc")
                continue
            # Real sitemaps use absolute URLs; a relative one resolves against the sitemap.
            url = response.urljoin(loc)
            if sitemap.type == "urlset":
                yield scrapy.Request(url, callback=self.parse_page, errback=self.on_error)
            elif depth + 1 <= MAX_SITEMAP_DEPTH:
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_error,
                                     cb_kwargs={"depth": depth + 1})
            else:
                self.count_error("sitemap_too_deep", f"skipped {url}", response.url)
        # Scrapy's parser returns no entry without a <loc> element (nor one lost to broken
        # markup); they are counted with the blank ones.
        missing = count_elements(body, "url", "sitemap") - entries
        if missing > 0:
            self.count_skip("no_loc", missing)

    def parse_page(self, response: Response) -> Iterator[JobPostingItem]:
        postings: list[dict[str, Any]] = []
        for node in page_blocks(response.body):
            try:
                values = parse_block(node)
            except BadBlock as exc:
                self.count_error("bad_jsonld", f"unreadable JSON-LD block: {exc}", response.url)
                continue
            postings.extend(find_postings(values))
        if not postings:
            self.count_skip("no_jobposting")
            return
        fetched_at = utc_now_iso()
        yield from self.emit(enumerate(postings), lambda pair: extract_jobposting(
            pair[1], page_url=response.url, index=pair[0], count=len(postings),
            source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run), response)
