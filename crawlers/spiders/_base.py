"""Base class of every jobpulse spider: base URL override, run id, and the accounting that
gives every record it reads one counted end (yielded, skipped or an error by kind)."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.items import JobPostingItem

RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
"""A run id becomes a landing file name, so it may not carry a path (``/``, ``..`` first)."""

JSON_CONTENT_TYPES = ("json", "javascript", "text/plain")
"""Content types a JSON API may plausibly send; anything else (HTML, XML, binary) is a lie."""

_TIMEOUTS = frozenset({"TimeoutError", "DownloadTimeoutError"})
_CANCELS = frozenset({"CancelledError", "DownloadCancelledError"})


def download_error_kind(name: str, message: str = "") -> str:
    """A readable error kind for a failed download, from the exception's class name.

    Scrapy 2.13+ renamed Twisted's TimeoutError to DownloadTimeoutError; both read as
    ``download_TimeoutError`` so the kind stays stable across Scrapy versions. DOWNLOAD_MAXSIZE
    surfaces as a cancel (``too_large``), and a redirect loop as an IgnoreRequest whose message
    says so (``redirect_loop``: REDIRECT_MAX_TIMES, or :class:`RedirectLoopMiddleware`).
    """
    if name in _TIMEOUTS:
        return "download_TimeoutError"
    if name in _CANCELS:
        # jobpulse cancels no download itself (no bytes/headers_received handler stops one),
        # so a cancel is DOWNLOAD_MAXSIZE: by Content-Length ("max size" in the message) or
        # while reading a body sent without one (the message is then empty).
        return "too_large"
    if name == "IgnoreRequest" and ("max redirections" in message
                                    or "redirect loop" in message):
        return "redirect_loop"
    return "download_" + name


def check_run_id(value: str) -> str:
    """``value`` if it is a safe run id, else ``ValueError`` (it becomes a file name)."""
    if not RUN_ID.fullmatch(value):
        raise ValueError(f"invalid crawl_run {value!r}: expected letters, digits, '_', '.', '-'")
    return value


def new_run_id() -> str:
    """A sortable, collision-safe run id: UTC time plus random suffix (also the file name)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


_XML_NOT_MARKUP = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.DOTALL)


def count_elements(body: bytes, *names: str) -> int:
    """How many elements called one of ``names`` (any namespace prefix) a raw XML body opens,
    CDATA sections and comments aside.

    lxml's recovering parser silently drops what follows broken markup, and Scrapy's sitemap
    parser drops entries without a ``<loc>``; comparing this count with what they returned
    finds the records that would otherwise vanish uncounted.
    """
    alternatives = b"|".join(re.escape(name.encode("ascii")) for name in names)
    pattern = re.compile(rb"<(?:[\w.-]+:)?(?:" + alternatives + rb")[\s/>]")
    return len(pattern.findall(_XML_NOT_MARKUP.sub(b"", body)))


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class BadPayload(ValueError):
    """A response body that is not what the source's format promises."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class FormatChanged(BadPayload):
    """A body that parsed, but without the structure the source has always sent."""

    def __init__(self, message: str) -> None:
        super().__init__("format_changed", message)


def _json_type(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return "null" if value is None else type(value).__name__


def records_in(data: Any, key: str | None = None) -> list[Any]:
    """The records of a decoded response: the list at ``data[key]``, or ``data`` itself.

    The key present with an empty list is an empty listing. Anything else (an object where
    an array is expected or the other way round, the key missing, its value not a list)
    raises :class:`FormatChanged`: the source changed its format, which must not pass for a
    listing with no jobs.
    """
    if key is None:
        if isinstance(data, list):
            return data
        raise FormatChanged(f"expected a JSON array, got {_json_type(data)}")
    if not isinstance(data, dict):
        raise FormatChanged(f"expected a JSON object with {key!r}, got {_json_type(data)}")
    if key not in data:
        raise FormatChanged(f"no {key!r} in the response (keys: {sorted(data)[:8]})")
    records = data[key]
    if not isinstance(records, list):
        raise FormatChanged(f"{key!r} is {_json_type(records)}, not an array")
    return records


REQUIRED_FIELDS: frozenset[str] = frozenset({"title", "company", "url"})
"""What every posting of a structured source must have; spiders may require less."""


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def posting_problem(item: JobPostingItem,
                    required: frozenset[str] = REQUIRED_FIELDS) -> tuple[str, str] | None:
    """Why a built item must not be yielded, as ``(kind, detail)``; ``None`` when it may.

    ``("empty_record", ...)``: the source listed an id with no title, no company of its own
    and no text (Remote OK does); there is nothing to publish, and nothing went wrong.
    ``("format_changed", "missing title, company")``: a field the source always provides is
    absent. A company filled in from the board configuration (ATS sources: ``nameRaw`` is
    then ``None``) satisfies ``company`` but is not the record's own, so it does not make an
    otherwise empty record non-empty.
    """
    organization = item.hiringOrganization or {}
    has = {
        "title": _filled(item.jobTitle),
        "company": _filled(organization.get("name")),
        "url": _filled(item.url),
    }
    own_company = _filled(organization.get("nameRaw"))
    has_text = _filled(item.description) or _filled(item.descriptionHtml)
    if not (has["title"] or own_company or has_text):
        return "empty_record", f"{item.source_id} has no title, company or text"
    missing = [field for field in ("title", "company", "url")
               if field in required and not has[field]]
    if missing:
        return "format_changed", "missing " + ", ".join(missing)
    return None


def record_ident(record: Any) -> Any:
    """A record's id for a log line (``None`` when it has none we can read)."""
    if isinstance(record, Mapping):
        for key in ("id", "slug", "guid", "objectID"):
            if record.get(key) is not None:
                return record.get(key)
    return None


