"""The crawl process makes no log record that no handler would take, and keeps every other."""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Iterator

import pytest
from scrapy import Spider

import crawlers.extensions as extensions


@pytest.fixture
def scrapy_logging(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[], io.StringIO]]:
    """Logging as `scrapy crawl` sets it up: the ``scrapy`` logger at DEBUG, the root at NOTSET
    with one handler at LOG_LEVEL (INFO), a library's NullHandler."""
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setLevel(logging.INFO)
    scrapy_logger, library = logging.getLogger("scrapy"), logging.getLogger("some.library")
    saved = (logging.root.level, scrapy_logger.level)
    monkeypatch.setattr(library, "handlers", [logging.NullHandler()])
    # Only these loggers exist: others in this test process (a CLI's, a dashboard's) may carry
    # handlers of their own, which a crawl process does not have.
    names = ("scrapy", "scrapy.core", "scrapy.core.scraper", "crawlers", "crawlers.spiders",
             "crawlers.spiders.hn", "some.library")
    monkeypatch.setattr(logging.Logger.manager, "loggerDict",
                        {name: logging.getLogger(name) for name in names})
    logging.root.setLevel(logging.NOTSET)
    scrapy_logger.setLevel(logging.DEBUG)
    # The garbage collector settings are another test's concern; this process keeps its own.
    monkeypatch.setattr(extensions, "collect_rarely", lambda: None)

    def only_our_handler() -> io.StringIO:
        # pytest adds its capture handlers to the root as each test starts: they go here.
        monkeypatch.setattr(logging.root, "handlers", [handler])
        return out

    try:
        yield only_our_handler
    finally:
        logging.root.setLevel(saved[0])
        scrapy_logger.setLevel(saved[1])


def test_records_below_every_handler_are_not_made(
        scrapy_logging: Callable[[], io.StringIO]) -> None:
    out = scrapy_logging()
    scraper = logging.getLogger("scrapy.core.scraper")
    assert scraper.isEnabledFor(logging.DEBUG)  # made, then dropped by the handler
    extensions.LeanProcess().spider_opened(Spider(name="x"))
    assert not scraper.isEnabledFor(logging.DEBUG)
    assert not logging.getLogger("crawlers.spiders.hn").isEnabledFor(logging.DEBUG)
    scraper.info("spider closed")
    logging.getLogger("crawlers.spiders.hn").warning("format changed")
    assert out.getvalue().splitlines() == ["spider closed", "format changed"]


def test_a_handler_that_takes_debug_keeps_every_record(
        scrapy_logging: Callable[[], io.StringIO], monkeypatch: pytest.MonkeyPatch) -> None:
    scrapy_logging()
    debug_file = logging.StreamHandler(io.StringIO())
    debug_file.setLevel(logging.DEBUG)
    monkeypatch.setattr(logging.getLogger("crawlers"), "handlers", [debug_file])
    extensions.LeanProcess().spider_opened(Spider(name="x"))
    assert logging.getLogger("scrapy.core.scraper").isEnabledFor(logging.DEBUG)
    assert logging.getLogger("crawlers.spiders.hn").isEnabledFor(logging.DEBUG)
