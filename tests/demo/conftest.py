"""The demo's default HN corpus, written once for every test module that reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.demo.corpus import DEMO_END
from pipeline.demo.hn_corpus import CorpusSummary, write_hn_corpus


@pytest.fixture(scope="session")
def demo_hn_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CorpusSummary]:
    root = tmp_path_factory.mktemp("demo_hn")
    return root, write_hn_corpus(root, months=48, end=DEMO_END)
