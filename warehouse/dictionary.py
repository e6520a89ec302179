"""The data dictionary (``warehouse/README.md``) as data: each table and view, what it holds
and what each column means, for readers that explain the warehouse (``describe_warehouse``)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import attrs

DICTIONARY = Path(__file__).resolve().parent / "README.md"
_ROW = re.compile(r"^\|\s*([A-Za-z_][\w]*)\s*\|\s*([^|]+?)\s*\|\s*(.*?)\s*\|\s*$")


@attrs.frozen
class Column:
    name: str
    type: str
    meaning: str


@attrs.frozen
class RelationDoc:
    name: str
    kind: str
    """``table`` or ``view``."""
    about: str
    columns: tuple[Column, ...]


def parse_dictionary(text: str) -> list[RelationDoc]:
    """Every ``### name`` of the Tables and Views sections, with its prose and column table."""
    docs: list[RelationDoc] = []
    kind: str | None = None
    name: str | None = None
    prose: list[str] = []
    columns: list[Column] = []

    def close() -> None:
        if name is not None and kind is not None:
            about = " ".join(" ".join(prose).split())
            docs.append(RelationDoc(name, kind, about, tuple(columns)))

    for line in text.splitlines():
        if line.startswith("## "):
            close()
            name = None
            heading = line[3:].strip().lower()
            kind = {"tables": "table", "views": "view"}.get(heading)
        elif line.startswith("### ") and kind is not None:
            close()
            name, prose, columns = line[4:].strip(), [], []
        elif name is not None:
            row = _ROW.match(line)
            if row and row.group(1) != "column":
                columns.append(Column(row.group(1), row.group(2), row.group(3)))
            elif not line.startswith("|") and not columns:
                prose.append(line)
    close()
    return docs


@functools.cache
def read_dictionary(path: Path = DICTIONARY) -> tuple[RelationDoc, ...]:
    """The dictionary file, parsed once per process (it ships with the code)."""
    return tuple(parse_dictionary(path.read_text(encoding="utf-8")))
