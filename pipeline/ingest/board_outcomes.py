"""A board source's run manifest to ``board_outcomes``: how each of its boards answered.

The manifest's ``args`` carry ``boards`` (the configured list), ``board_outcomes`` (each
answer), ``dead_boards`` (skipped as dead) and ``board_health`` (each board's streak after the
run; ``handoff/boards.py``). Runs of other sources, and board runs from before outcomes were
recorded, add nothing.
"""

from __future__ import annotations

from typing import Any

import duckdb
import polars as pl

from handoff.boards import DEAD, classify
from handoff.text import parse_iso_time
from warehouse.load import registered, transaction
from warehouse.sql import load_sql

SCHEMA = {
    "run_id": pl.String, "source": pl.String, "board": pl.String,
    "started_at": pl.Datetime("us", "UTC"), "outcome": pl.String, "http_status": pl.Int32,
    "jobs": pl.Int32, "error": pl.String, "moved_to": pl.String, "streak": pl.Int32,
    "dead_since": pl.Datetime("us", "UTC"),
}
NO_ANSWER = {"status": None, "jobs": 0, "error": "no_answer"}
"""A configured board the run never heard from (the crawl stopped first)."""


def board_rows(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per configured board of the run (none for a run without board outcomes)."""
    args = manifest.get("args")
    if not isinstance(args, dict) or not isinstance(args.get("board_outcomes"), dict):
        return []
    outcomes: dict[str, Any] = args["board_outcomes"]
    dead = set(args.get("dead_boards") or [])
    health = args.get("board_health") if isinstance(args.get("board_health"), dict) else {}
    rows = []
    for board in dict.fromkeys([*(args.get("boards") or []), *outcomes]):
        outcome = outcomes.get(board)
        outcome = outcome if isinstance(outcome, dict) else NO_ANSWER
        state = health.get(board) if isinstance(health.get(board), dict) else {}
        rows.append({
            "run_id": str(manifest["run_id"]), "source": str(manifest["source"]),
            "board": str(board), "started_at": parse_iso_time(manifest.get("started_at")),
            "outcome": DEAD if board in dead else classify(outcome),
            "http_status": _int(outcome.get("status")), "jobs": _int(outcome.get("jobs")),
            "error": _text(outcome.get("error")), "moved_to": _text(outcome.get("moved_to")),
            "streak": _int(state.get("streak")),
            "dead_since": parse_iso_time(state.get("dead_since")),
        })
    return rows


def record_board_outcomes(con: duckdb.DuckDBPyConnection, manifest: dict[str, Any]) -> None:
    rows = board_rows(manifest)
    if not rows:
        return
    frame = pl.DataFrame(rows, schema=SCHEMA)
    with registered(con, incoming_board_outcomes=frame.to_arrow()), transaction(con):
        con.execute(load_sql("load/record_board_outcomes"))


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: Any) -> str | None:
    return str(value) if value else None
