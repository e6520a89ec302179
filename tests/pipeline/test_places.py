"""Tests for pipeline.normalize.places: example tables plus hypothesis properties."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalize.places import Locations, parse_locations

PlaceT = tuple[str | None, str | None, str | None]
Row = tuple[str, list[PlaceT], str | None, str | None]

# (text, expected places as (country, region, city), work_mode, remote_scope)
EXAMPLES: list[Row] = [
    ("SF, Remote (North America)", [("US", "CA", "San Francisco")], "remote",
     "region:North America"),
    ("NYC, NY", [("US", "NY", "New York")], None, None),
    ("London, UK", [("GB", "England", "London")], None, None),
    ("Berlin or REMOTE (EU)", [("DE", None, "Berlin")], "remote", "region:EU"),
    ("Remote (US only)", [("US", None, None)], "remote", "country:US"),
    ("REMOTE (US/Canada)", [("US", None, None), ("CA", None, None)], "remote", "country:CA,US"),
    ("Hybrid - Austin, TX", [("US", "TX", "Austin")], "hybrid", None),
    ("ONSITE in Tel Aviv", [("IL", None, "Tel Aviv")], "onsite", None),
    ("ONSITE IN TEL AVIV", [("IL", None, "Tel Aviv")], "onsite", None),
    ("Anywhere in the World", [], "remote", "anywhere"),
    ("🇨🇦 Canada and 🇺🇸 United States of America", [("CA", None, None), ("US", None, None)],
     None, None),
    ("Remote - US", [("US", None, None)], "remote", "country:US"),
    ("Remote, Bangalore", [("IN", None, "Bengaluru")], "remote", None),
    ("München", [("DE", "Bavaria", "Munich")], None, None),
    ("Zürich", [("CH", None, "Zürich")], None, None),
    ("São Paulo", [("BR", None, "São Paulo")], None, None),
    ("Sao Paulo, Brazil", [("BR", None, "São Paulo")], None, None),
    ("Bay Area", [("US", "CA", "San Francisco")], None, None),
    ("Portland, OR", [("US", "OR", "Portland")], None, None),
    ("Portland, ME", [("US", "ME", "Portland")], None, None),
    ("London, ON", [("CA", "ON", "London")], None, None),
    ("Cambridge, MA", [("US", "MA", "Cambridge")], None, None),
    ("Washington, D.C.", [("US", "DC", "Washington")], None, None),
    ("U.S.", [("US", None, None)], None, None),
    ("Deutschland", [("DE", None, None)], None, None),
    ("UTC-3 to UTC+3", [], "remote", "timezone:UTC-3..UTC+3"),
    ("Remote (EST timezone)", [], "remote", "timezone:UTC-5"),
    ("Remote (PT preferred)", [], "remote", "timezone:UTC-8"),
    ("Hiring GMT-8 to GMT+2 | REMOTE", [], "remote", "timezone:UTC-8..UTC+2"),
    ("Remote (Germany)", [("DE", None, None)], "remote", "country:DE"),
    ("Greece | Remote", [("GR", None, None)], "remote", "country:GR"),
    ("India (Remote/Hybrid)", [("IN", None, None)], "remote", "country:IN"),
    ("Remote within EU", [], "remote", "region:EU"),
    ("US-Based / Remote", [("US", None, None)], "remote", "country:US"),
    ("Prague (CZ)", [("CZ", None, "Prague")], None, None),
    ("Toronto, ON", [("CA", "ON", "Toronto")], None, None),
    ("Atlanta, Georgia", [("US", "GA", "Atlanta")], None, None),
    ("Georgia", [("GE", None, None)], None, None),
    ("St. Louis or NYC", [("US", "MO", "St. Louis"), ("US", "NY", "New York")], None, None),
    ("Remote", [], "remote", None),
    ("ONSITE (Hybrid OK)", [], "hybrid", None),
    ("Onsite only, no remote", [], "onsite", None),
    ("Acme | Senior Backend Engineer | Berlin, Germany or REMOTE (EU) | Full-time | €80-100k",
     [("DE", None, "Berlin")], "remote", "region:EU"),
    ("", [], None, None),
]

# Regressions found while running the parser over real HN headers.
BUGS_CAUGHT: list[Row] = [
    # Topeka's geonames alternate name is "Google"; it must not turn company names into Kansas.
    ("Hi! I'm Nicole (ex-Google AI), cofounder of a robotics startup", [], None, None),
    # Neighbourhood in parentheses is part of the city, not a second place.
    ("Boston (Charlestown), MA", [("US", "MA", "Boston")], None, None),
    ("New York City (Chinatown) | ONSITE", [("US", "NY", "New York")], "onsite", None),
    # "AI" is Anguilla's code but in a remote restriction it is the product word.
    ("Hiring Tech Lead - REMOTE LATAM - We build AI tools", [], "remote", "region:LATAM"),
    # Negated place in a restriction is an exclusion.
    ("REMOTE (EU/Asia/Americas -- no US) or HYBRID Berlin", [("DE", None, "Berlin")], "remote",
     "region:Americas,Asia,EU"),
    # "New York" between other cities is the city, not the state.
    ("Boston, New York, Seattle",
     [("US", "MA", "Boston"), ("US", "NY", "New York"), ("US", "WA", "Seattle")], None, None),
    # Common words that are also towns.
    ("Mobile Engineer | Reading list", [], None, None),
    ("Reading, UK", [("GB", "England", "Reading")], None, None),
    ("Metro Boston Area, MA | Onsite", [("US", "MA", "Boston")], "onsite", None),
    # Uppercase IN in an all-caps header is a preposition, not India.
    ("HYBRID IN BERLIN", [("DE", None, "Berlin")], "hybrid", None),
]

# Known weaknesses, kept visible: strict xfail flips to a failure when fixed.
XFAIL: list[Row] = [
    # US state lists inside a restriction are not kept as regions yet.
    ("Remote (US - NY, TX, MA only)", [("US", None, None)], "remote",
     "country:US;region:US-MA,US-NY,US-TX"),
    # A bare region without "remote" is not treated as a remote restriction.
    ("Europe Only", [], "remote", "region:Europe"),
    # Unqualified small-city names resolve to the most populous namesake.
    ("Athens, or US REMOTE", [("US", "GA", "Athens")], "remote", "country:US"),
]


def _check(text: str, places: list, mode: str | None, scope: str | None) -> None:
    got = parse_locations(text)
    assert [(p.country, p.region, p.city) for p in got.places] == places
    assert got.work_mode == mode
    assert got.remote_scope == scope
    assert got.raw == text


@pytest.mark.parametrize(("text", "places", "mode", "scope"), EXAMPLES)
def test_examples(text: str, places: list, mode: str | None, scope: str | None) -> None:
    _check(text, places, mode, scope)


@pytest.mark.parametrize(("text", "places", "mode", "scope"), BUGS_CAUGHT)
def test_bugs_caught(text: str, places: list, mode: str | None, scope: str | None) -> None:
    _check(text, places, mode, scope)


@pytest.mark.parametrize(("text", "places", "mode", "scope"), XFAIL)
@pytest.mark.xfail(strict=True, reason="known weakness, see comment in XFAIL")
def test_known_weaknesses(text: str, places: list, mode: str | None, scope: str | None) -> None:
    _check(text, places, mode, scope)


# --- source hints and flags ------------------------------------------------------------------


def test_wwr_region_hint_with_remote_flag() -> None:
    got = parse_locations("🇺🇸 United States of America", remote_flag=True, hints=["USA Only"])
    assert got.work_mode == "remote"
    assert got.remote_scope == "country:US"
    assert [p.country for p in got.places] == ["US"]


def test_europe_only_hint_with_remote_flag() -> None:
    assert parse_locations(None, remote_flag=True, hints=["Europe Only"]).remote_scope == (
        "region:Europe"
    )


def test_workplace_type_hint_overrides_text() -> None:
    assert parse_locations("Austin, TX", hints=["hybrid"]).work_mode == "hybrid"
    assert parse_locations("Austin, TX", hints=["OnSite"]).work_mode == "onsite"
    assert parse_locations("Austin, TX", hints=["on-site"]).work_mode == "onsite"
    assert parse_locations(None, hints=["TELECOMMUTE"]).work_mode == "remote"
    assert parse_locations("Austin, TX", hints=["unspecified"]).work_mode is None


def test_himalayas_restriction_hint() -> None:
    got = parse_locations("Remote", hints=["United States", "Canada"])
    assert got.remote_scope == "country:CA,US"


def test_remotive_worldwide_hint() -> None:
    got = parse_locations(None, remote_flag=True, hints=["Worldwide"])
    assert (got.work_mode, got.remote_scope) == ("remote", "anywhere")


def test_remote_flag() -> None:
    assert parse_locations("Berlin", remote_flag=True).work_mode == "remote"
    assert parse_locations("Hybrid - Berlin", remote_flag=True).work_mode == "hybrid"
    assert parse_locations("Berlin", remote_flag=False).work_mode == "onsite"
    assert parse_locations("Berlin", remote_flag=None).work_mode is None


def test_none_and_garbage_inputs() -> None:
    assert parse_locations(None) == Locations((), None, None, "")
    assert parse_locations(123).places == ()  # type: ignore[arg-type]
    assert parse_locations("x" * 10_000).raw == "x" * 10_000
    assert parse_locations("Berlin", hints="Remote").work_mode == "remote"  # type: ignore[arg-type]


# --- properties ------------------------------------------------------------------------------

_ALPHA2 = {c.alpha_2 for c in pycountry.countries} | {"XK"}
_PIECES = st.sampled_from([
    "Remote", "REMOTE", "(US)", "Berlin", "NYC", ", NY", "Hybrid", "ONSITE", "|", "or", "EU",
    "UTC-3", "to", "UTC+2", "London", "UK", "Only", "🇨🇦", "München", "-", "Bay Area", "CA",
    "Anywhere", "no", "Portland", "Reading", "Full-time", "$150k", "in", "IN", "Zürich",
])
_LOCATION_LIKE = st.lists(_PIECES, max_size=8).map(" ".join)
_ANY_TEXT = st.one_of(st.text(max_size=200), _LOCATION_LIKE)


@settings(max_examples=300, deadline=None)
@given(text=_ANY_TEXT, flag=st.sampled_from([None, True, False]),
       hints=st.lists(st.one_of(_ANY_TEXT, st.sampled_from(["Remote", "OnSite", "hybrid"])),
                      max_size=3))
def test_never_raises_and_outputs_are_valid(text: str, flag: bool | None, hints: list[str]) -> None:
    got = parse_locations(text, remote_flag=flag, hints=hints)
    assert isinstance(got, Locations)
    assert got.raw == text
    assert got.work_mode in (None, "remote", "hybrid", "onsite")
    for p in got.places:
        assert p.country is None or p.country in _ALPHA2
        assert p.city is None or p.city.strip() == p.city and p.city
    if got.remote_scope is not None:
        assert got.work_mode == "remote"
        assert got.remote_scope == "anywhere" or all(
            part.split(":", 1)[0] in ("country", "region", "timezone")
            for part in got.remote_scope.split(";")
        )
        for part in got.remote_scope.split(";"):
            if part.startswith("country:"):
                assert set(part[len("country:"):].split(",")) <= _ALPHA2


@settings(max_examples=200, deadline=None)
@given(text=_ANY_TEXT)
def test_deterministic(text: str) -> None:
    from pipeline.normalize import places

    first = parse_locations(text)
    places._parse.cache_clear()
    assert parse_locations(text) == first
