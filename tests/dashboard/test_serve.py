"""The dashboard server warms up before it serves, and serves even when warming up fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import data, serve
from pipeline.cli.commands import dashboard_command
from warehouse.db import writer
from warehouse.migrate import migrate


def test_warm_up_opens_the_snapshot_and_runs_the_first_queries(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        migrate(con)
    monkeypatch.setenv("JOBPULSE_DB", str(db))
    serve.warm_up()
    assert "warm-up skipped" not in capsys.readouterr().err
    assert str(db) in data._readers  # the pages' first query finds the snapshot open


def test_warm_up_failure_does_not_stop_the_server(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.duckdb"
    with writer(db) as con:
        con.execute("create table unrelated (x int)")  # not a jobpulse warehouse
    monkeypatch.setenv("JOBPULSE_DB", str(db))
    serve.warm_up()
    assert "warm-up skipped" in capsys.readouterr().err


def test_the_served_app_does_not_watch_files(tmp_path: Path) -> None:
    command = dashboard_command(tmp_path / "w.duckdb", "127.0.0.1", 8501)
    assert command[1:3] == ["-m", "dashboard.serve"]
    assert command[command.index("--server.fileWatcherType") + 1] == "none"
