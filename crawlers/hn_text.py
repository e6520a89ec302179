"""Hacker News comment HTML to text, and the de-facto first-line header of a job ad.

HN comments use a tiny HTML subset (bare or closed ``<p>``, ``<a>``, ``<i>``, ``<pre><code>``)
with every ``/`` escaped as ``&#x2F;``, so a few regular expressions decode it exactly and an
order of magnitude faster than a full HTML parser.
"""

from __future__ import annotations

import html
import re

import attrs

_LINK = re.compile(r"<a\s[^>]*?href=\"([^\"]*)\"[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL)
_PARA = re.compile(r"\s*</?p>\s*", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n{3,}")


def hn_html_to_text(markup: str | None) -> str:
    """Decode HN comment HTML (Algolia ``<p>a</p><p>b</p>`` or Firebase ``a<p>b``) to text.

    Paragraphs become blank lines, a link becomes its full ``href`` (HN shortens link text),
    other tags are dropped and entities decoded.

    >>> hn_html_to_text('Acme | SRE<p>See <a href="https:&#x2F;&#x2F;a.io&#x2F;j">a.io/...</a>')
    'Acme | SRE\\n\\nSee https://a.io/j'
    """
    if not markup:
        return ""
    text = _LINK.sub(lambda m: m.group(1), markup)
    text = _PARA.sub("\n\n", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return _BLANKS.sub("\n\n", text).strip()


@attrs.frozen
class Header:
    """Fields of a job ad's first line, each exactly as written (``None`` when absent)."""

    line: str
    company: str | None = None
    role: str | None = None
    location: str | None = None
    remote: str | None = None
    employment: str | None = None
    pay: str | None = None
    url: str | None = None
    fields: tuple[str, ...] = ()


_SEPARATORS = re.compile(r"\s*\|\s*")
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$", re.IGNORECASE)
_REMOTE = re.compile(
    r"\b(?:remote|onsite|on-site|on site|in-office|in office|hybrid|wfh|distributed)\b",
    re.IGNORECASE,
)
_EMPLOYMENT = re.compile(
    r"^(?:(?:full|part)[ -]?time|ft|pt|contract(?:or)?(?:[ -]to[ -]hire)?|freelance|"
    r"intern(?:ship)?s?|permanent|temporary|c2h)(?:\s*(?:[,/&+]|and|or)\s*"
    r"(?:(?:full|part)[ -]?time|ft|pt|contract(?:or)?|freelance|intern(?:ship)?s?|permanent))*$",
    re.IGNORECASE,
)
_PAY = re.compile(
    r"(?:[$€£¥₹]|\b(?:usd|eur|gbp|chf|cad|aud|sek|nok|dkk|pln)\b)\s*\d"
    r"|\d\s*(?:[kK]\b|[$€£])"
    r"|\d\s*(?:/\s*(?:hr|hour|h|day|yr|year)|per\s+(?:hour|day|year|annum))\b"
    r"|\b(?:salary|comp(?:ensation)?|equity|doe|competitive)\b",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"\b(?:engineers?|developers?|devs?|sre|architects?|scientists?|designers?|managers?|"
    r"leads?|heads?|directors?|analysts?|admins?|administrators?|programmers?|roles?|"
    r"positions?|cto|vp|founding|hacker|researchers?|specialists?|consultants?|devops|"
    r"backend|frontend|full[- ]?stack|staff|principal|intern)\b",
    re.IGNORECASE,
)


def _classify(field: str) -> str | None:
    if _URL.match(field):
        return "url"
    if _EMPLOYMENT.match(field):
        return "employment"
    if _REMOTE.search(field) and not _ROLE.search(field):
        return "remote"
    if _PAY.search(field) and not _ROLE.search(field):
        return "pay"
    return None


def parse_header(first_line: str) -> Header:
    """Split an HN job ad's first line on ``|`` into company, role, location, remote, pay, ...

    The convention is ``Company | Role | Location | REMOTE | Full-time | Salary | URL`` with every
    field optional and in any order: the company comes first, fields are recognised by their
    shape, and what is left is the role and then the location. A line without ``|`` is not a
    header; it only yields its text.

    >>> parse_header("Acme | Backend Engineer | Berlin | REMOTE (EU) | $150k").pay
    '$150k'
    """
    line = first_line.strip()
    if "|" not in line:
        return Header(line=line)
    fields = tuple(f for f in (p.strip() for p in _SEPARATORS.split(line)) if f)
    if not fields:
        return Header(line=line)
    found: dict[str, str] = {}
    remotes: list[str] = []
    unclassified: list[str] = []
    for field in fields[1:]:
        kind = _classify(field)
        if kind == "remote":
            remotes.append(field)
        elif kind and kind not in found:
            found[kind] = field
        else:
            unclassified.append(field)
    if remotes:
        # "London or Remote (UK) | ONSITE or REMOTE": the bare one is the work mode and the
        # one naming a place is the location.
        found["remote"] = next((r for r in remotes if not _has_place(r)), remotes[0])
        unclassified += [r for r in remotes if r is not found["remote"]]
    # A field with no role word is far more often a place ("NYC, NY") than a role.
    role = next((f for f in unclassified if _ROLE.search(f)), None)
    location = next((f for f in unclassified if f is not role and not _ROLE.search(f)), None)
    remote = found.get("remote")
    if location is None and remote and _has_place(remote):
        # "SF, Remote (North America)" is both where and how.
        location = remote
    return Header(
        line=line,
        company=fields[0],
        role=role,
        location=location,
        remote=remote,
        employment=found.get("employment"),
        pay=found.get("pay"),
        url=found.get("url"),
        fields=fields,
    )


def _has_place(text: str) -> bool:
    remainder = _REMOTE.sub("", text)
    return bool(re.search(r"[A-Za-z]{2,}", re.sub(r"\b(?:only|or|and|friendly|ok)\b", "",
                                                   remainder, flags=re.IGNORECASE)))
