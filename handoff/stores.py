"""The store of a landing location: a local folder or an S3 bucket (:mod:`handoff.landing`)."""

from __future__ import annotations

from handoff.landing import LandingLocation, LandingStore, LocalLanding, S3Location, parse_location
from handoff.s3 import S3Landing, S3Options


def open_store(location: LandingLocation | str, options: S3Options | None = None
               ) -> LandingStore:
    """The store for a landing location; ``options`` only matter for S3."""
    location = parse_location(location)
    if isinstance(location, S3Location):
        return S3Landing(location, options)
    return LocalLanding(location)
