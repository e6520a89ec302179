"""Adding a board to the boards file (``crawlers/boards.yaml``) by a careful text edit.

The file is written by people: its comments, order and blank lines are kept. The new entry
goes after the last entry of its source's section (a new section at the end when there is
none), in the section's own style (``token: Name`` or ``- token``); the edited text is parsed
again and written only if it holds exactly the old boards plus the new one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import JobpulseError


class BoardsFileError(JobpulseError):
    """A boards file this edit cannot read or safely change."""


def read_sections(path: Path) -> dict[str, Any]:
    """The file's ``{source: boards}`` (a missing file has none)."""
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise BoardsFileError(f"{path}: not a readable boards file ({exc})") from None
    if not isinstance(data, dict):
        raise BoardsFileError(f"{path}: expected a mapping of source to boards")
    return data


def boards_of(sections: dict[str, Any], source: str) -> list[str]:
    section = sections.get(source) or {}
    return [str(token) for token in section] if isinstance(section, dict | list) else []


def find_board(path: Path, source: str, token: str) -> str | None:
    """The board as the file spells it, if ``source`` lists ``token`` (in any letter case)."""
    wanted = token.lower()
    return next((b for b in boards_of(read_sections(path), source) if b.lower() == wanted), None)


def add_board(path: Path, source: str, token: str, name: str | None) -> None:
    """Add ``token`` (with display ``name``) to ``source``'s section of ``path``."""
    before = read_sections(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    section = before.get(source)
    if section is not None and not isinstance(section, dict | list):
        raise BoardsFileError(f"{path}: {source} must be a list or a mapping of boards")
    header = next((i for i, line in enumerate(lines)
                   if re.match(rf"{re.escape(source)}\s*:", line)), None)
    as_list = isinstance(section, list)
    if header is None:
        lines += ["\n"] if lines and lines[-1].strip() else []
        lines += [f"{source}:\n", _entry(token, name, "  ", as_list=False)]
    else:
        if lines[header].split(":", 1)[1].split("#", 1)[0].strip():
            raise BoardsFileError(f"{path}: the {source} section is written on one line; "
                                  "add the board by hand")
        last, indent = header, "  "
        for i in range(header + 1, len(lines)):
            line = lines[i]
            if line.strip() and not line[0].isspace() and not line.startswith("#"):
                break  # the next section
            if line.strip() and not line.lstrip().startswith("#"):
                last, indent = i, line[: len(line) - len(line.lstrip())]
        lines.insert(last + 1, _entry(token, name, indent, as_list=as_list))
    edited = "".join(lines)
    _check_edit(path, before, edited, source, token)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(edited, encoding="utf-8")
    os.replace(tmp, path)


def _entry(token: str, name: str | None, indent: str, *, as_list: bool) -> str:
    if as_list:
        return indent + yaml.safe_dump([token], allow_unicode=True).strip() + "\n"
    # safe_dump quotes whatever needs it (a name with ': ', a token YAML would read as a number).
    line = yaml.safe_dump({token: name}, allow_unicode=True, width=1000).strip()
    return indent + line.removesuffix(" null") + "\n"


def _check_edit(path: Path, before: dict[str, Any], edited: str, source: str,
                token: str) -> None:
    try:
        after = yaml.safe_load(edited) or {}
    except yaml.YAMLError as exc:
        raise BoardsFileError(f"{path}: adding the board would break the file ({exc}); "
                              "add it by hand") from None
    expected = {key: value for key, value in after.items() if key != source}
    others = {key: value for key, value in before.items() if key != source}
    old = boards_of(before, source)
    if expected != others or boards_of(after, source) != [*old, token]:
        raise BoardsFileError(f"{path}: the {source} section is laid out in a way this edit "
                              "does not follow; add the board by hand")
