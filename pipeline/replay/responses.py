"""The reply type of replay handlers."""

from __future__ import annotations

import json
from typing import Any

import attrs


@attrs.frozen
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def json_reply(data: Any, status: int = 200) -> Reply:
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return Reply(status, {"Content-Type": "application/json; charset=utf-8"}, body)
