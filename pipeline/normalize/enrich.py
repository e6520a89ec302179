"""Normalized columns of a posting from its raw values: pure, composed of the normalizers.

Pay: structured pay from the source wins over text once it is plausible for its period (see
:mod:`pipeline.normalize.structured`: re-read by magnitude or dropped otherwise); text pay is
looked for in the header's pay field first, then in the whole posting, and only in so many words
("Salary: ...") when the source says pay is hidden. A period the text does not state may be
inferred from the amount and is flagged as inferred. Amounts are converted to USD with the ECB
reference rate of the posting date, and annual and hourly equivalents use the one model of a
year of work in ``pipeline.normalize.money`` (``WorkYear``: 220 days of 8 hours by default).
Rates (hour/day/week) and salaries (month/year) are told apart in ``pay_kind`` so that no
statistic mixes them silently.
"""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from functools import lru_cache
from typing import Any

from pipeline.normalize.dedup import exact_key
from pipeline.normalize.money import (
    WorkYear,
    annualize,
    hourly,
    is_rate,
    to_usd,
    usd_rate,
)
from pipeline.normalize.pay import Pay, parse_pay
from pipeline.normalize.places import parse_locations
from pipeline.normalize.places.mode import mode_from_field
from pipeline.normalize.role_family import classify_role
from pipeline.normalize.roles import parse_employment_types, parse_seniority, seniority_band
from pipeline.normalize.structured import (
    currency_assumed,
    explicit_salary_pay,
    pay_hidden,
    plausible_pay,
    restated,
    structured_pay,
)

ENRICHED_COLUMNS = (
    "pay_min", "pay_max", "pay_currency", "pay_period", "pay_period_inferred", "pay_source",
    "pay_kind", "pay_usd_min", "pay_usd_max", "usd_rate", "usd_rate_date", "usd_rate_source",
    "pay_annual_usd_min", "pay_annual_usd_max", "pay_hourly_usd_min", "pay_hourly_usd_max",
    "country", "region", "city", "countries", "places", "work_mode", "remote_scope",
    "seniority", "seniority_band", "employment_type", "employment_types", "dedup_key",
    "pay_currency_inferred", "pay_ir35", "role_family", "role_family_evidence",
)
CENTS = Decimal("0.01")

# Pure and their inputs repeat heavily (a few currencies and posting days; the same location
# strings, see _located), so caching them is the cheapest speed-up of a load.
_usd_rate = lru_cache(maxsize=1 << 16)(usd_rate)


ITEM_FIELDS = ("baseSalary", "remoteStatus", "extra")
"""The fields of the raw item :func:`enrich` reads (beside the posting row's columns)."""


def find_pay(row: dict[str, Any], item: dict[str, Any], country: str | None = None
             ) -> tuple[Pay | None, str | None, bool]:
    """The posting's pay, where it came from (``structured`` or ``text``), and whether its
    period was inferred from the magnitude rather than stated. ``country`` (the posting's, ISO
    alpha-2) gives text pay its currency where the text names none, marked as inferred.

    Structured pay goes through :func:`plausible_pay`; when it is dropped there, the text may
    still state pay with its own period (the text parser checks its figures itself). When the
    source says pay is hidden, only a figure the text names as a salary or wage counts.
    """
    salary = item.get("baseSalary")
    pay = structured_pay(salary)
    if pay is not None:
        if currency_assumed(item):
            pay = restated(pay, row.get("description"))
        checked = plausible_pay(pay)
        if checked is not None:
            return checked.pay, "structured", checked.inferred
    hint = salary.get("currency") if isinstance(salary, dict) else None
    # A dropped structured amount is not read again from its own rendering (``pay_raw``).
    texts = (row.get("description"),) if pay is not None else (row.get("pay_raw"),
                                                                   row.get("description"))
    for text in texts:
        if not text:
            continue
        found = (explicit_salary_pay(text, hint) if pay_hidden(item)
                 else parse_pay(text, currency_hint=hint, country=country))
        if found is not None:
            return found, "text", False
    return None, None, False


def _quantize(value: Decimal | None) -> Decimal | None:
    return value.quantize(CENTS) if value is not None else None


