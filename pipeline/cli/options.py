"""Option types the CLI checks before any work starts: ports, months, seconds, base URLs.

A bad value must be click's one-line usage error (exit 2) from the command line, not a failure
inside a crawler subprocess after the landing file exists. Each type says what it accepts in
its message.
"""

from __future__ import annotations

import math
import re
from typing import Any
from urllib.parse import urlsplit

import click

__all__ = ["COUNT", "MONTH", "NON_NEGATIVE", "PORT", "URL", "Seconds", "check_month_order"]

PORT = click.IntRange(1, 65535)
"""A TCP port to listen on or connect to."""

NON_NEGATIVE = click.IntRange(min=0)
"""A count where 0 means none (or all, as the option's help says)."""

COUNT = click.IntRange(min=1)
"""A count of at least one (workers, months of generated history)."""

_MONTH = re.compile(r"\d{4}-\d{2}")


class Month(click.ParamType):
    """A calendar month as ``YYYY-MM`` (``2025-06``), checked to be a real month."""

    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> str:
        text = str(value).strip()
        if not _MONTH.fullmatch(text) or not 1 <= int(text[5:]) <= 12 or int(text[:4]) < 1:
            self.fail(f"{value!r} is not a month as YYYY-MM (e.g. 2025-06)", param, ctx)
        return text


MONTH = Month()


def check_month_order(ctx: click.Context, param: click.Parameter, value: str | None
                      ) -> str | None:
    """Callback for both ``--since`` and ``--until``: the first month may not be after the last.

    Click processes options in command-line order, so whichever of the two comes second sees
    the other in ``ctx.params``.
    """
    since = value if param.name == "since" else ctx.params.get("since")
    until = value if param.name == "until" else ctx.params.get("until")
    # Zero-padded YYYY-MM strings order like the months they name.
    if since and until and since > until:
        raise click.BadParameter(f"--since {since} is after --until {until}", ctx, param)
    return value


class Seconds(click.FloatRange):
    """A finite number of seconds; FloatRange alone lets ``nan`` and ``inf`` through."""

    name = "seconds"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> Any:
        seconds = super().convert(value, param, ctx)
        if not math.isfinite(seconds):
            self.fail(f"{value!r} is not a finite number of seconds", param, ctx)
        return seconds


class Url(click.ParamType):
    """An ``http://`` or ``https://`` URL with a host; ``{source}`` may stand in its path."""

    name = "URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None
                ) -> str:
        text = str(value).strip()
        try:
            parts = urlsplit(text.replace("{source}", "source"))
            parts.port  # noqa: B018 - parsing the port is the check: it raises when out of range
        except ValueError as exc:
            self.fail(f"{value!r} is not a URL ({exc})", param, ctx)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self.fail(f"{value!r} is not an http:// or https:// URL with a host", param, ctx)
        return text


URL = Url()


def name_values(pairs: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` options (``-s``, ``-a``) as a mapping; a pair without ``=`` is a usage
    error, so nothing starts with a setting it would silently drop."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise click.UsageError(f"expected NAME=VALUE, got {pair!r}")
        out[name] = value
    return out
