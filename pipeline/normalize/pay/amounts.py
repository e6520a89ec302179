"""Amounts: figures in text, their thousands and decimal separators, and k/M multipliers.

Regexes are written without nested quantifiers so that arbitrary input is scanned in roughly
linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

import attrs

from .currencies import THREE_DECIMALS, currency_beside, token_iso
from .periods import period_starts

# A numeric blob.  Groups separated by a space are only taken as thousands ("120 000"), and the
# repeated groups always start with a separator, so there is no nested ambiguity to backtrack on.
# It is not preceded by a digit or a separator; that is checked after its first character, so
# that the pattern starts with a character set and the scan skips text without figures fast.
_NUM_RE = re.compile(
    r"""
    [\d.](?<![\d.,'’][\d.])
    (?:
        (?<=\d)
        (?:
            \d{0,2}(?:[\u00a0\u202f\u2009 ]\d{3}(?!\d))+(?:[.,]\d{1,2}(?!\d))?
          | \d*(?:[,.'’]\d+)*
        )
      | (?<=\.)\d+
    )
    """,
    re.VERBOSE,
)

_MULT_RE = re.compile(
    r"""\A(?:
        (?P<k>[kK](?![a-zA-Z])|\s?thousand\b|\s?[Tt]sd\.)
      | (?P<m>(?:MM|M|mm|mn|m)(?![a-zA-Z])|\s?Mio\.?|\s?million\b|\s?millions\b)
      | (?P<b>(?:bn|B)(?![a-zA-Z])|\s?billion\b)
      | (?P<l>\s?(?i:lakhs?|lacs?|lakh)\b|\s?L(?=PA\b|pa\b))
      | (?P<c>\s?(?i:crores?)\b|\s?[Cc]r\b\.?)
      | (?P<lk>L(?![a-zA-Z]))
    )""",
    re.VERBOSE,
)


def _to_decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _parse_number(
    blob: str, *, three_decimals: bool = False, has_mult: bool = False
) -> Decimal | None:
    """Read a number written with any common thousands/decimal convention; None if malformed."""
    text = blob.replace("'", "").replace("’", "")
    for space in ("\u00a0", "\u202f", "\u2009", " "):
        text = text.replace(space, "")
    if text.startswith("."):
        return _to_decimal("0" + text)
    seps = [c for c in text if c in ".,"]
    if not seps:
        return _to_decimal(text)
    parts = re.split(r"[.,]", text)
    if len(set(seps)) == 2:
        # "1.234,56" or "1,234.56": the last separator is the decimal point and occurs once.
        dec = seps[-1]
        if seps.count(dec) != 1:
            return None
        int_parts = parts[:-1]
        if not _valid_groups(int_parts):
            return None
        return _to_decimal("".join(int_parts) + "." + parts[-1])
    sep = seps[0]
    if len(seps) > 1:
        # "1,234,567" / "1.234.567", and the Indian "25,00,000"; anything else (versions, dates,
        # IPs) is not a number.
        valid = _valid_groups(parts) or (sep == "," and _indian_groups(parts))
        return _to_decimal("".join(parts)) if valid else None
    head, tail = parts
    thousands = (
        len(tail) == 3
        and head not in ("", "0")
        and len(head) <= 3
        and not three_decimals
        and not has_mult
    )
    if thousands:
        return _to_decimal(head + tail)
    del sep
    return _to_decimal(head + "." + tail)


def _valid_groups(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])


def _indian_groups(parts: list[str]) -> bool:
    """Lakh grouping: "25,00,000" and "1,20,00,000" (pairs of digits, then the last three)."""
    return (
        len(parts) >= 3 and 1 <= len(parts[0]) <= 2 and len(parts[-1]) == 3
        and all(len(p) == 2 for p in parts[1:-1])
    )


# Indian notation: a lakh is 100,000 and a crore 10,000,000 ("12-18 LPA" = lakh per annum).
LAKH = Decimal(100_000)
CRORE = Decimal(10_000_000)
_MULTIPLIERS = {
    "k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(10**9), "l": LAKH, "c": CRORE,
    "lk": LAKH,
}
# "$120,000 +" at the end of a field is an open range; "$60,000 + super" is not.
_SPACED_PLUS_RE = re.compile(r"[ \u00a0]\+[ \u00a0]*(?=\Z|[\n|,;)/]|per\b)")


@attrs.frozen
class Amount:
    """One figure as found in the text, with the currency token and multiplier beside it."""

    start: int  # span including a currency token and multiplier
    end: int
    num_start: int
    num_end: int
    number: Decimal  # as written, before the multiplier
    mult: Decimal | None
    token: str | None  # currency token as written, if any
    token_before: bool
    plus: bool  # "X+" after the amount ("120k+", or "$120,000 +" ending a field)
    plus_end: int  # just after that "+" (``end`` when there is none)
    lakh_letter: bool  # "₹40L": a bare "L" is a lakh only beside a rupee
    percent: bool
    glued: bool  # stuck to letters ("A04", "3rd", "B2B") or otherwise not a standalone figure
    yearlike: bool

    @property
    def value(self) -> Decimal:
        if self.mult is None:
            return self.number
        value = self.number * self.mult
        # "1.2 crore" is 12000000, not 12000000.0
        integral = value.to_integral_value()
        return integral if integral == value else value


# Phone numbers and similar digit runs: "+1 (415) 555-0134", "030 1234 5678".
# Its optional "+(" prefix is read as a first character and what it was (see _NUM_RE).
_PHONE_RE = re.compile(
    r"[+(\d](?:(?<=\+)\(?\d{1,4}|(?<=\()\d{1,4}|(?<=\d)\d{0,3})\)?"
    r"(?:[ \-]\(?\d{2,4}\)?){2,5}(?![\d.,])"
)


class _Phones:
    """The phone numbers of a text, looked for only as far as the figures read so far: the
    parser stops at the first pay, often in an ad's first line."""

    def __init__(self, text: str) -> None:
        self._matches: Iterator[re.Match[str]] | None = _PHONE_RE.finditer(text)
        self._next: re.Match[str] | None = None
        self._spans: list[tuple[int, int]] = []

    def cover(self, pos: int) -> bool:
        """Whether a phone number spans ``pos``."""
        # Every number starting at or before pos is found; any that spans it is among them.
        while self._matches is not None and (self._next is None or self._next.start() <= pos):
            if self._next is not None and sum(c.isdigit() for c in self._next.group(0)) >= 9:
                self._spans.append(self._next.span())
            self._next = next(self._matches, None)
            if self._next is None:
                self._matches = None
        return any(a <= pos < b for a, b in self._spans)


def find_amounts(text: str) -> Iterator[Amount]:
    """Every well-formed figure in ``text``, in order."""
    phones = _Phones(text)
    for m in _NUM_RE.finditer(text):
        amount = _read_amount(text, m.group(0), m.start(), m.end(), phones)
        if amount is not None:
            yield amount


def _read_amount(
    text: str, blob: str, ns: int, ne: int, phones: _Phones
) -> Amount | None:
    end = ne
    # Multiplier, possibly after a currency token written between ("12 € k" is not a thing,
    # but "$120k" and "120k €" are).
    mult: Decimal | None = None
    mm = _MULT_RE.match(text[ne : ne + 12])
    if mm and (mm.lastgroup == "l" or not _multiplier_is_unit(text, ne + mm.end())):
        mult = _MULTIPLIERS[mm.lastgroup or "k"]
        end = ne + mm.end()
    token, token_before, start, end = currency_beside(text, ns, end)
    if token == "R" and not token_before:
        token = None
        end = ne if mult is None else end
    three = token_iso(token) in THREE_DECIMALS if token else False
    number = _parse_number(blob, three_decimals=three, has_mult=mult is not None)
    if number is None:
        return None
    glued = _is_glued(text, blob, ns, ne, end, token_before, mult) or (
        token is None and phones.cover(ns)
    )
    # Dates and versions: "15.08.2017" is rejected by _parse_number; "2019-2024" here.
    yearlike = (
        blob.isdigit() and len(blob) == 4 and 1900 <= int(blob) <= 2100 and mult is None
        and token is None
    )
    plus = end < len(text) and text[end] == "+" and not (
        end + 1 < len(text) and text[end + 1].isalnum()
    )
    plus_end = end + 1 if plus else end
    spaced = None if plus else _SPACED_PLUS_RE.match(text, end)
    if spaced is not None:
        plus, plus_end = True, end + 2
    rest = text[end : end + 3].lstrip(" \u00a0")
    percent = rest.startswith("%") or text[end : end + 8].lower().lstrip().startswith("percent")
    return Amount(
        start=start, end=end, num_start=ns, num_end=ne, number=number, mult=mult,
        token=token, token_before=token_before, plus=plus, plus_end=plus_end, percent=percent,
        glued=glued, yearlike=yearlike, lakh_letter=mm is not None and mm.lastgroup == "lk",
    )


def _is_glued(
    text: str, blob: str, ns: int, ne: int, end: int, token_before: bool, mult: Decimal | None
) -> bool:
    """True when the figure at ``ns:ne`` is part of a word, code or number, not a figure itself."""
    prev_ch = text[ns - 1] if ns > 0 else ""
    next_ch = text[end] if end < len(text) else ""
    if not token_before and prev_ch and (prev_ch.isalpha() or prev_ch in "#_@/\\"):
        return True
    if prev_ch == "+" and not token_before:
        return True  # "+1 415 ..." phone numbers, "+20" deltas
    if end == ne and next_ch.isalpha() and not period_starts(text, end):
        return True  # "3rd", "10x", "5G"
    if next_ch.isdigit():
        return True
    # "401k" / "401(k)" plans are retirement accounts, not pay.
    return blob == "401" and (mult is not None or text[ne : ne + 3].lower() == "(k)")


def _multiplier_is_unit(text: str, pos: int) -> bool:
    """True when what looked like a multiplier starts a unit ("5 ms", "10 min", "3 km")."""
    return pos < len(text) and (text[pos].isalpha() or text[pos] == "²")
