"""`skills extract` of a regular file: forked workers read their batches from the file itself.

The batches must be the ones the pipe path cuts (same bytes, same first line numbers), and the
command's output and error lines the reference's, whichever path a batch took.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.cli import skills_batch
from pipeline.cli.skills import skills
from tests.pipeline.test_skills_equivalence import _BAD, _GOOD, _reference_command

_lines = st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=30)


@settings(max_examples=300, deadline=None)
@given(lines=_lines, trailing=st.booleans(), skip=st.integers(0, 50),
       batch=st.integers(1, 60))
def test_spans_are_the_batches_the_pipe_path_cuts(lines: list[bytes], trailing: bool,
                                                  skip: int, batch: int) -> None:
    data = b"\n".join(lines) + (b"\n" if trailing and lines else b"")
    start = min(skip, len(data))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(skills_batch, "BATCH", batch)
        want = list(skills_batch._batches(io.BytesIO(data[start:])))
        with tempfile.TemporaryFile() as file:
            file.write(data)
            file.seek(start)
            got = [(os.pread(file.fileno(), size, offset), first) for offset, size, first
                   in skills_batch._in_place(skills_batch._batches(file), start)]
    assert got == want
    assert b"".join(block for block, _ in got) == data[start:]


@pytest.fixture
def forked_in_place(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Small batches, workers forked, and the offsets of every batch read in place."""
    monkeypatch.setattr(skills_batch, "BATCH", 200)
    monkeypatch.setattr(skills_batch.threading, "active_count", lambda: 1)
    offsets: list[int] = []
    spans = skills_batch._in_place

    def recorded(batches: Iterable[tuple[bytes, int]],
                 start: int) -> Iterator[tuple[int, int, int]]:
        for span in spans(batches, start):
            offsets.append(span[0])
            yield span

    monkeypatch.setattr(skills_batch, "_in_place", recorded)
    yield offsets


def _command_on_file(tmp_path: Path, data: bytes) -> tuple[str, str | None]:
    path = tmp_path / "postings.jsonl"
    path.write_bytes(data)
    result = CliRunner().invoke(skills, ["extract", str(path)])
    if result.exit_code == 0:
        return result.stdout, None
    assert result.exit_code == 1, result.output
    error = result.stderr.strip().removeprefix("Error: ")
    # The reference names its input "-"; the command names the file.
    return result.stdout, error.replace(str(path), "-")


def test_a_file_read_in_place_extracts_as_the_reference(
        tmp_path: Path, forked_in_place: list[int]) -> None:
    data = b"\xef\xbb\xbf" + b"\n".join(_GOOD * 12) + b"\n"
    assert _command_on_file(tmp_path, data) == _reference_command(data)
    assert len(forked_in_place) > 3  # most batches were read by the workers themselves


@pytest.mark.parametrize("at", [0, 40, 150], ids=["first-batches", "middle", "last-batch"])
def test_a_bad_line_read_in_place_stops_where_the_reference_stops(
        tmp_path: Path, forked_in_place: list[int], at: int) -> None:
    lines = _GOOD * 12
    for bad in (_BAD[0], _BAD[-2], _BAD[-1]):
        data = b"\n".join(lines[:at] + [bad] + lines[at:])  # no line break at the end
        want = _reference_command(data)
        assert want[1] is not None
        assert _command_on_file(tmp_path, data) == want, bad[:40]
    assert forked_in_place
