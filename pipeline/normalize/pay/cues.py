"""Context cues: the words around a figure that say it is pay, or that it is something else."""

from __future__ import annotations

import re

from .ranges import FROM_RE, UP_TO_RE

# Words right after an amount that say it is not pay (funding, revenue, counts, perks).
# Equity-like words only count as the first word or two: "$150k salary with equity" is pay.
_TRAP_NEXT_RE = re.compile(
    r"[\s\u00a0]*(?:in\s+|of\s+|worth\s+of\s+)?(?:\w+\s+)?(?:equity|options|shares|stock|RSUs?|tokens)\b",
    re.IGNORECASE,
)
_TRAP_AFTER_RE = re.compile(
    r"""\b(?:ARR|MRR|GMV|revenue|sales|funding|funded|raised|raise|round|seed|pre-?seed|
        series\s+[a-f]\b|valuation|valued|AUM|assets|under\s+management|market|markets|industry|
        employees|people|staff|engineers|customers|clients|users|downloads|members|installs|
        visitors|MAU|DAU|subscribers|transactions|requests|RPS|QPS|lines|stars|companies|
        businesses|merchants|devices|patients|students|views|loans?|volume|payouts|freight|
        bonus|signing|sign-on|relocation|stipend|budget|allowance|grant|prize|bounty|award|
        credits?|investment|invested|in\s+(?:funding|revenue|sales|payouts|volume|capital)|
        deductible|match|matching|reimburse\w*|spend|cost|fee|
        fees|per\s+(?:seat|user|month\s+per|customer)|GB|TB|MB|ms|sec|seconds|minutes|km|miles|
        followers|contract\s+→|ft|feet|sq\.?\s?ft|kg|lbs?|cm|mm|inch(?:es)?|litres?|liters?|
        ml|oz|pcs|pieces|items|units|hours|hrs|days|weeks|months|years|yrs|capital|raised|deal|ACV|cheque|check|investors?|
        perks?|nights?|shifts?|times|sessions|visits|calls|tickets|headcount|seats|TB|PB|
        petabytes|terabytes|gigabytes|events|messages|records|rows|queries|orders|deliveries|
        trips|rides|(?:in|of)\s+benefits|home\s+office|setup|equipment|hardware|laptop|costs|
        one[-\s]?time|FSA|HSA|insurance|coverage|pension|contributions?|
        per\s+(?!(?:hour|hr|h|day|diem|week|wk|month|mo|mth|year|yr|annum|anno|a|an)\b)[a-z]+)\b""",
    re.VERBOSE | re.IGNORECASE,
)
# Words right before an amount that say the same.
_TRAP_BEFORE_RE = re.compile(
    r"""\b(?:raised|raising|raise|funding|funded|valuation|valued\s+at|revenue|ARR|backed|
        round|invest\w*|AUM|worth|grant|bonus|prizes?|budget|spent|spend|saved|saving|costs?|
        relocation|scheme|insurance|assurance|FSA|HSA|childcare|tuition|wellness|gym|commuter|
        coworking|equipment|laptop|setup|retreat|hackathon|\d\s?[x×]\s+(?:your\s+)?(?:annual\s+|base\s+)?(?:salary|pay)|
        pricing|fees?|loans?|bounty|stipend|allowance|reimburse\w*|credits?|over\s+the|
        series\s+[a-f]|seed|market|deductible|401\s?\(?k\)?|match\s+up\s+to|capital|
        exit|acquired|acquisition|sold|ipo|GMV|volume|payouts|freight|customers|users|
        min(?:imum)?\.?\s+order|order\s+(?:qty|quantity)|qty|quantity|pcs|pieces|
        заказ\w*|шт)\b[^|\n;]{0,25}\Z""",
    re.VERBOSE | re.IGNORECASE,
)
_COMMISSION_RE = re.compile(
    r"\bcommission[-\s]+(?:only|based)\b|\bcommission\s+structure\b|\bOTE\s+only\b", re.IGNORECASE
)
_SALARY_CUE_RE = re.compile(
    r"""\b(?:salary|salaries|comp|compensation|pay|paid|base|OTE|TC|package|range|wage|wages|
        rate|remuneration|earn|gehalt|brutto|gross|annual|yearly|per\s+year|USD|EUR|GBP)\b""",
    re.VERBOSE | re.IGNORECASE,
)
_CLAUSE_BREAK_RE = re.compile(
    r"[+,;|()\n•·]|\.\s|\s[-–—]\s|\band\b|\bplus\b|\bwith\b", re.IGNORECASE
)


