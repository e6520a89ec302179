"""The monthly report as HTML (self-contained: SVG charts inline) and as Markdown."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import attrs
import polars as pl


@attrs.frozen
class Section:
    title: str
    text: str
    table: pl.DataFrame | None = None
    chart: str | None = None
    """Name of the chart's SVG (``<name>.svg``), if it has one."""


@attrs.frozen
class Report:
    month: dt.date
    headline: str
    sections: tuple[Section, ...]
    svgs: dict[str, str]


PERCENT = ("share", "ci_low", "ci_high", "recent_share", "past_share", "remote_share")
MONEY = ("p10", "p25", "median", "p75", "p90", "salary_annual_usd_median",
         "rate_hourly_usd_median")
STYLE = """body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1080px;
margin:2rem auto;padding:0 1rem;color:#262730}h1{margin-bottom:.2rem}
.lede{color:#555;margin-top:0}section{margin:2.2rem 0}table{border-collapse:collapse;
font-size:.9rem;margin:.8rem 0}th,td{border-bottom:1px solid #ddd;padding:.3rem .7rem;
text-align:right}th:first-child,td:first-child{text-align:left}.chart svg{max-width:100%;
height:auto}footer{color:#777;font-size:.85rem;margin-top:3rem}"""


def cell(column: str, value: Any) -> str:
    """A value as the report prints it: shares in percent, money and counts with separators."""
    if value is None:
        return "–"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return f"{value:%Y-%m}" if column.endswith("month") else value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if column in PERCENT:
        return f"{value:.1%}"
    if column.endswith("_pp"):
        return f"{value:+.1f}"
    if column in MONEY:
        return f"{value:,.0f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _rows(frame: pl.DataFrame) -> list[list[str]]:
    return [[cell(c, v) for c, v in zip(frame.columns, row, strict=True)]
            for row in frame.iter_rows()]


def html_table(frame: pl.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(c.replace('_', ' '))}</th>" for c in frame.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in row) + "</tr>"
                   for row in _rows(frame))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def markdown_table(frame: pl.DataFrame) -> str:
    def esc(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(c.replace("_", " ") for c in frame.columns) + " |",
             "|" + "|".join("---" for _ in frame.columns) + "|"]
    lines += ["| " + " | ".join(esc(v) for v in row) + " |" for row in _rows(frame)]
    return "\n".join(lines)


def render_html(report: Report) -> str:
    title = f"jobpulse market report, {report.month:%B %Y}"
    parts = [f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{title}</title>"
             f"<style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
             f"<p class=lede>{html.escape(report.headline)}</p>"]
    for section in report.sections:
        slug = section.title.lower().replace(" ", "-").replace(":", "")
        parts.append(f"<section id={slug}><h2>{html.escape(section.title)}</h2>"
                     f"<p>{html.escape(section.text)}</p>")
        if section.chart:
            # The SVG is vl-convert's own document, inlined so the file stands alone.
            parts.append(f"<div class=chart>{report.svgs[section.chart]}</div>")
        if section.table is not None and not section.table.is_empty():
            parts.append(html_table(section.table))
        parts.append("</section>")
    parts.append(f"<footer>Written by jobpulse on {dt.date.today().isoformat()}.</footer>"
                 "</body></html>")
    return "".join(parts)


def render_markdown(report: Report, assets: str) -> str:
    lines = [f"# jobpulse market report, {report.month:%B %Y}", "", report.headline, ""]
    for section in report.sections:
        lines += [f"## {section.title}", "", section.text, ""]
        if section.chart:
            lines += [f"![{section.title}]({assets}/{section.chart}.svg)", ""]
        if section.table is not None and not section.table.is_empty():
            lines += [markdown_table(section.table), ""]
    return "\n".join(lines)
