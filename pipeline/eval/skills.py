"""Evaluate the skill extractor against gold JSON Lines files (see ``../shared/eval/README.md``).

Pure apart from :func:`read_gold`, which reads one file.  Metrics follow the eval README:

* micro precision / recall / F1 of canonical names per item, per file (files are never pooled);
* worst skills by false positives and by misses, with counts;
* for sentence sets of mostly non-tech text (green2022) also the false-positive rate: the
  share of items where at least one name not in gold is emitted.

Gold names are mapped through :meth:`Taxonomy.resolve` so spelling variants compare equal.
Skills flagged ``concept: true`` in the taxonomy (CI/CD, DevOps, microservices...) are
removed from predictions before scoring, because the gold drops generic concepts.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from pipeline.jsonl import bad_line, read_objects
from pipeline.normalize.skills import SkillExtractor, Taxonomy

__all__ = [
    "FileResult",
    "GoldItem",
    "ItemResult",
    "evaluate_file",
    "evaluate_items",
    "read_gold",
    "render_report",
]


@attrs.frozen
class GoldItem:
    id: str
    text: str
    gold: frozenset[str]
    title: str | None = None
    tags: tuple[str, ...] = ()


@attrs.frozen
class ItemResult:
    id: str
    predicted: frozenset[str]
    gold: frozenset[str]

    @property
    def false_positives(self) -> frozenset[str]:
        return self.predicted - self.gold

    @property
    def misses(self) -> frozenset[str]:
        return self.gold - self.predicted


@attrs.frozen
class FileResult:
    name: str
    n_items: int
    tp: int
    fp: int
    fn: int
    items: tuple[ItemResult, ...]
    fp_counts: tuple[tuple[str, int], ...]
    fn_counts: tuple[tuple[str, int], ...]
    unresolved_gold: tuple[str, ...]
    excluded_concepts: tuple[str, ...]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def fp_rate(self) -> float:
        """Share of items where at least one name not in gold is emitted."""
        if not self.items:
            return 0.0
        return sum(1 for it in self.items if it.false_positives) / len(self.items)

    @property
    def n_with_gold(self) -> int:
        return sum(1 for it in self.items if it.gold)

    def restricted(self, with_gold_only: bool = True) -> FileResult:
        """The same result over the items that have gold (green2022's "28 sentences")."""
        items = [it for it in self.items if it.gold or not with_gold_only]
        return _aggregate(self.name + " [items with gold]", items, self.unresolved_gold,
                          self.excluded_concepts)

    def to_dict(self, top: int = 15) -> dict[str, Any]:
        return {
            "file": self.name,
            "items": self.n_items,
            "items_with_gold": self.n_with_gold,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "fp_rate": round(self.fp_rate, 4),
            "worst_false_positives": [list(x) for x in self.fp_counts[:top]],
            "worst_misses": [list(x) for x in self.fn_counts[:top]],
            "unresolved_gold": list(self.unresolved_gold),
            "excluded_concepts": list(self.excluded_concepts),
        }


def read_gold(path: str | os.PathLike[str]) -> list[GoldItem]:
    """Read a gold JSON Lines file: ``{"id", "text", "gold_skills"}`` (+ optional title/tags).

    A bad line raises :class:`pipeline.jsonl.JsonLinesError` (a ValueError) naming the file and
    line.
    """
    items = []
    with open(path, "rb") as fh:
        for lineno, obj in read_objects(fh, str(path)):
            problem = _gold_problem(obj)
            if problem:
                raise bad_line(str(path), lineno, f"bad gold line ({problem})")
            items.append(
                GoldItem(
                    id=str(obj.get("id", lineno)),
                    text=str(obj["text"]),
                    gold=frozenset(obj.get("gold_skills") or ()),
                    title=obj.get("title"),
                    tags=tuple(obj.get("tags") or ()),
                )
            )
    return items


def _gold_problem(obj: dict[str, Any]) -> str | None:
    """What keeps a gold line from being scored, else None."""
    if "text" not in obj:
        return 'missing "text"'
    if not isinstance(obj.get("title"), str | None):
        return '"title" must be a string or null'
    for key in ("gold_skills", "tags"):
        value = obj.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return f'"{key}" must be a list of strings'
    return None


def _aggregate(
    name: str,
    items: Sequence[ItemResult],
    unresolved: Iterable[str],
    concepts: Iterable[str],
) -> FileResult:
    tp = fp = fn = 0
    fpc: Counter[str] = Counter()
    fnc: Counter[str] = Counter()
    for it in items:
        tp += len(it.predicted & it.gold)
        fp += len(it.false_positives)
        fn += len(it.misses)
        fpc.update(it.false_positives)
        fnc.update(it.misses)
    order = lambda kv: (-kv[1], kv[0].casefold())  # noqa: E731
    return FileResult(
        name=name,
        n_items=len(items),
        tp=tp,
        fp=fp,
        fn=fn,
        items=tuple(items),
        fp_counts=tuple(sorted(fpc.items(), key=order)),
        fn_counts=tuple(sorted(fnc.items(), key=order)),
        unresolved_gold=tuple(sorted(set(unresolved))),
        excluded_concepts=tuple(sorted(set(concepts))),
    )


def evaluate_items(
    name: str, items: Sequence[GoldItem], extractor: SkillExtractor
) -> FileResult:
    """Run ``extractor`` over ``items`` and score against their gold."""
    tax: Taxonomy = extractor.taxonomy
    concepts = {s.name for s in tax.skills.values() if s.concept}
    unresolved: set[str] = set()
    results = []
    for item in items:
        gold = set()
        for g in item.gold:
            canon = tax.resolve(g)
            if canon is None:
                unresolved.add(g)
                canon = g  # still counts as a miss: the taxonomy lacks it
            gold.add(canon)
        pred = set(extractor.extract(item.text, title=item.title, tags=item.tags)) - concepts
        results.append(ItemResult(item.id, frozenset(pred), frozenset(gold - concepts)))
    return _aggregate(name, results, unresolved, concepts)


def evaluate_file(path: str | os.PathLike[str], extractor: SkillExtractor) -> FileResult:
    """Read one gold file and evaluate it; the result is named after the file."""
    return evaluate_items(Path(path).name, read_gold(path), extractor)


def render_report(results: Sequence[FileResult], *, top: int = 10) -> str:
    """Human-readable report: one block per file, then the worst skills."""
    lines: list[str] = []
    for r in results:
        lines.append(f"== {r.name}: {r.n_items} items ({r.n_with_gold} with gold)")
        lines.append(
            f"   micro P={r.precision:.3f} R={r.recall:.3f} F1={r.f1:.3f}"
            f"  (TP={r.tp} FP={r.fp} FN={r.fn})"
        )
        lines.append(
            f"   false-positive rate (items with any name not in gold): {r.fp_rate:.2%}"
            f" ({sum(1 for it in r.items if it.false_positives)}/{r.n_items})"
        )
        if r.n_with_gold < r.n_items:
            g = r.restricted()
            lines.append(
                f"   on the {g.n_items} items with gold: P={g.precision:.3f} R={g.recall:.3f}"
                f" F1={g.f1:.3f}"
            )
        if r.fp_counts:
            lines.append("   worst false positives: " + ", ".join(
                f"{n} ({c})" for n, c in r.fp_counts[:top]))
        if r.fn_counts:
            lines.append("   worst misses: " + ", ".join(
                f"{n} ({c})" for n, c in r.fn_counts[:top]))
        if r.unresolved_gold:
            lines.append("   gold names missing from the taxonomy: "
                         + ", ".join(r.unresolved_gold))
    if results and results[0].excluded_concepts:
        lines.append(
            "note: concept skills excluded from scoring (gold drops generic concepts): "
            + ", ".join(results[0].excluded_concepts)
        )
    return "\n".join(lines)
