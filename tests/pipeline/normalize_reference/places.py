"""The place text folding and the city index's alternate-name filter before their ASCII fast
paths (``pipeline/normalize/places/text.py``, ``cities.py``)."""

from __future__ import annotations

import unicodedata

from pipeline.normalize.places.cities import _LATIN_NAMES
from pipeline.normalize.places.text import WORD


def fold(s: str) -> str:
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(WORD.findall(s.lower()))


def latin_alternates(names: list[str]) -> list[str]:
    out = []
    for alt in names:
        if len(alt) < 4 or not alt[:1].isupper() or alt.isupper() or "Lungsod" in alt:
            continue
        if not all(ch.isascii() or unicodedata.category(ch).startswith(("L", "M"))
                   or ch in " -'." for ch in alt):
            continue
        if any(unicodedata.name(ch, "").split(" ")[0] not in _LATIN_NAMES for ch in alt):
            continue
        out.append(alt)
    return out
