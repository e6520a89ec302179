"""The replay server takes a crawl's burst of connections without the kernel dropping any."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

from pipeline.replay.server import serve

BURST = 40
"""More connections than a crawl opens at once (16 per domain in a local crawl)."""


def test_a_burst_of_connections_waits_in_the_backlog_while_the_server_is_busy(
        tmp_path: Path) -> None:
    server = serve(tmp_path)  # listening, not yet accepting: as when its thread waits
    host, port = server.server_address[:2]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    with contextlib.ExitStack() as stack:
        stack.callback(server.server_close)
        sockets = []
        for _ in range(BURST):
            # With socketserver's backlog of 5 the kernel drops the seventh connection's SYN
            # and the client only retries a second later: connect() times out here.
            sockets.append(stack.enter_context(
                socket.create_connection((host, port), timeout=0.5)))
        thread.start()
        stack.callback(server.shutdown)
        for sock in sockets:
            sock.settimeout(10)
            sock.sendall(b"GET /nothing-here HTTP/1.0\r\n\r\n")
            assert sock.recv(64).split(b"\r\n")[0].endswith(b" 404 Not Found")
