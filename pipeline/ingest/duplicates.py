"""The loader's duplicate pass: pair postings over their stored keys and signatures, then group.

The rules are :mod:`pipeline.normalize.dedup`'s. Pairs are kept in ``duplicate_pairs``, so a
load with a few new or changed postings (``dedup_pending``) pairs again only the postings those can
affect, and regroups only the connected pairs around them:

- exact pairs are cheap to find in full, and the ones that changed mark their postings;
- a posting's text pairs (as the later one) depend only on the postings it shares an LSH band
  with, so only postings sharing a band with a pending posting, or with a replaced signature
  (``dedup_retired``), are paired again;
- grouping depends only on the pairs that can join two groups (a text pair between
  incompatible companies never does: ``queries/dedup_joinable_text.sql``) inside a connected
  set of postings, so sets without a changed pair or a pending posting keep their groups (a
  pending posting keeps all its pairs in the graph: its company may be new).

The result equals a full pass; ``tests/warehouse/test_dedup_sql.py`` checks it load by load.
A load that brings more than a tenth of the warehouse pairs everything again.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import duckdb
import numpy as np
import polars as pl
import pyarrow as pa

from pipeline.ingest.frames import SIGNATURE_SCHEMA, minhash_lists
from pipeline.normalize.arrow_values import (
    arrow_numbers,
    arrow_texts,
    numpy_values,
    one_array,
)
from pipeline.normalize.dedup import (
    LSH_BANDS,
    NUM_PERM,
    DedupInput,
    DupMatch,
    band_keys,
    connected_to,
    group_duplicates,
    lsh_pairs,
    normalize_company,
    text_signatures,
)
from warehouse.duplicates import (
    add_companies,
    add_signatures,
    forget_pending_companies,
    order_signatures,
    store_bands,
    write_duplicates,
)
from warehouse.load import posting_ids_table, registered
from warehouse.sql import load_sql

Progress = Callable[[str], None]
TextPair = tuple[str, str, float]
ExactPair = tuple[str, str]

WINDOW_DAYS = 60
FULL_PASS_SHARE = 0.1
"""Pair everything again when more than this share of postings is pending."""


@attrs.frozen
class Signed:
    """Every signed posting in (day, posting_id) order: ids, day numbers, signature matrix
    and its band keys."""

    ids: pa.Array
    days: np.ndarray
    signatures: np.ndarray
    keys: np.ndarray

    def names(self, rows: np.ndarray) -> list[str]:
        return self.ids.take(arrow_numbers(np.asarray(rows, dtype=np.int64))).to_pylist()


def _matrix(minhash: pa.ListArray, rows: int) -> np.ndarray:
    values = numpy_values(minhash.flatten())
    if values.size != NUM_PERM * rows:
        raise ValueError(f"stored text signatures must hold {NUM_PERM} values each")
    return values.reshape(-1, NUM_PERM)


def read_signed(con: duckdb.DuckDBPyConnection, *, pending_only: bool = False) -> Signed:
    """Every signed posting, or only those waiting to be paired: DuckDB hands the signatures
    over as one Arrow column, for numpy to pair in bulk."""
    query = "queries/dedup_pending_signatures" if pending_only else "queries/dedup_signatures"
    table = con.sql(load_sql(query)).to_arrow_table()
    signatures = _matrix(one_array(table.column("minhash")), table.num_rows)
    return Signed(one_array(table.column("posting_id")),
                  numpy_values(table.column("day_number")), signatures, band_keys(signatures))


def sign_unsigned(con: duckdb.DuckDBPyConnection, progress: Progress = lambda _m: None) -> int:
    """Sign the postings loaded before signatures were stored; they wait to be paired."""
    # Loads store one signature row per posting (check 045), so equal counts mean none is
    # missing, and the anti-join over every posting is skipped.
    signatures, postings = con.execute(load_sql("queries/signature_counts")).fetchall()[0]
    if signatures == postings:
        return 0
    rows = con.execute(load_sql("queries/unsigned_postings")).fetchall()
    if not rows:
        return 0
    progress(f"computing text signatures of {len(rows):,} earlier postings ...")
    add_signatures(con, pl.DataFrame({"posting_id": [r[0] for r in rows],
                                      "minhash": text_signatures([r[1] for r in rows])},
                                     schema=SIGNATURE_SCHEMA))
    return len(rows)


def _text_pairs(signed: Signed, laters: np.ndarray | None = None) -> list[TextPair]:
    earlier, later, similarity = lsh_pairs(signed.days, signed.signatures, keys=signed.keys,
                                           window_days=WINDOW_DAYS, laters=laters)
    return list(zip(signed.names(earlier), signed.names(later), similarity.tolist(),
                    strict=True))


def _exact_pairs(con: duckdb.DuckDBPyConnection, *, every: bool) -> list[ExactPair]:
    """Exact pairs of every key, or of the keys ``duplicates/exact_scope`` chose."""
    con.execute(load_sql("duplicates/exact_scope"), {"all": every})
    rows = con.execute(load_sql("queries/dedup_exact_pairs"),
                       {"window_days": WINDOW_DAYS, "all": every}).fetchall()
    return [(a, b) for a, b in rows]


def _group(con: duckdb.DuckDBPyConnection, exact: list[ExactPair],
           text: list[TextPair]) -> list[DupMatch]:
    """Group the pairs; only the postings named in a pair are read."""
    ids = {p for pair in exact for p in pair} | {p for a, b, _ in text for p in (a, b)}
    con.register("dedup_pair_ids", posting_ids_table(ids))
    try:
        rows = con.execute(load_sql("queries/dedup_postings")).fetchall()
    finally:
        con.unregister("dedup_pair_ids")
    return group_duplicates(
        (DedupInput(posting_id=r[0], company=r[1], title=r[2], location=r[3], text="",
                    posted_at=r[4], key=r[5] or "") for r in rows),
        exact, text,
    )


def _groups_frame(matches: list[DupMatch]) -> pl.DataFrame:
    return pl.DataFrame(
        {"posting_id": [m.posting_id for m in matches],
         "group_id": [m.group_id for m in matches],
         "evidence": [m.evidence for m in matches]},
        schema={"posting_id": pl.String, "group_id": pl.String, "evidence": pl.String},
    )


def _pairs_frame(exact: list[ExactPair], text: list[TextPair]) -> pl.DataFrame:
    return pl.DataFrame(
        {"earlier": [a for a, _ in exact] + [a for a, _, _ in text],
         "later": [b for _, b in exact] + [b for _, b, _ in text],
         "evidence": ["exact"] * len(exact) + ["text"] * len(text),
         "similarity": [None] * len(exact) + [s for _, _, s in text]},
        schema={"earlier": pl.String, "later": pl.String, "evidence": pl.String,
                "similarity": pl.Float64},
    )


@attrs.frozen
class PassResult:
    full: bool
    paired_again: int
    """Postings whose text pairs were found again."""
    regrouped: int
    """Postings whose group was decided again."""
    flagged: int
    """Postings in a duplicate group after the pass."""
    touched: frozenset[str] | None = None
    """Postings whose group changed (``None``: every posting was grouped again), for the
    marts."""


def _full_pass(con: duckdb.DuckDBPyConnection, signed: Signed) -> tuple[int, int]:
    exact = _exact_pairs(con, every=True)
    text = _text_pairs(signed)
    write_duplicates(con, groups=_groups_frame(_group(con, exact, text)), regrouped=None,
                     pairs=_pairs_frame(exact, text), repaired=None)
    return len(signed.ids), len(signed.ids)


def _bands_table(ids: pa.Array, days: np.ndarray, keys: np.ndarray) -> pa.Table:
    """``posting_id, band, key, day_number`` rows: one per band of each posting."""
    rows = np.repeat(np.arange(len(ids), dtype=np.int64), LSH_BANDS)
    return pa.table({"posting_id": ids.take(arrow_numbers(rows)),
                     "band": arrow_numbers(np.tile(np.arange(LSH_BANDS, dtype=np.uint8),
                                                   len(ids))),
                     "key": arrow_numbers(keys.reshape(-1)),
                     "day_number": arrow_numbers(np.asarray(days, dtype=np.int32)[rows])})


def _refresh_bands(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """Store the band keys of the waiting postings' current signatures; every posting's when
    none are stored yet (a warehouse from before they were). Returns the waiting postings'
    ``band, key, day_number`` rows."""
    every = bool(con.execute(load_sql("queries/dedup_bands_missing")).fetchall()[0][0])
    signed = read_signed(con, pending_only=not every)
    bands = _bands_table(signed.ids, signed.days, signed.keys)
    store_bands(con, bands, every=every)
    if every:
        return con.sql(load_sql("queries/dedup_pending_bands")).to_arrow_table()
    return bands.select(["band", "key", "day_number"])


EVERY_DAY = (-(2**31), 2**31 - 1)
"""The bounds of ``posting_bands.day_number`` (an integer column): no bound at all."""


def scope_days(pending_days: np.ndarray, *, replaced: bool) -> dict[str, int]:
    """The days ``queries/dedup_scope.sql``'s bucket scans read (see there): from the waiting
    postings' band days, and whether a signature was replaced (its postings may be any day)."""
    # No waiting posting with a band: its buckets are empty whatever the days.
    first, last = ((int(pending_days.min()), int(pending_days.max())) if pending_days.size
                   else (0, 0))
    laters_from, laters_to = EVERY_DAY if replaced else (first, last + WINDOW_DAYS)
    return {"window_days": WINDOW_DAYS, "pending_from": first,
            "pending_to": last + WINDOW_DAYS, "laters_from": laters_from,
            "laters_to": laters_to, "candidates_from": laters_from - WINDOW_DAYS}


