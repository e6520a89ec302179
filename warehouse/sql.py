"""SQL lives in ``.sql`` files under ``warehouse/sql``; this loads them by name."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"


@cache
def load_sql(name: str) -> str:
    """Text of ``warehouse/sql/<name>.sql``, e.g. ``load_sql("queries/skill_share")``."""
    path = SQL_DIR / f"{name}.sql"
    return path.read_text(encoding="utf-8")


def sql_files(folder: str) -> list[Path]:
    """The ``.sql`` files of a folder under ``warehouse/sql``, in name order."""
    return sorted((SQL_DIR / folder).glob("*.sql"))
