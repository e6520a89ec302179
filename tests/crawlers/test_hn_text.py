"""HN comment HTML decoding and the first-line header parser."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawlers.hn_text import Header, hn_html_to_text, parse_header

# (first line, expected fields): real-looking header forms, written for these tests.
HEADER_EXAMPLES = [
    ("Quillstack | Senior Backend Engineer | Berlin, Germany | REMOTE (EU) | Full-time | €85k-105k",
     dict(company="Quillstack", role="Senior Backend Engineer", location="Berlin, Germany",
          remote="REMOTE (EU)", employment="Full-time", pay="€85k-105k")),
    ("Neon Kite | Founding Sr Backend Engineer | SF, Remote (North America) | Full-time | "
     "$170-225K + equity",
     dict(company="Neon Kite", role="Founding Sr Backend Engineer",
          location="SF, Remote (North America)", remote="SF, Remote (North America)",
          employment="Full-time", pay="$170-225K + equity")),
    ("Smartly | 150-250k+ + equity + benefits | Remote (US only) | Multiple roles | "
     "https://smartly.example/careers",
     dict(company="Smartly", role="Multiple roles", pay="150-250k+ + equity + benefits",
          remote="Remote (US only)", location="Remote (US only)",
          url="https://smartly.example/careers")),
    ("Goodly | Remote | $170-230K + equity and benefits | Full-time",
     dict(company="Goodly", role=None, location=None, remote="Remote", employment="Full-time",
          pay="$170-230K + equity and benefits")),
    ("Galaxy (galaxy.example) - The Cursor for SQL | NYC, NY | Full time",
     dict(company="Galaxy (galaxy.example) - The Cursor for SQL", role=None, location="NYC, NY",
          employment="Full time")),
    ("Lumenfold|Contract Rust Developer|REMOTE (Worldwide)|Contract|$110/hr",
     dict(company="Lumenfold", role="Contract Rust Developer", remote="REMOTE (Worldwide)",
          employment="Contract", pay="$110/hr")),
    ("Nordhavn | Staff Engineer | Copenhagen | Hybrid | Full-time, Contract | DKK 80,000/month",
     dict(company="Nordhavn", role="Staff Engineer", location="Copenhagen", remote="Hybrid",
          employment="Full-time, Contract", pay="DKK 80,000/month")),
    ("Acme | Backend, Frontend and SRE roles | London or Remote (UK) | ONSITE or REMOTE",
     dict(company="Acme", role="Backend, Frontend and SRE roles", location="London or Remote (UK)",
          remote="ONSITE or REMOTE")),
    ("Orbital | Engineers | Zürich | Competitive salary + equity",
     dict(company="Orbital", role="Engineers", location="Zürich",
          pay="Competitive salary + equity")),
    ("Ferrovia Data - hiring two data engineers in London (hybrid). £75,000 - £95,000.",
     dict(company=None, role=None, location=None, pay=None)),
]


@pytest.mark.parametrize(("line", "expected"), HEADER_EXAMPLES, ids=lambda v: str(v)[:40])
def test_parse_header(line: str, expected: dict[str, str | None]) -> None:
    header = parse_header(line)
    for field, value in expected.items():
        assert getattr(header, field) == value, field


def test_header_keeps_every_field_in_order() -> None:
    header = parse_header(" A | B |  | C ")
    assert header.fields == ("A", "B", "C")


@given(st.text())
def test_parse_header_never_raises(line: str) -> None:
    assert isinstance(parse_header(line), Header)


HTML_EXAMPLES = [
    # Algolia's serializer wraps every paragraph ...
    ("<p>A | B</p><p>Stack: Go &amp; Rust</p>", "A | B\n\nStack: Go & Rust"),
    # ... Firebase keeps HN's bare <p> separators.
    ("A | B<p>Stack: Go &amp; Rust", "A | B\n\nStack: Go & Rust"),
    ('see <a href="https:&#x2F;&#x2F;x.example&#x2F;jobs" rel="nofollow">'
     'https:&#x2F;&#x2F;x...</a>', "see https://x.example/jobs"),
    ("<p>It&#x27;s &quot;fine&quot; &lt;really&gt;</p>", "It's \"fine\" <really>"),
    ("<p>roles:\nBackend\nSRE</p>", "roles:\nBackend\nSRE"),
    ("<p><i>No</i> recruiters</p><p><pre><code>a &#x2F; b\n  c</code></pre></p>",
     "No recruiters\n\na / b\n  c"),
    ("", ""),
]


@pytest.mark.parametrize(("markup", "text"), HTML_EXAMPLES)
def test_hn_html_to_text(markup: str, text: str) -> None:
    assert hn_html_to_text(markup) == text


@given(st.text())
def test_hn_html_to_text_never_raises(markup: str) -> None:
    assert isinstance(hn_html_to_text(markup), str)
