"""Exact keys: the same job is the same normalized company, title and location.

"Acme, Inc." and "ACME GmbH" are one company; "Sr. Backend Engineer (m/w/d)" and "Senior
Back-end Engineer" one title; "Berlin, Germany" and "Berlin" one place (through
:func:`pipeline.normalize.places.parse_locations`). Every normalizer here never raises.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from pipeline.normalize.places import parse_locations

WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _wordset(block: str) -> frozenset[str]:
    return frozenset(block.split())


_LEGAL = _wordset(
    """inc incorporated llc l l c ltd limited corp corporation co company gmbh ag sa sas sarl
    srl spa bv nv plc oy ab as aps pty llp lp se kg ug kgaa mbh sl sro sp z o o zoo group holdings
    technologies technology labs"""
)
# Only stripped at the end of a name: "Labs" in "Acme Labs" is decoration, but "Technology"
# alone would empty the name, which the loop below refuses to do.
_DOMAIN = re.compile(r"\.(?:com|io|ai|co|dev|app|org|net|tech|so|xyz|de|uk|us)\b", re.I)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_GENDER = re.compile(
    r"\(\s*(?:[mwfdxhi]\s*/\s*){1,3}[mwfdxhi]\s*\)|\b(?:[mwfdx]\s*/\s*){2,3}[mwfdx]\b|"
    r"\(?\s*all genders?\s*\)?|\(\s*gn\s*\)|\(\s*\*\s*\)",
    re.I,
)
_TITLE_SYNONYMS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "engr": "engineer", "eng": "engineer",
    "dev": "developer", "swe": "software engineer", "sde": "software engineer",
    "mgr": "manager", "backend": "backend", "frontend": "frontend", "fullstack": "fullstack",
}
_TITLE_NOISE = _wordset(
    """remote hybrid onsite on site office home based anywhere worldwide urgent urgently hiring
    wanted new job position opening role opportunity immediate start f m d w x"""
)
_COMPOUNDS = [
    (re.compile(r"\bback[- ]end\b", re.I), "backend"),
    (re.compile(r"\bfront[- ]end\b", re.I), "frontend"),
    (re.compile(r"\bfull[- ]stack\b", re.I), "fullstack"),
    (re.compile(r"\bon[- ]site\b", re.I), "onsite"),
]


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("ß", "ss"))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


def normalize_company(name: str | None) -> str | None:
    """"Acme, Inc." / "ACME GmbH" / "acme.io" -> "acme"; None when nothing is left."""
    if not isinstance(name, str):
        return None
    try:
        s = _PAREN.sub(" ", name)
        s = _DOMAIN.sub(" ", s)
        s = s.replace("&", " and ")
        words = WORDS.findall(_fold(s))
        while len(words) > 1 and words[-1] in _LEGAL:
            words.pop()
        if words and words[0] == "the" and len(words) > 1:
            words = words[1:]
        return " ".join(words) or None
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None


def normalize_title(title: str | None) -> str | None:
    """Lower-case title without punctuation, gender markers ("(m/w/d)") or work-mode words.

    Seniority words are kept (normalized: "Sr." -> "senior") because a senior and a junior
    opening with otherwise equal titles are different jobs.
    """
    if not isinstance(title, str):
        return None
    try:
        s = _GENDER.sub(" ", title)
        for rx, rep in _COMPOUNDS:
            s = rx.sub(rep, s)
        words = []
        for w in WORDS.findall(_fold(s)):
            w = _TITLE_SYNONYMS.get(w, w)
            if w in _TITLE_NOISE:
                continue
            words.append(w)
        return " ".join(words) or None
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None


def _location_key(location: str | None) -> str:
    if not isinstance(location, str) or not location.strip():
        return ""
    loc = parse_locations(location)
    parts = sorted(
        f"{p.country or ''}/{p.region or ''}/{p.city or ''}" for p in loc.places
    )
    if parts or loc.work_mode:
        return ";".join(parts) + f"|{loc.work_mode or ''}|{loc.remote_scope or ''}"
    return " ".join(WORDS.findall(_fold(location)))


def exact_key(company: str | None, title: str | None, location: str | None) -> str | None:
    """Stable hex key of normalized company, title and location; None without company or title."""
    try:
        c = _company(company) if _hashable(company) else normalize_company(company)
        t = _title(title) if _hashable(title) else normalize_title(title)
        if c is None or t is None:
            return None
        where = _location(location) if _hashable(location) else _location_key(location)
        raw = "\x1f".join((c, t, where))
        return hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None



# Companies, titles and locations repeat across a load: each distinct one is normalized once.
_company = functools.lru_cache(maxsize=1 << 15)(normalize_company)
_title = functools.lru_cache(maxsize=1 << 15)(normalize_title)
_location = functools.lru_cache(maxsize=1 << 15)(_location_key)


def _hashable(value: object) -> bool:
    return value is None or type(value) is str
