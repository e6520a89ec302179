"""Folding free text into the comparable form every lookup table is keyed by."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(block: str) -> frozenset[str]:
    return frozenset(block.split())


def fold(s: str) -> str:
    """Lower-case, strip accents, collapse non-letters to spaces ("São-Paulo" -> "sao paulo")."""
    if s.isascii():  # nothing to replace, decompose or strip
        return " ".join(WORD.findall(s.lower()))
    s = s.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(WORD.findall(s.lower()))
