"""The scheduler's config file: which sources run when, with which spider args and settings.

The bundled ``pipeline/ops/schedule.yaml`` mirrors the source registry's schedules; a user's file
(``--config`` or ``JOBPULSE_SCHEDULE_FILE``) replaces it. Every mistake in the file is reported
at start-up in one line, so a service never starts half-configured.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import yaml
from apscheduler.triggers.cron import CronTrigger

from pipeline.config import Settings
from pipeline.errors import JobpulseError
from pipeline.ops.sources import SOURCES

BUNDLED_FILE = Path(__file__).resolve().parent / "schedule.yaml"
ENV_FILE = "JOBPULSE_SCHEDULE_FILE"
STORE_FILE = "scheduler.sqlite"
TOP_KEYS = {"timezone", "misfire_grace_time", "stop_timeout", "crawl_timeout", "sources",
            "report"}
SOURCE_KEYS = {"enabled", "schedule", "args", "settings"}
REPORT_KEYS = {"enabled", "schedule", "out"}
REPORT_JOB = "monthly-report"
"""The job id of the scheduled report (no source has this slug)."""
_WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun"]


class ScheduleConfigError(JobpulseError):
    """The schedule config file cannot be used as written."""


@attrs.frozen
class SourceSchedule:
    slug: str
    enabled: bool
    cron: str
    """Standard crontab expression (weekday 0 = Sunday), as the user wrote it."""
    args: dict[str, str] = attrs.field(factory=dict)
    settings: dict[str, str] = attrs.field(factory=dict)


@attrs.frozen
class ReportSchedule:
    """The monthly market report (``jobpulse report``) the scheduler writes after loads."""

    enabled: bool
    cron: str
    out: Path


@attrs.frozen
class ScheduleConfig:
    path: Path
    timezone: str = "UTC"
    misfire_grace_time: int = 3600
    stop_timeout: float = 300.0
    crawl_timeout: float = 10800.0
    sources: dict[str, SourceSchedule] = attrs.field(factory=dict)
    report: ReportSchedule | None = None

    @property
    def enabled(self) -> list[SourceSchedule]:
        return [s for s in self.sources.values() if s.enabled]

    @property
    def jobs(self) -> list[str]:
        """Ids of the jobs to schedule: enabled sources, and the report when enabled."""
        report = [REPORT_JOB] if self.report is not None and self.report.enabled else []
        return [s.slug for s in self.enabled] + report

    def cron(self, job: str) -> str:
        if job == REPORT_JOB and self.report is not None:
            return self.report.cron
        return self.sources[job].cron

    def trigger(self, slug: str) -> CronTrigger:
        return cron_trigger(self.cron(slug), self.timezone)


def store_path(settings: Settings) -> Path:
    """The scheduler's persistent job store (next-run times survive restarts)."""
    return settings.data_dir / STORE_FILE


def config_path(path: str | os.PathLike[str] | None = None) -> Path:
    """``--config`` if given, else ``JOBPULSE_SCHEDULE_FILE``, else the bundled file."""
    chosen = path or os.environ.get(ENV_FILE) or BUNDLED_FILE
    return Path(chosen)


def cron_trigger(expr: str, timezone: str) -> CronTrigger:
    """A CronTrigger with cron's weekday numbers (APScheduler 3 counts 0 as Monday)."""
    fields = expr.split()
    if len(fields) != 5:
        raise ValueError(f"expected 5 fields (minute hour day month weekday), got {len(fields)}")
    fields[4] = cron_weekdays(fields[4])
    return CronTrigger.from_crontab(" ".join(fields), timezone=ZoneInfo(timezone))


def schedule_interval(trigger: CronTrigger, now: datetime, *,
                      horizon: timedelta = timedelta(days=62)) -> timedelta | None:
    """The longest gap between two consecutive fire times within ``horizon`` of ``now``.

    The longest, not the typical one: a source crawled on weekdays only must not turn stale
    every Monday morning. ``None`` for a trigger that never fires again.
    """
    fires: list[datetime] = []
    moment: datetime | None = now
    while moment is not None and len(fires) < 2000:
        moment = trigger.get_next_fire_time(None, moment)
        if moment is None or moment > now + horizon:
            break
        fires.append(moment)
        moment = moment + timedelta(seconds=1)
    if len(fires) < 2:
        return horizon if fires else None
    return max(later - earlier for earlier, later in zip(fires, fires[1:], strict=False))


def schedule_file_name(path: Path) -> str:
    """How ``source_schedule`` names the config: the bundled file by its place in the package
    (the same in every checkout), any other file by its path."""
    if path.resolve() == BUNDLED_FILE:
        return "pipeline/ops/schedule.yaml (bundled)"
    return str(path)


def schedule_rows(config: ScheduleConfig, now: datetime) -> list[dict[str, Any]]:
    """One row per known source for the warehouse's ``source_schedule`` table."""
    rows = []
    for slug, source in SOURCES.items():
        entry = config.sources.get(slug)
        interval = schedule_interval(config.trigger(slug), now) if entry else None
        rows.append({
            "source": slug, "name": source.name, "default_url": source.default_url or None,
            "cron": entry.cron if entry else None, "timezone": config.timezone,
            "enabled": bool(entry and entry.enabled),
            "interval_hours": interval.total_seconds() / 3600 if interval else None,
            "min_interval_hours": source.min_interval.total_seconds() / 3600,
            "schedule_file": schedule_file_name(config.path),
        })
    return rows


