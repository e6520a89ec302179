"""Keyed sources: is the user's key set, what to say when it is not, the demo's stand-in key.

A source with :class:`~pipeline.ops.sources.ApiKey` is crawled only when its environment
variable is set; otherwise `jobpulse crawl`, `jobpulse crawl --all` and the scheduler skip it
with :func:`skip_line` and carry on (a missing key is a choice, not a failure). The spider reads
the key itself from the crawl's environment, so the key never goes on a command line, into a
manifest or into a landing file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from pipeline.ops.sources import Source


def key_is_set(source: Source, env: Mapping[str, str] | None = None) -> bool:
    """True for a keyless source, or a keyed one whose variable has a value."""
    if source.key is None:
        return True
    return bool((os.environ if env is None else env).get(source.key.env, "").strip())


def skip_line(source: Source, env: Mapping[str, str] | None = None) -> str | None:
    """The one line that says a keyed source is skipped for want of its key, else ``None``."""
    if source.key is None or key_is_set(source, env):
        return None
    return f"{source.slug}: skipped, set {source.key.env}={source.key.shape} to crawl it"


def malformed_key(source: Source, env: Mapping[str, str] | None = None) -> str | None:
    """Why a set key cannot be right (a part of ``shape`` missing), without showing it."""
    if source.key is None or not key_is_set(source, env):
        return None
    value = (os.environ if env is None else env)[source.key.env].strip()
    parts = value.split(":", source.key.shape.count(":"))
    if len(parts) == source.key.shape.count(":") + 1 and all(p.strip() for p in parts):
        return None
    return f"{source.key.env} is set but is not of the form {source.key.shape}"


def key_status(source: Source) -> str | None:
    """``key JOBPULSE_X (set)`` / ``(not set: skipped)`` for `jobpulse sources`."""
    if source.key is None:
        return None
    state = "set" if key_is_set(source) else "not set: skipped by crawl --all and schedule"
    return f"needs a key: {source.key.env}={source.key.shape} ({state})"


def demo_env(source: Source) -> dict[str, str]:
    """The environment a demo or test crawl of ``source`` needs: its stand-in key, if keyed."""
    return {source.key.env: source.key.demo} if source.key is not None else {}
