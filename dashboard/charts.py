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
    """Monthly share as a line, its 95% interval as a band, low-support months as hollow dots;
    with a ``partial`` column, the partial month is shaded and its points drawn as crosses."""
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
    layers: list[alt.Chart] = [band, line, low]
    if "partial" in frame.columns and frame["partial"].any():
        partial = (frame.filter(pl.col("partial")).select("month").unique()
                   .with_columns(pl.col("month").dt.offset_by("1mo").alias("month_end")))
        # The month still filling: shaded, and its points marked, so no one reads it as a fall.
        layers.insert(0, alt.Chart(partial).mark_rect(opacity=0.12, color="gray").encode(
            x="month:T", x2="month_end:T",
            tooltip=[alt.Tooltip("month:T", format="%b %Y", title="partial month")]))
        layers.append(base.mark_point(shape="cross", size=90, filled=True)
                      .encode(y="share:Q", tooltip=tooltip)
                      .transform_filter(alt.datum.partial))
    return alt.layer(*layers).properties(height=height)


def movers_chart(frame: pl.DataFrame) -> alt.LayerChart:
    """Change in points per skill with its interval, every bar labelled with its change."""
    frame = frame.with_columns(pl.format("{} pts", pl.col("change_pp").round(1)).alias("label"))
    order = frame.sort("change_pp", descending=True)["skill"].to_list()
    # Every bar keeps its label: no overlap pruning, and a fixed step per bar.
    y = alt.Y("skill:N", title=None, sort=order,
              axis=alt.Axis(labelLimit=220, labelOverlap=False))
    tooltip = [alt.Tooltip("skill:N"), alt.Tooltip("change_pp:Q", format="+.2f", title="change"),
               alt.Tooltip("ci_low_pp:Q", format="+.2f", title="interval low"),
               alt.Tooltip("ci_high_pp:Q", format="+.2f", title="interval high"),
               alt.Tooltip("recent_postings:Q", format=","),
               alt.Tooltip("past_postings:Q", format=",")]
    colour = alt.Color("direction:N", scale=alt.Scale(domain=["rising", "falling"],
                                                       range=["#2ca02c", "#d62728"]),
                       legend=None)
    bars = alt.Chart(frame).mark_bar(opacity=0.75).encode(
        x=alt.X("change_pp:Q", title="change, percentage points (like for like)",
                axis=alt.Axis(format="+.0f")),
        y=y, color=colour, tooltip=tooltip)
    interval = alt.Chart(frame).mark_rule(color="black").encode(
        x="ci_low_pp:Q", x2="ci_high_pp:Q", y=y, tooltip=tooltip)
    labels = alt.Chart(frame).mark_text(align="left", dx=4, dy=-9, fontSize=11).encode(
        x="change_pp:Q", y=y, text="label:N")
    return alt.layer(bars, interval, labels).properties(height=alt.Step(34))


def mix_chart(frame: pl.DataFrame, height: int = 160) -> alt.Chart:
    """Counted postings per month, stacked by source: the mix behind a share."""
    return alt.Chart(frame).mark_bar(width={"band": 0.85}).encode(
        x=alt.X("yearmonth(month):T", title=None, axis=alt.Axis(format="%b %Y")),
        y=alt.Y("postings:Q", title="counted postings", stack=True),
        color=alt.Color("source:N", title="source"),
        opacity=alt.condition(alt.datum.partial, alt.value(0.4), alt.value(0.9)),
        tooltip=[alt.Tooltip("source:N"), alt.Tooltip("month:T", format="%b %Y"),
                 alt.Tooltip("postings:Q", format=",")],
    ).properties(height=height)


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
        # Whole labels (error kinds, market names): no length limit, no overlap pruning.
        "y": alt.Y(f"{y}:N", title=None, sort=sort,
                   axis=alt.Axis(labelLimit=0, labelOverlap=False)),
        "tooltip": tooltip,
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N")
        encoding["yOffset"] = alt.YOffset(f"{color}:N")
        tooltip.insert(0, alt.Tooltip(f"{color}:N"))
    rows = frame.select(y).n_unique() * (frame.select(color).n_unique() if color else 1)
    return alt.Chart(frame).mark_bar().encode(**encoding).properties(
        height=height or max(120, min(22 * rows, 900)))


def heat_chart(frame: pl.DataFrame, *, x: str, y: str, value: str, value_title: str,
               y_order: list[str] | None = None) -> alt.Chart:
    """Months across, categories down, a count as colour: small counts stay readable where
    overlapping lines of 1s and 2s would not."""
    return alt.Chart(frame).mark_rect().encode(
        x=alt.X(f"yearmonth({x}):O", title=None, axis=alt.Axis(format="%b %Y", labelAngle=-45)),
        y=alt.Y(f"{y}:N", title=None, sort=y_order or "-color",
                axis=alt.Axis(labelLimit=0, labelOverlap=False)),
        color=alt.Color(f"{value}:Q", title=value_title, scale=alt.Scale(scheme="blues")),
        tooltip=[alt.Tooltip(f"{y}:N"), alt.Tooltip(f"yearmonth({x}):T", format="%b %Y"),
                 alt.Tooltip(f"{value}:Q", format=",")],
    ).properties(height=max(120, 22 * frame.select(y).n_unique()))


def to_csv(frame: pl.DataFrame) -> bytes:
    """CSV of a frame; list columns (skills) become comma-separated text."""
    lists = [c for c, t in frame.schema.items() if isinstance(t, pl.List)]
    if lists:
        frame = frame.with_columns(pl.col(lists).list.join(", "))
    return frame.write_csv().encode("utf-8")


def download(frame: pl.DataFrame, name: str, *, label: str = "Download CSV") -> None:
    st.download_button(label, to_csv(frame), file_name=f"{name}.csv", mime="text/csv",
                       key=f"download_{name}", icon=":material/download:", on_click="ignore")
