"""Sidebar filters shared by every page and kept in the URL so a view can be bookmarked.

Every page draws them first thing (:func:`current`). Streamlit forgets a widget's state on a
run that does not draw it, and AppTest runs a switched-to page without the entry point, so the
chosen values are also mirrored under keys of their own and put back into the widgets on
every page. On the first run of a session they are seeded from ``st.query_params``; afterwards
the widgets are the truth and the URL is rewritten from them (switching pages clears
Streamlit's query string; rewriting it on every run puts it back).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from warehouse.filters import Filters

__all__ = ["Filters", "current", "sidebar"]

SENIORITY_BANDS = ("entry", "mid", "senior", "lead")

# (widget key, URL parameter, sidebar label, Filters field) of the list filters.
LIST_FILTERS = (
    ("f_sources", "source", "Sources", "sources"),
    ("f_countries", "country", "Countries", "countries"),
    ("f_work_modes", "work_mode", "Work mode", "work_modes"),
    ("f_employment", "employment", "Employment type", "employment_types"),
    ("f_seniority", "seniority", "Seniority", "seniorities"),
    ("f_roles", "role", "Role family", "role_families"),
)
HELP = {
    "f_roles": "What kind of job, from the title (else the text). Empty means engineering "
               "postings, what every share, pay and market figure counts by default; pick "
               "`non_engineering` for sales, design, product, support and the like, or it and "
               "`engineering` together for every posting.",
}
DATE_KEY = "f_dates"
SEEDED_KEY = "f_seeded_from_url"
MIRROR = "filters_saved_"  # prefix of the non-widget copies of the widget values


def _parse_date(text: str | None, fallback: date) -> date:
    try:
        return date.fromisoformat(text) if text else fallback
    except ValueError:
        return fallback


def _seed_from_url(options: dict[str, Any]) -> None:
    """Copy the URL's filters into widget state once per session, dropping unknown values."""
    qp = st.query_params
    for key, param, _label, name in LIST_FILTERS:
        allowed = set(options[name])
        st.session_state[MIRROR + key] = [v for v in qp.get_all(param) if v in allowed]
    first, last = options["first_day"], options["last_day"]
    start = min(max(_parse_date(qp.get("from"), first), first), last)
    end = max(min(_parse_date(qp.get("to"), last), last), start)
    st.session_state[MIRROR + DATE_KEY] = (start, end)
    st.session_state[SEEDED_KEY] = True


def sidebar(options: dict[str, Any]) -> Filters:
    """Draw the filters, keep them in the URL, and return them.

    ``options``: lists ``sources``, ``countries``, ``work_modes``, ``employment_types``,
    ``seniorities`` and the dates ``first_day``/``last_day`` of the data.
    """
    if not st.session_state.get(SEEDED_KEY):
        _seed_from_url(options)
    first, last = options["first_day"], options["last_day"]
    # Re-assigning each value (the widget's if it has one, else the saved copy) carries it over
    # to the same-keyed widget of another page, which Streamlit treats as a new widget.
    for key, *_ in LIST_FILTERS:
        value = st.session_state.get(key, st.session_state.get(MIRROR + key, []))
        st.session_state[key] = [v for v in value if v in options[_name(key)]]
    st.session_state[DATE_KEY] = (st.session_state.get(DATE_KEY)
                                  or st.session_state.get(MIRROR + DATE_KEY) or (first, last))
    stored = st.session_state[DATE_KEY] or ()
    if not stored or any(d is not None and not first <= d <= last for d in stored):
        # A reload of the warehouse moved the data's date range under the widget.
        st.session_state[DATE_KEY] = (first, last)
    with st.sidebar:
        st.header("Filters")
        picked = st.date_input("Posted between", key=DATE_KEY, min_value=first, max_value=last,
                               format="YYYY-MM-DD")
        for key, _param, label, name in LIST_FILTERS:
            # An empty role filter means engineering postings, not every posting.
            empty = "engineering" if key == "f_roles" else "all"
            st.multiselect(label, options[name], key=key, placeholder=empty, help=HELP.get(key))
        st.button("Clear filters", icon=":material/filter_alt_off:", on_click=_clear,
                  args=(first, last), key="f_clear")

    # A range picker returns one date while the second click is pending.
    dates = tuple(picked) if isinstance(picked, (tuple, list)) else (picked,)
    start = dates[0] if dates and dates[0] and dates[0] > first else None
    end = dates[1] if len(dates) > 1 and dates[1] and dates[1] < last else None
    values = {name: tuple(st.session_state.get(key, [])) for key, _p, _l, name in LIST_FILTERS}
    for key, *_ in LIST_FILTERS:
        st.session_state[MIRROR + key] = list(st.session_state.get(key, []))
    st.session_state[MIRROR + DATE_KEY] = dates if len(dates) == 2 else (first, last)
    chosen = Filters(date_from=start, date_to=end, **values)
    _write_url(chosen)
    return chosen


def _clear(first: date, last: date) -> None:
    # A callback: widget values may only be changed before the widgets are drawn.
    for key, *_ in LIST_FILTERS:
        st.session_state[key] = []
    st.session_state[DATE_KEY] = (first, last)


def _write_url(chosen: Filters) -> None:
    wanted: dict[str, str | list[str]] = {}
    if chosen.date_from:
        wanted["from"] = chosen.date_from.isoformat()
    if chosen.date_to:
        wanted["to"] = chosen.date_to.isoformat()
    for _key, param, _label, name in LIST_FILTERS:
        values = list(getattr(chosen, name))
        if values:
            wanted[param] = values
    qp = st.query_params
    for param in ("from", "to", *(p for _k, p, _l, _n in LIST_FILTERS)):
        current = qp.get_all(param)
        target = wanted.get(param)
        target_list = [target] if isinstance(target, str) else (target or [])
        if current != target_list:
            if target_list:
                qp[param] = target_list
            elif param in qp:
                del qp[param]


def _name(key: str) -> str:
    return next(name for k, _p, _l, name in LIST_FILTERS if k == key)


def current() -> Filters:
    """Draw the sidebar filters for this page and return them; stop on a missing warehouse."""
    from dashboard import data  # data imports this module for Filters
    from warehouse.db import WarehouseError

    try:
        options = data.filter_options()
    except WarehouseError as exc:
        st.error(str(exc))
        st.stop()
    return sidebar(options)
