"""``jobpulse``: the one command-line entry point."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

import click

from pipeline.cli.group import JobpulseGroup
from pipeline.cli.options import (
    COUNT,
    MONTH,
    NON_NEGATIVE,
    PORT,
    URL,
    check_month_order,
    name_values,
)
from pipeline.config import Settings
from pipeline.errors import JobpulseError

DB_OPTION = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), envvar="JOBPULSE_DB",
    help="DuckDB warehouse file [env JOBPULSE_DB; default data/jobpulse.duckdb].",
)


@click.group(cls=JobpulseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log debug details.")
def cli(verbose: bool) -> None:
    """jobpulse: watch the backend-developer job market.

    Crawl job sources, normalize skills and pay into a DuckDB warehouse, and explore demand
    and pay trends in a Streamlit dashboard.

    \b
    Example:
        jobpulse demo              # offline demo: generate, serve, crawl, load, dashboard
        jobpulse crawl hn --months 3 && jobpulse load
    """
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@cli.command()
def sources() -> None:
    """List the job sources with their default URLs and schedules.

    \b
    Example:
        jobpulse sources
    """
    from pipeline.ops.keys import key_status
    from pipeline.ops.sources import SOURCES

    for source in SOURCES.values():
        hours = source.min_interval.total_seconds() / 3600
        click.echo(f"{source.slug:<16} {source.default_url or '(configured URLs)':<36} "
                   f"cron '{source.schedule}', at most every {hours:g} h")
        click.echo(f"{'':<16} {source.name}; {source.terms}")
        if (status := key_status(source)) is not None:
            click.echo(f"{'':<16} {status}")


@cli.command()
@click.argument("source_names", metavar="SOURCE...", nargs=-1)
@click.option("--all", "all_sources", is_flag=True, help="Crawl every source.")
@click.option("--base-url", type=URL, help="Base URL instead of the real one (e.g. a local "
              "server); with several sources it must contain {source}.")
@click.option("--months", type=NON_NEGATIVE, help="hn: the N newest monthly threads (0 = all).")
@click.option("--since", type=MONTH, callback=check_month_order,
              help="hn: threads from this month on (all of them unless --months).")
@click.option("--until", type=MONTH, callback=check_month_order,
              help="hn: threads up to this month.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="A Scrapy setting for this crawl (repeatable).")
@click.option("--force", is_flag=True,
              help="Crawl even if the source's minimum interval has not passed.")
@click.option("--load/--no-load", "then_load", default=False,
              help="Load the landing files into the warehouse afterwards.")
@DB_OPTION
def crawl(source_names: tuple[str, ...], all_sources: bool, base_url: str | None,
          months: int | None, since: str | None, until: str | None,
          overrides: tuple[str, ...], force: bool, then_load: bool, db: Path | None) -> None:
    """Crawl job sources into the landing zone (data/landing/<source>/<run>.jsonl).

    JOBPULSE_LANDING_DIR sets the landing zone: a folder, or s3://bucket/prefix (credentials and
    AWS_ENDPOINT_URL from the environment, see docs/distributed.md).

    Each source runs in its own process; a failing source does not stop the others. A real
    source is not crawled again before the minimum interval its terms allow (see
    `jobpulse sources`) unless --force is given.

    \b
    Examples:
        jobpulse crawl hn --months 3
        jobpulse crawl hn --since 2025-01 --until 2025-06 --load
        jobpulse crawl hn --base-url http://127.0.0.1:8000/hn
    """
    from pipeline.ops.crawl import is_loopback, last_error_line, run_crawl
    from pipeline.ops.crawl_interval import too_soon
    from pipeline.ops.keys import malformed_key, skip_line
    from pipeline.ops.sources import SOURCES, get_source
    from warehouse.db import check_warehouse

    names = list(SOURCES) if all_sources else list(source_names)
    if not names:
        raise click.UsageError("name at least one SOURCE (see `jobpulse sources`) or --all")
    for name in names:
        if (bad_key := malformed_key(get_source(name))) is not None:
            raise JobpulseError(bad_key)
    if base_url and len(names) > 1 and "{source}" not in base_url:
        raise click.UsageError("with several sources, --base-url must contain {source}")
    if months is None and (since or until):
        # A range means every thread in it, not the source's default of the newest one.
        months = 0
    args = {k: str(v) for k, v in
            {"months": months, "since": since, "until": until}.items() if v is not None}
    settings = Settings.from_env(db=db)
    if then_load:
        check_warehouse(settings.db_path)
    failed = []
    for name in names:
        url = base_url.replace("{source}", name) if base_url else None
        if (no_key := skip_line(get_source(name))) is not None:
            click.echo(no_key)  # a keyed source the user has no key for: not a failure
            continue
        if not force and not (url and is_loopback(url)):
            reason = too_soon(settings.landing_dir, name)
            if reason:
                click.echo(f"skipped {reason}; use --force to crawl anyway")
                continue
        started = time.monotonic()

        def show(items: int, name: str = name, started: float = started) -> None:
            _status(f"{name}: {items} items, {time.monotonic() - started:.0f}s")

        result = run_crawl(name, landing_dir=settings.landing_dir, base_url=url, args=args,
                           settings=name_values(overrides), progress=show)
        _status_done()
        m = result.manifest
        errors = ", ".join(f"{k}={v}" for k, v in sorted(m.get("errors", {}).items())) or "none"
        click.echo(f"{name}: {m.get('items', 0)} items from {m.get('pages', 0)} pages in "
                   f"{result.seconds:.1f}s; errors: {errors} -> {result.landing_file}")
        if not result.ok:
            why = m.get("failure") or last_error_line(result.log_file)
            failed.append(f"{name}: FAILED: {why} (log: {result.log_file})")
            if len(names) > 1:
                click.echo(failed[-1], err=True)
    if then_load:
        _load(settings)
    if len(names) == 1 and failed:
        raise JobpulseError(failed[0])
    if failed:
        raise JobpulseError(f"crawl failed for {len(failed)} of {len(names)} sources: "
                            + ", ".join(line.split(":", 1)[0] for line in failed))


@cli.command()
@DB_OPTION
def load(db: Path | None) -> None:
    """Load new landing files into the warehouse (idempotent: loaded files are skipped).

    Reads the landing zone JOBPULSE_LANDING_DIR: a folder, or s3://bucket/prefix.

    \b
    Examples:
        jobpulse load --db data/jobpulse.duckdb
        JOBPULSE_LANDING_DIR=s3://my-bucket/landing jobpulse load
    """
    _load(Settings.from_env(db=db))


def _load(settings: Settings) -> None:
    from pipeline.ingest.loader import load_warehouse

    report = load_warehouse(settings, click.echo)
    if report.failed:
        raise JobpulseError(f"{len(report.failed)} landing file(s) not loaded: "
                            + "; ".join(f.error or f.key for f in report.failed))


@cli.command()
@click.option("--taxonomy", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Taxonomy file to use instead of the bundled one.")
@click.option("--workers", type=COUNT, help="Extraction processes [default: one per core].")
@click.option("--top", type=NON_NEGATIVE, default=15, show_default=True,
              help="How many gained and lost skills to list.")
@click.option("--all", "everything", is_flag=True,
              help="Re-tag every posting, not only those a taxonomy edit can change.")
@DB_OPTION
def rebuild(taxonomy: Path | None, workers: int | None, top: int, everything: bool,
            db: Path | None) -> None:
    """Re-derive postings' skills from the warehouse with the current taxonomy.

    Only the postings whose title, text or tags mention a skill or spelling the edit changed
    are re-tagged (also after loads with the edited file), unless the extraction code
    changed, the warehouse does not know how some postings were tagged, or --all is given.
    Prints the skills that gained and lost postings.

    \b
    Example:
        jobpulse rebuild --taxonomy my-taxonomy.yaml
    """
    import time as _time

    from pipeline.ingest.rebuild import rebuild_skills
    from warehouse.db import writer
    from warehouse.migrate import migrate

    settings = Settings.from_env(db=db)
    if not settings.db_path.exists():
        raise JobpulseError(f"no warehouse at {settings.db_path}")
    started = _time.monotonic()
    with writer(settings.db_path) as con:
        migrate(con)
        report = rebuild_skills(con, taxonomy_path=taxonomy, workers=workers,
                                everything=everything, progress=click.echo)
    seconds = _time.monotonic() - started
    click.echo(f"re-tagged {report.retagged:,} of {report.postings:,} postings in "
               f"{seconds:.1f}s; {report.aggregates}; taxonomy "
               f"{', '.join(report.old_versions) or 'none'} -> {report.new_version}; "
               f"{report.pairs_before:,} -> {report.pairs_after:,} posting-skill pairs")
    for label, changes in (("gained", report.gained), ("lost", report.lost)):
        shown = ", ".join(f"{s} {'+' if label == 'gained' else '-'}{n}"
                          for s, n in changes[:top])
        click.echo(f"{label}: {len(changes)} skills" + (f": {shown}" if shown else ""))


@cli.command(name="migrate")
@click.option("--stop-before", metavar="NAME", help="Apply migrations up to (not including) NAME.")
@DB_OPTION
def migrate_command(stop_before: str | None, db: Path | None) -> None:
    """Create or upgrade the warehouse schema and views.

    \b
    Example:
        jobpulse migrate --db data/jobpulse.duckdb
    """
    from warehouse.db import writer
    from warehouse.marts import refresh_marts
    from warehouse.migrate import migrate

    settings = Settings.from_env(db=db)
    with writer(settings.db_path) as con:
        applied = migrate(con, stop_before=stop_before)
        if applied and stop_before is None:
            # New or reshaped marts must not stay empty until the next load brings data.
            refresh_marts(con)
    click.echo(f"{settings.db_path}: applied {', '.join(applied) if applied else 'nothing new'}")


@cli.command()
@click.option("--port", type=PORT, default=8501, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@DB_OPTION
def dashboard(port: int, host: str, db: Path | None) -> None:
    """Serve the Streamlit dashboard (read-only over the warehouse).

    \b
    Example:
        jobpulse dashboard --port 8501
    """
    settings = Settings.from_env(db=db)
    if not settings.db_path.exists():
        raise JobpulseError(f"no warehouse at {settings.db_path}: run `jobpulse demo` or "
                            "`jobpulse crawl hn && jobpulse load` first")
    from warehouse.db import open_snapshot

    # Once exec'd, Streamlit would serve a page of errors for a file that is not a warehouse.
    open_snapshot(settings.db_path).close()
    _exec_dashboard(settings.db_path, host, port)


def dashboard_command(db_path: Path, host: str, port: int) -> list[str]:
    app = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
    return [sys.executable, "-m", "dashboard.serve", str(app), "--server.port", str(port),
            "--server.address", host, "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            # A served dashboard never reloads on edits; watching costs a realpath of every
            # imported module after each script run, on the server's event loop.
            "--server.fileWatcherType", "none",
            # Readers of a served warehouse have nothing to deploy: no "Deploy" button.
            "--client.toolbarMode", "viewer"]


def _exec_dashboard(db_path: Path, host: str, port: int) -> None:
    os.environ["JOBPULSE_DB"] = str(db_path.resolve())
    click.echo(f"dashboard: http://{host}:{port}  (Ctrl-C to stop)")
    command = dashboard_command(db_path, host, port)
    os.execv(command[0], command)


@cli.command()
@click.option("--no-dashboard", is_flag=True, help="Stop after loading.")
@click.option("--months", type=COUNT, default=48, show_default=True,
              help="Months of history to generate.")
@click.option("--seed", type=int, default=7, show_default=True)
@click.option("--port", type=PORT, default=8501, show_default=True, help="Dashboard port.")
@DB_OPTION
def demo(no_dashboard: bool, months: int, seed: int, port: int, db: Path | None) -> None:
    """Run the whole pipeline offline on a generated corpus, then open the dashboard.

    Generates a seeded corpus in each source's real response format, serves it on
    127.0.0.1, crawls it with the real spiders, loads it, and serves the dashboard.

    \b
    Example:
        jobpulse demo --no-dashboard --db /tmp/demo.duckdb
    """
    from pipeline.demo.run import run_demo
    from warehouse.db import check_warehouse

    settings = Settings.from_env(db=db)
    check_warehouse(settings.db_path)
    run_demo(settings, months=months, seed=seed, echo=click.echo)
    if not no_dashboard:
        _exec_dashboard(settings.db_path, "127.0.0.1", port)


@cli.group(name="eval", cls=JobpulseGroup)
def eval_group() -> None:
    """Measure the normalizers against labelled gold files.

    \b
    Example:
        jobpulse eval pay --gold ../shared/eval/pay/edwardjross_au_odd.jsonl
    """


def _register_normalizer_commands() -> None:
    cli.lazy.update({
        "pay": "pipeline.cli.pay:pay",
        "skills": "pipeline.cli.skills:skills",
        "sql": "pipeline.cli.warehouse:sql",
        "export": "pipeline.cli.warehouse:export",
        "check": "pipeline.cli.warehouse:check",
        "schedule": "pipeline.cli.schedule:schedule_command",
        "runs": "pipeline.cli.schedule:runs_command",
        "workers": "pipeline.cli.workers:workers",
        "mcp": "pipeline.cli.serve:mcp_command",
        "api": "pipeline.cli.serve:api_command",
        "report": "pipeline.cli.serve:report_command",
        "boards": "pipeline.cli.boards:boards_group",
    })
    assert isinstance(eval_group, JobpulseGroup)
    eval_group.lazy.update({"pay": "pipeline.cli.pay:eval_pay",
                            "skills": "pipeline.cli.skills:eval_skills"})
    eval_group.add_command(eval_roles, name="roles")


@click.command("eval_roles")
@click.option("--gold", "gold", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Labelled TSV (title, family, optional description); default: the bundled "
                   "tests/pipeline/data/role_titles.tsv.")
@click.option("--misses", type=click.IntRange(min=0), default=20, show_default=True,
              help="How many wrong predictions to list.")
def eval_roles(gold: Path | None, misses: int) -> None:
    """Score the role-family classifier: per-family precision/recall/F1, accuracy and
    engineering vs non-engineering precision/recall.

    \b
    Example:
        jobpulse eval roles --gold my-titles.tsv
    """
    from pipeline.eval.roles import DEFAULT_GOLD, GoldError, evaluate, read_gold, render_report

    try:
        items = read_gold(gold or DEFAULT_GOLD)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(render_report(evaluate(items), max_misses=misses))


_register_normalizer_commands()


def _status(message: str) -> None:
    if sys.stderr.isatty():
        click.echo(f"\r{message:<70}", nl=False, err=True)


def _status_done() -> None:
    if sys.stderr.isatty():
        click.echo("\r" + " " * 70 + "\r", nl=False, err=True)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
