"""The sidebar's chosen filters as a value: what the data layer queries by.

Kept apart from the widgets (``dashboard/filters.py``) so that the data layer can take filters
without importing the module that draws them, which itself reads the data layer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs


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

    @property
    def active(self) -> bool:
        """Whether any filter is set: unfiltered pages read the prepared views instead."""
        return any((self.date_from, self.date_to, self.sources, self.countries,
                    self.work_modes, self.employment_types, self.seniorities))

    def params(self) -> dict[str, Any]:
        """Parameters of ``filtered_postings(...)`` in the dashboard's SQL files."""
        return {
            "date_from": self.date_from, "date_to": self.date_to,
            "sources": list(self.sources), "countries": list(self.countries),
            "work_modes": list(self.work_modes),
            "employment_types": list(self.employment_types),
            "seniorities": list(self.seniorities),
        }

    def describe(self) -> str:
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} to {self.date_to or '…'}")
        for label, values in (("sources", self.sources), ("countries", self.countries),
                              ("work mode", self.work_modes),
                              ("employment", self.employment_types),
                              ("seniority", self.seniorities)):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        return "; ".join(parts) if parts else "no filters"
