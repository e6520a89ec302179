"""Trends: which skills' demand rises and falls, and the monthly share of each chosen skill.

Shares and movers measure demand like for like (warehouse/README.md, docs/trends.md): only
postings a source could see when they were published, of engineering roles unless another role
group is chosen, each source's share combined at fixed weights so that a source joining or
leaving moves nothing. The pooled share of every posting stays one click away, labelled.
"""

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
    f"({chosen_filters.describe()}).")
role = chosen_filters.role_group()
ROLE_NAMES = {"engineering": "engineering postings", "all": "all postings"}
role_name = ROLE_NAMES.get(role, f"{role} postings")

st.subheader("Rising and falling")
movers = data.movers(role)
shown = movers.filter(pl.col("significant"))
if movers.is_empty():
    st.info("Movers need three complete months, and three more before them, of postings the "
            "sources could see when they were published (Data health: coverage windows).")
else:
    first = movers.row(0, named=True)
    against = ("the same months a year before" if first["comparison"] == "year"
               else "the three months before (no source spans a year)")
    st.caption(
        f"{role_name.capitalize()}, {first['recent_from']:%b %Y} to {first['recent_to']:%b %Y} "
        f"against {against}: {first['past_from']:%b %Y} to {first['past_to']:%b %Y}. Sources "
        f"compared: {', '.join(first['sources'])} (present in both windows). Each skill's "
        "change within those sources, at fixed weights, in percentage points; black lines: "
        f"its interval at the {first['interval_level']:.2%} level, adjusted because "
        f"{first['tests']} skills are tested at once. Only changes whose interval excludes "
        "zero are shown.")
    if chosen_filters.beyond_role:
        st.caption(":material/info: Movers compare every country and source of the role "
                   "group; the sidebar's other filters apply to the charts below.")
    if shown.is_empty():
        st.info("No skill's demand moved beyond chance between these windows.")
    else:
        charts.show(charts.movers_chart(shown))
    charts.download(movers, f"movers_{role}", label="Download every skill's change (CSV)")

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

st.subheader("Share over time")
pooled = st.toggle(
    "Pooled share", key="trend_pooled",
    help="Off: like for like, each source's share at fixed weights (a source joining or "
         "leaving moves nothing). On: every counted posting of the month together, which "
         "moves whenever the mix of sources changes.")
# The prepared like-for-like series covers new postings of a role group; 'active', or any
# other sidebar filter, reads the postings themselves (pooled).
like_for_like = basis_label == "new" and not chosen_filters.beyond_role
if like_for_like:
    share = data.trend_share(role, tuple(chosen), pooled)
    what = ("pooled: every counted posting of the month together" if pooled else
            "like for like: each source's own share at fixed weights")
    st.caption(f"Share of {role_name} (new that month) mentioning the skill, {what}. Band: "
               "95% interval; hollow dots: low support; shaded with crosses: the current "
               "month, still filling, never compared.")
else:
    share = data.skill_share(chosen_filters, tuple(chosen), basis_label)
    st.caption(f"Pooled share of the filtered postings ({chosen_filters.describe()}, basis "
               f"{basis_label}): every posting together, so it also moves when the mix of "
               "sources changes. Band: 95% interval; hollow dots: low support.")
if share.is_empty():
    st.info("No postings mention these skills under the current filters.")
    st.stop()

charts.show(charts.band_chart(share))
if like_for_like:
    mix = data.source_mix(role)
    if not mix.is_empty():
        st.caption(f"Counted {role_name} per month, by source: the mix behind the share.")
        charts.show(charts.mix_chart(mix))

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
