"""Bad input to any command: one ``Error:`` line and a non-zero exit, never a traceback.

Each kind of bad input a user can hand jobpulse (a missing file, a directory where a file is
expected, a damaged database, invalid UTF-8, malformed JSON or YAML, an out-of-range option)
runs against every command that takes it. Most go through click's CliRunner for speed; the
damaged-database load and ``crawl hn --months -1`` also run as real processes, because a
traceback can come from a subprocess that CliRunner never sees. A crawl with bad arguments
must not start at all: no landing file, no log.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent

DAMAGED = "is not a DuckDB database (or is corrupt)"


def assert_one_error(result: Result | subprocess.CompletedProcess[str], expect: str = ""
                     ) -> str:
    """The command failed with one ``Error:`` line on stderr (after click's usage header)."""
    if isinstance(result, Result):
        out, err, code = result.stdout, result.stderr, result.exit_code
        # An exception that escaped the command: CliRunner keeps it rather than printing it.
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            repr(result.exception))
    else:
        out, err, code = result.stdout, result.stderr, result.returncode
    assert "Traceback" not in out + err
    assert code != 0, out + err
    lines = err.strip().splitlines()
    if lines and lines[0].startswith("Usage:"):
        errors = [line for line in lines if line.startswith("Error:")]
        assert len(errors) == 1 and lines[-1] == errors[0], err
        assert code == 2
    else:
        assert len(lines) == 1 and lines[0].startswith("Error:"), err
    assert expect in lines[-1], lines[-1]
    return lines[-1]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One of each kind of bad input, plus a good warehouse, shared by the module's tests."""
    from warehouse.db import writer
    from warehouse.migrate import migrate

    root = tmp_path_factory.mktemp("bad_input")
    made: dict[str, tuple[bytes | str, str]] = {
        "corrupt": (random.Random(7).randbytes(16_384), "damaged.duckdb"),
        "textdb": ("this is a text file, not a database\n", "notes.duckdb"),
        "bad_utf8": (b'{"id": 1, "text": "Go"}\n{"id": 2, "text": "caf\xe9"}\n', "latin1.jsonl"),
        "bad_json": ('{"id": 1, "text": "Go"}\n{"id": 2, "text": \n', "broken.jsonl"),
        "not_object": ('{"id": 1, "text": "Go"}\n["Go", "Rust"]\n', "list.jsonl"),
        "no_id": ('{"id": 1, "text": "Go"}\n{"text": "Go"}\n', "no_id.jsonl"),
        "no_text": ('{"id": 1, "text": "Go"}\n{"id": 2}\n', "no_text.jsonl"),
        "gold_shape": ('{"id": 1, "text": "$5", "gold": "five"}\n', "gold_shape.jsonl"),
        "bad_yaml": ("skills: [unclosed\n", "broken.yaml"),
        "bad_utf8_yaml": (b"skills:\n  - name: caf\xe9\n", "latin1.yaml"),
        "file": ("a file where a folder is expected\n", "plain.txt"),
    }
    paths = {}
    for name, (content, filename) in made.items():
        path = root / filename
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        paths[name] = path
    paths["dir"] = root / "a_folder"
    paths["dir"].mkdir()
    paths["missing"] = root / "no_such_file.jsonl"
    paths["good"] = root / "good.duckdb"
    with writer(paths["good"]) as con:
        migrate(con)
    return paths


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private data and landing folders; no crawl, dashboard or demo may really start."""
    data = tmp_path / "data"
    monkeypatch.setenv("JOBPULSE_DATA_DIR", str(data))
    monkeypatch.setenv("JOBPULSE_LANDING_DIR", str(data / "landing"))
    monkeypatch.delenv("JOBPULSE_DB", raising=False)

    def started(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("bad input must stop the command before it starts any work")

    monkeypatch.setattr("pipeline.ops.crawl.run_crawl", started)
    monkeypatch.setattr("pipeline.demo.run.run_demo", started)
    monkeypatch.setattr("pipeline.cli.commands._exec_dashboard", started)
    monkeypatch.setattr("pipeline.ops.schedule.SchedulerService.run_forever", started)
    monkeypatch.setattr(os, "execv", started)
    return data


def invoke(args: list[str], files: dict[str, Path], tmp_path: Path, *, stdin: bytes | None = None,
           env: dict[str, str] | None = None) -> Result:
    """Run ``jobpulse ARGS`` with ``{name}`` replaced by that file's path (``{tmp}``: tmp_path)."""
    names = {**{k: str(v) for k, v in files.items()}, "tmp": str(tmp_path)}
    resolved = [a.format(**names) for a in args]
    resolved_env = {k: v.format(**names) for k, v in (env or {}).items()}
    return CliRunner().invoke(cli, resolved, input=stdin, env=resolved_env)


