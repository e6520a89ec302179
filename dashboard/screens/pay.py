"""Pay: distributions per skill, by market and by seniority, for one pay type at a time.

Annual salaries, hourly rates and day rates are never pooled into one statistic: the page
shows one of them at a time, in USD or in one original currency.
"""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, filters

st.title("Pay")
chosen_filters = filters.current()
options = data.skill_options()
if options.is_empty():
    st.info("The warehouse has no skills yet: run `jobpulse crawl` and `jobpulse load`.")
    st.stop()

SKILLS_KEY = "pay_skills"
known = set(options["skill"].to_list())
if SKILLS_KEY not in st.session_state:
    st.session_state[SKILLS_KEY] = data.default_skills(options, languages=4)
else:
    st.session_state[SKILLS_KEY] = [s for s in st.session_state[SKILLS_KEY] if s in known]

# The pay type is kept in the URL (?pay=salary|hour|day) like the sidebar filters, so a link
# opens the same view; the widget is the truth after the first run.
URL_PAY = {"salary": "Annual salary", "hour": "Hourly rate", "day": "Day rate"}
if "pay_type" not in st.session_state:
    st.session_state["pay_type"] = URL_PAY.get(st.query_params.get("pay", ""), "Annual salary")

top = st.columns([4, 4, 2, 2])
skills = top[0].multiselect("Skills", options["skill"].to_list(), key=SKILLS_KEY)
pay_type = top[1].radio("Pay type", list(data.PAY_TYPES), horizontal=True, key="pay_type",
                        help="Salaries (annual) and contract/freelance rates (hourly, daily) "
                             "are kept apart: they are never mixed in one number.")
st.query_params["pay"] = {label: slug for slug, label in URL_PAY.items()}[pay_type]
money = top[2].radio("Currency", ["USD", "Original"], horizontal=True, key="pay_money",
                     help="USD: every posting converted at its date's rate. Original: only "
                          "postings that state pay in the chosen currency.")
currency: str | None = None
if money == "Original":
    currencies = data.pay_currencies(chosen_filters)["currency"].to_list()
    if not currencies:
        st.info("No postings state pay under the current filters.")
        st.stop()
    currency = top[3].selectbox("Original currency", currencies, key="pay_currency")
unit_name = currency or "USD"
unit = {"Annual salary": f"{unit_name} per year", "Hourly rate": f"{unit_name} per hour",
        "Day rate": f"{unit_name} per day"}[pay_type]

if not skills:
    st.info("Choose one or more skills.")
    st.stop()

st.caption(
    f"{pay_type}, {unit}; {chosen_filters.describe()}. A posting's amount is the middle of its "
    "range. Boxes: 25th to 75th percentile; whiskers: 10th to 90th; black tick: median; "
    "n = postings each number rests on. Duplicates count once."
    + (" Monthly salaries are not annualized here and are left out." if pay_type ==
       "Annual salary" else "")
)
picked = tuple(skills)
money_fmt = st.column_config.NumberColumn(format="localized")
# A toggle, not collapsed expanders: those still ship the tables and their grid code, which
# made this page's first render noticeably slower.
show_numbers = st.toggle("Show the numbers under each chart", key="pay_tables")
stated_only = st.toggle(
    "Stated periods only", key="pay_stated",
    help="Leave out postings that named no pay period, whose period was inferred from the "
         "amount ($150k-190k is taken as a year). The per-skill table counts them in "
         "'period_inferred'.")

st.subheader("Distribution per skill")
dist = data.pay_by_skill(chosen_filters, picked, pay_type, currency, stated_only)
if dist.is_empty():
    st.info(f"No {pay_type.lower()} stated for these skills under the current filters.")
else:
    charts.show(charts.range_chart(dist, category="skill", unit=unit))
    charts.download(dist, "pay_by_skill")
    if show_numbers:
        st.dataframe(dist, hide_index=True, width="stretch",
                     column_config={c: money_fmt for c in ("p10", "p25", "median", "p75", "p90")})

left, right = st.columns(2)
with left:
    st.subheader("By market")
    markets = data.pay_by_market(chosen_filters, picked, pay_type, currency, stated_only)
    if markets.is_empty():
        st.info("No market has pay for these skills.")
    else:
        # The biggest markets only: a long tail of one-posting markets says nothing.
        biggest = (markets.group_by("market").agg(pl.col("postings").sum())
                   .sort("postings", descending=True).head(8)["market"].to_list())
        shown = markets.filter(pl.col("market").is_in(biggest))
        charts.show(charts.bar_chart(shown, x="median", y="market", color="skill",
                                     x_title=f"median, {unit}", tooltip_extra=("postings",)))
        charts.download(shown, "pay_by_market")
        if show_numbers:
            st.dataframe(shown, hide_index=True, width="stretch")
with right:
    st.subheader("By seniority")
    bands = data.pay_by_seniority(chosen_filters, picked, pay_type, currency,
                                 stated_only)
    if bands.is_empty():
        st.info("No seniority has pay for these skills.")
    else:
        order = {b: i for i, b in enumerate(("entry", "mid", "senior", "lead"))}
        bands = bands.with_columns(pl.col("skill").replace("all", "all skills")).sort(
            pl.col("seniority_band").replace_strict(order, default=9), "skill")
        charts.show(charts.bar_chart(bands, x="median", y="seniority_band", color="skill",
                                     x_title=f"median, {unit}", sort=list(order),
                                     tooltip_extra=("postings",)))
        charts.download(bands, "pay_by_seniority")
        if show_numbers:
            st.dataframe(bands, hide_index=True, width="stretch")
