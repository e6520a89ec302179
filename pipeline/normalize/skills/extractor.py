"""Skill extraction: free text (plus a title and source tags) to sorted canonical names."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from typing import Any

from handoff.text import html_to_text
from pipeline.normalize.skills.context import ContextRules, sandwiched, url_spans
from pipeline.normalize.skills.employer import employer_spans
from pipeline.normalize.skills.local import LOCAL_CATEGORIES, confirm_locally
from pipeline.normalize.skills.matcher import GATED, STRONG, Form, FormMatcher, Hit
from pipeline.normalize.skills.perks import CUE_STARTS, equipment_spans
from pipeline.normalize.skills.taxonomy import Taxonomy


class SkillExtractor:
    """Find canonical skills in text.  Build once per taxonomy; ``extract`` is thread-safe."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        # Marks: where "our" starts a word (a product the ad calls its own), where a link may
        # be and where an equipment cue may start, found in the same pass as the forms.
        self.matcher = FormMatcher(taxonomy, [("our", True), ("//", False), ("www.", False),
                                              *((w, False) for w in CUE_STARTS)])
        self._closure: dict[str, tuple[str, ...]] = {
            n: (n, *taxonomy.ancestors(n)) for n in taxonomy.skills
        }
        self._with_parents = frozenset(n for n, c in self._closure.items() if len(c) > 1)
        self._rules = ContextRules(taxonomy, self._closure)
        self._local_eligible = frozenset(
            n for n, s in taxonomy.skills.items() if s.category in LOCAL_CATEGORIES
        )
        self._given = frozenset(n for n, s in taxonomy.skills.items() if s.given_name)
        os_names = frozenset(n for n, s in taxonomy.skills.items() if s.category == "os")
        # The hits that may name an operating system, by the identity of their forms tuple
        # (one per surface form): a set lookup per hit instead of a walk over its forms.
        self._os_form_tuples = [fl for fl in self.matcher.form_tuples()
                                if any(f.skill in os_names for f in fl)]
        self._os_forms = frozenset(map(id, self._os_form_tuples))

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_os_forms"]  # identities: a copy read back holds other objects
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        # The tuples came back as the very objects the matcher's hits carry (one pickle keeps
        # shared objects shared), so their new identities are the ones to look up.
        self._os_forms = frozenset(map(id, self._os_form_tuples))

    def _candidates(self, text: str, *, trusted: bool = False,
                    company: str | None = None) -> set[str]:
        """Skills found in ``text`` after case and gate checks.

        ``trusted`` (titles): a gated form counts if any skill or cue word is in the text.
        Links and the employer's own name (``company``) are skipped.
        """
        marked: list[list[int]] = [[] for _ in range(self.matcher.n_marks)]
        hits = self.matcher.scan(text, marked)
        if not hits:
            return set()
        skipped = employer_spans(text, company, marked[0])
        if marked[1] or marked[2]:  # where "//" or "www." may be: links to skip
            skipped += url_spans(text)
        if skipped:
            hits = [h for h in hits if not any(a <= h[0] < b for a, b in skipped)]
            if not hits:
                return set()
        os_forms = self._os_forms
        if not os_forms.isdisjoint([id(h[3]) for h in hits]):
            perks = equipment_spans(text, itertools.chain(*marked[3:]))
            if perks:
                hits = [h for h in hits
                        if not (id(h[3]) in os_forms and any(a <= h[0] < b for a, b in perks))]
                if not hits:
                    return set()
        # Fast path: most hits carry one plain form; everything else needs case/gate checks.
        found = {h[2] for h in hits if h[2] is not None}
        rest = [i for i, h in enumerate(hits) if h[2] is None]
        if not rest:
            return found
        gated, weak, strong, strong_extra = _sort_forms(text, hits, rest)
        found |= strong
        gated = [g for g in gated if g[1].skill not in found]
        if gated:
            found |= self._rules.corroborated(text, hits, gated, strong_extra, trusted=trusted)
            gated = [g for g in gated if g[1].skill not in found]
            if gated:
                found |= confirm_locally(text, hits, gated, strong_extra, found,
                                         eligible=self._local_eligible, given=self._given)
        weak = [w for w in weak if w[1].skill is not None and w[1].skill not in found]
        if weak:
            found |= sandwiched(text, hits, weak, strong_extra)
        return found

    def extract(
        self, text: str, *, title: str | None = None, tags: Sequence[str] = (),
        company: str | None = None,
    ) -> tuple[str, ...]:
        """Sorted, de-duplicated canonical names in ``text`` (plus title and tags).

        Parents of matched skills are added; the employer's name (``company``) is not a skill.
        Never raises on any ``str``.
        """
        if not isinstance(company, str):
            company = None
        found = (self._candidates(text, company=company)
                 if isinstance(text, str) and text else set())
        if title and isinstance(title, str):
            found |= self._candidates(title, trusted=True, company=company)
        if tags and not isinstance(tags, str):
            for tag in tags:
                if isinstance(tag, str):
                    name = self.taxonomy.resolve(tag)
                    if name is not None:
                        found.add(name)
        if not found:
            return ()
        closure = self._closure
        for name in found & self._with_parents:
            found.update(closure[name])
        return tuple(sorted(found))

    def extract_html(
        self, html: str, *, title: str | None = None, tags: Sequence[str] = (),
        company: str | None = None,
    ) -> tuple[str, ...]:
        """Convert HTML to clean text, then :meth:`extract`."""
        return self.extract(_lenient_html_to_text(html), title=title, tags=tags, company=company)


