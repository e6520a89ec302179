"""Remote OK through its public JSON API (``shared/sources/README.md`` section 5).

``GET /api`` answers one JSON array: a snapshot of the current listing (about 100 jobs, no
pagination). Element 0 is a legal notice (``last_updated`` + ``legal``), not a job. Texts arrive
double-encoded (UTF-8 bytes read as Latin-1: ``MÃ­dia``), so every text field is repaired with
ftfy; descriptions end in an anti-spam "mention the word **X**" sentence that is not part of the
posting. Terms: link back to the Remote OK URL (followed) and name Remote OK as the source.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.feed_text import (
    clean_tags,
    epoch_to_iso,
    repair_text,
    structured_salary,
    text_time_to_iso,
)
from crawlers.items import JobPostingItem
from crawlers.spiders._base import BadPayload, JobSpider, records_in, utc_now_iso
from handoff.text import html_to_text

JOB_URL = "https://remoteok.com/remote-jobs/{id}"
_ANTI_SPAM = re.compile(
    r"\s*Please mention the word \*\*(?P<word>[^*]+)\*\*.*\Z", re.IGNORECASE | re.DOTALL
)
_ID = re.compile(r"^\d+$")


def is_legal_notice(record: Any) -> bool:
    """The array's first element: terms of use, not a job (it has no ``id``)."""
    return isinstance(record, dict) and "id" not in record and (
        "legal" in record or "last_updated" in record
    )


def skip_reason(record: Any) -> str | None:
    """Why an element of the array is not a job, or ``None``."""
    return "legal_notice" if is_legal_notice(record) else None


def split_anti_spam(text: str) -> tuple[str, str | None]:
    """``(text without the trailing anti-spam sentence, its magic word)``."""
    match = _ANTI_SPAM.search(text)
    if not match:
        return text, None
    return text[: match.start()].rstrip(), match.group("word").strip()


def extract_posting(record: dict[str, Any], *, source: str, fetched_at: str,
                    crawl_run: str) -> JobPostingItem:
    """The raw item of one Remote OK job; ``KeyError``/``ValueError`` when it has no usable id.

    The API also lists ids with no position, company or text; those come out empty, for the
    spider to skip (``empty_record``).
    """
    if not isinstance(record, dict):
        raise TypeError(f"job is a {type(record).__name__}, not an object")
    source_id = str(record["id"]).strip()
    if not _ID.match(source_id):
        raise ValueError(f"id {record['id']!r} is not numeric")
    title = (repair_text(record.get("position")) or "").strip()
    html_body = repair_text(record.get("description")) or ""
    text, magic_word = split_anti_spam(html_to_text(html_body))
    company_raw = record.get("company")
    company = (repair_text(company_raw) or "").strip()
    # "Hamilton, " is how the API writes a place without a region.
    location = (repair_text(record.get("location")) or "").strip().strip(",").strip()
    epoch = record.get("epoch")
    published = epoch_to_iso(epoch) or text_time_to_iso(record.get("date"))
    url = record.get("url") or record.get("apply_url") or JOB_URL.format(id=source_id)
    salary = structured_salary(record.get("salary_min"), record.get("salary_max"),
                               currency="USD", rate="year", currency_raw=None)
    return JobPostingItem(
        source=source,
        source_id=source_id,
        url=url,
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title or None,
        datePublished=published,
        datePublishedRaw=record.get("date") if isinstance(record.get("date"), str) else epoch,
        hiringOrganization={"name": company, "nameRaw": company_raw} if company else None,
        jobLocation={"raw": location} if location else None,
        # Every Remote OK job is remote; the location says where candidates must live.
        remoteStatus="Remote",
        # salary_min/max are declared USD a year (0: not stated), but hourly-scale figures and
        # other currencies occur; the normalizer re-reads both (``pay_currency_assumed``).
        baseSalary=salary,
        description=text,
        descriptionHtml=html_body,
        tags=clean_tags(record.get("tags")),
        extra={
            "slug": record.get("slug"),
            "epoch": epoch,
            "apply_url": record.get("apply_url"),
            "anti_spam_word": magic_word,
            # The API has no currency field: USD is our assumption, which the text may correct.
            "pay_currency_assumed": salary is not None,
        },
    )


class RemoteOkSpider(JobSpider):
    """The whole current Remote OK listing in one request; one item per job."""

    name = "remoteok"
    default_base_url = "https://remoteok.com"
    complete_listing = True
    custom_settings = {
        # One request per run; the registry schedules it every 6 hours. Remote OK blocks
        # anonymous user agents, so the project's contact USER_AGENT must stay in place.
        "DOWNLOAD_DELAY": 1.0,
    }

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(f"{self.base_url}/api", callback=self.parse_api,
                             errback=self.on_error)

    def parse_api(self, response: Response) -> Iterator[JobPostingItem]:
        try:
            data = records_in(self.load_json(response))
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            return
        fetched_at = utc_now_iso()
        yield from self.emit(data, lambda record: extract_posting(
            record, source=self.name, fetched_at=fetched_at, crawl_run=self.crawl_run),
            response, skip=skip_reason)