def line_left(text: str, pos: int, width: int) -> str:
    """Up to ``width`` characters before ``pos`` on the same line."""
    lo = max(0, pos - width)
    left = text[lo:pos]
    nl = left.rfind("\n")
    return left[nl + 1 :] if nl >= 0 else left


def _clause_right(text: str, pos: int, width: int) -> str:
    right = text[pos : pos + width]
    m = _CLAUSE_BREAK_RE.search(right)
    return right[: m.start()] if m else right


def is_trap(text: str, left: str, start: int, end: int) -> bool:
    """True when the words around the figure at ``start:end`` say it is not pay.

    ``left`` is the line before the figure.
    """
    # "5+ years": the "+" of an open end is not a clause break.
    after_plus = end + 1 if text[end : end + 1] == "+" else end
    right_clause = _clause_right(text, after_plus, 40)
    if _TRAP_AFTER_RE.search(right_clause[:30]) or _TRAP_NEXT_RE.match(right_clause):
        return True
    if _TRAP_BEFORE_RE.search(left[-40:]):
        return True
    return _COMMISSION_RE.search(text[max(0, start - 80) : end + 80]) is not None


def has_salary_cue(text: str, left: str, first_start: int, end: int) -> bool:
    """True when a salary word is near the figure, or it opens a header field."""
    return bool(
        _SALARY_CUE_RE.search(left[-50:]) or _SALARY_CUE_RE.search(text[end : end + 40])
    ) or _starts_field(text, first_start) or _field_names_salary(text, first_start)


def _field_names_salary(text: str, pos: int) -> bool:
    """True when the "|"-separated header field holding ``pos`` names salary before it.

    "| Salary ranges listed on job req, but for the Senior Java Engineer it is 140k-180k".
    """
    left = line_left(text, pos, 200)
    bar = left.rfind("|")
    return bar >= 0 and _SALARY_CUE_RE.search(left[bar + 1 :]) is not None


def _starts_field(text: str, pos: int) -> bool:
    """True when the amount opens a "|"-separated header field or a line ("| $150-200k |")."""
    left = line_left(text, pos, 25)
    bar = left.rfind("|")
    prefix = left[bar + 1 :] if bar >= 0 else left
    if bar < 0 and "|" not in text[pos : pos + 200].split("\n", 1)[0]:
        return False
    return prefix.strip(" \t~≈:[(") == "" or bool(UP_TO_RE.search(prefix) or FROM_RE.search(prefix))


# A figure that is a whole package, not the base salary: "Total package $120,000 (base ...)",
# "$150,000 total package including super", "OTE $200k, base $120k-$140k".
_PACKAGE_BEFORE_RE = re.compile(
    r"\b(?:package|total|OTE|TC|total\s+comp(?:ensation)?|on[-\s]target|TRP|TFR|TRC)\b"
    r"[^\d\n|;]{0,20}\Z",
    re.IGNORECASE,
)
_PACKAGE_AFTER_RE = re.compile(
    r"""[\s\u00a0)]*(?:\(?\s*)(?:total(?:\s+(?:package|comp\w*|remuneration))?|package|
        OTE|TC|on[-\s]target|incl(?:uding|\.|usive)?\s+(?:of\s+)?(?:super\w*|bonus|benefits)|
        inc\.?\s+super\w*)\b""",
    re.VERBOSE | re.IGNORECASE,
)


def is_package(text: str, left: str, end: int) -> bool:
    """True when the words around a figure call it a total package rather than a base salary."""
    return bool(_PACKAGE_BEFORE_RE.search(left[-40:]) or _PACKAGE_AFTER_RE.match(text, end))


# UK contract status.  "inside or outside IR35" (or both named) states none.
_IR35_RE = re.compile(
    r"\b(?P<side>inside|outside|out\s+of)\s+(?:of\s+)?(?:the\s+)?IR[\s-]?35\b|"
    r"\bIR[\s-]?35\s*(?:status)?\s*[:\-–(]?\s*(?P<after>inside|outside)\b",
    re.IGNORECASE,
)

_EITHER_SIDE_RE = re.compile(
    r"\binside\s*(?:or|/|and|&)\s*out|\boutside\s*(?:or|/|and|&)\s*inside\b", re.IGNORECASE
)


def ir35_status(text: str) -> str | None:
    """``"inside"``/``"outside"`` when the text states one IR35 status, else ``None``."""
    sides: set[str] = set()
    for m in _IR35_RE.finditer(text):
        side = (m.group("side") or m.group("after") or "").lower()
        sides.add("inside" if side == "inside" else "outside")
    if len(sides) != 1 or _EITHER_SIDE_RE.search(text):
        return None
    return sides.pop()
