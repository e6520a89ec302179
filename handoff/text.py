"""Text conventions crawlers and the pipeline share: HTML bodies to plain text, ISO 8601 times.

Spiders write a posting's description as text and its times as ISO 8601 UTC; the pipeline
reads those times back and extracts skills from HTML. Both sides must read a body and a time
the same way, so there is one definition of each, here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import html_text

__all__ = ["html_to_text", "iso_z", "parse_iso_time"]


def html_to_text(markup: str | None) -> str:
    """Readable plain text of an HTML fragment: blocks become lines, entities decoded.

    The text is stripped and never holds more than one blank line in a row (html-text's
    layout guess). Raises on what html-text cannot encode (a lone surrogate).
    """
    if not markup:
        return ""
    return str(html_text.extract_text(markup, guess_layout=True))


def parse_iso_time(value: Any, *, naive_is_utc: bool = True) -> datetime | None:
    """ISO 8601 text (``Z`` or an offset; a bare date is midnight) to an aware UTC datetime.

    ``None`` for anything but a readable string; the text is taken as given (no trimming).
    A time without an offset is UTC, or ``None`` when ``naive_is_utc`` is false (its zone is
    unknown).
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        if not naive_is_utc:
            return None
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def iso_z(moment: datetime, *, timespec: str = "seconds") -> str:
    """An aware datetime as ISO 8601 UTC with a ``Z``, to the second unless ``timespec`` says."""
    return moment.astimezone(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")
