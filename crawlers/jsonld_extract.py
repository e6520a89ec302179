"""schema.org ``JobPosting`` JSON-LD: finding postings in parsed blocks and reading them.

Career pages follow Google's job posting guide only loosely. What is tolerated here (each seen on
real pages): min/max directly on ``MonetaryAmount`` without ``value``, missing ``unitText``,
numbers as strings, text such as "negotiable" in numeric slots, ``0`` meaning unknown, ``value``
as a bare number, lower-case units, one ``jobLocation`` or a list, ``TELECOMMUTE`` with
``applicantLocationRequirements``, ``employmentType`` as a string or a list, and descriptions
whose HTML is entity-escaped.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from crawlers.items import JobPostingItem
from handoff.text import html_to_text, iso_z, parse_iso_time

CONTAINER_KEYS = ("@graph", "itemListElement", "item", "mainEntity")
UNITS = {"HOUR": "hour", "HOURLY": "hour", "DAY": "day", "DAILY": "day", "WEEK": "week",
         "WEEKLY": "week", "MONTH": "month", "MONTHLY": "month", "YEAR": "year",
         "YEARLY": "year", "ANNUAL": "year", "ANNUALLY": "year", "ANNUM": "year"}
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def _types(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    # "JobPosting", "schema:JobPosting" and "http://schema.org/JobPosting" all occur.
    return [re.split(r"[/:#]", v)[-1] for v in values if isinstance(v, str)]


def find_postings(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every ``JobPosting`` in one parsed block: an object, a list, ``@graph`` or ``ItemList``."""
    if depth > 6:
        return
    if isinstance(data, list):
        for entry in data:
            yield from find_postings(entry, depth + 1)
    elif isinstance(data, dict):
        if "JobPosting" in _types(data):
            yield data
            return
        for key in CONTAINER_KEYS:
            if key in data:
                yield from find_postings(data[key], depth + 1)


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _name(value: Any) -> str | None:
    """A thing's ``name`` (``Organization``, ``Country``), or the value itself if it is text."""
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def amount(value: Any) -> Decimal | None:
    """A salary number from a number or numeric text; ``None`` for text, blanks and ``0``."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = Decimal(str(value))
    elif isinstance(value, str):
        cleaned = re.sub(r"[\s,$€£]", "", value)
        if not _NUMBER.match(cleaned):
            return None
        try:
            number = Decimal(cleaned)
        except InvalidOperation:
            return None
    else:
        return None
    # Sites fill the slot with 0 when they don't publish pay.
    return number if number > 0 else None


def decimal_str(value: Decimal | None) -> str | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def parse_salary(base: Any) -> dict[str, Any] | None:
    """``baseSalary`` to the item's structured pay, or free text, or ``None``."""
    if isinstance(base, list):
        base = next((b for b in base if isinstance(b, dict)), base[0] if base else None)
    if base is None:
        return None
    if not isinstance(base, dict):
        single = amount(base)
        text = _text(base)
        if single is None:
            return {"raw": text} if text else None
        base = {"value": base}
    value = base.get("value")
    quant: dict[str, Any] = value if isinstance(value, dict) else {}
    low = amount(quant.get("minValue", base.get("minValue")))
    high = amount(quant.get("maxValue", base.get("maxValue")))
    single = amount(quant.get("value") if quant else value)
    if low is None and high is None and single is not None:
        low = high = single
    unit_raw = _text(quant.get("unitText")) or _text(base.get("unitText"))
    currency_raw = _text(base.get("currency")) or _text(quant.get("currency"))
    if low is None and high is None:
        # "negotiable", "DOE" in a numeric slot: keep the words as free-text pay.
        words = [t for t in (_text(quant.get("value") if quant else value),
                             _text(quant.get("minValue", base.get("minValue"))),
                             _text(quant.get("maxValue", base.get("maxValue"))))
                 if t and amount(t) is None and not _NUMBER.match(t.replace(",", ""))]
        return {"raw": words[0]} if words else None
    currency = currency_raw.upper() if currency_raw and re.fullmatch(r"[A-Za-z]{3}",
                                                                      currency_raw) else None
    rate = UNITS.get(unit_raw.upper().replace("PER ", "").strip()) if unit_raw else None
    low_s, high_s = decimal_str(low), decimal_str(high)
    span = low_s if low == high else f"{low_s or ''}-{high_s or ''}"
    raw = " ".join(p for p in (currency_raw, span, f"per {unit_raw}" if unit_raw else None) if p)
    return {"raw": raw, "valueMin": low_s, "valueMax": high_s,
            "currency": currency, "currencyRaw": currency_raw, "rateType": rate,
            "source": "structured"}


