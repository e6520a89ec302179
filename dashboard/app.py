"""Entry point of the dashboard: page config, the shared sidebar filters and the router.

This is the only file that calls ``st.set_page_config`` and ``st.navigation``. The sidebar
filters are drawn by each page (``dashboard.filters.current``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

st.set_page_config(page_title="jobpulse", page_icon=":material/monitoring:", layout="wide")

PAGES = Path(__file__).resolve().parent / "screens"


def page(file: str, title: str, icon: str, *, default: bool = False) -> st.Page:
    return st.Page(str(PAGES / file), title=title, icon=f":material/{icon}:", default=default)


navigation = st.navigation([
    page("trends.py", "Trends", "trending_up", default=True),
    page("pay.py", "Pay", "payments"),
    page("markets.py", "Markets", "public"),
    page("skill_explorer.py", "Skill explorer", "travel_explore"),
    page("companies.py", "Companies", "apartment"),
    page("your_stack.py", "Your stack", "person_search"),
    page("postings.py", "Postings", "list_alt"),
    page("sql.py", "SQL", "terminal"),
    page("data_health.py", "Data health", "monitor_heart"),
])
navigation.run()
