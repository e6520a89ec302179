"""Posting text is data, never code: hostile text goes crawl -> land -> load byte-identical.

Audit (what these tests pin down):

* SQL: the loader hands rows to DuckDB as Arrow frames (``con.register``) and binds run values
  as parameters; the SQL text comes only from ``warehouse/sql/*.sql``. No posting value is ever
  formatted into a statement.
* Shell: ``pipeline.ops.crawl.run_crawl`` starts Scrapy with an argument list (no shell), with
  spider arguments from the CLI or config only; ``check_crawl_inputs`` rejects odd argument or
  setting names and arguments jobpulse sets itself (``crawl_run``, ``base_url``).
* Files: a landing file is ``<landing>/<spider name>/<crawl_run>.jsonl``; spider names are code,
  and ``crawl_run`` must match ``[A-Za-z0-9][A-Za-z0-9_.-]*`` (``JobSpider`` and
  ``run_crawl`` both check). Board tokens are checked the same way (``crawlers.ats_boards``)
  and only ever become URL path segments, quoted. Posting text never names a file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawlers.spiders.hn import HnSpider
from pipeline.config import Settings
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import check_crawl_inputs, crawl_command, run_crawl
from tests.conftest import ROOT, ReplayServer
from warehouse.db import connect


def hostile(marker: Path) -> dict[str, str]:
    """Values that would do harm if any layer treated them as SQL, shell, paths or markup."""
    return {
        "sql": "Robert'); drop table postings; -- \" ; delete from crawl_runs; /*",
        "shell": f"$(touch {marker}) `touch {marker}` ; touch {marker} && echo | cat",
        "path": "../../etc/passwd ..\\..\\windows\\system32 /dev/null %2e%2e%2f",
        "html": "<script>alert('x')</script><img src=x onerror=alert(1)>",
        "format": "%(name)s {0} {crawl_run} %s %n \\x00 ${HOME}",
    }


def test_hostile_posting_round_trips_byte_identical(replay: ReplayServer, settings: Settings,
                                                    tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    bad = hostile(marker)
    title = f"Backend Engineer {bad['sql']} {bad['shell']} {bad['path']} {bad['html']}"
    company = f"{bad['sql']} {bad['format']} {bad['path']}"
    paragraphs = [bad["sql"], bad["shell"], bad["path"], bad["format"]]
    # Greenhouse sends the job's HTML entity-escaped; the visible text must survive as text.
    html_body = "".join(f"<p>{p.replace('&', '&amp;').replace('<', '&lt;')}</p>"
                        for p in paragraphs) + bad["html"]
    board_file = replay.root / "greenhouse" / "tidewater.json"
    board = json.loads(board_file.read_text(encoding="utf-8"))
    job = board["jobs"][0]
    job.update(id="../../etc/passwd", title=title, company_name=company,
               content=html_body.replace("&", "&amp;").replace("<", "&lt;")
               .replace(">", "&gt;"))
    board_file.write_text(json.dumps(board), encoding="utf-8")

    result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                       base_url=replay.base("greenhouse"), args={"boards": "tidewater"})
    assert result.ok, result.log_file.read_text()[-3000:]
    items = {i["source_id"]: i for i in map(json.loads, result.landing_file.read_text(
        encoding="utf-8").splitlines())}
    item = items["../../etc/passwd"]
    assert item["jobTitle"] == title
    assert item["hiringOrganization"]["name"] == company
    assert item["descriptionHtml"] == html_body

    report = load_warehouse(settings)
    assert not report.failed
    con = connect(settings.db_path, read_only=True)
    try:
        row = con.execute(
            "select title, company, description, posting_id from postings where source_id = ?",
            ["../../etc/passwd"]).fetchall()[0]
        raw = json.loads(con.execute("select item from raw_postings where source_id = ?",
                                     ["../../etc/passwd"]).fetchall()[0][0])
        tables = {r[0] for r in con.execute(
            "select table_name from information_schema.tables").fetchall()}
        counts = con.execute("select (select count(*) from postings), "
                             "(select count(*) from crawl_runs)").fetchall()[0]
    finally:
        con.close()
    assert row[0] == title and row[1] == company
    assert row[3] == "greenhouse:../../etc/passwd"
    for paragraph in paragraphs:
        assert paragraph in row[2]
    # The raw item is stored exactly as landed (JSON round trip: the same values).
    assert raw == item
    # No side effects: the tables are all there, nothing ran, no file appeared.
    assert {"postings", "raw_postings", "crawl_runs"} <= tables
    assert counts == (2, 1)
    assert not marker.exists()
    assert not (settings.landing_dir.parent.parent / "etc").exists()
    landed = sorted(p.relative_to(settings.landing_dir).as_posix()
                    for p in settings.landing_dir.rglob("*") if p.is_file())
    assert landed == [f"greenhouse/{result.run_id}.jsonl", f"greenhouse/{result.run_id}.run.json"]


@pytest.mark.parametrize("run_id", ["../../x", "/etc/x", "..", ".hidden", "a/b", "a\\b", "",
                                    "a b", "x\n", "$(id)"])
def test_spider_rejects_a_run_id_that_is_not_a_file_name(run_id: str) -> None:
    with pytest.raises(ValueError, match="crawl_run"):
        HnSpider(crawl_run=run_id)


def test_spider_accepts_run_ids_jobpulse_makes() -> None:
    assert HnSpider(crawl_run="20261122T181319Z-247502691").crawl_run == \
        "20261122T181319Z-247502691"
    assert HnSpider(crawl_run="seed.v2_a-1").crawl_run == "seed.v2_a-1"


@pytest.mark.parametrize("args", [
    {"crawl_run": "../../x"}, {"base_url": "http://evil.example"}, {"a=b": "1"},
    {"--output": "x"}, {"months": "1\0"},
])
def test_run_crawl_rejects_arguments_that_override_paths(args: dict[str, str],
                                                         settings: Settings) -> None:
    with pytest.raises(ValueError):
        run_crawl("hn", landing_dir=settings.landing_dir, base_url="http://127.0.0.1:9",
                  args=args)
    assert not settings.landing_dir.exists() or not any(settings.landing_dir.rglob("*.jsonl"))


def test_crawl_inputs_are_checked() -> None:
    with pytest.raises(ValueError, match="source"):
        check_crawl_inputs("../hn", "r1", {}, {})
    with pytest.raises(ValueError, match="run id"):
        crawl_command("hn", "../../x", base_url=None, args={}, settings={})
    with pytest.raises(ValueError, match="setting"):
        check_crawl_inputs("hn", "r1", {}, {"FEEDS={}": "x"})
    # Values are free text: the command is an argument list, never a shell line.
    command = crawl_command("hn", "r1", base_url=None, args={"since": "$(rm -rf /); `id`"},
                            settings={"LOG_LEVEL": "INFO"})
    assert "since=$(rm -rf /); `id`" in command


def test_scrapy_crawl_with_a_traversing_run_id_writes_nothing(tmp_path: Path) -> None:
    """Even started by hand, past run_crawl, the spider refuses the run id before any feed."""
    landing = tmp_path / "a" / "b" / "landing"
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings",
           "JOBPULSE_LANDING_DIR": str(landing)}
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "hn", "-a", "crawl_run=../../../x",
         "-a", "base_url=http://127.0.0.1:9"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode != 0
    assert "invalid crawl_run" in proc.stderr + proc.stdout
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []
