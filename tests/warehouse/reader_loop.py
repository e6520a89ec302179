"""A reader process for the concurrency test: query the warehouse in a loop until told to stop.

``python -m tests.warehouse.reader_loop DB STOP_FILE OUT_FILE``: every read records
(postings, sum of crawl_runs.items_new, landing files); any exception fails the process.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from warehouse.db import connect

QUERY = """
select
    (select count(*) from postings),
    (select coalesce(sum(items_new), 0) from crawl_runs),
    (select count(*) from landing_files),
    (select count(*) from skill_monthly_share where share < 0 or share > 1)
"""


def main() -> None:
    db, stop, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    states: list[list[int]] = []
    while not stop.exists():
        con = connect(db, read_only=True)
        try:
            states.append([int(v) for v in con.execute(QUERY).fetchall()[0]])
        finally:
            con.close()
        time.sleep(0.01)
    out.write_text(json.dumps(states))


if __name__ == "__main__":
    main()
