"""Evaluate :func:`pipeline.normalize.pay.parse_pay` against gold files in the eval README format.

Each gold file is JSON Lines: ``{"id", "text", "gold": {"min", "max", "currency", "period"} | null,
"kind": "price" | "salary", "hints": {...}, "tags": [...]}``.  Files are scored one by one, never
pooled.  ``hints.currency`` is passed to ``parse_pay`` as ``currency_hint`` (and ``hints.country``,
when a file has it, as ``country``); the decimal and digit
group separator hints are *not* used (``parse_pay`` has no such parameter: a real caller of the pay
normalizer does not have them).

Metrics (see the eval README):

* ``exact``: share of items with gold whose (min, max, currency, period) equals gold (numbers within
  0.005).  ``exact_inferred`` does the same after filling a missing period with
  :func:`pipeline.normalize.pay.infer_period`, so strict and inferred variants can be compared.
  ``exact_either`` accepts the stated period or ``period_inferred``, whichever convention the gold
  follows (the eval README's "stated and inferred periods").
* ``null_agreement`` / ``false_pay``: over items whose gold is null, the share with no pay output
  and its complement (invented pay).  ``missed``: share of items with gold where the output is null.
* price items (``kind: price``): amount accuracy, currency accuracy and both, overall, for the
  ``xfail_upstream`` subset and for the rest, plus currency accuracy without the ambiguous,
  not-ISO and historic currency cases.
* salary items: (min, max, period) ignoring currency, and on ``period_not_stated`` items
  (min, max, currency) ignoring the period.
"""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

from pipeline.jsonl import bad_line, read_objects
from pipeline.normalize.pay import Pay, infer_period, parse_pay

__all__ = ["FileResult", "evaluate_file", "evaluate_items", "load_gold", "render_report"]

_TOLERANCE = Decimal("0.005")
_CURRENCY_UNCLEAR_TAGS = frozenset({"currency_ambiguous", "currency_not_iso", "currency_historic"})

Parser = Callable[..., Pay | None]


@attrs.frozen
class Case:
    """One scored item, kept for the list of worst cases."""

    id: str
    text: str | None
    expected: dict[str, Any] | None
    got: dict[str, Any] | None


@attrs.define
class FileResult:
    """Metrics for one gold file: ``metrics`` maps a name to (hits, total)."""

    name: str
    kind: str
    metrics: dict[str, tuple[int, int]] = attrs.field(factory=dict)
    failures: list[Case] = attrs.field(factory=list)

    def rate(self, key: str) -> float | None:
        hits, total = self.metrics.get(key, (0, 0))
        return hits / total if total else None

    def as_dict(self, max_failures: int = 20) -> dict[str, Any]:
        return {
            "file": self.name,
            "kind": self.kind,
            "metrics": {
                k: {"hits": h, "total": t, "rate": (h / t if t else None)}
                for k, (h, t) in self.metrics.items()
            },
            "worst_cases": [attrs.asdict(c) for c in self.failures[:max_failures]],
        }


def load_gold(path: str | pathlib.Path) -> list[dict[str, Any]]:
    """Read a gold JSON Lines file; blank lines are skipped.

    A line that is not JSON, or whose fields do not have the README's shapes, raises
    :class:`pipeline.jsonl.JsonLinesError` (a ValueError) naming the file and line.
    """
    items = []
    with open(path, "rb") as fh:
        for lineno, obj in read_objects(fh, str(path)):
            problem = _gold_problem(obj)
            if problem:
                raise bad_line(str(path), lineno, problem)
            items.append(obj)
    return items


