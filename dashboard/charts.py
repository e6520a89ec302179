"""Altair charts the pages share, and the CSV download every chart's data gets.

Charts take Polars frames that DuckDB already aggregated, and hand them to Altair as frames:
Streamlit then ships them to vega-lite as Arrow. Inline ``alt.Data(values=...)`` had Altair
validate every row against the vega-lite schema, which cost more than the page's queries.
Posting text never reaches these charts except as data values, which vega-lite renders as
text.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import polars as pl
import streamlit as st

PERCENT = ".1%"


def show(chart: alt.TopLevelMixin) -> None:
    st.altair_chart(chart, width="stretch")


def band_chart(frame: pl.DataFrame, *, color: str = "skill", height: int = 380) -> alt.LayerChart:
    """Monthly share as a line, its 95% interval as a band, low-support months as hollow dots."""
    base = alt.Chart(frame).encode(
        x=alt.X("month:T", title="month", axis=alt.Axis(format="%b %Y", tickCount="month")),
        color=alt.Color(f"{color}:N", title=color),
    )
    tooltip = [
        alt.Tooltip(f"{color}:N"), alt.Tooltip("month:T", format="%b %Y"),
        alt.Tooltip("share:Q", format=PERCENT),
        alt.Tooltip("ci_low:Q", format=PERCENT, title="95% low"),
        alt.Tooltip("ci_high:Q", format=PERCENT, title="95% high"),
        alt.Tooltip("postings_with_skill:Q", title="postings with skill", format=","),
        alt.Tooltip("postings_total:Q", title="postings that month", format=","),
    ]
    band = base.mark_area(opacity=0.18).encode(
        y=alt.Y("ci_low:Q", title="share of postings", axis=alt.Axis(format="%")),
        y2="ci_high:Q",
    )
    line = base.mark_line(strokeWidth=2).encode(y="share:Q", tooltip=tooltip)
    low = (base.mark_point(filled=False, size=40).encode(y="share:Q", tooltip=tooltip)
           .transform_filter(alt.datum.low_support))
    return alt.layer(band, line, low).properties(height=height)


def range_chart(frame: pl.DataFrame, *, category: str, unit: str, color: str | None = None,
                height: int | None = None) -> alt.LayerChart:
    """Pay distribution per row: whiskers p10-p90 (when present), box p25-p75, tick median."""
    has_tails = "p10" in frame.columns
    # The count goes into the row label: every number shows the postings it rests on.
    frame = frame.with_columns(
        pl.format("{} (n={})", pl.col(category),
                  pl.col("postings").cast(pl.Int64).map_elements(lambda n: f"{n:,}",
                                                                 return_dtype=pl.String))
        .alias("row"))
    # An explicit order: a sort by field is resolved per layer and can misalign the rows.
    order = frame.sort("median", descending=True, nulls_last=True)["row"].unique(
        maintain_order=True).to_list()
    base = alt.Chart(frame).encode(
        y=alt.Y("row:N", title=None, sort=order, axis=alt.Axis(labelLimit=260)),
    )
    tooltip = [alt.Tooltip(f"{category}:N")]
    if color:
        tooltip.append(alt.Tooltip(f"{color}:N"))
    tooltip += [alt.Tooltip(f"{c}:Q", format=",.0f") for c in
                (("p10", "p25", "median", "p75", "p90") if has_tails else ("p25", "median", "p75"))]
    tooltip.append(alt.Tooltip("postings:Q", format=","))
    colour = alt.Color(f"{color}:N") if color else alt.value("#4c78a8")
    offset = {"yOffset": alt.YOffset(f"{color}:N")} if color else {}
    x_scale = alt.Scale(zero=False, nice=True)
    layers = []
    if has_tails:
        layers.append(base.mark_rule(opacity=0.6).encode(
            x=alt.X("p10:Q", title=unit, axis=alt.Axis(format=",.0f"), scale=x_scale),
            x2="p90:Q", color=colour, tooltip=tooltip, **offset))
    layers.append(base.mark_bar(opacity=0.55, size=14).encode(
        x=alt.X("p25:Q", title=unit, axis=alt.Axis(format=",.0f"), scale=x_scale), x2="p75:Q",
        color=colour, tooltip=tooltip, **offset))
    layers.append(base.mark_tick(thickness=3, size=18, color="black").encode(
        x="median:Q", tooltip=tooltip, **offset))
    per_row = 36 if color else 30
    return alt.layer(*layers).properties(height=height or alt.Step(per_row))


def line_chart(frame: pl.DataFrame, *, x: str, y: str, color: str, y_title: str,
               y_format: str = ",.0f", tooltip_extra: tuple[str, ...] = (),
               height: int = 300) -> alt.Chart:
    tooltip = [alt.Tooltip(f"{color}:N"), alt.Tooltip(f"{x}:T", format="%b %Y"),
               alt.Tooltip(f"{y}:Q", format=y_format)]
    tooltip += [alt.Tooltip(f"{c}:Q", format=",") for c in tooltip_extra]
    return alt.Chart(frame).mark_line(point=False).encode(
        x=alt.X(f"{x}:T", title=x, axis=alt.Axis(format="%b %Y", labelAngle=0)),
        y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format=y_format)),
        color=alt.Color(f"{color}:N"),
        tooltip=tooltip,
    ).properties(height=height)


def bar_chart(frame: pl.DataFrame, *, x: str, y: str, x_title: str, x_format: str = ",.0f",
              color: str | None = None, tooltip_extra: tuple[str, ...] = (),
              sort: str | list[str] = "-x", height: int | None = None) -> alt.Chart:
    """Horizontal bars (labels stay readable however long)."""
    tooltip = [alt.Tooltip(f"{y}:N"), alt.Tooltip(f"{x}:Q", format=x_format)]
    tooltip += [alt.Tooltip(f"{c}:Q", format=",") for c in tooltip_extra]
    encoding: dict[str, Any] = {
        "x": alt.X(f"{x}:Q", title=x_title, axis=alt.Axis(format=x_format)),
        "y": alt.Y(f"{y}:N", title=None, sort=sort),
        "tooltip": tooltip,
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N")
        encoding["yOffset"] = alt.YOffset(f"{color}:N")
        tooltip.insert(0, alt.Tooltip(f"{color}:N"))
    rows = frame.select(y).n_unique() * (frame.select(color).n_unique() if color else 1)
    return alt.Chart(frame).mark_bar().encode(**encoding).properties(
        height=height or max(120, min(22 * rows, 900)))


def to_csv(frame: pl.DataFrame) -> bytes:
    """CSV of a frame; list columns (skills) become comma-separated text."""
    lists = [c for c, t in frame.schema.items() if isinstance(t, pl.List)]
    if lists:
        frame = frame.with_columns(pl.col(lists).list.join(", "))
    return frame.write_csv().encode("utf-8")


def download(frame: pl.DataFrame, name: str, *, label: str = "Download CSV") -> None:
    st.download_button(label, to_csv(frame), file_name=f"{name}.csv", mime="text/csv",
                       key=f"download_{name}", icon=":material/download:", on_click="ignore")
