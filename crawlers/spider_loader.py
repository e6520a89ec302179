"""Scrapy's spider loader, importing only the module of the spider a crawl runs.

Scrapy's own loader imports every module under ``SPIDER_MODULES`` when a crawl process starts,
and with them what every other spider needs (text repair tables, YAML, HTML and JSON-LD
helpers): 0.05-0.07 s of each crawl process. Our spider named ``x`` is defined in
``crawlers/spiders/x.py``, so loading ``x`` imports that module first. Listing the spiders,
matching a request to them, or a name that module does not define walks every module, as
Scrapy's loader does, duplicate-name warning included.
"""

from __future__ import annotations

import importlib

from scrapy import Request, Spider
from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader


class SpiderModuleLoader(SpiderLoader):
    """:class:`scrapy.spiderloader.SpiderLoader` that defers walking the spider modules until a
    spider cannot be found in the module named after it (see the module docstring)."""

    def __init__(self, settings: BaseSettings) -> None:
        self._walked = False
        super().__init__(settings)

    def _load_all_spiders(self) -> None:
        if self._walked:
            super()._load_all_spiders()

    def _walk(self) -> None:
        if not self._walked:
            self._walked = True
            self._spiders.clear()
            self._found.clear()
            self._load_all_spiders()

    def _load_own_module(self, spider_name: str) -> None:
        if not spider_name.isidentifier():
            return
        for package in self.spider_modules:
            name = f"{package}.{spider_name}"
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name == name:
                    continue  # no module of that name: the walk decides
                raise
            self._load_spiders(module)

    def load(self, spider_name: str) -> type[Spider]:
        if spider_name not in self._spiders and not self._walked:
            self._load_own_module(spider_name)
            if spider_name not in self._spiders:
                self._walk()
        return super().load(spider_name)

    def list(self) -> list[str]:
        self._walk()
        return super().list()

    def find_by_request(self, request: Request) -> list[str]:
        self._walk()
        return super().find_by_request(request)
