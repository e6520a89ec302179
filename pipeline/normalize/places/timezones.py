"""Timezone windows in remote restrictions: "UTC-3 to UTC+3", "CET", "US Pacific time"."""

from __future__ import annotations

import re

# Explicit offsets and the abbreviations ads use.
_TZ_OFFSET = re.compile(
    r"\b(?:UTC|GMT)\s?([+\-−–±]\s?\d{1,2}(?::?\d{2})?)?(?!\w)", re.I
)
TZ_RANGE = re.compile(
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


def _offset(txt: str) -> float | None:
    t = txt.replace(" ", "").replace("−", "-").replace("–", "-")
    m = re.fullmatch(r"([+\-±]?)(\d{1,2})(?::?(\d{2}))?", t)
    if not m:
        return None
    v = int(m.group(2)) + (int(m.group(3)) / 60 if m.group(3) else 0.0)
    if v > 14:
        return None
    return -v if m.group(1) == "-" else v


def format_offset(v: float) -> str:
    sign = "-" if v < 0 else "+"
    a = abs(v)
    h = int(a)
    mins = round((a - h) * 60)
    return f"UTC{sign}{h}" + (f":{mins:02d}" if mins else "")


def timezones(s: str, remote_context: str) -> list[float]:
    found: list[float] = []
    for m in TZ_RANGE.finditer(s):
        a, b = _offset(m.group(1)), _offset(m.group(2))
        if a is not None and b is not None:
            found += [a, b]
    rest = TZ_RANGE.sub(" ", s)
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
