"""Landing lines read by orjson give the same items, content hashes and stored JSON as json did:
a content hash that changed would make every stored posting look edited on the next load."""

from __future__ import annotations

import hashlib
import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest.lines import read_items
from pipeline.normalize.record import content_hash, posting_row, sorted_json


def reference_hash(item: dict[str, Any]) -> str:
    """content_hash as every earlier load computed it."""
    stable = {k: v for k, v in item.items() if k not in ("fetched_at", "crawl_run")}
    blob = json.dumps(stable, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


scalars = (st.none() | st.booleans() | st.text()
           | st.integers(min_value=-(2**70), max_value=2**70)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.sampled_from([1e-5, 1.5e-7, 1e16, 1e22, 5e-324, 0.0001, -0.0, 123456.789]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
items = st.dictionaries(st.text(max_size=10), values, max_size=8)


def _read_one(line: bytes) -> tuple[dict[str, Any], bool]:
    [(number, item, fast)] = list(read_items(line + b"\n", "x.jsonl"))
    assert number == 1
    return item, fast


@settings(max_examples=400, deadline=None)
@given(items)
def test_items_hashes_and_stored_json_match_the_json_path(item: dict[str, Any]) -> None:
    line = json.dumps(item, ensure_ascii=False).encode("utf-8")
    read, fast = _read_one(line)
    assert read == json.loads(line)
    assert content_hash(read, orjson_safe=fast) == reference_hash(item)
    assert sorted_json(read, orjson_safe=fast) == json.dumps(
        item, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def test_lines_orjson_reads_differently_go_to_json() -> None:
    for line, expected in [
        (b'{"a": NaN}', None), (b'{"a": -Infinity}', None),
        (b'{"a": 123456789012345678901234567890}', 123456789012345678901234567890),
        (b'{"a": 1e400}', math.inf),
    ]:
        item, fast = _read_one(line)
        assert not fast, line
        if expected is None:
            assert math.isnan(item["a"]) or math.isinf(item["a"])
        else:
            assert item["a"] == expected
        assert content_hash(item, orjson_safe=fast) == reference_hash(item)


def test_a_lone_surrogate_is_refused_as_before() -> None:
    item, fast = _read_one(b'{"a": "\\ud800"}')
    assert not fast and item["a"] == "\ud800"
    with pytest.raises(UnicodeEncodeError):
        reference_hash(item)
    with pytest.raises(UnicodeEncodeError):  # the loader counts the line as a bad record
        content_hash(item, orjson_safe=fast)


def test_posting_row_is_the_same_either_way() -> None:
    item = {"source": "hn", "source_id": "1", "fetched_at": "2026-11-01T00:00:00Z",
            "crawl_run": "r1", "jobTitle": "Backend Engineer", "tags": ["go"],
            "baseSalary": {"raw": "$150k", "min": 150000.0, "tiny": 2e-5}}
    line = json.dumps(item).encode()
    read, fast = _read_one(line)
    assert fast
    assert posting_row(read, orjson_safe=True) == posting_row(json.loads(line))
