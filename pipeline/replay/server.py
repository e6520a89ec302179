"""The replay HTTP server: dispatch by source slug, plus fault injection for tests.

Faults: ``<root>/_faults.json`` maps a request path (with its query, if it must match) to a
reply that replaces the real one, optionally only for the first ``times`` requests, e.g.
``{"/hn/api/v1/items/7": {"status": 500, "times": 1}}`` or ``{"body": "{not json"}``.

A fault may set ``status``, ``headers``, ``content_type`` and one body:

* ``body``: text (sent as UTF-8); ``body_hex``: raw bytes, e.g. invalid UTF-8 (``"7b22ff"``);
* ``size_mb``: a valid JSON object of that many MiB (``{"children": [ ... ]}`` padded with
  spaces), generated while it is sent, so a 50 MiB body costs no memory or disk;
* ``nested_depth``: ``{"children": [[[...]]]}`` nested that deep (valid JSON no parser should
  recurse through);
* none of these: the real reply's body (so ``drip_seconds`` alone slows down a good page).

``drip_seconds`` sends the body in small pieces spread over that many seconds (a server that
stalls mid-body); ``no_length: true`` omits ``Content-Length`` and closes the connection after
the body, so the client learns the size only by reading. A redirect loop needs nothing new:
``{"status": 302, "headers": {"Location": "<the same path>"}}``.
"""

from __future__ import annotations

import importlib
import inspect
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import attrs

from pipeline.replay.responses import Reply, json_reply

Handler = Callable[[Path, str, dict[str, str]], Reply]
ALIASES = {"hn_freelance": "hn", "hn_seeking": "hn"}
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


MIB = 1024 * 1024
CHUNK = 64 * 1024
DRIP_PIECES_PER_SECOND = 10


@attrs.frozen
class FaultReply:
    """An injected reply: fixed ``body`` or, when it is ``None``, the real reply's body."""

    status: int | None
    headers: dict[str, str]
    body: bytes | None
    length: int | None = None
    """Size of a ``generate``d body; the body itself never exists in one piece."""
    generate: Callable[[], Iterator[bytes]] | None = None
    drip_seconds: float = 0.0
    send_length: bool = True


def padded_json(size: int) -> Iterator[bytes]:
    """Exactly ``size`` bytes of valid JSON (``{"children": [ ]}`` plus spaces), in chunks."""
    head, tail = b'{"children": [', b"]}"
    padding = max(0, size - len(head) - len(tail))
    yield head
    blank = b" " * CHUNK
    while padding > 0:
        piece = blank[: min(CHUNK, padding)]
        padding -= len(piece)
        yield piece
    yield tail


def nested_json(depth: int) -> bytes:
    """Valid JSON nested ``depth`` arrays deep inside a thread-shaped object."""
    return b'{"children": ' + b"[" * depth + b"]" * depth + b"}"


def fault_reply(fault: dict[str, Any]) -> FaultReply:
    """The reply a fault entry describes (see the module docstring for its keys)."""
    status = int(fault["status"]) if "status" in fault else None
    headers = {"Content-Type": str(fault.get("content_type", "application/json")),
               **{str(k): str(v) for k, v in fault.get("headers", {}).items()}}
    drip = float(fault.get("drip_seconds", 0))
    send_length = not fault.get("no_length", False)
    if "size_mb" in fault:
        size = int(float(fault["size_mb"]) * MIB)
        return FaultReply(status or 200, headers, None, size, lambda: padded_json(size), drip,
                          send_length)
    body: bytes | None
    if "body_hex" in fault:
        body = bytes.fromhex(str(fault["body_hex"]))
    elif "nested_depth" in fault:
        body = nested_json(int(fault["nested_depth"]))
    elif "body" in fault:
        raw = fault["body"]
        body = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
    elif drip and status is None:
        body = None  # slow down the real page
    else:
        body = b""
    return FaultReply(status or 200, headers, body, None, None, drip, send_length)


class Faults:
    """Injected replies, counted per path, safe across the server's threads."""

    def __init__(self, root: Path) -> None:
        self.file = root / "_faults.json"
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()

    def match(self, raw_path: str) -> FaultReply | None:
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
        return fault_reply(fault)


def make_handler(root: Path, faults: Faults) -> type[BaseHTTPRequestHandler]:
    class ReplayRequestHandler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        body = ""

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            fault = faults.match(self.path)
            if fault is None:
                reply = self.route()
                self.send_reply(reply.status, reply.headers, len(reply.body),
                                iter([reply.body]))
                return
            if fault.generate is not None and fault.length is not None:
                self.send_reply(fault.status or 200, fault.headers, fault.length,
                                fault.generate(), fault.drip_seconds, fault.send_length)
                return
            body = fault.body
            status, headers = fault.status or 200, fault.headers
            if body is None:
                real = self.route()
                body, status, headers = real.body, real.status, real.headers
            self.send_reply(status, headers, len(body), iter([body]), fault.drip_seconds,
                            fault.send_length)

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            # Search APIs (Workday) take their query as a JSON body; the handler sees it as
            # the query's "_body", and faults match a POST by its path like a GET.
            length = int(self.headers.get("Content-Length") or 0)
            self.body = self.rfile.read(length).decode("utf-8", "replace")
            self.do_GET()

        def send_reply(self, status: int, headers: dict[str, str], length: int,
                       chunks: Iterator[bytes], drip_seconds: float = 0.0,
                       send_length: bool = True) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if send_length:
                self.send_header("Content-Length", str(length))
            else:
                # Without a length the body ends when the connection does.
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            try:
                if drip_seconds > 0:
                    self.drip(b"".join(chunks), drip_seconds)
                else:
                    for chunk in chunks:
                        self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                # The client gave up (timeout, size limit): that is the point of the fault.
                self.close_connection = True

        def drip(self, body: bytes, seconds: float) -> None:
            pieces = max(1, int(seconds * DRIP_PIECES_PER_SECOND))
            size = max(1, -(-len(body) // pieces))
            for start in range(0, max(len(body), 1), size):
                time.sleep(seconds / pieces)
                self.wfile.write(body[start : start + size])
                self.wfile.flush()

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
            if self.command == "POST":
                query["_body"] = self.body
            if "headers" in inspect.signature(handler).parameters:
                # Sources that authenticate by header (HTTP Basic) check it like the real API.
                return handler(root, "/" + rest, query, headers=dict(self.headers.items()))
            return handler(root, "/" + rest, query)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass  # a crawl makes thousands of requests; the spiders log what matters

    return ReplayRequestHandler


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver listens with a backlog of 5. A local crawl opens up to 16 connections at
    # once, and while the serving thread waits for the GIL the kernel drops those beyond the
    # backlog: the client resends its SYN a second later, so every such crawl (tests, the
    # demo, the crawl benchmark) stalled for a whole second.
    request_queue_size = 128


def serve(root: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Create (not start) a server for ``root``; ``port=0`` picks a free port."""
    return ReplayServer((host, port), make_handler(root, Faults(root)))


def url_of(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"
