"""The headline figures of one ``make bench`` run, gathered as the benchmarks report them and
printed as one table at the end (the table docs/performance.md keeps)."""

from __future__ import annotations

FIGURES: list[tuple[str, str, str]] = []
"""(benchmark, what, figure) in the order they were measured."""


def record(benchmark: str, what: str, figure: str) -> None:
    """Keep one headline figure for the closing table."""
    FIGURES.append((benchmark, what, figure))


def table() -> str:
    """The figures as a Markdown table."""
    lines = ["| benchmark | what | figure |", "|---|---|---|"]
    lines += [f"| {b} | {w} | {f} |" for b, w, f in FIGURES]
    return "\n".join(lines)
