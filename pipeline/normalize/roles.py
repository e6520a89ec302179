"""Seniority and employment type from job titles, source fields and ad text.

Both parsers are pure, never raise, and return ``None`` / ``()`` when nothing is stated.

Seniority rules, strongest first:

1. **Title words.** A role word decides first: intern (Intern, Internship, Werkstudent, Praktikant,
   Working Student, Co-op, Apprentice) > manager (Engineering Manager, Head of, Director, VP, CTO,
   Chief ...) > lead (Lead, Tech Lead, Team Lead). Otherwise a level word: staff (Staff, Principal,
   Distinguished, "Senior Staff"), senior (Senior, Sr, Snr, "III", L5/E5), mid (Mid-level,
   Intermediate, Medior, "II"), junior (Junior, Jr, Graduate, New Grad, Entry-level, Associate,
   "I"). When a title names a range ("Senior/Staff", "Mid-Senior", "Junior to Mid") the lowest
   level wins: it is the level the role is open to, which is what pay-by-seniority compares.
2. **Source hints** (Himalayas ``seniority``, Jobicy ``jobLevel``, Arbeitnow ``job_types``): the
   first hint that maps to a level. Hints rank below the title because aggregators compute them.
3. **Body text, weak fallback**: only a stated years-of-experience requirement ("5+ years of
   experience", "3-5 years experience"); the smallest number of years stated is used:
   >= 5 -> senior, 2-4 -> mid, 0-1 -> junior. Other body words are ignored because ads that list
   several roles mention every level in passing.

Employment types: every type stated in the text or the hints, in the fixed order
full_time, part_time, contract, freelance, internship. "Contract-to-hire"/"C2H"/"1099"/"B2B
contract" are contract; "Temporary"/"fixed-term" are contract; "FT"/"PT" count only as
stand-alone fields or next to another type word because "PT" is also Pacific Time; "smart
contract" and "contract management" are not contracts; "internal"/"international" are not intern.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Literal

import ahocorasick_rs

from pipeline.normalize import regex_scan

__all__ = [
    "EmploymentType",
    "Seniority",
    "parse_employment_types",
    "parse_seniority",
    "seniority_band",
]

Seniority = Literal["intern", "junior", "mid", "senior", "staff", "lead", "manager"]
EmploymentType = Literal["full_time", "part_time", "contract", "freelance", "internship"]
Band = Literal["entry", "mid", "senior", "lead"]

_LEVEL_ORDER: dict[str, int] = {"junior": 0, "mid": 1, "senior": 2, "staff": 3}
_LEVEL_NAMES: dict[str, Seniority] = {
    "junior": "junior", "mid": "mid", "senior": "senior", "staff": "staff",
}
_TYPE_ORDER: tuple[EmploymentType, ...] = (
    "full_time", "part_time", "contract", "freelance", "internship",
)

_I = re.I

_INTERN = re.compile(
    r"\b(?:intern(?:s|ship|ships)?|werkstudent(?:in)?|working[- ]student|praktikant(?:in)?|"
    r"praktikum|co-?op|apprentice(?:ship)?|azubi|trainee)\b",
    _I,
)
_MANAGER = re.compile(
    r"\b(?:(?:engineering|software|development|dev|team|platform|infrastructure|technical|"
    r"delivery|it)\s+manager|manager,?\s+(?:of\s+)?(?:software\s+)?engineering|head\s+of|"
    r"director|vp|vice\s+president|cto|cio|chief\s+\w+\s+officer|chief\s+architect|"
    r"teamleiter(?:in)?|abteilungsleiter(?:in)?|leiter(?:in)?|engineering\s+lead\s+manager)\b",
    _I,
)
_LEAD = re.compile(
    r"\b(?:tech(?:nical)?\s+lead|team\s+lead|lead(?!\s+gen)|teamleitung)\b", _I
)
_LEVELS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bsenior\s+(?:staff|principal)\b", _I), "staff"),
    (re.compile(r"\b(?:staff|principal|distinguished)\b", _I), "staff"),
    (re.compile(r"\b(?:senior|sr|snr)\b\.?", _I), "senior"),
    (re.compile(r"\b(?:mid|middle)(?:[- ]?level)?\b|\bintermediate\b|\bmedior\b", _I), "mid"),
    (re.compile(r"\b(?:junior|jr|graduate|grad|entry[- ]level|early[- ]career|associate)\b", _I),
     "junior"),
]
# Numbered ladders: "Software Engineer II", "SDE III", "L5". Upper-case only: "I" alone is
# too common a word in lower case, and the numeral must follow a role word.
_ROMAN = re.compile(
    r"\b(?i:engineer|developer|sde|swe|programmer|scientist|analyst|architect|sre)\s+"
    r"(I{1,3}|IV|V)\b"
)
_ROMAN_LEVEL = {"I": "junior", "II": "mid", "III": "senior", "IV": "staff", "V": "staff"}
_LADDER = re.compile(r"\b[LE]([3-7])\b")
_LADDER_LEVEL = {"3": "junior", "4": "mid", "5": "senior", "6": "staff", "7": "staff"}

_YEARS = re.compile(
    r"(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?)\b"
    r"(?:['’]?\s*(?:of\s+)?(?:[\w/+#.-]+\s+){0,4}?(?:experience|exp\b))",
    _I,
)

_HINT_SENIORITY: dict[str, Seniority | None] = {
    "intern": "intern", "internship": "intern", "student": "intern", "werkstudent": "intern",
    "entry": "junior", "entrylevel": "junior", "junior": "junior", "graduate": "junior",
    "berufseinsteiger": "junior", "newgrad": "junior",
    "mid": "mid", "midlevel": "mid", "midweight": "mid", "intermediate": "mid",
    "experienced": "mid", "berufserfahren": "mid", "associate": "junior",
    "senior": "senior", "seniorlevel": "senior", "midseniorlevel": "mid",
    "staff": "staff", "principal": "staff", "lead": "lead", "teamlead": "lead",
    "manager": "manager", "management": "manager", "director": "manager",
    "executive": "manager", "head": "manager", "any": None,
}


# Titles and source hints repeat across a load; the parse of each distinct one is kept.
@functools.lru_cache(maxsize=1 << 14)
def _title_seniority(title: str) -> Seniority | None:
    if _INTERN.search(title):
        return "intern"
    if _MANAGER.search(title):
        return "manager"
    if _LEAD.search(title):
        return "lead"
    found: list[str] = []
    consumed = title
    for rx, level in _LEVELS:
        if rx.search(consumed):
            found.append(level)
            # "Senior Staff" is one level; blank it so "Senior" is not also read as a range.
            consumed = rx.sub(" ", consumed)
    for m in _ROMAN.finditer(title):
        found.append(_ROMAN_LEVEL[m.group(1)])
    for m in _LADDER.finditer(title):
        found.append(_LADDER_LEVEL[m.group(1)])
    if not found:
        return None
    lowest = min(found, key=_LEVEL_ORDER.__getitem__)
    return _LEVEL_NAMES[lowest]


def _hint_seniority(hints: Sequence[str]) -> Seniority | None:
    for h in hints:
        if not isinstance(h, str):
            continue
        key = re.sub(r"[^a-z]", "", h.lower())
        if key in _HINT_SENIORITY:
            v = _HINT_SENIORITY[key]
            if v is not None:
                return v
            continue
        v2 = _title_seniority(h)
        if v2 is not None:
            return v2
    return None


def _body_seniority(text: str) -> Seniority | None:
    text = text[:20000]
    low = regex_scan.fold(text)
    if "year" not in low and "yr" not in low:
        return None  # every match of _YEARS names years: most bodies are done here
    years = [int(m.group(1)) for m in _YEARS.finditer(text)]
    years = [y for y in years if y <= 30]
    if not years:
        return None
    y = min(years)
    if y >= 5:
        return "senior"
    if y >= 2:
        return "mid"
    return "junior"


def parse_seniority(
    title: str | None, text: str | None = None, *, hints: Sequence[str] = ()
) -> Seniority | None:
    """Seniority of a posting: title words, then source hints, then years of experience."""
    try:
        if isinstance(title, str) and title.strip():
            s = _title_seniority(title[:500])
            if s is not None:
                return s
        if isinstance(hints, str):
            hints = (hints,)
        s = _hint_seniority(tuple(hints or ()))
        if s is not None:
            return s
        if isinstance(text, str) and text:
            return _body_seniority(text)
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None
    return None


def seniority_band(s: Seniority | None) -> Band | None:
    """Coarse band for pay comparisons: entry, mid, senior (incl. staff), lead (incl. manager)."""
    return {
        "intern": "entry", "junior": "entry", "mid": "mid", "senior": "senior",
        "staff": "senior", "lead": "lead", "manager": "lead",
    }.get(s) if isinstance(s, str) else None  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# Employment types
# --------------------------------------------------------------------------------------------

_HINT_TYPES: dict[str, tuple[EmploymentType, ...]] = {
    "fulltime": ("full_time",), "permanent": ("full_time",), "fte": ("full_time",),
    "vollzeit": ("full_time",), "festanstellung": ("full_time",), "perm": ("full_time",),
    "parttime": ("part_time",), "teilzeit": ("part_time",), "minijob": ("part_time",),
    "contract": ("contract",), "contractor": ("contract",), "temporary": ("contract",),
    "temp": ("contract",), "fixedterm": ("contract",), "befristet": ("contract",),
    # Greenhouse "Worker Type": "Contingent worker" is a contractor, "Employee" says nothing.
    "contingent": ("contract",), "contingentworker": ("contract",),
    "perdiem": ("contract",), "contracttohire": ("contract",), "ctoh": ("contract",),
    "freelance": ("freelance",), "freelancer": ("freelance",), "freiemitarbeit": ("freelance",),
    "intern": ("internship",), "internship": ("internship",), "werkstudent": ("internship",),
    "workingstudent": ("internship",), "praktikum": ("internship",), "ft": ("full_time",),
    "pt": ("part_time",),
}

_TEXT_TYPES: list[tuple[tuple[str, ...], re.Pattern[str], EmploymentType]] = [
    (("full", "perm", "fte", "vollzeit", "festanstellung"),
     re.compile(r"\bfull[- ]?time\b|\bpermanent\b|\bFTE\b|\bvollzeit\b|\bfestanstellung\b|"
                r"\bperm\b(?=\s+(?:hiring|role|position))", _I), "full_time"),
    (("par", "teilzeit", "minijob"),
     re.compile(r"\bpart?[- ]?time\b|\bteilzeit\b|\bminijob\b", _I), "part_time"),
    (("contract", "c2h", "1099", "b2b", "uop", "temporary", "fixed", "befristet"),
     re.compile(r"\bcontract(?:[- ]to[- ](?:hire|perm|full[- ]?time))?(?:\s+(?:role|roles|"
                r"position|positions|basis|work|engagement|opportunit\w+|gig|job|jobs|only))\b|"
                r"\bcontract[- ]to[- ](?:hire|perm|full[- ]?time)\b|"
                r"\bcontractors?\b(?!\s+(?:management|lifecycle))|\bC2H\b|"
                r"(?<![$\d.,])\b1099\b(?![\d,.kK])|\bB2B\s+(?:contract|agreement)|"
                r"\bB2B\s*(?:/|or)\s*(?:UoP|employment)|\bUoP\s*(?:/|or)\s*B2B\b|"
                r"\btemporary\b(?=\s+(?:role|position|contract|job))|\bfixed[- ]term\b|"
                r"\bbefristet\b", _I), "contract"),
    (("freelanc", "freie", "self"),
     re.compile(r"\bfreelanc\w*\b|\bfreie\s+mitarbeit\b|\bself[- ]employed\b", _I), "freelance"),
    (("intern", "werkstudent", "working", "praktikum", "co-op", "coop"),
     re.compile(r"\bintern(?:s|ship|ships)?\b|\bwerkstudent(?:in)?\b|\bworking[- ]student\b|"
                r"\bpraktikum\b|\bco-?ops?\b", _I), "internship"),
]
# Fields: the text between separators of an HN header or a list of types.
_FIELD_SPLIT = re.compile(r"[|,;/()\n•·+]|\s[-–—]\s|\bor\b|\band\b|&", _I)
_FT_PT = re.compile(r"^(?:FT|PT|FTE)$")
_NOT_CONTRACT = re.compile(r"\bsmart\s+contracts?\b|\bno\s+(?:contractors?|contract)\b", _I)
# "Remote (PT)", "US (ET)" are timezones, not part-time.
_TZ_PAREN = re.compile(r"\(\s*(?:PT|ET|CT|MT)\s*(?:/\s*(?:PT|ET|CT|MT)\s*)*\)")
_ONLY_CONTRACT_FIELD = re.compile(
    r"^(?:contract(?:or)?s?|consulting\s+1099|1099|b2b|c2h|temp)$", _I
)


def parse_employment_types(
    text: str | None, *, hints: Sequence[str] = ()
) -> tuple[EmploymentType, ...]:
    """All employment types stated in ``text`` or ``hints``, in a fixed canonical order."""
    try:
        if isinstance(hints, str):
            hints = (hints,)
        hints = tuple(hints or ())
        if isinstance(text, str) and len(text) <= _MEMO_MAX_LEN and all(
            type(h) is str for h in hints
        ):
            return _types_memo(text, hints)
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return ()
    return _types(text, hints)


# An employment field or title ("Full-time", "Contract") recurs across a load: each distinct
# one is parsed once. Descriptions are too long and too varied to be worth keeping.
_MEMO_MAX_LEN = 200


@functools.lru_cache(maxsize=1 << 14)
def _types_memo(text: str, hints: tuple[str, ...]) -> tuple[EmploymentType, ...]:
    return _types(text, hints)


def _types(text: str | None, hints: Sequence[str]) -> tuple[EmploymentType, ...]:
    found: set[EmploymentType] = set()
    try:
        for h in hints:
            if not isinstance(h, str):
                continue
            key = re.sub(r"[^a-z0-9]", "", h.lower())
            if key in _HINT_TYPES:
                found.update(_HINT_TYPES[key])
            elif key:
                found.update(_text_types(h))
        if isinstance(text, str) and text:
            found.update(_text_types(text[:20000]))
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return ()
    return tuple(t for t in _TYPE_ORDER if t in found)


_FIELD_WORDS = ("contract", "consulting", "1099", "b2b", "c2h", "temp")


def _gates() -> tuple[ahocorasick_rs.AhoCorasick, list[tuple[int, ...]]]:
    """One automaton of every pattern's words (and, numbered last, the field words), and the
    groups each of its words belongs to: one pass finds which groups occur in a text."""
    groups: dict[str, set[int]] = {}
    for i, words in enumerate([w for w, _rx, _kind in _TEXT_TYPES] + [_FIELD_WORDS]):
        for word in words:
            groups.setdefault(word, set()).add(i)
    words = list(groups)
    return ahocorasick_rs.AhoCorasick(words), [tuple(sorted(groups[w])) for w in words]


_GATES, _GATE_GROUPS = _gates()


def _groups_present(low: str) -> set[int]:
    """The groups of the words that begin a word of ``low`` (lower-cased text).

    Every pattern and field starts its word at a word boundary (``\\b``, a separator), so a
    gate word inside another word ("fte" in "after" and "often", "par" in "compare", "self" in
    "yourself") opens none: the patterns would not match there. Lower-casing turns no non-word
    character into a word character, so a word that begins one in the text begins one here.
    """
    return {group for index, start, _end in _GATES.find_matches_as_indexes(low, overlapping=True)
            if start == 0 or not (low[start - 1].isalnum() or low[start - 1] == "_")
            for group in _GATE_GROUPS[index]}


def _text_types(text: str) -> set[EmploymentType]:
    found: set[EmploymentType] = set()
    low = text.lower()
    cleaned = _NOT_CONTRACT.sub(" ", text) if "contract" in low else text
    if "(" in cleaned:
        cleaned = _TZ_PAREN.sub(" ", cleaned)
    # Each pattern runs only when one of its words is in the text (most ads name no type), and
    # those that do run share one scan of the text for where they can start.
    present = _groups_present(low)
    gated = [(rx, kind) for i, (_w, rx, kind) in enumerate(_TEXT_TYPES) if i in present]
    if gated:
        matches = regex_scan.search_each(tuple(rx for rx, _kind in gated), cleaned)
        found.update(kind for (_rx, kind), m in zip(gated, matches, strict=True) if m)
    # Short stand-alone fields: "| Contract |", "FT/PT", "(B2B)". Position, not the word alone,
    # tells these apart from "contract" in prose and "PT" as a timezone.
    if not ("FT" in cleaned or "PT" in cleaned or len(_TEXT_TYPES) in present):
        return found
    for field in _FIELD_SPLIT.split(cleaned[:2000]):
        f = field.strip(" .:!*[]{}\"'")
        if not f or len(f) > 24:
            continue
        if _FT_PT.match(f):
            found.add("full_time" if f.startswith("F") else "part_time")
        elif _ONLY_CONTRACT_FIELD.match(f):
            found.add("contract")
    return found
