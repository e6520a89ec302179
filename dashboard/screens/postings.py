"""Postings: the postings behind any number, filtered, searchable, one page at a time.

Posting text is shown only through ``st.dataframe`` cells, which render it as plain text: a
title containing ``<script>`` appears as those characters and is never interpreted.
"""

from __future__ import annotations

import math

import streamlit as st

from dashboard import charts, data, filters

PAGE_SIZES = (50, 100, 250, 500)

st.title("Postings")
chosen_filters = filters.current()
names = data.skill_options()["skill"].to_list()

# Other pages link here with ?skill=...; the link's skill seeds the widget once.
wanted = st.query_params.get("skill")
if "postings_skill" not in st.session_state or (
        wanted in names and wanted != st.session_state.get("postings_linked")):
    st.session_state["postings_skill"] = wanted if wanted in names else None
    st.session_state["postings_linked"] = wanted

top = st.columns([3, 4, 2])
skill = top[0].selectbox("Skill", names, key="postings_skill", index=None,
                         placeholder="any skill")
search = top[1].text_input("Search title, company and description", key="postings_search",
                           placeholder="e.g. kafka, fintech, Berlin").strip() or None
size = top[2].selectbox("Rows per page", PAGE_SIZES, index=1, key="postings_size")
if skill:
    st.query_params["skill"] = skill
elif "skill" in st.query_params:
    del st.query_params["skill"]

total = data.postings_count(chosen_filters, skill=skill, search=search)
pages = max(1, math.ceil(total / size))
if st.session_state.get("postings_page", 1) > pages:
    st.session_state["postings_page"] = 1
page_col, info_col = st.columns([1, 5])
page = page_col.number_input("Page", min_value=1, max_value=pages, step=1, key="postings_page")
shown = data.postings(chosen_filters, skill=skill, search=search, limit=size,
                      offset=(int(page) - 1) * size)
info_col.markdown(
    f"**{total:,}** postings match ({chosen_filters.describe()}"
    f"{'; skill: ' + skill if skill else ''}{'; text search' if search else ''}). "
    f"Page {int(page)} of {pages:,}, newest first."
)
if shown.is_empty():
    st.info("No postings match. Loosen the filters in the sidebar or the search.")
    st.stop()

# The link and the skills up front: they are what a person drilling down looks for first.
first = ["posted", "title", "url", "company", "skills"]
st.dataframe(
    shown.select(first + [c for c in shown.columns if c not in (*first, "posting_id")]),
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * shown.height, 640),
    column_config={
        "posted": st.column_config.DateColumn("posted"),
        "url": st.column_config.LinkColumn("source link", display_text="open ↗"),
        "skills": st.column_config.ListColumn("skills"),
        "description": st.column_config.TextColumn("description", width="large"),
        "title": st.column_config.TextColumn("title", width="medium"),
    },
)
charts.download(shown, f"postings_page_{int(page)}", label="Download this page as CSV")
