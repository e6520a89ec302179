"""HN's comment markup: its escaping, links and paragraph joins, as the Algolia API returns them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                          "/": "&#x2F;"})


def esc(text: str) -> str:
    """HN's escaping; every '/' becomes &#x2F; too, which trips naive URL and salary parsers."""
    return text.translate(_ESCAPES)


def html_link(url: str) -> str:
    shown = url if len(url) <= 60 else url[:60] + "..."  # HN shortens long link labels
    return f'<a href="{esc(url)}" rel="nofollow">{esc(shown)}</a>'


def fill(template: str, vals: Mapping[str, str], **html: str) -> str:
    """Escape a template and fill it with already escaped ``vals`` and verbatim ``html``."""
    return esc(template).format(**vals, **html)


def escaped(vals: Mapping[str, str]) -> dict[str, str]:
    return {k: esc(v) for k, v in vals.items()}


def join_paragraphs(paras: Sequence[str], firebase: bool = False) -> str:
    # Algolia's serializer closes every paragraph; raw Firebase text only separates them.
    return "<p>".join(paras) if firebase else "".join(f"<p>{p}</p>" for p in paras)
