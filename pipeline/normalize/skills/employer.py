"""The employer's own name is not a skill it asks for.

Companies are often named after their product ("PostHog | Product Engineer | Remote",
"ClickHouse is hiring..."), and that product is in the taxonomy. Counting it would make every
ad of such a company a demand for its own product and inflate that skill's share by the
company's hiring alone. So every mention of the posting's company (for Hacker News, the first
field of the "Company | Role | Location | ..." header, which the spider stores as the company)
is masked before skills are looked for. Other employers naming the same product still count.
A product the ad calls its own ("our software 'Checkmk' monitors ...", "our platform, Foo,")
is the employer's too, whatever the company field says.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence

__all__ = ["company_core", "employer_spans"]

# Legal forms and generic company words after the name: "ClickHouse, Inc." and "Grafana Labs"
# are the companies behind ClickHouse and Grafana.
_SUFFIX = re.compile(
    r"(?:[\s,]+(?:inc|llc|ltd|limited|gmbh|ag|sa|sas|sarl|bv|b\.v|nv|plc|corp|corporation|co|"
    r"oy|ab|as|aps|pty|srl|spa|kg|labs?|technologies|technology|software|systems|hq|"
    r"io|ai|app|company|group)\.?)+\s*\Z",
    re.IGNORECASE,
)


# "your", "four": "our" after one of these is inside a word, where \b fails.
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")

_ASIDE = re.compile(r"\s*(?:\([^)]*\)?|\[[^\]]*\]?)")

# "our (own) software/product/platform ... <Name>": the name is quoted or capitalised.
_OWN_PRODUCT = re.compile(
    r"\b[Oo]ur\s+(?:own\s+)?(?:software|product|platform|solution|tool|app|application|engine|"
    r"database|framework|library)\s*,?\s*(?:called\s+|named\s+)?"
    r"(?:[‘'\"“]([^’'\"”\n]{2,40})[’'\"”]|([A-Z][\w.+#-]*(?:\s[A-Z][\w.+#-]*){0,2}))"
)


def company_core(name: str | None) -> str | None:
    """The name without legal form or generic company words; None when too short to mask."""
    if not name or not isinstance(name, str):
        return None
    # "Bitrise (YC, CI/CD for DevOps)": the aside describes the company; it is not its name.
    bare = _ASIDE.sub(" ", name).strip().strip(" .,;:-")
    core = _SUFFIX.sub("", bare)
    core = core.strip(" .,;:-()")
    return core if len(core) >= 2 else None


@functools.lru_cache(maxsize=1 << 15)
def _company_names(company: str) -> tuple[str, ...]:
    """The names a company is mentioned by: its core name and, when at least two characters,
    its full name without asides. Companies repeat across a load (an employer posts many
    ads), so each distinct one is worked out once."""
    core = company_core(company)
    if core is None:
        return ()
    full = _ASIDE.sub(" ", company).strip()
    return (core, full) if len(full) >= 2 else (core,)


def employer_spans(text: str, company: str | None = None,
                   ours: Sequence[int] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every mention of the employer in ``text``: ``company`` (its core name,
    whole words, any case; the full name too, so "Grafana Labs" is masked whole) and products
    the text calls its own.

    ``ours``: the offsets where "our" may start a word (at least all those where it does),
    when the caller has them; else they are looked for.
    """
    names: set[str] = set()
    if "our " in text or "Our " in text:
        owned = (m.group(1) or m.group(2) for m in _own_products(text, ours))
        names.update(n.strip() for n in owned if len(n.strip()) >= 2)
    if type(company) is str:
        names.update(_company_names(company))
    elif isinstance(company, str):  # a subclass: not cached, its hash may be its own
        names.update(_company_names.__wrapped__(company))
    if not names:
        return []
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer: offsets differ
        return [m.span() for name in names for m in _mention_pattern(name).finditer(text)]
    return [span for name in names for span in _mentions(lowered, name.lower())]


def _own_products(text: str, ours: Sequence[int] | None) -> Iterator[re.Match[str]]:
    """``_OWN_PRODUCT.finditer(text)``, tried only where a word starts with "our"/"Our": the
    regex engine would try every position of a 3 KB ad, the cost of half an extraction."""
    if ours is None:
        ours = [i for word in ("our", "Our") for i in _find_all(text, word)]
    starts = [i for i in ours if text[i : i + 3] in ("our", "Our")
              and (i == 0 or text[i - 1] not in _ASCII_WORD)]
    end = 0
    for i in sorted(starts):
        if i >= end and (m := _OWN_PRODUCT.match(text, i)) is not None:  # \b sees text[i-1]
            yield m
            end = m.end()


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _mention_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.+#-]){re.escape(name)}(?![\w+#]|\.\w)", re.IGNORECASE)


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _mentions(text: str, name: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``name`` in ``text`` (both lower case), as
    :func:`_mention_pattern` finds them, without compiling a pattern per company: a load sees
    thousands of companies, more than the regex cache holds."""
    spans = []
    size = len(text)
    i = text.find(name)
    while i >= 0:
        j = i + len(name)
        left = text[i - 1] if i else ""
        right = text[j] if j < size else ""
        clear_left = not left or not (_word(left) or left in ".+#-")
        clear_right = not right or not (_word(right) or right in "+#"
                                        or (right == "." and j + 1 < size and _word(text[j + 1])))
        if clear_left and clear_right:
            spans.append((i, j))
        i = text.find(name, i + 1)
    return spans
