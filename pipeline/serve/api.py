"""``jobpulse api``: a read-only JSON API over the warehouse (FastAPI), with OpenAPI docs.

The same operations as the MCP tools (:mod:`pipeline.serve.tools`), so an answer is the same
wherever it is asked; table-shaped answers also come as CSV (``format=csv``), postings page
with ``limit``/``offset``, and ``/feeds/postings.atom`` is a feed of new postings matching a
saved query for a feed reader. Bad parameters get 422 with a one-line ``detail``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from handoff.errors import JobpulseError
from pipeline.serve.reader import WarehouseReader
from pipeline.serve.tools import MAX_ROWS, PayType, Tools
from warehouse.db import WarehouseError

Format = Literal["json", "csv"]
Many = Annotated[list[str], Query()]
FEED_ENTRIES = 50


def _csv(rows: list[dict[str, Any]] | list[list[Any]], columns: list[str] | None = None
         ) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    if rows and isinstance(rows[0], dict):
        columns = list(rows[0])
        rows = [[r.get(c) for c in columns] for r in rows]  # type: ignore[union-attr]
    writer.writerow(columns or [])
    for row in rows:
        writer.writerow(["" if v is None else
                         json.dumps(v, default=str) if isinstance(v, list | dict) else v
                         for v in row])  # type: ignore[union-attr]
    return out.getvalue()


def _answer(body: dict[str, Any], fmt: Format, table: str = "rows") -> Response:
    """JSON as is, or the answer's table (``body[table]``) as CSV with its truncation header."""
    if fmt == "csv":
        part = body[table] if isinstance(body.get(table), dict) else body
        text = _csv(part["rows"], body.get("columns"))
        headers = {"X-Truncated": str(bool(part.get("truncated"))).lower()}
        return Response(text, media_type="text/csv; charset=utf-8", headers=headers)
    return Response(json.dumps(body, default=str), media_type="application/json")