# --------------------------------------------------------------------------------------------
# A damaged warehouse: random bytes, or a text file, at --db
# --------------------------------------------------------------------------------------------

DB_COMMANDS = {
    "load": ["load"],
    "migrate": ["migrate"],
    "rebuild": ["rebuild"],
    "sql": ["sql", "select 1"],
    "sql-dot": ["sql", ".tables"],
    "check": ["check"],
    "export": ["export", "--out", "{tmp}/export"],
    "runs": ["runs"],
    "dashboard": ["dashboard"],
    "demo": ["demo", "--no-dashboard"],
    "crawl-load": ["crawl", "hn", "--load", "--base-url", "http://127.0.0.1:9/hn"],
    "schedule": ["schedule", "--every", "60"],
    "mcp": ["mcp"],
    "api": ["api"],
    "report": ["report", "--out", "{tmp}/report"],
}


@pytest.mark.parametrize("kind", ["corrupt", "textdb"])
@pytest.mark.parametrize("command", DB_COMMANDS.values(), ids=DB_COMMANDS.keys())
def test_damaged_warehouse(command: list[str], kind: str, files: dict[str, Path],
                           tmp_path: Path) -> None:
    db = files[kind]
    before = db.read_bytes()
    line = assert_one_error(invoke([*command, "--db", str(db)], files, tmp_path), DAMAGED)
    assert str(db) in line
    # Writers copy the file to <db>.next; nothing of that copy may stay behind.
    assert not db.with_name(db.name + ".next").exists()
    assert not db.with_name(db.name + ".next.wal").exists()
    assert db.read_bytes() == before


def test_damaged_warehouse_load_in_a_real_process(files: dict[str, Path], tmp_path: Path
                                                  ) -> None:
    db = tmp_path / "x.duckdb"
    db.write_bytes(files["corrupt"].read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "load", "--db", str(db)], cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=120)
    assert result.returncode == 1
    assert_one_error(result, f"Error: {db} {DAMAGED}")
    assert not (tmp_path / "x.duckdb.next").exists()
    assert not (tmp_path / "x.duckdb.next.wal").exists()
    assert db.read_bytes() == files["corrupt"].read_bytes()


# --------------------------------------------------------------------------------------------
# Missing files, and a folder where a file is expected (or a file where a folder is)
# --------------------------------------------------------------------------------------------

PATH_COMMANDS = {
    "db:load": ["load", "--db", "{X}"],
    "db:migrate": ["migrate", "--db", "{X}"],
    "db:rebuild": ["rebuild", "--db", "{X}"],
    "db:sql": ["sql", "--db", "{X}", "select 1"],
    "db:check": ["check", "--db", "{X}"],
    "db:export": ["export", "--db", "{X}", "--out", "{tmp}/export"],
    "db:dashboard": ["dashboard", "--db", "{X}"],
    "db:demo": ["demo", "--no-dashboard", "--db", "{X}"],
    "db:crawl": ["crawl", "hn", "--db", "{X}"],
    "db:runs": ["runs", "--db", "{X}"],
    "db:schedule": ["schedule", "--db", "{X}"],
    "db:mcp": ["mcp", "--db", "{X}"],
    "db:api": ["api", "--db", "{X}"],
    "db:report": ["report", "--db", "{X}", "--out", "{tmp}/report"],
    "skills-extract": ["skills", "extract", "{X}"],
    "pay-parse": ["pay", "parse", "{X}"],
    "eval-pay": ["eval", "pay", "--gold", "{X}"],
    "eval-skills": ["eval", "skills", "--gold", "{X}"],
    "taxonomy:skills": ["skills", "list", "--taxonomy", "{X}"],
    "taxonomy:rebuild": ["rebuild", "--db", "{good}", "--taxonomy", "{X}"],
    "config:runs": ["runs", "--config", "{X}"],
    "config:schedule": ["schedule", "--config", "{X}"],
}
# Commands that treat a missing file as a normal state, not an error.
MISSING_IS_FINE = {
    "db:load", "db:migrate", "db:demo", "db:crawl", "db:schedule",  # the first write creates it
    "db:runs",  # shows the schedule with a note that no runs are recorded yet
}


