"""The job sources jobpulse crawls: slug, default URL, schedule, minimum interval and terms.

The spiders in ``crawlers/`` carry the same default URLs (a test keeps them in step); this
registry is what the CLI and the scheduler read without importing Scrapy.
"""

from __future__ import annotations

from datetime import timedelta

import attrs

from pipeline.errors import UnknownSource


@attrs.frozen
class Source:
    slug: str
    name: str
    default_url: str
    schedule: str
    """Cron expression (minute hour day month weekday) within the source's terms."""
    min_interval: timedelta
    """The shortest time between two crawls of the real source that its terms allow."""
    terms: str
    default_args: tuple[tuple[str, str], ...] = ()


HOUR = timedelta(hours=1)

SOURCES: dict[str, Source] = {
    s.slug: s
    for s in [
        Source("hn", 'Hacker News "Ask HN: Who is hiring?" (Algolia HN Search API)',
               "https://hn.algolia.com", "17 */6 * * *", HOUR,
               "free, keyless; 10,000 requests/hour/IP", (("months", "1"),)),
        Source("hn_freelance",
               'Hacker News "Freelancer? Seeking freelancer?" (SEEKING FREELANCER posts)',
               "https://hn.algolia.com", "27 */6 * * *", HOUR,
               "free, keyless; 10,000 requests/hour/IP", (("months", "1"),)),
        Source("greenhouse", "Greenhouse job boards (public Job Board API)",
               "https://boards-api.greenhouse.io", "5 4 * * *", 6 * HOUR,
               "public GET API; keep about 1 request/second per host"),
        Source("lever", "Lever job boards (public Postings API)",
               "https://api.lever.co", "15 4 * * *", 6 * HOUR,
               "published postings are public; robots.txt Crawl-delay 1"),
        Source("ashby", "Ashby job boards (public Job Posting API)",
               "https://api.ashbyhq.com", "25 4 * * *", 6 * HOUR,
               "public API; unlisted jobs and hidden compensation are respected"),
        Source("remoteok", "Remote OK (JSON API)", "https://remoteok.com", "35 */6 * * *",
               HOUR, "link back to Remote OK with a followed link; credit the source"),
        Source("remotive", "Remotive (remote jobs API)", "https://remotive.com",
               "45 */6 * * *", 6 * HOUR,
               "at most 4 calls a day; link back and name Remotive; no redistribution"),
        Source("himalayas", "Himalayas (remote jobs API)", "https://himalayas.app",
               "55 */6 * * *", HOUR, "free; link back; no redistribution to job aggregators"),
        Source("jobicy", "Jobicy (remote jobs API)", "https://jobicy.com", "5 */3 * * *",
               HOUR, "poll at most hourly; credit Jobicy; no redistribution"),
        Source("arbeitnow", "Arbeitnow (job board API)", "https://www.arbeitnow.com",
               "20 */6 * * *", HOUR, "free; please do not abuse; link back appreciated"),
        Source("weworkremotely", "We Work Remotely (back-end programming RSS)",
               "https://weworkremotely.com", "40 */6 * * *", HOUR,
               "public RSS; link back, low volume"),
        Source("jsonld", "Career pages with schema.org JobPosting JSON-LD (configured URLs)",
               "", "50 3 * * *", 12 * HOUR, "each site's robots.txt and terms"),
        Source("hn_seeking",
               'Hacker News "Who wants to be hired?" (people seeking work: supply, not postings)',
               "https://hn.algolia.com", "37 */6 * * *", HOUR,
               "free, keyless; 10,000 requests/hour/IP", (("months", "1"),)),
    ]
}


def get_source(slug: str) -> Source:
    try:
        return SOURCES[slug]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise UnknownSource(f"unknown source {slug!r} (known: {known})") from None
