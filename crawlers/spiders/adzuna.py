"""Adzuna through its job search API, with the user's own key (``shared/sources`` section 10).

``GET /v1/api/jobs/{country}/search/{page}?app_id=..&app_key=..&results_per_page=50&what=..
&max_days_old=..&sort_by=date`` (``page`` 1-based) answers ``{"__CLASS__", "count", "mean",
"results": [...]}``; a refused key is HTTP 401 ``{"exception": "AUTH_FAIL", "display": ...}``.
Each country is its own index with its own ids. ``salary_min``/``salary_max`` are annual in the
country's currency (there is no currency field); ``salary_is_predicted`` ``"1"`` marks Adzuna's
own estimate, which is not pay and is dropped (counted). Titles may carry ``<strong>``; the
description is a ~500-character plain snippet. ``redirect_url`` carries the requester's app id
as ``utm_source``: it is removed before the URL is stored.

The key comes from ``JOBPULSE_ADZUNA_KEY`` (``app_id:app_key``, :mod:`crawlers.keys`): it is in
every request's query string, so it is masked in the crawl log and never stored.
Terms (developer.adzuna.com, free key): 25 hits a minute, 250 a day, 1,000 a week, 2,500 a month.
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from crawlers.feed_text import structured_salary, text_time_to_iso
from crawlers.items import JobPostingItem
from crawlers.keys import read_key
from crawlers.spiders._base import BadPayload, KeyedSpider, records_in, utc_now_iso
from handoff.text import html_to_text

KEY_ENV = "JOBPULSE_ADZUNA_KEY"
PAGE_SIZE = 50
"""The API's largest ``results_per_page``."""
DEFAULT_COUNTRIES = "gb,us,de,fr,nl,au,ca,in"
DEFAULT_MAX_PAGES = 5
"""Per country: 8 countries x 5 pages = 40 hits a run, a daily run stays far below 250/day."""
CURRENCIES = {
    "gb": "GBP", "us": "USD", "de": "EUR", "fr": "EUR", "nl": "EUR", "au": "AUD", "ca": "CAD",
    "in": "INR", "at": "EUR", "be": "EUR", "br": "BRL", "ch": "CHF", "es": "EUR", "it": "EUR",
    "mx": "MXN", "nz": "NZD", "pl": "PLN", "sg": "SGD", "za": "ZAR",
}
"""Adzuna's country indexes and the currency their salaries are in."""
CONTRACT_TIME = {"full_time": "Full-time", "part_time": "Part-time"}
CONTRACT_TYPE = {"permanent": "Permanent", "contract": "Contract"}
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
# The requester's app id rides in redirect_url; what identifies the job is the rest.
_REQUESTER_PARAMS = frozenset({"utm_source", "app_id", "app_key"})


def clean_title(value: Any) -> str:
    """``"<strong>Backend</strong> Developer &amp; SRE"`` -> ``"Backend Developer & SRE"``."""
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", value))).strip()


def public_url(url: Any) -> str:
    """``redirect_url`` without the requester's app id (``utm_source``); ``""`` if not a URL."""
    if not isinstance(url, str) or not url.startswith("http"):
        return ""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k not in _REQUESTER_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(query)))


def is_predicted(value: Any) -> bool:
    """``salary_is_predicted`` is ``"1"`` (or ``1``/``true``) for Adzuna's own estimate."""
    return str(value).strip().lower() in {"1", "true"}


def place_of(location: Any) -> str | None:
    """``display_name`` plus the country (``area[0]``) when the name does not already say it."""
    if not isinstance(location, dict):
        return None
    name = location.get("display_name")
    name = name.strip() if isinstance(name, str) else ""
    area = location.get("area")
    country = area[0].strip() if isinstance(area, list) and area and isinstance(area[0], str) \
        else ""
    parts = {part.strip().lower() for part in name.split(",")}
    if country and country.lower() not in parts:
        name = f"{name}, {country}" if name else country
    return name or None


def employment_of(record: dict[str, Any]) -> str | None:
    """``Permanent, Full-time``; a contract is just ``Contract``, whatever its hours."""
    if record.get("contract_type") == "contract":
        return "Contract"
    words = [CONTRACT_TYPE.get(str(record.get("contract_type")), ""),
             CONTRACT_TIME.get(str(record.get("contract_time")), "")]
    return ", ".join(w for w in words if w) or None


