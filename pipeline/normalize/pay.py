"""Pay normalizer: find the pay stated in a pay string or a whole job posting.

``parse_pay`` turns text such as ``"$120k-150k"``, ``"€70-90k"`` or ``"$45.00 hourly rate"`` into a
:class:`Pay` (min, max, currency, period, raw).  The text may also be a whole posting (for example a
Hacker News "Who is hiring?" comment); then the first statement that looks like pay is returned.

Design rules, in order of importance:

* **Precision first.**  Pay must never be invented: when unsure, return ``None``.  Equity, bonuses,
  funding rounds, revenue, head counts, years, versions, percentages and phone numbers are not pay.
* **Strict period.**  The period is only set when the text states it.  :func:`infer_period` is a
  separate guess (e.g. ``$150k`` is a yearly salary) that callers may apply on top.
* **Amounts as written.**  "k" and "M" are multiplied out, but nothing is annualised or converted
  here (see :mod:`pipeline.normalize.money`).  Conventions follow the eval README: "up to X" gives
  ``min=None, max=X``; "from X" and "X+" give ``min=X, max=None``; one figure gives ``min == max``.

Everything here is pure and built from module constants; regexes are written without nested
quantifiers so that arbitrary input is scanned in roughly linear time.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Literal

import attrs

__all__ = ["Pay", "Period", "PERIODS", "parse_pay", "infer_period", "period_bounds"]

Period = Literal["hour", "day", "week", "month", "year"]
PERIODS: tuple[Period, ...] = ("hour", "day", "week", "month", "year")


@attrs.frozen
class Pay:
    """One pay statement: ``min``/``max`` are ``None`` for an open end, ``raw`` is the text."""

    min: Decimal | None
    max: Decimal | None
    currency: str | None
    period: Period | None
    raw: str


# --------------------------------------------------------------------------------------------
# Currencies
# --------------------------------------------------------------------------------------------

# ISO 4217 codes recognised when written as a code next to an amount.  Codes that are also common
# English words or company names in upper case (ALL, TOP, CUP, AMD, MAD, BOB, PEN, SOS, TRY) are
# left out: "TOP 10" or "AMD 64" must not become money.  Historic codes are kept because old price
# tags still use them.
_ISO_CODES: frozenset[str] = frozenset(
    """
    AED AFN ANG AOA ARS AUD AWG AZN BBD BDT BGN BHD BIF BMD BND BRL BSD BTN BWP BYN BZD CAD CDF
    CHF CLP CNY COP CRC CUC CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
    GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KRW KWD
    KYD KZT LAK LBP LKR LRD LSL LYD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN
    NIO NOK NPR NZD OMR PAB PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP
    SLE SRD SSP STN SYP SZL THB TJS TMT TND TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF
    XCD XOF XPF YER ZAR ZMW ZWL
    ATS BEF CYP DEM EEK ESP FIM FRF GRD IEP ITL LTL LUF LVL MTL NLG PTE SIT SKK
    """.split()  # noqa: SIM905 - a compact table reads better than 170 quoted strings
)

# Codes people also write in lower case; limited to ones that are not ordinary words.
_LOWER_CODES_TEXT = (
    "usd eur gbp chf pln sek nok dkk aud cad nzd sgd hkd inr jpy cny czk huf ron uah rub zar brl "
    "mxn ils nis mkd"
)
_LOWER_CODES = _LOWER_CODES_TEXT.split()

# Symbols and words -> ISO code.  ``None`` means "this is a currency, but not one ISO code":
# ambiguous (kr could be SEK, NOK, DKK or ISK) or not ISO at all (toman, bitcoin).  A hint can
# still resolve the ambiguous ones, see ``_FAMILIES``.
_SYMBOLS: dict[str, str | None] = {
    # dollars; a bare "$" is USD by convention unless a hint names another dollar
    "$": "USD", "US$": "USD", "US $": "USD", "U.S.$": "USD", "USD$": "USD", "dollars": "USD",
    "dollar": "USD",
    "C$": "CAD", "CA$": "CAD", "CAD$": "CAD", "CAN$": "CAD", "Can$": "CAD", "CDN$": "CAD",
    "A$": "AUD", "AU$": "AUD", "AU $": "AUD", "AUD$": "AUD",
    "NZ$": "NZD", "NZD$": "NZD", "HK$": "HKD", "HKD$": "HKD", "S$": "SGD", "SG$": "SGD",
    "SGD$": "SGD", "R$": "BRL", "MX$": "MXN", "Mex$": "MXN", "NT$": "TWD", "NT": "TWD",
    "AR$": "ARS", "CL$": "CLP", "CO$": "COP", "BZ$": "BZD", "CUC$": "CUC", "RD$": "DOP",
    "J$": "JMD", "MOP$": "MOP", "T$": "TOP", "TT$": "TTD", "$U": "UYU", "$b": "BOB", "Z$": "ZWL",
    "G$": "GYD", "GY$": "GYD", "Bds$": "BBD", "BN$": "BND", "N$": "NAD", "WS$": "WST",
    # euro, pound
    "€": "EUR", "euro": "EUR", "euros": "EUR", "Euro": "EUR", "Euros": "EUR", "EURO": "EUR",
    "£": "GBP", "￡": "GBP", "pound": "GBP", "pounds": "GBP", "stg": "GBP", "E£": "EGP",
    "GBp": None, "₤": None,
    # Swiss franc
    "Fr.": "CHF", "SFr": "CHF", "SFr.": "CHF", "CHf": "CHF", "sFr": "CHF",
    # yen / yuan; a bare ¥ is JPY by convention unless a hint says CNY
    "¥": "JPY", "￥": "JPY", "円": "JPY", "yen": "JPY", "CN¥": "CNY", "元": "CNY", "RMB": "CNY",
    "yuan": "CNY", "人民币": "CNY", "圆": "CNY", "圓": None,
    # rupees
    "₹": "INR", "Rs": "INR", "Rs.": "INR", "Re": "INR", "र": "INR", "₨": "PKR", "ரூ": "LKR",
    "රු": "LKR", "NPRs": "NPR",
    # Nordic crowns: ambiguous
    "kr": None, "Kr": None, "kr.": None, "Kr.": None,
    # central and eastern Europe
    "zł": "PLN", "Zł": "PLN", "zl": "PLN", "złotych": "PLN", "Kč": "CZK", "Ft": "HUF",
    "lei": "RON", "Lei": "RON", "LEI": "RON", "лв.": "BGN", "лв": "BGN", "kn": "HRK",
    "₴": "UAH", "грн.": "UAH", "грн": "UAH", "hrn": "UAH", "₽": "RUB", "руб.": "RUB",
    "руб": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB",
    "р.": "RUB", "Р": "RUB", "Rbl": "RUB", "Br": "BYN", "₺": "TRY", "TL": "TRY",
    "дин.": "RSD", "дин": "RSD", "Дин": "RSD", "din": "RSD", "Dinara": "RSD", "динар": "RSD",
    "ден": "MKD", "ДЕН": "MKD", "KM": "BAM", "км": "BAM", "Lek": "ALL", "₾": "GEL", "ლ": "GEL",
    "lari": "GEL", "ლარი": "GEL", "֏": "AMD", "₼": "AZN", "₸": "KZT", "тг": "KZT", "тңг": "KZT",
    "so'm": "UZS", "som": "UZS", "Sʻ": "UZS", "S'": "UZS",
    # Asia and Pacific
    "₩": "KRW", "원": "KRW", "₪": "ILS", "nis": "ILS", "NIS": "ILS", "ש״ח": "ILS", 'ש"ח': "ILS",
    "ש'ח": "ILS", "ש.ח": "ILS", "ش.ج": "ILS", "Rp": "IDR", "₫": "VND", "đ": "VND", "VNĐ": "VND",
    "฿": "THB", "บาท": "THB", "RM": "MYR", "₱": "PHP", "৳": "BDT", "₭": "LAK", "₮": "MNT",
    "៛": "KHR", "Ks": "MMK", "Nu.": "BTN", "Nu": "BTN", "Rf": "MVR", "؋": "AFN", "VT": "VUV",
    "Vt": "VUV",
    # Middle East and Africa
    "AED": "AED", "Dh": "AED", "Dhs": "AED", "د.إ": "AED", "درهم": "AED", "ر.س": "SAR",
    "KD": "KWD", "د.ك": "KWD", "دينار كويتي": "KWD", "BD": "BHD", ".د.ب": "BHD", "د.ب": "BHD",
    "ر.ع": "OMR", "ر.ق": "QAR", "د.أ": "JOD", "د.ا": "JOD", "دينار أردني": "JOD",
    "ج.م": "EGP", "جنيه": "EGP", "ج.س": "SDG", "ج.س.": "SDG", "ع.د": "IQD", "دج": "DZD",
    "د.ج": "DZD", "د.م": "MAD", "ل.س": "SYP", "ل.ل": "LBP", "ر.ي": "YER", "ش.ص": "SOS",
    "ل.د": "LYD", "LD": "LYD", "د.ت": "TND", "DT": "TND", "ریال": "IRR", "₦": "NGN",
    "₵": "GHS", "GH₵": "GHS", "KSh": "KES", "KShs": "KES", "TSh": "TZS", "USh": "UGX",
    "FCFA": "XAF", "CFA": "XOF", "FBu": "BIF", "Fbu": "BIF", "Fdj": "DJF", "Nfk": "ERN",
    "ናቕፋ": "ERN", "نافكا": "ERN", "ብር": "ETB", "MK": "MWK", "UM": "MRU", "Db": "STN",
    "ZK": "ZMW", "MT": "MZN", "Ar": "MGA", "FRw": "RWF", "RF": "RWF", "R₣": "RWF", "Esc": "CVE",
    "kwz": "AOA", "Kz": "AOA", "FG": "GNF",
    # Americas
    "S/.": "PEN", "S/": "PEN", "B/.": "PAB", "Bs": "BOB", "₡": "CRC", "₲": "PYG", "ƒ": "ANG",
    # currencies without one ISO code; kept so that their amounts are not read as bare numbers
    "تومان": None, "ريال": None, "﷼": None, "₣": None, "₶": None, "¢": None, "₿": None,
    "Ƀ": None, "BTC": None, "franc": None, "francs": None, "GFr": None, "SPL": None,
    "دينار": None,
}

_DOLLAR_CODES_TEXT = (
    "USD AUD CAD NZD HKD SGD MXN ARS CLP COP TWD BBD BMD BND BSD BZD FJD GYD JMD KYD LRD "
    "NAD SBD SRD TTD XCD ZWL UYU"
)

# Ambiguous signs and the ISO codes a caller's hint may select for them.
_FAMILIES: dict[str, frozenset[str]] = {
    "$": frozenset(_DOLLAR_CODES_TEXT.split()),
    "dollars": frozenset({"USD", "AUD", "CAD", "NZD", "HKD", "SGD"}),
    "dollar": frozenset({"USD", "AUD", "CAD", "NZD", "HKD", "SGD"}),
    "£": frozenset({"GBP", "EGP", "FKP", "GIP", "SHP", "SYP", "LBP"}),
    "¥": frozenset({"JPY", "CNY"}),
    "￥": frozenset({"JPY", "CNY"}),
    "kr": frozenset({"SEK", "NOK", "DKK", "ISK"}),
    "Kr": frozenset({"SEK", "NOK", "DKK", "ISK"}),
    "kr.": frozenset({"SEK", "NOK", "DKK", "ISK"}),
    "Kr.": frozenset({"SEK", "NOK", "DKK", "ISK"}),
    "Rs": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "Rs.": frozenset({"INR", "PKR", "LKR", "NPR"}),
    "Fr.": frozenset({"CHF"}),
    # "R" is rand only when the caller says so: alone it is far too common a letter.
    "R": frozenset({"ZAR"}),
}

# Codes with three decimal places: "423.923 KD" is 423.923, not 423,923.
_THREE_DECIMALS = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})

# Rough units per US dollar, used only to scale the sanity bounds for low-value currencies so
# that a monthly ₹150,000 or a yearly ¥8,000,000 is not thrown away.  Currencies worth roughly a
# dollar or more are left at 1: the bounds are deliberately wide.
_UNITS_PER_USD: dict[str, int] = {
    "JPY": 150, "CNY": 7, "INR": 85, "PKR": 280, "LKR": 300, "NPR": 135, "BDT": 120, "HUF": 360,
    "KRW": 1400, "IDR": 16000, "VND": 25000, "RUB": 90, "UAH": 41, "KZT": 500, "TRY": 35,
    "ZAR": 18, "SEK": 10, "NOK": 10, "DKK": 7, "ISK": 140, "CZK": 23, "PLN": 4, "RON": 5,
    "MXN": 18, "BRL": 5, "ARS": 1000, "CLP": 950, "COP": 4000, "PEN": 4, "PHP": 57, "THB": 35,
    "TWD": 32, "HKD": 8, "EGP": 50, "NGN": 1500, "KES": 130, "GHS": 15, "MAD": 10, "ILS": 4,
    "AED": 4, "SAR": 4, "QAR": 4, "MYR": 4, "RSD": 110, "MKD": 57, "BGN": 2, "UZS": 12700,
    "IRR": 42000, "IQD": 1300, "LBP": 89500, "UGX": 3700, "TZS": 2600, "XOF": 600, "XAF": 600,
    "AMD": 390, "GEL": 3, "AZN": 2, "BYN": 3, "MMK": 2100, "KHR": 4000, "LAK": 21000,
    "MNT": 3400, "CRC": 510, "PYG": 7500, "HRK": 7,
}

# Sanity bounds per period, in dollar-like units (scaled by ``_UNITS_PER_USD``).  They throw away
# things like "$200/year" (a perk) or "$5M a year" (revenue), not unusual but real pay.
_BOUNDS: dict[str, tuple[Decimal, Decimal]] = {
    "hour": (Decimal(5), Decimal(1_000)),
    "day": (Decimal(40), Decimal(5_000)),
    "week": (Decimal(200), Decimal(20_000)),
    "month": (Decimal(500), Decimal(100_000)),
    "year": (Decimal(5_000), Decimal(2_000_000)),
}


def period_bounds(period: Period, currency: str | None) -> tuple[Decimal, Decimal]:
    """Plausible (low, high) amounts for one ``period`` in ``currency`` (``None``: dollar-like)."""
    low, high = _BOUNDS[period]
    factor = _UNITS_PER_USD.get(currency or "", 1)
    return low * factor, high * factor


def infer_period(
    min: Decimal | None, max: Decimal | None, currency: str | None  # noqa: A002 - eval naming
) -> Period | None:
    """Guess the period of an amount whose text states none; ``None`` when it is not clear.

    Yearly when the larger end is at least 20,000 dollar-like units (and at most 2,000,000),
    hourly when it is between 15 and 300.  Anything in between (300..20,000) could be a day rate,
    a weekly or a monthly figure, so no guess is made.  Amounts are scaled for low-value
    currencies with the same table as the sanity bounds.
    """
    value = max if max is not None else min
    if value is None or value <= 0:
        return None
    usd_like = value / _UNITS_PER_USD.get(currency or "", 1)
    if Decimal(20_000) <= usd_like <= Decimal(2_000_000):
        return "year"
    if Decimal(15) <= usd_like <= Decimal(300):
        return "hour"
    return None


_TOKENS = frozenset(set(_SYMBOLS) | _ISO_CODES | set(_LOWER_CODES) | {"R"})
_TOKEN_LENGTHS = tuple(sorted({len(t) for t in _TOKENS}))


def _build_token_regex() -> re.Pattern[str]:
    # Longest first: Python's alternation takes the first branch that matches, not the longest.
    ordered = sorted(_TOKENS, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in ordered))


_TOKEN_RE = _build_token_regex()
_TOKEN_MAX_LEN = 16


def _is_word_char(ch: str) -> bool:
    return ch.isalpha()


def _token_iso(token: str) -> str | None:
    """ISO code written by ``token`` alone (no hint); ``None`` if ambiguous or not ISO."""
    if token in _SYMBOLS:
        return _SYMBOLS[token]
    if token == "R":
        return None
    upper = token.upper()
    if upper == "NIS":
        return "ILS"
    return upper if upper in _ISO_CODES else None


@functools.lru_cache(maxsize=512)
def _resolve_hint(hint: str | None) -> tuple[str | None, str | None]:
    """Return (iso, token) for a currency hint.

    A hint may be an ISO code ("AUD") or the text of a nearby element ("Pris NOK 1 999,00",
    "£ 2.00", "Price"); in the latter case the first currency token in it is used.
    """
    if not hint:
        return None, None
    stripped = hint.strip()
    if stripped.upper() in _ISO_CODES and len(stripped) == 3:
        return stripped.upper(), None
    for m in _TOKEN_RE.finditer(stripped):
        tok = m.group(0)
        if not _token_boundaries_ok(stripped, m.start(), m.end()):
            continue
        if tok == "R":
            continue
        return _token_iso(tok), tok
    return None, None


def _token_boundaries_ok(text: str, start: int, end: int) -> bool:
    token = text[start:end]
    if _is_word_char(token[0]) and start > 0 and _is_word_char(text[start - 1]):
        return False
    return not (_is_word_char(token[-1]) and end < len(text) and _is_word_char(text[end]))


def _currency_for(token: str | None, hint: str | None) -> tuple[str | None, bool]:
    """ISO code for a token found next to an amount, disambiguated by the hint.

    Returns (iso, explicit): ``explicit`` is True when the text itself names a currency.
    """
    hint_iso, _ = _resolve_hint(hint)
    if token is None:
        return hint_iso, False
    family = _FAMILIES.get(token)
    if family is not None and hint_iso in family:
        return hint_iso, True
    if token == "R":
        return None, False
    return _token_iso(token), True


# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

# A numeric blob.  Groups separated by a space are only taken as thousands ("120 000"), and the
# repeated groups always start with a separator, so there is no nested ambiguity to backtrack on.
_NUM_RE = re.compile(
    r"""
    (?<![\d.,'’])
    (?:
        \d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3}(?!\d))+(?:[.,]\d{1,2}(?!\d))?
      | \d+(?:[,.'’]\d+)*
      | \.\d+
    )
    """,
    re.VERBOSE,
)

_MULT_RE = re.compile(
    r"""\A(?:
        (?P<k>[kK](?![a-zA-Z])|\s?thousand\b|\s?[Tt]sd\.)
      | (?P<m>(?:MM|M|mm|mn|m)(?![a-zA-Z])|\s?Mio\.?|\s?million\b|\s?millions\b)
      | (?P<b>(?:bn|B)(?![a-zA-Z])|\s?billion\b)
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
        # "1,234,567" / "1.234.567"; anything else (versions, dates, IPs) is not a number.
        return _to_decimal("".join(parts)) if _valid_groups(parts) else None
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


# --------------------------------------------------------------------------------------------
# Context cues
# --------------------------------------------------------------------------------------------

_PER = r"(?:/\s?|per\s+|an?\s+|each\s+|every\s+|pro\s+)"
_PERIOD_AFTER_RE = re.compile(
    rf"""[\s\u00a0]*(?:\(\s*)?
    (?:(?:gross|base|net|pro[-\s]?rata|fixed|approx\.?|brutto|total|rate|salary|(?-i:[A-Z]{{3}}))[\s\u00a0]+){{0,2}}
    (?:
        (?P<hour>{_PER}(?:hour|hr|h|std|stunde)\b\.?|hourly|p\.\s?h\.|p\.?h\b|p/h\b|ph\b|hr\b|hrs\b)
      | (?P<day>{_PER}(?:day|d|diem|tag)\b|daily|day[-\s]?rate|p\.\s?d\.|p/d\b|pd\b|per\s+diem)
      | (?P<week>{_PER}(?:week|wk|w)\b|weekly|p\.\s?w\.|p/w\b|pw\b)
      | (?P<month>{_PER}(?:month|mo|mth|mon|m|monat)\b\.?|monthly|p\.\s?m\.|p/m\b|pcm\b|pm\b)
      | (?P<year>{_PER}(?:year|yr|y|annum|anno|jahr|a|an)\b|annually|annual|yearly|p\.\s?a\.|
                p\.?a\b|p/a\b|pa\b|jährlich|salary\b)
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

_UP_TO_RE = re.compile(
    r"(?:\bup\s*to|\bupto|\bmax(?:imum)?\.?|\bas\s+much\s+as|\bnot\s+to\s+exceed|\bbis\s+zu|"
    r"\bjusqu'?\s?à|≤|<=?)[\s:~]*\Z",
    re.IGNORECASE,
)
_FROM_RE = re.compile(
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
        ml|oz|pcs|pieces|items|units|hours|hrs|days|weeks|months|years|yrs|capital|raised|deal|ACV|cheque|check|investors?)\b""",
    re.VERBOSE | re.IGNORECASE,
)
# Words right before an amount that say the same.
_TRAP_BEFORE_RE = re.compile(
    r"""\b(?:raised|raising|raise|funding|funded|valuation|valued\s+at|revenue|ARR|backed|
        round|invest\w*|AUM|worth|grant|bonus|prize|budget|spent|spend|saved|saving|costs?|
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


# --------------------------------------------------------------------------------------------
# Amount and candidate extraction
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Amount:
    start: int  # span including a currency token and multiplier
    end: int
    num_start: int
    num_end: int
    number: Decimal  # as written, before the multiplier
    mult: Decimal | None
    token: str | None  # currency token as written, if any
    token_before: bool
    plus: bool  # "X+" directly after the amount
    percent: bool
    glued: bool  # stuck to letters ("A04", "3rd", "B2B") or otherwise not a standalone figure
    yearlike: bool

    @property
    def value(self) -> Decimal:
        return self.number * self.mult if self.mult is not None else self.number


def _token_before(text: str, pos: int) -> tuple[str, int] | None:
    """Currency token ending right before ``pos`` (allowing one space or a colon)."""
    lo = max(0, pos - _TOKEN_MAX_LEN - 3)
    window = text[lo:pos]
    # Most figures have no currency before them. A match can only count if some token ends
    # where the allowed gap begins, so look for that with set lookups before trying the regex
    # at every offset of the window.
    ends = [len(window)]
    while len(ends) < 3 and ends[-1] > 0 and window[ends[-1] - 1] in " \u00a0:":
        ends.append(ends[-1] - 1)
    if not any(window[e - n : e] in _TOKENS for e in ends for n in _TOKEN_LENGTHS if n <= e):
        return None
    best: tuple[str, int] | None = None
    for i in range(len(window)):
        m = _TOKEN_RE.match(window, i)
        if not m:
            continue
        gap = window[m.end():]
        if len(gap) > 2 or gap.strip(" \u00a0:") != "":
            continue
        start = lo + i
        if not _token_boundaries_ok(text, start, lo + m.end()):
            continue
        best = (m.group(0), start)
        break
    return best


def _token_after(text: str, pos: int) -> tuple[str, int] | None:
    """Currency token starting right after ``pos`` (allowing one space)."""
    i = pos
    if i < len(text) and text[i] in " \u00a0":
        i += 1
    m = _TOKEN_RE.match(text, i)
    if not m:
        return None
    if not _token_boundaries_ok(text, i, m.end()):
        return None
    return m.group(0), m.end()


# Phone numbers and similar digit runs: "+1 (415) 555-0134", "030 1234 5678".
_PHONE_RE = re.compile(r"\+?\(?\d{1,4}\)?(?:[ \-]\(?\d{2,4}\)?){2,5}(?![\d.,])")


def _phone_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _PHONE_RE.finditer(text):
        digits = sum(c.isdigit() for c in m.group(0))
        if digits >= 9:
            spans.append(m.span())
    return spans


def _find_amounts(text: str) -> Iterator[_Amount]:
    phones = _phone_spans(text)
    for m in _NUM_RE.finditer(text):
        blob = m.group(0)
        ns, ne = m.start(), m.end()
        end = ne
        # Multiplier, possibly after a currency token written between ("12 € k" is not a thing,
        # but "$120k" and "120k €" are).
        mult: Decimal | None = None
        mm = _MULT_RE.match(text[ne : ne + 12])
        if mm and not _multiplier_is_unit(text, ne + mm.end()):
            kind = mm.lastgroup
            mult = {"k": Decimal(1_000), "m": Decimal(1_000_000), "b": Decimal(10**9)}[kind or "k"]
            end = ne + mm.end()
        token: str | None = None
        token_before = False
        start = ns
        before = _token_before(text, ns)
        if before is not None:
            token, start = before
            token_before = True
        else:
            after = _token_after(text, end)
            if after is not None:
                token, end = after
        if token in _FAMILIES:
            # "NZD $100", "$1,190.00 AUD", "$150k USD": a code beside an ambiguous sign wins.
            family = _FAMILIES[token]
            outer = _token_before(text, start) if token_before else _token_after(text, end)
            if outer is not None and _token_iso(outer[0]) in family:
                if token_before:
                    start = outer[1]
                else:
                    end = outer[1]
                token = outer[0]
            elif token_before:
                after_code = _token_after(text, end)
                if after_code is not None and _token_iso(after_code[0]) in family:
                    token, end = after_code
        if token in ("R",) and not token_before:
            token = None
            end = ne if mult is None else end
        three = _token_iso(token) in _THREE_DECIMALS if token else False
        number = _parse_number(blob, three_decimals=three, has_mult=mult is not None)
        if number is None:
            continue
        prev_ch = text[ns - 1] if ns > 0 else ""
        next_ch = text[end] if end < len(text) else ""
        glued = False
        if not token_before and prev_ch and (prev_ch.isalpha() or prev_ch in "#_@/\\"):
            glued = True
        if prev_ch == "+" and not token_before:
            glued = True  # "+1 415 ..." phone numbers, "+20" deltas
        if end == ne and next_ch.isalpha() and not _period_starts(text, end):
            glued = True  # "3rd", "10x", "5G"
        if next_ch.isdigit():
            glued = True
        if token is None and any(a <= ns < b for a, b in phones):
            glued = True
        # "401k" / "401(k)" plans are retirement accounts, not pay.
        if blob == "401" and (mult is not None or text[ne : ne + 3].lower() == "(k)"):
            glued = True
        # Dates and versions: "15.08.2017" is rejected by _parse_number; "2019-2024" here.
        yearlike = (
            blob.isdigit() and len(blob) == 4 and 1900 <= int(blob) <= 2100 and mult is None
            and token is None
        )
        plus = end < len(text) and text[end] == "+" and not (
            end + 1 < len(text) and text[end + 1].isalnum()
        )
        rest = text[end : end + 3].lstrip(" \u00a0")
        percent = rest.startswith("%") or text[end : end + 8].lower().lstrip().startswith(
            "percent"
        )
        yield _Amount(
            start=start, end=end, num_start=ns, num_end=ne, number=number, mult=mult,
            token=token, token_before=token_before, plus=plus, percent=percent, glued=glued,
            yearlike=yearlike,
        )


def _multiplier_is_unit(text: str, pos: int) -> bool:
    """True when what looked like a multiplier starts a unit ("5 ms", "10 min", "3 km")."""
    return pos < len(text) and (text[pos].isalpha() or text[pos] == "²")


def _period_starts(text: str, pos: int) -> bool:
    return _PERIOD_AFTER_RE.match(text, pos) is not None


@attrs.frozen
class _Candidate:
    lo: _Amount
    hi: _Amount | None  # second end of a range


def _candidates(text: str, amounts: list[_Amount]) -> Iterator[_Candidate]:
    i = 0
    while i < len(amounts):
        a = amounts[i]
        if i + 1 < len(amounts):
            b = amounts[i + 1]
            gap = text[a.end : b.start]
            cm = _CONNECTOR_RE.fullmatch(gap) if len(gap) <= 12 else None
            if cm is None and len(gap) <= 30:
                # "$120/hr - $130/hr": the same period written on both ends.
                pm = _PERIOD_AFTER_RE.match(text, a.end, b.start)
                pm2 = _PERIOD_AFTER_RE.match(text, b.end)
                if pm is not None and pm2 is not None and pm.lastgroup == pm2.lastgroup:
                    cm = _CONNECTOR_RE.fullmatch(text, pm.end(), b.start)
                    gap = text[pm.end() : b.start]
            if cm is not None:
                word = gap.strip().lower()
                is_and = word in ("and", "&")
                if not is_and or _BETWEEN_RE.search(text[max(0, a.start - 20) : a.start]):
                    yield _Candidate(a, b)
                    i += 2
                    continue
        yield _Candidate(a, None)
        i += 1


# --------------------------------------------------------------------------------------------
# Evaluation of one candidate
# --------------------------------------------------------------------------------------------


@attrs.frozen
class _Verdict:
    pay: Pay
    strong: bool  # currency written, multiplier or period: more than a bare number


def _line_left(text: str, pos: int, width: int) -> str:
    lo = max(0, pos - width)
    left = text[lo:pos]
    nl = left.rfind("\n")
    return left[nl + 1 :] if nl >= 0 else left


def _clause_right(text: str, pos: int, width: int) -> str:
    right = text[pos : pos + width]
    m = _CLAUSE_BREAK_RE.search(right)
    return right[: m.start()] if m else right


def _evaluate(text: str, cand: _Candidate, hint: str | None, posting: bool) -> _Verdict | None:
    lo, hi = cand.lo, cand.hi
    ends = [lo] if hi is None else [lo, hi]
    if any(e.percent or e.glued or e.yearlike for e in ends):
        return None
    # Currency: a token on either end of a range applies to both ends.
    tokens = [e.token for e in ends if e.token is not None]
    token = tokens[0] if tokens else None
    if len({_token_iso(t) for t in tokens}) > 1:
        # "$120k-150k CAD": the code names which dollar; "$100 - €200" is two things.
        specific = {_token_iso(t) for t in tokens if t not in _FAMILIES}
        if len(specific) != 1 or not all(
            next(iter(specific)) in _FAMILIES[t] for t in tokens if t in _FAMILIES
        ):
            return None
        token = next(t for t in tokens if t not in _FAMILIES)
    currency, explicit = _currency_for(token, hint)
    token_is_currency = token is not None and token != "R"

    # Multipliers: "$70-80k" and "100 to $120K" carry the k back to the first figure.
    lo_val = lo.value
    hi_val = hi.value if hi is not None else None
    has_mult = any(e.mult is not None for e in ends)
    if hi is not None and hi_val is not None:
        if lo.mult is None and hi.mult is not None:
            scaled = lo.number * hi.mult
            if hi_val / 20 <= scaled <= hi_val:
                lo_val = scaled
        elif hi.mult is None and lo.mult is not None:
            scaled = hi.number * lo.mult
            if lo_val <= scaled <= lo_val * 20:
                hi_val = scaled
        if lo_val > hi_val:
            return None
        if lo_val > 0 and hi_val / lo_val > 20:
            return None  # "50 - $2.00", "3 - 400" are lists, not ranges

    first, last = lo, hi or lo
    span_start, span_end = first.start, last.end
    left = _line_left(text, span_start, 60)
    if posting and not tokens and not has_mult and not _could_have_period(text, left, last):
        return None  # a bare number in a posting: skip the costlier checks below
    right_clause = _clause_right(text, span_end, 40)

    # Traps: the words around the figure say it is something else.
    if _TRAP_AFTER_RE.search(right_clause[:30]) or _TRAP_NEXT_RE.match(right_clause):
        return None
    if _TRAP_BEFORE_RE.search(left[-40:]):
        return None
    if _COMMISSION_RE.search(text[max(0, span_start - 80) : span_end + 80]):
        return None

    # Period: stated after the figure, else named just before it.
    period: Period | None = None
    pm = _PERIOD_AFTER_RE.match(text, span_end + (1 if last.plus else 0))
    if pm is not None and pm.lastgroup in PERIODS:
        period = pm.lastgroup  # type: ignore[assignment]
        span_end = pm.end()
    else:
        bm = _PERIOD_BEFORE_RE.search(left[-45:])
        if bm is not None and bm.lastgroup in PERIODS:
            period = bm.lastgroup  # type: ignore[assignment]
            span_start = span_start - (len(left[-45:]) - bm.start())

    # Open ends.
    min_v: Decimal | None = lo_val
    max_v: Decimal | None = hi_val if hi_val is not None else lo_val
    raw_left = text[max(0, first.start - 30) : first.start]
    if hi is None:
        um = _UP_TO_RE.search(raw_left)
        fm = _FROM_RE.search(raw_left)
        if um is not None:
            min_v = None
            span_start = min(span_start, first.start - (len(raw_left) - um.start()))
        elif fm is not None:
            max_v = None
            span_start = min(span_start, first.start - (len(raw_left) - fm.start()))
        elif lo.plus:
            max_v = None
            span_end = max(span_end, lo.end + 1)
        if lo.plus and pm is None and period is None:
            span_end = max(span_end, lo.end + 1)

    strong = token_is_currency or has_mult or period is not None
    if posting:
        salary_cue = bool(_SALARY_CUE_RE.search(left[-50:]) or _SALARY_CUE_RE.search(
            text[span_end : span_end + 40]
        )) or _starts_field(text, first.start)
        evidence = (token_is_currency and explicit) or period is not None or (
            has_mult and salary_cue
        ) or (currency is not None and salary_cue and has_mult)
        if not evidence:
            return None
        # Millions in a posting are funding or revenue unless a period says otherwise.
        if period is None and any(e.mult is not None and e.mult >= 1_000_000 for e in ends):
            return None
    if not _within_bounds(min_v, max_v, currency, period, posting):
        return None

    raw = text[span_start:span_end]
    pay = Pay(min=min_v, max=max_v, currency=currency, period=period, raw=raw)
    return _Verdict(pay=pay, strong=strong)


_PERIOD_WORDS = ("hour", "hr", "/h", "day", "daily", "week", "/w", "month", "/m", "annu", "year",
                 "/y", "p.", "pa", "ph", "pw", "pd", "pm", "salary", "rate", "stunde", "tag")


def _could_have_period(text: str, left: str, last: _Amount) -> bool:
    """Cheap pre-check: is any period word near the amount at all?"""
    near = (left[-45:] + text[last.end : last.end + 40]).lower()
    return any(w in near for w in _PERIOD_WORDS)


def _starts_field(text: str, pos: int) -> bool:
    """True when the amount opens a "|"-separated header field or a line ("| $150-200k |")."""
    left = _line_left(text, pos, 25)
    bar = left.rfind("|")
    prefix = left[bar + 1 :] if bar >= 0 else left
    if bar < 0 and "|" not in text[pos : pos + 200].split("\n", 1)[0]:
        return False
    return prefix.strip(" \t~≈:") == "" or bool(_UP_TO_RE.search(prefix) or _FROM_RE.search(prefix))


def _within_bounds(
    min_v: Decimal | None,
    max_v: Decimal | None,
    currency: str | None,
    period: Period | None,
    posting: bool,
) -> bool:
    values = [v for v in (min_v, max_v) if v is not None]
    if not values or any(v < 0 for v in values):
        return False
    check = period
    if check is None:
        if not posting:
            return True  # a bare "12.99" is a price as far as we can tell
        # In a posting, a figure with no period must look like a yearly salary: hourly-looking
        # small sums there are far more often perks, prices or counts than pay.
        check = infer_period(min_v, max_v, currency)
        if check != "year":
            return False
    low, high = period_bounds(check, currency)
    top = max(values)
    if not (low <= top <= high):
        return False
    # A zero lower end ("$0 - $79000") is a real convention; other ends must be plausible too.
    return all(v == 0 or low <= v <= high for v in values)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------

_POSTING_MIN_LEN = 160


def _is_posting(text: str) -> bool:
    """Long or multi-line text is a posting: its figures need evidence before they count as pay."""
    return len(text) > _POSTING_MIN_LEN or "\n" in text.strip() or text.count("|") >= 2


def parse_pay(
    text: str | None,
    *,
    currency_hint: str | None = None,
    date: datetime.date | None = None,
) -> Pay | None:
    """Return the pay stated in ``text``, or ``None`` when it states none (or we are unsure).

    ``currency_hint`` is an ISO code (e.g. the country's currency) or the text of a nearby element;
    it resolves ambiguous signs ("$" with ``AUD``, "kr" with ``SEK``) and applies when the text
    names no currency.  ``date`` is accepted for interface stability (conversion lives in
    :mod:`pipeline.normalize.money`); parsing itself does not depend on it.
    """
    del date  # parsing is date independent; callers pass it through for conversion
    if not text or not isinstance(text, str):
        return None
    posting = _is_posting(text)
    amounts = list(_find_amounts(text))
    fallback: Pay | None = None
    for cand in _candidates(text, amounts):
        verdict = _evaluate(text, cand, currency_hint, posting)
        if verdict is None:
            continue
        if posting or verdict.strong:
            return verdict.pay
        if fallback is None:
            fallback = verdict.pay
    return fallback