def _sort_forms(
    text: str, hits: Sequence[Hit], rest: list[int]
) -> tuple[list[tuple[int, Form]], list[tuple[int, Form]], set[str], dict[int, str]]:
    """The forms of the hits off the fast path, by what they still need.

    Returns gated forms by start offset, forms whose case did not match by hit index, the
    skills of the strong forms that matched, and one such skill per hit index.  Blockers only
    exist to win the overlap, so they appear in none.
    """
    gated: list[tuple[int, Form]] = []
    weak: list[tuple[int, Form]] = []
    strong: set[str] = set()
    strong_extra: dict[int, str] = {}
    for i in rest:
        start, end, _, fl = hits[i]
        for f in fl:
            if f.cased is not None and text[start:end] != f.cased:
                weak.append((i, f))
                continue
            if f.kind == STRONG:
                strong.add(f.skill)  # type: ignore[arg-type]
                strong_extra[i] = f.skill  # type: ignore[assignment]
            elif f.kind == GATED and not _imperative(text, start, end):
                gated.append((start, f))
    return gated, weak, strong, strong_extra


# A gated name that opens a sentence and is followed by a particle is a verb in the
# imperative ("Go from idea to production.", "Go beyond the brief"), not a technology;
# "We use Go to build" and "migrated to Go from Python" do not open a sentence.
_PARTICLE = re.compile(r"[ \t]+(?:from|to|live|ahead|beyond|above|back|forward|through|further|"
                       r"deeper|far|fast|faster|big|wild|all[ -]in)\b", re.IGNORECASE)
_SENTENCE_END = frozenset(".!?\n•*-–—")


def _imperative(text: str, start: int, end: int) -> bool:
    if not _PARTICLE.match(text, end):
        return False
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END


def _lenient_html_to_text(html: str) -> str:
    """:func:`handoff.text.html_to_text`, falling back to cruder parsers where it raises.

    Extraction must never stop on malformed markup (a lone surrogate), where the crawlers
    rather fail the record.
    """
    try:
        return html_to_text(html)
    except Exception:  # noqa: BLE001 - malformed markup must never stop extraction
        try:
            from bs4 import BeautifulSoup

            return BeautifulSoup(html, "html.parser").get_text("\n")
        except Exception:  # noqa: BLE001
            import html as _html

            return _html.unescape(re.sub(r"<[^>]*>", " ", html))
