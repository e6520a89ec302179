"""Click commands for researchers: ``sql`` (read-only queries), ``export`` and ``check``.

The lead registers them on the main CLI::

    cli.add_command(sql)        # jobpulse sql "select ..."
    cli.add_command(export)     # jobpulse export --format parquet --out DIR
    cli.add_command(check)      # jobpulse check

Each command turns the errors a user can act on into one ``Error: ...`` line and exit code 1 by
itself, so it behaves the same whether or not it runs under the main group.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import click
import duckdb

from pipeline.cli.sql_output import TABLE_DEFAULT_LIMIT, format_table, print_result
from pipeline.config import Settings
from pipeline.errors import JobpulseError
from warehouse.db import WarehouseError

__all__ = ["check", "export", "format_table", "sql"]

# Same option as pipeline.cli.commands.DB_OPTION; defined here because pipeline.cli.commands imports
# this module to register the commands, and importing it back would be circular.
DB_OPTION = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), envvar="JOBPULSE_DB",
    help="DuckDB warehouse file [env JOBPULSE_DB; default data/jobpulse.duckdb].",
)

PROMPT, CONTINUATION = "jobpulse> ", "     ...> "
INTERACTIVE_HELP = ("End a query with ';'. .tables lists tables and views, .help shows this, "
                    ".quit (or Ctrl-D) exits.")


@contextmanager
def _user_errors(db_path: Path | None = None) -> Iterator[None]:
    """Errors the user can act on become ``Error: <one line>`` and exit 1.

    With ``db_path``, damage that a query runs into (a block that opening the file did not
    read) is reported as a damaged warehouse, naming the file.
    """
    from warehouse.db import CorruptWarehouse, corrupt_error

    try:
        yield
    except (JobpulseError, WarehouseError, duckdb.Error) as exc:
        damaged = (corrupt_error(db_path, exc) if db_path is not None
                   and not isinstance(exc, CorruptWarehouse) else None)
        raise click.ClickException(_one_line(damaged or exc)) from exc


def _one_line(exc: BaseException) -> str:
    from warehouse.readonly import first_line

    return first_line(exc)


# --------------------------------------------------------------------------------------------
# jobpulse sql
# --------------------------------------------------------------------------------------------

@click.command()
@click.argument("query", required=False)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Aligned text, CSV with a header, or JSON Lines.")
@click.option("--limit", type=click.IntRange(min=0), metavar="N",
              help=f"At most N rows; 0 = all [default: {TABLE_DEFAULT_LIMIT} for table, "
                   "all for csv and json].")
@DB_OPTION
def sql(query: str | None, fmt: str, limit: int | None, db: Path | None) -> None:
    """Run a read-only SQL query on the warehouse (no QUERY: an interactive prompt).

    Only single SELECT queries run (WITH ... SELECT, FROM, DESCRIBE, SHOW and SUMMARIZE too).
    The warehouse is opened read-only with file and network access switched off, so INSERT,
    CREATE, COPY, ATTACH, INSTALL and read_csv('/some/file') are all refused, also inside a
    WITH clause. QUERY "-" reads the query from standard input; the prompt's dot commands work
    as QUERY too (.tables, .help). The tables and views are described in warehouse/README.md.

    \b
    Examples:
        jobpulse sql "select skill, share from skill_monthly_share order by month desc limit 5"
        jobpulse sql "from postings select country, count(*) group by all" --format csv
        jobpulse sql - --format json < query.sql
        jobpulse sql .tables
        jobpulse sql                # prompt: end queries with ';', .tables, .quit
    """
    from warehouse.readonly import open_read_only

    with _user_errors():
        settings = Settings.from_env(db=db)
        if query == "-":
            query = _read_stdin()
        con = open_read_only(settings.db_path)
    try:
        if query is None:
            _interactive(con, fmt, limit)
            return
        out = sys.stdout
        with _user_errors(settings.db_path):
            if query.lstrip().startswith("."):
                # What works at the prompt works as QUERY too: jobpulse sql .tables
                _dot_command(con, query.strip(), out)
            else:
                print_result(con, query, fmt, limit, out)
    finally:
        con.close()


def _read_stdin() -> str:
    # Bytes, so invalid UTF-8 is one clear error rather than a decoder's traceback.
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream with no bytes underneath has decoded already
        return sys.stdin.read()
    data = stream.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JobpulseError(f"the query on standard input is not UTF-8 text (byte {exc.start + 1})"
                            ) from None


def _interactive(con: duckdb.DuckDBPyConnection, fmt: str, limit: int | None) -> None:
    """Read queries until ';' and run each; errors are printed and the prompt goes on."""
    stdin = sys.stdin
    out = sys.stdout
    tty = stdin.isatty()
    if tty:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401 - importing it gives input() line editing and history
        click.echo(INTERACTIVE_HELP, err=True)
    buffer: list[str] = []
    while True:
        try:
            if tty:
                line = input(CONTINUATION if buffer else PROMPT)
            else:
                line = stdin.readline()
                if not line:
                    break
        except EOFError:
            break
        except KeyboardInterrupt:
            # Like psql: Ctrl-C drops the query being typed, not the session.
            click.echo("", err=True)
            buffer.clear()
            continue
        stripped = line.strip()
        if not buffer and stripped.startswith("."):
            try:
                if not _dot_command(con, stripped, out):
                    return
            except (JobpulseError, WarehouseError, duckdb.Error) as exc:
                click.echo(f"Error: {_one_line(exc)}", err=True)
            continue
        if not stripped and not buffer:
            continue
        buffer.append(line.rstrip("\n"))
        if stripped.endswith(";"):
            _run_interactive(con, "\n".join(buffer), fmt, limit, out)
            buffer.clear()
    # End of input with a query not ended by ';': run it rather than drop it silently.
    if any(part.strip() for part in buffer):
        _run_interactive(con, "\n".join(buffer), fmt, limit, out)


def _dot_command(con: duckdb.DuckDBPyConnection, command: str, out: IO[str]) -> bool:
    """Handle a ``.command``; False means quit; an unknown one is a :class:`JobpulseError`."""
    from warehouse.readonly import list_relations

    name = command.split()[0].lower()
    if name in (".quit", ".exit", ".q"):
        return False
    if name == ".tables":
        for text in format_table(["name", "kind"], list_relations(con)):
            out.write(text + "\n")
    elif name == ".help":
        out.write(INTERACTIVE_HELP + "\n")
    else:
        raise JobpulseError(f"unknown command {name}; {INTERACTIVE_HELP}")
    out.flush()
    return True


def _run_interactive(con: duckdb.DuckDBPyConnection, text: str, fmt: str, limit: int | None,
                     out: IO[str]) -> None:
    try:
        statements = [s.query for s in duckdb.extract_statements(text)]
    except duckdb.Error as exc:
        click.echo(f"Error: {_one_line(exc)}", err=True)
        return
    for statement in statements:
        try:
            print_result(con, statement, fmt, limit, out)
        except (WarehouseError, duckdb.Error) as exc:
            click.echo(f"Error: {_one_line(exc)}", err=True)
        except KeyboardInterrupt:
            click.echo("cancelled", err=True)
            return


# --------------------------------------------------------------------------------------------
# jobpulse export
# --------------------------------------------------------------------------------------------

@click.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet",
              show_default=True, help="Parquet partitioned by month, or one CSV per table.")
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write; one subfolder per table or view.")
@click.option("--only", multiple=True, metavar="NAME",
              help="Export only these tables or views (repeatable, or comma-separated).")
@click.option("--include-raw", is_flag=True,
              help="Also export raw_postings (every raw item as JSON; large).")
@click.option("--overwrite", is_flag=True,
              help="Write into a non-empty --out, replacing the exported tables' folders.")
@DB_OPTION
def export(fmt: str, out_dir: Path, only: tuple[str, ...], include_raw: bool, overwrite: bool,
           db: Path | None) -> None:
    """Export the warehouse's tables and views as Parquet or CSV for other tools.

    Writes postings, skills, posting_skills, crawl_runs, landing_files and every view, one
    folder each (DIR/postings/...). Parquet is hive-partitioned by month (month=YYYY-MM; for
    postings the month published, else first seen; for views their month column); CSV is one
    file per folder. raw_postings only with --include-raw. The warehouse is only read.

    \b
    Examples:
        jobpulse export --out export/
        jobpulse export --format csv --out csv/ --only postings --only skill_monthly_share
        duckdb -c "select month, count(*) from read_parquet('export/postings/**/*.parquet',
                   hive_partitioning=true) group by month order by month"
    """
    from warehouse.export import Exported, export_warehouse

    settings = Settings.from_env(db=db)
    names = [n.strip() for item in only for n in item.split(",") if n.strip()]

    def show(e: Exported) -> None:
        layout = (f"{e.partitions} month partition{'s' if e.partitions != 1 else ''}"
                  if e.partitions else "1 file")
        click.echo(f"{e.name}: {e.rows:,} rows, {layout} -> {e.path} ({e.seconds:.1f}s)")

    with _user_errors():
        done = export_warehouse(settings.db_path, out_dir, fmt=fmt,  # type: ignore[arg-type]
                                only=names, include_raw=include_raw, overwrite=overwrite,
                                progress=show)
    click.echo(f"exported {len(done)} tables and views to {out_dir}")


# --------------------------------------------------------------------------------------------
# jobpulse check
# --------------------------------------------------------------------------------------------

@click.command()
@DB_OPTION
def check(db: Path | None) -> None:
    """Run the data checks (warehouse/sql/checks) on the warehouse, read-only.

    Each check is a query for rows that break a rule (unique keys, ordered pay ranges, shares
    in [0, 1], ...). Prints ok or FAILED (N rows) with up to 5 sample rows per failing check;
    exits with 1 if any check fails.

    \b
    Example:
        jobpulse check --db data/jobpulse.duckdb
    """
    from warehouse.checks import run_checks
    from warehouse.readonly import open_read_only

    settings = Settings.from_env(db=db)
    with _user_errors():
        con = open_read_only(settings.db_path)
        try:
            results = run_checks(con)
        finally:
            con.close()
    width = max((len(r.name) for r in results), default=0)
    for result in results:
        if result.ok:
            click.echo(f"{result.name:<{width}}  ok")
            continue
        status = (f"FAILED (error: {result.error})" if result.error is not None
                  else f"FAILED ({result.failed_rows} row{'s' if result.failed_rows != 1 else ''})")
        click.echo(f"{result.name:<{width}}  {status}")
        click.echo(f"    {result.description}")
        if result.sample:
            for text in format_table(result.columns, result.sample):
                click.echo(f"    {text}")
    failed = [r.name for r in results if not r.ok]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(results)} checks failed: "
                                   + ", ".join(failed))
    click.echo(f"all {len(results)} checks passed")
