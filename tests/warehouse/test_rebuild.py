"""``jobpulse rebuild`` re-derives skills for all history and reports what changed."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bench.compare_warehouses import compare
from pipeline.cli import cli
from pipeline.config import Settings
from pipeline.ingest import loader
from pipeline.ingest.loader import load_warehouse
from pipeline.normalize.skills import SkillExtractor, load_taxonomy
from tests.warehouse.test_incremental_marts import RENUMBER_BUCKETS
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


def _differences(a: Path, b: Path) -> list[str]:
    """``compare_warehouses`` of two warehouses, their pay buckets numbered alike first (a
    bucket's number is the order it was first seen in)."""
    for path in (a, b):
        con = connect(path)
        con.execute(RENUMBER_BUCKETS)
        con.close()
    return compare(a, b)


def _edited_taxonomy(tmp_path: Path, *, remove: str | None = None) -> Path:
    """The bundled taxonomy with an alias added, two new skills (one under a parent), a gate
    relaxed and (``remove``) one skill gone."""
    data = yaml.safe_load(BUNDLED.read_text(encoding="utf-8"))
    data["version"] = "edited"
    by_name = {s["name"]: s for s in data["skills"]}
    by_name["Kubernetes"]["aliases"] = [*by_name["Kubernetes"].get("aliases", []), "kube"]
    data["skills"].append({"name": "Lambda Layers", "category": by_name["AWS Lambda"]["category"],
                           "parent": "AWS Lambda", "aliases": ["lambda layer"]})
    data["skills"].append({"name": "Service Mesh", "category": by_name["Kubernetes"]["category"],
                           "aliases": ["services"]})
    gated = next(s for s in data["skills"] if s.get("gate") == "list")
    gated["gate"] = "context"
    if remove:
        data["skills"] = [s for s in data["skills"] if s["name"] != remove]
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_rebuild_after_an_edit_equals_retagging_everything(
        seeded_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the postings an edit reaches are re-tagged, and the warehouse (skills and every
    aggregate) ends as a re-tag of all of them would leave it; also when a skill goes."""
    # The seeded warehouse is small: any edit reaches more than the share that makes the
    # aggregates refresh whole, and the part refresh is what is tested here.
    monkeypatch.setattr("warehouse.marts.FULL_REFRESH_SHARE", 1.0)
    for remove in (None, "Rust"):
        edited = _edited_taxonomy(tmp_path, remove=remove)
        scoped, full = tmp_path / f"scoped-{remove}.duckdb", tmp_path / f"full-{remove}.duckdb"
        shutil.copy(seeded_db, scoped)
        shutil.copy(seeded_db, full)
        out = CliRunner().invoke(cli, ["rebuild", "--db", str(scoped), "--taxonomy",
                                       str(edited), "--workers", "1"])
        assert out.exit_code == 0, out.output
        assert "finding the postings that mention them" in out.output
        retagged, total = map(int, re.search(r"re-tagged (\d+) of (\d+) postings",
                                             out.output.replace(",", "")).groups())
        assert 0 < retagged < total
        assert "gained: 1 skills: Service Mesh +" in out.output
        assert "aggregates for" in out.output, out.output  # refreshed in part
        again = CliRunner().invoke(cli, ["rebuild", "--db", str(full), "--taxonomy",
                                         str(edited), "--workers", "1", "--all"])
        assert again.exit_code == 0 and f"re-tagged {total:,} of {total:,}" in again.output
        assert _differences(scoped, full) == []


def test_everything_is_retagged_when_the_tagging_is_unknown_or_the_code_changed(
        seeded_db: Path, tmp_path: Path) -> None:
    con = connect(seeded_db)
    con.execute("insert into taggings values ('', null, now())")  # as 0028 marks old ones
    con.close()
    out = CliRunner().invoke(cli, ["rebuild", "--db", str(seeded_db), "--workers", "1"])
    assert out.exit_code == 0 and "tagged before jobpulse recorded how" in out.output
    # The rebuild recorded its tagging: nothing changed since, so nothing is re-tagged.
    out = CliRunner().invoke(cli, ["rebuild", "--db", str(seeded_db), "--workers", "1"])
    assert out.exit_code == 0 and "re-tagged 0 of" in out.output, out.output
    con = connect(seeded_db)
    con.execute("update taggings set state_hash = 'older code'")
    con.close()
    out = CliRunner().invoke(cli, ["rebuild", "--db", str(seeded_db), "--workers", "1"])
    assert out.exit_code == 0 and "the skill extraction code changed" in out.output


def _later_run(settings: Settings) -> None:
    """Thirty more HN ads, landed after the seed run."""
    folder = settings.landing_dir / "hn"
    stacks = ["Kubernetes and Go services", "Rust with services on AWS", "Python on Azure"]
    lines = [json.dumps({
        "source": "hn", "source_id": str(1000 + n), "url": f"https://hn.example/{1000 + n}",
        "fetched_at": "2026-11-02T00:00:00Z", "crawl_run": "later",
        "jobTitle": "Backend Engineer", "datePublished": "2026-06-10T12:00:00Z",
        "hiringOrganization": {"name": f"Later {n}"}, "jobLocation": {"raw": "Berlin"},
        "description": f"We build APIs. Our stack: {stacks[n % 3]}.",
    }) for n in range(30)]
    (folder / "later.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    now = datetime.now(UTC)
    (folder / "later.run.json").write_text(json.dumps({
        "run_id": "later", "source": "hn", "finish_reason": "finished", "pages": 1,
        "items": len(lines), "errors": {}, "started_at": (now - timedelta(minutes=1)).isoformat(),
        "finished_at": now.isoformat()}), encoding="utf-8")


def test_a_load_with_another_taxonomy_still_leaves_a_scoped_rebuild(
        seeded_db: Path, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The taxonomy was edited and a scheduled load tagged new postings with it before the
    rebuild: the rebuild re-tags what the move from either taxonomy reaches, and ends where
    re-tagging everything does."""
    monkeypatch.setattr("warehouse.marts.FULL_REFRESH_SHARE", 1.0)
    edited = _edited_taxonomy(tmp_path, remove="Rust")
    taxonomy = load_taxonomy(edited)
    monkeypatch.setattr(loader, "current_extractor",
                        lambda: (taxonomy, SkillExtractor(taxonomy)))
    _later_run(settings)
    assert not load_warehouse(settings).failed
    con = connect(seeded_db, read_only=True)
    assert con.execute("select count(*) from taggings").fetchall()[0][0] == 2
    con.close()
    full = tmp_path / "full.duckdb"
    shutil.copy(seeded_db, full)
    out = CliRunner().invoke(cli, ["rebuild", "--db", str(seeded_db), "--taxonomy",
                                   str(edited), "--workers", "1"])
    assert out.exit_code == 0 and "finding the postings that mention them" in out.output
    retagged, total = map(int, re.search(r"re-tagged (\d+) of (\d+) postings",
                                         out.output.replace(",", "")).groups())
    assert 0 < retagged < total
    again = CliRunner().invoke(cli, ["rebuild", "--db", str(full), "--taxonomy", str(edited),
                                     "--workers", "1", "--all"])
    assert again.exit_code == 0, again.output
    assert _differences(seeded_db, full) == []


def test_an_unreadable_record_or_an_empty_warehouse_retags_everything(
        seeded_db: Path, tmp_path: Path) -> None:
    con = connect(seeded_db)
    con.execute("update taggings set taxonomy = '{\"skills\": [{\"name\": 1}]}'")
    con.close()
    out = CliRunner().invoke(cli, ["rebuild", "--db", str(seeded_db), "--workers", "1"])
    assert out.exit_code == 0 and "the recorded taxonomy cannot be read" in out.output
    empty = tmp_path / "empty.duckdb"
    assert CliRunner().invoke(cli, ["migrate", "--db", str(empty)]).exit_code == 0
    out = CliRunner().invoke(cli, ["rebuild", "--db", str(empty), "--workers", "1"])
    assert out.exit_code == 0 and "re-tagged 0 of 0 postings" in out.output, out.output
