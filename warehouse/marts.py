"""Refresh the aggregates prepared at load time (``warehouse/sql/marts/``), in name order.

A load that touched few postings refreshes only what they reach (``refresh_touched``, with
``warehouse/sql/marts_incremental/``): the jobs of the touched postings get their
representative and filter rows again, and each aggregate recomputes only the months, skills
or pairs whose inputs changed. The result equals a full refresh (``tests/warehouse/
test_incremental_marts.py`` checks it load by load); whatever could break that (no earlier
refresh, a new month, another taxonomy, a large load) refreshes everything.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

import attrs
import duckdb
import pyarrow as pa

from warehouse.load import posting_ids_table, registered, transaction
from warehouse.sql import load_sql, sql_files

FULL_REFRESH_SHARE = 0.1
"""Refresh everything when a load touched more than this share of the postings."""
INCREMENTAL = frozenset({
    "005_representatives", "007_source_windows", "010_base", "015_source_coverage",
    "020_skill_monthly", "025_skill_source_monthly", "026_skill_share_monthly",
    "029_pay_postings", "030_pay_by_skill", "040_pay_by_seniority", "045_pay_values",
    "046_pay_groups", "047_pay_quantiles", "048_pay_rows",
    "050_market_monthly", "060_skill_cooccurrence", "070_skill_movers", "080_summary",
    "084_filter_skill_rows", "085_filter_skills", "086_filter_jobs",
})
"""The marts ``_refresh_parts`` brings up to date; a mart file not named here (a new one)
makes every load refresh everything until it is."""


@attrs.frozen
class Refresh:
    """What a refresh did: ``full`` (and why), or how many months and skills it recomputed."""

    full: bool
    reason: str
    seconds: dict[str, float]
    months: int = 0
    skills: int = 0

    def describe(self) -> str:
        if self.full:
            return f"aggregates ready (all recomputed: {self.reason})"
        return f"aggregates for {self.months} month(s), {self.skills} skill(s) ready"


def refresh_marts(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    """Recompute every mart in one transaction; returns seconds per mart."""
    timings: dict[str, float] = {}
    with transaction(con):
        for path in sql_files("marts"):
            started = time.monotonic()
            con.execute(path.read_text(encoding="utf-8"))
            timings[path.stem] = time.monotonic() - started
        con.execute(load_sql("marts_incremental/record_refresh"))
    return timings


def marts_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True until the first refresh (a refresh always writes the one-row summary)."""
    return con.execute(load_sql("queries/mart_summary_rows")).fetchall()[0][0] == 0


def files_loaded(con: duckdb.DuckDBPyConnection) -> int:
    """Landing files loaded so far: a refresh records it, so that a load can tell that the
    marts include every file before it."""
    return con.execute(load_sql("marts_incremental/files_loaded")).fetchall()[0][0]


def _full_reason(con: duckdb.DuckDBPyConnection, touched: int, files_before: int,
                 previous_skills: pa.Table | None = None) -> str:
    """Why the marts cannot be refreshed in part now; empty when they can.

    ``previous_skills``: the skills table (``skill, category, parent``) the marts were last
    refreshed with, when the caller changed it and touched every posting of each skill added
    or removed (a rebuild); without it, any change of the skills table refreshes everything.
    """
    row = con.execute(load_sql("marts_incremental/last_refresh")).fetchall()
    if not row or row[0][0] is None:
        return "no earlier refresh"
    files, same_month, same_skills, postings, digest = row[0]
    if previous_skills is not None:
        with registered(con, previous_skills=previous_skills):
            same_skills = digest == con.execute(
                load_sql("marts_incremental/previous_skills_digest")).fetchall()[0][0]
    if files != files_before:
        return "the marts miss an earlier load"
    if not same_month:
        return "a new month"
    if not same_skills:
        return "the taxonomy changed"
    unknown = sorted({path.stem for path in sql_files("marts")} - INCREMENTAL)
    if unknown:
        return f"no incremental refresh for {', '.join(unknown)}"
    if touched > FULL_REFRESH_SHARE * postings:
        return f"{touched:,} of {postings:,} postings touched"
    return ""


def _run(con: duckdb.DuckDBPyConnection, name: str, timings: dict[str, float],
         *, inserts_only: str | None = None) -> None:
    """Run ``warehouse/sql/<name>.sql``; ``inserts_only`` runs a full mart's file without its
    leading ``delete from <that table>``, to add rows for what ``mart_base`` holds."""
    started = time.monotonic()
    sql = load_sql(name)
    if inserts_only is not None:
        clear = f"delete from {inserts_only};"
        if clear not in sql:
            raise ValueError(f"{name}.sql does not start by clearing {inserts_only}")
        sql = sql.split(clear, 1)[1]
    con.execute(sql)
    stem = name.rsplit("/", 1)[-1]
    timings[stem] = timings.get(stem, 0.0) + time.monotonic() - started


