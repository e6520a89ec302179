"""Currencies: ISO codes, symbols and words next to an amount, and the caller's currency hint."""

from __future__ import annotations

import functools
import re

import attrs
import pycountry

# ISO 4217 codes recognised when written as a code next to an amount: pycountry's list of codes
# in use, with the differences below, each of which would change what is read as money.
# Codes that are also common English words or company names in upper case: "TOP 10" or "AMD 64"
# must not become money.
_CODES_THAT_ARE_WORDS = frozenset({"ALL", "TOP", "CUP", "AMD", "MAD", "BOB", "PEN", "SOS", "TRY"})
# Not used for pay: funds and units of account (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW),
# metals, drawing rights and test codes (X..), and currencies we have never recognised as codes
# (BAM, KPW, SVC) or that are too new to appear in postings (VED, XCG, ZWG).
_CODES_NOT_FOR_PAY = frozenset(
    """
    BOV CHE CHW CLF COU MXV USN UYI UYW
    XAD XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX
    BAM KPW SVC VED XCG ZWG
    """.split()  # noqa: SIM905 - a compact table reads better than quoted strings
)
# Retired codes pycountry no longer lists, kept because old price tags and postings still use
# them: the currencies the euro replaced, and ones replaced since (ANG, BGN, CUC, HRK, ZWL).
_RETIRED_CODES = frozenset(
    """
    ATS BEF CYP DEM EEK ESP FIM FRF GRD IEP ITL LTL LUF LVL MTL NLG PTE SIT SKK
    ANG BGN CUC HRK ZWL
    """.split()  # noqa: SIM905 - a compact table reads better than quoted strings
)
ISO_CODES: frozenset[str] = frozenset(
    {c.alpha_3 for c in pycountry.currencies} - _CODES_THAT_ARE_WORDS - _CODES_NOT_FOR_PAY
    | _RETIRED_CODES
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
THREE_DECIMALS = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})

_TOKENS = frozenset(set(_SYMBOLS) | ISO_CODES | set(_LOWER_CODES) | {"R"})


def _build_token_regex() -> re.Pattern[str]:
    # Longest first: Python's alternation takes the first branch that matches, not the longest.
    ordered = sorted(_TOKENS, key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in ordered))


_TOKEN_RE = _build_token_regex()
_TOKEN_MAX_LEN = 16


def _is_word_char(ch: str) -> bool:
    return ch.isalpha()


def token_iso(token: str) -> str | None:
    """ISO code written by ``token`` alone (no hint); ``None`` if ambiguous or not ISO."""
    if token in _SYMBOLS:
        return _SYMBOLS[token]
    if token == "R":
        return None
    upper = token.upper()
    if upper == "NIS":
        return "ILS"
    return upper if upper in ISO_CODES else None


@functools.lru_cache(maxsize=512)
def _resolve_hint(hint: str | None) -> tuple[str | None, str | None]:
    """Return (iso, token) for a currency hint.

    A hint may be an ISO code ("AUD") or the text of a nearby element ("Pris NOK 1 999,00",
    "£ 2.00", "Price"); in the latter case the first currency token in it is used.
    """
    if not hint:
        return None, None
    stripped = hint.strip()
    if stripped.upper() in ISO_CODES and len(stripped) == 3:
        return stripped.upper(), None
    for m in _TOKEN_RE.finditer(stripped):
        tok = m.group(0)
        if not _token_boundaries_ok(stripped, m.start(), m.end()):
            continue
        if tok == "R":
            continue
        return token_iso(tok), tok
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
    return token_iso(token), True


@attrs.frozen
class Currency:
    """The currency of one figure or range."""

    iso: str | None
    explicit: bool  # the text itself names the currency (not only the hint)
    written: bool  # a currency token stands next to the figure ("R" alone does not count)


