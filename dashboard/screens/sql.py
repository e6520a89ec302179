"""SQL: a read-only console for researchers, with examples, a row limit and a time limit.

Results are not cached: a researcher re-running a query expects it to run again.
"""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, sql_console
from warehouse.db import WarehouseError

st.title("SQL console")
filters.current()  # shown for a consistent sidebar; they do not apply to SQL
st.caption(
    "Read-only: one SELECT at a time over the warehouse (views such as skill_monthly_share, "
    "pay_by_skill, market_monthly, skill_cooccurrence, skill_movers, postings_dedup; tables "
    "postings, posting_skills, skills, crawl_runs). Files and the network are off limits. "
    "The sidebar filters do not apply here."
)


def load_example() -> None:
    st.session_state["sql_text"] = sql_console.EXAMPLES[st.session_state["sql_example"]]


if "sql_text" not in st.session_state:
    st.session_state["sql_text"] = next(iter(sql_console.EXAMPLES.values()))

st.selectbox("Example queries", list(sql_console.EXAMPLES), key="sql_example",
             on_change=load_example)
with st.form("sql_form", border=False):
    text = st.text_area("Query", key="sql_text", height=200)
    cols = st.columns([2, 2, 6])
    limit = cols[0].number_input("Row limit", min_value=1, max_value=100_000, value=1_000,
                                 step=100, key="sql_limit")
    seconds = cols[1].number_input("Time limit (s)", min_value=1, max_value=120, value=15,
                                   key="sql_seconds")
    submitted = st.form_submit_button("Run", type="primary", icon=":material/play_arrow:")

if submitted:
    try:
        result = sql_console.run(data.db_path(), text, limit=int(limit), seconds=float(seconds))
    except sql_console.QueryError as exc:
        st.error(f"Query refused or failed: {exc}")
        st.stop()
    except WarehouseError as exc:
        st.error(str(exc))
        st.stop()
    more = " (more rows exist: raise the row limit or aggregate)" if result.truncated else ""
    st.caption(f"{result.frame.height:,} row(s) in {result.seconds:.2f} s{more}.")
    st.dataframe(result.frame, hide_index=True, width="stretch")
    charts.download(result.frame, "query_result")
