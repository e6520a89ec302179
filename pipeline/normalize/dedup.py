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
:func:`lsh_pairs`), and this module's :func:`find_duplicates` does the same one posting at a
time for small inputs and tests. To bound the worst case (thousands of identical
templated bodies inside one window) at most ``MAX_CANDIDATES`` earlier postings, the first in
date order, are verified per posting.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence

import attrs
import numpy as np
from datasketch import MinHash

from pipeline.normalize.places import parse_locations
from pipeline.normalize.roles import parse_seniority

__all__ = [
    "DedupInput",
    "DupMatch",
    "band_keys",
    "connected_to",
    "exact_key",
    "find_duplicates",
    "group_duplicates",
    "lsh_pairs",
    "text_signatures",
    "normalize_company",
    "normalize_title",
    "sharing_a_band",
]

EXACT_EVIDENCE = "exact:company+title+location"
MAX_CANDIDATES = 200
THRESHOLD = 0.8
NUM_PERM = 64
# datasketch's MinHashLSH optimum for a 0.8 threshold at 64 permutations: 5 bands of 11 rows.
LSH_BANDS, LSH_ROWS = 5, 11
_SHINGLE = 3
_MIN_WORDS = 8
_MAX_WORDS = 1500  # bodies beyond this add boilerplate, not signal


@attrs.frozen
class DupMatch:
    posting_id: str
    group_id: str
    evidence: str


@attrs.frozen
class DedupInput:
    posting_id: str
    company: str | None
    title: str | None
    location: str | None
    text: str
    posted_at: datetime.date | None
    key: str | None = None
    """The posting's :func:`exact_key` when the caller already has it (the loader stores it);
    ``""`` means it is known to have none."""


_WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _wordset(block: str) -> frozenset[str]:
    return frozenset(block.split())

_LEGAL = _wordset(
    """inc incorporated llc l l c ltd limited corp corporation co company gmbh ag sa sas sarl
    srl spa bv nv plc oy ab as aps pty llp lp se kg ug kgaa mbh sl sro sp z o o zoo group holdings
    technologies technology labs"""
)
# Only stripped at the end of a name: "Labs" in "Acme Labs" is decoration, but "Technology"
# alone would empty the name, which the loop below refuses to do.
_DOMAIN = re.compile(r"\.(?:com|io|ai|co|dev|app|org|net|tech|so|xyz|de|uk|us)\b", re.I)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_GENDER = re.compile(
    r"\(\s*(?:[mwfdxhi]\s*/\s*){1,3}[mwfdxhi]\s*\)|\b(?:[mwfdx]\s*/\s*){2,3}[mwfdx]\b|"
    r"\(?\s*all genders?\s*\)?|\(\s*gn\s*\)|\(\s*\*\s*\)",
    re.I,
)
_TITLE_SYNONYMS = {
    "sr": "senior", "snr": "senior", "jr": "junior", "engr": "engineer", "eng": "engineer",
    "dev": "developer", "swe": "software engineer", "sde": "software engineer",
    "mgr": "manager", "backend": "backend", "frontend": "frontend", "fullstack": "fullstack",
}
_TITLE_NOISE = _wordset(
    """remote hybrid onsite on site office home based anywhere worldwide urgent urgently hiring
    wanted new job position opening role opportunity immediate start f m d w x"""
)
_COMPOUNDS = [
    (re.compile(r"\bback[- ]end\b", re.I), "backend"),
    (re.compile(r"\bfront[- ]end\b", re.I), "frontend"),
    (re.compile(r"\bfull[- ]stack\b", re.I), "fullstack"),
    (re.compile(r"\bon[- ]site\b", re.I), "onsite"),
]


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.replace("ß", "ss"))
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower()


def normalize_company(name: str | None) -> str | None:
    """"Acme, Inc." / "ACME GmbH" / "acme.io" -> "acme"; None when nothing is left."""
    if not isinstance(name, str):
        return None
    try:
        s = _PAREN.sub(" ", name)
        s = _DOMAIN.sub(" ", s)
        s = s.replace("&", " and ")
        words = _WORDS.findall(_fold(s))
        while len(words) > 1 and words[-1] in _LEGAL:
            words.pop()
        if words and words[0] == "the" and len(words) > 1:
            words = words[1:]
        return " ".join(words) or None
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None


