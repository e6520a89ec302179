"""A process-wide setting is applied once while any block holds it and restored after the last."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

import pytest

from handoff.held import HANDOFF_INTERVAL, HeldSetting, prompt_handoffs


def test_applied_by_the_first_block_and_restored_by_the_last_on_any_thread() -> None:
    calls: list[str] = []

    def apply() -> Callable[[], None]:
        calls.append("apply")
        return lambda: calls.append("restore")

    setting = HeldSetting(apply)
    entered, may_end = threading.Event(), threading.Event()

    def other() -> None:
        with setting.held():
            entered.set()
            may_end.wait(10)

    with setting.held():
        thread = threading.Thread(target=other)
        thread.start()
        assert entered.wait(10)
    assert calls == ["apply"]  # the other thread's block still holds it
    may_end.set()
    thread.join(10)
    assert calls == ["apply", "restore"]
    with setting.held():
        pass
    assert calls == ["apply", "restore", "apply", "restore"]


def test_restored_when_the_block_raises() -> None:
    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError), prompt_handoffs():
        assert sys.getswitchinterval() == pytest.approx(HANDOFF_INTERVAL)
        raise RuntimeError("load failed")
    assert sys.getswitchinterval() == before


def test_nested_blocks_keep_the_interval_until_the_outer_one_ends() -> None:
    before = sys.getswitchinterval()
    with prompt_handoffs():
        with prompt_handoffs():
            pass
        assert sys.getswitchinterval() == pytest.approx(HANDOFF_INTERVAL)
    assert sys.getswitchinterval() == before
