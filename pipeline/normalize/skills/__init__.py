"""Skills taxonomy and fast skill extraction from job-posting text.

Every number jobpulse shows is a count of skills, so this package decides what "a posting
mentions Kubernetes" means:

* :mod:`~pipeline.normalize.skills.taxonomy` — :class:`Taxonomy`, the canonical technologies
  loaded from ``pipeline/normalize/taxonomy.yaml`` (name, category, optional parent, surface
  forms, disambiguation rules);
* :mod:`~pipeline.normalize.skills.matcher` — every surface form in one Aho-Corasick
  automaton: token-bounded, leftmost-longest hits in one pass (no per-skill regex loop);
* :mod:`~pipeline.normalize.skills.context` — whether a hit counts, from the text around it;
* :mod:`~pipeline.normalize.skills.local` — gated names confirmed by their neighbours;
* :mod:`~pipeline.normalize.skills.extractor` — :class:`SkillExtractor`, free text to a sorted
  tuple of canonical names.

Disambiguation rules (also documented in the header of ``taxonomy.yaml``)
------------------------------------------------------------------------
1. Token boundaries: a form matches only as a whole token.  ``Java`` never matches inside
   ``JavaScript`` (``s`` is a word character), ``C`` never inside ``C#``/``C++`` (``#`` and
   ``+`` count as word characters), ``.NET`` never inside ``ASP.NET``/``VB.NET`` (``p`` is not a
   left boundary).  A ``.`` followed by a letter or digit continues the token, so ``node``
   does not match in ``node.js`` or a host name.
2. ``ex-<name>`` is a former employer ("ex-Stripe engineers"), never a skill.
3. Blockers: phrases that contain a skill form but are ordinary English ("go to", "C-level",
   "C-suite", "on the go", "salt lake") are keys too; they win the overlap and emit nothing.
4. ``case_sensitive``: the form must appear with exactly the case written in the YAML
   (``Go`` but not ``go``; ``R`` but not ``r``; ``REST`` but not ``rest``).
5. ``gate``: the form is also an ordinary English word.  It counts only with technical
   corroboration:

   * ``gate: context`` — an ungated skill or a technical cue word (``developer``,
     ``framework``, ``programming``...) within :data:`CONTEXT_WINDOW` characters;
   * ``gate: list`` — an ungated skill within :data:`LIST_WINDOW` characters, i.e. the form
     sits in a list of technologies ("Python, R, SQL").  Cue words are not enough.

   A gated language, framework or runtime written with a capital also counts in three
   local shapes (:mod:`~pipeline.normalize.skills.local`): joined in a list to another
   technology, even a gated one ("Go and Rust"); before a role noun ("Rust Engineer"); after
   "written in".  A gated form in the title counts when the title holds a skill or a cue
   word; a form supplied through ``tags=`` always counts (the source labelled it).
6. Parents: a matched skill adds its parent chain (``AWS Lambda`` adds ``AWS``).

Nothing is loaded at import time; :func:`load_taxonomy` is the only function doing I/O.
"""

from pipeline.normalize.skills.context import CONTEXT_WINDOW, LIST_WINDOW
from pipeline.normalize.skills.extractor import SkillExtractor
from pipeline.normalize.skills.taxonomy import (
    GATES,
    Skill,
    Taxonomy,
    TaxonomyError,
    load_taxonomy,
)

__all__ = [
    "CONTEXT_WINDOW",
    "GATES",
    "LIST_WINDOW",
    "Skill",
    "SkillExtractor",
    "Taxonomy",
    "TaxonomyError",
    "load_taxonomy",
]
