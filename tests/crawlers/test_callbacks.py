"""No spider callback is a generator that returns a value.

Scrapy checks this at every response (``WARN_ON_GENERATOR_RETURN_VALUE``) by reading and
parsing the callback's source again; its cache is keyed by the bound method, which dies with
its request. jobpulse turns that off (``crawlers/settings.py``) and checks every spider here.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.misc import is_generator_with_return_value

from crawlers import settings as jobpulse_settings


def _spider_classes() -> list[type]:
    loader = SpiderLoader.from_settings(Settings({"SPIDER_MODULES": ["crawlers.spiders"]}))
    return [loader.load(name) for name in sorted(loader.list())]


def _our_functions(spider: type) -> Iterator[tuple[str, Any]]:
    """Every function the spider's own classes define (its callbacks among them)."""
    for klass in spider.__mro__:
        if not klass.__module__.startswith("crawlers."):
            continue
        for name, value in vars(klass).items():
            function = value.__func__ if isinstance(value, classmethod | staticmethod) else value
            if inspect.isfunction(function):
                yield f"{klass.__qualname__}.{name}", function


def test_scrapy_does_not_check_each_response_and_every_spider_is_checked_here() -> None:
    assert jobpulse_settings.WARN_ON_GENERATOR_RETURN_VALUE is False
    spiders = _spider_classes()
    assert len(spiders) >= 20
    returning = sorted({name for spider in spiders for name, function in _our_functions(spider)
                        if is_generator_with_return_value(function)})
    assert returning == []


class _Careless:
    def parse(self, response: object) -> Iterator[int]:
        yield 1
        return 2  # noqa: B901  # what the check is for


@pytest.mark.parametrize("function", [_Careless.parse])
def test_the_check_finds_a_generator_that_returns_a_value(function: Any) -> None:
    assert is_generator_with_return_value(function)
