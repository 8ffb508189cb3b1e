"""The contract every verification database adapter satisfies.

Two adapters exist: :mod:`.sqlite` (the embedded default, a temporary file) and
:mod:`.postgres` (a real server reached with psycopg). The round trip (:mod:`.roundtrip`),
the seeder (:mod:`.seed`) and the runners (:mod:`.runners`) only see this protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from rollback_gate.verify.schema import Schema, Table
from rollback_gate.verify.url import DatabaseUrl

Script = Sequence[tuple[str, int]]
"""Executable statements of one step, each with its 1-based line in the migration file."""


class StepFailed(Exception):
    """A migration step failed on the database; ``message`` is the database's own text."""

    def __init__(self, message: str, line: int | None = None, statement: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.statement = statement


class Database(Protocol):
    """A connection to the throwaway verification database."""

    dialect: str
    """``sqlite`` or ``postgresql``."""

    url: DatabaseUrl

    @property
    def description(self) -> str:
        """What the progress output names: engine, version and the redacted URL."""
        ...

    @property
    def sqlite_file(self) -> str:
        """The SQLite database file ("" for other engines), for Alembic and Django."""
        ...

    def user_tables(self) -> list[str]:
        """Tables (and views) that are not the engine's own."""
        ...

    def snapshot(self) -> Schema:
        """The schema, read from the catalog."""
        ...

    def execute(self, script: Script, *, transaction: bool) -> None:
        """Run a step; in one transaction when ``transaction`` (rolled back on error).

        Raises :class:`StepFailed` with the database's message and the statement's line.
        """
        ...

    def reset(self) -> None:
        """Empty the database again: drop everything the migrations made (it was empty when
        verify opened it), so the next migration starts from a known state."""
        ...

    def count_rows(self, table: Table, limit: int) -> int:
        """``min(rows in table, limit)``."""
        ...

    def sample(self, table: Table, columns: Sequence[str], limit: int) -> list[tuple[object, ...]]:
        """Up to ``limit`` distinct non-NULL value tuples of ``columns`` (foreign keys)."""
        ...

    def insert(
        self, table: Table, rows: Sequence[dict[str, object]]
    ) -> tuple[list[tuple[object, ...]], list[str]]:
        """Insert rows one by one, skipping the ones the database rejects.

        Returns the keys of the inserted rows (primary key, else the row's physical id)
        and the database's reasons for the rejected ones.
        """
        ...

    def delete(self, table: Table, keys: Sequence[tuple[object, ...]]) -> None:
        """Remove the rows :meth:`insert` returned; best effort (the table may be gone)."""
        ...

    def close(self) -> None:
        """Disconnect and remove what was created only for this run (a temporary file)."""
        ...


def insert_sql(
    table: Table, row: dict[str, object], mark: str, key: Sequence[str], count: int = 1
) -> str:
    """``INSERT … RETURNING key`` for ``count`` rows shaped like ``row`` (``mark``: ``?``
    or ``%s``)."""
    returning = ", ".join(quote(k) if k not in ("rowid", "ctid") else k for k in key)
    if not row:
        return f"INSERT INTO {quote(table.name)} DEFAULT VALUES RETURNING {returning}"
    cols = ", ".join(quote(c) for c in row)
    marks = ", ".join(f"({', '.join(mark for _ in row)})" for _ in range(count))
    return f"INSERT INTO {quote(table.name)} ({cols}) VALUES {marks} RETURNING {returning}"


def uniform(rows: Sequence[dict[str, object]]) -> bool:
    """True when every row sets the same columns, so one multi-row INSERT can take them."""
    return len(rows) > 1 and bool(rows[0]) and all(r.keys() == rows[0].keys() for r in rows)


def delete_sql(table: Table, key: Sequence[str], count: int, mark: str) -> str:
    """``DELETE`` of ``count`` rows by key (row values, one statement per table)."""
    cols = ", ".join(quote(k) if k not in ("rowid", "ctid") else k for k in key)
    one = "(" + ", ".join(mark for _ in key) + ")"
    values = ", ".join(one for _ in range(count))
    return f"DELETE FROM {quote(table.name)} WHERE ({cols}) IN (VALUES {values})"


def quote(name: str) -> str:
    """A double-quoted SQL identifier (``schema.table`` quotes each part)."""
    return ".".join('"' + part.replace('"', '""') + '"' for part in name.split("."))
