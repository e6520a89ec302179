"""Pairs to groups: union-find over exact and text pairs, and the one-call :func:`find_duplicates`.

Exact pairs always join; a text pair joins two groups only when their companies are
compatible and their seniorities do not conflict, judged over whole groups so that a chain
senior -> (no seniority) -> staff never merges two different jobs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs
import numpy as np
import pyarrow.compute as pc

from pipeline.normalize.arrow_values import arrow_numbers, arrow_texts, numpy_values
from pipeline.normalize.dedup.keys import exact_key, normalize_company
from pipeline.normalize.dedup.minhash import (
    MAX_CANDIDATES,
    THRESHOLD,
    bands,
    similarity,
    text_signatures,
)
from pipeline.normalize.roles import parse_seniority

EXACT_EVIDENCE = "exact:company+title+location"


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
    if not pairs:
        return set(touched)
    # Tens of thousands of pairs after every load: ids to integers in Arrow, components in
    # numpy rather than a Python union-find.
    ends = arrow_texts([a for a, _ in pairs] + [b for _, b in pairs])
    encoded = ends.dictionary_encode()
    names = encoded.dictionary
    codes = numpy_values(encoded.indices).astype(np.int64)
    half = len(pairs)
    labels = component_labels(len(names), codes[:half], codes[half:])
    where = pc.index_in(arrow_texts(sorted(touched)), value_set=names)
    found = numpy_values(where.drop_null())
    reached = np.flatnonzero(np.isin(labels, labels[found]))
    return set(names.take(arrow_numbers(reached.astype(np.int64))).to_pylist()) | touched


def component_labels(nodes: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The connected components of the graph of ``nodes`` nodes and the edges ``a[i]-b[i]``:
    each node's label is the smallest node of its component.

    Whole arrays at a time: every root that an edge joins to a smaller root is hooked under
    the smallest one offered, then every node is pointed straight at its root, until no edge
    joins two roots. Each round hooks every component that is not the smallest among its
    neighbours, so duplicate groups (small, star- or clique-shaped) take two or three rounds.
    (scipy's ``connected_components`` did this before; importing scipy.sparse cost each
    fresh load process 0.1 s, more than the search over a load's pairs.)
    """
    parent = np.arange(nodes, dtype=np.int64)
    while True:
        root_a, root_b = parent[a], parent[b]
        apart = root_a != root_b
        if not apart.any():
            return parent
        low = np.minimum(root_a[apart], root_b[apart])
        high = np.maximum(root_a[apart], root_b[apart])
        # A root only ever points at a smaller node, so no cycle can form.
        np.minimum.at(parent, high, low)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand


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
            for band, key in enumerate(bands(sig)):
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
