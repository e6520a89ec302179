"""Finding places in text: tokens, n-gram lookup, qualifiers such as ", CA" or " (CZ)"."""

from __future__ import annotations

import re

import attrs

from .cities import CITY_OVER_UNIT, CITY_STOPWORDS, METRO_CODES, METROS, City, pick_city
from .countries import DEMONYM_NEXT, DEMONYMS, SAFE_CODES
from .reference import Reference
from .regions import ANYWHERE, REGIONS
from .subdivisions import NAMED_REGIONS
from .text import WORD, fold

_SOFT_GAP = re.compile(r"[\s\-.'’]*")


@attrs.define
class _Tok:
    text: str
    fold: str
    start: int
    end: int


@attrs.define
class Match:
    kind: str  # city | country | state | region | anywhere
    start: int
    end: int
    tok_end: int
    value: object
    raw: str
    qualified: bool = False


def state_value(m: Match) -> tuple[str, str | None]:
    v = m.value
    if isinstance(v, tuple) and len(v) == 2:
        return str(v[0]), (None if v[1] is None else str(v[1]))
    return "", None


def _tokens(s: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in WORD.finditer(s):
        out.append(_Tok(m.group(), fold(m.group()), m.start(), m.end()))
    return out


def _soft(s: str, a: int, b: int) -> bool:
    """True if the gap s[a:b] may sit inside one place name (spaces, hyphens, dots)."""
    return _SOFT_GAP.fullmatch(s[a:b]) is not None


def _qualifier(
    s: str, toks: list[_Tok], j: int, ref: Reference, case_info: bool
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
        if code in ref.us_codes:
            out.append(("US", code, j + 1))
        if code in ref.ca_codes:
            out.append(("CA", code, j + 1))
        if code in SAFE_CODES:
            out.append((SAFE_CODES[code], None, j + 1))
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
        if key in NAMED_REGIONS:
            cc, reg = NAMED_REGIONS[key]
            return (cc, reg, j + n)
        if key in ref.countries:
            return (ref.countries[key], None, j + n)
    return None



def scan(s: str, ref: Reference) -> list[Match]:
    toks = _tokens(s)
    has_upper = any(ch.isupper() for ch in s)
    has_lower = any(ch.islower() for ch in s)
    case_info = has_upper and has_lower
    out: list[Match] = []
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
        if upper_short and (t.text in SAFE_CODES or t.text in METRO_CODES
                            or t.fold in REGIONS or _paren_code(s, t, ref)):
            # Upper-case abbreviations: countries, metros, regions. Checked before n-grams so
            # "SF" never becomes a longer accidental phrase.
            if t.text in METRO_CODES:
                m = _metro_match(s, toks, i, i + 1, ref, case_info)
                out.append(m)
                i = m.tok_end
                continue
            if t.fold in REGIONS:
                out.append(Match("region", t.start, t.end, i + 1, REGIONS[t.fold], t.text))
            else:
                code = SAFE_CODES.get(t.text, t.text)
                out.append(Match("country", t.start, t.end, i + 1, code, t.text))
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
                and key not in REGIONS
                # Short lower/mixed-case tokens ("in", "la", "us") are words, not codes,
                # unless the whole text is lower-case ("remote (us)").
                and not (not case_info and key in ("us", "usa", "uk", "eu"))
            ):
                continue
            if n == 1 and len(key) <= 3 and upper_short and key not in REGIONS \
                    and t.text not in SAFE_CODES:
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


def _paren_code(s: str, t: _Tok, ref: Reference) -> bool:
    """A bare country code in parentheses, e.g. "Prague (CZ)" or "Remote (DE)"."""
    return (
        len(t.text) == 2
        and t.text in ref.alpha2
        and s[: t.start].rstrip().endswith("(")
        and s[t.end :].lstrip().startswith(")")
    )


def _metro_match(
    s: str, toks: list[_Tok], i: int, j: int, ref: Reference, case_info: bool
) -> Match:
    key = " ".join(x.fold for x in toks[i:j])
    city, cc, reg = METROS[key]
    q = _qualifier(s, toks, j, ref, case_info)
    end_tok = j
    if q is not None and q[0] in (cc, "*") and (q[1] in (None, reg) or cc != "US"):
        end_tok = q[2]
    raw = s[toks[i].start : toks[end_tok - 1].end]
    return Match("city", toks[i].start, toks[end_tok - 1].end, end_tok,
                 City(city, cc, reg, 1e9), raw, qualified=end_tok > j)


def _match_key(
    s: str, toks: list[_Tok], i: int, j: int, key: str, ref: Reference, case_info: bool
) -> Match | None:
    start, end = toks[i].start, toks[j - 1].end
    raw = s[start:end]
    if key in ANYWHERE:
        return Match("anywhere", start, end, j, None, raw)
    if key in REGIONS and (j - i > 1 or key not in ("eu",) or toks[i].text.isupper()
                            or not case_info):
        if key == "america":
            return None
        return Match("region", start, end, j, REGIONS[key], raw)
    if key in DEMONYMS and j < len(toks) and toks[j].fold in DEMONYM_NEXT:
        kind, val = DEMONYMS[key]
        return Match(kind, start, end, j, val, raw)
    if key in METROS and (key.upper() not in METRO_CODES or toks[i].text.isupper()):
        return _metro_match(s, toks, i, j, ref, case_info)
    cands = ref.cities.get(key)
    # A city name that is also a state name ("New York", "Washington") is the city, unless it
    # is itself the qualifier of a preceding city (handled by _qualifier consuming it).
    if cands:
        q = _qualifier(s, toks, j, ref, case_info)
        picked = pick_city(cands, q)
        if picked is not None and q is not None:
            end_tok = q[2]
            return Match("city", start, toks[end_tok - 1].end, end_tok, picked,
                         s[start : toks[end_tok - 1].end], qualified=True)
        if key in CITY_STOPWORDS:
            return None
        if key in CITY_OVER_UNIT:
            return Match("city", start, end, j, cands, raw)
        if key in ref.countries or key in ref.us_states or key in ref.ca_provinces:
            cands = ()  # "Georgia", "Quebec": unqualified, the larger unit is the usual meaning
        elif j < len(toks) and toks[j].fold == "county":
            return None
        else:
            return Match("city", start, end, j, cands, raw)
    if key in ref.countries:
        if key in ("america",) and i > 0 and toks[i - 1].fold in ("north", "south", "latin"):
            return None
        return Match("country", start, end, j, ref.countries[key], raw)
    if key in ref.us_states:
        return Match("state", start, end, j, ("US", ref.us_states[key]), raw)
    if key in ref.ca_provinces:
        return Match("state", start, end, j, ("CA", ref.ca_provinces[key]), raw)
    if key in NAMED_REGIONS:
        return Match("state", start, end, j, NAMED_REGIONS[key], raw)
    return None

