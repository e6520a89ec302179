"""Find the same job posted more than once: on a board and on the company's ATS, or reposted.

Nothing is deleted: :func:`find_duplicates` returns one :class:`DupMatch` per posting that
belongs to a group of two or more, and the caller decides what to show.

Two stages, joined by union-find:

1. **Exact key**: normalized company + normalized title + canonical location (places and work
   mode from :func:`pipeline.normalize.places.parse_locations`, so "Berlin, Germany" == "Berlin" and
   "Remote - US" == "Remote (US)"). Postings sharing a key are linked when their dates are within
   ``window_days`` of the previous one in date order (a chain of reposts stays one group).
2. **Near-duplicate text**: a MinHash signature (:func:`text_signatures`) over 3-word shingles
   of the body, banded for LSH (5 bands of 11 values). Postings sharing a band and dated within
   ``window_days`` of each other are candidates; a candidate is accepted when the estimated
   Jaccard similarity is >= ``threshold``, the companies are compatible (equal after
   normalization, one a prefix of the other, or one missing), and the title seniorities do not
   conflict — a company often reuses one description for its "Senior" and "Staff" openings,
   which are different jobs. Bodies under 8 words carry too little signal and skip this stage.

Undated postings are compared with every posting regardless of the window.

``group_id`` is the smallest ``posting_id`` in the group, so it is stable across runs as long as
the group's members are. Each member's ``evidence`` is ``"exact:company+title+location"`` if it
joined through an exact key, otherwise ``"minhash:<best similarity>"``.

Pairing and grouping are separate (:func:`group_duplicates`), so the loader can find pairs
over keys and signatures stored at load time (exact pairs in SQL, text pairs in bulk with
:func:`lsh_pairs`), and :func:`find_duplicates` does the same one posting at a
time for small inputs and tests. To bound the worst case (thousands of identical
templated bodies inside one window) at most ``MAX_CANDIDATES`` earlier postings, the first in
date order, are verified per posting.

The rules live in :mod:`~pipeline.normalize.dedup.keys` (exact keys),
:mod:`~pipeline.normalize.dedup.minhash` (text signatures and LSH) and
:mod:`~pipeline.normalize.dedup.grouping` (pairs to groups).
"""

from pipeline.normalize.dedup.grouping import (
    EXACT_EVIDENCE,
    DedupInput,
    DupMatch,
    connected_to,
    find_duplicates,
    group_duplicates,
)
from pipeline.normalize.dedup.keys import exact_key, normalize_company, normalize_title
from pipeline.normalize.dedup.minhash import (
    LSH_BANDS,
    LSH_ROWS,
    MAX_CANDIDATES,
    NUM_PERM,
    THRESHOLD,
    band_keys,
    lsh_pairs,
    signature_matrix,
    similarity,
    text_signatures,
)

__all__ = [
    "EXACT_EVIDENCE",
    "LSH_BANDS",
    "LSH_ROWS",
    "MAX_CANDIDATES",
    "NUM_PERM",
    "THRESHOLD",
    "DedupInput",
    "DupMatch",
    "band_keys",
    "connected_to",
    "exact_key",
    "find_duplicates",
    "group_duplicates",
    "lsh_pairs",
    "normalize_company",
    "normalize_title",
    "signature_matrix",
    "similarity",
    "text_signatures",
]