def extract_posting(record: dict[str, Any], *, country: str, source: str, fetched_at: str,
                    crawl_run: str) -> JobPostingItem:
    """The raw item of one Adzuna result in ``country``'s index; ``ValueError`` without an id."""
    if not isinstance(record, dict):
        raise TypeError(f"result is a {type(record).__name__}, not an object")
    job_id = record["id"]
    if isinstance(job_id, bool) or not isinstance(job_id, int | str) or not str(job_id).isdigit():
        raise ValueError(f"id {job_id!r} is not numeric")
    predicted = is_predicted(record.get("salary_is_predicted"))
    company = record.get("company") if isinstance(record.get("company"), dict) else {}
    company_raw = company.get("display_name")
    company_name = company_raw.strip() if isinstance(company_raw, str) else ""
    category = record.get("category") if isinstance(record.get("category"), dict) else {}
    snippet = record.get("description")
    created = record.get("created")
    return JobPostingItem(
        source=source,
        source_id=f"{country}-{job_id}",
        url=public_url(record.get("redirect_url")),
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=clean_title(record.get("title")) or None,
        datePublished=text_time_to_iso(created),
        datePublishedRaw=created if isinstance(created, str) else None,
        hiringOrganization={"name": company_name, "nameRaw": company_raw}
        if company_name else None,
        jobLocation={"raw": place} if (place := place_of(record.get("location"))) else None,
        employmentType=employment_of(record),
        # Annual, in the index country's currency; an estimate of Adzuna's is no pay at all.
        baseSalary=None if predicted else structured_salary(
            record.get("salary_min"), record.get("salary_max"),
            currency=CURRENCIES.get(country), rate="year"),
        description=html_to_text(snippet if isinstance(snippet, str) else None),
        tags=[category["label"]] if isinstance(category.get("label"), str) else None,
        extra={
            "country": country,
            "adref": record.get("adref"),
            "category_tag": category.get("tag"),
            "contract_type": record.get("contract_type"),
            "contract_time": record.get("contract_time"),
            "salary_is_predicted": predicted,
            "latitude": record.get("latitude"),
            "longitude": record.get("longitude"),
        },
    )


def _countries(value: str) -> list[str]:
    countries = [c.strip().lower() for c in value.split(",") if c.strip()]
    unknown = [c for c in countries if c not in CURRENCIES]
    if unknown or not countries:
        raise ValueError(f"countries must be Adzuna country codes ({', '.join(CURRENCIES)}), "
                         f"got {value!r}")
    return list(dict.fromkeys(countries))


class AdzunaSpider(KeyedSpider):
    """Recent Adzuna results for ``what`` in each of ``countries``, newest first.

    Arguments: ``countries`` (comma-separated codes, default ``gb,us,de,fr,nl,au,ca,in``),
    ``what`` (default ``backend developer``), ``max_days_old`` (default 2: daily runs overlap),
    ``max_pages`` (per country, default 5, ``0`` = until ``count``), ``base_url``.
    """

    name = "adzuna"
    service = "Adzuna"
    key_env = KEY_ENV
    default_base_url = "https://api.adzuna.com"
    custom_settings = {
        # The free key allows 25 hits a minute (developer.adzuna.com terms): one every 3 s.
        "DOWNLOAD_DELAY": 3.0,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
        # The key is in every URL: a cached request would put it on disk.
        "HTTPCACHE_ENABLED": False,
    }

    def __init__(self, *args: Any, countries: str = DEFAULT_COUNTRIES,
                 what: str = "backend developer", max_days_old: int | str = 2,
                 max_pages: int | str = DEFAULT_MAX_PAGES, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.app_id, self.app_key = read_key(KEY_ENV, "app_id:app_key", parts=2)
        self.countries = _countries(countries)
        self.what = what.strip()
        self.max_days_old = int(max_days_old)
        self.max_pages = int(max_pages)
        if self.max_days_old < 1 or self.max_pages < 0:
            raise ValueError("max_days_old must be 1 or more, max_pages 0 (no cap) or more")
        self.run_args.update(countries=",".join(self.countries), what=self.what,
                             max_days_old=self.max_days_old, max_pages=self.max_pages)

    def page_url(self, country: str, page: int) -> str:
        params = {"app_id": self.app_id, "app_key": self.app_key,
                  "results_per_page": PAGE_SIZE, "what": self.what,
                  "max_days_old": self.max_days_old, "sort_by": "date",
                  "content-type": "application/json"}
        return f"{self.base_url}/v1/api/jobs/{country}/search/{page}?{urlencode(params)}"

    def page_request(self, country: str, page: int) -> scrapy.Request:
        return scrapy.Request(self.page_url(country, page), callback=self.parse_page,
                              errback=self.on_key_error,
                              cb_kwargs={"country": country, "page": page})

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for country in self.countries:
            yield self.page_request(country, 1)

    def parse_page(self, response: Response, country: str,
                   page: int) -> Iterator[JobPostingItem | scrapy.Request]:
        try:
            data = self.load_json(response)
            results = records_in(data, "results")
        except BadPayload as exc:
            # Without this page's count the next page is a guess: this country ends here.
            self.count_error(exc.kind, str(exc), response.url)
            return
        fetched_at = utc_now_iso()
        predicted = sum(1 for r in results if isinstance(r, dict)
                        and is_predicted(r.get("salary_is_predicted")))
        if predicted:
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("jobpulse/pay_dropped/predicted_salary", predicted)
        yield from self.emit(results, lambda record: extract_posting(
            record, country=country, source=self.name, fetched_at=fetched_at,
            crawl_run=self.crawl_run), response)
        count = data.get("count")
        more = isinstance(count, int) and page * PAGE_SIZE < count
        if results and more and not (self.max_pages and page >= self.max_pages):
            yield self.page_request(country, page + 1)
