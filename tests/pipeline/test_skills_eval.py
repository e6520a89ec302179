"""Quality thresholds of the skill extractor on the DEV eval sets (../shared/eval).

These are real tests against external data; they are skipped when the eval folder is absent.

SkillSpan precision: the eval README warns that annotators skipped mentions, so precision is
a lower bound.  Our dev false positives were audited by hand: nearly all are real mentions
the gold leaves out (company stack sentences such as "Docker ( K8s and Terraform ) AWS Azure",
"AWS services including Lambda DynamoDB RDS PostgreSQL and S3").  The 0.90 target is kept as
a strict xfail so it flips to a failure the day it is reached; a regression floor guards the
figure we actually have.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.eval.skills import (
    FileResult,
    GoldItem,
    evaluate_file,
    evaluate_items,
    read_gold,
    render_report,
)
from pipeline.normalize.skills import SkillExtractor, load_taxonomy

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "skills"
needs_eval = pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not available")


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return SkillExtractor(load_taxonomy())


@pytest.fixture(scope="module")
def dev(extractor: SkillExtractor) -> FileResult:
    return evaluate_file(EVAL / "skillspan_tech_dev.jsonl", extractor)


@pytest.fixture(scope="module")
def green(extractor: SkillExtractor) -> FileResult:
    return evaluate_file(EVAL / "green2022.jsonl", extractor)


@needs_eval
def test_skillspan_dev_recall(dev: FileResult) -> None:
    assert dev.recall >= 0.85, render_report([dev])


@needs_eval
@pytest.mark.xfail(strict=True, reason="gold skips many real mentions (README: precision is a "
                   "lower bound); audited dev FPs are almost all unannotated true mentions")
def test_skillspan_dev_precision_target(dev: FileResult) -> None:
    assert dev.precision >= 0.90, render_report([dev])


@needs_eval
def test_skillspan_dev_precision_floor(dev: FileResult) -> None:
    assert dev.precision >= 0.80, render_report([dev])
    assert dev.f1 >= 0.88


@needs_eval
def test_skillspan_train_figures(extractor: SkillExtractor) -> None:
    r = evaluate_file(EVAL / "skillspan_tech_train.jsonl", extractor)
    assert r.recall >= 0.95 and r.precision >= 0.85, render_report([r])


@needs_eval
def test_green2022_false_positive_rate(green: FileResult) -> None:
    assert green.n_items == 336
    assert green.fp_rate <= 0.02, render_report([green])
    with_gold = green.restricted()
    assert with_gold.n_items == 28
    assert with_gold.recall >= 0.85


@needs_eval
def test_all_gold_names_resolve(dev: FileResult, green: FileResult,
                                extractor: SkillExtractor) -> None:
    train = evaluate_file(EVAL / "skillspan_tech_train.jsonl", extractor)
    assert dev.unresolved_gold == green.unresolved_gold == train.unresolved_gold == ()


def test_metrics_on_toy_items(extractor: SkillExtractor) -> None:
    items = [
        GoldItem("a", "Python and Django on AWS Lambda", frozenset({"Python", "Django",
                                                                     "AWS Lambda", "AWS"})),
        GoldItem("b", "Java with Kafka", frozenset({"Java"})),          # Kafka is an FP
        GoldItem("c", "nurse on the ward", frozenset()),
        GoldItem("d", "CI/CD and microservices in Go", frozenset({"Go", "Rust"})),  # Rust FN
    ]
    r = evaluate_items("toy", items, extractor)
    assert (r.tp, r.fp, r.fn) == (6, 1, 1)
    assert r.precision == pytest.approx(6 / 7) and r.recall == pytest.approx(6 / 7)
    assert r.fp_rate == pytest.approx(1 / 4)
    assert r.fp_counts == (("Kafka", 1),) and r.fn_counts == (("Rust", 1),)
    assert "CI/CD" in r.excluded_concepts  # concepts never count
    text = render_report([r])
    assert "P=0.857" in text and "Kafka (1)" in text and "concept" in text
    d = r.to_dict()
    assert d["tp"] == 6 and d["worst_false_positives"] == [["Kafka", 1]]


def test_read_gold_errors(tmp_path: Path, extractor: SkillExtractor) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"id": "x", "text": "Go", "gold_skills": ["golang"]}) + "\n\n"
                 + "{oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"g.jsonl:3"):
        read_gold(p)
    p.write_text(json.dumps({"id": "x", "text": "Go developer", "gold_skills": ["golang"]}) + "\n",
                 encoding="utf-8")
    r = evaluate_file(p, extractor)
    assert (r.tp, r.fp, r.fn) == (1, 0, 0)  # gold aliases are resolved to canonical names
