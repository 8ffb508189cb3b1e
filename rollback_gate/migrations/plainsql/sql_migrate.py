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

from rollback_gate.migrations.base import Framework
from rollback_gate.migrations.plainsql.sections import AnnotatedSQL, Markers

MARKERS = Markers(
    tool="sql-migrate",
    up=re.compile(r"\s*--\s*\+migrate\s+up\b", re.I),
    down=re.compile(r"\s*--\s*\+migrate\s+down\b", re.I),
    begin=re.compile(r"\s*--\s*\+migrate\s+statementbegin\b", re.I),
    end=re.compile(r"\s*--\s*\+migrate\s+statementend\b", re.I),
    up_label="-- +migrate Up",
    no_transaction=re.compile(r"--\s*\+migrate\s+up\b[^\n]*notransaction", re.I),
    down_label="-- +migrate Down",
)

# the version: the number before the name, with the rest of a dated one
# (``2026-01-13.0-a.sql``, ``2023-11-14.0.b.sql``: ``2026-01-13.0``, ``2023-11-14.0``; its
# year alone was the version of every file of the year, and ``since:`` one of them
# exempted them all: stellar-disbursement-platform-backend, round CR)
FRAMEWORK: Framework = AnnotatedSQL(
    "sql-migrate",
    MARKERS,
    re.compile(r"^(\d+(?:[.-]\d+)*(?=[_.-](?!\d)|\.sql$)|\d*)[_.-]?(.*)\.sql$"),
)
