"""The operations the MCP server (and the HTTP API) offer, over :class:`WarehouseReader`.

Each takes plain typed arguments, checks them (an unknown skill or a bad month is a
:class:`ToolInputError` with one clear line), asks :class:`warehouse.answers.Answers` (the
dashboard's own queries) and returns a JSON-ready dict whose table-shaped part is bounded
(:data:`MAX_ROWS`, :data:`MAX_BYTES`) and says when it was cut.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import json
from collections.abc import Sequence
from typing import Any, Literal

import polars as pl

from handoff.errors import JobpulseError
from pipeline.serve.reader import WarehouseReader
from warehouse.dictionary import read_dictionary
from warehouse.filters import ENGINEERING_FAMILIES, Filters

MAX_ROWS = 500
MAX_BYTES = 200_000
PayType = Literal["salary", "hour", "day"]
PAY_LABELS = {"salary": "Annual salary", "hour": "Hourly rate", "day": "Day rate"}
SUPPLY_VENUE = ('Hacker News: "Who is hiring?" engineering ads (demand) against "Who wants to '
                'be hired?" posts (supply), each a share of its own thread; ratio = '
                'demand_share / supply_share, null unless both counts reach min_count')
ROLE_GROUPS = ("engineering", "all", "non_engineering", *ENGINEERING_FAMILIES)


class ToolInputError(JobpulseError):
    """An argument the warehouse cannot answer for; the message says which and why."""


def bounded(frame: pl.DataFrame, limit: int = MAX_ROWS) -> dict[str, Any]:
    """``rows`` (as dicts), ``row_count`` and ``truncated``: at most ``limit`` rows and about
    :data:`MAX_BYTES` of JSON."""
    rows = frame.head(limit).to_dicts()
    truncated = frame.height > limit
    size = 0
    for i, row in enumerate(rows):
        size += len(json.dumps(row, default=str))
        if size > MAX_BYTES:
            rows, truncated = rows[:i], True
            break
    return {"rows": rows, "row_count": len(rows), "truncated": truncated}


def month_bounds(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First day of ``since`` and last day of ``until`` (``YYYY-MM`` or ``YYYY-MM-DD``)."""
    def parse(text: str, name: str) -> dt.date:
        try:
            if len(text) == 7:
                return dt.date.fromisoformat(text + "-01")
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ToolInputError(f"{name} must be YYYY-MM or YYYY-MM-DD, not {text!r}") from None

    start = parse(since, "since") if since else None
    end = parse(until, "until") if until else None
    if end is not None and until is not None and len(until) == 7:
        end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    if start and end and start > end:
        raise ToolInputError(f"since ({since}) is after until ({until})")
    return start, end