def _scope(con: duckdb.DuckDBPyConnection) -> tuple[Signed, np.ndarray]:
    """The signatures an incremental pass pairs (see ``queries/dedup_scope.sql``), and the
    mask of the laters among them, found over the stored band keys."""
    pending_bands = _refresh_bands(con)
    retired = con.sql(load_sql("queries/dedup_retired_signatures")).to_arrow_table()
    probes = band_keys(_matrix(one_array(retired.column("minhash")), retired.num_rows))
    retired_bands = pa.table({
        "band": arrow_numbers(np.tile(np.arange(LSH_BANDS, dtype=np.uint8), probes.shape[0])),
        "key": arrow_numbers(probes.reshape(-1))})
    days = scope_days(numpy_values(pending_bands.column("day_number")),
                      replaced=retired.num_rows > 0)
    with registered(con, dedup_retired_bands=retired_bands, dedup_pending_bands=pending_bands):
        table = con.sql(load_sql("queries/dedup_scope"), params=days).to_arrow_table()
    signatures = _matrix(one_array(table.column("minhash")), table.num_rows)
    signed = Signed(one_array(table.column("posting_id")),
                    numpy_values(table.column("day_number")), signatures, band_keys(signatures))
    return signed, numpy_values(table.column("is_later"))


def _text_table(pairs: list[TextPair]) -> pa.Table:
    return pa.table({"earlier": arrow_texts([a for a, _, _ in pairs]),
                     "later": arrow_texts([b for _, b, _ in pairs]),
                     "similarity": arrow_numbers(np.array([s for _, _, s in pairs],
                                                          dtype=np.float64))})


