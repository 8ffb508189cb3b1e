"""sql-migrate (rubenv): ``*.sql`` files with ``-- +migrate Up`` / ``-- +migrate Down``.

Both steps live in one file; ``-- +migrate Up notransaction`` is an option, and
``-- +migrate StatementBegin`` / ``StatementEnd`` wrap statements that contain semicolons
(kept whole by :func:`statements` for ``verify``). No Down section → RG200; an empty one
while Up does something → RG201; a refusing Down → RG202; destructive Up → RG203; SQL
before the Up marker, an unclosed StatementBegin or an unterminated quote → RG205.
sql-migrate orders files by their numeric prefix when they have one (``2_x`` before
``10_x``), else by name; so does this analyser.
"""

from __future__ import annotations

import re

from rollback_gate.migrations.base import Migration, Source
from rollback_gate.migrations.plainsql.sections import AnnotatedSQL, Markers, executable

MARKERS = Markers(
    tool="sql-migrate",
    up=re.compile(r"\s*--\s*\+migrate\s+up\b", re.I),
    down=re.compile(r"\s*--\s*\+migrate\s+down\b", re.I),
    begin=re.compile(r"\s*--\s*\+migrate\s+statementbegin\b", re.I),
    end=re.compile(r"\s*--\s*\+migrate\s+statementend\b", re.I),
    up_label="-- +migrate Up",
    down_label="-- +migrate Down",
)

FRAMEWORK = AnnotatedSQL("sql-migrate", MARKERS, re.compile(r"^(\d*)[_-]?(.*)\.sql$"))


def sql_pair(migration: Migration, source: Source) -> tuple[str, str | None]:
    """The up SQL and the down SQL (None when absent) of a sql-migrate migration."""
    return FRAMEWORK.sql_pair(migration, source)


def statements(section: str) -> list[str]:
    """Executable statements of a section, each StatementBegin/End block kept whole."""
    return executable(section, MARKERS)
