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

st.subheader("Demand and supply (Hacker News)")
supply = data.skill_supply(skill)
if supply.is_empty():
    st.info(f"No month has both a \"Who is hiring?\" and a \"Who wants to be hired?\" thread "
            f"loaded with {skill} in either: crawl `hn` and `hn_seeking`.")
else:
    shares = pl.concat([
        supply.select("month", pl.lit("hiring ads naming it").alias("thread"),
                      pl.col("demand_share").alias("share"), pl.col("hiring_with_skill")
                      .alias("posts")),
        supply.select("month", pl.lit("people offering it").alias("thread"),
                      pl.col("supply_share").alias("share"), pl.col("seeking_with_skill")
                      .alias("posts")),
    ])
    charts.show(charts.line_chart(shares, x="month", y="share", color="thread",
                                  y_title="share of the thread's posts", y_format=".0%",
                                  tooltip_extra=("posts",), height=260))
    rated = supply.filter(pl.col("demand_supply_ratio").is_not_null() & ~pl.col("partial"))
    if rated.is_empty():
        st.caption(f"No month has {supply['min_count'][0]} ads and {supply['min_count'][0]} "
                   f"posts with {skill}: too few for a demand-to-supply ratio.")
    else:
        last = rated.row(-1, named=True)
        st.metric(f"Demand to supply, {last['month']:%b %Y}",
                  f"{last['demand_supply_ratio']:.2f}",
                  help=f"{last['hiring_with_skill']} of {last['hiring_posts']} hiring ads name "
                       f"{skill}; {last['seeking_with_skill']} of {last['seeking_posts']} "
                       "people seeking work offer it. Above 1: asked for more than offered.")
    st.caption("Same venue on both sides, each a share of its own monthly thread; the filters "
               "above do not apply. A ratio needs at least 5 posts on each side.")
    charts.download(supply, "explorer_supply")
