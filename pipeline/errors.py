"""Errors the CLI turns into one clear line and a non-zero exit."""

from __future__ import annotations

from handoff.errors import JobpulseError, LandingUnavailable

__all__ = ["CrawlFailed", "JobpulseError", "LandingFileError", "LandingUnavailable",
           "UnknownSource"]


class UnknownSource(JobpulseError):
    """A source slug that jobpulse has no spider for."""


class LandingFileError(JobpulseError):
    """A landing file that cannot be read as JSON Lines of raw items."""


class CrawlFailed(JobpulseError):
    """A crawl subprocess failed."""