def refresh_after_load(con: duckdb.DuckDBPyConnection, touched: Iterable[Iterable[str]],
                       rewritten: Iterable[Iterable[str]], *,
                       regrouped: Iterable[str] | None, files_before: int,
                       full_reason: str = "") -> Refresh:
    """The refresh after a load: ``touched`` and ``rewritten`` per loaded file, ``regrouped``
    by the duplicate pass (``None``: it grouped every posting again), ``full_reason`` when the
    caller already knows everything must be computed again."""
    if marts_empty(con):
        full_reason = "no earlier refresh"
    elif not full_reason and regrouped is None:
        full_reason = "every posting grouped again"
    if full_reason:
        return Refresh(True, full_reason, refresh_marts(con))
    ids = set(regrouped or ())
    for part in touched:
        ids.update(part)
    return refresh_touched(con, ids, rewritten=[p for part in rewritten for p in part],
                           files_before=files_before)


def refresh_touched(con: duckdb.DuckDBPyConnection, touched: Iterable[str], *,
                    rewritten: Iterable[str], files_before: int,
                    previous_skills: pa.Table | None = None) -> Refresh:
    """Refresh what the postings ``touched`` since the last refresh reach.

    ``touched``: every posting a load inserted, changed, saw again, closed or regrouped;
    ``rewritten``: those whose content (and so pay) changed. ``files_before``: landing files
    loaded before the load; the last refresh must have included all of them.
    ``previous_skills``: see :func:`_full_reason` (a rebuild after a taxonomy edit).
    """
    ids = set(touched)
    # Checked before the touched postings are registered too: a bulk load touches millions.
    reason = _full_reason(con, len(ids), files_before, previous_skills)
    if reason:
        return Refresh(True, reason, refresh_marts(con))
    timings: dict[str, float] = {}
    _run(con, "marts/007_source_windows", timings)
    with registered(con, touched_postings=posting_ids_table(ids),
                    rewritten_postings=posting_ids_table(set(rewritten))):
        _run(con, "marts_incremental/010_touched", timings)
        # A source whose window moved adds all its postings.
        count = con.execute(load_sql("marts_incremental/touched_count")).fetchall()[0][0]
        reason = _full_reason(con, count, files_before, previous_skills)
        if reason:
            return Refresh(True, reason, refresh_marts(con))
        with transaction(con):
            _refresh_parts(con, timings)
            months, skills = con.execute(load_sql("marts_incremental/scope_size")).fetchall()[0]
            con.execute(load_sql("marts_incremental/record_refresh"))
    return Refresh(False, "", timings, months, skills)


def _refresh_parts(con: duckdb.DuckDBPyConnection, timings: dict[str, float]) -> None:
    """The incremental refresh's statements, in order (see ``refresh_touched``)."""
    inc = "marts_incremental/"
    _run(con, inc + "020_representatives", timings)
    _run(con, "marts/010_base", timings)
    _run(con, "marts/084_filter_skill_rows", timings)  # 030_changes adds them
    _run(con, "marts/086_filter_jobs", timings, inserts_only="mart_filter_jobs")
    for name in ("030_changes", "040_source_coverage", "050_skill_monthly",
                 "060_skill_source_monthly"):
        _run(con, inc + name, timings)
    # Both read only the monthly counts above, a few thousand rows, so they are computed whole.
    _run(con, "marts/026_skill_share_monthly", timings)
    _run(con, "marts/070_skill_movers", timings)
    # Pay percentiles are read again from counts of each exact pay, kept up to date with the
    # touched jobs' old and new pay, so no skill's postings are sorted again.
    _run(con, inc + "070_pay_scope", timings)
    _run(con, "marts/029_pay_postings", timings, inserts_only="mart_pay_postings")
    _run(con, inc + "071_pay_values", timings)
    for name in ("046_pay_groups", "047_pay_quantiles", "048_pay_rows"):
        _run(con, "marts/" + name, timings)
    _run(con, inc + "080_market_months", timings)
    _run(con, "marts/010_base", timings)
    _run(con, "marts/050_market_monthly", timings, inserts_only="mart_market_monthly")
    if con.execute(load_sql(inc + "window_moved")).fetchall()[0][0]:
        _run(con, inc + "all_jobs", timings)
        _run(con, "marts/010_base", timings)
        _run(con, "marts/060_skill_cooccurrence", timings)
    else:
        _run(con, inc + "090_cooccurrence", timings)
    _run(con, "marts/080_summary", timings)
