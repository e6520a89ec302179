"""The replay HTTP server: dispatch by source slug, plus fault injection for tests.

Faults: ``<root>/_faults.json`` maps a request path (with its query, if it must match) to a
reply that replaces the real one, optionally only for the first ``times`` requests, e.g.
``{"/hn/api/v1/items/7": {"status": 500, "times": 1}}`` or ``{"body": "{not json"}``.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from pipeline.replay.responses import Reply, json_reply

Handler = Callable[[Path, str, dict[str, str]], Reply]
ALIASES = {"hn_freelance": "hn"}
"""Sources that share another's API (both HN spiders read the Algolia HN API)."""


def handler_for(slug: str) -> Handler | None:
    """``pipeline.replay.<slug>.handle``: each source's endpoints live in its own module."""
    slug = ALIASES.get(slug, slug)
    if not re.fullmatch(r"[a-z0-9_]+", slug) or slug in {"server", "responses"}:
        return None
    try:
        module = importlib.import_module(f"pipeline.replay.{slug}")
    except ModuleNotFoundError:
        return None
    handle: Handler | None = getattr(module, "handle", None)
    return handle


class Faults:
    """Injected replies, counted per path, safe across the server's threads."""

    def __init__(self, root: Path) -> None:
        self.file = root / "_faults.json"
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def match(self, raw_path: str) -> Reply | None:
        if not self.file.is_file():
            return None
        faults: dict[str, dict[str, Any]] = json.loads(self.file.read_text(encoding="utf-8"))
        path_only = raw_path.split("?", 1)[0]
        key = raw_path if raw_path in faults else path_only if path_only in faults else None
        if key is None:
            return None
        fault = faults[key]
        with self.lock:
            count = self.hits.get(key, 0)
            self.hits[key] = count + 1
        times = fault.get("times")
        if times is not None and count >= times:
            return None
        body = fault.get("body", "")
        return Reply(
            int(fault.get("status", 200)),
            {"Content-Type": fault.get("content_type", "application/json"),
             **fault.get("headers", {})},
            body.encode("utf-8") if isinstance(body, str) else bytes(body),
        )


def make_handler(root: Path, faults: Faults) -> type[BaseHTTPRequestHandler]:
    class ReplayRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            reply = faults.match(self.path) or self.route()
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def route(self) -> Reply:
            parts = urlsplit(self.path)
            if parts.path == "/robots.txt":
                robots = root / "robots.txt"
                if robots.is_file():
                    return Reply(200, {"Content-Type": "text/plain"}, robots.read_bytes())
                return Reply(404, {"Content-Type": "text/plain"}, b"not found")
            slug, _, rest = parts.path.lstrip("/").partition("/")
            handler = handler_for(slug)
            if handler is None:
                return json_reply({"error": f"unknown source {slug!r}"}, status=404)
            query = dict(parse_qsl(parts.query, keep_blank_values=True))
            return handler(root, "/" + rest, query)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # a crawl makes thousands of requests; the spiders log what matters

    return ReplayRequestHandler


def serve(root: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Create (not start) a server for ``root``; ``port=0`` picks a free port."""
    server = ThreadingHTTPServer((host, port), make_handler(root, Faults(root)))
    server.daemon_threads = True
    return server


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"
