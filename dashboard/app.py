"""Entry point of the dashboard: page config and the ``st.navigation`` router."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/app.py` puts dashboard/ on sys.path, not the project root.
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

st.set_page_config(page_title="jobpulse", page_icon=":material/monitoring:", layout="wide")

PAGES = Path(__file__).resolve().parent / "pages"
navigation = st.navigation(
    [
        st.Page(str(PAGES / "trends.py"), title="Trends", icon=":material/trending_up:",
                default=True),
    ]
)
navigation.run()
