"""A crawl process imports what its own spider and settings use: its spider's module, not every
spider's; no Redis client unless the crawl is distributed; neither of Scrapy's consoles."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.spiderloader import SpiderLoader

import crawlers.settings
from crawlers.spider_loader import SpiderModuleLoader
from pipeline.config import Settings as JobpulseSettings
from pipeline.ops.crawl import run_crawl
from tests.conftest import ReplayServer

# Written at the crawl process's exit: the name of every module it imported.
SITECUSTOMIZE = """
import atexit, os, sys

@atexit.register
def _write_modules() -> None:
    with open(os.environ["JOBPULSE_TEST_MODULES_FILE"], "w", encoding="utf-8") as out:
        out.write("\\n".join(sorted(sys.modules)))
"""


def crawl_settings() -> Settings:
    settings = Settings()
    settings.setmodule(crawlers.settings, priority="project")
    return settings


def test_a_crawl_process_imports_its_own_spider_and_no_client_it_does_not_use(
        replay: ReplayServer, settings: JobpulseSettings, tmp_path: Path) -> None:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    modules_file = tmp_path / "modules.txt"
    path = os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH")) if p)
    result = run_crawl("remoteok", landing_dir=settings.landing_dir,
                       base_url=replay.base("remoteok"),
                       env={"PYTHONPATH": path, "JOBPULSE_TEST_MODULES_FILE": str(modules_file)})
    assert result.ok and result.manifest["items"] > 0
    modules = set(modules_file.read_text(encoding="utf-8").split("\n"))
    assert "crawlers.spiders.remoteok" in modules
    others = set(SpiderLoader.from_settings(crawl_settings()).list()) - {"remoteok"}
    assert len(others) >= 20
    assert not {f"crawlers.spiders.{name}" for name in others} & modules
    for unused in ("redis", "scrapy_redis", "aiohttp", "twisted.conch",
                   "scrapy.extensions.telnet", "scrapy.extensions.remote_control"):
        assert unused not in modules, unused


def test_every_spider_loads_as_with_scrapys_loader() -> None:
    settings = crawl_settings()
    assert settings["SPIDER_LOADER_CLASS"] == "crawlers.spider_loader.SpiderModuleLoader"
    theirs = SpiderLoader.from_settings(settings)
    for name in theirs.list():
        # A fresh loader per name: each finds its spider in the module named after it.
        assert SpiderModuleLoader.from_settings(settings).load(name) is theirs.load(name)
    assert sorted(SpiderModuleLoader.from_settings(settings).list()) == sorted(theirs.list())


@pytest.fixture
def spider_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
                   ) -> Settings:
    """A package of spiders whose names do not all match their modules."""
    package = f"spiders_{request.node.name.replace('[', '_').replace(']', '_')}"
    root = tmp_path / package
    root.mkdir()
    (root / "__init__.py").write_text("", encoding="utf-8")
    spider = textwrap.dedent("""
        from scrapy import Spider

        class {cls}(Spider):
            name = "{name}"
    """)
    (root / "alpha.py").write_text(spider.format(cls="Alpha", name="alpha"), encoding="utf-8")
    (root / "misc.py").write_text(spider.format(cls="Beta", name="beta"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return Settings({"SPIDER_MODULES": [package]})


def test_a_spider_outside_its_namesake_module_is_found_by_walking(spider_package: Settings
                                                                  ) -> None:
    loader = SpiderModuleLoader.from_settings(spider_package)
    assert loader.load("alpha").__name__ == "Alpha"
    assert loader.load("beta").__name__ == "Beta"  # in misc.py: found by walking the package
    assert sorted(loader.list()) == ["alpha", "beta"]
    for missing in ("gamma", "../alpha", "alpha.beta", ""):
        with pytest.raises(KeyError, match="Spider not found"):
            SpiderModuleLoader.from_settings(spider_package).load(missing)


def test_a_spider_module_that_fails_to_import_says_so(spider_package: Settings) -> None:
    package = Path(__import__(spider_package["SPIDER_MODULES"][0]).__file__).parent
    (package / "broken.py").write_text("import a_module_that_is_not_installed\n",
                                       encoding="utf-8")
    with pytest.raises(ModuleNotFoundError, match="a_module_that_is_not_installed"):
        SpiderModuleLoader.from_settings(spider_package).load("broken")
