"""Board sources and their boards: which spiders crawl per-company boards, how each board
answers now (``jobpulse boards check``), and the dead-board streaks kept in the landing zone.

A check is a real crawl in check mode (``check=1``, ``crawlers/ats_boards.py``): the source's
own spider asks each board once, at its own politeness, into a throwaway landing zone, and the
run manifest's ``args.board_outcomes`` says how each board answered. So a new board source is
checked as soon as its spider exists, through the same requests its crawls make.
"""

from __future__ import annotations

import ast
import importlib.util
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import attrs

from handoff.boards import (
    BROKEN,
    LIVE,
    BoardHealth,
    State,
    StateError,
    classify,
    dump_state,
    parse_state,
    state_key,
)
from handoff.landing import LandingLocation
from handoff.stores import open_store
from pipeline.errors import JobpulseError
from pipeline.ops.crawl import last_error_line, run_crawl

CHECK_PARALLEL = 4
"""Sources checked at once: each is its own host (and process), so politeness holds."""


def _crawlers_dir() -> Path:
    # find_spec of a top-level package locates it without importing it: the pipeline only ever
    # runs crawlers in subprocesses.
    spec = importlib.util.find_spec("crawlers")
    if spec is None or not spec.submodule_search_locations:
        raise JobpulseError("the crawlers package is not importable from here")
    return Path(next(iter(spec.submodule_search_locations)))


def default_boards_file() -> Path:
    """``crawlers/boards.yaml``, the file the board spiders read unless told otherwise."""
    return _crawlers_dir() / "boards.yaml"


def board_sources(spiders_dir: Path | None = None) -> list[str]:
    """The names of the spiders that subclass ``BoardSpider`` (directly or through another).

    Read from the spiders' source, so nothing of ``crawlers/`` is imported here.
    """
    folder = spiders_dir or _crawlers_dir() / "spiders"
    classes: dict[str, tuple[list[str], str | None]] = {}
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                classes[node.name] = ([_base_name(b) for b in node.bases], _spider_name(node))
    boards = {"BoardSpider"}
    grew = True
    while grew:
        more = {cls for cls, (bases, _) in classes.items() if boards.intersection(bases)}
        grew = not more <= boards
        boards |= more
    return sorted({name for cls, (_, name) in classes.items() if cls in boards and name})


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _spider_name(node: ast.ClassDef) -> str | None:
    for stmt in node.body:
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 \
            else stmt.target if isinstance(stmt, ast.AnnAssign) else None
        value = getattr(stmt, "value", None)
        if isinstance(target, ast.Name) and target.id == "name" \
                and isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None


@attrs.frozen
class BoardCheck:
    """How one board answered a check."""

    source: str
    board: str
    kind: str
    """``live``, ``empty``, ``moved`` or ``broken`` (:func:`handoff.boards.classify`)."""
    status: int | None
    jobs: int
    error: str | None
    moved_to: str | None = None
    dead_since: str | None = None
    """When the board was marked dead (crawls skip it), if it is."""
    revived: bool = False
    """It was dead, answered live now, and crawls ask it again."""

    def detail(self) -> str:
        if self.kind == LIVE:
            return f"{self.jobs} jobs"
        if self.moved_to:
            return f"redirected to {self.moved_to}"
        status = f"HTTP {self.status}" if self.status is not None else "no answer"
        return f"{self.error} ({status})" if self.error else status


def check_boards(sources: Sequence[str], *, landing: LandingLocation,
                 base_url: str | None = None, boards_file: Path | None = None,
                 boards: Mapping[str, Sequence[str]] | None = None) -> list[BoardCheck]:
    """Ask every configured board of ``sources`` once (``boards``: only these, per source).

    ``base_url`` may hold ``{source}``. A live answer clears a board's streak in ``landing``;
    the checks carry each board's dead mark from there. :class:`JobpulseError` when a source's
    check could not run at all (a broken boards file, a spider that failed to start).
    """
    def one(source: str) -> list[BoardCheck]:
        url = base_url.replace("{source}", source) if base_url else None
        return _check_source(source, url, boards_file, (boards or {}).get(source))

    with ThreadPoolExecutor(max_workers=max(1, min(CHECK_PARALLEL, len(sources)))) as pool:
        checks = [check for found in pool.map(one, sources) for check in found]
    return _with_health(checks, landing)


