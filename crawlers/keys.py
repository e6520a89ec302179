"""API keys of keyed sources: read from the environment, kept out of every log line.

A keyed spider reads its key from one environment variable (never a spider argument: those
are on the command line and in the run manifest) and registers it with :func:`hide`. From then
on every log record of the crawl process has the key's value, in any of the forms a URL or an
``Authorization`` header gives it, replaced by ``***`` before any handler sees it, so the crawl
log cannot leak a key that a source wants in its query string.
"""

from __future__ import annotations

import base64
import logging
import os
from typing import Any
from urllib.parse import quote, quote_plus

MASK = "***"
_HIDDEN: set[str] = set()
_previous_factory: Any = None


class MissingKey(ValueError):
    """The key's environment variable is unset or not of the expected shape."""


def read_key(env: str, shape: str, *, parts: int = 1) -> list[str]:
    """The key in ``env`` split on ``:`` into ``parts`` non-empty parts, hidden from logs.

    ``MissingKey`` names the variable and the expected ``shape``, never the value found.
    """
    value = os.environ.get(env, "").strip()
    pieces = value.split(":", parts - 1) if value else []
    if len(pieces) != parts or not all(p.strip() for p in pieces):
        raise MissingKey(f"set {env}={shape} to crawl this source")
    pieces = [p.strip() for p in pieces]
    hide(*pieces, value)
    return pieces


def basic_auth(user: str, password: str = "") -> str:
    """The ``Authorization`` header value of HTTP Basic auth, hidden from logs too."""
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    hide(token)
    return f"Basic {token}"


def redact(text: str) -> str:
    """``text`` with every hidden value replaced by ``***`` (longest first)."""
    for secret in sorted(_HIDDEN, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def hide(*secrets: str) -> None:
    """Mask ``secrets`` (and their URL-quoted forms) in every later log record."""
    global _previous_factory
    for secret in secrets:
        if secret:
            _HIDDEN.update({secret, quote(secret, safe=""), quote_plus(secret)})
    if _previous_factory is None and _HIDDEN:
        # The record factory, not a handler filter: Scrapy replaces its root handler when a
        # crawl starts, and a factory sees every record of every logger whatever the handlers.
        _previous_factory = logging.getLogRecordFactory()
        logging.setLogRecordFactory(_redacting_factory)


def _redacting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
    record: logging.LogRecord = _previous_factory(*args, **kwargs)
    try:
        message = record.getMessage()
    except Exception:  # noqa: BLE001 - a bad format string is the handler's to report
        return record
    record.msg, record.args = redact(message), None
    if record.exc_info and not record.exc_text:
        # Formatted here so the traceback's text (URLs in exception messages) is masked too.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    return record
