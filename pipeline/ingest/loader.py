"""Landing files to the warehouse: find complete runs, normalize in bulk, hand frames to the writer.

A landing file ``<landing>/<source>/<run>.jsonl`` is complete when its manifest
``<run>.run.json`` exists; the landing zone is a folder or an S3 location (``handoff/landing``).
Each file is loaded in one transaction and recorded, so loading again changes nothing; a file
that cannot be read is reported by name and the others still load.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime
from typing import Any

import attrs
import duckdb

from handoff.collector import rare_collections
from handoff.held import prompt_handoffs
from handoff.landing import LandingLocation, LandingRun
from handoff.stores import open_store
from handoff.text import parse_iso_time
from pipeline.config import Settings
from pipeline.errors import LandingFileError
from pipeline.ingest.board_outcomes import record_board_outcomes
from pipeline.ingest.duplicates import mark_duplicates
from pipeline.ingest.landing_read import ReadRun, read_ahead
from pipeline.ingest.lines import partial_last_line
from pipeline.ingest.pool import Normalizer
from pipeline.ingest.prepare import PreparedRun, RunsAhead, prepare_run, run_frames
from pipeline.ingest.run_status import DEGRADED_FRACTION, judge_size, run_status
from pipeline.ingest.schedule_record import ScheduleRecord
from pipeline.ingest.seeking import SUPPLY_SOURCES, load_seeking_run
from pipeline.ingest.tagging import tagging_of, taxonomy_frame
from pipeline.normalize.money import WorkYear
from pipeline.normalize.skills import SkillExtractor, Taxonomy
from warehouse.load import (
    FileRecord,
    RunCounts,
    RunRecord,
    loaded_files,
    set_data_as_of,
    source_baseline,
    write_run,
)
from warehouse.marts import files_loaded, marts_empty, refresh_after_load
from warehouse.sql import load_sql
from warehouse.supply import loaded_seeking_files

log = logging.getLogger(__name__)

Progress = Callable[[str], None]

@attrs.frozen
class FileOutcome:
    key: str
    run_id: str
    rows: int
    counts: RunCounts | None
    bad_lines: int
    error: str | None = None
    status: str | None = None
    """The run's status as recorded: ok, partial, degraded or failed."""
    touched: frozenset[str] = frozenset()
    """Postings the run wrote, saw again or closed; ``rewritten``: those it wrote."""
    rewritten: frozenset[str] = frozenset()


@attrs.define
class LoadReport:
    files: list[FileOutcome] = attrs.Factory(list)
    incomplete: list[str] = attrs.Factory(list)
    seconds: dict[str, float] = attrs.Factory(dict)
    """Wall time per stage: read, normalize, write, duplicates, aggregates."""
    total_postings: int = 0

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.error]


def find_complete_runs(landing_dir: LandingLocation) -> tuple[list[LandingRun], list[str]]:
    """Complete runs (landing file with manifest) in run order, and files still without one."""
    return open_store(landing_dir).runs()


def _counts(value: Any) -> dict[str, int]:
    """A manifest's ``{name: count}`` object; anything malformed counts as nothing."""
    if not isinstance(value, dict):
        return {}
    return {str(k): int(v) for k, v in value.items()
            if isinstance(v, int | float) and not isinstance(v, bool)}


def _add_time(seconds: dict[str, float] | None, stage: str, started: float) -> float:
    now = time.monotonic()
    if seconds is not None:
        seconds[stage] = seconds.get(stage, 0.0) + now - started
    return now


