"""Board health: what one board's answer means, and the streak that marks a board dead.

A board spider records each board's answer in its run manifest (``args.board_outcomes``:
``{board: {status, jobs, error[, moved_to]}}``). :func:`classify` reads one answer as

* ``live``: it listed jobs;
* ``empty``: it answered cleanly with no jobs;
* ``moved``: 404 or 410 (the company left this ATS or renamed its board), or a redirect off
  the ATS's host (``moved_to``);
* ``broken``: anything else (a body the spider could not use, a 5xx, a network error).

A board that answers ``moved`` or ``empty`` :data:`DEAD_AFTER` runs in a row is dead: later
crawls skip it until a live answer or ``jobpulse boards revive`` brings it back. A broken
answer neither advances nor resets the streak: an outage says nothing about where the board is.

The streaks live in one small JSON file per source in the landing zone,
``<source>/_boards.json`` (:func:`state_key`), beside the runs they summarise: a crawl reads it
before it starts (the spiders never touch the warehouse) and updates it when it closes, and it
survives a warehouse rebuild like the raw runs do. Crawlers and the pipeline both use this
module, so they read a board's answer the same way.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import attrs

LIVE, EMPTY, MOVED, BROKEN = "live", "empty", "moved", "broken"
DEAD = "dead"
"""A board the run skipped because it was already dead (the warehouse's outcome for it)."""
DEAD_AFTER = 3
"""Consecutive moved-or-empty runs after which a board is dead."""
STATE_FILE = "_boards.json"


def state_key(source: str) -> str:
    """The landing-zone key of ``source``'s board streaks (not a ``.jsonl``: never a run)."""
    return f"{source}/{STATE_FILE}"


def classify(outcome: Mapping[str, Any]) -> str:
    """``live``, ``empty``, ``moved`` or ``broken`` for one board's recorded answer."""
    status = outcome.get("status")
    if outcome.get("moved_to") or status in (404, 410):
        return MOVED
    if outcome.get("error") or not isinstance(status, int) or not 200 <= status < 300:
        return BROKEN
    jobs = outcome.get("jobs")
    return LIVE if isinstance(jobs, int) and jobs > 0 else EMPTY


@attrs.frozen
class BoardHealth:
    streak: int = 0
    """Consecutive runs, up to the last one, that found the board moved or empty."""
    dead_since: str | None = None
    """When (ISO UTC) the streak reached :data:`DEAD_AFTER`; ``None`` while the board lives."""

    @property
    def dead(self) -> bool:
        return self.dead_since is not None

    def advance(self, kind: str, now: str) -> BoardHealth:
        """The health after a run in which the board answered ``kind`` at ``now``."""
        if kind == LIVE:
            return BoardHealth()
        if kind in (MOVED, EMPTY):
            streak = self.streak + 1
            dead = self.dead_since or (now if streak >= DEAD_AFTER else None)
            return BoardHealth(streak, dead)
        return self


State = dict[str, BoardHealth]


class StateError(ValueError):
    """A board state file that is not what :func:`dump_state` writes."""


def parse_state(data: bytes) -> State:
    """The boards of a state file; :class:`StateError` when it cannot be read."""
    try:
        boards = json.loads(data.decode("utf-8")).get("boards")
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError) as exc:
        raise StateError(f"unreadable board state ({exc})") from None
    if not isinstance(boards, dict):
        raise StateError("board state without a 'boards' mapping")
    state: State = {}
    for board, entry in boards.items():
        streak = entry.get("streak") if isinstance(entry, dict) else None
        since = entry.get("dead_since") if isinstance(entry, dict) else None
        if not isinstance(streak, int) or isinstance(streak, bool) or streak < 0 \
                or not (since is None or isinstance(since, str)):
            raise StateError(f"board state of {board!r} is not {{streak, dead_since}}")
        state[str(board)] = BoardHealth(streak, since)
    return state


def dump_state(state: State) -> bytes:
    """What :func:`parse_state` reads; boards with nothing to remember are left out."""
    boards = {board: attrs.asdict(health) for board, health in sorted(state.items())
              if health != BoardHealth()}
    return json.dumps({"boards": boards}, indent=1).encode("utf-8")


def record_run(state: State, outcomes: Mapping[str, Mapping[str, Any]], now: str) -> State:
    """``state`` after a run that got ``outcomes``; boards it did not ask keep their health.

    Healthy boards are left out: a source whose boards all answer keeps no state at all.
    """
    updated = dict(state)
    for board, outcome in outcomes.items():
        health = state.get(board, BoardHealth()).advance(classify(outcome), now)
        if health == BoardHealth():
            updated.pop(board, None)
        else:
            updated[board] = health
    return updated
