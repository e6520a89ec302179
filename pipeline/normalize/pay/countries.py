"""The currency of a posting's country, for pay whose text names no currency.

ISO 3166 alpha-2 -> ISO 4217.  Typed by hand: pycountry has no country -> currency table, and
the list only needs the countries job ads come from.  A country not listed gives no currency
(we never guess one from nowhere).
"""

from __future__ import annotations

_EURO = "AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK"

_OTHERS: dict[str, str] = {
    "US": "USD", "PR": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD",
    "GB": "GBP", "UK": "GBP", "IM": "GBP", "JE": "GBP", "GG": "GBP", "CH": "CHF", "LI": "CHF",
    "SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK", "PL": "PLN", "CZ": "CZK", "HU": "HUF",
    "RO": "RON", "BG": "BGN", "RS": "RSD", "UA": "UAH", "TR": "TRY", "IL": "ILS", "AE": "AED",
    "SA": "SAR", "QA": "QAR", "IN": "INR", "PK": "PKR", "LK": "LKR", "NP": "NPR", "BD": "BDT",
    "JP": "JPY", "CN": "CNY", "KR": "KRW", "TW": "TWD", "ID": "IDR", "VN": "VND", "TH": "THB",
    "MY": "MYR", "PH": "PHP", "ZA": "ZAR", "NG": "NGN", "KE": "KES", "EG": "EGP", "MA": "MAD",
    "BR": "BRL", "MX": "MXN", "AR": "ARS", "CL": "CLP", "CO": "COP", "PE": "PEN",
}

COUNTRY_CURRENCY: dict[str, str] = {**dict.fromkeys(_EURO.split(), "EUR"), **_OTHERS}


def country_currency(country: str | None) -> str | None:
    """ISO currency of an ISO alpha-2 ``country`` code; ``None`` when unknown or not given."""
    if not country or not isinstance(country, str):
        return None
    return COUNTRY_CURRENCY.get(country.strip().upper())