def load_run(con: duckdb.DuckDBPyConnection, run: LandingRun, normalize: Normalizer,
             taxonomy: Taxonomy, seconds: dict[str, float] | None = None,
             read: Future[ReadRun] | None = None,
             prepared: PreparedRun | None = None,
             taxonomy_noted: bool = False) -> FileOutcome:
    """Load one complete run; raises LandingFileError when its files cannot be read.

    ``seconds`` accumulates the wall time of its read, normalize and write stages; ``read``:
    the run already being read (``read_ahead``); ``prepared``: already read and being
    normalized (:func:`prepare_run`); ``taxonomy_noted``: an earlier run of this load wrote the
    skills table and the tagging note, which this one then leaves alone.
    """
    started = time.monotonic()
    if prepared is None:
        prepared = prepare_run(con, run, normalize, read)
        started = _add_time(seconds, "read", started)
    landed = prepared.landed
    manifest, data, verified = landed.manifest, landed.data, landed.verified
    if prepared.normalizing is None:
        return _load_supply(con, run, manifest, data, normalize, taxonomy, seconds, started)
    assert landed.rows is not None
    rows, bad, cut_line = landed.rows, landed.bad, landed.cut_line
    frames = run_frames(rows, prepared.normalizing)
    started = _add_time(seconds, "normalize", started)
    errors = {str(k): int(v) for k, v in (manifest.get("errors") or {}).items()}
    if bad:
        errors["bad_record"] = errors.get("bad_record", 0) + bad
    if cut_line is not None:
        errors["truncated_last_line"] = 1
        bad += 1
    source = str(manifest["source"])
    complete = bool(manifest.get("complete_listing"))
    baseline = source_baseline(con, source) if complete else None
    status = judge_size(run_status({**manifest, "errors": errors}), len(rows), complete, baseline)
    if status == "degraded":
        log.warning("%s: %d items, under %.0f%% of the usual %.0f: degraded, closes nothing",
                    run.key, len(rows), DEGRADED_FRACTION * 100, baseline or 0)
    record = RunRecord(
        run_id=str(manifest["run_id"]),
        source=source,
        started_at=parse_iso_time(manifest.get("started_at")),
        finished_at=parse_iso_time(manifest.get("finished_at")),
        status=status,
        finish_reason=manifest.get("finish_reason"),
        pages=int(manifest.get("pages") or 0),
        items_seen=len(rows),
        items_dropped=int(manifest.get("dropped") or 0) + bad,
        errors=errors,
        landing_file=run.key,
        complete_listing=complete,
        truncated=_counts(manifest.get("truncated")),
        dropped_by_reason=_counts(manifest.get("dropped_by_reason")),
        skipped=_counts(manifest.get("skipped")),
        verified=verified,
        baseline_items=baseline,
        failure=str(manifest["failure"]) if manifest.get("failure") else None,
    )
    # Before the run itself: a load that dies in between leaves answers a re-load replaces.
    record_board_outcomes(con, manifest)
    file = FileRecord(run.key, hashlib.sha256(data).hexdigest(), len(data), len(rows) + bad)
    counts = write_run(con, postings=frames.postings, posting_skills=frames.skills,
                       signatures=frames.signatures, run=record, file=file,
                       taxonomy_version=taxonomy.version,
                       skills=None if taxonomy_noted else taxonomy_frame(taxonomy),
                       tagging=None if taxonomy_noted else tagging_of(taxonomy))
    closed = [] if not counts.items_closed else con.execute(
        load_sql("marts_incremental/closed_by_run"),
        {"source": source, "finished_at": record.finished_at}).fetchall()
    _add_time(seconds, "write", started)
    return FileOutcome(run.key, record.run_id, len(rows), counts, bad, status=record.status,
                       touched=frozenset(r["posting_id"] for r in rows) | {c[0] for c in closed},
                       rewritten=prepared.need)


def _load_supply(con: duckdb.DuckDBPyConnection, run: LandingRun, manifest: dict[str, Any],
                 data: bytes, normalize: Normalizer, taxonomy: Taxonomy,
                 seconds: dict[str, float] | None, started: float) -> FileOutcome:
    """A supply run (people seeking work) into the supply tables only; it touches no posting."""
    cut = data.count(b"\n") + 1 if run_status(manifest) == "failed" and partial_last_line(
        data) else None
    rows, counts, bad, status = load_seeking_run(con, run, manifest, data, normalize.extractor,
                                                 taxonomy.version, cut_line=cut)
    _add_time(seconds, "write", started)
    return FileOutcome(run.key, str(manifest["run_id"]), rows, counts, bad, status=status)


def load_landing(con: duckdb.DuckDBPyConnection, landing_dir: LandingLocation,
                 normalize: Normalizer,
                 taxonomy: Taxonomy, progress: Progress = lambda _msg: None) -> LoadReport:
    """Load every complete, not yet loaded landing file; report each file's outcome."""
    report = LoadReport()
    runs, report.incomplete = find_complete_runs(landing_dir)
    done = loaded_files(con) | loaded_seeking_files(con)
    pending = [r for r in runs if r.key not in done]
    progress(f"{len(pending)} landing file(s) to load, {len(runs) - len(pending)} already loaded")
    # The next files are read (JSON, content hashes) on a thread, and normalized on the workers
    # while this one is written: the main process mostly waits on the workers and DuckDB.
    runs_ahead = RunsAhead(con, read_ahead(pending), normalize, report.seconds)
    taxonomy_noted = False
    while (upcoming := runs_ahead.next()) is not None:
        index, run, _, prepared = upcoming
        try:
            if isinstance(prepared, LandingFileError):
                raise prepared
            outcome = load_run(con, run, normalize, taxonomy, report.seconds,
                               prepared=prepared, taxonomy_noted=taxonomy_noted)
            # The skills table and the tagging note are written with a load's first run.
            taxonomy_noted = taxonomy_noted or prepared.normalizing is not None
        except LandingFileError as exc:
            # Said once, by the progress line below and the command's closing error.
            outcome = FileOutcome(run.key, run.run_id, 0, None, 0, error=str(exc))
            if not isinstance(prepared, LandingFileError) and prepared.landed.rows is not None:
                # The runs after it were prepared as if its postings were written.
                runs_ahead.not_written()
        report.files.append(outcome)
        if outcome.counts:
            c = outcome.counts
            note = {"degraded": "; DEGRADED: far below the source's usual listing, "
                                "nothing closed",
                    "failed": "; the crawl FAILED, nothing closed"}.get(outcome.status, "")
            # A supply run (people seeking work) holds posts, never postings.
            what = "seeking posts" if run.key.split("/", 1)[0] in SUPPLY_SOURCES else "postings"
            progress(f"[{index}/{len(pending)}] {run.key}: {outcome.rows} {what} "
                     f"({c.items_new} new, {c.items_changed} changed, {c.items_closed} closed)"
                     + note)
        else:
            progress(f"[{index}/{len(pending)}] NOT LOADED: {outcome.error}")
    return report