def _check_source(source: str, base_url: str | None, boards_file: Path | None,
                  only: Sequence[str] | None) -> list[BoardCheck]:
    args = {"check": "1"}
    if only is not None:
        args["boards"] = ",".join(only)
    settings = {"JOBPULSE_BOARDS_FILE": str(boards_file)} if boards_file else {}
    with tempfile.TemporaryDirectory(prefix=f"jobpulse-check-{source}-") as tmp:
        result = run_crawl(source, landing_dir=Path(tmp) / "landing", base_url=base_url,
                           args=args, settings=settings, log_dir=Path(tmp) / "logs")
        run_args: dict[str, Any] = result.manifest.get("args") or {}
        if "boards" not in run_args:
            why = result.manifest.get("failure") or last_error_line(result.log_file)
            raise JobpulseError(f"{source}: the check did not run: {why}")
    outcomes: dict[str, Any] = run_args.get("board_outcomes") or {}
    checks = []
    for board in run_args["boards"]:
        outcome = outcomes.get(board) or {"status": None, "jobs": 0, "error": "no_answer"}
        checks.append(BoardCheck(source, board, classify(outcome), outcome.get("status"),
                                 int(outcome.get("jobs") or 0), outcome.get("error"),
                                 outcome.get("moved_to")))
    return checks


def _with_health(checks: list[BoardCheck], landing: LandingLocation) -> list[BoardCheck]:
    """The checks with their boards' dead marks; live answers clear their boards' streaks."""
    out = []
    for source in dict.fromkeys(check.source for check in checks):
        state = read_state(landing, source)
        before = dict(state)
        for check in (c for c in checks if c.source == source):
            health = state.get(check.board, BoardHealth())
            if check.kind == LIVE:
                state.pop(check.board, None)
                out.append(attrs.evolve(check, revived=health.dead))
            else:
                out.append(attrs.evolve(check, dead_since=health.dead_since))
        if state != before:
            write_state(landing, source, state)
    return out


def read_state(landing: LandingLocation, source: str) -> State:
    """``source``'s board streaks in the landing zone (none yet: empty)."""
    store = open_store(landing)
    key = state_key(source)
    try:
        return parse_state(store.read(key)) if store.exists(key) else {}
    except (OSError, StateError) as exc:
        raise JobpulseError(f"{store.name(key)}: {exc}") from None


def write_state(landing: LandingLocation, source: str, state: State) -> None:
    open_store(landing).write_atomic(state_key(source), dump_state(state))


def revive(landing: LandingLocation, source: str, board: str) -> BoardHealth:
    """Clear ``board``'s streak so the next crawl asks it again; its health before."""
    state = read_state(landing, source)
    before = state.get(board, BoardHealth())
    if before != BoardHealth():
        state[board] = BoardHealth()
        write_state(landing, source, state)
    return before


def summary(checks: Sequence[BoardCheck]) -> str:
    """``checked 9 boards of 2 sources: 5 live, 1 empty, 2 moved, 1 broken; 1 dead``."""
    counts = {kind: sum(1 for c in checks if c.kind == kind)
              for kind in (LIVE, "empty", "moved", BROKEN)}
    dead = sum(1 for c in checks if c.dead_since)
    revived = sum(1 for c in checks if c.revived)
    sources = len({c.source for c in checks})
    text = (f"checked {_count(len(checks), 'board')} of {_count(sources, 'source')}: "
            + ", ".join(f"{n} {kind}" for kind, n in counts.items()))
    if dead:
        text += f"; {dead} dead (skipped by crawls; `jobpulse boards revive` brings one back)"
    if revived:
        text += f"; {revived} revived"
    return text


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
