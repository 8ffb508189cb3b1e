"""Shared pieces of the analysers for migration DSLs parsed with tree-sitter (Rails, Ecto).

Both analysers walk a step (``change``, ``up``, ``down``) and collect :class:`Issue` objects;
this module turns them into :class:`~rollback_gate.models.Finding` objects and reads SQL
that a step hands to the database (``execute "…"``), using the comment- and string-aware
scanner in :mod:`rollback_gate.migrations.sqlengine.sql`, so that a ``DROP`` inside an SQL comment
or a string literal is never mistaken for a drop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rollback_gate.migrations.sqlengine import sql
from rollback_gate.models import Finding, Severity

PLACEHOLDER = "__expr__"
"""Stands for an interpolated expression (``#{…}``) in SQL text read from a literal."""

SPLIT_FIX = (
    "split into expand/contract: stop using {what} in this release and remove it in a "
    "later one, once a rollback no longer needs it; or waive with a reason"
)

_SQL_VERBS = {
    "drop_table": ("drops table", "table"),
    "drop_schema": ("drops schema", "schema"),
    "drop_column": ("drops column", "column"),
    "drop_partition": ("drops a partition (and its rows) of", "table"),
    "drop_cascade": ("drops, with CASCADE, every column that uses", "type"),
    "truncate": ("empties table", "table"),
    "delete": ("deletes rows of", "table"),
    "narrow_type": ("narrows the type of", "column"),
}

# SQL kinds that change data or nothing; every other kind changes the schema.
_DATA_KINDS = frozenset(
    {"insert", "update", "delete", "select", "transaction", "session", "noop", "comment"}
)


@dataclass(frozen=True)
class Issue:
    """One problem found in a step, before it becomes a :class:`Finding` of a file."""

    rule: str
    line: int
    message: str
    impact: str
    fix: str
    key: str
    severity: Severity | None = None  # None: the rule's default


def finding(path: str, issue: Issue) -> Finding:
    """The finding for ``issue`` in file ``path``."""
    return Finding(
        rule=issue.rule,
        message=issue.message,
        path=path,
        line=issue.line,
        impact=issue.impact,
        fix=issue.fix,
        key=issue.key,
        severity=issue.severity,
    )


def one_line(text: str, limit: int = 60) -> str:
    """``text`` squeezed onto one line and cut at ``limit`` characters, for messages."""
    flat = " ".join(text.split()).replace(PLACEHOLDER, "#{…}")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def sql_destruction(
    text: str,
    first_line: int,
    where: str,
    impact: str,
    at_line: int | None = None,
    previous_types: dict[str, str] | None = None,
) -> list[Issue]:
    """RG203 issues for the statements of ``text`` that destroy data when run.

    ``first_line`` is the file line of the first line of ``text``; ``where`` names the step
    for the message (``"up"``, ``"change"``). ``at_line`` puts every issue on that line
    instead: the call's line, when the SQL was defined elsewhere (a constant, a variable).
    ``previous_types`` (``{"orders.note": "text"}``, read from the down step) lets a type
    change be recognised as narrowing.
    """
    issues: list[Issue] = []
    statements = sql.split_statements(text)
    for stmt in sql.destructive(statements, previous_types=previous_types):
        verb, noun = _SQL_VERBS.get(stmt.kind, ("destroys data of", "object"))
        target = (stmt.target or "?").replace(PLACEHOLDER, "#{…}")
        issues.append(
            Issue(
                rule="RG203",
                line=at_line if at_line is not None else first_line + stmt.line - 1,
                message=f"`{one_line(stmt.text)}` in {where} {verb} {target}",
                impact=impact,
                fix=SPLIT_FIX.format(what=f"{noun} {target}"),
                key=f"RG203:sql-{stmt.kind}:{target}",
            )
        )
    return issues


def copied_tables(text: str) -> set[str]:
    """Tables whose rows ``text`` copies elsewhere (``INSERT … SELECT … FROM t``), lower-case."""
    return {
        t.rsplit(".", 1)[-1].lower()
        for s in sql.split_statements(text)
        for k, t in s.actions
        if k == "copy_from"
    }


def sql_column_types(text: str) -> dict[str, str]:
    """``table.column`` → type for the columns whose type ``text`` sets."""
    return sql.column_types(sql.split_statements(text))


_VALIDATE = re.compile(r"^\s*ALTER\s+TABLE\b.*\bVALIDATE\s+CONSTRAINT\b", re.I | re.S)


def sql_changes_schema(text: str) -> bool:
    """True when ``text`` holds a statement that changes the schema (not only rows).

    ``ALTER TABLE … VALIDATE CONSTRAINT`` only checks rows against a constraint that an
    earlier step added: there is nothing for a down step to undo.
    """
    return any(
        s.kind not in _DATA_KINDS and not _VALIDATE.match(s.skeleton)
        for s in sql.split_statements(text)
    )


def sql_effective(text: str) -> bool:
    """True when ``text`` holds a statement that changes anything (see ``sql.is_effective``)."""
    return sql.is_effective(text)