def normalize_title(title: str | None) -> str | None:
    """Lower-case title without punctuation, gender markers ("(m/w/d)") or work-mode words.

    Seniority words are kept (normalized: "Sr." -> "senior") because a senior and a junior
    opening with otherwise equal titles are different jobs.
    """
    if not isinstance(title, str):
        return None
    try:
        s = _GENDER.sub(" ", title)
        for rx, rep in _COMPOUNDS:
            s = rx.sub(rep, s)
        words = []
        for w in _WORDS.findall(_fold(s)):
            w = _TITLE_SYNONYMS.get(w, w)
            if w in _TITLE_NOISE:
                continue
            words.append(w)
        return " ".join(words) or None
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None


def _location_key(location: str | None) -> str:
    if not isinstance(location, str) or not location.strip():
        return ""
    loc = parse_locations(location)
    parts = sorted(
        f"{p.country or ''}/{p.region or ''}/{p.city or ''}" for p in loc.places
    )
    if parts or loc.work_mode:
        return ";".join(parts) + f"|{loc.work_mode or ''}|{loc.remote_scope or ''}"
    return " ".join(_WORDS.findall(_fold(location)))


def exact_key(company: str | None, title: str | None, location: str | None) -> str | None:
    """Stable hex key of normalized company, title and location; None without company or title."""
    try:
        c = normalize_company(company)
        t = normalize_title(title)
        if c is None or t is None:
            return None
        raw = "\x1f".join((c, t, _location_key(location)))
        return hashlib.blake2b(raw.encode("utf-8"), digest_size=10).hexdigest()
    except Exception:  # noqa: BLE001 - contract: never raise on any input
        return None


# --------------------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def connected_to(pairs: Iterable[tuple[str, str]], touched: set[str]) -> set[str]:
    """Every posting connected through ``pairs`` to a ``touched`` one (touched included)."""
    pairs = list(pairs)
    ids = sorted({p for pair in pairs for p in pair} | touched)
    index = {pid: i for i, pid in enumerate(ids)}
    uf = _UnionFind(len(ids))
    for a, b in pairs:
        uf.union(index[a], index[b])
    roots = {uf.find(index[p]) for p in touched}
    return {pid for i, pid in enumerate(ids) if uf.find(i) in roots}


def _shingle_hashes(text: str) -> list[int]:
    """CRC32 of each 3-word shingle; repeats are harmless, as a minimum ignores them."""
    words = _WORDS.findall(text.lower())[:_MAX_WORDS]
    if len(words) < _MIN_WORDS:
        return []
    return [zlib.crc32(f"{a} {b} {c}".encode())
            for a, b, c in zip(words, words[1:], words[2:], strict=False)]


