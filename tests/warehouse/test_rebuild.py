"""``jobpulse rebuild`` re-derives skills for all history and reports what changed."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.normalize.skills import load_taxonomy
from warehouse.db import connect

BUNDLED = Path(__file__).resolve().parents[2] / "pipeline" / "normalize" / "taxonomy.yaml"


def taxonomy_without(tmp_path: Path, name: str, version: str) -> Path:
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    data["version"] = version
    data["skills"] = [s for s in data["skills"] if s["name"] != name]
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def skill_postings(db: Path, skill: str) -> int:
    con = connect(db, read_only=True)
    try:
        return con.execute("select count(*) from posting_skills where skill = ?",
                           [skill]).fetchall()[0][0]
    finally:
        con.close()


def test_rebuild_reports_lost_and_gained_skills(seeded_db: Path, tmp_path: Path) -> None:
    rust_before = skill_postings(seeded_db, "Rust")
    assert rust_before > 0
    smaller = taxonomy_without(tmp_path, "Rust", "test-1")
    result = CliRunner().invoke(cli, ["rebuild", "--db", str(seeded_db), "--taxonomy",
                                      str(smaller), "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"lost: 1 skills: Rust -{rust_before}" in result.output
    assert "-> test-1" in result.output
    assert skill_postings(seeded_db, "Rust") == 0
    con = connect(seeded_db, read_only=True)
    versions = con.execute("select distinct taxonomy_version from postings").fetchall()
    con.close()
    assert versions == [("test-1",)]

    result = CliRunner().invoke(cli, ["rebuild", "--db", str(seeded_db), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert f"gained: 1 skills: Rust +{rust_before}" in result.output
    assert f"-> {load_taxonomy().version}" in result.output
    assert skill_postings(seeded_db, "Rust") == rust_before


def test_rebuild_without_warehouse(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["rebuild", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no warehouse" in result.output
