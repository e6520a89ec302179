"""The filter marts answer exactly what the filtered postings (and their skills) give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from warehouse.db import connect
from warehouse.sql import load_sql

NO_FILTER: dict[str, Any] = {
    "date_from": None, "date_to": None, "sources": [], "countries": [], "work_modes": [],
    "employment_types": [], "seniorities": [], "role_families": [],
}
ARGS = ("$date_from, $date_to, $sources, $countries, $work_modes, $employment_types, $seniorities, "
        "$role_families")


@pytest.mark.parametrize("filters", [
    {},
    {"sources": ["hn"]},
    {"seniorities": ["senior"]},
    {"role_families": ["backend", "data_ml"]},
    {"countries": ["DE"], "work_modes": ["remote"]},
    {"date_from": dt.date(2026, 7, 1), "date_to": dt.date(2026, 8, 31)},
    {"sources": ["nowhere"]},
])
def test_filtered_skills_equals_the_join(seeded_db: Path, filters: dict[str, Any]) -> None:
    con = connect(seeded_db, read_only=True)
    try:
        con.execute(load_sql("queries/dashboard/filtered_postings"))
        params = {**NO_FILTER, **filters}
        joined = con.sql(
            f"select f.posting_id, ps.skill, f.month, f.end_month "
            f"from filtered_postings({ARGS}) as f "
            f"inner join posting_skills as ps on f.posting_id = ps.posting_id "
            f"order by all", params=params).fetchall()
        prepared = con.sql(
            f"select posting_id, skill, month, end_month from filtered_skills({ARGS}) "
            f"order by all", params=params).fetchall()
    finally:
        con.close()
    assert prepared == joined
    if not filters:
        assert len(prepared) > 100


@pytest.mark.parametrize("filters", [
    {},
    {"sources": ["hn"]},
    {"seniorities": ["junior"]},
    {"role_families": ["non_engineering"]},
    {"date_from": dt.date(2026, 7, 1), "date_to": dt.date(2026, 8, 31)},
])
def test_filtered_jobs_equals_the_filtered_postings(seeded_db: Path,
                                                    filters: dict[str, Any]) -> None:
    columns = "posting_id, job_id, month, end_month, source, country, city, work_mode"
    con = connect(seeded_db, read_only=True)
    try:
        con.execute(load_sql("queries/dashboard/filtered_postings"))
        params = {**NO_FILTER, **filters}
        postings = con.sql(f"select {columns} from filtered_postings({ARGS}) order by all",
                           params=params).fetchall()
        jobs = con.sql(f"select {columns} from filtered_jobs({ARGS}) order by all",
                       params=params).fetchall()
    finally:
        con.close()
    assert jobs == postings
    if not filters:
        assert len(jobs) > 50
