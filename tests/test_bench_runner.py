"""``python -m bench``: a benchmark that cannot run here says why, and the rest still run."""

from __future__ import annotations

import sys
import types

import pytest

import bench.__main__ as runner


def _module(name: str, body: types.FunctionType) -> types.ModuleType:
    module = types.ModuleType(name)
    module.main = body  # type: ignore[attr-defined]
    return module


def test_a_benchmark_that_cannot_run_is_reported_and_the_others_run(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    ran: list[str] = []

    def needs_browser(args: list[str]) -> None:
        sys.exit("needs /usr/bin/chromium (apt-get install chromium)")

    def fine(args: list[str]) -> None:
        ran.append("fine")

    monkeypatch.setitem(sys.modules, "fake_needs", _module("fake_needs", needs_browser))
    monkeypatch.setitem(sys.modules, "fake_fine", _module("fake_fine", fine))
    monkeypatch.setattr(runner, "BENCHMARKS", {"needs": ("fake_needs", []),
                                               "fine": ("fake_fine", [])})
    assert runner.main([]) == 1
    out = capsys.readouterr().out
    assert ran == ["fine"]
    assert "=== needs not run: needs /usr/bin/chromium (apt-get install chromium)" in out
    assert "=== fine done in" in out
    assert out.rstrip().endswith("not run: needs")
    assert "Traceback" not in out


def test_every_benchmark_running_exits_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fake_ok", _module("fake_ok", lambda args: None))
    monkeypatch.setattr(runner, "BENCHMARKS", {"ok": ("fake_ok", [])})
    assert runner.main([]) == 0
    assert runner.main(["nope"]) == 2
