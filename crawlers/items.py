"""The one raw item every spider yields: provenance plus source values, nothing normalized.

Field names follow zyte-common-items' ``JobPosting`` (``jobTitle``, ``datePublished``,
``hiringOrganization``, ``jobLocation``, ``baseSalary``, ...), the ecosystem's convention. Each
value sits beside its raw partner (``datePublishedRaw``, ``baseSalary.raw``, ...), so the
normalizers in ``pipeline/`` can be re-run over history.
"""

from __future__ import annotations

from typing import Any

import attrs


@attrs.define(kw_only=True)
class JobPostingItem:
    """A job posting as a source gave it."""

    source: str
    """Source slug, the spider name, e.g. ``"hn"``."""
    source_id: str
    """The source's own id for the posting; ``(source, source_id)`` is the natural key."""
    url: str
    """Canonical URL of the posting at the source (what users are linked to)."""
    fetched_at: str
    """When the posting was fetched, ISO 8601 UTC."""
    crawl_run: str
    """Id of the crawl run that fetched it (also the landing file's name)."""

    jobTitle: str | None = None
    """Job title as shown."""
    datePublished: str | None = None
    """Publication time, ISO 8601 UTC, when the source gives one."""
    datePublishedRaw: str | int | None = None
    """Publication time exactly as the source gave it."""
    hiringOrganization: dict[str, Any] | None = None
    """``{"name": ..., "nameRaw": ...}``."""
    jobLocation: dict[str, Any] | None = None
    """``{"raw": "SF, Remote (North America)"}``: location text as shown."""
    remoteStatus: str | None = None
    """Remote/on-site text as shown (e.g. ``"REMOTE (US)"``), not yet interpreted."""
    employmentType: str | None = None
    """Employment type text as shown (e.g. ``"Full-time"``)."""
    baseSalary: dict[str, Any] | None = None
    """``{"raw": ..., "valueMin": ..., "valueMax": ..., "currencyRaw": ..., "rateType": ...}``."""
    description: str | None = None
    """Posting body as plain text."""
    descriptionHtml: str | None = None
    """Posting body as the source's HTML."""
    tags: list[str] | None = None
    """Tags the source attached (strong evidence for skills)."""
    extra: dict[str, Any] | None = None
    """Source-specific raw values worth keeping (e.g. HN author, header fields, thread)."""
