"""Helpers shared by the JSON job-board spiders (Remote OK, Remotive, Himalayas, Jobicy).

Board APIs hand out HTML bodies, timestamps in several shapes and numeric pay; these functions
turn them into the raw item's conventions (plain text, ISO 8601 UTC with ``Z``, decimal strings,
the structured ``baseSalary`` dict) without any source-specific knowledge.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import ftfy

from handoff.text import iso_z, parse_iso_time

_MS_THRESHOLD = 1e12
"""Epochs above this are milliseconds: 1e12 s is the year 33658, 1e12 ms is 2001-09-09."""

RATE_WORDS = {"hour": "per hour", "day": "per day", "week": "per week", "month": "per month",
              "year": "per year"}


def repair_text(text: Any) -> str | None:
    """Undo double-encoded UTF-8 (``MÃ­dia`` -> ``Mídia``) and odd control characters.

    Curly quotes are kept as they are: the goal is the text the employer wrote.
    """
    if not isinstance(text, str):
        return None
    return ftfy.fix_text(text, uncurl_quotes=False)


def epoch_to_iso(value: Any) -> str | None:
    """Unix time in seconds or milliseconds (told apart by size) to ISO 8601 UTC."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    seconds = value / 1000 if abs(value) > _MS_THRESHOLD else value
    try:
        return iso_z(datetime.fromtimestamp(seconds, UTC))
    except (OverflowError, OSError, ValueError):
        return None


def text_time_to_iso(value: Any) -> str | None:
    """``2026-05-23T16:22:59+00:00``, ``...Z``, ``2026-05-21T16:42:09`` or
    ``2026-05-21 16:42:09`` to ISO 8601 UTC; a time without an offset is taken as UTC."""
    # Boards pad their times with spaces; the shared parser reads the text as given.
    moment = parse_iso_time(value.strip() if isinstance(value, str) else None)
    return iso_z(moment) if moment is not None else None


def decimal_str(value: Any) -> str | None:
    """A JSON number (or numeric string) as a plain decimal string: ``175600``, ``59200.08``.

    ``None`` for absent, non-numeric, non-finite or non-positive values (boards use ``0`` and
    ``null`` for "not stated").
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        # str() first: Decimal(59200.08) would expose the float's binary expansion.
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or number <= 0:
        return None
    text = format(number.normalize(), "f")
    return text


def render_pay(low: str | None, high: str | None, currency: str | None,
               rate: str | None) -> str:
    """A readable rendering of structured pay, e.g. ``USD 175600 - 204300 per year``."""
    amounts = " - ".join(dict.fromkeys(v for v in (low, high) if v))
    parts = [currency or "", amounts, RATE_WORDS.get(rate or "", "")]
    return " ".join(p for p in parts if p)


def structured_salary(low: Any, high: Any, *, currency: str | None, rate: str | None,
                      raw: str | None = None,
                      currency_raw: str | None = None) -> dict[str, Any] | None:
    """``baseSalary`` for pay a source states in fields; ``None`` when no amount is stated."""
    value_min, value_max = decimal_str(low), decimal_str(high)
    if value_min is None and value_max is None:
        return None
    iso = currency.strip().upper() if isinstance(currency, str) and currency.strip() else None
    return {
        "raw": raw or render_pay(value_min, value_max, iso, rate),
        "valueMin": value_min,
        "valueMax": value_max,
        "currency": iso if iso and re.fullmatch(r"[A-Z]{3}", iso) else None,
        "currencyRaw": currency_raw if currency_raw is not None else currency,
        "rateType": rate,
        "source": "structured",
    }


def clean_tags(values: Any) -> list[str] | None:
    """Tags as the source wrote them, trimmed, empties and repeats dropped; ``None`` if none."""
    if not isinstance(values, list):
        return None
    tags = [v.strip() for v in values if isinstance(v, str) and v.strip()]
    unique = list(dict.fromkeys(tags))
    return unique or None
