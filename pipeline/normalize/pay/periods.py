"""Periods: the words that say whether an amount is paid per hour, day, week, month or year."""

from __future__ import annotations

import re
from typing import Literal

from pipeline.normalize.regex_scan import fold

Period = Literal["hour", "day", "week", "month", "year"]
PERIODS: tuple[Period, ...] = ("hour", "day", "week", "month", "year")

_PER = r"(?:/\s?|per\s+|an?\s+|each\s+|every\s+|pro\s+)"
# A period stated after the amount: "$45/hr", "€70k p.a.", "£500 per day", "$120k gross salary".
PERIOD_AFTER_RE = re.compile(
    rf"""[\s\u00a0]*(?:\(\s*)?
    (?:(?:gross|base|net|pro[-\s]?rata|fixed|approx\.?|brutto|total|rate|salary|(?-i:[A-Z]{{3}}))[\s\u00a0]+){{0,2}}
    (?:
        (?P<hour>{_PER}(?:hour|hr|h|std|stunde)\b\.?|hourly|p\.\s?h\.|p\.?h\b|p/h(?:rs?|our)?\b|
                ph\b|hr\b|hrs\b)
      | (?P<day>{_PER}(?:day|d|diem|tag)\b|daily|day[-\s]?rate|p\.\s?d\.|p/d(?:ay)?\b|pd\b|
                per\s+diem)
      | (?P<week>{_PER}(?:week|wk|w)\b|weekly|p\.\s?w\.|p/w(?:k|eek)?\b|pw\b)
      | (?P<month>{_PER}(?:month|mo|mth|mon|m|monat)\b\.?|monthly|p\.\s?m\.|p/m(?:th|onth)?\b|
                 pcm\b|pm\b)
      | (?P<year>{_PER}(?:year|yr|y|annum|anno|jahr|a|an)\b|annually|annual|yearly|p\.\s?a\.|
                p\.?a\b|p/a\b|p/y(?:r|ear)?\b|pa\b|jährlich|salary\b)
    )""",
    re.VERBOSE | re.IGNORECASE,
)

# A period named before the amount: "Hourly rate: $50", "day rate of £500", "Salary: $120k".
_PERIOD_BEFORE_RE = re.compile(
    r"""(?:
        (?P<hour>hourly|per\s+hour|hour(?:ly)?\s+rate|rate\s+per\s+hour|stundensatz)
      | (?P<day>day\s+rate|daily(?:\s+rate)?|per\s+day|rate\s+per\s+day|tagessatz)
      | (?P<week>weekly|per\s+week)
      | (?P<month>monthly|per\s+month)
      | (?P<year>annual(?:ly)?|yearly|per\s+annum|per\s+year|salary|jahresgehalt)
    )\b[^\d\n|;]{0,25}\Z""",
    re.VERBOSE | re.IGNORECASE,
)

# Every match of _PERIOD_BEFORE_RE holds one of these words (in ``fold``ed text): looking for
# them is far cheaper than the case-insensitive search, and most figures have no period before
# them.
_BEFORE_WORD_RE = re.compile(
    "hour|stundensatz|day|daily|tagessatz|week|month|annu|year|salary|jahresgehalt"
)

_PERIOD_WORDS = ("hour", "hr", "/h", "day", "daily", "week", "/w", "month", "/m", "annu", "year",
                 "/y", "p.", "pa", "ph", "pw", "pd", "pm", "salary", "rate", "stunde", "tag")

# Any of the words, as one search: a literal alternation is scanned for its first letters at once.
_PERIOD_WORD_RE = re.compile("|".join(map(re.escape, _PERIOD_WORDS)))


def period_starts(text: str, pos: int) -> bool:
    """True when a period is stated at ``pos`` ("/hr", " per year")."""
    return PERIOD_AFTER_RE.match(text, pos) is not None


def could_have_period(text: str, left: str, end: int) -> bool:
    """Cheap pre-check: is any period word near the amount ending at ``end`` at all?"""
    near = (left[-45:] + text[end : end + 40]).lower()
    return _PERIOD_WORD_RE.search(near) is not None


def stated_period(
    text: str, left: str, start: int, end: int, plus_end: int
) -> tuple[Period | None, int, int]:
    """The period stated after the figure at ``start:end``, else named just before it (in ``left``).

    Returns the period and the span widened to cover the words that state it.  ``plus_end`` is
    just after an "X+" that follows the figure, which the period may follow ("$100k+ per year").
    """
    after = PERIOD_AFTER_RE.match(text, max(end, plus_end))
    if after is not None and after.lastgroup in PERIODS:
        return after.lastgroup, start, after.end()  # type: ignore[return-value]
    window = left[-45:]
    if _BEFORE_WORD_RE.search(fold(window)) is None:
        return None, start, end
    before = _PERIOD_BEFORE_RE.search(window)
    if before is not None and before.lastgroup in PERIODS:
        return before.lastgroup, start - (len(window) - before.start()), end  # type: ignore[return-value]
    return None, start, end
