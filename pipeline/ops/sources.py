"""The job sources jobpulse crawls: slug, default URL, schedule, minimum interval and terms.

The spiders in ``crawlers/`` carry the same default URLs (a test keeps them in step); this
registry is what the CLI and the scheduler read without importing Scrapy.
"""

from __future__ import annotations

from datetime import timedelta

import attrs

from pipeline.errors import UnknownSource


@attrs.frozen
class ApiKey:
    """A source crawled only with the user's own key, read from ``env`` by its spider."""

    env: str
    shape: str
    """What the value looks like, for the message that asks for it (``app_id:app_key``)."""
    demo: str
    """A value of that shape for the offline demo and tests (the replay server takes any)."""


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
    key: ApiKey | None = None
    """Set for a keyed source: crawled only when ``key.env`` is set, skipped otherwise."""


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
        Source("recruitee", "Recruitee careers sites (public Careers Site API)",
               "https://{board}.recruitee.com", "35 4 * * *", 6 * HOUR,
               "public API for showing a company's published offers; ~1 request/second"),
        Source("personio", "Personio career sites (public XML job feed)",
               "https://{board}.jobs.personio.de", "45 4 * * *", 6 * HOUR,
               "public XML feed for showing a company's positions; 429 on quick repeats"),
        Source("bamboohr", "BambooHR careers sites (public careers JSON)",
               "https://{board}.bamboohr.com", "35 4 * * *", 12 * HOUR,
               "undocumented public careers JSON; about 1 request/second per company host"),
        Source("workday", "Workday career sites (public career-site search JSON)",
               "https://{board}", "45 4 * * *", 12 * HOUR,
               "undocumented; rate-sensitive: one request at a time per tenant, 2 s apart, "
               "page cap per board"),
        Source("smartrecruiters", "SmartRecruiters career sites (public Posting API)",
               "https://api.smartrecruiters.com", "35 4 * * *", 6 * HOUR,
               "public postings need no key; documented limit 10 requests/second"),
        Source("workable", "Workable career pages (public jobs widget API)",
               "https://apply.workable.com", "45 4 * * *", 6 * HOUR,
               "public careers-page data; the host rate-limits hard, one account per 5 s"),
        Source("adzuna", "Adzuna (job search API, your own key)", "https://api.adzuna.com",
               "10 5 * * *", 12 * HOUR,
               "free key: 25 hits/min, 250/day, 2,500/month; link jobs to redirect_url",
               key=ApiKey("JOBPULSE_ADZUNA_KEY", "app_id:app_key", "demo-app:demo-key")),
        Source("reed", "Reed.co.uk (Jobseeker API, your own key)", "https://www.reed.co.uk",
               "30 5 * * *", 12 * HOUR,
               "free key; jobseeker use; link jobs to jobUrl; no published rate limit",
               key=ApiKey("JOBPULSE_REED_KEY", "api_key", "demo-reed-key")),
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
