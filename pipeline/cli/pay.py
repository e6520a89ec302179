"""Click commands for the pay normalizer.

The lead registers them on the main CLI::

    cli.add_command(pay)            # jobpulse pay parse ...
    eval_group.add_command(eval_pay, name="pay")   # jobpulse eval pay ...

``pay parse`` reads JSON Lines (``{"id", "text"}`` plus optional ``"currency_hint"``,
``"country"`` and ``"date"``) and writes one JSON line per input with the parsed pay and, when a
rate is known, the
amounts in US dollars.  ``eval pay`` scores the parser on gold files (see :mod:`pipeline.eval.pay`).
"""

from __future__ import annotations

import datetime
import json
import pathlib
from decimal import Decimal
from typing import IO, Any

import click

from pipeline.cli.options import NON_NEGATIVE
from pipeline.eval.pay import evaluate_file, render_report
from pipeline.jsonl import JsonLinesError, bad_line, read_postings
from pipeline.normalize.money import to_usd, usd_rate
from pipeline.normalize.pay import Pay, parse_pay

__all__ = ["eval_pay", "pay", "pay_record"]


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def pay_record(
    pay_: Pay | None, date: datetime.date | None, *, today: datetime.date | None = None
) -> dict[str, Any] | None:
    """The JSON form of a parsed pay, with USD amounts when a rate for the date is known.

    The rate is the ECB rate of ``date`` (or of ``today`` when the input has no date); the USD
    fields are null when the currency is unknown or not quoted by the ECB.
    """
    if pay_ is None:
        return None
    record: dict[str, Any] = {
        "min": _dec(pay_.min),
        "max": _dec(pay_.max),
        "currency": pay_.currency,
        "period": pay_.period,
        "period_inferred": pay_.period_inferred,
        "currency_inferred": pay_.currency_inferred,
        "ir35": pay_.ir35,
        "raw": pay_.raw,
        "usd_min": None,
        "usd_max": None,
        "usd_rate": None,
        "usd_rate_date": None,
    }
    on = date or today
    if pay_.currency is not None and on is not None:
        rate = usd_rate(pay_.currency, on)
        if rate is not None:
            record.update(
                usd_min=_dec(to_usd(pay_.min, rate)),
                usd_max=_dec(to_usd(pay_.max, rate)),
                usd_rate=_dec(rate.rate),
                usd_rate_date=rate.rate_date.isoformat(),
            )
    return record


def _pay_fields(obj: dict[str, Any], source: str, lineno: int
                ) -> tuple[str | None, str | None, datetime.date | None]:
    """The optional "currency_hint", "country" and "date" of an input line.

    The id and text are checked by the reader.
    """
    hint = obj.get("currency_hint")
    if hint is not None and not isinstance(hint, str):
        raise bad_line(source, lineno, '"currency_hint" must be a string or null')
    country = obj.get("country")
    if country is not None and not (isinstance(country, str) and len(country.strip()) == 2):
        raise bad_line(source, lineno, '"country" must be an ISO alpha-2 code (e.g. "US") or null')
    date: datetime.date | None = None
    raw_date = obj.get("date")
    if raw_date is not None:
        try:
            date = datetime.date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            raise bad_line(source, lineno,
                           f'"date" must be an ISO date (YYYY-MM-DD), got {raw_date!r}') from None
    return hint, country, date


@click.group("pay")
def pay() -> None:
    """Parse pay statements (ranges, currencies, periods) from job text.

    \b
    Example:
      echo '{"id": 1, "text": "Acme | Backend | Berlin | €70-90k"}' | jobpulse pay parse -
    """


@pay.command("parse")
@click.argument("source", type=click.File("rb"))
@click.option(
    "--today/--no-today",
    default=True,
    show_default=True,
    help="Convert to USD at today's rate when an input line has no date.",
)
def parse_cmd(source: IO[bytes], today: bool) -> None:
    """Parse pay from JSON Lines in SOURCE (a file, or - for stdin).

    Each input line is {"id", "text"} with optional "currency_hint" (ISO code such as AUD),
    "country" (ISO alpha-2 code of the posting's location, e.g. US: the currency when the text
    names none, and which dollar "$" is) and "date" (YYYY-MM-DD, for the USD rate); "text" may
    be null.  Each output line is {"id", "pay"} where pay is null or {"min", "max", "currency",
    "period", "period_inferred", "currency_inferred", "ir35", "raw", "usd_min", "usd_max",
    "usd_rate", "usd_rate_date"}; amounts are decimal strings and an open end is null.

    \b
    period             the period the text states, null when it names none
    period_inferred    the period the warehouse uses: the stated one, else the one the
                       amount's size implies ("$150k-190k" -> year), else null
    currency_inferred  true when the text names no currency and it came from
                       "currency_hint" or "country"
    ir35               "inside" / "outside" when the text states a UK IR35 status, else null

    A line that is not such an object stops the command with its line number.

    \b
    Example:
      printf '%s\\n' '{"id": "a", "text": "$120k-150k", "date": "2026-01-05"}' \\
        | jobpulse pay parse -
    """
    fallback = datetime.date.today() if today else None
    name = click.format_filename(getattr(source, "name", "-"))
    try:
        for lineno, obj in read_postings(source, name):
            hint, country, date = _pay_fields(obj, name, lineno)
            parsed = parse_pay(obj["text"], currency_hint=hint, date=date, country=country)
            out = {"id": obj["id"], "pay": pay_record(parsed, date, today=fallback)}
            click.echo(json.dumps(out, ensure_ascii=False))
    except JsonLinesError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("eval_pay")
@click.option(
    "--gold",
    "gold_files",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=pathlib.Path),
    help="Gold JSON Lines file in the eval README format (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@click.option("--worst", type=NON_NEGATIVE, default=10, show_default=True,
              help="How many worst cases to show.")
def eval_pay(gold_files: tuple[pathlib.Path, ...], as_json: bool, worst: int) -> None:
    """Score the pay parser on gold files, one report per file (never pooled).

    hints.currency is passed to the parser as currency_hint.

    \b
    Example:
      jobpulse eval pay --gold ../shared/eval/pay/edwardjross_au_odd.jsonl \\
                        --gold ../shared/eval/pay/price_parser.jsonl
    """
    results = []
    for path in gold_files:
        try:
            results.append(evaluate_file(path))
        except JsonLinesError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(f"{path}: cannot read ({exc.strerror or exc})") from None
    if as_json:
        click.echo(json.dumps([r.as_dict(max_failures=worst) for r in results], indent=2,
                              ensure_ascii=False, default=str))
    else:
        click.echo(render_report(results, max_failures=worst))
