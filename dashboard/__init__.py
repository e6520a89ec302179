"""The Streamlit dashboard: read-only pages over the warehouse views."""
