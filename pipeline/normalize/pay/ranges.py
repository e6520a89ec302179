"""Ranges: two figures read as one range ("$120k-150k", "between 50 and 60"), and open ends.

Conventions follow the eval README: "up to X" gives ``min=None, max=X``; "from X" and "X+" give
``min=X, max=None``; one figure gives ``min == max``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from .amounts import Amount
from .periods import PERIOD_AFTER_RE

UP_TO_RE = re.compile(
    r"(?:\bup\s*to|\bupto|\bmax(?:imum)?\.?|\bas\s+much\s+as|\bnot\s+to\s+exceed|\bbis\s+zu|"
    r"\bjusqu'?\s?à|≤|<=?)[\s:~]*\Z",
    re.IGNORECASE,
)
FROM_RE = re.compile(
    r"(?:\bfrom|\bstarting\s+(?:at|from)|\bstarts?\s+(?:at|from)|\bat\s+least|\bmin(?:imum)?\.?|"
    r"\bab|\bà\s+partir\s+de|\bnorth\s+of|\bmore\s+than|\bover|\babove|\bin\s+excess\s+of|"
    r"≥|>=?)[\s:~]*\Z",
    re.IGNORECASE,
)
_BETWEEN_RE = re.compile(r"\bbetween[\s:]*\Z", re.IGNORECASE)
_CONNECTOR_RE = re.compile(
    r"[\s\u00a0]*(?:-{1,2}|–|—|‒|−|~|_|to|bis|à|a|au|until|till|and|&)[\s\u00a0]*",
    re.IGNORECASE,
)

# A range whose ends differ more than this is a list ("50 - $2.00", "3 - 400"), not a range.
_MAX_RANGE_RATIO = 20
# The upper end a shorthand range ("85 - 95,000") needs before its first figure counts thousands.
_SHORTHAND_MIN_HIGH = Decimal(10_000)


@attrs.frozen
class Candidate:
    """A figure, or the two ends of a range, that may state pay."""

    lo: Amount
    hi: Amount | None  # second end of a range

    @property
    def ends(self) -> list[Amount]:
        return [self.lo] if self.hi is None else [self.lo, self.hi]

    @property
    def last(self) -> Amount:
        return self.hi or self.lo

    @property
    def tokens(self) -> list[str]:
        """Currency tokens written on either end."""
        return [e.token for e in self.ends if e.token is not None]

    @property
    def has_mult(self) -> bool:
        return any(e.mult is not None for e in self.ends)


def candidates(text: str, amounts: Iterable[Amount]) -> Iterator[Candidate]:
    """Pair neighbouring figures joined by a range connector; every other figure stands alone.

    ``amounts`` is read as the candidates are: a caller that stops at the first pay reads no
    figure beyond the one after it (reading a figure and its surroundings is most of the
    parser's time on a long ad).
    """
    figures = iter(amounts)
    a = next(figures, None)
    while a is not None:
        b = next(figures, None)
        if b is not None and _is_range(text, a, b):
            yield Candidate(a, b)
            a = next(figures, None)
        else:
            yield Candidate(a, None)
            a = b


def _is_range(text: str, a: Amount, b: Amount) -> bool:
    gap = text[a.end : b.start]
    cm = _CONNECTOR_RE.fullmatch(gap) if len(gap) <= 12 else None
    if cm is None and len(gap) <= 30:
        # "$120/hr - $130/hr": the same period written on both ends.
        pm = PERIOD_AFTER_RE.match(text, a.end, b.start)
        pm2 = PERIOD_AFTER_RE.match(text, b.end)
        if pm is not None and pm2 is not None and pm.lastgroup == pm2.lastgroup:
            cm = _CONNECTOR_RE.fullmatch(text, pm.end(), b.start)
            gap = text[pm.end() : b.start]
    if cm is None:
        return False
    # "50 and 60" is a range only after "between".
    is_and = gap.strip().lower() in ("and", "&")
    return not is_and or _BETWEEN_RE.search(text[max(0, a.start - 20) : a.start]) is not None


def range_values(cand: Candidate) -> tuple[Decimal, Decimal | None] | None:
    """(low, high) of a candidate, multipliers carried across; ``None`` if not a sane range.

    "$70-80k" and "100 to $120K" carry the k back to the first figure.
    """
    lo, hi = cand.lo, cand.hi
    lo_val = lo.value
    if hi is None:
        return lo_val, None
    hi_val = hi.value
    if lo.mult is None and hi.mult is not None:
        scaled = lo.number * hi.mult
        if hi_val / _MAX_RANGE_RATIO <= scaled <= hi_val:
            lo_val = scaled
    elif hi.mult is None and lo.mult is not None:
        scaled = hi.number * lo.mult
        if lo_val <= scaled <= lo_val * _MAX_RANGE_RATIO:
            hi_val = scaled
    elif lo.mult is None and hi.mult is None:
        lo_val = _dropped_thousands(lo_val, hi_val)
    if lo_val > hi_val:
        return None
    if lo_val > 0 and hi_val / lo_val > _MAX_RANGE_RATIO:
        return None  # "50 - $2.00", "3 - 400" are lists, not ranges
    return lo_val, hi_val


def _dropped_thousands(lo: Decimal, hi: Decimal) -> Decimal:
    """"$85 - $95000", "90-110,000": a first figure written without its thousands.

    Only whole figures, a salary-sized upper end, and a result within half of it: "3 - 400" and
    "$5 - $8" stay as they are.
    """
    if hi < _SHORTHAND_MIN_HIGH or not 0 < lo < 1_000 or lo != lo.to_integral_value():
        return lo
    scaled = lo * 1_000
    return scaled if hi / 2 <= scaled <= hi else lo


def open_ends(
    text: str, cand: Candidate, values: tuple[Decimal, Decimal | None], start: int, end: int,
    period_stated: bool,
) -> tuple[Decimal | None, Decimal | None, int, int]:
    """(min, max) with an open end where the text says "up to", "from" or "X+".

    Returns them with the span widened to cover those words.
    """
    lo_val, hi_val = values
    min_v: Decimal | None = lo_val
    max_v: Decimal | None = hi_val if hi_val is not None else lo_val
    if cand.hi is not None:
        return min_v, max_v, start, end
    first = cand.lo
    raw_left = text[max(0, first.start - 30) : first.start]
    um = UP_TO_RE.search(raw_left)
    fm = FROM_RE.search(raw_left)
    if um is not None:
        min_v = None
        start = min(start, first.start - (len(raw_left) - um.start()))
    elif fm is not None:
        max_v = None
        start = min(start, first.start - (len(raw_left) - fm.start()))
    elif first.plus:
        max_v = None
        end = max(end, first.plus_end)
    if first.plus and not period_stated:
        end = max(end, first.plus_end)
    return min_v, max_v, start, end