def shared_currency(tokens: list[str], hint: str | None) -> Currency | None:
    """The currency of a figure or range whose ends carry ``tokens``; ``None`` if they disagree.

    A token on either end of a range applies to both ends.
    """
    token = tokens[0] if tokens else None
    if len({token_iso(t) for t in tokens}) > 1:
        # "$120k-150k CAD": the code names which dollar; "$100 - €200" is two things.
        specific = {token_iso(t) for t in tokens if t not in _FAMILIES}
        if len(specific) != 1 or not all(
            next(iter(specific)) in _FAMILIES[t] for t in tokens if t in _FAMILIES
        ):
            return None
        token = next(t for t in tokens if t not in _FAMILIES)
    iso, explicit = _currency_for(token, hint)
    return Currency(iso=iso, explicit=explicit, written=token is not None and token != "R")


# What may stand between a currency token and its figure: "$ 100", "EUR: 100", "€~55k".
_GAP_CHARS = " \u00a0:~≈"


def _token_before(text: str, pos: int) -> tuple[str, int] | None:
    """Currency token ending right before ``pos`` (allowing one space or a colon)."""
    lo = max(0, pos - _TOKEN_MAX_LEN - 3)
    window = text[lo:pos]
    # Most figures have no currency before them. A match can only count if some token ends
    # where the allowed gap begins, so look for that with set lookups before trying the regex
    # at every offset of the window.
    ends = [len(window)]
    while len(ends) < 3 and ends[-1] > 0 and window[ends[-1] - 1] in _GAP_CHARS:
        ends.append(ends[-1] - 1)
    if not any(window[e - n : e] in _TOKENS for e in ends if e
               for n in _BY_LAST.get(window[e - 1], ()) if n <= e):
        return None
    best: tuple[str, int] | None = None
    for i in range(len(window)):
        token = _token_at(window, i)
        if token is None:
            continue
        gap = window[i + len(token):]
        if len(gap) > 2 or gap.strip(_GAP_CHARS) != "":
            continue
        start = lo + i
        if not _token_boundaries_ok(text, start, start + len(token)):
            continue
        best = (token, start)
        break
    return best


def _token_after(text: str, pos: int) -> tuple[str, int] | None:
    """Currency token starting right after ``pos`` (allowing one space)."""
    i = pos
    if i < len(text) and text[i] in " \u00a0":
        i += 1
    token = _token_at(text, i)
    if token is None:
        return None
    if not _token_boundaries_ok(text, i, i + len(token)):
        return None
    return token, i + len(token)


def _lengths_by(index: int) -> dict[str, tuple[int, ...]]:
    """The lengths of the tokens, longest first, by their first (0) or last (-1) character."""
    found: dict[str, set[int]] = {}
    for token in _TOKENS:
        found.setdefault(token[index], set()).add(len(token))
    return {c: tuple(sorted(lengths, reverse=True)) for c, lengths in found.items()}


_BY_FIRST = _lengths_by(0)
_BY_LAST = _lengths_by(-1)


def _token_at(text: str, i: int) -> str | None:
    """The token ``_TOKEN_RE.match(text, i)`` finds: the longest one starting at ``i`` (its
    alternatives are literals, longest first). Set lookups of the few lengths a token starting
    with that character has cost a fraction of trying hundreds of alternatives."""
    if i >= len(text):
        return None
    for n in _BY_FIRST.get(text[i], ()):
        if text[i : i + n] in _TOKENS:
            return text[i : i + n]
    return None


def currency_beside(text: str, start: int, end: int) -> tuple[str | None, bool, int, int]:
    """The currency token written next to the figure at ``start:end``.

    Returns (token, before, start, end): ``before`` is True when the token precedes the figure;
    the span is widened to cover the token, and a code beside an ambiguous sign.
    """
    before = _token_before(text, start)
    if before is not None:
        token, start = before
    else:
        after = _token_after(text, end)
        if after is None:
            return None, False, start, end
        token, end = after
    is_before = before is not None
    family = _FAMILIES.get(token)
    if family is None:
        return token, is_before, start, end
    # "NZD $100", "$1,190.00 AUD", "$150k USD": a code beside an ambiguous sign wins.
    outer = _token_before(text, start) if is_before else _token_after(text, end)
    if outer is not None and token_iso(outer[0]) in family:
        if is_before:
            start = outer[1]
        else:
            end = outer[1]
        return outer[0], is_before, start, end
    if is_before:
        after_code = _token_after(text, end)
        if after_code is not None and token_iso(after_code[0]) in family:
            token, end = after_code
    return token, is_before, start, end
