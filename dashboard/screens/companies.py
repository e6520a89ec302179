"""Companies: a company's stack over time, and the companies that hire for a skill."""

from __future__ import annotations

import polars as pl
import streamlit as st

from dashboard import charts, data, filters

DAY = st.column_config.DateColumn(format="YYYY-MM-DD")

st.title("Companies")
chosen_filters = filters.current()
st.caption("Company stacks count a company's engineering postings over all its history, one "
           "per duplicate group; the sidebar's filters do not narrow them. Names are matched as "
           "the sources write them, case aside.")
companies = data.company_list()
if companies.is_empty():
    st.info("No postings name their company yet: run `jobpulse crawl` and `jobpulse load`.")
    st.stop()

stack_tab, hiring_tab = st.tabs(["A company's stack", "Who hires for a skill"])

with stack_tab:
    names = companies["company"].to_list()
    wanted = st.query_params.get("company")
    if st.session_state.get("company_pick") not in names:
        st.session_state["company_pick"] = wanted if wanted in names else names[0]
    company = st.selectbox("Company (type to search)", names, key="company_pick")
    st.query_params["company"] = company
    stack = data.company_stack(company)
    if stack.is_empty():
        st.info("No engineering postings from this company.")
    else:
        head = stack.row(0, named=True)
        cols = st.columns(4)
        cols[0].metric("Postings", f"{head['postings']:,}")
        cols[1].metric("Open now", f"{head['open_postings']:,}")
        cols[2].metric("Remote", f"{(head['remote_share'] or 0):.0%}")
        cols[3].metric("Countries", len(head["countries"] or []))
        st.caption(f"First seen {head['first_seen']:%Y-%m-%d}, last seen "
                   f"{head['last_seen']:%Y-%m-%d}; countries: "
                   f"{', '.join(head['countries'] or []) or 'not stated'}.")
        skills = stack.filter(pl.col("skill").is_not_null()).select(
            "skill", pl.col("skill_postings").alias("postings"),
            pl.col("skill_first_seen").dt.date().alias("first_seen"),
            pl.col("skill_last_seen").dt.date().alias("last_seen"))
        left, right = st.columns([3, 2])
        with left:
            st.subheader(f"{company}: stack over time")
            monthly = data.company_stack_monthly(company)
            top = skills.head(12)["skill"].to_list()
            shown = monthly.filter(pl.col("skill").is_in(top))
            if shown.is_empty():
                st.info("Its postings name no skill.")
            else:
                charts.show(charts.heat_chart(shown, x="month", y="skill", value="postings",
                                              value_title="postings", y_order=top))
                st.caption("Its 12 most named skills: postings naming each skill per month.")
                charts.download(monthly, "company_stack_monthly")
        with right:
            st.subheader("Skills")
            st.dataframe(skills, hide_index=True, width="stretch", column_config={
                "first_seen": DAY, "last_seen": DAY})
            charts.download(skills, "company_stack")
        st.subheader("Open postings")
        open_postings = data.company_open_postings(company)
        if open_postings.is_empty():
            st.info("None open now.")
        else:
            st.dataframe(open_postings.drop("posting_id"), hide_index=True, width="stretch",
                         column_config={"url": st.column_config.LinkColumn("link"),
                                        "posted": DAY})

with hiring_tab:
    options = data.skill_options()
    skill_names = options["skill"].to_list()
    wanted = st.query_params.get("skill")
    if st.session_state.get("company_skill") not in skill_names:
        st.session_state["company_skill"] = wanted if wanted in skill_names else (
            "Python" if "Python" in skill_names else skill_names[0])
    skill = st.selectbox("Skill", skill_names, key="company_skill")
    country = chosen_filters.countries[0] if len(chosen_filters.countries) == 1 else None
    hiring = data.companies_using(skill, country, 100)
    where = f" in {country}" if country else ""
    st.caption(f"Companies whose engineering postings name {skill}{where}, most postings "
               "first; pick one country in the sidebar to narrow the list.")
    if hiring.is_empty():
        st.info(f"No company's postings name {skill}{where}.")
    else:
        st.dataframe(hiring, hide_index=True, width="stretch", column_config={
            "newest_url": st.column_config.LinkColumn("newest posting"),
            "last_seen": DAY,
            "remote_share": st.column_config.NumberColumn("remote", format="percent")})
        charts.download(hiring, "companies_using")
