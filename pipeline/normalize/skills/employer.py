"""The employer's own name is not a skill it asks for.

Companies are often named after their product ("PostHog | Product Engineer | Remote",
"ClickHouse is hiring..."), and that product is in the taxonomy. Counting it would make every
ad of such a company a demand for its own product and inflate that skill's share by the
company's hiring alone. So every mention of the posting's company (for Hacker News, the first
field of the "Company | Role | Location | ..." header, which the spider stores as the company)
is masked before skills are looked for. Other employers naming the same product still count.
"""

from __future__ import annotations

import re

__all__ = ["company_core", "employer_spans"]

# Legal forms and generic company words after the name: "ClickHouse, Inc." and "Grafana Labs"
# are the companies behind ClickHouse and Grafana.
_SUFFIX = re.compile(
    r"(?:[\s,]+(?:inc|llc|ltd|limited|gmbh|ag|sa|sas|sarl|bv|b\.v|nv|plc|corp|corporation|co|"
    r"oy|ab|as|aps|pty|srl|spa|kg|labs?|technologies|technology|software|systems|hq|"
    r"io|ai|app|company|group)\.?)+\s*\Z",
    re.IGNORECASE,
)


def company_core(name: str | None) -> str | None:
    """The name without legal form or generic company words; None when too short to mask."""
    if not name or not isinstance(name, str):
        return None
    core = _SUFFIX.sub("", name.strip().strip(" .,;:-"))
    core = core.strip(" .,;:-()")
    return core if len(core) >= 2 else None


def employer_spans(text: str, company: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of every mention of ``company`` in ``text``: its core name, whole words,
    any case; the full name too, so "Grafana Labs" is masked whole."""
    spans: list[tuple[int, int]] = []
    core = company_core(company)
    if core is None or company is None:
        return spans
    for name in {core, company.strip()}:
        pattern = re.compile(rf"(?<![\w.+#-]){re.escape(name)}(?![\w+#]|\.\w)", re.IGNORECASE)
        spans.extend(m.span() for m in pattern.finditer(text))
    return spans
