"""Settings from the environment, built once by the CLI and passed down."""

from __future__ import annotations

import os
from pathlib import Path

import attrs


@attrs.frozen
class Settings:
    """Where jobpulse keeps its data."""

    data_dir: Path
    """Root of local data (``JOBPULSE_DATA_DIR``, default ``data``)."""
    db_path: Path
    """The DuckDB warehouse (``JOBPULSE_DB``, default ``<data_dir>/jobpulse.duckdb``)."""
    landing_dir: Path
    """Raw crawl output, one JSON Lines file per run (``JOBPULSE_LANDING_DIR``)."""

    @classmethod
    def from_env(cls, *, db: str | os.PathLike[str] | None = None) -> Settings:
        data_dir = Path(os.environ.get("JOBPULSE_DATA_DIR", "data"))
        db_path = Path(db or os.environ.get("JOBPULSE_DB") or data_dir / "jobpulse.duckdb")
        landing = Path(os.environ.get("JOBPULSE_LANDING_DIR") or data_dir / "landing")
        return cls(data_dir=data_dir, db_path=db_path, landing_dir=landing)
