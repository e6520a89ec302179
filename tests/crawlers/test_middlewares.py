"""Retry-After parsing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawlers.middlewares import retry_after_seconds

NOW = datetime(2026, 11, 22, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("value", "seconds"), [
    (b"120", 120.0),
    ("0", 0.0),
    ("Sun, 22 Nov 2026 12:00:30 GMT", 30.0),
    ("Sun, 22 Nov 2026 11:00:00 GMT", 0.0),
    ("soon", None),
    (None, None),
    ("", None),
])
def test_retry_after_seconds(value: bytes | str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value, now=NOW) == seconds
