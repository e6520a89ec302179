"""What a source's demo corpus generator returns, and how the demo finds the generators.

A generator is ``pipeline/demo/<slug>_corpus.py`` with
``write_corpus(root: Path, *, seed: int, months: int, end: date) -> DemoCorpus``: it writes the
files its replay handler (``pipeline/replay/<slug>.py``) serves from ``root/<slug>/``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date

import attrs


@attrs.frozen
class DemoCorpus:
    postings: int
    """Job postings written (what a full crawl should find)."""
    spider_args: dict[str, str] = attrs.field(factory=dict)
    """Arguments the demo crawl needs, e.g. ``{"boards": "acme,globex"}``."""
    note: str = ""


Writer = Callable[..., DemoCorpus]


def corpus_writer(slug: str) -> Writer | None:
    try:
        module = importlib.import_module(f"pipeline.demo.{slug}_corpus")
    except ModuleNotFoundError:
        return None
    writer: Writer | None = getattr(module, "write_corpus", None)
    return writer


DEMO_END = date(2026, 11, 1)
"""The demo's last month: fixed, so the demo is the same whenever it runs."""
