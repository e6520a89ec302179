"""Filters on postings as a value: what every reader of the warehouse queries by.

The dashboard's sidebar (``dashboard/filters.py``), the MCP server and the HTTP API all build
one; :mod:`warehouse.answers` turns it into the parameters of the ``filtered_postings(...)``
macro, so the same choice gives the same rows wherever it is asked.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

# The keys of pipeline.normalize.role_family.ENGINEERING_FAMILIES (warehouse/ imports nothing of
# ours); tests/dashboard checks the two agree.
ENGINEERING_FAMILIES = [
    "backend", "frontend", "full_stack", "mobile", "data_ml", "devops_sre", "qa_test",
    "security", "embedded", "eng_management", "engineering_other",
]


@attrs.frozen
class Filters:
    """The sidebar's choices; empty tuples and ``None`` dates mean "no filter"."""

    date_from: date | None = None
    date_to: date | None = None
    sources: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    work_modes: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()
    seniorities: tuple[str, ...] = ()
    role_families: tuple[str, ...] = ()
    """Role families (``postings.role_family``); ``engineering`` stands for every family but
    ``non_engineering``."""

    @property
    def active(self) -> bool:
        """Whether any filter is set: unfiltered pages read the prepared views instead."""
        return self.beyond_role or bool(self.role_families)

    @property
    def beyond_role(self) -> bool:
        """Whether a filter other than the role family is set."""
        return any((self.date_from, self.date_to, self.sources, self.countries,
                    self.work_modes, self.employment_types, self.seniorities))

    def role_group(self) -> str:
        """The role group trends are read for: one chosen family, ``non_engineering`` alone,
        ``all`` when non-engineering postings are asked for beside others, else
        ``engineering`` (the default: sales or design postings never dilute a skill share)."""
        chosen = set(self.family_list())
        if len(chosen) == 1:
            return chosen.pop()
        if "non_engineering" in chosen:
            return "all"
        return "engineering"

    def params(self) -> dict[str, Any]:
        """Parameters of ``filtered_postings(...)`` in the dashboard's SQL files."""
        return {
            "date_from": self.date_from, "date_to": self.date_to,
            "sources": list(self.sources), "countries": list(self.countries),
            "work_modes": list(self.work_modes),
            "employment_types": list(self.employment_types),
            "seniorities": list(self.seniorities),
            "role_families": self.family_list(),
        }

    def family_list(self) -> list[str]:
        """The chosen role families with ``engineering`` spelled out as its families."""
        out: list[str] = []
        for family in self.role_families:
            out += ENGINEERING_FAMILIES if family == "engineering" else [family]
        return list(dict.fromkeys(out))

    def describe(self) -> str:
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} to {self.date_to or '…'}")
        for label, values in (("sources", self.sources), ("countries", self.countries),
                              ("work mode", self.work_modes),
                              ("employment", self.employment_types),
                              ("seniority", self.seniorities),
                              ("role family", self.role_families)):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        return "; ".join(parts) if parts else "no filters"
