"""What a parsed location is: the places named, the work mode and the remote restriction."""

from __future__ import annotations

from typing import Literal

import attrs

WorkMode = Literal["remote", "hybrid", "onsite"]


@attrs.frozen
class Place:
    country: str | None  # ISO 3166-1 alpha-2
    region: str | None  # state/province code or name as commonly used ("CA", "Bavaria")
    city: str | None  # canonical (geonames) city name
    raw: str


@attrs.frozen
class Locations:
    places: tuple[Place, ...]
    work_mode: WorkMode | None
    remote_scope: str | None
    raw: str


EMPTY = Locations(places=(), work_mode=None, remote_scope=None, raw="")
