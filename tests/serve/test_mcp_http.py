"""`jobpulse mcp --http`: the same tools over streamable HTTP, on 127.0.0.1 by default."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import anyio
from mcp import ClientSession
from mcp.client.streamable_http import streamable_http_client

from bench.browser import free_port, wait_for_port
from tests.conftest import ROOT, DemoBuild


def test_streamable_http_answers_a_tool(demo_build: DemoBuild) -> None:
    assert demo_build.returncode == 0, demo_build.output[-2000:]
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "mcp", "--http", "--port", str(port), "--db",
         str(demo_build.db_path)], env=env, cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    try:
        wait_for_port(port, proc)

        async def call() -> dict[str, object]:
            async with streamable_http_client(f"http://127.0.0.1:{port}/mcp") as streams, \
                    ClientSession(streams[0], streams[1]) as session:
                await session.initialize()
                result = await session.call_tool("sql", {"query": "select 41 + 1 as answer"})
                assert not result.is_error, result.content
                return json.loads(result.content[0].text)

        assert anyio.run(call)["rows"] == [[42]]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
