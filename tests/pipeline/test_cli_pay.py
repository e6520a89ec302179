"""CLI tests for ``pay parse`` and ``eval pay`` with click's CliRunner."""

from __future__ import annotations

import json
import pathlib

import click
from click.testing import CliRunner

from pipeline.cli.pay import eval_pay, pay


def _cli() -> click.Group:
    @click.group()
    def root() -> None:
        pass

    @root.group("eval")
    def eval_group() -> None:
        pass

    root.add_command(pay)
    eval_group.add_command(eval_pay, name="pay")
    return root


def _lines(output: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_parse_stdin_with_dates() -> None:
    data = "\n".join(
        [
            json.dumps({"id": "a", "text": "Acme | SWE | Berlin | €70-90k", "date": "2024-03-16"}),
            json.dumps({"id": 2, "text": "Competitive salary"}),
            json.dumps({"id": "c", "text": "$70-80k", "currency_hint": "AUD",
                        "date": "2024-03-15"}),
            "",
        ]
    )
    result = CliRunner().invoke(_cli(), ["pay", "parse", "-"], input=data)
    assert result.exit_code == 0, result.output
    out = _lines(result.output)
    assert [o["id"] for o in out] == ["a", 2, "c"]
    first = out[0]["pay"]
    assert first["min"] == "70000" and first["max"] == "90000" and first["currency"] == "EUR"
    assert first["usd_rate"] == "1.0892000000"
    assert first["usd_rate_date"] == "2024-03-15"  # Saturday falls back to Friday
    assert first["usd_min"] == "76244.00"
    assert out[1]["pay"] is None
    assert out[2]["pay"]["currency"] == "AUD" and out[2]["pay"]["period"] is None


def test_parse_open_end_and_no_date(tmp_path: pathlib.Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "x", "text": "Up to $220K"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["pay", "parse", "--no-today", str(src)])
    assert result.exit_code == 0, result.output
    rec = _lines(result.output)[0]["pay"]
    assert rec["min"] is None and rec["max"] == "220000"
    assert rec["usd_min"] is None and rec["usd_rate"] is None


def test_parse_bad_line_names_line_number() -> None:
    data = json.dumps({"id": 1, "text": "$5"}) + "\n" + "{not json\n"
    result = CliRunner().invoke(_cli(), ["pay", "parse", "-"], input=data)
    assert result.exit_code != 0
    assert "line 2" in result.output


def test_parse_missing_id_and_bad_date() -> None:
    result = CliRunner().invoke(_cli(), ["pay", "parse", "-"], input='{"text": "$5"}\n')
    assert result.exit_code != 0 and "line 1" in result.output
    bad_date = '{"id": 1, "text": "$5", "date": "yesterday"}\n'
    result = CliRunner().invoke(_cli(), ["pay", "parse", "-"], input=bad_date)
    assert result.exit_code != 0 and "line 1" in result.output and "date" in result.output


def test_help_has_examples() -> None:
    runner = CliRunner()
    for args in (["pay", "--help"], ["pay", "parse", "--help"], ["eval", "pay", "--help"]):
        result = runner.invoke(_cli(), args)
        assert result.exit_code == 0
        assert "Example" in result.output


def _gold(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path / "gold.jsonl"
    items = [
        {"id": "g1", "text": "$35-$40/h", "kind": "salary", "hints": {"currency": "AUD"},
         "gold": {"min": 35, "max": 40, "currency": "AUD", "period": "hour"}},
        {"id": "g2", "text": "DOE", "kind": "salary", "gold": None},
    ]
    path.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    return path


def test_eval_pay_text_and_json(tmp_path: pathlib.Path) -> None:
    gold = _gold(tmp_path)
    result = CliRunner().invoke(_cli(), ["eval", "pay", "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "gold.jsonl" in result.output and "100.00%" in result.output
    result = CliRunner().invoke(_cli(), ["eval", "pay", "--gold", str(gold), "--gold",
                                         str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 2
    assert data[0]["metrics"]["exact"]["rate"] == 1.0
    assert data[0]["metrics"]["false_pay"]["hits"] == 0


def test_eval_pay_bad_file(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["eval", "pay", "--gold", str(bad)])
    assert result.exit_code != 0
    assert "bad.jsonl" in result.output
