"""Markets: countries, cities, remote work, and contract against permanent hiring side by side."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, filters

st.title("Markets")
chosen_filters = filters.current()
available = data.market_options(chosen_filters)
if available.is_empty():
    st.info(f"No postings with a known market match the filters ({chosen_filters.describe()}).")
    st.stop()

labels = {m: f"{m} ({t})" if t not in ("remote", "employment") else m for t, m in
          zip(available["market_type"], available["market"], strict=True)}
MARKETS_KEY = "markets_chosen"
if MARKETS_KEY not in st.session_state:
    countries = available.filter(pl.col("market_type") == "country")["market"].head(2).to_list()
    remote = ["remote"] if "remote" in labels else []
    st.session_state[MARKETS_KEY] = countries + remote
else:
    st.session_state[MARKETS_KEY] = [m for m in st.session_state[MARKETS_KEY] if m in labels]
chosen = st.multiselect("Markets to compare", list(labels), key=MARKETS_KEY,
                        format_func=lambda m: labels[m],
                        help="Countries (ISO codes), cities, remote work, and 'contract' "
                             "against 'permanent' hiring; biggest first.")
both = [m for m in ("contract", "permanent") if m in labels]
if len(both) == 2:
    st.button("Compare contract with permanent", key="markets_contract",
              on_click=lambda: st.session_state.update({MARKETS_KEY: both}))
if not chosen:
    st.info("Choose two or more markets.")
    st.stop()
picked = tuple(chosen)
st.caption(f"{chosen_filters.describe()}. Pay is the median of postings that state it, in USD; "
           "remote-friendly postings count in their country and in 'remote'.")

monthly = data.market_monthly(chosen_filters, picked)
if monthly.is_empty():
    st.info("No postings in these markets under the current filters.")
    st.stop()

totals = (
    monthly.group_by("market")
    .agg(
        pl.col("postings").sum().alias("postings"),
        ((pl.col("remote_share") * pl.col("postings")).sum() / pl.col("postings").sum())
        .alias("remote_share"),
        pl.col("salary_annual_usd_median").median().alias("salary_annual_usd_typical"),
        pl.col("rate_hourly_usd_median").median().alias("rate_hourly_usd_typical"),
    )
    .sort("postings", descending=True)
)
cols = st.columns(min(len(chosen), 4))
for i, row in enumerate(totals.head(4).iter_rows(named=True)):
    salary = row["salary_annual_usd_typical"]
    remote_share = row["remote_share"]
    name = labels.get(row["market"], row["market"])
    if remote_share is not None and row["market"] != "remote":
        name += f" · {remote_share:.0%} remote"
    cols[i].metric(name, f"{row['postings']:,} postings",
                   help=f"typical annual salary: {salary:,.0f} USD" if salary else None)

st.subheader("Demand over time")
charts.show(charts.line_chart(monthly, x="month", y="postings", color="market",
                              y_title="postings per month"))
charts.download(monthly, "markets_monthly")

st.subheader("Pay")
left, right = st.columns(2)
# Salaries and rates each on their own chart: contract markets are paid by the hour or day.
for column, field, title, none in (
        (left, "salary_annual_usd_median", "median annual salary, USD", "salaries"),
        (right, "rate_hourly_usd_median", "median hourly rate, USD", "hourly or day rates")):
    with column:
        pay = monthly.drop_nulls(field)
        if pay.is_empty():
            st.info(f"No {none} stated in these markets.")
        else:
            charts.show(charts.line_chart(pay, x="month", y=field, color="market",
                                          y_title=title, height=240))

left, right = st.columns([3, 2])
with left:
    st.subheader("Remote share")
    remote = monthly.filter(pl.col("market") != "remote")
    if remote.is_empty():
        st.info("Every chosen market is 'remote'.")
    else:
        charts.show(charts.line_chart(remote, x="month", y="remote_share", color="market",
                                      y_title="share of postings that are remote",
                                      y_format=".0%", tooltip_extra=("postings",), height=240))
with right:
    st.subheader("Side by side")
    st.caption("Typical = median of the monthly medians.")
    # Narrow labels so the whole table fits its column without a horizontal scroll.
    st.dataframe(totals, hide_index=True, width="stretch", column_config={
        "market": st.column_config.TextColumn("market"),
        "postings": st.column_config.NumberColumn("postings", format="localized"),
        "remote_share": st.column_config.NumberColumn("remote", format="percent"),
        "salary_annual_usd_typical": st.column_config.NumberColumn(
            "salary, USD/yr", format="localized",
            help="typical annual salary, USD"),
        "rate_hourly_usd_typical": st.column_config.NumberColumn(
            "rate, USD/h", format="localized", help="typical hourly rate, USD"),
    })
    charts.download(totals, "markets_summary")

st.subheader("Top skills")
skills = data.market_skills(chosen_filters, picked)
if skills.is_empty():
    st.info("No skills found in these markets.")
else:
    charts.show(charts.bar_chart(skills, x="share", y="skill", color="market",
                                 x_title="share of the market's postings", x_format=".0%",
                                 tooltip_extra=("postings", "postings_total")))
    charts.download(skills, "markets_top_skills")