@functools.cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) for ``NUM_PERM`` and seed 1, so stored signatures stay valid."""
    template = MinHash(num_perm=NUM_PERM, seed=1)
    if template.scheme != "affine32":
        raise RuntimeError(f"datasketch's MinHash scheme is {template.scheme!r}, not "
                           "'affine32': the stored text signatures would not match")
    a, b = template.permutations
    return a.astype(np.uint32).reshape(-1, 1), b.astype(np.uint32).reshape(-1, 1)


def _fmix32(h: np.ndarray) -> np.ndarray:
    # MurmurHash3's finalizer, the pre-mix of datasketch's affine32 scheme (uint32 wraps).
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


# Columns of the (NUM_PERM x shingles) uint32 matrix per step: 12.8 MB stays in cache, and
# reducing along contiguous rows is 5x faster than down the columns of its transpose.
_BATCH_SHINGLES = 50_000


def text_signatures(texts: Sequence[str | None]) -> list[list[int] | None]:
    """MinHash of each body's 3-word shingles (``NUM_PERM`` values below 2**32).

    ``None`` for bodies under 8 words: too little signal to call two postings the same.
    The loader stores it per posting so that finding duplicates never re-reads the text.
    Values equal datasketch's ``MinHash(num_perm=64, seed=1)`` (scheme affine32) over CRC32
    shingle hashes, computed for many bodies in one numpy step instead of one object each.
    """
    hashes = [_shingle_hashes(t) if isinstance(t, str) else [] for t in texts]
    out: list[list[int] | None] = [None] * len(texts)
    a, b = _permutations()
    start = 0
    while start < len(hashes):
        # Postings from start up to stop share one matrix; a huge body gets one to itself.
        stop, rows = start, 0
        while stop < len(hashes) and (rows == 0 or rows + len(hashes[stop]) <= _BATCH_SHINGLES):
            rows += len(hashes[stop])
            stop += 1
        signed = [i for i in range(start, stop) if hashes[i]]
        if signed:
            flat = np.fromiter((h for i in signed for h in hashes[i]), dtype=np.uint32, count=rows)
            offsets = np.cumsum([0] + [len(hashes[i]) for i in signed[:-1]])
            permuted = a * _fmix32(flat).reshape(1, -1)
            permuted += b
            mins = np.minimum.reduceat(permuted, offsets, axis=1)
            for i, values in zip(signed, mins.T.tolist(), strict=True):
                out[i] = values
        start = stop
    return out


# Odd 64-bit multipliers that spread a band's values over a 64-bit bucket key; a collision only
# adds a candidate, which the similarity check then rejects.
_BAND_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9,
     0x8CB92BA72F3D8DD7, 0xA0761D6478BD642F, 0xE7037ED1A0B428DB],
    dtype=np.uint64,
)
_DAY_BITS = 22  # 11,000 years of days


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """(rows x ``LSH_BANDS``) bucket keys: one 64-bit key per band of ``LSH_ROWS`` values."""
    keys = np.zeros((signatures.shape[0], LSH_BANDS), dtype=np.uint64)
    for band in range(LSH_BANDS):
        values = signatures[:, band * LSH_ROWS:(band + 1) * LSH_ROWS]
        key = np.zeros(signatures.shape[0], dtype=np.uint64)
        for column, multiplier in zip(values.T, _BAND_MULTIPLIERS, strict=False):
            key = (key ^ column.astype(np.uint64)) * multiplier
        keys[:, band] = key ^ (key >> np.uint64(29))
    return keys


def _starts_run(sorted_values: np.ndarray) -> np.ndarray:
    """True where a value differs from the one before it."""
    starts = np.ones(sorted_values.size, dtype=bool)
    starts[1:] = sorted_values[1:] != sorted_values[:-1]
    return starts


def lsh_pairs(days: np.ndarray, signatures: np.ndarray, *, window_days: int,
              threshold: float = THRESHOLD, max_candidates: int = MAX_CANDIDATES,
              laters: np.ndarray | None = None, keys: np.ndarray | None = None,
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Near-duplicate pairs by MinHash LSH, in bulk: ``(earlier, later, similarity)`` arrays.

    Rows are postings sorted by ``(day, posting_id)``: ``days`` holds day numbers and
    ``signatures`` the (postings x ``NUM_PERM``) values. Two postings are candidates when they
    share one of ``LSH_BANDS`` bands and their days are at most ``window_days`` apart; each
    posting is checked against its first ``max_candidates`` earlier candidates in row order,
    and a pair is kept when the share of equal values reaches ``threshold``. Pairs come out
    ordered by ``later``, then ``earlier`` (row numbers). With ``laters`` (a mask over rows)
    only the pairs whose later row it marks are found. ``keys`` are the rows' :func:`band_keys`
    when the caller has them already.
    """
    n = len(days)
    if signatures.shape != (n, NUM_PERM):
        raise ValueError(f"expected {n} signatures of {NUM_PERM} values, got {signatures.shape}")
    if n == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=np.float64)
    # Shifted so that a window's start never reaches below its bucket's first day.
    days = days.astype(np.int64) - int(days.min()) + window_days
    if days.max() >= 1 << _DAY_BITS:
        raise ValueError("postings span too many days to pair")
    rows = np.arange(n, dtype=np.int64)
    if keys is None:
        keys = band_keys(signatures)
    codes = []
    for band in range(LSH_BANDS):
        # Stable sort: within a bucket rows stay in (day, posting_id) order.
        perm = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[perm, band]
        bucket = np.cumsum(_starts_run(sorted_keys)) - 1
        position = (bucket << _DAY_BITS) | days[perm]
        # A later row's candidates in this band are the contiguous run from the first row of
        # its bucket within the window up to itself; the union's first ``max_candidates``
        # over all bands lie within each band's first ``max_candidates``.
        first = np.searchsorted(position, position - window_days, side="left")
        count = np.minimum(rows - first, max_candidates)
        if laters is not None:
            count[~laters[perm]] = 0
        later = np.repeat(rows, count)
        start = np.repeat(first - np.concatenate(([0], np.cumsum(count)[:-1])), count)
        earlier = start + np.arange(later.size, dtype=np.int64)
        codes.append(perm[later] * n + perm[earlier])
    # Sort and drop repeats (pairs sharing several bands): np.unique hashes, 4x slower here.
    code = np.concatenate(codes)
    code.sort()
    code = code[_starts_run(code)]
    later, earlier = np.divmod(code, n)
    # Keep each later row's first max_candidates earlier rows (row order = date order).
    group_start = np.flatnonzero(_starts_run(later))
    rank = np.arange(code.size) - np.repeat(group_start, np.diff(np.append(group_start,
                                                                           code.size)))
    keep = rank < max_candidates
    later, earlier = later[keep], earlier[keep]
    similarity = np.empty(later.size, dtype=np.float64)
    step = 1 << 18
    for lo in range(0, later.size, step):
        hi = lo + step
        equal = signatures[later[lo:hi]] == signatures[earlier[lo:hi]]
        similarity[lo:hi] = equal.sum(axis=1) / NUM_PERM
    kept = similarity >= threshold
    return earlier[kept], later[kept], similarity[kept]