@functools.lru_cache(maxsize=2)
def _extractor_for(path: str, _mtime_ns: int, _size: int) -> tuple[Taxonomy, SkillExtractor]:
    from pipeline.normalize.skills.stored_extractor import stored_extractor

    extractor = stored_extractor(path)
    return extractor.taxonomy, extractor


def current_extractor() -> tuple[Taxonomy, SkillExtractor]:
    """The bundled taxonomy and its extractor, built once per process while the file is
    unchanged (the scheduler and tests load many times in one process), and read back from
    the disk cache by the next process."""
    from pipeline.normalize.skills.taxonomy import DEFAULT_TAXONOMY_PATH

    stat = DEFAULT_TAXONOMY_PATH.stat()
    return _extractor_for(str(DEFAULT_TAXONOMY_PATH), stat.st_mtime_ns, stat.st_size)


def load_warehouse(settings: Settings, progress: Progress = lambda _msg: None, *,
                   data_as_of: datetime | None = None) -> LoadReport:
    """Migrate the warehouse and load every pending landing file into it.

    ``data_as_of``: the moment a recorded corpus describes (the demo), which decides the
    partial month instead of the clock (``warehouse_clock``).
    """
    from warehouse.db import writer
    from warehouse.migrate import migrate

    taxonomy, extractor = current_extractor()
    normalize = Normalizer(
        extractor,
        work_year=WorkYear(settings.hours_per_year, settings.billable_days_per_year),
    )
    schedule = ScheduleRecord(progress)
    with rare_collections(), prompt_handoffs(), writer(settings.db_path) as con:
        upgraded = migrate(con)
        if data_as_of is not None:
            set_data_as_of(con, data_as_of)
        files_before = files_loaded(con)
        try:
            report = load_landing(con, settings.landing_dir, normalize, taxonomy, progress)
        finally:
            normalize.close()
        regrouped: frozenset[str] | None = frozenset()
        if any(f.counts and (f.counts.items_new or f.counts.items_changed)
               for f in report.files):
            progress("looking for duplicate postings ...")
            started = time.monotonic()
            result = mark_duplicates(con, progress)
            _add_time(report.seconds, "duplicates", started)
            scope = ("all postings paired" if result.full else
                     f"{result.paired_again:,} postings paired again, "
                     f"{result.regrouped:,} regrouped")
            progress(f"{result.flagged:,} postings flagged as duplicates of another ({scope})")
            regrouped = result.touched
        # A posting seen again unchanged still moves (how long it counts as active, or it
        # reopens); a migration may add or reshape a mart, so an upgrade refreshes them too.
        if any(f.touched for f in report.files) or upgraded or marts_empty(con):
            progress("preparing aggregates ...")
            started = time.monotonic()
            refresh = refresh_after_load(
                con, [f.touched for f in report.files], [f.rewritten for f in report.files],
                regrouped=regrouped, files_before=files_before,
                full_reason="the schema was upgraded" if upgraded else "")
            _add_time(report.seconds, "aggregates", started)
            progress(f"{refresh.describe()} in {report.seconds['aggregates']:.1f}s")
        schedule.write(con)
        report.total_postings = con.execute(load_sql("queries/posting_count")).fetchall()[0][0]
    if report.incomplete:
        progress(f"skipped {len(report.incomplete)} landing file(s) without a run manifest "
                 "(crawl still running, or died): " + ", ".join(report.incomplete[:5]))
    if report.seconds:
        progress("time: " + ", ".join(f"{stage} {sec:.1f}s"
                                      for stage, sec in report.seconds.items()))
    progress(f"warehouse {settings.db_path}: {report.total_postings} postings")
    return report