class JobSpider(scrapy.Spider):
    """Common behaviour: ``base_url`` argument, ``crawl_run`` id, error accounting."""

    default_base_url: ClassVar[str] = ""
    complete_listing: bool = False
    """True when a run saw the source's whole listing, so absent postings can be closed."""
    required_fields: ClassVar[frozenset[str]] = REQUIRED_FIELDS
    """Item fields whose absence means the source's format changed (see posting_problem)."""

    def __init__(self, *args: Any, base_url: str | None = None, crawl_run: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.crawl_run = check_run_id(crawl_run) if crawl_run is not None else new_run_id()
        self.run_args: dict[str, Any] = {"base_url": self.base_url}

    def count_error(self, kind: str, message: str, url: str | None = None,
                    count: int = 1) -> None:
        """Count an error by kind in the run's stats and log it once with its URL."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"jobpulse/error/{kind}", count)
        self.logger.warning("%s: %s (%s)", kind, message, url or "-")

    def count_skip(self, reason: str, count: int = 1) -> None:
        """Count a record that is deliberately not a posting (not an error)."""
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"jobpulse/skipped/{reason}", count)

    def emit(self, records: Iterable[Any], build: Callable[[Any], JobPostingItem],
             response: Response, *,
             skip: Callable[[Any], str | None] | None = None) -> Iterator[JobPostingItem]:
        """Build an item per record; every record that yields none is counted once.

        A record ends exactly one way: yielded; skipped, for a reason of the source's
        (``skip``: ``legal_notice``, ``unlisted``, ...) or as ``empty_record``; or an error,
        ``bad_record`` when it cannot be read (not an object, no usable id) or
        ``format_changed`` when it lacks a required field (:func:`posting_problem`). One bad
        record does not stop the others.
        """
        for index, record in enumerate(records):
            reason = skip(record) if skip is not None else None
            if reason:
                self.count_skip(reason)
                continue
            try:
                item = build(record)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                self.count_error("bad_record", f"record #{index} (id {record_ident(record)}): "
                                 f"{exc!r}", response.url)
                continue
            problem = self.item_problem(item)
            if problem is None:
                yield item
            elif problem[0] in self.skipped_problems:
                self.count_skip(problem[0])
            else:
                self.count_error(problem[0], f"record #{index} (id {item.source_id}): "
                                 f"{problem[1]}", response.url)

    skipped_problems: ClassVar[frozenset[str]] = frozenset({"empty_record"})
    """Kinds of :meth:`item_problem` that are deliberate skips, not errors."""

    def item_problem(self, item: Any) -> tuple[str, str] | None:
        """Why a built item is not yielded, as ``(kind, detail)`` (:func:`posting_problem`)."""
        return posting_problem(item, self.required_fields)

    def load_json(self, response: Response) -> Any:
        """Decode a JSON body or raise :class:`BadPayload` naming what was wrong."""
        try:
            text = response.body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadPayload("bad_encoding", f"body is not UTF-8: {exc}") from exc
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            kind = "html_not_json" if text.lstrip()[:1] == "<" else "bad_json"
            raise BadPayload(kind, f"{exc} (content-type {ctype or 'none'})") from exc
        except RecursionError as exc:
            # json.loads recurses once per nesting level; no job listing is this deep.
            raise BadPayload("deep_json", "JSON nested too deeply to parse") from exc
        if ctype and not any(t in ctype.lower() for t in JSON_CONTENT_TYPES):
            # The body is usable, so it is used; the mislabel is still worth a look.
            self.count_error("wrong_content_type", f"JSON served as {ctype}", response.url)
        return data

    def on_error(self, failure: Failure) -> None:
        """Errback: count a failed request by kind (HTTP status or exception class).

        The exception class is also recorded as handled, so the manifest does not count the
        downloader's own tally of the same failure a second time.
        """
        request = getattr(failure, "request", None)
        url = request.url if request is not None else None
        if failure.check(HttpError):
            status = failure.value.response.status  # type: ignore[union-attr]
            self.count_error(f"http_{status}", "HTTP error after retries", url)
            return
        name = type(failure.value).__name__
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"jobpulse/handled_exception/{name}")
        self.count_error(download_error_kind(name, str(failure.value)), str(failure.value), url)


class KeyedSpider(JobSpider):
    """A source crawled with the user's own key (read with :mod:`crawlers.keys`)."""

    service: ClassVar[str] = ""
    """The service's name, for the line saying it refused the key."""
    key_env: ClassVar[str] = ""
    """The environment variable the key is read from."""

    def on_key_error(self, failure: Failure) -> None:
        """Errback: 401 or 403 is the key refused, counted once as ``auth_failed`` with what to
        fix (every other request would be refused the same way); else as :meth:`on_error`."""
        if failure.check(HttpError) and failure.value.response.status in (401, 403):
            request = failure.request  # type: ignore[attr-defined]
            self.count_error("auth_failed", f"{self.service} refused {self.key_env} (HTTP "
                             f"{failure.value.response.status})", request.url)
            return
        self.on_error(failure)

