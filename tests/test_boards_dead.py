"""Dead boards: the third moved-or-empty run marks a board dead, later crawls skip it, the
warehouse records it and Data health lists it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from handoff.boards import BoardHealth, dump_state, parse_state, state_key
from pipeline.config import Settings
from pipeline.ingest.board_outcomes import board_rows
from pipeline.ingest.loader import load_warehouse
from pipeline.ops.crawl import run_crawl
from tests.conftest import ROOT, ReplayServer
from warehouse.answers import Answers, snapshot_runner
from warehouse.filters import Filters


def test_third_bad_run_kills_a_board_and_later_crawls_skip_it(
        replay: ReplayServer, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    boards = tmp_path / "boards.yaml"
    boards.write_text("greenhouse:\n  harborline: Harborline\n  nosuch: Gone\n"
                      "  stillwater: Stillwater\n")
    # Two bad runs behind each of nosuch (404) and stillwater (no jobs); harborline once
    # empty, which its live answer now clears.
    state_file = settings.landing_dir / state_key("greenhouse")
    state_file.parent.mkdir(parents=True)
    state_file.write_bytes(dump_state({"nosuch": BoardHealth(2), "stillwater": BoardHealth(2),
                                       "harborline": BoardHealth(1)}))

    def crawl() -> dict:
        result = run_crawl("greenhouse", landing_dir=settings.landing_dir,
                           base_url=replay.base("greenhouse"),
                           settings={"JOBPULSE_BOARDS_FILE": str(boards)})
        assert result.returncode == 0, result.log_file.read_text()
        return {"manifest": result.manifest, "log": result.log_file.read_text()}

    first = crawl()
    args = first["manifest"]["args"]
    assert args["dead_boards"] == []
    assert args["board_outcomes"]["nosuch"]["status"] == 404
    health = args["board_health"]
    assert health["harborline"] == {"streak": 0, "dead_since": None}
    assert health["nosuch"]["streak"] == 3 and health["nosuch"]["dead_since"]
    assert health["stillwater"]["streak"] == 3 and health["stillwater"]["dead_since"]
    assert "greenhouse board nosuch is dead: moved or empty 3 runs in a row" in first["log"]
    state = parse_state(state_file.read_bytes())
    assert set(state) == {"nosuch", "stillwater"} and all(h.dead for h in state.values())

    second = crawl()
    manifest = second["manifest"]
    assert manifest["args"]["dead_boards"] == ["nosuch", "stillwater"]
    assert manifest["skipped"] == {"dead_board": 2}
    assert list(manifest["args"]["board_outcomes"]) == ["harborline"]
    assert manifest["errors"] == {} and manifest["items"] == 3
    skips = [line for line in second["log"].splitlines() if "skipping dead" in line]
    assert len(skips) == 2 and "jobpulse boards revive greenhouse nosuch" in skips[0]

    report = load_warehouse(settings)
    assert not report.failed
    answers = Answers(snapshot_runner(settings.db_path))
    dead = answers.dead_boards(Filters())
    assert dead["board"].to_list() == ["nosuch", "stillwater"]
    assert dead["last_answer"].to_list() == ["moved", "empty"]
    assert dead["last_status"].to_list() == [404, 200]
    assert dead["streak"].to_list() == [3, 3]
    assert answers.dead_boards(Filters(sources=("lever",))).is_empty()

    monkeypatch.setenv("JOBPULSE_DB", str(settings.db_path))
    from dashboard.data import query

    query.clear()
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=60).run()
    at.switch_page("screens/data_health.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Dead boards" in [h.value for h in at.subheader]
    listed = at.dataframe[-1].value
    assert list(listed["board"]) == ["nosuch", "stillwater"]
    assert list(listed["source"]) == ["greenhouse", "greenhouse"]
    query.clear()


def test_board_rows_from_a_manifest() -> None:
    manifest = {"run_id": "r1", "source": "lever", "started_at": "2026-12-01T00:00:00+00:00",
                "args": {"boards": ["a", "b", "c", "d"], "dead_boards": ["c"],
                         "board_outcomes": {"a": {"status": 200, "jobs": 2, "error": None},
                                            "b": {"status": 410, "jobs": 0, "error": None}},
                         "board_health": {"b": {"streak": 1, "dead_since": None},
                                          "c": {"streak": 3,
                                                "dead_since": "2026-11-01T00:00:00Z"}}}}
    rows = {row["board"]: row for row in board_rows(manifest)}
    assert [rows[b]["outcome"] for b in "abcd"] == ["live", "moved", "dead", "broken"]
    assert rows["d"]["error"] == "no_answer" and rows["a"]["streak"] is None
    assert rows["c"]["dead_since"].isoformat() == "2026-11-01T00:00:00+00:00"
    assert board_rows({"run_id": "r", "source": "hn", "args": {"months": "1"}}) == []