class Tools:
    """The operations, bound to one warehouse."""

    def __init__(self, reader: WarehouseReader) -> None:
        self.reader = reader
        self.answers = reader.answers

    # ------------------------------------------------------------------ arguments
    def skill(self, name: str) -> str:
        """The warehouse's own spelling of ``name`` (case aside); else a clear error."""
        return self.skills((name,))[0]

    def skills(self, names: Sequence[str]) -> tuple[str, ...]:
        """Each name in the warehouse's own spelling, read from one query of the skills."""
        if not names:
            raise ToolInputError("give at least one skill")
        known = self.answers.skill_names()["skill"].to_list()
        by_fold = {n.casefold(): n for n in known}
        out = []
        for name in names:
            found = by_fold.get(name.strip().casefold())
            if found is None:
                close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise ToolInputError(f"unknown skill {name!r}{hint}")
            out.append(found)
        return tuple(dict.fromkeys(out))

    @staticmethod
    def role(role_family: str | None) -> str:
        role = role_family or "engineering"
        if role not in ROLE_GROUPS:
            raise ToolInputError(f"unknown role_family {role!r}; one of {', '.join(ROLE_GROUPS)}")
        return role

    def filters(self, *, since: str | None = None, until: str | None = None,
                role_family: str | None = None, country: str | None = None,
                work_mode: str | None = None, employment_type: str | None = None,
                seniority: str | None = None) -> Filters:
        start, end = month_bounds(since, until)
        role = self.role(role_family)
        return Filters(
            date_from=start, date_to=end,
            countries=(country.upper(),) if country else (),
            work_modes=(work_mode,) if work_mode else (),
            employment_types=(employment_type,) if employment_type else (),
            seniorities=(seniority,) if seniority else (),
            role_families=() if role == "engineering" else
            (("engineering", "non_engineering") if role == "all" else (role,)),
        )

    # ------------------------------------------------------------------ operations
    def skill_trend(self, skills: Sequence[str], since: str | None = None,
                    until: str | None = None, role_family: str | None = None,
                    country: str | None = None, work_mode: str | None = None,
                    basis: Literal["new", "active"] = "new") -> dict[str, Any]:
        chosen = self.skills(skills)
        filters = self.filters(since=since, until=until, role_family=role_family,
                               country=country, work_mode=work_mode)
        frame = self.answers.skill_share(filters, chosen, basis)
        return {"skills": list(chosen), "basis": basis, "filters": filters.describe(),
                **bounded(frame)}

    def movers(self, role_family: str | None = None, limit: int = 20,
               include_flat: bool = False) -> dict[str, Any]:
        role = self.role(role_family)
        frame = self.answers.movers(role)
        if not include_flat:
            frame = frame.filter(pl.col("significant"))
        window = frame.head(1).select("recent_from", "recent_to", "past_from", "past_to",
                                      "interval_level").to_dicts()
        return {"role_family": role, "window": window[0] if window else None,
                **bounded(frame, min(max(limit, 1), MAX_ROWS))}

    def pay(self, skill: str | None = None, pay_type: PayType = "salary",
            country: str | None = None, seniority: str | None = None,
            employment_type: str | None = None, stated_only: bool = False) -> dict[str, Any]:
        if pay_type not in PAY_LABELS:
            raise ToolInputError(f"pay_type must be one of {', '.join(PAY_LABELS)}")
        label = PAY_LABELS[pay_type]
        filters = self.filters(country=country, seniority=seniority,
                               employment_type=employment_type)
        if skill is None:
            usd = self.answers.pay_by_seniority(filters, (), label, None, stated_only)
            usd = usd.filter(pl.col("skill") == "all")
            return {"skill": None, "pay_type": pay_type, "currency": "USD",
                    "filters": filters.describe(), **bounded(usd)}
        name = self.skill(skill)
        usd = self.answers.pay_by_skill(filters, (name,), label, None, stated_only)
        currencies = self.answers.pay_currencies(filters)["currency"].to_list()
        local: list[dict[str, Any]] = []
        for currency in currencies[:3]:
            frame = self.answers.pay_by_skill(filters, (name,), label, currency, stated_only)
            local += [{"currency": currency, **row} for row in frame.to_dicts()
                      if row["postings"]]
        return {"skill": name, "pay_type": pay_type, "filters": filters.describe(),
                "usd": bounded(usd), "original_currency": local}

    def compare_markets(self, markets: Sequence[str], skills: Sequence[str] = ()
                        ) -> dict[str, Any]:
        if not markets:
            raise ToolInputError("give at least one market (a country code, a city or 'remote')")
        filters = Filters()
        known = self.answers.market_options(filters)
        by_fold = {m.casefold(): m for m in known["market"].to_list()}
        chosen = []
        for market in markets:
            found = by_fold.get(market.strip().casefold())
            if found is None:
                raise ToolInputError(f"unknown market {market!r}; countries are ISO codes "
                                     "(US, DE), cities as written (Berlin), or 'remote'")
            chosen.append(found)
        names = tuple(chosen)
        totals = known.filter(pl.col("market").is_in(names))
        monthly = self.answers.market_monthly(filters, names)
        top = self.answers.market_skills(filters, names, 10)
        out: dict[str, Any] = {"markets": totals.to_dicts(), "monthly": bounded(monthly),
                               "top_skills": bounded(top)}
        if skills:
            chosen_skills = self.skills(skills)
            pay = self.answers.pay_by_market(filters, chosen_skills, "Annual salary", None)
            out["salary_usd_by_skill"] = bounded(pay.filter(pl.col("market").is_in(names)))
        return out

    def search_postings(self, query: str | None = None, skill: str | None = None,
                        country: str | None = None, work_mode: str | None = None,
                        employment_type: str | None = None, seniority: str | None = None,
                        role_family: str | None = None, since: str | None = None,
                        until: str | None = None, limit: int = 20, offset: int = 0
                        ) -> dict[str, Any]:
        filters = self.filters(since=since, until=until, role_family=role_family,
                               country=country, work_mode=work_mode,
                               employment_type=employment_type, seniority=seniority)
        name = self.skill(skill) if skill else None
        limit = min(max(limit, 1), 100)
        offset = max(offset, 0)
        frame = self.answers.postings(filters, skill=name, search=query, limit=limit,
                                      offset=offset)
        total = self.answers.postings_count(filters, skill=name, search=query)
        return {"matching": total, "offset": offset, "filters": filters.describe(),
                **bounded(frame, limit)}

    def company_stack(self, company: str) -> dict[str, Any]:
        frame = self.answers.company_stack(company)
        if frame.is_empty():
            names = self.answers.company_names(company.strip())
            hint = names["company"].to_list()
            raise ToolInputError(f"no engineering postings from a company named {company!r}"
                                 + (f"; similar names: {', '.join(hint)}" if hint else ""))
        first = frame.row(0, named=True)
        head = {k: first[k] for k in ("company", "postings", "open_postings", "first_seen",
                                      "last_seen", "countries", "remote_share")}
        stack = frame.filter(pl.col("skill").is_not_null()).select(
            "skill", pl.col("skill_postings").alias("postings"),
            pl.col("skill_first_seen").alias("first_seen"),
            pl.col("skill_last_seen").alias("last_seen"))
        return {**head, "skills": bounded(stack)}

    def companies_using(self, skill: str, country: str | None = None, limit: int = 25
                        ) -> dict[str, Any]:
        name = self.skill(skill)
        frame = self.answers.companies_using(name, country.upper() if country else None,
                                             min(max(limit, 1), MAX_ROWS))
        return {"skill": name, "country": country.upper() if country else None,
                **bounded(frame)}

    def skill_supply(self, skill: str, since: str | None = None, until: str | None = None
                     ) -> dict[str, Any]:
        """Demand against supply for one skill, month by month, in one venue: Hacker News
        hiring ads naming it and "Who wants to be hired?" posts offering it."""
        name = self.skill(skill)
        start, end = month_bounds(since, until)
        frame = self.answers.skill_supply(name, start, end)
        return {"skill": name, "venue": SUPPLY_VENUE, "since": since, "until": until,
                **bounded(frame)}

    def your_stack(self, skills: Sequence[str], country: str | None = None,
                   remote_only: bool = False, contract_only: bool = False,
                   limit: int = 20) -> dict[str, Any]:
        """What a freelancer with ``skills`` can find: recent matching jobs, their pay per pay
        type, the monthly trend, and the skills that would widen the matches most."""
        chosen = self.skills(skills)
        where = (chosen, country.upper() if country else None, remote_only, contract_only)
        counts = self.answers.stack("counts", *where).row(0, named=True)
        return {
            "skills": list(chosen), "country": where[1], "remote_only": remote_only,
            "contract_only": contract_only, "matches_at_least": min(2, len(chosen)),
            "recent_matching": counts["matching"], "recent_jobs": counts["jobs"],
            "postings": bounded(self.answers.stack("postings", *where,
                                                   limit=min(max(limit, 1), 100))),
            "pay_usd": self.answers.stack("pay", *where).to_dicts(),
            "trend": bounded(self.answers.stack("trend", *where)),
            "widen_with": self.answers.stack("widen", *where, limit=2).to_dicts(),
        }

    def describe_warehouse(self, relation: str | None = None) -> dict[str, Any]:
        docs = read_dictionary()
        if relation is None:
            return {"relations": [{"name": d.name, "kind": d.kind, "about": d.about}
                                  for d in docs],
                    "hint": "ask describe_warehouse(relation=...) for its columns"}
        for doc in docs:
            if doc.name == relation:
                return {"name": doc.name, "kind": doc.kind, "about": doc.about,
                        "columns": [{"name": c.name, "type": c.type, "meaning": c.meaning}
                                    for c in doc.columns]}
        raise ToolInputError(f"no table or view named {relation!r}")

    def sql(self, query: str, limit: int = 200) -> dict[str, Any]:
        result = self.reader.sql(query, min(max(limit, 1), MAX_ROWS))
        rows: list[list[Any]] = []
        size = 0
        truncated = result.truncated
        for row in result.rows:
            size += len(json.dumps(row, default=str))
            if size > MAX_BYTES:
                truncated = True
                break
            rows.append(list(row))
        return {"columns": result.columns, "types": result.types, "rows": rows,
                "row_count": len(rows), "truncated": truncated}
