"""Hacker News "Ask HN: Who wants to be hired?" threads: the supply side, people seeking work.

Each top-level comment is a person offering their skills. These are not job postings: the item
is a :class:`SeekingPostItem` of kind ``seeking_work``, which the loader writes to the supply
tables (``seeking_posts``, ``seeking_post_skills``) and never to ``postings``. The item keeps
what the supply view needs and no personal data (``crawlers/hn_seeking_text.py``): no author,
no link to the comment, no contact fields. Search, thread fetch, months/since/until and error
accounting are the ``hn`` spider's.
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from crawlers.hn_seeking_text import (
    SEEKING_KIND,
    looks_like_profile,
    seniority_word,
    split_fields,
    thread_month,
    years_of_experience,
)
from crawlers.hn_text import hn_html_to_text
from crawlers.spiders.hn import HN_ITEM_URL, HnSpider, _iso_utc, skip_reason


@attrs.define(kw_only=True)
class SeekingPostItem:
    """One person's "Who wants to be hired?" post, as far as the supply view needs it."""

    source: str
    source_id: str
    """The comment's HN id: the key that makes a re-crawl change nothing."""
    url: str
    """The thread's URL (never the comment's, which shows the poster's name)."""
    fetched_at: str
    crawl_run: str
    kind: str = SEEKING_KIND
    story_id: int
    thread: str
    thread_month: str | None
    """``YYYY-MM`` of the thread (the month the post is supply in)."""
    datePublished: str | None = None
    location: str | None = None
    remote: str | None = None
    relocate: str | None = None
    technologies: str | None = None
    text: str = ""
    """The free text, scrubbed, for skill extraction (the loader does not store it)."""
    years: int | None = None
    seniority: str | None = None
    labels: list[str] = attrs.Factory(list)


def seeking_skip_reason(node: dict[str, Any], story_id: int) -> str | None:
    """Why a node of a "Who wants to be hired?" thread is not a post, or ``None``."""
    reason = skip_reason(node, story_id)
    # In this thread, seeking work is the point, not a misplaced post.
    return None if reason == "seeker" else reason


def extract_seeking(node: dict[str, Any], *, source: str, story_id: int, thread: str,
                    fetched_at: str, crawl_run: str) -> SeekingPostItem | None:
    """The item for one top-level post, or ``None`` when it fills in none of the form."""
    text = hn_html_to_text(node.get("text") or "")
    fields = split_fields(text)
    if not looks_like_profile(fields):
        return None
    return SeekingPostItem(
        source=source, source_id=str(node["id"]), url=HN_ITEM_URL.format(id=story_id),
        fetched_at=fetched_at, crawl_run=crawl_run, story_id=story_id, thread=thread,
        thread_month=thread_month(thread, node.get("created_at_i")),
        datePublished=_iso_utc(node.get("created_at_i"), node.get("created_at")),
        location=fields.location, remote=fields.remote, relocate=fields.relocate,
        technologies=fields.technologies, text=fields.text,
        years=years_of_experience(fields.text), seniority=seniority_word(fields.text),
        labels=list(fields.labels))


class HnSeekingSpider(HnSpider):
    """Monthly "Who wants to be hired?" threads; one supply item per person's post.

    Arguments as for ``hn``: ``months``, ``since``, ``until``, ``base_url``.
    """

    name = "hn_seeking"
    thread_prefix: ClassVar[str] = "Ask HN: Who wants to be hired?"

    def node_skip_reason(self, node: dict[str, Any], story_id: int) -> str | None:
        return seeking_skip_reason(node, story_id)

    def build_posting(self, node: dict[str, Any], *, story_id: int, thread: str,
                      fetched_at: str) -> Any:
        return extract_seeking(node, source=self.name, story_id=story_id, thread=thread,
                               fetched_at=fetched_at, crawl_run=self.crawl_run)

    # A post that fills in none of the form builds nothing: there is no title or company to
    # require, so that is the one thing that keeps a built post back, and it is a skip.
    skipped_problems: ClassVar[frozenset[str]] = frozenset({"not_a_profile"})

    def item_problem(self, item: Any) -> tuple[str, str] | None:
        return ("not_a_profile", "fills in none of the form") if item is None else None
