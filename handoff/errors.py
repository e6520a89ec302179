"""The root of jobpulse's user-facing errors, at the lowest layer so every package can raise it.

The CLI turns any :class:`JobpulseError` into one ``Error: ...`` line and a non-zero exit.
"""

from __future__ import annotations


class JobpulseError(Exception):
    """Base of every error a user can act on."""


class LandingUnavailable(JobpulseError):
    """The landing zone cannot be used at all: no such bucket, no credentials, unreachable."""
