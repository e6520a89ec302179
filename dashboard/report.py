"""``jobpulse report``: one month of the market as a self-contained HTML file and a Markdown twin.

``python -m dashboard.report --month 2026-10 --out reports/ [--db FILE]``. Every number comes
from :class:`warehouse.answers.Answers` (the dashboard's own queries) and every chart is the
dashboard's own Altair chart, rendered to SVG offline (vl-convert), so the report says what the
dashboard says. The Markdown twin carries the same tables and links the same SVGs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import altair as alt
import polars as pl

from dashboard import charts
from dashboard.report_render import Report, Section, render_html, render_markdown
from warehouse.answers import Answers, default_skills, snapshot_runner
from warehouse.db import WarehouseError
from warehouse.filters import Filters

REPORT_WIDTH = 760
TOP_MARKETS = 6
PAY_SKILLS = 8


class ReportError(Exception):
    """A report that cannot be written; the message says why in one line."""


def _month_end(month: dt.date) -> dt.date:
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _months_back(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def _svg(chart: alt.TopLevelMixin) -> str:
    import vl_convert as vlc

    # The dashboard's charts stretch to their container; a file needs a width of its own.
    return str(vlc.vegalite_to_svg(chart.properties(width=REPORT_WIDTH).to_dict()))


def build_report(answers: Answers, month: dt.date) -> Report:
    """Every section of ``month``'s report, with its table and chart."""
    options = answers.skill_options()
    mix = answers.source_mix("engineering")
    in_month = mix.filter(pl.col("month") == month)
    if in_month.is_empty():
        raise ReportError(f"the warehouse counts no postings in {month:%Y-%m}")
    total = int(in_month["postings"].sum())
    partial = bool(in_month["partial"].any())
    sources = ", ".join(in_month["source"].to_list())
    headline = (f"{total:,} engineering postings counted in {month:%B %Y} from "
                f"{len(in_month)} source(s) ({sources})"
                + ("; the month is still filling, so its figures are partial." if partial
                   else "."))
    svgs: dict[str, str] = {}
    sections = [_movers(answers, svgs), _trends(answers, options, month, svgs),
                *_pay(answers, options, month, svgs), _markets(answers, month, svgs),
                _coverage(answers), _method()]
    return Report(month, headline, tuple(sections), svgs)


def _movers(answers: Answers, svgs: dict[str, str]) -> Section:
    movers = answers.movers("engineering")
    shown = movers.filter(pl.col("significant"))
    if movers.is_empty():
        return Section("Rising and falling", "Too little history to compare a year apart.")
    row = movers.row(0, named=True)
    text = (f"Engineering postings, {row['recent_from']:%b %Y} to {row['recent_to']:%b %Y} "
            f"against the same months a year before, like for like (sources present in both "
            f"windows: {', '.join(row['sources'] or [])}). Intervals at the "
            f"{row['interval_level']:.2%} level, adjusted for the {row['tests']} skills tested "
            f"at once; only changes whose interval excludes zero are listed.")
    if shown.is_empty():
        return Section("Rising and falling", text + " No skill moved significantly.")
    svgs["movers"] = _svg(charts.movers_chart(shown))
    table = shown.select("skill", "direction", "change_pp", "ci_low_pp", "ci_high_pp",
                         "recent_share", "past_share")
    return Section("Rising and falling", text, table, "movers")


def _trends(answers: Answers, options: pl.DataFrame, month: dt.date,
            svgs: dict[str, str]) -> Section:
    skills = tuple(default_skills(options))
    share = answers.trend_share("engineering", skills, False).filter(
        pl.col("month").is_between(_months_back(month, 11), month))
    text = ("Share of engineering postings mentioning each of the top languages and the "
            "three clouds, the twelve months to the report's month, like for like. Band: 95% "
            "interval.")
    if share.is_empty():
        return Section("Share over time", text + " No data in these months.")
    svgs["trends"] = _svg(charts.band_chart(share, height=320))
    table = (share.filter(pl.col("month") == month)
             .select("skill", "share", "ci_low", "ci_high", "postings_with_skill")
             .sort("share", descending=True))
    return Section("Share over time", text, table, "trends")


