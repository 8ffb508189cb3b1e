"""Shared pieces of the analysers for migration DSLs parsed with tree-sitter (Rails, Ecto).

Both analysers walk a step (``change``, ``up``, ``down``) and collect :class:`Issue` objects;
this module turns them into :class:`~rollback_gate.models.Finding` objects and reads SQL
that a step hands to the database (``execute "…"``), using the comment- and string-aware
scanner in :mod:`rollback_gate.migrations.sqlengine.sql`, so that a ``DROP`` inside an SQL comment
or a string literal is never mistaken for a drop.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.model import PLACEHOLDER
from rollback_gate.migrations.sqlengine.steps import moved_finding
from rollback_gate.models import Finding, Severity

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


@dataclass(frozen=True)
class Steps:
    """How a DSL framework names its steps, for :func:`judge_down`."""

    up: str  # "`up`", "`up/0`"
    down: str
    change: str
    rollback: str  # the command that runs down steps: "`rails db:rollback`"
    missing: str  # what that command does when there is no down step
    refuse: str  # how to refuse on purpose: "`raise ActiveRecord::IrreversibleMigration`"


def judge_down(
    steps: Steps,
    *,
    up_line: int,
    down_line: int | None,
    refusal: tuple[int, str] | None,
    down_acts: bool,
    schema: bool,
    effective: bool,
    first_change: str | None,
) -> Iterator[Issue]:
    """RG200-RG202 for an ``up``/``down`` pair, the same way in Rails and Ecto.

    ``down_line`` is None when there is no down step; ``refusal`` the line and text of a
    down step that raises; ``down_acts`` whether the down step does anything; ``schema``
    and ``effective`` whether the up step changes the schema, or anything at all. A data-only
    up (a backfill) with a missing or empty down is P2, as in every framework
    (docs/severity-by-situation.md).
    """
    rewrite = f"write a {steps.down} that undoes {steps.up}"
    if down_line is None:
        if effective:
            runs = f"; `up` runs `{first_change}`" if first_change else ""
            yield Issue(
                "RG200",
                up_line,
                f"the migration has {steps.up} but no {steps.down} (and no {steps.change})" + runs,
                steps.missing,
                f"{rewrite}, or {steps.refuse} in it and waive with a reason",
                "RG200:down",
                severity=None if schema else Severity.P2,
            )
        return
    if refusal is not None:
        yield Issue(
            "RG202",
            refusal[0],
            f"`down` refuses to run: `{refusal[1]}`",
            f"{steps.rollback} fails at this migration, so no earlier release can be "
            "restored either",
            f"{rewrite}; if that is impossible, waive with a reason",
            "RG202:down-raises",
        )
    elif schema and not down_acts:
        yield Issue(
            "RG201",
            down_line,
            f"{steps.down} does nothing while {steps.up} changes the schema (`{first_change}`)",
            "a rollback reports success but leaves the schema at the new version; the "
            "previous release then runs against a schema it does not expect",
            f"{rewrite}, or {steps.refuse} in it and waive with a reason",
            "RG201:down",
        )
    elif effective and not down_acts:
        # Only rows change: nothing in the schema to undo, so P2 as in every framework.
        yield Issue(
            "RG201",
            down_line,
            f"{steps.down} does nothing while {steps.up} changes rows (`{first_change}`, "
            "a data change only)",
            "a rollback reports success but leaves the changed rows as they are; harmless "
            "only if the previous release reads them correctly",
            f"write the inverse data change in {steps.down}, or, if keeping the data is "
            "intended, waive with that reason",
            "RG201:data",
            severity=Severity.P2,
        )


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


def moved_table(line: int, where: str, table: str) -> Issue:
    """A drop of ``table`` after SQL of the step copied its rows out (``INSERT INTO
    campaigns … SELECT … FROM update_campaigns``): no data is lost, so no RG203, but the
    previous release may still read the table (edgehog, round AC: four such drops, each
    still mapped by the old code, had gone unasked). Its key marks it
    (:data:`~rollback_gate.migrations.sqlengine.steps.MOVED`): RG225 is asked of it, and it
    is never shown. The same finding as the SQL analysers' (:func:`.steps.moved_finding`)."""
    f = moved_finding("", line, "drop_table", table, where)
    return Issue(f.rule, line, f.message, f.impact, f.fix, f.key, f.severity)


def sql_column_types(text: str) -> dict[str, str]:
    """``table.column`` → type for the columns whose type ``text`` sets."""
    return sql.column_types(sql.split_statements(text))


_VALIDATE = lazyre.compile(r"^\s*ALTER\s+TABLE\b.*\bVALIDATE\s+CONSTRAINT\b", re.I | re.S)


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
