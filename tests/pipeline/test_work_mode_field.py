"""A source's own work-mode field wins over location text; free text is never read as a field."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline.normalize.enrich import enrich
from pipeline.normalize.places.mode import mode_from_field

WHEN = datetime(2026, 10, 1, tzinfo=UTC)


@pytest.mark.parametrize(("value", "mode"), [
    ("Hybrid", "hybrid"), ("hybrid", "hybrid"), ("OnSite", "onsite"), ("onsite", "onsite"),
    ("on-site", "onsite"), ("Remote", "remote"), ("remote", "remote"),
    ("TELECOMMUTE", "remote"), ("unspecified", None), ("", None), (None, None), (True, None),
    ("Remote (US only)", None), ("Hybrid - London", None),
])
def test_mode_from_field(value: Any, mode: str | None) -> None:
    assert mode_from_field(value) == mode


def row(location: str, remote: str | None) -> dict[str, Any]:
    return {"title": "Backend Engineer", "company": "Acme", "location_raw": location,
            "remote_raw": remote, "employment_raw": None, "pay_raw": None, "description": "",
            "posted_at": WHEN, "fetched_at": WHEN}


@pytest.mark.parametrize(("location", "field", "mode"), [
    ("San Francisco, CA; Remote (US)", "Hybrid", "hybrid"),
    ("London, UK; Remote", "hybrid", "hybrid"),
    ("Remote - US", "OnSite", "onsite"),
    ("Berlin, Germany", "Remote", "remote"),
    ("Austin, TX; Remote", None, "remote"),      # no field: the text decides as before
    ("Austin, TX; Remote", "unspecified", "remote"),
])
def test_field_wins_over_location_text(location: str, field: str | None, mode: str) -> None:
    item = {"remoteStatus": field, "extra": {"work_mode_field": field}}
    out = enrich(row(location, field), item)
    assert out["work_mode"] == mode
    if mode != "remote":
        assert out["remote_scope"] is None


def test_a_remote_status_without_the_field_is_still_text() -> None:
    # Arbeitnow's "On-site" comes from a boolean, not a work-mode field: the text still decides.
    out = enrich(row("Berlin (hybrid)", "On-site"), {"remoteStatus": "On-site"})
    assert out["work_mode"] == "hybrid"


@pytest.mark.parametrize(("raw", "types"), [
    ("FULL_TIME", ["full_time"]), ("FULL_TIME, CONTRACTOR", ["full_time", "contract"]),
    ("Temporary", ["contract"]), ("TEMPORARY", ["contract"]), ("FullTime", ["full_time"]),
    ("Full-time, Contingent worker", ["full_time", "contract"]), ("FTE - Regular", ["full_time"]),
    ("Employee", []), ("INTERN", ["internship"]),
])
def test_employment_field_values(raw: str, types: list[str]) -> None:
    out = enrich({**row("Berlin", None), "employment_raw": raw}, {})
    assert out["employment_types"] == types
