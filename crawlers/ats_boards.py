"""What the three ATS board spiders (Greenhouse, Lever, Ashby) share.

* the curated board list ``crawlers/boards.yaml`` (or the file named by the Scrapy setting
  ``JOBPULSE_BOARDS_FILE``), overridden by the spider argument ``boards="a,b=Name,c"``;
* :class:`BoardSpider`, a :class:`JobSpider` that requests one URL per board and counts
  malformed board responses by kind (``format_changed`` when the list is missing), records
  how each board answered, skips boards that are dead (``handoff/boards.py``) and, with the
  argument ``check=1``, only asks each board once and lands nothing (``jobpulse boards check``);
* small pure converters: HTML to text, numbers to decimal strings, timestamps to ISO UTC, and
  the ``baseSalary`` dict every structured-pay source fills the same way.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote, urlsplit

import attrs
import scrapy
import yaml
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawlers.spiders._base import BadPayload, JobSpider, records_in
from handoff.boards import (
    BoardHealth,
    State,
    StateError,
    dump_state,
    parse_state,
    record_run,
    state_key,
)
from handoff.errors import JobpulseError
from handoff.landing import LandingStore, parse_location
from handoff.s3 import S3Options
from handoff.stores import open_store
from handoff.text import iso_z, parse_iso_time

DEFAULT_BOARDS_FILE = Path(__file__).resolve().with_name("boards.yaml")
# Board tokens become URL path segments: anything outside this set is a typo or an injection.
_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")


def _check_token(token: str, where: str) -> str:
    if not _TOKEN.match(token):
        raise ValueError(f"invalid board name {token!r} in {where}")
    return token


def parse_boards_arg(value: str) -> dict[str, str | None]:
    """``"acme,globex=Globex Corp"`` to ``{"acme": None, "globex": "Globex Corp"}``."""
    boards: dict[str, str | None] = {}
    for part in value.split(","):
        token, _, name = part.strip().partition("=")
        token = token.strip()
        if token:
            boards[_check_token(token, "the boards argument")] = name.strip() or None
    return boards


def read_boards_file(path: Path, source: str) -> dict[str, str | None]:
    """The ``source`` section of a boards file: a list of tokens or a token-to-name mapping."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of source to boards")
    section = data.get(source) or {}
    entries: Iterable[tuple[Any, Any]]
    if isinstance(section, dict):
        entries = section.items()
    elif isinstance(section, list):
        entries = ((entry, None) for entry in section)
    else:
        raise ValueError(f"{path}: {source} must be a list or a mapping of boards")
    boards: dict[str, str | None] = {}
    for token, name in entries:
        boards[_check_token(str(token), str(path))] = str(name) if name else None
    return boards


