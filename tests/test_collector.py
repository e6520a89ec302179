"""Bulk work makes the garbage collector run rarely, and gives the process its settings back."""

from __future__ import annotations

import gc
import threading

from handoff.collector import BULK_THRESHOLDS, rare_collections


def test_settings_come_back_after_the_last_block_on_any_thread() -> None:
    before = gc.get_threshold()
    inner_entered, outer_may_end = threading.Event(), threading.Event()
    seen: list[tuple[int, ...]] = []

    def other() -> None:
        with rare_collections():
            inner_entered.set()
            outer_may_end.wait(10)
        seen.append(gc.get_threshold())

    with rare_collections():
        assert gc.get_threshold() == BULK_THRESHOLDS
        assert gc.get_freeze_count() > 0
        thread = threading.Thread(target=other)
        thread.start()
        inner_entered.wait(10)
    # The other thread's block still runs: the bulk settings stay.
    assert gc.get_threshold() == BULK_THRESHOLDS
    outer_may_end.set()
    thread.join(10)
    assert seen == [before] and gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