def _gold_problem(obj: dict[str, Any]) -> str | None:
    """What keeps a gold line from being scored, else None."""
    if "id" not in obj:
        return 'missing "id"'
    if not isinstance(obj.get("text"), str | None):
        return '"text" must be a string or null'
    if not isinstance(obj.get("kind", "salary"), str):
        return '"kind" must be a string'
    if not isinstance(obj.get("hints") or {}, dict):
        return '"hints" must be an object'
    if not isinstance(obj.get("tags") or [], list):
        return '"tags" must be a list'
    gold = obj.get("gold")
    if gold is None:
        return None
    if not isinstance(gold, dict):
        return '"gold" must be an object or null'
    for key in ("min", "max"):
        value = gold.get(key)
        if value is not None and (isinstance(value, bool) or not _is_number(value)):
            return f'"gold.{key}" must be a number or null'
    return None


def _is_number(value: Any) -> bool:
    try:
        return Decimal(str(value)).is_finite()
    except ArithmeticError:
        return False


def _num_eq(a: Decimal | float | int | None, b: Decimal | float | int | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(Decimal(str(a)) - Decimal(str(b))) <= _TOLERANCE


def _pay_dict(pay: Pay | None) -> dict[str, Any] | None:
    if pay is None:
        return None
    return {
        "min": None if pay.min is None else str(pay.min),
        "max": None if pay.max is None else str(pay.max),
        "currency": pay.currency,
        "period": pay.period,
        "raw": pay.raw,
    }


class _Counter:
    def __init__(self) -> None:
        self.data: dict[str, list[int]] = {}

    def add(self, key: str, hit: bool) -> None:
        slot = self.data.setdefault(key, [0, 0])
        slot[0] += int(hit)
        slot[1] += 1

    def freeze(self) -> dict[str, tuple[int, int]]:
        return {k: (v[0], v[1]) for k, v in self.data.items()}


def evaluate_items(
    items: Iterable[dict[str, Any]], name: str = "items", parser: Parser = parse_pay
) -> FileResult:
    """Score ``parser`` on gold items; ``parser`` takes ``(text, currency_hint=...)``."""
    counter = _Counter()
    failures: list[tuple[int, Case]] = []
    kinds: set[str] = set()
    for item in items:
        kind = item.get("kind", "salary")
        kinds.add(kind)
        gold = item.get("gold")
        tags = set(item.get("tags") or [])
        hints = item.get("hints") or {}
        extra = {"country": hints["country"]} if hints.get("country") else {}
        pay = parser(item.get("text"), currency_hint=hints.get("currency"), **extra)
        case = Case(id=item["id"], text=item.get("text"), expected=gold, got=_pay_dict(pay))
        if gold is None:
            counter.add("null_agreement", pay is None)
            if pay is not None:
                failures.append((0, case))  # invented pay is the worst error
            continue
        counter.add("missed", pay is None)
        if kind == "price":
            ok = _score_price(counter, gold, pay, tags)
        else:
            ok = _score_salary(counter, gold, pay, tags)
        if not ok:
            failures.append((1 if pay is None else 2, case))
    result = FileResult(name=name, kind="/".join(sorted(kinds)) or "empty")
    result.metrics = counter.freeze()
    hits, total = result.metrics.get("null_agreement", (0, 0))
    result.metrics["false_pay"] = (total - hits, total)
    failures.sort(key=lambda fc: fc[0])
    result.failures = [c for _, c in failures]
    return result


def _score_price(counter: _Counter, gold: dict[str, Any], pay: Pay | None, tags: set[str]) -> bool:
    amount = pay.min if pay is not None else None
    if pay is not None and amount is None:
        amount = pay.max
    currency = pay.currency if pay is not None else None
    amount_ok = _num_eq(amount, gold.get("min"))
    currency_ok = currency == gold.get("currency")
    both = amount_ok and currency_ok
    subset = "xfail_upstream" if "xfail_upstream" in tags else "rest"
    for prefix in ("price", f"price[{subset}]"):
        counter.add(f"{prefix}.amount", amount_ok)
        counter.add(f"{prefix}.currency", currency_ok)
        counter.add(f"{prefix}.both", both)
    if not tags & _CURRENCY_UNCLEAR_TAGS:
        counter.add("price.currency[clear]", currency_ok)
        counter.add("price.both[clear]", both)
    return both


def _score_salary(
    counter: _Counter, gold: dict[str, Any], pay: Pay | None, tags: set[str]
) -> bool:
    if pay is None:
        got_min = got_max = got_cur = got_period = None
        inferred = None
        either = False
    else:
        got_min, got_max, got_cur, got_period = pay.min, pay.max, pay.currency, pay.period
        inferred = got_period or infer_period(pay.min, pay.max, pay.currency)
        either = gold.get("period") in (got_period, pay.period_inferred)
    nums = (
        pay is not None and _num_eq(got_min, gold.get("min")) and _num_eq(got_max, gold.get("max"))
    )
    cur_ok = got_cur == gold.get("currency")
    exact = nums and cur_ok and got_period == gold.get("period")
    counter.add("exact", exact)
    counter.add("exact_inferred", nums and cur_ok and inferred == gold.get("period"))
    counter.add("exact_either", nums and cur_ok and either)
    counter.add("exact_ignoring_currency", nums and got_period == gold.get("period"))
    if "period_not_stated" in tags:
        counter.add("period_not_stated.exact_ignoring_period", nums and cur_ok)
    return exact


def evaluate_file(path: str | pathlib.Path, parser: Parser = parse_pay) -> FileResult:
    p = pathlib.Path(path)
    return evaluate_items(load_gold(p), name=p.name, parser=parser)


_LABELS = {
    "exact": "exact match (min,max,currency,period), strict period",
    "exact_inferred": "exact match with infer_period() filling a missing period",
    "exact_either": "exact match, stated period or period_inferred (either convention)",
    "exact_ignoring_currency": "exact match of (min,max,period), currency ignored",
    "period_not_stated.exact_ignoring_period": "period_not_stated items: (min,max,currency)",
    "null_agreement": "gold null -> no pay output (null agreement)",
    "false_pay": "gold null -> pay output (invented pay)",
    "missed": "gold set -> no pay output (missed pay)",
    "price.amount": "price: amount",
    "price.currency": "price: currency",
    "price.both": "price: amount and currency",
    "price[rest].amount": "price, not xfail_upstream: amount",
    "price[rest].currency": "price, not xfail_upstream: currency",
    "price[rest].both": "price, not xfail_upstream: both",
    "price[xfail_upstream].amount": "price, xfail_upstream: amount",
    "price[xfail_upstream].currency": "price, xfail_upstream: currency",
    "price[xfail_upstream].both": "price, xfail_upstream: both",
    "price.currency[clear]": "price: currency, without ambiguous/not_iso/historic",
    "price.both[clear]": "price: both, without ambiguous/not_iso/historic",
}


def render_report(results: Sequence[FileResult], max_failures: int = 10) -> str:
    """A plain-text report: one block per file, metrics as rate (hits/total), then worst cases."""
    lines: list[str] = [
        "Pay normalizer evaluation (hints.currency passed as currency_hint; "
        "separator hints not used)",
    ]
    for res in results:
        lines.append("")
        lines.append(f"== {res.name} (kind: {res.kind})")
        order = [k for k in _LABELS if k in res.metrics]
        order += sorted(k for k in res.metrics if k not in _LABELS)
        for key in order:
            hits, total = res.metrics[key]
            rate = f"{100 * hits / total:6.2f}%" if total else "   n/a "
            lines.append(f"  {rate}  ({hits}/{total})  {_LABELS.get(key, key)}")
        if res.failures:
            lines.append(f"  worst cases ({min(max_failures, len(res.failures))} of "
                         f"{len(res.failures)}):")
            for case in res.failures[:max_failures]:
                lines.append(f"    {case.id}: {case.text!r}")
                lines.append(f"      expected {json.dumps(case.expected, ensure_ascii=False)}")
                lines.append(f"      got      {json.dumps(case.got, ensure_ascii=False)}")
    return "\n".join(lines)