def _keep_companies(con: duckdb.DuckDBPyConnection) -> None:
    """Keep the normalized company of every posting named in a pair of ``dedup_text_pairs``
    that has none kept yet; each distinct company is normalized once."""
    missing = con.execute(load_sql("queries/dedup_companies_missing")).fetchall()
    if missing:
        names: dict[str | None, str | None] = {}
        for _, company in missing:
            if company not in names:
                names[company] = normalize_company(company)
        add_companies(con, pa.table({
            "posting_id": arrow_texts([pid for pid, _ in missing]),
            "company": arrow_texts([names[company] for _, company in missing])}))


def _text_scope(con: duckdb.DuckDBPyConnection, repaired: set[str],
                new_text: list[TextPair]) -> set[ExactPair]:
    """Make ``dedup_text_pairs`` the text pairs after this pass: the stored ones whose later
    posting was not paired again (``repaired``) and ``new_text``. Returns the stored pairs
    left out."""
    with registered(con, dedup_repaired_ids=posting_ids_table(repaired),
                    dedup_new_text=_text_table(new_text)):
        con.execute(load_sql("queries/dedup_text_scope"))
        return set(con.execute(load_sql("queries/dedup_dropped_text")).fetchall())


def _joinable_text(con: duckdb.DuckDBPyConnection) -> list[TextPair]:
    """The pairs of ``dedup_text_pairs`` that can join groups: those whose two companies are
    compatible, and a waiting posting's (its company may be new, and a pair that held its old
    group together must reach that group)."""
    _keep_companies(con)
    return [(a, b, s) for a, b, s in
            con.execute(load_sql("queries/dedup_joinable_text")).fetchall()]