def sharing_a_band(keys: np.ndarray, probes: np.ndarray) -> np.ndarray:
    """Mask of the rows of ``keys`` that share a band with a row of ``probes`` (both
    :func:`band_keys`)."""
    found = np.zeros(keys.shape[0], dtype=bool)
    if probes.shape[0]:
        for band in range(LSH_BANDS):
            found |= np.isin(keys[:, band], probes[:, band])
    return found


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of two text signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / NUM_PERM


def _bands(sig: Sequence[int]) -> list[tuple[int, ...]]:
    return [tuple(sig[b * LSH_ROWS : (b + 1) * LSH_ROWS]) for b in range(LSH_BANDS)]


def _companies_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    return a.startswith(b + " ") or b.startswith(a + " ")


def _longer(a: str | None, b: str | None) -> str | None:
    """The more specific of two compatible company names ("acme robotics" over "acme")."""
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a) >= len(b) else b


Order = tuple[bool, int, str]


def _order(p: DedupInput) -> Order:
    """Date order, undated first, ties by id: the order in which postings are compared."""
    d = p.posted_at
    return (isinstance(d, datetime.date), d.toordinal() if isinstance(d, datetime.date) else 0,
            p.posting_id)


def _within(a: Order, b: Order, window_days: int) -> bool:
    return not (a[0] and b[0]) or abs(a[1] - b[1]) <= window_days


