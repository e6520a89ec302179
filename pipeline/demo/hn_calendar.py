"""When the ``whoishiring`` account posts its threads, and the HN item ids they get."""

from __future__ import annotations

import datetime as dt

# Real (unix time, item id) points; ids in between are interpolated so they grow like HN's do.
_ID_ANCHORS: tuple[tuple[int, int], ...] = (
    (1672675200, 34_219_000),  # 2023-01-02, January 2023 thread
    (1748876439, 44_159_528),  # 2025-06-02, June 2025 thread
    (1767369600, 46_466_000),  # 2026-01-02, January 2026 thread
    (1788274877, 49_522_897),  # 2026-09-01, September 2026 thread
)


def iter_hn_months(end: dt.date, months: int) -> list[dt.date]:
    """First days of the ``months`` months ending with ``end``'s month, oldest first."""
    index = end.year * 12 + end.month - 1
    return [dt.date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]


def first_weekday(month: dt.date) -> dt.date:
    """The account's posting day: first Monday-Friday, skipping New Year's Day as it really does."""
    day = month.replace(day=1)
    while day.weekday() >= 5 or (day.month == 1 and day.day == 1):
        day += dt.timedelta(days=1)
    return day


def _nth_sunday(year: int, month: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (n - 1))


def thread_post_time(month: dt.date) -> dt.datetime:
    """11:00 US-Eastern on the posting day, in UTC; US DST rules are inlined to avoid tzdata."""
    day = first_weekday(month)
    dst = _nth_sunday(day.year, 3, 2) <= day < _nth_sunday(day.year, 11, 1)
    return dt.datetime(day.year, day.month, day.day, 15 if dst else 16, tzinfo=dt.UTC)


# Before 2020 the line through the anchors would reach negative ids by 2013; a 15-year corpus
# instead runs from the first whoishiring thread (April 2011, id about 2.4M) to that line's 2020
# value, so ids from 2020 on (every demo corpus) are as they always were.
_FIRST_THREAD = (1301616000, 2_396_000)
_JOIN = 1577836800  # 2020-01-01


def _on_anchor_line(ts: int) -> int:
    pts = _ID_ANCHORS
    i = next((k for k in range(1, len(pts) - 1) if ts < pts[k][0]), len(pts) - 1) - 1
    (t0, i0), (t1, i1) = pts[i], pts[i + 1]
    return int(i0 + (ts - t0) * (i1 - i0) / (t1 - t0))


def id_at(ts: int) -> int:
    if ts >= _JOIN:
        return _on_anchor_line(ts)
    (t0, i0), i1 = _FIRST_THREAD, _on_anchor_line(_JOIN)
    return max(int(i0 + (ts - t0) * (i1 - i0) / (_JOIN - t0)), 1)


def iso_time(ts: int, millis: bool = False) -> str:
    text = dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")
    return text + (".000Z" if millis else "Z")
