"""``jobpulse mcp``: answer assistants' questions from the warehouse."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.options import PORT
from pipeline.config import Settings


@click.command("mcp")
@click.option("--http", "http", is_flag=True,
              help="Serve streamable HTTP at http://HOST:PORT/mcp instead of stdio.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address for --http; keep 127.0.0.1 unless a proxy guards it.")
@click.option("--port", type=PORT, default=8765, show_default=True, help="Port for --http.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="JOBPULSE_DB",
              help="DuckDB warehouse file [env JOBPULSE_DB; default data/jobpulse.duckdb].")
def mcp_command(http: bool, host: str, port: int, db: Path | None) -> None:
    """Serve the warehouse to MCP clients (assistants), read-only.

    Tools: skill_trend, movers, pay, compare_markets, search_postings, company_stack,
    companies_using, describe_warehouse, sql. Every answer comes from the views the dashboard
    reads; no tool can write, read files or reach the network. stdio by default (what desktop
    assistants start); --http for streamable HTTP.

    \b
    Examples:
        jobpulse mcp                       # stdio, for an assistant's config
        jobpulse mcp --http --port 8765    # http://127.0.0.1:8765/mcp
    """
    from pipeline.serve.mcp_server import serve

    serve(Settings.from_env(db=db).db_path, http=http, host=host, port=port)


@click.command("api")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 unless a proxy guards it.")
@click.option("--port", type=PORT, default=8000, show_default=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="JOBPULSE_DB",
              help="DuckDB warehouse file [env JOBPULSE_DB; default data/jobpulse.duckdb].")
def api_command(host: str, port: int, db: Path | None) -> None:
    """Serve the read-only HTTP API (JSON and CSV, OpenAPI docs at /docs).

    The same operations as `jobpulse mcp`, plus an Atom feed of new postings matching a
    query: /feeds/postings.atom?q=rust&work_mode=remote&employment=contract.

    \b
    Examples:
        jobpulse api --port 8000
        curl 'http://127.0.0.1:8000/skills/trend?skills=Rust&skills=Go&since=2026-01'
    """
    from pipeline.serve.api import serve
    from pipeline.serve.reader import WarehouseReader

    reader = WarehouseReader(Settings.from_env(db=db).db_path)  # a bad file fails here, clearly
    serve(reader, host=host, port=port)


@click.command("report")
@click.option("--month", help="YYYY-MM; default: the last complete month.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Folder for the HTML file, its Markdown twin and charts.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), envvar="JOBPULSE_DB",
              help="DuckDB warehouse file [env JOBPULSE_DB; default data/jobpulse.duckdb].")
def report_command(month: str | None, out: Path, db: Path | None) -> None:
    """Write a month's market report: self-contained HTML (SVG charts inline) and Markdown.

    Sections: the significant movers, share trends of the top languages and clouds, pay by
    skill for salaries, day rates and hourly rates, markets side by side, sources and
    coverage, and the method. Every number is a dashboard query.

    \b
    Examples:
        jobpulse report                          # last complete month, into reports/
        jobpulse report --month 2026-10 --out /srv/www/jobpulse
    """
    import subprocess
    import sys

    from pipeline.errors import JobpulseError

    settings = Settings.from_env(db=db)
    if not settings.db_path.exists():
        raise JobpulseError(f"no warehouse at {settings.db_path}: run `jobpulse demo` or "
                            "`jobpulse crawl hn && jobpulse load` first")
    from warehouse.db import open_snapshot

    # A damaged file is one line here, not a traceback from the report's own process.
    open_snapshot(settings.db_path).close()
    # The report draws the dashboard's own charts; dashboard/ is run, never imported, from here.
    args = [sys.executable, "-m", "dashboard.report", "--db", str(settings.db_path),
            "--out", str(out)] + (["--month", month] if month else [])
    done = subprocess.run(args, check=False)
    if done.returncode:
        raise SystemExit(done.returncode)
