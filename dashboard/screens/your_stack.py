"""Your stack: for a freelancer's skills, where and country, the matching jobs now, their pay,
the trend, and the skills that would widen the matches most. Shareable by URL."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, filters

PAY_LABELS = {"salary": "Annual salary (USD per year)", "hour": "Hourly rate (USD per hour)",
              "day": "Day rate (USD per day)"}

st.title("Your stack")
filters.current()
st.caption("Give your skills, your country and the work you want. Jobs are engineering "
           "postings (one per duplicate group) naming at least two of your skills (one if you "
           "give one), where you can work: in your country, or remote without a country of its "
           "own. The sidebar's filters do not apply here; this page's own choices are in the "
           "URL, so the view can be shared.")
options = data.skill_options()
if options.is_empty():
    st.info("The warehouse has no skills yet: run `jobpulse crawl` and `jobpulse load`.")
    st.stop()
names = options["skill"].to_list()
countries = data.filter_options()["countries"]

if "stack_seeded" not in st.session_state:
    qp = st.query_params
    st.session_state["stack_skills"] = [s for s in qp.get_all("skill") if s in names] or [
        s for s in ("Python", "PostgreSQL") if s in names]
    st.session_state["stack_country"] = qp.get("country") if qp.get("country") in countries \
        else None
    st.session_state["stack_remote"] = qp.get("remote") == "1"
    st.session_state["stack_contract"] = qp.get("contract") == "1"
    st.session_state["stack_seeded"] = True

top = st.columns([3, 1, 1, 1])
skills = tuple(top[0].multiselect("My skills", names, key="stack_skills"))
country = top[1].selectbox("My country", countries, key="stack_country", index=None,
                           placeholder="anywhere")
remote = top[2].toggle("Remote only", key="stack_remote")
contract = top[3].toggle("Contract only", key="stack_contract")
st.query_params.clear()
st.query_params.update({"skill": list(skills), **({"country": country} if country else {}),
                        **({"remote": "1"} if remote else {}),
                        **({"contract": "1"} if contract else {})})
if not skills:
    st.info("Pick at least one skill.")
    st.stop()

where = (skills, country, remote, contract)
counts = data.stack("counts", *where).row(0, named=True)
cols = st.columns(3)
cols[0].metric("Matching jobs, newest 3 months", f"{counts['matching']:,}")
cols[1].metric("Jobs where you can work", f"{counts['jobs']:,}")
cols[2].metric("Share", f"{counts['matching'] / counts['jobs']:.1%}" if counts["jobs"] else "–")

left, right = st.columns([3, 2])
with left:
    st.subheader("Trend")
    trend = data.stack("trend", *where)
    if trend.is_empty():
        st.info("No jobs where you can work.")
    else:
        shown = trend.with_columns(pl.lit("your stack").alias("stack"))
        charts.show(charts.line_chart(shown, x="month", y="share", color="stack",
                                      y_title="share of jobs matching", y_format=".0%",
                                      tooltip_extra=("matching", "jobs")))
        st.caption("Per month, the jobs counted as demand that match your stack, out of all "
                   "jobs where you can work; the last month is still filling.")
        charts.download(trend, "stack_trend")
with right:
    st.subheader("Pay for it")
    pay = data.stack("pay", *where)
    if pay.is_empty():
        st.info("No matching job of the newest twelve months states pay.")
    for row in pay.to_dicts():
        st.metric(f"{PAY_LABELS[row['pay_type']]}, median (n = {row['postings']})",
                  f"{row['median']:,.0f}", help=f"25th to 75th percentile: {row['p25']:,.0f} to "
                  f"{row['p75']:,.0f}")
    st.caption("Matching jobs of the newest twelve months, in USD; salaries, hourly and day "
               "rates are never mixed.")

st.subheader("Add one skill")
widen = data.stack("widen", *where, limit=2)
if widen.is_empty():
    st.info("No skill would add matches.")
else:
    for row in widen.to_dicts():
        salary = f"${row['salary_usd_median']:,.0f} a year" if row["salary_usd_median"] \
            else "no salary stated"
        day = f"${row['day_rate_usd_median']:,.0f} a day" if row["day_rate_usd_median"] \
            else "no day rate stated"
        st.markdown(f"**{row['skill']}** ({row['category']}): {row['added_matches']:,} more "
                    f"matching jobs in the newest 3 months; {row['recent_jobs']:,} recent jobs "
                    f"name it; median {salary}, {day}.")

st.subheader("Matching jobs")
postings = data.stack("postings", *where, limit=100)
if postings.is_empty():
    st.info("No recent job matches.")
else:
    st.dataframe(postings.drop("posting_id"), hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("link"),
                                "posted": st.column_config.DateColumn(format="YYYY-MM-DD")})
    charts.download(postings, "stack_postings")
