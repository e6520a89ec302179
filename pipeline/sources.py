"""The job sources jobpulse crawls: slug, default URL, schedule and terms.

The spiders in ``crawlers/`` carry the same default URLs (a test keeps them in step); this
registry is what the CLI and the scheduler read without importing Scrapy.
"""

from __future__ import annotations

import attrs


@attrs.frozen
class Source:
    slug: str
    name: str
    default_url: str
    schedule: str
    """Cron expression (minute hour day month weekday), within the source's terms."""
    terms: str
    default_args: tuple[tuple[str, str], ...] = ()


SOURCES: dict[str, Source] = {
    s.slug: s
    for s in [
        Source(
            slug="hn",
            name='Hacker News "Ask HN: Who is hiring?" (Algolia HN Search API)',
            default_url="https://hn.algolia.com",
            schedule="17 */6 * * *",
            terms="Algolia HN API: free, keyless, 10,000 requests/hour/IP",
            default_args=(("months", "1"),),
        ),
    ]
}


def get_source(slug: str) -> Source:
    from pipeline.errors import UnknownSource

    try:
        return SOURCES[slug]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise UnknownSource(f"unknown source {slug!r} (known: {known})") from None
