"""The source registry and the spiders agree: one slug each, same URLs, no spider left out."""

from __future__ import annotations

import importlib

import pytest

from pipeline.ops.sources import SOURCES

SLUGS = sorted(SOURCES)


def test_every_spider_is_registered() -> None:
    from pathlib import Path

    import crawlers.spiders

    modules = {p.stem for p in Path(crawlers.spiders.__file__).parent.glob("*.py")
               if not p.stem.startswith("_")}
    assert modules == set(SOURCES)
    assert len(SOURCES) >= 20


@pytest.mark.parametrize("slug", SLUGS)
def test_spider_matches_registry(slug: str) -> None:
    module = importlib.import_module(f"crawlers.spiders.{slug}")
    spiders = [v for v in vars(module).values()
               if isinstance(v, type) and getattr(v, "name", None) == slug]
    assert len(spiders) == 1, f"crawlers/spiders/{slug}.py must define the {slug!r} spider"
    assert spiders[0].default_base_url == SOURCES[slug].default_url


@pytest.mark.parametrize("slug", [s for s in SLUGS
                                  if s not in ("hn", "hn_freelance", "hn_seeking")])
def test_every_source_has_replay_and_demo(slug: str) -> None:
    from pipeline.demo.corpus import corpus_writer
    from pipeline.replay.server import handler_for

    assert handler_for(slug) is not None
    assert corpus_writer(slug) is not None
