"""CLI tests for ``jobpulse skills ...`` and ``jobpulse eval skills`` (click CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli.skills import eval_skills, skills

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "skills"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_extract_stdin(runner: CliRunner) -> None:
    data = "\n".join([
        json.dumps({"id": "a", "text": "Python/Django, postgres, AWS Lambda"}),
        "",
        json.dumps({"id": "b", "text": "We ship shoes", "title": "Senior Go Engineer",
                    "tags": ["k8s"]}),
    ])
    res = runner.invoke(skills, ["extract", "-"], input=data)
    assert res.exit_code == 0, res.output
    assert _lines(res.output) == [
        {"id": "a", "skills": ["AWS", "AWS Lambda", "Django", "PostgreSQL", "Python"]},
        {"id": "b", "skills": ["Go", "Kubernetes"]},
    ]


def test_extract_file(runner: CliRunner, tmp_path: Path) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": 7, "text": "Rust and C++"}) + "\n", encoding="utf-8")
    res = runner.invoke(skills, ["extract", str(p)])
    assert res.exit_code == 0
    assert _lines(res.output) == [{"id": 7, "skills": ["C++", "Rust"]}]


@pytest.mark.parametrize("line,msg", [
    ("{not json", ":2: invalid JSON"),
    ('["a list"]', ":2: expected a JSON object"),
    ('{"id": 1}', ':2: missing or non-string "text"'),
    ('{"id": 1, "text": "x", "tags": "go"}', ':2: "tags" must be a list'),
    ('{"id": 1, "text": "x", "title": 5}', ':2: "title" must be a string'),
])
def test_extract_bad_line(runner: CliRunner, line: str, msg: str) -> None:
    res = runner.invoke(skills, ["extract", "-"],
                        input=json.dumps({"id": 0, "text": "Go"}) + "\n" + line + "\n")
    assert res.exit_code != 0
    assert msg in res.output
    assert "Traceback" not in res.output


def test_resolve(runner: CliRunner) -> None:
    res = runner.invoke(skills, ["resolve", "golang", "K8S", "nothing-here"])
    assert res.exit_code == 0
    assert _lines(res.output) == [
        {"name": "golang", "canonical": "Go"},
        {"name": "K8S", "canonical": "Kubernetes"},
        {"name": "nothing-here", "canonical": None},
    ]


def test_list(runner: CliRunner) -> None:
    res = runner.invoke(skills, ["list", "--category", "cloud"])
    assert res.exit_code == 0
    rows = _lines(res.output)
    assert {"AWS", "Azure", "Google Cloud"} <= {r["name"] for r in rows}
    assert all(r["category"] == "cloud" for r in rows)
    res = runner.invoke(skills, ["list"])
    assert len(_lines(res.output)) >= 400
    res = runner.invoke(skills, ["list", "--category", "nope"])
    assert res.exit_code != 0 and "unknown category" in res.output


def test_custom_taxonomy(runner: CliRunner, tmp_path: Path) -> None:
    t = tmp_path / "t.yaml"
    t.write_text("version: '1'\ncategories: [x]\nskills:\n- {name: Foo, category: x}\n",
                 encoding="utf-8")
    res = runner.invoke(skills, ["resolve", "foo", "--taxonomy", str(t)])
    assert _lines(res.output) == [{"name": "foo", "canonical": "Foo"}]
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: '1'\nskills:\n- {name: A, category: x, parent: Z}\n",
                   encoding="utf-8")
    res = runner.invoke(skills, ["resolve", "a", "--taxonomy", str(bad)])
    assert res.exit_code != 0 and "cannot load taxonomy" in res.output


def test_help_has_examples(runner: CliRunner) -> None:
    for args in (["--help"], ["extract", "--help"], ["resolve", "--help"], ["list", "--help"]):
        res = runner.invoke(skills, args)
        assert res.exit_code == 0 and "Example" in res.output
    res = runner.invoke(eval_skills, ["--help"])
    assert res.exit_code == 0 and "Example" in res.output


def test_eval_toy(runner: CliRunner, tmp_path: Path) -> None:
    g = tmp_path / "gold.jsonl"
    g.write_text(json.dumps({"id": "1", "text": "Java and Kafka", "gold_skills": ["Java"]})
                 + "\n", encoding="utf-8")
    res = runner.invoke(eval_skills, ["--gold", str(g)])
    assert res.exit_code == 0
    assert "P=0.500 R=1.000" in res.output and "Kafka (1)" in res.output
    res = runner.invoke(eval_skills, ["--gold", str(g), "--json"])
    payload = json.loads(res.output)
    assert payload["files"][0]["fp"] == 1 and "CI/CD" in payload["excluded_concepts"]
    g.write_text("{broken\n", encoding="utf-8")
    res = runner.invoke(eval_skills, ["--gold", str(g)])
    assert res.exit_code != 0 and "gold.jsonl:1" in res.output


@pytest.mark.skipif(not EVAL.is_dir(), reason="../shared/eval is not available")
def test_eval_real_files(runner: CliRunner) -> None:
    res = runner.invoke(eval_skills, ["--gold", str(EVAL / "skillspan_tech_dev.jsonl"),
                                      "--gold", str(EVAL / "green2022.jsonl"), "--json"])
    assert res.exit_code == 0, res.output
    files = json.loads(res.output)["files"]
    assert [f["file"] for f in files] == ["skillspan_tech_dev.jsonl", "green2022.jsonl"]
