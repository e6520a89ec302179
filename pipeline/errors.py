"""Errors the CLI turns into one clear line and a non-zero exit."""

from __future__ import annotations


class JobpulseError(Exception):
    """Base of every error a user can act on."""


class UnknownSource(JobpulseError):
    """A source slug that jobpulse has no spider for."""


class LandingFileError(JobpulseError):
    """A landing file that cannot be read as JSON Lines of raw items."""


class CrawlFailed(JobpulseError):
    """A crawl subprocess failed."""


class LandingUnavailable(JobpulseError):
    """The landing zone cannot be used at all: no such bucket, no credentials, unreachable."""
