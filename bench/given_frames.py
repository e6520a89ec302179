"""A load with its normalizing already done: how fast the rest of a load runs on its own.

The benchmark's load keeps the frames its normalizers made; the same landing files are then
loaded again into a fresh warehouse with those frames handed back instead of normalizing. What
that second load takes (reading, building each run's frame, writing, duplicates, aggregates,
publishing) is the most any faster normalizer could give: no rewrite of them makes a load
faster than its own remainder.
"""

from __future__ import annotations

import contextlib
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import attrs

import pipeline.ingest.loader
from pipeline.config import Settings
from pipeline.ingest.frames import NormalizedFrames
from pipeline.ingest.loader import load_warehouse
from pipeline.ingest.pool import Normalizer, PendingFrames
from warehouse.spare import wait_for_spares

FramesKey = tuple[str, int]
"""A batch of rows as the loader hands it to its normalizer: its first posting and its size."""


def _key(rows: list[dict[str, Any]]) -> FramesKey:
    return rows[0]["posting_id"], len(rows)


class KeepingNormalizer(Normalizer):
    """Normalizes as the loader's own does, and keeps each batch's frames in ``kept``."""

    def __init__(self, kept: dict[FramesKey, NormalizedFrames], *args: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kept = kept

    def start(self, rows: list[dict[str, Any]]) -> PendingFrames:
        pending = super().start(rows)
        if not rows:
            return pending
        key = _key(rows)

        def keep() -> NormalizedFrames:
            self.kept[key] = frames = pending.result()
            return frames

        return PendingFrames(keep)


class GivenNormalizer(Normalizer):
    """Hands back the frames a :class:`KeepingNormalizer` kept for the same batch of rows."""

    def __init__(self, given: dict[FramesKey, NormalizedFrames], *args: Any,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.given = given

    def start(self, rows: list[dict[str, Any]]) -> PendingFrames:
        if not rows:
            return super().start(rows)
        frames = self.given.get(_key(rows))
        if frames is None:
            raise KeyError(f"no frames kept for the {len(rows):,} rows from "
                           f"{rows[0]['posting_id']}: not the load that kept them")
        return PendingFrames(lambda: frames)


@contextlib.contextmanager
def keeping_frames() -> Iterator[dict[FramesKey, NormalizedFrames]]:
    """Within it, ``load_warehouse`` keeps its normalizers' frames in the dict yielded."""
    kept: dict[FramesKey, NormalizedFrames] = {}
    with mock.patch.object(pipeline.ingest.loader, "Normalizer",
                           lambda *args, **kwargs: KeepingNormalizer(kept, *args, **kwargs)):
        yield kept


@attrs.frozen
class GivenLoad:
    postings: int
    seconds: float
    cpu_seconds: float
    """Of this process: with nothing to normalize, the loader starts no other."""
    stages: dict[str, float]


def load_with_frames_given(landing_dir: Path, folder: Path,
                           given: dict[FramesKey, NormalizedFrames]) -> GivenLoad:
    """Load ``landing_dir`` into a fresh warehouse in ``folder`` (removed after), normalizing
    nothing."""
    settings = Settings(data_dir=folder, db_path=folder / "given.duckdb",
                        landing_dir=landing_dir)
    try:
        with mock.patch.object(pipeline.ingest.loader, "Normalizer",
                               lambda *args, **kwargs: GivenNormalizer(given, *args, **kwargs)):
            cpu_before, started = time.process_time(), time.monotonic()
            report = load_warehouse(settings)
            seconds, cpu = time.monotonic() - started, time.process_time() - cpu_before
    finally:
        wait_for_spares()
        shutil.rmtree(folder, ignore_errors=True)
    return GivenLoad(report.total_postings, seconds, cpu, dict(report.seconds))
