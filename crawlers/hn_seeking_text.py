"""A "Who wants to be hired?" post read into what the supply view needs, and nothing personal.

People seeking work write a loose form: ``Location: Berlin``, ``Remote: Yes``, ``Willing to
relocate: No``, ``Technologies: Python, Go``, ``Résumé/CV: <link>``, ``Email: ...``, then free
text. The post is about a person, so the raw item keeps only what describes the work offered
(place, remote, relocation, technologies, the pitch for skill extraction) and never the person:
contact and identity fields are dropped whole, and e-mail addresses, links, phone numbers,
``@handles`` and self-introductions ("I'm Jane") are cut out of every kept value.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

SEEKING_KIND = "seeking_work"
"""The item kind the loader routes to the supply tables, never to ``postings``."""
MAX_TEXT_CHARS = 4000
"""The pitch kept for skill extraction; a post longer than this is a life story, not skills."""

# Labels the supply view reads; every other label names a way to reach or identify the person.
KEPT_LABELS = {
    "location": "location", "based in": "location",
    "remote": "remote",
    "willing to relocate": "relocate", "relocate": "relocate", "relocation": "relocate",
    "technologies": "technologies", "tech stack": "technologies", "stack": "technologies",
    "skills": "technologies", "tech": "technologies",
}
PERSONAL_LABELS = (
    "résumé/cv", "resume/cv", "résumé", "resume", "cv", "email", "e-mail", "mail", "contact",
    "github", "gitlab", "linkedin", "portfolio", "website", "web", "site", "blog", "homepage",
    "phone", "tel", "twitter", "x", "mastodon", "bluesky", "name", "telegram", "signal",
    "whatsapp", "keybase", "stackoverflow", "stack overflow", "personal site", "calendar",
)
_LABELS = sorted([*KEPT_LABELS, *PERSONAL_LABELS], key=len, reverse=True)
# A label opens a line or follows a separator ("Remote: Yes | Relocate: No").
_LABEL = re.compile(
    r"(?:^|(?<=[\n|•;,]))[ \t*\-]*(" + "|".join(re.escape(x) for x in _LABELS) + r")\s*:",
    re.IGNORECASE)

_EMAIL = re.compile(r"[^\s@\"'<>(),;:]+\s*(?:@|\[at\]|\(at\))\s*[^\s@\"'<>(),;:]+"
                    r"\s*(?:\.|\[dot\]|\(dot\))\s*[A-Za-z]{2,}", re.IGNORECASE)
# A link: with a scheme or www; any domain followed by a path; a bare domain with a common
# lower-case TLD (case-sensitive, so "ASP.NET" stays; "Node.js" has no such TLD).
_URL = re.compile(r"(?i:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/\S*"
                  r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|dev|io|me|net|org|co|app|page|sh|xyz|info|"
                  r"tech|site|ai|cv|pro|de|uk|fr|nl|es|it|pl|ca|eu|ch|se|no|at|be|us|in|br)\b")
_PHONE = re.compile(r"\+?\d[\d\s().\-]{7,}\d")
_HANDLE = re.compile(r"(?<![\w.])@[\w.]{2,}")
# "I'm Jane", "my name is Jane Doe", "This is Raj": a capitalised word (or two) after it.
_INTRO = re.compile(r"\b(?i:my name is|my name's|i'm|i’m|i am|this is|call me)\s+"
                    r"(?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+)?")
_YEARS = re.compile(r"\b(\d{1,2})\s*\+?\s*(?:years?|yrs?)\b", re.IGNORECASE)
_SENIORITY = re.compile(r"\b(intern|junior|mid-level|senior|staff|principal|lead)\b",
                        re.IGNORECASE)
_SPACES = re.compile(r"[ \t]{2,}")


def scrub(text: str) -> str:
    """``text`` without e-mail addresses, links, phone numbers, handles or self-introductions."""
    for pattern in (_EMAIL, _URL, _PHONE, _HANDLE):
        text = pattern.sub(" ", text)
    text = _INTRO.sub(lambda m: m.group(0).split()[0] + " …", text)
    return _SPACES.sub(" ", text).strip()


@attrs.frozen
class SeekingFields:
    """The labelled values of a post (scrubbed) and its free text (scrubbed)."""

    location: str | None = None
    remote: str | None = None
    relocate: str | None = None
    technologies: str | None = None
    text: str = ""
    labels: tuple[str, ...] = ()
    """Kept labels as written, in order (what the poster filled in; shows format drift)."""


def split_fields(text: str) -> SeekingFields:
    """Split a post's text into its labelled fields and the rest.

    A label's value runs to the next label or the end of its line; values of personal labels
    (e-mail, résumé, GitHub, ...) are dropped whole, so a link there never survives even when
    the link pattern would miss it.
    """
    matches = list(_LABEL.finditer(text))
    values: dict[str, str] = {}
    labels: list[str] = []
    rest: list[str] = [text[: matches[0].start()] if matches else text]
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        line_end = text.find("\n", match.end())
        stop = end if line_end < 0 else min(end, line_end)
        value = text[match.end():stop].strip(" \t|•;,")
        label = match.group(1).lower()
        if label in KEPT_LABELS:
            field = KEPT_LABELS[label]
            labels.append(match.group(1))
            if value and field not in values:
                values[field] = scrub(value)[:300] or None  # type: ignore[assignment]
        rest.append(text[stop:end])
    free = scrub("\n".join(part for part in rest if part.strip()))
    return SeekingFields(
        location=values.get("location") or None, remote=values.get("remote") or None,
        relocate=values.get("relocate") or None,
        technologies=values.get("technologies") or None,
        text=free[:MAX_TEXT_CHARS], labels=tuple(labels))


def years_of_experience(text: str) -> int | None:
    """The largest plausible "N years" the post states (a career's length), if any."""
    found = [int(m.group(1)) for m in _YEARS.finditer(text)]
    plausible = [y for y in found if 0 < y <= 50]
    return max(plausible) if plausible else None


def seniority_word(text: str) -> str | None:
    """The first seniority word of the post, lower case (``senior``, ``staff``, ...)."""
    match = _SENIORITY.search(text)
    return match.group(1).lower() if match else None


def looks_like_profile(fields: SeekingFields) -> bool:
    """Whether the post fills in the thread's form at all (a reply-like note does not)."""
    return bool(fields.location or fields.remote or fields.technologies)


def thread_month(title: str | None, created_at_i: Any = None) -> str | None:
    """``"2025-06"`` from a thread title ``"... (June 2025)"``, else from the thread's time."""
    from datetime import UTC, datetime

    match = re.search(r"\((\w+)\s+(\d{4})\)\s*$", title or "")
    if match:
        try:
            month = datetime.strptime(f"{match.group(1)} {match.group(2)}", "%B %Y")
        except ValueError:
            month = None
        if month is not None:
            return f"{month:%Y-%m}"
    if isinstance(created_at_i, int) and not isinstance(created_at_i, bool):
        return f"{datetime.fromtimestamp(created_at_i, UTC):%Y-%m}"
    return None
