"""Skill explorer: one skill's trend, pay, markets, companions and like-for-like demand."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, filters

st.title("Skill explorer")
chosen_filters = filters.current()
options = data.skill_options()
if options.is_empty():
    st.info("The warehouse has no skills yet: run `jobpulse crawl` and `jobpulse load`.")
    st.stop()

names = options["skill"].to_list()
# A bookmarked or linked ?skill=... opens that skill; afterwards the widget is the truth.
wanted = st.query_params.get("skill")
if st.session_state.get("explorer_skill") not in names:
    st.session_state["explorer_skill"] = wanted if wanted in names else (
        "Python" if "Python" in names else names[0])
skill = st.selectbox("Skill", names, key="explorer_skill")
st.query_params["skill"] = skill
category = options.filter(pl.col("skill") == skill)["category"].item()
st.caption(f"Category: {category}. {chosen_filters.describe()}.")
st.page_link("screens/postings.py", label=f"Postings that mention {skill}",
             icon=":material/list_alt:", query_params={"skill": skill})

left, right = st.columns([3, 2])
with left:
    st.subheader("Trend")
    share = data.skill_share(chosen_filters, (skill,), "new")
    if share.is_empty():
        st.info("No postings mention this skill under the current filters.")
    else:
        charts.show(charts.band_chart(share, height=280))
        charts.download(share, "explorer_trend")
with right:
    st.subheader("Pay (USD)")
    pay = data.skill_pay(chosen_filters, skill)
    if pay.is_empty():
        st.info("No pay stated for this skill.")
    else:
        # One panel per pay type, each on its own scale: a salary axis would squash hourly
        # and day rates to ticks at zero.
        for pay_type, (kind, period) in data.PAY_TYPES.items():
            one = pay.filter((pl.col("pay_kind") == kind) & (pl.col("pay_period") == period))
            if one.is_empty():
                continue
            charts.show(charts.range_chart(one.with_columns(pl.lit(pay_type).alias("pay type")),
                                           category="pay type", unit=f"USD per {period}",
                                           height=70))
        st.caption("Salaries per year, rates per hour and per day, each on its own axis; boxes "
                   "25th to 75th percentile, tick the median; n = postings.")
        charts.download(pay, "explorer_pay")

left, right = st.columns(2)
with left:
    st.subheader("Markets")
    markets = data.skill_markets(chosen_filters, skill)
    if markets.is_empty():
        st.info("No market mentions this skill.")
    else:
        charts.show(charts.bar_chart(markets, x="share", y="market", x_format=".0%",
                                     x_title=f"share of the market's postings with {skill}",
                                     tooltip_extra=("postings", "postings_total")))
        charts.download(markets, "explorer_markets")
with right:
    st.subheader("Goes with")
    companions = data.cooccurrence(chosen_filters, skill)
    if companions.is_empty():
        st.info("Too few postings to tell which skills go with this one.")
    else:
        charts.show(charts.bar_chart(companions, x="lift", y="other_skill", x_format=".1f",
                                     x_title="lift (1 = no more often than chance)",
                                     tooltip_extra=("postings_both",)))
        st.caption("Lift: how much more often the two appear together than if unrelated. "
                   "Confidence: share of this skill's postings that also mention the other.")
        charts.download(companions, "explorer_cooccurrence")

st.subheader("Demand, like for like")
role = chosen_filters.role_group()
moves = data.movers(role)
mine = moves.filter(pl.col("skill") == skill)
if mine.is_empty():
    st.info(f"Not enough counted postings to compare {skill}'s demand between two windows.")
else:
    row = mine.row(0, named=True)
    st.metric(
        f"{skill} in {role} postings, {row['recent_from']:%b %Y} to {row['recent_to']:%b %Y}",
        f"{row['recent_share']:.1%}", f"{row['change_pp']:+.1f} pts ({row['direction']})",
        delta_color="normal" if row["significant"] else "off",
        help=f"Against {row['past_from']:%b %Y} to {row['past_to']:%b %Y} within "
             f"{', '.join(row['sources'])}; interval {row['ci_low_pp']:+.1f} to "
             f"{row['ci_high_pp']:+.1f} points. Significant only when it excludes zero.")
    st.page_link("screens/trends.py", label="Every skill rising and falling",
                 icon=":material/trending_up:")