def _pay(answers: Answers, options: pl.DataFrame, month: dt.date,
         svgs: dict[str, str]) -> list[Section]:
    window = Filters(date_from=_months_back(month, 11), date_to=_month_end(month))
    skills = tuple(options.head(PAY_SKILLS * 3)["skill"].to_list())
    out = []
    for label, key, unit in (("Annual salary", "salary", "USD per year"),
                             ("Day rate", "day", "USD per day"),
                             ("Hourly rate", "hour", "USD per hour")):
        pay = answers.pay_by_skill(window, skills, label, None)
        pay = pay.filter(pl.col("postings") >= 5).sort("postings", descending=True).head(
            PAY_SKILLS)
        title = f"Pay: {label.lower()}"
        text = (f"{label} in {unit}, postings published in the twelve months to "
                f"{month:%B %Y}; skills with at least 5 postings stating it. Boxes: 25th to "
                "75th percentile; whiskers: 10th to 90th; tick: median; n = postings.")
        if pay.is_empty():
            out.append(Section(title, text + " Too few postings state it."))
            continue
        svgs[f"pay_{key}"] = _svg(charts.range_chart(pay, category="skill", unit=unit))
        out.append(Section(title, text, pay.select("skill", "postings", "p10", "p25", "median",
                                                   "p75", "p90"), f"pay_{key}"))
    return out


def _markets(answers: Answers, month: dt.date, svgs: dict[str, str]) -> Section:
    window = Filters(date_from=_months_back(month, 11), date_to=_month_end(month))
    options = answers.market_options(window)
    chosen = options.filter(pl.col("market_type").is_in(["country", "remote"])).head(
        TOP_MARKETS)["market"].to_list()
    monthly = answers.market_monthly(Filters(), tuple(chosen)).filter(pl.col("month") == month)
    text = (f"The {len(chosen)} biggest markets of the twelve months to {month:%B %Y} (countries"
            " and remote work), in the report's month: postings, remote share and median USD "
            "pay.")
    if monthly.is_empty():
        return Section("Markets side by side", text + " No postings in them this month.")
    table = monthly.drop("month").sort("postings", descending=True)
    svgs["markets"] = _svg(charts.bar_chart(table, x="postings", y="market",
                                            x_title=f"postings in {month:%b %Y}"))
    return Section("Markets side by side", text, table, "markets")


def _coverage(answers: Answers) -> Section:
    coverage = answers.source_coverage(Filters())
    return Section("Sources and coverage",
                   "Each source's coverage window: the months it could see postings as they "
                   "were published. Only postings inside a window count as demand.",
                   coverage.select("source", "kind", "first_month", "last_month",
                                   "postings_demand", "postings_carried"))


def _method() -> Section:
    return Section("Method", " ".join((
        "jobpulse collects postings from public sources, normalizes skills (a taxonomy of named "
        "technologies, with context rules for ambiguous names) and pay (ranges, currencies, "
        "periods) into a DuckDB warehouse.",
        "Shares count engineering postings, one per duplicate group, inside each source's "
        "coverage window; movers compare the same sources a year apart at fixed weights.",
        "Pay is split by type and never mixed; amounts are the middle of a stated range, "
        "converted to USD at the ECB rate of the posting's date.",
        "Every figure here is a query of the dashboard's; `jobpulse sql` reaches the same "
        "views.")))


def write_report(report: Report, out: Path) -> tuple[Path, Path]:
    """``jobpulse-report-YYYY-MM.html`` (self-contained) and ``.md`` (+ its SVG folder)."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"jobpulse-report-{report.month:%Y-%m}"
    assets = out / f"{stem}-charts"
    assets.mkdir(exist_ok=True)
    for name, svg in report.svgs.items():
        (assets / f"{name}.svg").write_text(svg, encoding="utf-8")
    html_path, md_path = out / f"{stem}.html", out / f"{stem}.md"
    html_path.write_text(render_html(report), encoding="utf-8")
    md_path.write_text(render_markdown(report, assets.name), encoding="utf-8")
    return html_path, md_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="jobpulse report", description=__doc__.splitlines()[0])
    ap.add_argument("--month", help="YYYY-MM (default: the last complete month)")
    ap.add_argument("--out", type=Path, default=Path("reports"))
    ap.add_argument("--db", type=Path, required=True)
    args = ap.parse_args(argv)
    try:
        answers = Answers(snapshot_runner(args.db))
        if args.month:
            try:
                month = dt.date.fromisoformat(args.month + "-01")
            except ValueError:
                raise ReportError(f"--month must be YYYY-MM, not {args.month!r}") from None
        else:
            month = answers.last_complete_month()
        report = build_report(answers, month)
        html_path, md_path = write_report(report, args.out)
    except (ReportError, WarehouseError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {html_path} and {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
