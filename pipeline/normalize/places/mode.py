"""Work mode: remote, hybrid or onsite, from the text or a source's own work-mode field."""

from __future__ import annotations

import re

from .model import WorkMode

REMOTE = re.compile(
    r"\bremote(?:ly)?\b|\bwfh\b|\bwork(?:ing)? from (?:home|anywhere)\b|"
    r"\btele(?:commut\w*|work\w*)\b|\bfully distributed\b|\bdistributed team\b|"
    r"\banywhere in the world\b|\bwork from anywhere\b",
    re.I,
)
_NOT_REMOTE = re.compile(
    r"\b(?:no|not|non|never)[- ]remote\b|\bremote (?:is )?(?:not|un)\s?(?:possible|available|"
    r"an option|offered)\b|\bno remote\b",
    re.I,
)
_HYBRID = re.compile(r"\bhybrid\b|\b\d\s?(?:-\s?\d\s?)?days?\s?(?:a|per|/)\s?week\b", re.I)
_ONSITE = re.compile(
    r"\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice[- ]based\b|\bon[- ]premises?\b|"
    r"\bin the office\b|\bonsite\b|\bnot remote\b|\bno remote\b|\bnon[- ]remote\b",
    re.I,
)
ANYWHERE_RE = re.compile(
    r"\banywhere\b(?! in (?!the world))|\bworld[- ]?wide\b|\bglobal(?:ly)?\b"
    r"|\bany (?:location|country)\b",
    re.I,
)


def mode_from_text(s: str) -> WorkMode | None:
    remote = bool(REMOTE.search(s)) and not _NOT_REMOTE.search(s)
    if remote:
        # "Remote" that only appears negated elsewhere still counts if another mention is positive.
        return "remote"
    if _NOT_REMOTE.search(s) and REMOTE.search(_NOT_REMOTE.sub(" ", s)):
        return "remote"
    if _HYBRID.search(s):
        return "hybrid"
    if _ONSITE.search(s):
        return "onsite"
    return None


MODE_HINTS: dict[str, WorkMode] = {
    "remote": "remote", "fullyremote": "remote", "telecommute": "remote", "remoteok": "remote",
    "hybrid": "hybrid", "onsite": "onsite", "inoffice": "onsite", "office": "onsite",
    "inperson": "onsite",
}

# A source's own work-mode field (Ashby ``workplaceType`` "OnSite", Lever "on-site"/"onsite",
# schema.org "TELECOMMUTE"): only a whole value counts, never a word inside free text.
_FIELD_MODES: dict[str, WorkMode] = {
    "remote": "remote", "fullyremote": "remote", "telecommute": "remote",
    "hybrid": "hybrid", "onsite": "onsite", "inoffice": "onsite", "inperson": "onsite",
    "office": "onsite",
}


def mode_from_field(value: object) -> WorkMode | None:
    """The work mode a source's field states as its whole value; ``None`` for free text."""
    if not isinstance(value, str):
        return None
    return _FIELD_MODES.get(re.sub(r"[^a-z]", "", value.lower()))
