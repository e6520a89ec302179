"""The questions every reader asks of the warehouse, answered from the same SQL files.

The dashboard, the MCP server and the HTTP API all ask through :class:`Answers`, so a skill's
share, a pay percentile or a market's remote share is one query wherever it is read. Without
filters a question reads the views prepared at load time (small tables, fast at any size); with
filters it runs the ``*_filtered`` twin of its query through the temp macros
``filtered_postings(...)`` and ``filtered_skills(...)``
(``queries/dashboard/filtered_postings.sql``), the filters passed as parameters.

How a query runs (cached by the dashboard, on a read-only snapshot elsewhere) is the caller's
:data:`Runner`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse.db import open_snapshot, snapshot_cursor
from warehouse.filters import Filters
from warehouse.sql import load_sql

Runner = Callable[[str, "dict[str, Any] | None"], pl.DataFrame]
"""Runs ``warehouse/sql/<name>.sql`` with named parameters, read-only."""

CLOUD_PROVIDERS = ("AWS", "Azure", "Google Cloud")
# Pay type label -> (pay_kind, pay_period): one statistic never mixes salaries and rates.
PAY_TYPES = {
    "Annual salary": ("salary", "year"),
    "Hourly rate": ("rate", "hour"),
    "Day rate": ("rate", "day"),
}
MACRO = "queries/dashboard/filtered_postings"


def default_skills(options: pl.DataFrame, languages: int = 5) -> list[str]:
    """The top languages by postings plus the three big clouds, as far as the data has them
    (``options``: :meth:`Answers.skill_options`)."""
    top = options.filter(pl.col("category") == "language").head(languages)["skill"].to_list()
    present = set(options["skill"].to_list())
    return top + [c for c in CLOUD_PROVIDERS if c in present]


def run_on(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any] | None
           ) -> pl.DataFrame:
    """Run ``warehouse/sql/<name>.sql`` on ``con`` (a read-only cursor) as a frame."""
    if name.startswith("queries/"):
        # A temp macro lives in the connection only, so read-only opens may create it.
        con.execute(load_sql(MACRO))
    frame = con.sql(load_sql(name), params=params or None).pl()
    # Sums and percentiles of DECIMAL columns stay DECIMAL; charts and JSON want plain floats.
    return frame.with_columns(pl.col(pl.Decimal).cast(pl.Float64))


def snapshot_runner(db: str | Path) -> Runner:
    """A runner over one read-only snapshot of the published warehouse file, opened now."""
    snapshot = open_snapshot(db)

    def run(name: str, params: dict[str, Any] | None) -> pl.DataFrame:
        cursor = snapshot_cursor(snapshot)
        try:
            return run_on(cursor, name, params)
        finally:
            cursor.close()

    return run


class Answers:
    """The warehouse's answers to the questions the pages, the MCP tools and the API share."""

    def __init__(self, run: Runner) -> None:
        self._run = run

    def _query(self, name: str, params: dict[str, Any] | None = None) -> pl.DataFrame:
        return self._run(f"queries/{name}", params or None)

    def _dash(self, name: str, filters: Filters | None = None, **params: Any) -> pl.DataFrame:
        """``queries/dashboard/<name>``, or its ``_filtered`` twin when filters are set."""
        if filters is not None and filters.active:
            return self._query(f"dashboard/{name}_filtered", {**filters.params(), **params})
        return self._query(f"dashboard/{name}", params)

    def filter_options(self) -> dict[str, Any]:
        """Values the filters offer, and the data's first and last day."""
        row = self._dash("filter_options").to_dicts()[0]
        row["seniorities"] = [b for b in ("entry", "mid", "senior", "lead")
                              if b in (row["seniorities"] or [])]
        for key in ("sources", "countries", "work_modes", "employment_types"):
            row[key] = row[key] or []
        return row

    def summary(self, filters: Filters) -> dict[str, Any]:
        rows = self._dash("summary", filters).to_dicts()
        return rows[0] if rows else {}

    def skill_options(self) -> pl.DataFrame:
        """skill, category, postings (new postings ever), most common first."""
        return self._dash("skill_options")

    def skill_share(self, filters: Filters, skills: tuple[str, ...], basis: str = "new"
                    ) -> pl.DataFrame:
        """month, skill, share, ci_low, ci_high, postings_with_skill, postings_total,
        low_support."""
        return self._dash("skill_share", filters, skills=list(skills), basis=basis)

    def pay_currencies(self, filters: Filters) -> pl.DataFrame:
        return self._dash("pay_currencies", filters)

    def _pay(self, name: str, filters: Filters, stated_only: bool, *, prepared: bool = True,
             **params: Any) -> pl.DataFrame:
        """A pay query; postings whose period was inferred are left out when ``stated_only``.

        The prepared views count every posting with pay, so leaving some out, a filter, or a
        figure the view does not hold (``prepared`` False) reads the postings instead.
        """
        if prepared and not stated_only and not filters.active:
            return self._query(f"dashboard/{name}", params)
        return self._query(f"dashboard/{name}_filtered",
                           {**filters.params(), **params, "stated_only": stated_only})

    def pay_by_skill(self, filters: Filters, skills: tuple[str, ...], pay_type: str,
                     currency: str | None, stated_only: bool = False) -> pl.DataFrame:
        """Percentiles per skill of one pay type, in USD (``currency`` None) or one currency."""
        kind, period = PAY_TYPES[pay_type]
        return self._pay("pay_skill", filters, stated_only, skills=list(skills), kind=kind,
                         period=period, currency=currency)

    def pay_by_market(self, filters: Filters, skills: tuple[str, ...], pay_type: str,
                      currency: str | None, stated_only: bool = False) -> pl.DataFrame:
        kind, period = PAY_TYPES[pay_type]
        return self._pay("pay_market", filters, stated_only, skills=list(skills), kind=kind,
                         period=period, currency=currency)

    def pay_by_seniority(self, filters: Filters, skills: tuple[str, ...], pay_type: str,
                         currency: str | None, stated_only: bool = False) -> pl.DataFrame:
        kind, period = PAY_TYPES[pay_type]
        # The prepared view is USD only; one currency is computed from the postings.
        return self._pay("pay_seniority", filters, stated_only, prepared=currency is None,
                         skills=list(skills), kind=kind, period=period, currency=currency)

    def market_options(self, filters: Filters) -> pl.DataFrame:
        """market_type, market, postings; biggest first."""
        return self._dash("market_options", filters)

    def market_monthly(self, filters: Filters, markets: tuple[str, ...]) -> pl.DataFrame:
        return self._dash("market_monthly", filters, markets=list(markets))

    def market_skills(self, filters: Filters, markets: tuple[str, ...], top: int = 10
                      ) -> pl.DataFrame:
        return self._dash("market_skills", filters, markets=list(markets), top=top)

    def skill_markets(self, filters: Filters, skill: str, top: int = 12) -> pl.DataFrame:
        return self._dash("skill_markets", filters, skill=skill, top=top)

    def skill_pay(self, filters: Filters, skill: str) -> pl.DataFrame:
        return self._dash("skill_pay", filters, skill=skill)

    def cooccurrence(self, filters: Filters, skill: str, top: int = 15) -> pl.DataFrame:
        return self._dash("cooccurrence", filters, skill=skill, top=top)

    def movers(self, role: str) -> pl.DataFrame:
        """Every skill's like-for-like change for a role group (``skill_movers``)."""
        return self._query("dashboard/trend_movers", {"role": role})

    def trend_share(self, role: str, skills: tuple[str, ...], pooled: bool) -> pl.DataFrame:
        """Monthly share of a role group's counted postings: standardized, or pooled."""
        return self._query("dashboard/trend_share",
                           {"role": role, "skills": list(skills), "pooled": pooled})

    def source_mix(self, role: str) -> pl.DataFrame:
        """Counted postings per month and source of a role group."""
        return self._query("dashboard/trend_mix", {"role": role})

    def postings(self, filters: Filters, *, skill: str | None, search: str | None, limit: int,
                 offset: int) -> pl.DataFrame:
        """One page of postings, newest first. Always from ``postings``: it is the drill-down."""
        return self._query("dashboard/postings",
                           {**filters.params(), "skill": skill, "search": search or None,
                            "limit": limit, "offset": offset})

    def postings_count(self, filters: Filters, *, skill: str | None, search: str | None
                       ) -> int:
        frame = self._query("dashboard/postings_count",
                            {**filters.params(), "skill": skill, "search": search or None})
        return int(frame["postings"][0])

    def runs(self, filters: Filters, limit: int = 500) -> pl.DataFrame:
        return self._query("dashboard/health_runs",
                           {"sources": list(filters.sources), "limit": limit})

    def run_errors(self, filters: Filters) -> pl.DataFrame:
        return self._query("dashboard/health_errors", {"sources": list(filters.sources)})

    def source_coverage(self, filters: Filters) -> pl.DataFrame:
        return self._query("dashboard/health_coverage", {"sources": list(filters.sources)})

    def source_status(self) -> pl.DataFrame:
        return self._query("dashboard/health_sources")

    def dead_boards(self, filters: Filters) -> pl.DataFrame:
        """ATS boards that crawls skip as dead, with their last real answer."""
        return self._query("answers/dead_boards", {"sources": list(filters.sources)})

    def skill_names(self) -> pl.DataFrame:
        """Every skill the warehouse knows, with its category."""
        return self._query("answers/skill_names")

    def skill_supply(self, skill: str, since: dt.date | None = None,
                     until: dt.date | None = None) -> pl.DataFrame:
        """month, hiring and seeking counts and shares, demand_supply_ratio (null under
        min_count), partial: one skill in HN's hiring against its seeking threads."""
        return self._query("answers/skill_supply",
                           {"skill": skill, "since": since, "until": until})

    def company_stack(self, company: str) -> pl.DataFrame:
        """The company's totals beside each skill its engineering postings name."""
        return self._query("answers/company_stack", {"company": company})

    def company_stack_monthly(self, company: str) -> pl.DataFrame:
        """month, skill, postings of one company."""
        return self._query("answers/company_stack_monthly", {"company": company})

    def company_open_postings(self, company: str, skill: str | None = None) -> pl.DataFrame:
        return self._query("answers/company_open_postings",
                           {"company": company, "skill": skill})

    def company_list(self) -> pl.DataFrame:
        """company, postings: companies with engineering postings, most first (5,000 at most)."""
        return self._query("answers/company_list")

    def company_names(self, text: str) -> pl.DataFrame:
        """Companies whose name contains ``text``, most postings first (ten at most)."""
        return self._query("answers/company_names", {"text": text})

    def companies_using(self, skill: str, country: str | None = None, limit: int = 25
                        ) -> pl.DataFrame:
        """Companies whose engineering postings name ``skill``, most postings first."""
        return self._query("answers/companies_using",
                           {"skill": skill, "country": country, "limit": limit})

    def stack(self, part: str, skills: tuple[str, ...], country: str | None,
              remote_only: bool, contract_only: bool, **params: Any) -> pl.DataFrame:
        """One part of "your stack" (``postings``, ``counts``, ``trend``, ``pay``, ``widen``)
        for a freelancer with ``skills`` in ``country`` (``stack_jobs`` in the readers'
        macros says what matches)."""
        return self._query(f"answers/stack_{part}", {
            "skills": list(skills), "country": country, "remote_only": remote_only,
            "contract_only": contract_only, **params})

    def last_complete_month(self) -> dt.date:
        """The month before the warehouse clock's current one."""
        value = self._query("answers/last_complete_month")["month"][0]
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
