"""Fixtures the skill tests share: the bundled taxonomy and an extractor built from it."""

from __future__ import annotations

import pytest

from pipeline.normalize.skills import SkillExtractor, Taxonomy, load_taxonomy


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


@pytest.fixture(scope="module")
def extractor(taxonomy: Taxonomy) -> SkillExtractor:
    return SkillExtractor(taxonomy)