def find_duplicates(
    postings: Iterable[DedupInput],
    *,
    window_days: int = 60,
    threshold: float = THRESHOLD,
) -> list[DupMatch]:
    """Group duplicate postings; see the module docstring for the rules.

    Returns matches sorted by (group_id, posting_id). Singletons get no match. The loader runs
    the same pairing over stored keys (``warehouse/sql/queries/dedup_*``) and signatures
    (:func:`lsh_pairs`) and hands the pairs to :func:`group_duplicates`.
    """
    items = list({p.posting_id: p for p in postings if isinstance(p, DedupInput)}.values())
    if len(items) < 2:
        return []
    window_days = max(0, int(window_days))
    threshold = min(1.0, max(0.01, float(threshold)))
    orders = [_order(p) for p in items]

    by_key: dict[str, list[int]] = {}
    for i, p in enumerate(items):
        k = p.key if p.key is not None else exact_key(p.company, p.title, p.location)
        if k:
            by_key.setdefault(k, []).append(i)
    exact: list[tuple[str, str]] = []
    for members in by_key.values():
        members.sort(key=orders.__getitem__)
        exact.extend((items[a].posting_id, items[b].posting_id)
                     for a, b in zip(members, members[1:], strict=False)
                     if _within(orders[a], orders[b], window_days))

    sigs = text_signatures([p.text for p in items])
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    for i, sig in enumerate(sigs):
        if sig is not None:
            for band, key in enumerate(_bands(sig)):
                buckets.setdefault((band, key), []).append(i)
    earlier: dict[int, set[int]] = {}
    for members in buckets.values():
        for a in members:
            for b in members:
                if orders[a] < orders[b] and _within(orders[a], orders[b], window_days):
                    earlier.setdefault(b, set()).add(a)
    text: list[tuple[str, str, float]] = []
    for b, cands in earlier.items():
        for a in sorted(cands, key=orders.__getitem__)[:MAX_CANDIDATES]:
            score = similarity(sigs[a], sigs[b])  # type: ignore[arg-type]
            if score >= threshold:
                text.append((items[a].posting_id, items[b].posting_id, score))
    return group_duplicates(items, exact, text)


def group_duplicates(
    postings: Iterable[DedupInput],
    exact_pairs: Iterable[tuple[str, str]],
    text_pairs: Iterable[tuple[str, str, float]],
) -> list[DupMatch]:
    """Join pairs into groups: exact pairs always, text pairs only between compatible groups.

    ``postings`` must hold every posting named in a pair. Text pairs ``(earlier, later,
    similarity)`` are applied in date order of the later posting, so the outcome does not
    depend on the order the pairs come in.
    """
    items = {p.posting_id: p for p in postings if isinstance(p, DedupInput)}
    ids = sorted(items)
    index = {pid: i for i, pid in enumerate(ids)}
    uf = _UnionFind(len(ids))
    exact_member = [False] * len(ids)
    best_score = [0.0] * len(ids)
    for a, b in exact_pairs:
        ia, ib = index[a], index[b]
        uf.union(ia, ib)
        exact_member[ia] = exact_member[ib] = True

    # Per union-find root: the group's company and seniority (None = not stated by any member).
    group_company: dict[int, str | None] = {}
    group_seniority: dict[int, str | None] = {}
    # Names and titles repeat across postings: normalize each distinct one once.
    companies: dict[str | None, str | None] = {}
    seniorities: dict[str | None, str | None] = {}
    for i, pid in enumerate(ids):
        r = uf.find(i)
        p = items[pid]
        if p.company not in companies:
            companies[p.company] = normalize_company(p.company)
        if p.title not in seniorities:
            seniorities[p.title] = parse_seniority(p.title)
        group_company[r] = _longer(group_company.get(r), companies[p.company])
        group_seniority[r] = group_seniority.get(r) or seniorities[p.title]

    ordered = sorted(text_pairs, key=lambda t: (_order(items[t[1]]), _order(items[t[0]])))
    for a, b, score in ordered:
        i, j = index[b], index[a]
        # Compare whole groups, not just the pair: union is transitive, and a chain
        # senior -> (no seniority) -> staff must not merge two different jobs.
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj:
            continue
        if not _companies_compatible(group_company[ri], group_company[rj]):
            continue
        si, sj = group_seniority[ri], group_seniority[rj]
        if si is not None and sj is not None and si != sj:
            continue
        uf.union(i, j)
        root = uf.find(i)
        group_company[root] = _longer(group_company[ri], group_company[rj])
        group_seniority[root] = si or sj
        best_score[i] = max(best_score[i], score)
        best_score[j] = max(best_score[j], score)

    groups: dict[int, list[int]] = {}
    for i in range(len(ids)):
        groups.setdefault(uf.find(i), []).append(i)
    out: list[DupMatch] = []
    for members in groups.values():
        if len(members) < 2:
            continue
        gid = min(ids[i] for i in members)
        for i in members:
            ev = EXACT_EVIDENCE if exact_member[i] else f"minhash:{best_score[i]:.2f}"
            out.append(DupMatch(ids[i], gid, ev))
    out.sort(key=lambda d: (d.group_id, d.posting_id))
    return out
