"""Combine places, work mode and remote restriction into one :class:`Locations`."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

import attrs

from .cities import City
from .countries import flag_name
from .mode import ANYWHERE_RE, MODE_HINTS, mode_from_text
from .model import EMPTY, Locations, Place, WorkMode
from .reference import reference
from .scan import Match, scan, state_value
from .scope import negated, remote_scope
from .timezones import TZ_RANGE

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

_FLAG = re.compile("([\U0001F1E6-\U0001F1FF])([\U0001F1E6-\U0001F1FF])")
_DOTTED = [
    (re.compile(r"\bU\.\s?S\.\s?A\.?", re.I), "USA"),
    (re.compile(r"\bU\.\s?S\.(?!\w)", re.I), "US"),
    (re.compile(r"\bU\.\s?K\.(?!\w)", re.I), "UK"),
    (re.compile(r"\bD\.\s?C\.(?!\w)", re.I), "DC"),
    (re.compile(r"\bE\.\s?U\.(?!\w)", re.I), "EU"),
]


def _prepare(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = _FLAG.sub(lambda m: flag_name(m.group(1), m.group(2)), s)
    s = _URL.sub(" ", s)
    for rx, rep in _DOTTED:
        s = rx.sub(rep, s)
    return s



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


def _drop_neighbourhoods(s: str, matches: list[Match]) -> list[Match]:
    """ "Boston (Charlestown), MA", "New York City (Chinatown)": a city in parentheses right
    after another city is a district of it, not a second location."""
    out: list[Match] = []
    prev: Match | None = None
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


def _resolve(matches: list[Match], extra_countries: set[str]) -> list[Place]:
    ctx = set(extra_countries)
    for m in matches:
        if m.kind == "country":
            ctx.add(str(m.value))
        elif m.kind == "state":
            ctx.add(state_value(m)[0])
        elif m.kind == "city" and isinstance(m.value, City):
            ctx.add(m.value.country)
        elif m.kind == "city" and isinstance(m.value, tuple) and m.value:
            top = m.value
            if len(top) == 1 or top[0].score >= 5 * top[1].score:
                ctx.add(top[0].country)
    places: list[Place] = []
    for m in matches:
        if m.kind == "city":
            v = m.value
            # The candidates of a bare name, or one city (a metro): a City is a tuple too.
            if isinstance(v, tuple) and not isinstance(v, City):
                if not v:
                    continue
                c = next((x for x in v if x.country in ctx), v[0])
            else:
                c = v  # type: ignore[assignment]
            assert isinstance(c, City)
            places.append(Place(c.country, c.region, c.name, m.raw))
        elif m.kind == "country":
            places.append(Place(str(m.value), None, None, m.raw))
        elif m.kind == "state":
            cc, reg = state_value(m)
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
    ref = reference()
    s = _prepare(text)
    scan_s = _drop_noise_segments(s)
    matches = [
        m for m in _drop_neighbourhoods(scan_s, scan(scan_s, ref)) if not negated(scan_s, m.start)
    ]

    hint_mode: WorkMode | None = None
    hint_matches: list[Match] = []
    hint_text_parts: list[str] = []
    for h in hints:
        if not isinstance(h, str) or not h.strip():
            continue
        k = re.sub(r"[^a-z]", "", h.lower())
        if k in MODE_HINTS:
            hint_mode = MODE_HINTS[k]
            continue
        if k in ("unspecified", "other", "none"):
            continue
        hp = _prepare(h)
        hint_text_parts.append(hp)
        hint_matches.extend(scan(hp, ref))

    all_text = " | ".join([s, *hint_text_parts])
    text_mode = mode_from_text(s)
    hint_text_mode = mode_from_text(" | ".join(hint_text_parts)) if hint_text_parts else None
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
        TZ_RANGE.search(all_text)
        or ANYWHERE_RE.search(all_text)
        or any(m.kind == "anywhere" for m in matches + hint_matches)
    ):
        # A timezone window or "worldwide" only makes sense for remote work.
        mode = "remote"

    places = _resolve(matches + hint_matches, set())
    scope = None
    if mode == "remote":
        scope = remote_scope(scan_s, matches, hint_matches, places)
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
        return attrs.evolve(EMPTY, raw=raw)
