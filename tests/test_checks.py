"""Data checks: all pass on a freshly loaded warehouse; a corrupted copy fails the right one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.warehouse import check
from warehouse.checks import load_checks, run_checks
from warehouse.db import connect
from warehouse.readonly import open_read_only

EXPECTED_CHECKS = {
    "postings_unique_posting_id", "postings_unique_source_key", "posting_skills_unique",
    "posting_skills_references", "pay_min_le_max", "pay_positive", "usd_rate_present",
    "pay_period_allowed", "share_in_range", "postings_have_source", "first_seen_le_last_seen",
    "closed_after_first_seen", "crawl_runs_status", "landing_files_have_run", "sources_fresh",
}


def test_every_check_file_says_what_it_checks() -> None:
    checks = load_checks()
    assert {c.name for c in checks} >= EXPECTED_CHECKS
    for c in checks:
        assert len(c.description) > 20, f"{c.name} has no comment saying what it checks"


def test_all_checks_pass_on_seeded_db(seeded_db: Path) -> None:
    con = open_read_only(seeded_db)
    try:
        results = run_checks(con)
    finally:
        con.close()
    failing = {r.name: r.error or r.sample for r in results if not r.ok}
    assert not failing
    result = CliRunner().invoke(check, ["--db", str(seeded_db)])
    assert result.exit_code == 0, result.output
    assert "FAILED" not in result.output
    assert "pay_min_le_max" in result.output and " ok" in result.output


def corrupt(seeded_db: Path, tmp_path: Path, *statements: str) -> Path:
    """A copy of the warehouse with ``statements`` applied; the original stays intact."""
    copy = tmp_path / "corrupt.duckdb"
    shutil.copyfile(seeded_db, copy)
    con = connect(copy)
    try:
        for statement in statements:
            con.execute(statement)
    finally:
        con.close()
    return copy


@pytest.mark.parametrize(("statements", "failing"), [
    (["insert into postings select * from postings where posting_id = 'hn:1'"],
     {"postings_unique_posting_id", "postings_unique_source_key"}),
    (["update postings set pay_min = 200, pay_max = 100, pay_currency = 'USD', "
      "pay_period = 'hour', pay_kind = 'rate' where posting_id = 'hn:2'"],
     {"pay_min_le_max"}),
    (["update postings set pay_min = 0, pay_max = 10, pay_currency = 'USD', "
      "pay_period = 'hour', pay_kind = 'rate' where posting_id = 'hn:3'"],
     {"pay_positive"}),
    (["update postings set pay_usd_min = 10, pay_usd_max = 20, usd_rate = null "
      "where posting_id = 'hn:4'"],
     {"usd_rate_present"}),
    (["update postings set pay_min = 10, pay_period = 'fortnight', pay_kind = 'rate' "
      "where posting_id = 'hn:5'"],
     {"pay_period_allowed"}),
    (["insert into posting_skills select * from posting_skills limit 1"],
     {"posting_skills_unique"}),
    (["insert into posting_skills values ('hn:999999', 'Python'), ('hn:1', 'NoSuchSkill')"],
     {"posting_skills_references"}),
    (["update postings set last_seen_at = first_seen_at - interval 1 day "
      "where posting_id = 'hn:6'"],
     {"first_seen_le_last_seen"}),
    (["update postings set closed_at = first_seen_at - interval 1 day "
      "where posting_id = 'hn:7'"],
     {"closed_after_first_seen"}),
    (["insert into posting_signatures select * from posting_signatures limit 1",
      "insert into posting_signatures values ('hn:999999', null)"],
     {"posting_signatures_match_postings"}),
    (["insert into duplicate_pairs values ('hn:999999', 'hn:1', 'text', 0.9)"],
     {"duplicate_pairs_match_groups"}),
    (["update postings set duplicate_group_id = null where posting_id in ('hn:1', 'hn:2')",
      "insert into duplicate_pairs values ('hn:1', 'hn:2', 'exact', null)"],
     {"duplicate_pairs_match_groups"}),
    # The source's only run is then no good run: its data stops counting as fresh too.
    (["update crawl_runs set status = 'weird'"], {"crawl_runs_status", "sources_fresh"}),
    # hn runs every 6 h: a good run 13 h ago is older than twice that.
    (["update crawl_runs set finished_at = now() - interval 13 hour"], {"sources_fresh"}),
    (["update crawl_runs set status = 'degraded'"], {"sources_fresh"}),
    (["update crawl_runs set items_seen = 0"], {"sources_fresh"}),
    (["delete from crawl_runs"], {"landing_files_have_run"}),
    (["update postings set source = '' where posting_id = 'hn:8'"],
     {"postings_have_source"}),
])
def test_corrupted_copy_fails_the_right_check(seeded_db: Path, tmp_path: Path,
                                              statements: list[str], failing: set[str]) -> None:
    db = corrupt(seeded_db, tmp_path, *statements)
    con = open_read_only(db)
    try:
        results = run_checks(con)
    finally:
        con.close()
    assert {r.name for r in results if not r.ok} == failing
    for r in results:
        if r.name in failing:
            assert r.error is None and r.failed_rows > 0 and r.sample

    result = CliRunner().invoke(check, ["--db", str(db)])
    assert result.exit_code == 1
    for name in failing:
        assert f"{name}" in result.output
        assert "FAILED (" in result.output
    assert result.stderr.strip().startswith("Error: ")


def test_a_disabled_source_is_not_judged_stale(seeded_db: Path, tmp_path: Path) -> None:
    db = corrupt(seeded_db, tmp_path,
                 "update crawl_runs set finished_at = now() - interval 13 hour",
                 "update source_schedule set enabled = false")
    result = CliRunner().invoke(check, ["--db", str(db)])
    assert result.exit_code == 0, result.output


def test_failure_shows_at_most_five_sample_rows(seeded_db: Path, tmp_path: Path) -> None:
    db = corrupt(seeded_db, tmp_path,
                 "insert into postings select * from postings where posting_id <= 'hn:3'")
    result = CliRunner().invoke(check, ["--db", str(db)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("postings_unique_posting_id") and "FAILED" in line)
    sample = [line for line in lines[start + 1:start + 12] if line.startswith("    hn:")]
    assert 1 <= len(sample) <= 5
    assert "FAILED (" in lines[start]


def test_share_check_covers_new_views(seeded_db: Path, tmp_path: Path) -> None:
    db = corrupt(seeded_db, tmp_path,
                 "create view bad_shares as select 'x' as skill, 1.5::double as share")
    con = open_read_only(db)
    try:
        failing = {r.name for r in run_checks(con) if not r.ok}
    finally:
        con.close()
    assert failing == {"share_in_range:bad_shares"}