def create_app(reader: WarehouseReader) -> FastAPI:
    """The API over ``reader``'s warehouse."""
    tools = Tools(reader)
    app = FastAPI(
        title="jobpulse API",
        description="Read-only answers about backend-developer job postings: skill demand, "
                    "movers, pay, markets, postings, companies. The same queries as the "
                    "dashboard and the MCP server.",
        version="1")

    @app.exception_handler(JobpulseError)
    @app.exception_handler(WarehouseError)
    async def bad_request(_request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # One line per parameter, "name: what is wrong", instead of pydantic's error objects.
        parts = [f"{'.'.join(str(p) for p in err['loc'][1:]) or err['loc'][0]}: {err['msg']}"
                 for err in exc.errors()]
        return JSONResponse({"detail": "; ".join(parts)}, status_code=422)

    _market_routes(app, tools)
    _lookup_routes(app, tools)
    return app


def _market_routes(app: FastAPI, tools: Tools) -> None:
    @app.get("/skills/trend", summary="Monthly share of postings per skill")
    def skill_trend(skills: Many, since: str | None = None, until: str | None = None,
                    role_family: str | None = None, country: str | None = None,
                    work_mode: str | None = None, basis: Literal["new", "active"] = "new",
                    format: Format = "json") -> Response:  # noqa: A002 - the public name
        return _answer(tools.skill_trend(skills, since, until, role_family, country,
                                         work_mode, basis), format)

    @app.get("/movers", summary="Skills rising and falling, like for like")
    def movers(role_family: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 20,
               include_flat: bool = False, format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.movers(role_family, limit, include_flat), format)

    @app.get("/pay", summary="Pay percentiles in USD and original currencies")
    def pay(skill: str | None = None, pay_type: PayType = "salary",
            country: str | None = None, seniority: str | None = None,
            employment_type: str | None = None, stated_only: bool = False,
            format: Format = "json") -> Response:  # noqa: A002
        body = tools.pay(skill, pay_type, country, seniority, employment_type, stated_only)
        return _answer(body, format, "usd")

    @app.get("/markets/compare", summary="Markets side by side")
    def compare_markets(markets: Many, skills: Annotated[list[str], Query()] = [],  # noqa: B006
                        format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.compare_markets(markets, skills), format, "monthly")


def _lookup_routes(app: FastAPI, tools: Tools) -> None:
    @app.get("/postings", summary="Postings matching words and filters, newest first")
    def postings(q: str | None = None, skill: str | None = None, country: str | None = None,
                 work_mode: str | None = None, employment_type: str | None = None,
                 seniority: str | None = None, role_family: str | None = None,
                 since: str | None = None, until: str | None = None,
                 limit: Annotated[int, Query(ge=1, le=100)] = 20,
                 offset: Annotated[int, Query(ge=0)] = 0,
                 format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.search_postings(q, skill, country, work_mode, employment_type,
                                             seniority, role_family, since, until, limit,
                                             offset), format)

    @app.get("/stack", summary="Your stack: matching jobs, their pay, trend, what to add")
    def your_stack(skills: Many, country: str | None = None, remote_only: bool = False,
                   contract_only: bool = False, limit: Annotated[int, Query(ge=1, le=100)] = 20,
                   format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.your_stack(skills, country, remote_only, contract_only, limit),
                       format, "postings")

    @app.get("/companies/{company}/stack", summary="One company's stack")
    def company_stack(company: str, format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.company_stack(company), format, "skills")

    @app.get("/skills/{name}/supply", summary="Demand against supply for a skill (HN)")
    def skill_supply(name: str, since: str | None = None, until: str | None = None,
                     format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.skill_supply(name, since, until), format)

    @app.get("/companies", summary="Companies hiring for a skill")
    def companies_using(skill: str, country: str | None = None,
                        limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 25,
                        format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.companies_using(skill, country, limit), format)

    @app.get("/warehouse", summary="The tables and views")
    def describe() -> Response:
        return _answer(tools.describe_warehouse(), "json")

    @app.get("/warehouse/{relation}", summary="One table or view's columns")
    def describe_relation(relation: str) -> Response:
        return _answer(tools.describe_warehouse(relation), "json")

    @app.get("/sql", summary="One read-only SELECT")
    def sql(query: str, limit: Annotated[int, Query(ge=1, le=MAX_ROWS)] = 200,
            format: Format = "json") -> Response:  # noqa: A002
        return _answer(tools.sql(query, limit), format)

    @app.get("/feeds/postings.atom", summary="Atom feed of new postings matching a query",
             response_class=Response)
    def feed(request: Request, q: str | None = None, skill: str | None = None,
             country: str | None = None, work_mode: str | None = None,
             employment: str | None = None, seniority: str | None = None) -> Response:
        body = tools.search_postings(q, skill, country, work_mode, employment, seniority,
                                     limit=FEED_ENTRIES)
        return Response(atom_feed(str(request.url), body["rows"], body["filters"]),
                        media_type="application/atom+xml")


def atom_feed(self_url: str, rows: list[dict[str, Any]], described: str) -> bytes:
    """An Atom document of ``rows`` (postings, newest first) for the feed at ``self_url``."""
    import datetime as dt

    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(f"jobpulse: postings ({described})")
    fg.link(href=self_url, rel="self")
    fg.updated(dt.datetime.now(dt.UTC))
    for row in reversed(rows):  # feedgen prepends: oldest first leaves the newest on top
        entry = fg.add_entry()
        entry.id(f"tag:jobpulse,2026:{row['posting_id']}")
        title = " · ".join(str(v) for v in (row.get("title"), row.get("company")) if v)
        entry.title(title or (row.get("description") or "")[:80] or row["posting_id"])
        if row.get("url"):
            entry.link(href=row["url"])
        posted = dt.date.fromisoformat(str(row["posted"])) if row.get("posted") else None
        stamp = dt.datetime.combine(posted or dt.date.today(), dt.time(), dt.UTC)
        entry.updated(stamp)
        entry.published(stamp)
        skills = ", ".join(row.get("skills") or [])
        entry.summary(((row.get("description") or "") + (f"\n\nSkills: {skills}"
                                                        if skills else "")).strip())
    return fg.atom_str(pretty=True)


def serve(reader: WarehouseReader, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(create_app(reader), host=host, port=port, log_level="warning")
