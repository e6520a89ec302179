"""The skill extractor of a taxonomy file, kept on disk between processes.

Building it (reading the YAML, every surface form's keys and payloads, the context rules)
takes 0.2 s, paid by every fresh process that extracts skills: a ``jobpulse load`` run from
cron, each of its normalizer processes, ``jobpulse skills extract``, ``jobpulse eval``. Read
back it takes 0.05 s, the matcher's Rust automaton (which does not pickle) built again from
its patterns included.

The key (:func:`pipeline.normalize.stored.stored`) holds the taxonomy file's bytes, the source
of every module of this package (what builds the extractor and what its pickle holds) and the
installed YAML and Aho-Corasick libraries, so an edited taxonomy or rule is built anew.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.normalize.skills.extractor import SkillExtractor
from pipeline.normalize.skills.taxonomy import DEFAULT_TAXONOMY_PATH, load_taxonomy
from pipeline.normalize.stored import stored

__all__ = ["stored_extractor"]

_PACKAGE = Path(__file__).parent


def stored_extractor(path: str | os.PathLike[str] | None = None) -> SkillExtractor:
    """``SkillExtractor(load_taxonomy(path))``, read back when built before from the same
    file and rules. Raises what :func:`load_taxonomy` raises for a file it cannot read."""
    taxonomy_file = Path(path) if path is not None else DEFAULT_TAXONOMY_PATH
    return stored("skills", lambda: SkillExtractor(load_taxonomy(taxonomy_file)),
                  sources=(taxonomy_file, *sorted(_PACKAGE.glob("*.py"))),
                  libraries={"yaml": "", "ahocorasick": "", "ahocorasick_rs": ""})
