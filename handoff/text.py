"""Text conventions crawlers and the pipeline share: HTML bodies to plain text, ISO 8601 times.

Spiders write a posting's description as text and its times as ISO 8601 UTC; the pipeline
reads those times back and extracts skills from HTML. Both sides must read a body and a time
the same way, so there is one definition of each, here.
"""

from __future__ import annotations

import contextlib
import html
import re
from datetime import UTC, datetime
from typing import Any

import html_text
import lxml.etree

__all__ = ["html_to_text", "iso_z", "parse_iso_time", "unescape_html"]

# What html-text's cleaner takes out of (or renames in) a parsed tree with the options it is
# built with: killed (scripts, styles, links, meta, comments, processing instructions, applets,
# frames) or unwrapped (embedded objects), and <image> renamed <img>. A fragment holding none of
# them comes out of the cleaner as it went in, only copied first.
_CLEANED: tuple[Any, ...] = (
    "script", "style", "link", "meta", "applet", "frame", "frameset", "noframes", "iframe",
    "embed", "layer", "object", "param", "image",
    lxml.etree.Comment, lxml.etree.ProcessingInstruction,
)


def html_to_text(markup: str | None) -> str:
    """Readable plain text of an HTML fragment: blocks become lines, entities decoded.

    The text is stripped and never holds more than one blank line in a row (html-text's
    layout guess). Raises on what html-text cannot encode (a lone surrogate); control
    characters lxml refuses to move become spaces (where html-text raises).

    The same text as ``html_text.extract_text(markup, guess_layout=True)``; the cleaner (a
    deep copy of the tree and a dozen walks over it, a fifth of the time) only runs on a tree
    holding something it takes out, which most job descriptions do not.
    """
    if not markup:
        return ""
    tree = html_text.parse_html(markup)
    if next(tree.iter(*_CLEANED), None) is not None:
        try:
            # As html-text does on lxml bug 1838497: the tree is kept uncleaned.
            with contextlib.suppress(AssertionError):
                tree = html_text.cleaner.clean_html(tree)
        except ValueError:
            # lxml refuses to move a text holding a control character, as the cleaner does
            # with what follows a comment it takes out (Word's vertical-tab line break after
            # its conditional comments): html-text raises and the posting would be lost. The
            # characters become spaces, which the layout makes of the whitespace ones anyway.
            if not _CONTROL.search(markup):
                raise
            return html_to_text(_CONTROL.sub(" ", markup))
    return _tree_text(tree)


# What lxml will not hold in a text: the C0 controls but tab, line feed and carriage return
# (NUL is dropped before parsing).
_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")


_NEWLINE, _BLANK_LINE = 1, 2  # the previous chunk was a line break, or a blank line
_NEWLINE_TAGS = html_text.NEWLINE_TAGS
_BLANK_LINE_TAGS = html_text.DOUBLE_NEWLINE_TAGS
_PUNCT_AFTER = frozenset(',:;.!?")')


def _tree_text(tree: Any) -> str:
    """``html_text.etree_to_text(tree, guess_layout=True)``, three quarters of whose time was
    its per-node calls: two closures and up to four regex searches for each text. The same walk
    and rules, in one loop with string methods (``\\s`` is ``str.isspace``, so collapsing
    whitespace is a split and a join; ``\\s$`` and ``\\($`` only ever decide through the
    previous text's last character)."""
    chunks: list[str] = []
    append = chunks.append
    prev: str | int = _BLANK_LINE  # a line-break state, or the previous text as it came
    for event, el in lxml.etree.iterwalk(tree, events=("start", "end")):
        tag = el.tag
        if not isinstance(tag, str):
            raise AssertionError(f"not an element: {tag!r}")  # as html-text's walk asserts
        if prev is not _BLANK_LINE:
            if tag in _BLANK_LINE_TAGS:
                append("\n" if prev is _NEWLINE else "\n\n")
                prev = _BLANK_LINE
            elif tag in _NEWLINE_TAGS:
                if prev is not _NEWLINE:
                    append("\n")
                prev = _NEWLINE
        raw = el.text if event == "start" else None if el is tree else el.tail
        if not raw:
            continue
        text = " ".join(raw.split())
        if not text:
            continue
        if isinstance(prev, str) and (prev[-1].isspace() or (
                text[0] not in _PUNCT_AFTER and prev[-1] != "(")):
            append(" ")
        append(text)
        prev = raw
    return "".join(chunks).strip()


_ESCAPES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&"))


def unescape_html(text: str) -> str:
    """``html.unescape(text)``. Markup escaped once (``&lt;p&gt;``, as Rails and most JSON
    APIs write it) holds only the five escapes of ``<>"'&``: those are replaced directly,
    ``&amp;`` last so that what it yields is not read again, instead of one regex callback per
    entity. Anything else (``&nbsp;``, ``&#8217;``, a bare ``&``) takes ``html.unescape``."""
    if text.count("&") == sum(text.count(escape) for escape, _char in _ESCAPES):
        for escape, char in _ESCAPES:
            text = text.replace(escape, char)
        return text
    return html.unescape(text)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""The Unix epoch, aware: a sort key for a missing time, the origin of stored microseconds."""


def parse_iso_time(value: Any, *, naive_is_utc: bool = True) -> datetime | None:
    """ISO 8601 text (``Z`` or an offset; a bare date is midnight) to an aware UTC datetime.

    ``None`` for anything but a readable string; the text is taken as given (no trimming).
    A time without an offset is UTC, or ``None`` when ``naive_is_utc`` is false (its zone is
    unknown).
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        if not naive_is_utc:
            return None
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def iso_z(moment: datetime, *, timespec: str = "seconds") -> str:
    """An aware datetime as ISO 8601 UTC with a ``Z``, to the second unless ``timespec`` says."""
    return moment.astimezone(UTC).isoformat(timespec=timespec).replace("+00:00", "Z")