@pytest.mark.parametrize("command", [pytest.param(c, id=i) for i, c in PATH_COMMANDS.items()
                                     if i not in MISSING_IS_FINE])
def test_missing_file(command: list[str], files: dict[str, Path], tmp_path: Path) -> None:
    args = [a.replace("{X}", "{missing}") for a in command]
    assert_one_error(invoke(args, files, tmp_path), files["missing"].name)


@pytest.mark.parametrize("command", PATH_COMMANDS.values(), ids=PATH_COMMANDS.keys())
def test_directory_instead_of_file(command: list[str], files: dict[str, Path], tmp_path: Path
                                   ) -> None:
    args = [a.replace("{X}", "{dir}") for a in command]
    line = assert_one_error(invoke(args, files, tmp_path), files["dir"].name)
    assert "directory" in line.lower()


def test_file_instead_of_export_folder(files: dict[str, Path], tmp_path: Path) -> None:
    result = invoke(["export", "--db", "{good}", "--out", "{file}"], files, tmp_path)
    assert_one_error(result, "is a file")


def test_file_instead_of_landing_folder(files: dict[str, Path], tmp_path: Path) -> None:
    result = invoke(["load", "--db", "{tmp}/new.duckdb"], files, tmp_path,
                    env={"JOBPULSE_LANDING_DIR": "{file}"})
    assert_one_error(result, f"landing zone {files['file']} is a file, not a folder")


# --------------------------------------------------------------------------------------------
# Invalid UTF-8, malformed JSON and YAML, JSON Lines of the wrong shape
# --------------------------------------------------------------------------------------------

JSON_LINES_COMMANDS = {
    "skills-extract": ["skills", "extract", "{X}"],
    "pay-parse": ["pay", "parse", "{X}"],
}
BAD_LINES = {
    "bad_utf8": ":2: not valid UTF-8 (line 2, byte 23)",
    "bad_json": ":2: invalid JSON: Expecting value (line 2, column 19)",
    "not_object": ":2: expected a JSON object, got an array (line 2)",
    "no_id": ':2: missing "id" (line 2)',
    "no_text": ':2: missing or non-string "text" (line 2)',
}


@pytest.mark.parametrize("kind", BAD_LINES)
@pytest.mark.parametrize("command", JSON_LINES_COMMANDS.values(), ids=JSON_LINES_COMMANDS.keys())
def test_bad_json_lines(command: list[str], kind: str, files: dict[str, Path],
                        tmp_path: Path) -> None:
    """pay parse and skills extract share one reader: the same line, the same message."""
    args = [a.replace("{X}", "{" + kind + "}") for a in command]
    line = assert_one_error(invoke(args, files, tmp_path), BAD_LINES[kind])
    assert line == f"Error: {files[kind]}{BAD_LINES[kind]}"


@pytest.mark.parametrize("command", JSON_LINES_COMMANDS.values(), ids=JSON_LINES_COMMANDS.keys())
def test_bad_json_lines_on_stdin(command: list[str], files: dict[str, Path], tmp_path: Path
                                 ) -> None:
    args = [a.replace("{X}", "-") for a in command]
    result = invoke(args, files, tmp_path, stdin=files["bad_utf8"].read_bytes())
    assert_one_error(result, "not valid UTF-8 (line 2, byte 23)")


GOLD_COMMANDS = {
    "eval-pay": ["eval", "pay", "--gold", "{X}"],
    "eval-skills": ["eval", "skills", "--gold", "{X}"],
}


@pytest.mark.parametrize("kind", ["bad_utf8", "bad_json", "not_object"])
@pytest.mark.parametrize("command", GOLD_COMMANDS.values(), ids=GOLD_COMMANDS.keys())
def test_bad_gold_file(command: list[str], kind: str, files: dict[str, Path], tmp_path: Path
                       ) -> None:
    args = [a.replace("{X}", "{" + kind + "}") for a in command]
    assert_one_error(invoke(args, files, tmp_path), f"{files[kind]}:2: ")