def _place(node: Any) -> dict[str, Any] | None:
    if isinstance(node, str):
        return {"raw": node.strip()} if node.strip() else None
    if not isinstance(node, dict):
        return None
    address = node.get("address")
    if isinstance(address, str):
        return {"raw": address.strip()} if address.strip() else None
    if not isinstance(address, dict):
        name = _name(node)
        return {"raw": name} if name else None
    parts = {
        "street": _text(address.get("streetAddress")),
        "locality": _text(address.get("addressLocality")),
        "region": _name(address.get("addressRegion")),
        "postalCode": _text(address.get("postalCode")),
        "country": _name(address.get("addressCountry")),
    }
    raw = ", ".join(p for p in (parts["locality"], parts["region"], parts["country"]) if p)
    return {"raw": raw, **{k: v for k, v in parts.items() if v}} if raw else None


def parse_location(posting: dict[str, Any]) -> dict[str, Any] | None:
    raw_places = posting.get("jobLocation")
    nodes = raw_places if isinstance(raw_places, list) else [raw_places]
    places = [p for p in (_place(n) for n in nodes) if p]
    if not places:
        return None
    return {"raw": "; ".join(p["raw"] for p in places), "places": places}


def parse_remote(posting: dict[str, Any]) -> str | None:
    """``TELECOMMUTE (US, CA)``: the location type plus where applicants must live."""
    kind = posting.get("jobLocationType")
    kind = ", ".join(k for k in kind if isinstance(k, str)) if isinstance(kind, list) else kind
    reqs = posting.get("applicantLocationRequirements")
    names = [n for n in (_name(r) for r in (reqs if isinstance(reqs, list) else [reqs])) if n]
    if isinstance(kind, str) and kind.strip():
        return f"{kind.strip()} ({', '.join(names)})" if names else kind.strip()
    return f"Applicants from: {', '.join(names)}" if names else None


def description_html(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if "<" not in value and re.search(r"&lt;/?[a-zA-Z]", value):
        # Entity-escaped HTML ("&lt;p&gt;...") from a template that escaped twice.
        return html.unescape(value)
    return value


def iso_date(value: Any) -> str | None:
    """``datePosted`` as ISO 8601 UTC; a bare date becomes midnight UTC."""
    moment = parse_iso_time(_text(value))
    # Fractions of a second are kept as the page wrote them (other sources round to seconds).
    return iso_z(moment, timespec="auto") if moment is not None else None


def posting_id(posting: dict[str, Any], page_url: str, index: int, count: int) -> str:
    ident = posting.get("identifier")
    value = ident.get("value") if isinstance(ident, dict) else ident
    text = _text(value)
    if text:
        return text
    digest = hashlib.sha1(page_url.encode("utf-8")).hexdigest()[:16]
    return f"{digest}-{index}" if count > 1 else digest


def extract_jobposting(posting: dict[str, Any], *, page_url: str, index: int, count: int,
                       source: str, fetched_at: str, crawl_run: str) -> JobPostingItem:
    """One ``JobPosting`` object to an item.

    Google requires ``title`` and ``hiringOrganization``; a posting without them comes out
    without them, for the spider's :func:`~crawlers.spiders._base.posting_problem` to count.
    """
    title = _text(posting.get("title")) or _text(posting.get("name"))
    markup = description_html(posting.get("description"))
    org = _name(posting.get("hiringOrganization"))
    kinds = posting.get("employmentType")
    kinds = [k for k in kinds if isinstance(k, str)] if isinstance(kinds, list) else [kinds]
    employment = ", ".join(k.strip() for k in kinds if isinstance(k, str) and k.strip())
    skills = posting.get("skills")
    tags = ([s.strip() for s in skills.split(",") if s.strip()] if isinstance(skills, str)
            else [s for s in skills if isinstance(s, str)] if isinstance(skills, list) else [])
    url = _text(posting.get("url"))
    return JobPostingItem(
        source=source,
        source_id=posting_id(posting, page_url, index, count),
        url=url if url and url.startswith(("http://", "https://")) else page_url,
        fetched_at=fetched_at,
        crawl_run=crawl_run,
        jobTitle=title,
        datePublished=iso_date(posting.get("datePosted")),
        datePublishedRaw=_text(posting.get("datePosted")),
        hiringOrganization={"name": org, "nameRaw": org} if org else None,
        jobLocation=parse_location(posting),
        remoteStatus=parse_remote(posting),
        employmentType=employment or None,
        baseSalary=parse_salary(posting.get("baseSalary")),
        description=html_to_text(markup),
        descriptionHtml=markup,
        tags=tags or None,
        extra={
            "page_url": page_url,
            "identifier": posting.get("identifier"),
            "validThrough": posting.get("validThrough"),
            "directApply": posting.get("directApply"),
            "jobLocationType": posting.get("jobLocationType"),
            "applicantLocationRequirements": posting.get("applicantLocationRequirements"),
            "baseSalaryRaw": posting.get("baseSalary"),
            "experienceRequirements": posting.get("experienceRequirements"),
            "industry": posting.get("industry"),
        },
    )
