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

FRAMEWORK: Framework = AnnotatedSQL("sql-migrate", MARKERS, re.compile(r"^(\d*)[_-]?(.*)\.sql$"))