def _incremental_pass(con: duckdb.DuckDBPyConnection,
                      pending: set[str]) -> tuple[int, int, set[str]]:
    # Only the postings whose pairs can change, and their candidates, are read: the result
    # equals pairing every posting again (tests/warehouse/test_dedup_sql.py checks it).
    signed, laters = _scope(con)
    # A pending posting without a signature now (a body cut under 8 words) still loses the
    # text pairs it had as the later posting.
    repaired = set(signed.names(np.flatnonzero(laters))) | pending
    new_text = _text_pairs(signed, laters)
    dropped_text = _text_scope(con, repaired, new_text)
    joinable = _joinable_text(con)

    old_exact = set(con.execute(load_sql("queries/dedup_stored_exact")).fetchall())
    # Only the keys of waiting postings (new, or old for a changed one) can change their chains.
    found = set(_exact_pairs(con, every=False))
    scope = {r[0] for r in con.execute(load_sql("queries/dedup_exact_scope_ids")).fetchall()}
    old_in_scope = {(a, b) for a, b in old_exact if a in scope or b in scope}
    exact = sorted((old_exact - old_in_scope) | found, key=lambda pair: (pair[1], pair[0]))
    changed_exact = old_in_scope.symmetric_difference(found)

    # Groups change only around a pending posting or a pair that came or went: a later paired
    # again to the same earlier postings moves nothing.
    touched = set(pending)
    changed_text = dropped_text.symmetric_difference((a, b) for a, b, _ in new_text)
    for pairs in (changed_text, changed_exact):
        for a, b in pairs:
            touched.update((a, b))
    # Grouping a set of postings needs only the pairs that can join them: a text pair between
    # incompatible companies never does, and it no longer chains whole markets together.
    regrouped = connected_to(exact + [(a, b) for a, b, _ in joinable], touched)
    matches = _group(con, [p for p in exact if p[0] in regrouped],
                     [p for p in joinable if p[0] in regrouped])
    moved = write_duplicates(con, groups=_groups_frame(matches), regrouped=regrouped,
                             pairs=_pairs_frame(exact, new_text), repaired=repaired)
    return len(repaired), len(regrouped), moved or set()


def mark_duplicates(con: duckdb.DuckDBPyConnection, progress: Progress = lambda _m: None, *,
                    full: bool = False) -> PassResult:
    """Flag duplicate groups (exact keys and near-duplicate text) after a load.

    Exact pairs are found in SQL over the stored keys and text pairs in bulk over the stored
    signatures; only the postings in a pair come back to Python to be grouped.
    """
    sign_unsigned(con, progress)
    forget_pending_companies(con)
    pending = {r[0] for r in con.execute(load_sql("queries/dedup_pending")).fetchall()}
    total = con.execute(load_sql("queries/posting_count")).fetchall()[0][0]
    retired = con.execute(load_sql("queries/dedup_retired_count")).fetchall()[0][0]
    full = full or len(pending) > FULL_PASS_SHARE * total
    touched: set[str] | None = set()
    if full:
        signed = read_signed(con)
        paired_again, regrouped = _full_pass(con, signed)
        store_bands(con, _bands_table(signed.ids, signed.days, signed.keys), every=True)
        # Stored by day, a load's scope is a few row groups of signatures, not all of them.
        order_signatures(con, pa.table({"posting_id": signed.ids,
                                        "minhash": minhash_lists(signed.signatures)}))
        # The next load's pass then finds every paired posting's company kept.
        _text_scope(con, set(), [])
        _keep_companies(con)
        touched = None
    elif pending or retired:
        paired_again, regrouped, touched = _incremental_pass(con, pending)
    else:
        paired_again = regrouped = 0
    flagged = con.execute(load_sql("queries/flagged_count")).fetchall()[0][0]
    return PassResult(full, paired_again, regrouped, flagged,
                      None if touched is None else frozenset(touched))
