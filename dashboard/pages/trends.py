"""Trends: the monthly share of postings that mention each chosen skill."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import data
from warehouse.db import WarehouseError

st.title("Skill trends")

try:
    options = data.skill_options()
    summary = data.summary()
except WarehouseError as exc:
    st.error(str(exc))
    st.stop()

if options.is_empty():
    st.info("The warehouse has no skills yet: run `jobpulse crawl` and `jobpulse load`.")
    st.stop()

st.caption(
    f"{summary.get('postings', 0):,} postings from {summary.get('sources', 0)} source(s), "
    f"{summary['first_posting']:%b %Y} to {summary['last_posting']:%b %Y}. "
    "Share = postings that mention the skill / all postings of the month."
)

chosen = st.multiselect(
    "Skills",
    options=options["skill"].to_list(),
    default=data.default_skills(options),
    help="Defaults: the most frequent languages and the three big clouds.",
)
if not chosen:
    st.info("Choose one or more skills.")
    st.stop()

share = data.skill_share(tuple(chosen))
wide = (
    share.pivot(on="skill", index="month", values="share")
    .sort("month")
    .with_columns(pl.exclude("month").fill_null(0.0))
)
st.line_chart(wide, x="month", y=[s for s in chosen if s in wide.columns],
              y_label="share of postings", x_label="month")

with st.expander("Data"):
    st.dataframe(share, hide_index=True, use_container_width=True)
