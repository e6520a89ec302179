"""The remote restriction: which countries, regions and timezones a remote job is open to."""

from __future__ import annotations

import re

from .mode import ANYWHERE_RE, REMOTE
from .model import Place
from .scan import Match, state_value
from .text import words
from .timezones import format_offset, timezones

# Country codes accepted inside a remote restriction ("REMOTE (US/CA)", "Remote - DE"): the ones
# ads actually write, leaving out codes that read as words or US states there (AI, IN, MA, PT).
_SCOPE_CODES = words("""US UK GB CA DE FR NL ES PL CH SE DK FI IE BR MX AR AU NZ JP SG IL CZ
RO UA GR HU EE LT LV BG RS ZA NG KE PH VN NO""")
_ANYWHERE_IN = re.compile(r"\banywhere (?:in|within) (?!the world)", re.I)
_ONLY = re.compile(r"[- ]only\b", re.I)

_NEGATION = re.compile(r"\b(?:no|not|except|excluding|excl|outside(?: of)?|non)[\s.:-]*$", re.I)


def negated(s: str, pos: int) -> bool:
    """ "REMOTE (EU/Asia -- no US)": a place right after a negation is an exclusion."""
    return _NEGATION.search(s[max(0, pos - 14) : pos]) is not None


def _remote_contexts(s: str) -> list[tuple[int, int]]:
    """Character spans that state a remote restriction: "(...)" after Remote, or the clause
    after it up to the next separator, or a short geo phrase right before it ("US Remote")."""
    spans: list[tuple[int, int]] = []
    for m in REMOTE.finditer(s):
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


def remote_scope(
    s: str,
    matches: list[Match],
    hint_matches: list[Match],
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

    def take(m: Match) -> None:
        if negated(s, m.start):
            return
        if m.kind == "country":
            countries.add(str(m.value))
        elif m.kind == "region":
            regions.add(str(m.value))
        elif m.kind == "state":
            cc, reg = state_value(m)
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
            if code in _SCOPE_CODES and not negated(s, a + cm.start()):
                countries.add("GB" if code == "UK" else code)
    tz = timezones(s, remote_ctx)
    if not countries and not regions and not tz:
        if ANYWHERE_RE.search(s) or any(m.kind == "anywhere" for m in matches + hint_matches):
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
        window = format_offset(lo) if lo == hi else f"{format_offset(lo)}..{format_offset(hi)}"
        parts.append("timezone:" + window)
    return ";".join(parts) or None
