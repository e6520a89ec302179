"""``pay parse``: the "country" input; the period_inferred, currency_inferred and ir35 outputs."""

from __future__ import annotations

import json

import click
from click.testing import CliRunner

from pipeline.cli.pay import pay


def _cli() -> click.Group:
    @click.group()
    def root() -> None:
        pass

    root.add_command(pay)
    return root


def _run(*lines: dict) -> list[dict]:  # type: ignore[type-arg]
    data = "\n".join(json.dumps(line) for line in lines) + "\n"
    result = CliRunner().invoke(_cli(), ["pay", "parse", "--no-today", "-"], input=data)
    assert result.exit_code == 0, result.output
    return [json.loads(x)["pay"] for x in result.output.splitlines() if x.strip()]


def test_new_fields_are_always_present_and_old_keys_stay() -> None:
    (rec,) = _run({"id": "a", "text": "$150k-190k"})
    assert {"min", "max", "currency", "period", "raw", "usd_min", "usd_max", "usd_rate",
            "usd_rate_date"} <= set(rec)
    assert rec["period"] is None and rec["period_inferred"] == "year"
    assert rec["currency_inferred"] is False and rec["ir35"] is None


def test_country_gives_the_currency_the_text_leaves_out() -> None:
    us, none, au = _run(
        {"id": 1, "text": "Acme | SRE | Remote (US) | 140k-180k", "country": "US"},
        {"id": 2, "text": "Acme | SRE | Remote | 140k-180k"},
        {"id": 3, "text": "$120k-$140k + super", "country": "AU"},
    )
    assert (us["currency"], us["currency_inferred"]) == ("USD", True)
    assert (none["currency"], none["currency_inferred"]) == (None, False)
    assert (au["currency"], au["currency_inferred"]) == ("AUD", False)


def test_ir35_and_stated_period() -> None:
    (rec,) = _run({"id": "x", "text": "£550/day outside IR35", "date": "2026-01-05"})
    assert rec["period"] == "day" and rec["period_inferred"] == "day"
    assert rec["ir35"] == "outside"


def test_bad_country_stops_with_line_number() -> None:
    data = json.dumps({"id": "a", "text": "$100k", "country": "United States"}) + "\n"
    result = CliRunner().invoke(_cli(), ["pay", "parse", "-"], input=data)
    assert result.exit_code != 0
    assert "country" in result.output and "1" in result.output


def test_help_documents_the_new_fields() -> None:
    result = CliRunner().invoke(_cli(), ["pay", "parse", "--help"])
    for word in ("period_inferred", "currency_inferred", "ir35", "country"):
        assert word in result.output
