"""Trends: the monthly share of postings that mention each chosen skill, with its 95% band."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, filters

st.title("Skill trends")
chosen_filters = filters.current()
options = data.skill_options()
if options.is_empty():
    st.info("The warehouse has no skills yet: run `jobpulse crawl` and `jobpulse load`.")
    st.stop()

summary = data.summary(chosen_filters)
if not summary.get("postings"):
    st.info(f"No postings match the filters ({chosen_filters.describe()}).")
    st.stop()
st.caption(
    f"{summary['postings']:,} postings from {summary['sources']} source(s), "
    f"{summary['first_posting']:%b %Y} to {summary['last_posting']:%b %Y} "
    f"({chosen_filters.describe()}). "
    "Share = postings that mention the skill / all postings of the month; the band is the 95% "
    "interval; hollow dots mark months with low support."
)

SKILLS_KEY = "trend_skills"
known = set(options["skill"].to_list())
if SKILLS_KEY not in st.session_state:
    st.session_state[SKILLS_KEY] = data.default_skills(options)
else:
    # A reload may drop a skill; a stale choice would make the widget raise.
    st.session_state[SKILLS_KEY] = [s for s in st.session_state[SKILLS_KEY] if s in known]


def apply_preset() -> None:
    preset = st.session_state.get("trend_preset")
    if preset in data.PRESETS:
        st.session_state[SKILLS_KEY] = data.preset_skills(options, preset)


left, middle, right = st.columns([2, 5, 2])
left.selectbox("Preset", ["Custom", *data.PRESETS], key="trend_preset", on_change=apply_preset,
               help="Pick the most frequent skills of a category.")
chosen = middle.multiselect(
    "Skills", options=options["skill"].to_list(), key=SKILLS_KEY,
    help="Defaults: the most frequent languages and the three big clouds.",
)
basis_label = right.radio(
    "Basis", ["new", "active"], horizontal=True, key="trend_basis",
    help="new: postings published that month. active: postings open that month.",
)
if not chosen:
    st.info("Choose one or more skills.")
    st.stop()

share = data.skill_share(chosen_filters, tuple(chosen), basis_label)
if share.is_empty():
    st.info("No postings mention these skills under the current filters.")
    st.stop()

charts.show(charts.band_chart(share))

low = share.filter(pl.col("low_support"))
if not low.is_empty():
    months = low.select(pl.col("month").n_unique()).item()
    st.caption(
        f":material/info: Low support in {low.height} skill-month(s) over {months} month(s) "
        "(fewer than 30 postings in the month or 5 with the skill): read those points, and "
        "their wide bands, with care."
    )

charts.download(share, f"trends_{basis_label}")
# A toggle, not an expander: a collapsed expander still ships the table and its grid code,
# which made this, the first page most people open, draw noticeably slower.
if st.toggle("Show the numbers", key="trend_table"):
    st.dataframe(share, hide_index=True, width="stretch",
                 column_config={
                     "share": st.column_config.NumberColumn(format="percent"),
                     "ci_low": st.column_config.NumberColumn(format="percent"),
                     "ci_high": st.column_config.NumberColumn(format="percent"),
                 })