def decimal_str(value: Any, *, scale: int = 0) -> str | None:
    """A JSON number (or numeric string) as a plain decimal string, divided by ``10**scale``.

    Decimal keeps cents exact (``12345`` cents is ``"123.45"``, never ``123.45000000001``).
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return format(number.scaleb(-scale).normalize(), "f")


def iso_utc(value: Any) -> str | None:
    """An ISO 8601 timestamp with an offset, as ISO UTC with a ``Z``; ``None`` if unreadable."""
    # A naive time is ambiguous across board time zones; leave it raw.
    when = parse_iso_time(value, naive_is_utc=False)
    return iso_z(when) if when is not None else None


def epoch_ms_iso(value: Any) -> str | None:
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return datetime.fromtimestamp(value / 1000, UTC).isoformat().replace("+00:00", "Z")


def structured_salary(*, raw: str | None, low: Any, high: Any, currency: Any,
                      rate_type: str | None, scale: int = 0) -> dict[str, Any] | None:
    """The ``baseSalary`` of a source with numeric pay; ``None`` when both ends are missing."""
    value_min = decimal_str(low, scale=scale)
    value_max = decimal_str(high, scale=scale)
    if value_min is None and value_max is None:
        return None
    currency_raw = currency if isinstance(currency, str) and currency else None
    code = currency_raw.strip().upper() if currency_raw else None
    if not raw:
        # No pay text at the source: render the numbers so a text parser reads the same thing.
        span = " - ".join(v for v in (value_min, value_max) if v is not None)
        if value_min == value_max:
            span = value_min or ""
        raw = " ".join(p for p in (code, span, f"per {rate_type}" if rate_type else None) if p)
    return {
        "raw": raw,
        "valueMin": value_min,
        "valueMax": value_max,
        "currency": code if code and _ISO_CURRENCY.match(code) else None,
        "currencyRaw": currency_raw,
        "rateType": rate_type,
        "source": "structured",
    }


def organization(name: str | None, fallback: str) -> dict[str, Any]:
    """``hiringOrganization``: the source's company name, else the board's configured name."""
    return {"name": name or fallback, "nameRaw": name}


class BoardSpider(JobSpider):
    """One request per configured board; subclasses build the URL and parse the response.

    Arguments: ``boards`` (``"a,b=Display Name"``; default: this source's section of the
    boards file), ``base_url``, ``check`` (``1``: ask each board once, dead ones too, keep
    only the answers: no items, no follow-up pages once a board has answered, no streaks).
    """

    complete_listing = True  # every board call returns the whole board
    board_label: ClassVar[str] = "board"

    def __init__(self, *args: Any, boards: str | None = None, check: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.board_names: dict[str, str | None] = (
            parse_boards_arg(boards) if boards is not None else {}
        )
        self.boards_from_arg = boards is not None
        self.check_only = (check or "0").strip().lower() not in ("0", "false", "no", "")
        self.board_outcomes: dict[str, dict[str, Any]] = {}
        # In the run's manifest (``args.board_outcomes``): what `boards check` and the dead-board
        # count read.
        self.run_args["board_outcomes"] = self.board_outcomes
        self.health_store: LandingStore | None = None
        self.dead_boards: dict[str, str] = {}
        """Boards this run skips because they are dead, with the time each died."""

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> BoardSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        assert isinstance(spider, BoardSpider)
        if not spider.boards_from_arg:
            # Read here, not in start(): a broken config must fail the run, not yield nothing.
            path = Path(crawler.settings.get("JOBPULSE_BOARDS_FILE") or DEFAULT_BOARDS_FILE)
            spider.board_names = read_boards_file(path, spider.name)
            spider.run_args["boards_file"] = str(path)
        spider.run_args["boards"] = list(spider.board_names)
        landing = crawler.settings.get("JOBPULSE_LANDING_DIR")
        if landing and not spider.check_only:
            spider.health_store = open_store(parse_location(landing),
                                             S3Options.from_settings(crawler.settings))
            state = spider.read_health() or {}
            spider.dead_boards = {board: health.dead_since for board, health in state.items()
                                  if health.dead_since and board in spider.board_names}
            spider.run_args["dead_boards"] = sorted(spider.dead_boards)
        return spider

    def board_name(self, board: str) -> str:
        return self.board_names.get(board) or board

    def board_base(self, board: str) -> str:
        """The base URL of one board, for ATSs that give each company its own host.

        The default URL names the host with a ``{board}`` placeholder
        (``https://{board}.recruitee.com``); a base URL without one (the replay server's
        ``http://127.0.0.1:PORT/recruitee``) takes the board as its next path segment.
        """
        if "{board}" in self.base_url:
            return self.base_url.replace("{board}", quote(board, safe=""))
        return f"{self.base_url}/{quote(board, safe='')}"

    def board_request(self, board: str) -> scrapy.Request:
        raise NotImplementedError

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not self.board_names:
            self.logger.warning("no %s boards configured; nothing to crawl", self.name)
        for board in self.board_names:
            if board in self.dead_boards:
                self.logger.info("skipping dead %s board %s (moved or empty since %s; "
                                 "`jobpulse boards revive %s %s` brings it back)", self.name,
                                 board, self.dead_boards[board], self.name, board)
                self.count_skip("dead_board")
                continue
            request = self.board_request(board)
            yield self._checking(request) if self.check_only else request

    def note_board(self, board: str, *, status: int | None, jobs: int = 0,
                   error: str | None = None, moved_to: str | None = None) -> None:
        """Record how ``board`` answered this run: the HTTP status of its last response, the
        jobs it listed (summed over pages), for an unusable body the error kind, and the URL a
        redirect off the ATS's host ended at (:func:`moved_to`)."""
        outcome = self.board_outcomes.setdefault(board, {"status": None, "jobs": 0,
                                                         "error": None})
        outcome["status"] = status
        outcome["jobs"] += jobs
        if error is not None:
            outcome["error"] = error
        if moved_to is not None:
            outcome["moved_to"] = moved_to

    def load_board(self, response: Response, key: str | None) -> list[Any] | None:
        """The board's records (``data[key]``, or the bare array when ``key`` is ``None``);
        ``None`` after counting why the body is unusable (``format_changed`` when it parsed
        but lacks that list). The outcome is noted for the request's ``board`` argument."""
        board = _board_of(response.request)
        try:
            records = records_in(self.load_json(response), key)
        except BadPayload as exc:
            self.count_error(exc.kind, str(exc), response.url)
            if board is not None:
                self.note_board(board, status=response.status, error=exc.kind,
                                moved_to=moved_to(response))
            return None
        if board is not None:
            self.note_board(board, status=response.status, jobs=len(records),
                            moved_to=moved_to(response))
        return records

    def on_error(self, failure: Failure) -> None:
        """Count the failure, and note an HTTP error (404 for a board that moved) on its board."""
        super().on_error(failure)
        board = _board_of(getattr(failure, "request", None))
        if board is None:
            return
        if failure.check(HttpError):
            response = failure.value.response  # type: ignore[union-attr]
            self.note_board(board, status=response.status, moved_to=moved_to(response))
        else:
            self.note_board(board, status=None, error=type(failure.value).__name__)

    def _checking(self, request: scrapy.Request) -> scrapy.Request:
        """``request`` answered by :meth:`_check_answer`, which calls its own callback."""
        callback = getattr(request.callback, "__name__", "parse")
        return request.replace(callback=self._check_answer,
                               meta={**request.meta, "board_check": callback})

    async def _check_answer(self, response: Response, **kwargs: Any
                            ) -> AsyncIterator[scrapy.Request]:
        """Run the real callback for the outcome it notes; drop its items, and its follow-up
        requests once the board has answered (a token request before the list is kept)."""
        board = kwargs.get("board")
        result = getattr(self, response.meta["board_check"])(response, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        if hasattr(result, "__aiter__"):
            outputs = [output async for output in result]
        else:
            outputs = list(result or ())
        moved = moved_to(response)
        if board is not None and moved is not None:
            # Spiders that note outcomes themselves (XML, pages) get the redirect noted too.
            self.note_board(board, status=response.status, moved_to=moved)
        for output in outputs:
            if isinstance(output, scrapy.Request) and board not in self.board_outcomes:
                yield self._checking(output)

    def read_health(self) -> State | None:
        """This source's board streaks; ``None`` (said once) when they cannot be read."""
        if self.health_store is None:
            return None
        key = state_key(self.name)
        try:
            return parse_state(self.health_store.read(key)) \
                if self.health_store.exists(key) else {}
        except (OSError, JobpulseError, StateError) as exc:
            self.logger.error("board streaks %s not used: %s", self.health_store.name(key), exc)
            return None

    def closed(self, reason: str) -> None:
        """Advance the streaks of the boards that answered; record every board's health."""
        state = self.read_health()
        if state is None or self.health_store is None:
            return
        updated = record_run(state, self.board_outcomes, iso_z(datetime.now(UTC)))
        for board in self.board_outcomes:
            health = updated.get(board, BoardHealth())
            if health.dead and not state.get(board, BoardHealth()).dead:
                self.logger.warning("%s board %s is dead: moved or empty %d runs in a row; "
                                    "later crawls skip it", self.name, board, health.streak)
        if updated != state:
            try:
                self.health_store.write_atomic(state_key(self.name), dump_state(updated))
            except (OSError, JobpulseError) as exc:
                self.logger.error("board streaks not saved: %s", exc)
        self.run_args["board_health"] = {
            board: attrs.asdict(updated.get(board, BoardHealth())) for board in self.board_names}


def moved_to(response: Response) -> str | None:
    """Where a response that was redirected off its first URL's host ended, else ``None``."""
    chain = response.meta.get("redirect_urls") or []
    if chain and urlsplit(chain[0]).hostname != urlsplit(response.url).hostname:
        return response.url
    return None


def _board_of(request: scrapy.Request | None) -> str | None:
    board = request.cb_kwargs.get("board") if request is not None else None
    return board if isinstance(board, str) else None