def test_gold_line_of_the_wrong_shape(files: dict[str, Path], tmp_path: Path) -> None:
    result = invoke(["eval", "pay", "--gold", "{gold_shape}"], files, tmp_path)
    assert_one_error(result, ':1: "gold" must be an object or null (line 1)')


YAML_COMMANDS = {
    "taxonomy:skills": ["skills", "list", "--taxonomy", "{X}"],
    "taxonomy:extract": ["skills", "extract", "{no_id}", "--taxonomy", "{X}"],
    "taxonomy:rebuild": ["rebuild", "--db", "{good}", "--taxonomy", "{X}"],
    "config:runs": ["runs", "--config", "{X}"],
    "config:schedule": ["schedule", "--config", "{X}"],
}


@pytest.mark.parametrize("kind,expect", [("bad_yaml", "not valid YAML"),
                                         ("bad_utf8_yaml", "not UTF-8 text")])
@pytest.mark.parametrize("command", YAML_COMMANDS.values(), ids=YAML_COMMANDS.keys())
def test_bad_yaml(command: list[str], kind: str, expect: str, files: dict[str, Path],
                  tmp_path: Path) -> None:
    args = [a.replace("{X}", "{" + kind + "}") for a in command]
    line = assert_one_error(invoke(args, files, tmp_path), expect)
    assert str(files[kind]) in line
    good = files["good"]
    assert not good.with_name(good.name + ".next").exists()


def test_query_on_stdin_not_utf8(files: dict[str, Path], tmp_path: Path) -> None:
    result = invoke(["sql", "--db", "{good}", "-"], files, tmp_path, stdin=b"select '\xe9'")
    assert_one_error(result, "not UTF-8 text")


def test_bad_landing_file(files: dict[str, Path], tmp_path: Path, isolated: Path) -> None:
    run = isolated / "landing" / "hn"
    run.mkdir(parents=True)
    (run / "r1.jsonl").write_text("{not json\n", encoding="utf-8")
    (run / "r1.run.json").write_text('{"run_id": "r1", "source": "hn", "finish_reason": '
                                     '"finished"}', encoding="utf-8")
    result = invoke(["load", "--db", "{tmp}/new.duckdb"], files, tmp_path)
    assert_one_error(result, "1 landing file(s) not loaded")


# --------------------------------------------------------------------------------------------
# Out-of-range options: click's usage error, before anything runs
# --------------------------------------------------------------------------------------------

OUT_OF_RANGE = {
    "crawl --months -1": (["crawl", "hn", "--months", "-1"], "'--months'"),
    "crawl --since 2025-13": (["crawl", "hn", "--since", "2025-13"], "'--since'"),
    "crawl --since 2025-6": (["crawl", "hn", "--since", "2025-6"], "'--since'"),
    "crawl --until 0000-01": (["crawl", "hn", "--until", "0000-01"], "'--until'"),
    "crawl since after until": (["crawl", "hn", "--since", "2025-06", "--until", "2025-01"],
                                "--since 2025-06 is after --until 2025-01"),
    "crawl until before since": (["crawl", "hn", "--until", "2025-01", "--since", "2025-06"],
                                 "--since 2025-06 is after --until 2025-01"),
    "crawl --base-url ftp": (["crawl", "hn", "--base-url", "ftp://example.com"],
                             "'--base-url'"),
    "crawl --base-url port": (["crawl", "hn", "--base-url", "http://127.0.0.1:99999/"],
                              "'--base-url'"),
    "rebuild --workers 0": (["rebuild", "--db", "{good}", "--workers", "0"], "'--workers'"),
    "rebuild --top -1": (["rebuild", "--db", "{good}", "--top", "-1"], "'--top'"),
    "dashboard --port 0": (["dashboard", "--db", "{good}", "--port", "0"], "'--port'"),
    "dashboard --port 65536": (["dashboard", "--db", "{good}", "--port", "65536"], "'--port'"),
    "demo --months 0": (["demo", "--no-dashboard", "--months", "0"], "'--months'"),
    "demo --port -1": (["demo", "--port", "-1"], "'--port'"),
    "eval pay --worst -1": (["eval", "pay", "--gold", "{no_id}", "--worst", "-1"], "'--worst'"),
    "eval skills --top -1": (["eval", "skills", "--gold", "{no_id}", "--top", "-1"], "'--top'"),
    "sql --limit -1": (["sql", "--db", "{good}", "--limit", "-1", "select 1"], "'--limit'"),
    "runs --limit 0": (["runs", "--limit", "0"], "'--limit'"),
    "schedule --every 0": (["schedule", "--every", "0"], "'--every'"),
    "schedule --every nan": (["schedule", "--every", "nan"], "'--every'"),
    "schedule --every inf": (["schedule", "--every", "inf"], "'--every'"),
    "schedule --stop-timeout -1": (["schedule", "--stop-timeout", "-1"], "'--stop-timeout'"),
    "schedule --base-url": (["schedule", "--base-url", "localhost:8000"], "'--base-url'"),
    "workers 0": (["workers", "0", "hn"], "'COUNT'"),
    "workers 65": (["workers", "65", "hn"], "'COUNT'"),
    "workers --base-url": (["workers", "2", "hn", "--base-url", "x"], "'--base-url'"),
}