def pay_columns(pay: Pay | None, source: str | None, on: datetime.date,
                work_year: WorkYear | None = None, inferred: bool = False) -> dict[str, Any]:
    empty: dict[str, Any] = {**dict.fromkeys(ENRICHED_COLUMNS[:16]),
                             "pay_currency_inferred": None, "pay_ir35": None}
    if pay is None:
        return empty
    period = pay.period
    if period is None:
        # The parser's own inference, so the warehouse and `jobpulse pay parse` agree.
        period = pay.period_inferred
        inferred = period is not None
    rate = _usd_rate(pay.currency, on) if pay.currency else None
    usd_min, usd_max = to_usd(pay.min, rate), to_usd(pay.max, rate)
    out = {
        **empty,
        "pay_min": _quantize(pay.min), "pay_max": _quantize(pay.max),
        "pay_currency": pay.currency, "pay_period": period, "pay_period_inferred": inferred,
        "pay_currency_inferred": bool(pay.currency_inferred), "pay_ir35": pay.ir35,
        "pay_source": source,
        "pay_kind": None if period is None else ("rate" if is_rate(period) else "salary"),
        "pay_usd_min": usd_min, "pay_usd_max": usd_max,
        "usd_rate": rate.rate if rate else None,
        "usd_rate_date": rate.rate_date if rate else None,
        "usd_rate_source": rate.source if rate else None,
    }
    if period is not None:
        for end, usd in (("min", usd_min), ("max", usd_max)):
            if usd is not None:
                out[f"pay_annual_usd_{end}"] = _quantize(annualize(usd, period, work_year))
                out[f"pay_hourly_usd_{end}"] = _quantize(hourly(usd, period, work_year))
    return out


def place_columns(row: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    parts = [p for p in (row.get("location_raw"), row.get("remote_raw")) if p]
    text = " | ".join(dict.fromkeys(parts))
    remote = item.get("remoteStatus")
    flag = True if isinstance(remote, bool) and remote else None
    out = {**_located(text or None, flag)}
    out["countries"] = list(out["countries"])
    extra = item.get("extra")
    stated = mode_from_field(extra.get("work_mode_field")) if isinstance(extra, dict) else None
    if stated is not None:
        # The source's own work-mode field beats location text: an Ashby hybrid job lists
        # "Remote" among its locations because remote days are allowed, not because it is remote.
        out["work_mode"] = stated
        out["remote_scope"] = out["remote_scope"] if stated == "remote" else None
    return out


@lru_cache(maxsize=1 << 16)
def _located(text: str | None, flag: bool | None) -> dict[str, Any]:
    """The place columns of a location text, once per distinct text (callers copy the dict)."""
    locations = parse_locations(text, remote_flag=flag)
    first = locations.places[0] if locations.places else None
    return {
        "country": first.country if first else None,
        "region": first.region if first else None,
        "city": first.city if first else None,
        "countries": tuple(dict.fromkeys(p.country for p in locations.places if p.country)),
        "places": json.dumps([{"country": p.country, "region": p.region, "city": p.city,
                               "raw": p.raw} for p in locations.places], ensure_ascii=False)
        if locations.places else None,
        "work_mode": locations.work_mode,
        "remote_scope": locations.remote_scope,
    }


def role_columns(row: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    extra = item.get("extra") if isinstance(item.get("extra"), dict) else {}
    hints = [h for h in (extra or {}).get("seniority_hints", []) if isinstance(h, str)]
    seniority = parse_seniority(row.get("title"), row.get("description"), hints=hints)
    # A post in the freelancer thread is freelance work whatever its header says.
    type_hints = ["freelance"] if (extra or {}).get("kind") == "freelance_demand" else []
    raw = row.get("employment_raw")
    # Each value of a source's employment field ("FULL_TIME, CONTRACTOR", "Temporary") is a
    # hint: whole values are read as words the prose rules would not accept on their own.
    field_hints = [f for f in re.split(r"[,;|/]", raw) if f.strip()] if raw else []
    types = parse_employment_types(raw or row.get("title"), hints=type_hints + field_hints)
    if not types:
        types = parse_employment_types((row.get("description") or "")[:600])
    family = classify_role(row.get("title"), row.get("description"))
    return {
        "role_family": family.family,
        "role_family_evidence": family.evidence,
        "seniority": seniority,
        "seniority_band": seniority_band(seniority),
        "employment_type": types[0] if types else None,
        "employment_types": list(types),
    }


def enrich(row: dict[str, Any], item: dict[str, Any],
           work_year: WorkYear | None = None) -> dict[str, Any]:
    """Every normalized column for one posting row (see
    :func:`pipeline.normalize.record.posting_row`)."""
    when = row.get("posted_at") or row["fetched_at"]
    places = place_columns(row, item)
    pay, source, inferred = find_pay(row, item, places["country"])
    return {
        **pay_columns(pay, source, when.date(), work_year, inferred),
        **places,
        **role_columns(row, item),
        "dedup_key": exact_key(row.get("company"), row.get("title"), row.get("location_raw")),
    }
