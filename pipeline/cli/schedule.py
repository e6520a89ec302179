"""``jobpulse schedule`` (the scheduler service) and ``jobpulse runs`` (recent runs, next times).

Both turn the errors a user can act on into one ``Error: ...`` line themselves, so they behave
the same under the ``jobpulse`` group and when their click commands are called directly.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import click

from pipeline.cli.options import URL, Seconds
from pipeline.config import Settings
from pipeline.errors import JobpulseError
from pipeline.ops.runs import RunsReport, ago

DB_OPTION = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), envvar="JOBPULSE_DB",
    help="DuckDB warehouse file [env JOBPULSE_DB; default data/jobpulse.duckdb].",
)
CONFIG_OPTION = click.option(
    "--config", "config_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Schedule config file [env JOBPULSE_SCHEDULE_FILE; default: the bundled "
         "pipeline/ops/schedule.yaml].",
)


@contextmanager
def _user_errors(db_path: Path | None = None) -> Iterator[None]:
    import duckdb

    from warehouse.db import WarehouseError, corrupt_error

    try:
        yield
    except (JobpulseError, WarehouseError) as exc:
        raise click.ClickException(str(exc)) from exc
    except duckdb.Error as exc:
        # Damage in a block that opening the file did not read shows up mid-query.
        damaged = corrupt_error(db_path, exc) if db_path is not None else None
        line = str(damaged or exc).strip().splitlines()
        raise click.ClickException(line[0] if line else type(exc).__name__) from exc


def _service_logging() -> None:
    # The run lines are the service's output, so they show at INFO whatever the root level;
    # APScheduler's own warnings (a skipped or missed run) go the same way, with a timestamp.
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    for name, level in (("pipeline.ops.schedule", logging.INFO), ("apscheduler", logging.WARNING)):
        logger = logging.getLogger(name)
        if logger.handlers:
            continue
        logger.addHandler(handler)
        logger.propagate = False
        if logger.level == logging.NOTSET or logger.level > level:
            logger.setLevel(level)


@click.command(name="schedule")
@CONFIG_OPTION
@click.option("--base-url", type=URL, help="Base URL for every source instead of the real one "
              "(e.g. a local server); with several enabled sources it must contain {source}.")
@click.option("--every", type=Seconds(min=0, min_open=True), metavar="SECONDS",
              help="Run every enabled source every SECONDS instead of its cron schedule "
                   "(tests and demos).")
@click.option("--stop-timeout", type=Seconds(min=0), metavar="SECONDS",
              help="On SIGTERM/SIGINT, how long a running crawl may go on before it is asked "
                   "to stop [default: the config's stop_timeout, 300].")
@DB_OPTION
def schedule_command(config_file: Path | None, base_url: str | None, every: float | None,
                     stop_timeout: float | None, db: Path | None) -> None:
    """Run the scheduler service: crawl each enabled source on its schedule, then load.

    Schedules, spider args and settings come from the config file. Next-run times are kept in
    <data_dir>/scheduler.sqlite, so a restart keeps them and makes up a missed run once. A
    real source is never crawled sooner than its terms allow (the run is skipped and logged).
    SIGTERM or Ctrl-C: no new runs; a running crawl may finish within --stop-timeout, is then
    stopped cleanly, what it fetched is loaded, and the service exits 0.

    \b
    Examples:
        jobpulse schedule
        jobpulse schedule --config my-schedule.yaml --stop-timeout 600
        jobpulse schedule --base-url http://127.0.0.1:8000/{source} --every 30
    """
    from pipeline.ops.schedule import SchedulerService
    from pipeline.ops.schedule_config import load_config
    from warehouse.db import check_warehouse

    with _user_errors():
        config = load_config(config_file)
        settings = Settings.from_env(db=db)
        check_warehouse(settings.db_path)
        service = SchedulerService(config, settings, base_url=base_url,
                                   every=every, stop_timeout=stop_timeout)
        _service_logging()
        service.run_forever()


@click.command(name="runs")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many recent runs to show.")
@click.option("--source", help="Only this source.")
@click.option("--failed", is_flag=True, help="Only runs that failed or finished with errors.")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of tables.")
@CONFIG_OPTION
@DB_OPTION
def runs_command(limit: int, source: str | None, failed: bool, as_json: bool,
                 config_file: Path | None, db: Path | None) -> None:
    """Show recent crawl runs, failures with their reason, and each source's next run.

    Runs are read from the warehouse's crawl_runs table (read-only, so a running load is not
    disturbed); next times come from the scheduler's job store, else from the config's cron.

    \b
    Examples:
        jobpulse runs
        jobpulse runs --source hn --limit 5
        jobpulse runs --failed --json
    """
    from pipeline.ops.runs import runs_report
    from pipeline.ops.schedule_config import load_config
    from pipeline.ops.sources import get_source

    with _user_errors():
        settings = Settings.from_env(db=db)
    with _user_errors(settings.db_path):
        if source:
            get_source(source)
        report = runs_report(settings, load_config(config_file), limit=limit,
                             source=source, failed=failed)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=1))
        return
    _echo_runs(report)


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "-"


def _echo_runs(report: RunsReport) -> None:
    if report.warehouse_note:
        click.echo(f"no runs: {report.warehouse_note}")
    elif not report.runs:
        click.echo("no runs recorded yet")
    else:
        click.echo("Recent runs, newest first (times UTC):")
        click.echo(f"{'started':<19}  {'source':<14} {'status':<8} {'secs':>6} {'pages':>5} "
                   f"{'seen':>6} {'new':>6} {'chg':>5} {'same':>6} {'closed':>6} {'drop':>5} "
                   f"{'errors':>6}  run")
        for r in report.runs:
            secs = f"{r.seconds:.1f}" if r.seconds is not None else "-"
            loaded = r.loaded_at is not None
            click.echo(f"{_when(r.started_at):<19}  {r.source:<14} {r.status:<8} {secs:>6} "
                       f"{r.pages:>5} {r.items_seen:>6} "
                       + (f"{r.items_new:>6} {r.items_changed:>5} {r.items_unchanged:>6} "
                          f"{r.items_closed:>6} " if loaded else f"{'(not loaded yet)':>27} ")
                       + f"{r.items_dropped:>5} {r.error_count:>6}  {r.run_id}")
            if r.reason:
                click.echo(f"{'':<21}{r.status.upper()}: {r.reason}")
    if not report.sources:
        return
    click.echo("")
    click.echo("Sources (times UTC):")
    click.echo(f"{'source':<14} {'schedule':<16} {'next run':<19}  {'from':<9}  "
               f"{'last run':<13} {'status':<8} {'freshness':<10} last good run")
    for s in report.sources:
        schedule = s.schedule if s.enabled else "disabled"
        # Stale in capitals: the one word in the table that asks for action.
        freshness = s.freshness.upper() if s.stale else s.freshness
        click.echo(f"{s.source:<14} {schedule:<16} {_when(s.next_run_at):<19}  "
                   f"{s.next_from or '-':<9}  {ago(s.last_run_at):<13} "
                   f"{s.last_status or '-':<8} {freshness:<10} {ago(s.last_ok_at)}")
    now = datetime.now(UTC)
    if any(s.next_run_at and s.next_run_at < now for s in report.sources):
        click.echo("(a next run in the past is due: the scheduler is not running, or is busy; "
                   "on start it runs once if within misfire_grace_time)")