@pytest.mark.parametrize("args,expect", OUT_OF_RANGE.values(), ids=OUT_OF_RANGE.keys())
def test_out_of_range_option(args: list[str], expect: str, files: dict[str, Path],
                             tmp_path: Path, isolated: Path) -> None:
    result = invoke(args, files, tmp_path)
    assert result.exit_code == 2
    assert_one_error(result, expect)
    assert not isolated.exists()  # no landing file, log or scheduler store


def test_crawl_bad_months_in_a_real_process(tmp_path: Path) -> None:
    """The crawler subprocess used to fail on --months -1, after its landing file existed."""
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "JOBPULSE_DATA_DIR": str(data),
           "JOBPULSE_LANDING_DIR": str(data / "landing")}
    env.pop("JOBPULSE_DB", None)
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "crawl", "hn", "--months",
                             "-1"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert_one_error(result, "Invalid value for '--months': -1 is not in the range x>=0.")
    assert not data.exists()


# --------------------------------------------------------------------------------------------
# sql: writes are refused however they are dressed up; dot commands work as QUERY
# --------------------------------------------------------------------------------------------

HIDDEN_WRITES = {
    "DELETE": "with x as (delete from postings returning *) select * from x",
    "INSERT": "with x as (insert into skills (skill) values ('X') returning *) select * from x",
    "UPDATE": "WITH x AS (UPDATE postings SET title = 'x' RETURNING *) SELECT * FROM x",
    "COPY": "with x as (copy postings to 'out.csv') select 1",
}


@pytest.mark.parametrize("kind,query", HIDDEN_WRITES.items(), ids=HIDDEN_WRITES.keys())
def test_sql_refuses_a_write_inside_with(kind: str, query: str, files: dict[str, Path],
                                         tmp_path: Path) -> None:
    from dashboard.sql_console import run
    from warehouse.readonly import QueryRejected

    message = f"read-only: only SELECT queries are allowed, not {kind}"
    assert_one_error(invoke(["sql", "--db", "{good}", query], files, tmp_path),
                     f"Error: {message}")
    # The dashboard's SQL page shares the guard.
    with pytest.raises(QueryRejected, match=message):
        run(files["good"], query, limit=10, seconds=5)


def test_sql_refuses_plain_write_with_the_same_message(files: dict[str, Path], tmp_path: Path
                                                       ) -> None:
    result = invoke(["sql", "--db", "{good}", "delete from postings"], files, tmp_path)
    assert_one_error(result, "Error: read-only: only SELECT queries are allowed, not DELETE")


def test_sql_dot_commands_as_query(files: dict[str, Path], tmp_path: Path) -> None:
    tables = invoke(["sql", "--db", "{good}", ".tables"], files, tmp_path)
    assert tables.exit_code == 0, tables.output
    assert "postings" in tables.stdout and "_migrations" not in tables.stdout
    helped = invoke(["sql", "--db", "{good}", ".help"], files, tmp_path)
    assert helped.exit_code == 0 and ".tables" in helped.stdout
    assert invoke(["sql", "--db", "{good}", ".quit"], files, tmp_path).exit_code == 0
    assert_one_error(invoke(["sql", "--db", "{good}", ".nope"], files, tmp_path),
                     "unknown command .nope")
