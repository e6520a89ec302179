"""``jobpulse skills extract`` in bulk: JSON Lines postings in, ``{"id", "skills"}`` lines out.

The output is byte for byte what one ``json.loads``, ``extract`` and ``json.dumps`` per line
gives; only the work is cheaper. Lines are read with orjson, and any line it reads differently
from the standard library, or not at all, is read again by :func:`pipeline.jsonl.parse_line`,
which also words every error. A large input is cut into batches of lines that one process per
core extracts, written back in input order; a bad line stops the output right before it, as
it always did. When the input is a regular file, a forked worker reads its batch from the file
itself: handing 300 MB of lines through a pipe cost the two sides a tenth of the command's CPU.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import os
import stat
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any

import orjson

from handoff.collector import collect_rarely
from pipeline.jsonl import JsonLinesError, bad_line, check_posting, parse_line
from pipeline.normalize.skills import SkillExtractor
from pipeline.normalize.skills.stored_extractor import stored_extractor

__all__ = ["extract_lines"]

#: Bytes per batch (whole lines, ~1,300 postings of 3 KB): big enough that handing one to a
#: process costs little beside the work; handed over as one block, split there.
BATCH = 4 << 20
# More brackets than this in a line and it is read by json alone: how deep each reader lets
# a document nest before giving up differs.
_DEEP = 256
# json.dumps(str, ensure_ascii=False) without the call around it.
_encode_str = json.encoder.encode_basestring  # type: ignore[attr-defined]

_extractor: SkillExtractor | None = None
"""The extractor of this process: a forked worker inherits the parent's, another builds its own."""


def _posting(raw: bytes, lineno: int, source: str) -> dict[str, Any] | None:
    """The posting on line ``lineno`` (None for a blank line), or :class:`JsonLinesError`."""
    if lineno > 1 and raw.count(b"{") + raw.count(b"[") < _DEEP:
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError:
            obj = None
        # A non-string id is read again: orjson makes a float of an integer past 64 bits,
        # and the id is written back as it was read.
        if type(obj) is dict and type(obj.get("id")) is str:
            check_posting(obj, lineno, source)
            return obj
    obj = parse_line(raw, lineno, source)  # line 1 too: it may start with a byte-order mark
    if obj is not None:
        check_posting(obj, lineno, source)
    return obj


def _extract_batch(block: bytes, first: int, source: str) -> tuple[str, str | None]:
    """The output lines of the lines of ``block`` (numbered from ``first``), up to the first
    bad line, and that line's error message (None if all were good)."""
    extractor = _extractor
    assert extractor is not None
    names: dict[str, str] = {}
    out: list[str] = []
    lines = block.split(b"\n")
    if block.endswith(b"\n"):
        lines.pop()  # the line break ends the last line; no empty line follows
    try:
        for lineno, raw in enumerate(lines, first):
            obj = _posting(raw, lineno, source)
            if obj is None:
                continue
            title = obj.get("title")
            if title is not None and not isinstance(title, str):
                raise bad_line(source, lineno, '"title" must be a string')
            tags = obj.get("tags") or []
            if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
                raise bad_line(source, lineno, '"tags" must be a list of strings')
            company = obj.get("company")
            if company is not None and not isinstance(company, str):
                raise bad_line(source, lineno, '"company" must be a string')
            found = extractor.extract(obj["text"] or "", title=title, tags=tags, company=company)
            id_ = obj["id"]
            skills = ", ".join([names.get(n) or names.setdefault(n, _encode_str(n))
                                for n in found])
            out.append('{"id": ' + (_encode_str(id_) if type(id_) is str
                                    else json.dumps(id_, ensure_ascii=False))
                       + ', "skills": [' + skills + "]}\n")
    except JsonLinesError as exc:
        return "".join(out), str(exc)
    return "".join(out), None


def _extract_span(fd: int, offset: int, size: int, first: int,
                  source: str) -> tuple[str, str | None]:
    """:func:`_extract_batch` of the ``size`` bytes at ``offset`` of the file open as ``fd``
    (inherited from the parent process)."""
    return _extract_batch(os.pread(fd, size, offset), first, source)


def _in_place(batches: Iterable[tuple[bytes, int]],
              start: int) -> Iterator[tuple[int, int, int]]:
    """``(offset, size, first line number)`` of each of ``batches``, read from a file from
    byte ``start`` on: what a worker reads again in place. Cutting and counting the lines
    here costs a copy of each batch, far less than pickling it to the worker."""
    offset = start
    for block, first in batches:
        yield offset, len(block), first
        offset += len(block)


def _regular_fd(file: IO[bytes]) -> tuple[int, int] | None:
    """The descriptor of ``file`` and where reading it starts, when it is a regular file
    (not a pipe, a terminal or an in-memory buffer)."""
    try:
        fd = file.fileno()
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return fd, file.tell()
    except (AttributeError, OSError, ValueError):
        return None


def _batches(file: IO[bytes]) -> Iterator[tuple[bytes, int]]:
    """Blocks of whole lines of ``file`` with the number of their first line."""
    first = 1
    while block := file.read(BATCH):
        if not block.endswith(b"\n"):
            block += file.readline()
        yield block, first
        first += block.count(b"\n")


def _start_worker(taxonomy_path: str | None) -> None:
    global _extractor
    if _extractor is None:  # not forked: build it
        _extractor = stored_extractor(taxonomy_path)
    collect_rarely()


def _workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_lines(file: IO[bytes], source: str, extractor: SkillExtractor,
                  taxonomy_path: str | None = None) -> Iterator[str]:
    """Output text of the JSON Lines ``file`` (named ``source`` in errors), batch by batch in
    input order; raises :class:`JsonLinesError` after the output of the lines before a bad
    one. Past one batch, and with more than one core, batches run one process per core, each
    with the extractor of ``taxonomy_path`` (the one ``extractor`` was built from)."""
    global _extractor
    _extractor = extractor
    batches = _batches(file)
    head = list(itertools.islice(batches, 2))
    workers = _workers()
    if len(head) < 2 or workers < 2:
        done: Iterator[tuple[str, str | None]] = (
            _extract_batch(block, first, source) for block, first in itertools.chain(head, batches))
        yield from _written(done)
        return
    # A forked worker starts with the extractor already built; forking is only safe while
    # this process runs one thread, else the workers start afresh and build their own.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and threading.active_count() == 1 else (
        "forkserver" if "forkserver" in methods else "spawn")
    # Forked workers share this process's descriptors: they read a regular file themselves.
    in_place = _regular_fd(file) if method == "fork" else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                             initializer=_start_worker, initargs=(taxonomy_path,)) as pool:
        pending: deque[Future[tuple[str, str | None]]] = deque()

        def submitted() -> Iterator[Future[tuple[str, str | None]]]:
            for block, first in head if in_place else itertools.chain(head, batches):
                yield pool.submit(_extract_batch, block, first, source)
            if in_place:
                # The file's position is where the blocks read so far end.
                fd, start = in_place
                for offset, size, first in _in_place(batches, start):
                    yield pool.submit(_extract_span, fd, offset, size, first, source)

        def results() -> Iterator[tuple[str, str | None]]:
            for future in submitted():
                pending.append(future)
                if len(pending) > 2 * workers:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

        try:
            yield from _written(results())
        finally:
            for future in pending:
                future.cancel()


def _written(done: Iterable[tuple[str, str | None]]) -> Iterator[str]:
    for text, error in done:
        if text:
            yield text
        if error is not None:
            raise JsonLinesError(error)
