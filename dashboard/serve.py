"""Start the Streamlit server with the dashboard's libraries imported and the warehouse warm.

``python -m dashboard.serve APP [streamlit options]``, which ``jobpulse dashboard`` runs.
Streamlit imports a page's libraries, opens the warehouse and runs its first queries on the
first page view, so the first visitor after a start waited about a second longer than anyone
after. Doing that here, before the port opens, moves the wait to start-up: the pages find the
modules in ``sys.modules`` and the snapshot in :func:`dashboard.data.reader`'s cache.
"""

from __future__ import annotations

import sys


def warm_up() -> None:
    import altair  # noqa: F401  (charts)
    import apscheduler.triggers.cron  # noqa: F401  (data health)
    import duckdb
    import pandas  # noqa: F401  (altair's data frames)
    import pyarrow  # noqa: F401  (DuckDB to polars)

    from dashboard import charts, data, filters, sql_console  # noqa: F401
    from warehouse.answers import MACRO
    from warehouse.db import WarehouseError
    from warehouse.sql import load_sql

    # The first queries on a new snapshot pay for its catalog and first block reads.
    try:
        con = data.reader(str(data.db_path()))
        try:
            con.execute(load_sql(MACRO))
            for name in ("filter_options", "skill_options"):
                con.sql(load_sql(f"queries/dashboard/{name}")).fetchall()
            # The postings page is the only one that reads the wide text columns.
            unfiltered = {**filters.Filters().params(), "skill": None, "search": None}
            con.execute(load_sql("queries/dashboard/postings_count"), unfiltered).fetchall()
            con.execute(load_sql("queries/dashboard/postings"),
                        {**unfiltered, "limit": 100, "offset": 0}).fetchall()
        finally:
            con.close()
    except (duckdb.Error, WarehouseError) as exc:
        # Serve anyway: each page shows the warehouse's error where it is needed.
        print(f"dashboard: warm-up skipped ({exc})", file=sys.stderr)


def main(argv: list[str]) -> None:
    warm_up()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
