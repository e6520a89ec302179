"""Score the role-family classifier on a labelled TSV file (``jobpulse eval roles``).

The file has a header line and the columns ``title``, ``family`` and an optional
``description`` (``\\n`` in it stands for a line break, so HN posts keep their header line).
Figures: precision / recall / F1 and support per family, accuracy, macro F1 over the families
with support, and engineering vs non-engineering precision / recall with engineering as the
positive class (a sales posting counted as engineering is a false positive).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import attrs

from pipeline.normalize.role_family import ENGINEERING_FAMILIES, FAMILIES, classify_role

__all__ = ["DEFAULT_GOLD", "GoldRole", "RolesReport", "evaluate", "read_gold", "render_report"]

DEFAULT_GOLD = Path(__file__).resolve().parents[2] / "tests/pipeline/data/role_titles.tsv"


class GoldError(ValueError):
    """A labelled file that cannot be read: its message names the file and line."""


@attrs.frozen
class GoldRole:
    title: str
    family: str
    description: str = ""


@attrs.frozen
class FamilyScore:
    family: str
    precision: float
    recall: float
    f1: float
    support: int


@attrs.frozen
class RolesReport:
    items: int
    accuracy: float
    macro_f1: float
    engineering_precision: float
    engineering_recall: float
    families: tuple[FamilyScore, ...]
    misses: tuple[tuple[GoldRole, str, str], ...]
    """(gold item, predicted family, evidence) of every wrong prediction."""


def read_gold(path: Path) -> list[GoldRole]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from None
    items = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 2 or cols[1] not in FAMILIES:
            raise GoldError(f"{path}:{lineno}: expected title<TAB>family with a family among "
                            f"{', '.join(FAMILIES)}")
        desc = cols[2].replace("\\n", "\n") if len(cols) > 2 else ""
        items.append(GoldRole(cols[0], cols[1], desc))
    if not items:
        raise GoldError(f"{path}: no labelled rows")
    return items


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def evaluate(items: list[GoldRole]) -> RolesReport:
    pairs = []
    misses = []
    for item in items:
        got = classify_role(item.title or None, item.description or None)
        pairs.append((item.family, got.family))
        if got.family != item.family:
            misses.append((item, got.family, got.evidence))
    gold_n = Counter(g for g, _ in pairs)
    pred_n = Counter(p for _, p in pairs)
    right = Counter(g for g, p in pairs if g == p)
    scores = []
    for fam in FAMILIES:
        p, r = _ratio(right[fam], pred_n[fam]), _ratio(right[fam], gold_n[fam])
        scores.append(FamilyScore(fam, p, r, 2 * p * r / (p + r) if p + r else 0.0, gold_n[fam]))
    eng = set(ENGINEERING_FAMILIES)
    tp = sum(1 for g, p in pairs if g in eng and p in eng)
    supported = [s.f1 for s in scores if s.support]
    return RolesReport(
        items=len(pairs),
        accuracy=_ratio(sum(right.values()), len(pairs)),
        macro_f1=sum(supported) / len(supported) if supported else 0.0,
        engineering_precision=_ratio(tp, sum(1 for _, p in pairs if p in eng)),
        engineering_recall=_ratio(tp, sum(1 for g, _ in pairs if g in eng)),
        families=tuple(scores),
        misses=tuple(misses),
    )


def render_report(report: RolesReport, *, max_misses: int = 20) -> str:
    lines = [f"{'family':<18} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}"]
    for s in report.families:
        lines.append(f"{s.family:<18} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} "
                     f"{s.support:>8}")
    lines += [
        "",
        f"items: {report.items}  accuracy: {report.accuracy:.3f}  "
        f"macro F1: {report.macro_f1:.3f}",
        f"engineering vs non-engineering: precision {report.engineering_precision:.3f}  "
        f"recall {report.engineering_recall:.3f}",
    ]
    if report.misses and max_misses:
        lines += ["", f"misses ({len(report.misses)}, first {max_misses}):"]
        for item, got, evidence in report.misses[:max_misses]:
            shown = item.title or item.description.split("\n", 1)[0]
            lines.append(f"  {shown[:70]!r}: gold {item.family}, got {got} ({evidence})")
    return "\n".join(lines)
