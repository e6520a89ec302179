"""The duplicate pass's writes: text signatures of earlier postings, and each pass's result.

The pairing itself is the pipeline's (``pipeline.ingest.duplicates``); this module only writes
what it found, so every write to the warehouse goes through ``warehouse``.
"""

from __future__ import annotations

import duckdb
import polars as pl
import pyarrow as pa

from warehouse.load import posting_ids_table, registered, transaction
from warehouse.sql import load_sql


def add_signatures(con: duckdb.DuckDBPyConnection, signatures: pl.DataFrame) -> None:
    """Store signatures (``posting_id, minhash``) of postings that had none; they wait to be
    paired."""
    with registered(con, new_signatures=signatures.select("posting_id", "minhash").to_arrow()):
        con.execute(load_sql("duplicates/add_signatures"))


def write_duplicates(con: duckdb.DuckDBPyConnection, *, groups: pl.DataFrame,
                     regrouped: set[str] | None, pairs: pl.DataFrame,
                     repaired: set[str] | None) -> set[str] | None:
    """Store a duplicate pass in one transaction and clear what waited for it.

    ``groups`` (``posting_id, group_id, evidence``) replaces the flags of the ``regrouped``
    postings and ``pairs`` the stored exact pairs and the text pairs of the ``repaired``
    (later) postings; ``None`` for either means every posting's. Returns the regrouped
    postings whose group changed (``None`` when every posting was regrouped).
    """
    with registered(con, dup_groups=groups.to_arrow(), dup_pairs=pairs.to_arrow(),
                    dup_regrouped=posting_ids_table(regrouped or ()),
                    dup_repaired=posting_ids_table(repaired or ())), transaction(con):
        changed = None if regrouped is None else {
            row[0] for row in con.execute(load_sql("duplicates/changed_groups")).fetchall()}
        con.execute(load_sql("duplicates/clear_all_groups" if regrouped is None
                             else "duplicates/clear_regrouped_groups"))
        con.execute(load_sql("duplicates/set_groups"))
        con.execute(load_sql("duplicates/delete_all_pairs" if repaired is None
                             else "duplicates/delete_repaired_pairs"))
        con.execute(load_sql("duplicates/store_pairs"))
    return changed


def forget_pending_companies(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the kept normalized companies of the postings waiting to be paired."""
    con.execute(load_sql("duplicates/forget_pending_companies"))


def add_companies(con: duckdb.DuckDBPyConnection, companies: pa.Table) -> None:
    """Keep the normalized companies (``posting_id, company``) of postings named in a text
    pair."""
    with registered(con, new_companies=companies):
        con.execute(load_sql("duplicates/add_companies"))


def order_signatures(con: duckdb.DuckDBPyConnection, signatures: pa.Table) -> None:
    """Store the signed postings' signatures (``posting_id, minhash``) again in the table's
    order, which is the order a full pass read them in (day, then id)."""
    with registered(con, ordered_signatures=signatures), transaction(con):
        con.execute(load_sql("duplicates/order_signatures"))


def store_bands(con: duckdb.DuckDBPyConnection, bands: pa.Table, *, every: bool) -> None:
    """Store LSH band keys (``posting_id, band, key``): all of them after a full pass
    (``every``), else those of the postings waiting to be paired and of ``bands``' postings."""
    with registered(con, new_bands=bands), transaction(con):
        con.execute(load_sql("duplicates/replace_all_bands" if every
                             else "duplicates/replace_bands"))
