"""Item pipelines: drop incomplete items, in-crawl repeats and oversized items; cap long texts.

Every drop has a counted reason (``jobpulse/dropped/<reason>``) and every cut a counted field
(``jobpulse/truncated/<field>``, characters cut in all in ``jobpulse/truncated/chars``); the
run manifest carries both to the loader. Each pipeline takes one posting or the batch of one
response's postings (``crawlers/batches.py``), which it checks posting by posting.
"""

from __future__ import annotations

from typing import Any, Self

import attrs
from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from crawlers.batches import each_posting
from crawlers.items import JobPostingItem
from crawlers.landing_feed import json_line

REQUIRED_FIELDS = ("source", "source_id", "url", "fetched_at", "crawl_run")


class _PostingFields:
    """A :class:`JobPostingItem`'s fields by attribute, as ``ItemAdapter`` gives them: the
    adapter looks up the item's kind and its attrs fields again for every item in every
    pipeline, a tenth of a crawl of the HN replay. Every field of the class is always set."""

    __slots__ = ("item",)
    names = frozenset(attrs.fields_dict(JobPostingItem))

    def __init__(self, item: JobPostingItem) -> None:
        self.item = item

    def __contains__(self, field: str) -> bool:
        return field in self.names

    def get(self, field: str) -> Any:
        return getattr(self.item, field, None)

    def __getitem__(self, field: str) -> Any:
        return getattr(self.item, field)

    def __setitem__(self, field: str, value: Any) -> None:
        setattr(self.item, field, value)


def _fields(item: Any) -> Any:
    """The item's fields: ours by attribute, any other kind through ``ItemAdapter``."""
    return _PostingFields(item) if type(item) is JobPostingItem else ItemAdapter(item)


class PostingPipeline:
    """What the three pipelines share: the crawl's stats, and ``check`` applied to an item or
    to each posting of a batch (:func:`~crawlers.batches.each_posting`)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        return each_posting(item, self.check, self.crawler)

    def check(self, item: Any) -> Any:
        """The item, kept (and perhaps cut), or ``DropItem``."""
        raise NotImplementedError


class RequireFieldsPipeline(PostingPipeline):
    """Drop items that lack a provenance field; the loader cannot key them.

    Title, company and URL are checked before an item is yielded, by the spider's
    ``posting_problem`` (``crawlers/spiders/_base.py``): only the spider knows which of them its
    source provides, and a missing one is the error ``format_changed``, not a drop.
    """

    def check(self, item: Any) -> Any:
        adapter = _fields(item)
        for field in REQUIRED_FIELDS:
            if not adapter.get(field):
                self.stats.inc_value(f"jobpulse/dropped/missing_{field}")
                raise DropItem(f"missing {field}")
        return item


class InCrawlDedupPipeline(PostingPipeline):
    """Drop a posting seen twice in one run (pagination overlap); the first copy is kept."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen: set[tuple[str, str]] = set()

    def check(self, item: Any) -> Any:
        adapter = _fields(item)
        key = (adapter["source"], adapter["source_id"])
        if key in self.seen:
            self.stats.inc_value("jobpulse/dropped/duplicate_in_run")
            raise DropItem(f"duplicate {key[0]}:{key[1]} in this run")
        self.seen.add(key)
        return item


DEFAULT_MAX_ITEM_BYTES = 1024 * 1024
DEFAULT_MAX_DESCRIPTION_CHARS = 100_000
DEFAULT_MAX_FIELD_CHARS = 1_000

DESCRIPTION_FIELDS = ("description", "descriptionHtml")
SHORT_FIELDS: tuple[tuple[str, str | None, str], ...] = (
    # (item field, key inside it or None, counted name)
    ("jobTitle", None, "title"),
    ("hiringOrganization", "name", "company"),
    ("hiringOrganization", "nameRaw", "company"),
    ("jobLocation", "raw", "location"),
    ("baseSalary", "raw", "pay"),
)


class LimitsPipeline(PostingPipeline):
    """Bound what one posting can make jobpulse store.

    Descriptions are cut to ``JOBPULSE_MAX_DESCRIPTION_CHARS`` and the short fields (title,
    company, location, pay text) to ``JOBPULSE_MAX_FIELD_CHARS``: a source that pads a field
    still gets its posting in, just not its padding. An item still larger than
    ``JOBPULSE_MAX_ITEM_BYTES`` as JSON (the landing-file line) is dropped as ``too_large``;
    one that cannot be written as JSON at all (nested too deep) as ``unserializable``.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self.max_item_bytes = settings.getint("JOBPULSE_MAX_ITEM_BYTES", DEFAULT_MAX_ITEM_BYTES)
        self.max_description = settings.getint(
            "JOBPULSE_MAX_DESCRIPTION_CHARS", DEFAULT_MAX_DESCRIPTION_CHARS
        )
        self.max_field = settings.getint("JOBPULSE_MAX_FIELD_CHARS", DEFAULT_MAX_FIELD_CHARS)

    def _cut(self, value: Any, limit: int) -> tuple[Any, int]:
        """``value`` cut to ``limit`` characters, and how many were cut (0 if not a long str)."""
        if not isinstance(value, str) or limit <= 0 or len(value) <= limit:
            return value, 0
        return value[:limit], len(value) - limit

    def _count_cut(self, name: str, chars: int) -> None:
        self.stats.inc_value(f"jobpulse/truncated/{name}")
        self.stats.inc_value("jobpulse/truncated/chars", chars)

    def check(self, item: Any) -> Any:
        adapter = _fields(item)
        cut_description = 0
        for field in DESCRIPTION_FIELDS:
            if field in adapter:
                adapter[field], cut = self._cut(adapter.get(field), self.max_description)
                cut_description += cut
        if cut_description:
            # One count per posting, however many of its description fields were cut.
            self._count_cut("description", cut_description)
        for field, key, name in SHORT_FIELDS:
            if field not in adapter:
                continue
            value = adapter.get(field)
            if key is None:
                adapter[field], cut = self._cut(value, self.max_field)
            elif isinstance(value, dict) and key in value:
                shortened, cut = self._cut(value[key], self.max_field)
                if cut:
                    # A copy: the spider may share the dict between items.
                    adapter[field] = {**value, key: shortened}
            else:
                cut = 0
            if cut:
                self._count_cut(name, cut)
        try:
            size = len(json_line(item)) - 1  # the line, without its newline
        except (RecursionError, TypeError, ValueError) as exc:
            # The feed exporter would fail on it the same way, after the item was counted.
            self.stats.inc_value("jobpulse/dropped/unserializable")
            raise DropItem(f"item cannot be written as JSON: {exc!r}") from exc
        if size > self.max_item_bytes:
            self.stats.inc_value("jobpulse/dropped/too_large")
            raise DropItem(
                f"item is {size} bytes, over JOBPULSE_MAX_ITEM_BYTES ({self.max_item_bytes})"
            )
        return item
