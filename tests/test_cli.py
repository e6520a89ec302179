"""The ``jobpulse`` CLI: every command has help with an example; errors are one clean line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.cli.group import JobpulseGroup

REQUIRED = {"sources", "crawl", "load", "migrate", "dashboard", "demo"}


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    """Every command as ``jobpulse --help`` finds it (commands imported on demand included)."""
    out = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, f"{prefix}{name} is listed but cannot be loaded"
        out.append((prefix + name, command))
        if isinstance(command, click.Group):
            out += all_commands(command, prefix + name + " ")
    return out


def test_top_level_lists_required_commands() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in REQUIRED:
        assert f"  {name} " in result.output


@pytest.mark.parametrize(("name", "command"), all_commands(cli), ids=lambda v: str(v))
def test_every_command_has_help_with_example(name: str, command: click.Command) -> None:
    assert command.help, f"{name} is missing its help"
    result = CliRunner().invoke(cli, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"{name} help has no example"


def test_sources_lists_every_source_with_url_and_schedule() -> None:
    from pipeline.ops.sources import SOURCES

    result = CliRunner().invoke(cli, ["sources"])
    assert result.exit_code == 0
    assert len(SOURCES) >= 12
    for source in SOURCES.values():
        assert source.slug in result.output and source.default_url in result.output
        assert f"cron '{source.schedule}'" in result.output


def test_unknown_source_is_one_clean_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "crawl", "nosuch"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert result.returncode != 0
    assert result.stderr.strip().startswith("Error: unknown source 'nosuch' (known: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_crawl_without_source_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["crawl"])
    assert result.exit_code == 2
    assert "at least one SOURCE" in result.output


def test_dashboard_without_warehouse(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["dashboard", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "no warehouse" in result.output


def test_db_defaults_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("JOBPULSE_DB", raising=False)
    monkeypatch.delenv("JOBPULSE_DATA_DIR", raising=False)
    result = CliRunner().invoke(cli, ["migrate"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "data" / "jobpulse.duckdb").is_file()
    monkeypatch.setenv("JOBPULSE_DB", str(tmp_path / "env.duckdb"))
    assert CliRunner().invoke(cli, ["migrate"]).exit_code == 0
    assert (tmp_path / "env.duckdb").is_file()
    assert CliRunner().invoke(cli, ["migrate", "--db", str(tmp_path / "o.duckdb")]).exit_code == 0
    assert (tmp_path / "o.duckdb").is_file()


def test_commands_imported_on_demand_are_named_as_listed() -> None:
    for group in (cli, cli.commands["eval"]):
        assert isinstance(group, JobpulseGroup)
        for name in group.lazy:
            command = group.get_command(click.Context(group), name)
            assert command is not None and command.name in (name, f"eval_{name}"), name


def test_a_command_starts_without_what_only_other_commands_need(tmp_path: Path) -> None:
    # `skills resolve` needs the taxonomy, not DuckDB or the scheduler.
    script = ("import runpy, sys\n"
              "sys.argv = ['jobpulse', 'skills', 'resolve', 'golang']\n"
              "try:\n    runpy.run_module('pipeline.cli', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "heavy = ('duckdb', 'apscheduler', 'streamlit')\n"
              "print(sorted(m for m in heavy if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, check=True)
    assert result.stdout.splitlines() == ['{"name": "golang", "canonical": "Go"}', "[]"]
