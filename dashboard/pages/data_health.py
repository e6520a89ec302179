"""Data health: every source's schedule, last and next run, freshness, items and errors."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import streamlit as st
from apscheduler.triggers.cron import CronTrigger

from dashboard import charts, data, filters
from pipeline.sources import SOURCES

st.title("Data health")
chosen_filters = filters.current()
now = datetime.now(UTC)


def next_run(cron: str) -> datetime | None:
    """The next time the source's cron fires (UTC), as the scheduler would compute it."""
    trigger = CronTrigger.from_crontab(cron, timezone=UTC)
    return trigger.get_next_fire_time(None, now)


def hours_since(moment: datetime | None) -> float | None:
    return None if moment is None else round((now - moment).total_seconds() / 3600, 1)


status = {row["source"]: row for row in data.source_status().iter_rows(named=True)}
wanted = set(chosen_filters.sources)
rows = []
for source in SOURCES.values():
    if wanted and source.slug not in wanted:
        continue
    seen = status.get(source.slug, {})
    rows.append({
        "source": source.slug,
        "name": source.name,
        "schedule (cron, UTC)": source.schedule,
        "next run": next_run(source.schedule),
        "last run": seen.get("last_run"),
        "last status": seen.get("last_status") or "never run",
        "last items": seen.get("last_items"),
        "last success": seen.get("last_success"),
        "hours since success": hours_since(seen.get("last_success")),
        "runs": seen.get("runs", 0),
        "errors": seen.get("errors", 0),
    })
# What a person checks first up front; the long descriptive name last.
registry = pl.DataFrame(rows, infer_schema_length=None).select(
    "source", "last status", "hours since success", "last success", "last run", "next run",
    "last items", "runs", "errors", "schedule (cron, UTC)", "name")

never = sum(1 for r in rows if r["last success"] is None)
stale = sum(1 for r in rows if (r["hours since success"] or 0) > 48)
cols = st.columns(4)
cols[0].metric("Sources", len(rows))
cols[1].metric("Runs loaded", f"{sum(r['runs'] for r in rows):,}")
cols[2].metric("Never succeeded", never)
cols[3].metric("No success for 48 h", stale)

st.subheader("Sources")
st.caption("Next run from each source's cron in pipeline/sources.py; freshness = hours since "
           "the last run that finished (ok or partial). Sidebar filter: sources.")
st.dataframe(registry, hide_index=True, width="stretch", column_config={
    "hours since success": st.column_config.ProgressColumn(
        "hours since success", format="%.1f h", min_value=0.0,
        max_value=max([48.0] + [r["hours since success"] or 0.0 for r in rows])),
    "next run": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
    "last run": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
    "last success": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
})
charts.download(registry, "sources")

runs = data.runs(chosen_filters)
st.subheader("Items per run")
if runs.is_empty():
    st.info("No crawl runs loaded yet.")
else:
    charts.show(charts.bar_chart(
        runs.group_by("source").agg(pl.col("items_seen").mean().round(0).alias("items_seen"),
                                    pl.len().alias("runs")),
        x="items_seen", y="source", x_title="items per run (mean of the latest runs)",
        tooltip_extra=("runs",)))
    if runs["started_at"].n_unique() > 1:
        charts.show(charts.line_chart(runs.drop_nulls("started_at"), x="started_at",
                                      y="items_seen", color="source", y_title="items seen",
                                      height=240))

st.subheader("Errors by kind")
errors = data.run_errors(chosen_filters)
if errors.is_empty():
    st.success("No crawl errors recorded.", icon=":material/check_circle:")
else:
    charts.show(charts.bar_chart(errors, x="errors", y="kind", color="source",
                                 x_title="errors", tooltip_extra=("runs",)))
    charts.download(errors, "crawl_errors")

st.subheader("Latest runs")
st.dataframe(runs, hide_index=True, width="stretch")
charts.download(runs, "crawl_runs")