def cron_weekdays(field: str) -> str:
    """Rewrite numeric cron weekdays as names, which APScheduler reads the same way cron does."""
    terms = []
    for term in field.split(","):
        if re.fullmatch(r"[0-7]", term):
            terms.append(_WEEKDAYS[int(term)])
            continue
        match = re.fullmatch(r"([0-7])-([0-7])", term)
        if match:
            first, last = int(match.group(1)), int(match.group(2))
            if first > last:
                raise ValueError(f"weekday range {term!r} runs backwards")
            # A name range may not wrap past Saturday, so Sunday (0 or 7) goes on its own.
            if first == 0:
                terms.append("sun")
                first = 1
            if last == 7:
                terms.append("sun")
                last = 6
            if first <= last:
                terms.append(_WEEKDAYS[first] if first == last
                             else f"{_WEEKDAYS[first]}-{_WEEKDAYS[last]}")
            continue
        if re.search(r"\d", term) and not re.fullmatch(r"\*/\d+", term):
            raise ValueError(f"weekday {term!r}: use 0-7, a range such as 1-5, or names")
        terms.append(term)
    return ",".join(dict.fromkeys(terms))


def load_config(path: str | os.PathLike[str] | None = None) -> ScheduleConfig:
    """Read and check the config; every problem is reported together in one line."""
    file = config_path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScheduleConfigError(f"schedule config {file}: cannot read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise ScheduleConfigError(f"schedule config {file}: not UTF-8 text (byte {exc.start + 1})"
                                  ) from exc
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where is not None else ""
        raise ScheduleConfigError(f"schedule config {file}:{line} not valid YAML") from exc
    problems: list[str] = []
    config = _parse(file, data, problems)
    if problems:
        raise ScheduleConfigError(f"schedule config {file}: " + "; ".join(problems))
    assert config is not None
    return config


def _parse(file: Path, data: Any, problems: list[str]) -> ScheduleConfig | None:
    if not isinstance(data, dict):
        problems.append("expected a mapping with a 'sources' key")
        return None
    for key in sorted(set(data) - TOP_KEYS):
        problems.append(f"unknown key {key!r} (known: {', '.join(sorted(TOP_KEYS))})")
    timezone = str(data.get("timezone", "UTC"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f"timezone: unknown time zone {timezone!r}")
        timezone = "UTC"
    numbers = {key: _number(data, key, default, problems) for key, default in
               (("misfire_grace_time", 3600), ("stop_timeout", 300), ("crawl_timeout", 10800))}
    raw_sources = data.get("sources")
    if not isinstance(raw_sources, dict):
        problems.append("sources: expected a mapping of source name to its schedule")
        raw_sources = {}
    sources = {}
    for slug, entry in raw_sources.items():
        parsed = _parse_source(str(slug), entry, timezone, problems)
        if parsed is not None:
            sources[parsed.slug] = parsed
    return ScheduleConfig(path=file, timezone=timezone,
                          misfire_grace_time=int(numbers["misfire_grace_time"]),
                          stop_timeout=numbers["stop_timeout"],
                          crawl_timeout=numbers["crawl_timeout"], sources=sources,
                          report=_parse_report(data.get("report"), timezone, problems))


def _parse_report(entry: Any, timezone: str, problems: list[str]) -> ReportSchedule | None:
    if entry is None:
        return None
    if not isinstance(entry, dict):
        problems.append("report: expected a mapping (enabled, schedule, out)")
        return None
    for key in sorted(set(entry) - REPORT_KEYS):
        problems.append(f"report: unknown key {key!r} (known: {', '.join(sorted(REPORT_KEYS))})")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.append(f"report.enabled: expected true or false, got {enabled!r}")
        enabled = False
    cron = str(entry.get("schedule") or "30 6 1 * *")
    try:
        cron_trigger(cron, timezone)
    except ValueError as exc:
        problems.append(f"report.schedule: bad cron expression {cron!r} ({exc})")
    return ReportSchedule(enabled, cron, Path(str(entry.get("out") or "reports")))


def _number(data: dict[str, Any], key: str, default: float, problems: list[str]) -> float:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        problems.append(f"{key}: expected a positive number of seconds, got {value!r}")
        return default
    return float(value)


def _parse_source(slug: str, entry: Any, timezone: str,
                  problems: list[str]) -> SourceSchedule | None:
    where = f"sources.{slug}"
    if slug not in SOURCES:
        problems.append(f"{where}: unknown source {slug!r} (known: {', '.join(sorted(SOURCES))})")
        return None
    if entry is None:
        entry = {}
    if not isinstance(entry, dict):
        problems.append(f"{where}: expected a mapping (enabled, schedule, args, settings)")
        return None
    for key in sorted(set(entry) - SOURCE_KEYS):
        problems.append(f"{where}: unknown key {key!r} (known: {', '.join(sorted(SOURCE_KEYS))})")
    enabled = entry.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.append(f"{where}.enabled: expected true or false, got {enabled!r}")
        enabled = False
    cron = str(entry.get("schedule") or SOURCES[slug].schedule)
    try:
        cron_trigger(cron, timezone)
    except ValueError as exc:
        problems.append(f"{where}.schedule: bad cron expression {cron!r} ({exc})")
    return SourceSchedule(slug, enabled, cron, _strings(entry, "args", where, problems),
                          _strings(entry, "settings", where, problems))


def _strings(entry: dict[str, Any], key: str, where: str, problems: list[str]) -> dict[str, str]:
    value = entry.get(key) or {}
    if not isinstance(value, dict):
        problems.append(f"{where}.{key}: expected a mapping of NAME: VALUE")
        return {}
    # Spider args and Scrapy settings reach the crawl as command-line strings anyway.
    return {str(k): str(v).lower() if isinstance(v, bool) else str(v) for k, v in value.items()}
