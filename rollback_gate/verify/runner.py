"""Runners apply a migration's up and down steps to the verification database.

Frameworks whose ``verify`` mode is ``"sql"`` (golang-migrate, goose, dbmate, sql-migrate,
Flyway, Prisma) are run by the gate itself: the framework's ``sql_pair`` gives the up and
down SQL, its ``statements`` (goose and sql-migrate keep ``StatementBegin/End`` blocks
whole) or :func:`~rollback_gate.migrations.sqlengine.sql.split_statements` (dollar-quoted
bodies, trigger bodies) cut it into statements, and each step runs in one transaction, as
the tools do, unless the framework says the file opts out (``transactional``: ``-- +goose
NO TRANSACTION``, dbmate ``transaction:false`` …), manages its own ``BEGIN``/``COMMIT``,
or holds a statement PostgreSQL refuses inside a transaction (``CONCURRENTLY``,
``VACUUM``). Alembic and Django are driven through their own tools (:mod:`.tools`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from rollback_gate import lazyre
from rollback_gate.migrations import load
from rollback_gate.migrations.base import Migration, Source, Unreadable
from rollback_gate.verify.db import Database, Script, StepFailed

_OUTSIDE_TX = lazyre.compile(r"\bCONCURRENTLY\b|^\s*VACUUM\b", re.IGNORECASE)


class Unsupported(Exception):
    """This migration (or framework) cannot be run by verify; the message says why.

    ``applied`` tells whether its up step was applied before the runner gave up (the
    database then stays consistent for the next migrations).
    """

    def __init__(self, message: str, *, applied: bool = False) -> None:
        super().__init__(message)
        self.applied = applied


class Runner(Protocol):
    """Applies migrations of one framework to the verification database."""

    def apply(self, migrations: Sequence[Migration]) -> None:
        """Apply these migrations up, in order (the base state); raises StepFailed."""
        ...

    def up(self, migration: Migration) -> None:
        """Apply one migration up; raises StepFailed with the database's message."""
        ...

    def down(self, migration: Migration) -> None:
        """Revert one migration (the last one applied); raises StepFailed."""
        ...

    def close(self) -> None: ...


def _line_of(section: str, statement: str, start: int) -> tuple[int, int]:
    """1-based line of ``statement`` in ``section``, searching from offset ``start``."""
    at = section.find(statement, start)
    if at < 0:
        return 0, start
    return section.count("\n", 0, at) + 1, at + len(statement)


class SqlRunner:
    """Runs SQL-file migrations statement by statement."""

    def __init__(self, framework: str, db: Database, source: Source) -> None:
        self._framework = load(framework)
        self._db = db
        self._source = source
        self._cache: dict[str, tuple[Script, Script, bool]] = {}

    def _scripts(self, migration: Migration) -> tuple[Script, Script, bool]:
        cached = self._cache.get(migration.path)
        if cached is not None:
            return cached
        try:
            up, down = self._framework.sql_pair(migration, self._source)
            texts = [self._source.read_text(f, lenient=True) for f in migration.files]
        except ValueError as exc:
            raise Unsupported(str(exc)) from None
        except Unreadable as exc:
            raise Unsupported(f"{exc.path} {exc.reason}") from None
        up_script = self._split(up)
        down_script = self._split(down or "")
        transactional = self._framework.transactional(texts)
        result = (up_script, down_script, transactional)
        self._cache[migration.path] = result
        return result

    def _split(self, section: str) -> Script:
        statements = self._framework.statements(section)
        if statements is None:
            from rollback_gate.migrations.sqlengine.sql import split_statements

            return [(s.text, s.line) for s in split_statements(section)]
        out: list[tuple[str, int]] = []
        pos = 0
        for text in statements:
            line, pos = _line_of(section, text, pos)
            out.append((text, line))
        return out

    def _run(self, script: Script, transactional: bool) -> None:
        from rollback_gate.migrations.sqlengine.sql import split_statements

        own_tx = any(
            s.kind == "transaction" for text, _ in script for s in split_statements(text)[:1]
        )
        outside = self._db.dialect == "postgresql" and any(
            _OUTSIDE_TX.search(text) for text, _ in script
        )
        self._db.execute(script, transaction=transactional and not own_tx and not outside)

    def apply(self, migrations: Sequence[Migration]) -> None:
        for m in migrations:
            self.up(m)

    def up(self, migration: Migration) -> None:
        up, _, transactional = self._scripts(migration)
        self._run(up, transactional)

    def down(self, migration: Migration) -> None:
        _, down, transactional = self._scripts(migration)
        self._run(down, transactional)

    def close(self) -> None:
        self._cache.clear()


def down_file(migration: Migration) -> str:
    """The file that holds the down step (a separate file for golang-migrate, Flyway U…)."""
    for path in migration.files[1:]:
        name = path.rsplit("/", 1)[-1]
        if "down" in name.lower() or name.startswith("U"):
            return path
    return migration.path


__all__ = ["Runner", "SqlRunner", "StepFailed", "Unsupported", "down_file"]
