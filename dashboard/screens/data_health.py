"""Data health: every source's schedule, last and next run, freshness, items and errors, and the
ATS boards that crawls skip as dead."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl
import streamlit as st
from apscheduler.triggers.cron import CronTrigger

from dashboard import charts, data, filters

st.title("Data health")
chosen_filters = filters.current()
now = datetime.now(UTC)


def next_run(cron: str | None, timezone: str | None) -> datetime | None:
    """The next time the source's cron fires, as the scheduler would compute it."""
    if not cron:
        return None
    try:
        trigger = CronTrigger.from_crontab(cron, timezone=timezone or "UTC")
    except (ValueError, KeyError):
        return None
    return trigger.get_next_fire_time(None, now)


def hours_since(moment: datetime | None) -> float | None:
    return None if moment is None else round((now - moment).total_seconds() / 3600, 1)


# The loader records each source's schedule in the warehouse (source_schedule), so this page
# judges freshness exactly as `jobpulse runs` and `jobpulse check` do.
status = data.source_status()
wanted = set(chosen_filters.sources)
rows = []
for seen in status.iter_rows(named=True):
    if wanted and seen["source"] not in wanted:
        continue
    rows.append({
        "source": seen["source"],
        "name": seen["name"] or "",
        "schedule (cron)": (seen["cron"] or "-") if seen["enabled"] else "disabled",
        "next run": next_run(seen["cron"], seen["timezone"]) if seen["enabled"] else None,
        "freshness": seen["freshness"],
        "last run": seen["last_run"],
        "last status": seen["last_status"] or "never run",
        "last items": seen["last_items"],
        "last success": seen["last_success"],
        "hours since success": hours_since(seen["last_success"]),
        "runs": seen["runs"],
        "errors": seen["errors"],
    })
# What a person checks first up front; the long descriptive name last.
registry = pl.DataFrame(rows, infer_schema_length=None, schema_overrides={
    "next run": pl.Datetime("us", "UTC"), "last run": pl.Datetime("us", "UTC"),
    "last success": pl.Datetime("us", "UTC"), "last items": pl.Int64,
    "hours since success": pl.Float64}) if rows else pl.DataFrame()
schedule_files = sorted({f for f in status["schedule_file"].to_list() if f}) \
    if "schedule_file" in status.columns else []

cols = st.columns(4)
cols[0].metric("Sources", len(rows))
cols[1].metric("Runs loaded", f"{sum(r['runs'] for r in rows):,}")
cols[2].metric("Never succeeded", sum(1 for r in rows if r["freshness"] == "never good"))
cols[3].metric("Stale", sum(1 for r in rows if r["freshness"] == "stale"))

st.subheader("Sources")
st.caption(
    "Freshness counts from the last good run: items, not failed, not degraded. A source with "
    "runs but no good run within twice its schedule interval is stale. Schedules as the last "
    "load read them from " + (", ".join(f"`{f}`" for f in schedule_files) or "the schedule "
                              "config (no load has recorded one yet)")
    + ". Sidebar filter: sources.")
if registry.is_empty():
    st.info("No sources recorded yet: run `jobpulse load`.")
else:
    registry = registry.select(
        "source", "freshness", "last status", "hours since success", "last success",
        "last run", "next run", "last items", "runs", "errors", "schedule (cron)", "name")
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
# A failed run that brought nothing says the source was unreachable, not that it is small.
sized = runs.filter(~((pl.col("status") == "failed") & (pl.col("items_seen") == 0)))
if sized.is_empty():
    st.info("No crawl runs with items loaded yet.")
else:
    charts.show(charts.bar_chart(
        sized.group_by("source").agg(pl.col("items_seen").mean().round(0).alias("items_seen"),
                                    pl.len().alias("runs")),
        x="items_seen", y="source", x_title="items per run (mean of the latest runs)",
        tooltip_extra=("runs",)))
    if sized["started_at"].n_unique() > 1:
        charts.show(charts.line_chart(sized.drop_nulls("started_at"), x="started_at",
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

st.subheader("Coverage windows")
st.caption(
    "When each source could see postings as they were published. A thread source (Hacker "
    "News) covers every month it has a thread for. A snapshot source (job board, ATS) covers "
    "from the start of its first ok, verified crawl of the whole listing: what it lists from "
    "before then is survivors, still shown as postings but not counted in skill shares and "
    "movers. No window: no such crawl yet, nothing counted. Sidebar filter: sources.")
coverage = data.source_coverage(chosen_filters)
if coverage.is_empty():
    st.info("No coverage computed yet: run `jobpulse load`.")
else:
    st.dataframe(coverage.rename({"postings_demand": "counted as demand",
                                  "postings_carried": "survivors (not counted)"}),
                 hide_index=True, width="stretch", column_config={
        "coverage_from": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        "coverage_to": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
    })
    charts.download(coverage, "source_coverage")

st.subheader("Dead boards")
st.caption(
    "ATS boards that answered 404 (or redirected off the ATS) or listed no jobs three crawls in "
    "a row, as the latest loaded run of each board source recorded them. Crawls skip them; "
    "`jobpulse boards check` asks them again (a live answer brings one back), and "
    "`jobpulse boards revive SOURCE BOARD` does so by hand. Sidebar filter: sources.")
dead = data.dead_boards(chosen_filters)
if dead.is_empty():
    st.success("No dead boards.", icon=":material/check_circle:")
else:
    st.dataframe(dead, hide_index=True, width="stretch", column_config={
        "dead_since": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
        "last_asked_at": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm"),
    })
    charts.download(dead, "dead_boards")
