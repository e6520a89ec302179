"""The house stays one-way: who may import whom, no import cycles, and small modules.

The rules of docs/layout.md, checked on the source (every ``import``, lazy ones too):

- ``handoff`` (what crawlers hand the pipeline) and ``warehouse`` import nothing of ours;
- ``crawlers`` imports only ``handoff``; ``dashboard`` only ``warehouse``;
- ``pipeline`` imports ``warehouse`` and ``handoff``, never ``crawlers`` (it starts them in
  subprocesses); ``pipeline.normalize`` imports only itself and ``handoff``;
- ``bench`` never imports ``tests``;
- no two modules import each other, directly or round a longer loop.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("handoff", "crawlers", "pipeline", "warehouse", "dashboard", "bench")
ALLOWED: dict[str, set[str]] = {
    "handoff": set(),
    "warehouse": set(),
    "crawlers": {"handoff"},
    "dashboard": {"warehouse"},
    "pipeline": {"warehouse", "handoff"},
    "pipeline.normalize": {"pipeline.normalize", "handoff"},
    "bench": {"handoff", "crawlers", "pipeline", "warehouse", "dashboard", "bench"},
}
MAX_LINES = 420
"""About 400 lines: a module longer than this holds more than one idea."""
MAX_FUNCTION_LINES = 85
"""About 80 lines, docstring included: a longer function does more than one thing."""


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported(module: str, path: Path) -> Iterator[tuple[int, str]]:
    """``(line, module name)`` of every import in ``path``, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            # ``from pipeline.normalize import places`` imports pipeline.normalize.places.
            yield from ((node.lineno, f"{base}.{alias.name}") for alias in node.names)
            yield node.lineno, base


def ours(name: str, known: dict[str, Path]) -> str | None:
    """The module of ours that ``name`` refers to (longest known prefix), if any."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def rule_for(module: str) -> tuple[str, set[str]]:
    """The most specific rule that applies to ``module``."""
    for scope in sorted(ALLOWED, key=len, reverse=True):
        if module == scope or module.startswith(scope + "."):
            return scope, ALLOWED[scope]
    raise AssertionError(f"no import rule for {module}")


def allowed(target: str, may: set[str]) -> bool:
    return any(target == scope or target.startswith(scope + ".") for scope in may)


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {m: set() for m in known}
    for module, path in known.items():
        for _line, name in imported(module, path):
            target = ours(name, known)
            if target and target != module:
                edges[module].add(target)
    return edges


def test_imports_go_one_way() -> None:
    known = modules()
    problems = []
    for module, path in known.items():
        scope, may = rule_for(module)
        own = scope.split(".")[0]
        for line, name in imported(module, path):
            target = ours(name, known)
            if target is None:
                continue
            same_package = target.split(".")[0] == own and scope == own
            if not same_package and not allowed(target, may):
                problems.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {target}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_no_import_cycles() -> None:
    edges = graph()
    # Tarjan's strongly connected components: any component of two or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    # A package's __init__ re-exporting its own modules is not a cycle of ideas.
    cycles = [c for c in cycles if not all(m.startswith(c[0] + ".") or m == c[0] for m in c)]
    assert not cycles, cycles


@pytest.mark.parametrize("package", ["handoff", "crawlers", "pipeline", "warehouse",
                                     "dashboard"])
def test_modules_stay_small(package: str) -> None:
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / package).rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


@pytest.mark.parametrize("package", ["handoff", "crawlers", "pipeline", "warehouse",
                                     "dashboard"])
def test_functions_stay_short(package: str) -> None:
    long = {}
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = lines
    assert not long, long


def test_the_rules_catch_a_violation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks above are only worth something if they can fail."""
    assert rule_for("pipeline.normalize.pay") == ("pipeline.normalize",
                                                  {"pipeline.normalize", "handoff"})
    assert not allowed("pipeline.ops.crawl", ALLOWED["pipeline.normalize"])
    assert not allowed("crawlers.items", ALLOWED["pipeline"])
    assert allowed("handoff.landing", ALLOWED["crawlers"])
    bad = tmp_path / "x.py"
    bad.write_text("from . import y\nimport pipeline.ops.crawl as c\n", encoding="utf-8")
    names = [name for _line, name in imported("pipeline.normalize.x", bad)]
    assert "pipeline.normalize.y" in names and "pipeline.ops.crawl" in names
