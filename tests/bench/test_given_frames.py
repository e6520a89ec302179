"""``bench.given_frames``: a load handed its normalizers' frames leaves the same warehouse."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

import pipeline.ingest.loader
from bench.bench_warehouse import write_landing
from bench.compare_warehouses import compare
from bench.given_frames import GivenNormalizer, keeping_frames, load_with_frames_given
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ingest.pool import Normalizer
from warehouse.spare import wait_for_spares


def _settings(folder: Path, landing: Path) -> Settings:
    return Settings(data_dir=folder, db_path=folder / "w.duckdb", landing_dir=landing)


def test_a_load_with_frames_given_equals_the_load_that_kept_them(tmp_path: Path) -> None:
    kept_load = _settings(tmp_path / "kept", tmp_path / "landing")
    write_landing(kept_load, 90, 30)
    with keeping_frames() as kept:
        load_warehouse(kept_load)
    assert len(kept) == 3  # one batch of frames per run
    given_load = _settings(tmp_path / "given", tmp_path / "landing")
    with mock.patch.object(pipeline.ingest.loader, "Normalizer",
                           lambda *a, **k: GivenNormalizer(kept, *a, **k)):
        load_warehouse(given_load)
    wait_for_spares()
    assert compare(kept_load.db_path, given_load.db_path) == []


def test_the_given_load_reports_its_time_and_leaves_nothing(tmp_path: Path) -> None:
    kept_load = _settings(tmp_path / "kept", tmp_path / "landing")
    write_landing(kept_load, 40, 20)
    with keeping_frames() as kept:
        load_warehouse(kept_load)
    given = load_with_frames_given(kept_load.landing_dir, tmp_path / "given", kept)
    assert given.postings == 40
    assert given.seconds > 0 and given.cpu_seconds > 0
    assert {"read", "normalize", "write", "aggregates"} <= set(given.stages)
    assert not (tmp_path / "given").exists()


def test_frames_are_given_only_for_the_rows_they_were_made_for() -> None:
    given = GivenNormalizer({}, extractor=mock.Mock())
    with pytest.raises(KeyError, match="no frames kept for the 1 rows from bench:7"):
        given.start([{"posting_id": "bench:7"}])
    assert isinstance(given, Normalizer)
