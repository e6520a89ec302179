"""Quality thresholds of the pay normalizer on the DEV eval set (skipped when it is absent).

The eval data lives outside the repository (../shared/eval relative to the repo root) and is
read in place, never copied.  ``hints.currency`` is passed to ``parse_pay`` as ``currency_hint``.
"""

from __future__ import annotations

import pathlib

import pytest

from pipeline.eval.pay import evaluate_file, evaluate_items, render_report

EVAL_ROOT = pathlib.Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "pay"
needs_eval = pytest.mark.skipif(
    not EVAL_ROOT.is_dir(), reason=f"DEV eval set not found at {EVAL_ROOT} (read-only, not in repo)"
)


@pytest.fixture(scope="module")
def au():  # type: ignore[no-untyped-def]
    return evaluate_file(EVAL_ROOT / "edwardjross_au_odd.jsonl")


@pytest.fixture(scope="module")
def prices():  # type: ignore[no-untyped-def]
    return evaluate_file(EVAL_ROOT / "price_parser.jsonl")


@needs_eval
def test_salary_strings_exact_match_strict_period(au) -> None:  # type: ignore[no-untyped-def]
    # Strict: the period is only what the text states (no infer_period needed).
    assert au.rate("exact") >= 0.95


@needs_eval
def test_salary_strings_no_invented_pay(au) -> None:  # type: ignore[no-untyped-def]
    hits, total = au.metrics["false_pay"]
    assert total > 0 and hits == 0


@needs_eval
def test_salary_subsets(au) -> None:  # type: ignore[no-untyped-def]
    assert au.rate("exact_ignoring_currency") >= 0.95
    assert au.rate("period_not_stated.exact_ignoring_period") >= 0.95


@needs_eval
def test_prices_amount_and_currency(prices) -> None:  # type: ignore[no-untyped-def]
    assert prices.rate("price.both") >= 0.95


@needs_eval
def test_prices_no_price_items_mostly_null(prices) -> None:  # type: ignore[no-untyped-def]
    assert prices.rate("null_agreement") >= 0.9


def test_metrics_on_synthetic_items() -> None:
    items = [
        {"id": "a", "text": "$70-80k", "kind": "salary", "hints": {"currency": "AUD"},
         "gold": {"min": 70000, "max": 80000, "currency": "AUD", "period": None},
         "tags": ["period_not_stated"]},
        {"id": "b", "text": "Competitive", "kind": "salary", "gold": None},
        {"id": "c", "text": "€12,50", "kind": "price",
         "gold": {"min": 12.5, "max": 12.5, "currency": "EUR", "period": None},
         "tags": ["xfail_upstream"]},
        {"id": "d", "text": "nothing here", "kind": "price",
         "gold": {"min": 3, "max": 3, "currency": "USD", "period": None}, "tags": []},
    ]
    res = evaluate_items(items, name="synthetic")
    assert res.metrics["exact"] == (1, 1)
    assert res.metrics["exact_inferred"] == (0, 1)  # inferring "year" breaks strict gold
    assert res.metrics["false_pay"] == (0, 1)
    assert res.metrics["missed"] == (1, 3)
    assert res.metrics["price[xfail_upstream].both"] == (1, 1)
    assert res.metrics["price[rest].both"] == (0, 1)
    assert [c.id for c in res.failures] == ["d"]
    report = render_report([res])
    assert "synthetic" in report and "worst cases" in report
