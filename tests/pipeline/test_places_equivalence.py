"""Place folding and the city index equal their reference (before the ASCII fast paths)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.places import cities
from pipeline.normalize.places.text import fold
from tests.pipeline.normalize_reference import places as ref

# ASCII of every kind, the Latin-1 and Latin Extended letters city names use, combining marks.
TEXT = st.text(st.one_of(st.characters(max_codepoint=0x7F),
                         st.characters(min_codepoint=0xC0, max_codepoint=0x24F),
                         st.sampled_from("\u0301\u0308ßøØłŁ")), max_size=40)


@given(TEXT)
def test_fold_is_the_reference(text: str) -> None:
    assert fold(text) == ref.fold(text)


# Alternate names: most start with a capital, as the ones the index keeps do.
NAME = st.builds(lambda head, rest: head + rest, st.sampled_from("AMSZÁÉÖŁ"), TEXT) | TEXT


@given(st.lists(NAME, max_size=6))
def test_latin_alternates_are_the_reference(names: list[str]) -> None:
    assert cities._latin_alternates(names) == ref.latin_alternates(names)


def test_city_index_is_the_reference(monkeypatch: pytest.MonkeyPatch) -> None:
    index = cities.city_index()
    monkeypatch.setattr(cities, "fold", ref.fold)
    monkeypatch.setattr(cities, "_latin_alternates", ref.latin_alternates)
    assert index == cities.city_index()
    assert len(index) > 20_000
