"""Settings from the environment, built once by the CLI and passed down."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from handoff.landing import LandingLocation, parse_location


@attrs.frozen
class Settings:
    """Where jobpulse keeps its data."""

    data_dir: Path
    """Root of local data (``JOBPULSE_DATA_DIR``, default ``data``)."""
    db_path: Path
    """The DuckDB warehouse (``JOBPULSE_DB``, default ``<data_dir>/jobpulse.duckdb``)."""
    landing_dir: LandingLocation
    """Raw crawl output, one JSON Lines file per run (``JOBPULSE_LANDING_DIR``): a folder, or
    an ``s3://bucket/prefix`` location (``handoff/landing.py``)."""
    hours_per_year: int = 2080
    """Working hours in a salaried year, to compare salaries with hourly rates
    (``JOBPULSE_HOURS_PER_YEAR``)."""
    billable_days_per_year: int = 220
    """Days a contractor bills in a year, to annualize day rates
    (``JOBPULSE_BILLABLE_DAYS_PER_YEAR``)."""

    @classmethod
    def from_env(cls, *, db: str | os.PathLike[str] | None = None) -> Settings:
        data_dir = Path(os.environ.get("JOBPULSE_DATA_DIR", "data"))
        db_path = Path(db or os.environ.get("JOBPULSE_DB") or data_dir / "jobpulse.duckdb")
        landing = parse_location(os.environ.get("JOBPULSE_LANDING_DIR") or data_dir / "landing")
        return cls(
            data_dir=data_dir, db_path=db_path, landing_dir=landing,
            hours_per_year=_positive_int("JOBPULSE_HOURS_PER_YEAR", 2080),
            billable_days_per_year=_positive_int("JOBPULSE_BILLABLE_DAYS_PER_YEAR", 220),
        )


def _positive_int(name: str, default: int) -> int:
    from pipeline.errors import JobpulseError

    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise JobpulseError(f"{name} must be a whole number, got {raw!r}") from None
    if value <= 0:
        raise JobpulseError(f"{name} must be positive, got {value}")
    return value
