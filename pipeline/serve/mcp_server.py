"""``jobpulse mcp``: the warehouse as an MCP server (official SDK), over stdio or streamable HTTP.

Every tool answers from the views and queries the dashboard reads (:mod:`pipeline.serve.tools`),
on a locked-down read-only snapshot: no tool can write, read a file or reach the network, and
each result is bounded and says when it was cut. stdout carries only the protocol.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, Literal, ParamSpec

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.types import ToolAnnotations

from handoff.errors import JobpulseError
from pipeline.serve.reader import WarehouseReader
from pipeline.serve.tools import PayType, Tools
from warehouse.db import WarehouseError

P = ParamSpec("P")
READ_ONLY = ToolAnnotations(read_only_hint=True, destructive_hint=False, idempotent_hint=True,
                            open_world_hint=False)
INSTRUCTIONS = """\
jobpulse: backend-developer job postings collected from public sources, with skills and pay
normalized. Shares count engineering postings, one per duplicate group, inside each source's
coverage window; the current month is partial. Pay is split by type (annual salary, hourly rate,
day rate) and never mixed. Country filters take ISO codes (US, DE, GB). Call describe_warehouse
to learn the tables before writing SQL."""


def _json_safe(value: Any) -> Any:
    # Dates, decimals and timestamps as text: what an assistant reads anyway.
    return json.loads(json.dumps(value, default=str))


def _tool(fn: Callable[P, dict[str, Any]]) -> Callable[P, dict[str, Any]]:
    """Our own errors (bad argument, rejected SQL, no warehouse) as the tool's error message."""
    @wraps(fn)
    def call(*args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
        try:
            return _json_safe(fn(*args, **kwargs))
        except (JobpulseError, WarehouseError) as exc:
            raise ToolError(str(exc)) from None
    return call


def build_server(reader: WarehouseReader) -> MCPServer:
    """The MCP server with every jobpulse tool registered on ``reader``'s warehouse."""
    tools = Tools(reader)
    server = MCPServer("jobpulse", instructions=INSTRUCTIONS)
    _add_market_tools(server, tools)
    _add_stack_tool(server, tools)
    _add_lookup_tools(server, tools)
    return server


def _add_market_tools(server: MCPServer, tools: Tools) -> None:
    """Demand, movers, pay and markets."""
    add = server.tool(annotations=READ_ONLY)

    @add
    @_tool
    def skill_trend(skills: list[str], since: str | None = None, until: str | None = None,
                    role_family: str | None = None, country: str | None = None,
                    work_mode: str | None = None,
                    basis: Literal["new", "active"] = "new") -> dict[str, Any]:
        """Monthly share of postings naming each skill, with 95% intervals.

        skills: names as in the warehouse (Python, Go, Kubernetes; case does not matter).
        since/until: YYYY-MM. role_family: engineering (default), all, non_engineering or one
        family (backend, frontend, data_ml, devops_sre, ...). country: ISO code. work_mode:
        remote, hybrid or onsite. basis: new (published that month) or active (open that month).
        Rows: month, skill, share (fraction), ci_low, ci_high, postings_with_skill,
        postings_total, low_support. The last month may be partial."""
        return tools.skill_trend(skills, since, until, role_family, country, work_mode, basis)

    @add
    @_tool
    def movers(role_family: str | None = None, limit: int = 20,
               include_flat: bool = False) -> dict[str, Any]:
        """Skills whose share rose or fell significantly: the last three complete months
        against the same months a year before, like for like (same sources), with
        false-discovery control. change_pp is in percentage points with its interval."""
        return tools.movers(role_family, limit, include_flat)

    @add
    @_tool
    def pay(skill: str | None = None, pay_type: PayType = "salary", country: str | None = None,
            seniority: str | None = None, employment_type: str | None = None,
            stated_only: bool = False) -> dict[str, Any]:
        """Pay percentiles (p10..p90) with the number of postings, in USD and in the original
        currencies. pay_type: salary (annual), hour (hourly rate) or day (day rate); they are
        never mixed. seniority: entry, mid, senior or lead. employment_type: full_time,
        contract, freelance, part_time, internship. stated_only leaves out postings whose
        period was inferred from the amount. Without a skill: all postings by seniority."""
        return tools.pay(skill, pay_type, country, seniority, employment_type, stated_only)

    @add
    @_tool
    def compare_markets(markets: list[str], skills: list[str] | None = None) -> dict[str, Any]:
        """Markets side by side: postings, monthly demand, remote share, median USD salary and
        hourly rate, top skills; with skills, each skill's salary quartiles per market.
        markets: ISO country codes (US, DE), cities as written (Berlin), or 'remote'."""
        return tools.compare_markets(markets, skills or ())


def _add_stack_tool(server: MCPServer, tools: Tools) -> None:
    @server.tool(annotations=READ_ONLY)
    @_tool
    def your_stack(skills: list[str], country: str | None = None, remote_only: bool = False,
                   contract_only: bool = False, limit: int = 20) -> dict[str, Any]:
        """For a freelancer: recent jobs (the newest three months) naming at least two of my skills
        (one, if I give one) where I can work (my country, or remote without a country),
        their USD pay per type (salary, hour, day) with n, the monthly share of matching
        jobs, and the one or two skills that would widen my matches most, with their demand
        and pay. remote_only: remote jobs; contract_only: contract or freelance work."""
        return tools.your_stack(skills, country, remote_only, contract_only, limit)


def _add_lookup_tools(server: MCPServer, tools: Tools) -> None:
    """Postings, companies, the data dictionary and SQL."""
    add = server.tool(annotations=READ_ONLY)

    @add
    @_tool
    def search_postings(query: str | None = None, skill: str | None = None,
                        country: str | None = None, work_mode: str | None = None,
                        employment_type: str | None = None, seniority: str | None = None,
                        role_family: str | None = None, since: str | None = None,
                        until: str | None = None, limit: int = 20) -> dict[str, Any]:
        """Postings matching words in the title, company or text and the filters, newest
        first, with their links (url) and skills; `matching` counts them all. limit <= 100."""
        return tools.search_postings(query, skill, country, work_mode, employment_type,
                                     seniority, role_family, since, until, limit)

    @add
    @_tool
    def company_stack(company: str) -> dict[str, Any]:
        """One company's stack: the skills its engineering postings name (postings per skill,
        first and last seen), its postings, open postings, countries and remote share."""
        return tools.company_stack(company)

    @add
    @_tool
    def companies_using(skill: str, country: str | None = None, limit: int = 25
                        ) -> dict[str, Any]:
        """Companies whose engineering postings name a skill, most postings first, with open
        postings, countries, remote share and the newest posting's link."""
        return tools.companies_using(skill, country, limit)

    @add
    @_tool
    def skill_supply(skill: str, since: str | None = None, until: str | None = None
                     ) -> dict[str, Any]:
        """Demand against supply for one skill per month, in Hacker News: hiring ads naming
        it and people seeking work offering it, each as a share of its own thread, and their
        ratio (above 1: asked for more than offered; null under min_count). Months YYYY-MM."""
        return tools.skill_supply(skill, since, until)

    @add
    @_tool
    def describe_warehouse(relation: str | None = None) -> dict[str, Any]:
        """The data dictionary: every table and view with what it holds; with relation, its
        columns, types and meanings. Read this before writing SQL."""
        return tools.describe_warehouse(relation)

    @add
    @_tool
    def sql(query: str, limit: int = 200) -> dict[str, Any]:
        """Run one read-only SELECT (DuckDB SQL) on the warehouse. Writes, files and the
        network are refused. At most `limit` rows (<= 500) and about 200 KB come back;
        `truncated` says when there was more."""
        return tools.sql(query, limit)


def serve(db: Path, *, http: bool = False, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Serve until stopped: stdio by default, streamable HTTP at http://host:port/mcp."""
    reader = WarehouseReader(db)
    server = build_server(reader)
    if http:
        import anyio

        anyio.run(lambda: server.run_streamable_http_async(host=host, port=port))
    else:
        # Keep stdout for the protocol: the SDK's INFO lines go to stderr at WARNING and up.
        logging.basicConfig(level=logging.WARNING)
        server.run()
