"""What the SQL-file frameworks share: ordering, annotated sections, the SQL verdict.

golang-migrate, goose, dbmate, sql-migrate, Flyway and Prisma all keep plain SQL; they
differ only in where the down step lives (a second file, a second section of the same
file, an undo file, nothing). Each framework module turns its layout into one up
:class:`Part` and an optional down :class:`Part`; :func:`verdict` then yields the findings:

* no down part → RG200;
* a down part that refuses (``RAISE EXCEPTION``, ``SIGNAL``) → RG202;
* a down part with nothing effective while the up part changes something → RG201;
* every destructive statement of the up part → RG203 (the down part's type changes tell
  the old column types, so ``varchar(255)`` → ``varchar(50)`` is seen as narrowing);
* what the previous release cannot survive → RG220-RG224 (:mod:`.sqlengine.compat`);
* an unterminated quote, comment or dollar body → RG205.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.migrations.base import (
    SQL_SUFFIXES,
    FrameworkBase,
    Migration,
    Source,
    VerifyMode,
    two_file_sql,
    unanalysable,
)
from rollback_gate.migrations.sqlengine import compat, sql, wording
from rollback_gate.migrations.sqlengine.kinds import data_only
from rollback_gate.migrations.sqlengine.steps import moved_findings, rebuilt_marks
from rollback_gate.models import Finding, Severity

_NUMERIC = lazyre.compile(r"\d+")
_VERSION_PARTS = lazyre.compile(r"[._-]")
_UNNAMED = "(a table named at run time)"  # e.g. fmt.Sprintf("DELETE FROM %s", t) in Go

_WHAT = {
    "drop_table": "drops table {t}",
    "drop_schema": "drops schema/database {t} with every table in it",
    "drop_column": "drops column {t}",
    "drop_partition": "drops a partition of {t} with its rows",
    "drop_cascade": "drops {t} with CASCADE, which drops every column of that type",
    "truncate": "truncates table {t}",
    "delete": "deletes rows from {t}",
    "narrow_type": "narrows the type of column {t}",
}
_LOST = {
    "drop_table": "the table comes back empty",
    "drop_schema": "the tables come back empty",
    "drop_column": "the column comes back empty (NULL or its default)",
    "drop_partition": "the partition comes back empty",
    "drop_cascade": "the dropped columns come back empty",
    "truncate": "the rows stay gone",
    "delete": "the deleted rows stay gone",
    "narrow_type": "the truncated or rounded values stay truncated",
}


@dataclass(frozen=True)
class Part:
    """One step of a migration: its file, SQL text and where that text starts.

    ``offset`` is added to statement lines (the text of a section starts after its marker
    line); ``marker`` is the line that opens the step (the ``-- +goose Down`` line, or 1
    for a file of its own).
    """

    path: str
    text: str
    offset: int = 0
    marker: int = 1


def version_key(version: str, path: str = "") -> tuple[int, int, str, str]:
    """Sort key: numeric versions numerically (``2`` before ``10``; a dated one,
    ``2026-01-13.0``, by its parts, after its year as sql-migrate orders it), others by
    text."""
    digits = version.replace(".", "").replace("_", "").replace("-", "")
    if _NUMERIC.fullmatch(digits):
        parts = tuple(int(p) for p in _VERSION_PARTS.split(version) if p)
        return (0, parts[0] if parts else 0, ".".join(f"{p:020d}" for p in parts), path)
    return (1, 0, version, path)


def suggest_down(statements: list[sql.Statement]) -> list[str]:
    """Inverse statements for the simple cases (create table, add column), newest first."""
    out: list[str] = []
    for s in reversed(statements):
        for kind, target in reversed(s.actions):
            if kind == "create_table" and target:
                out.append(f"DROP TABLE {_quoted(target, s.text)};")
            elif kind == "add_column" and "." in target:
                table, _, col = target.rpartition(".")
                out.append(
                    f"ALTER TABLE {_quoted(table, s.text)} DROP COLUMN {_quoted(col, s.text)};"
                )
    return out[:4]


def _quoted(name: str, text: str) -> str:
    """``name`` quoted the way the statement quoted it (``"User"`` stays case-sensitive)."""
    parts = name.split(".")
    for open_, close in (('"', '"'), ("`", "`"), ("[", "]")):
        if any(f"{open_}{p}{close}" in text for p in parts):
            return ".".join(f"{open_}{p}{close}" for p in parts)
    return name


def summary(statements: list[sql.Statement]) -> str:
    """A short description of what an up step does: ``creates table orders``."""
    verbs = {
        "create_table": "creates table",
        "add_column": "adds column",
        "create_index": "creates an index on",
        "alter_type": "changes the type of",
        "rename": "renames",
        "drop_table": "drops table",
        "drop_column": "drops column",
        "insert": "inserts into",
        "update": "updates",
        "delete": "deletes from",
        "truncate": "truncates",
        "alter_table": "alters table",
        "create_other": "creates",
        "drop_index": "drops index",
        "drop_other": "drops",
    }
    for s in statements:
        if s.kind in verbs and s.target:
            return f"{verbs[s.kind]} {s.target}"
    for s in statements:
        if s.kind not in sql.INEFFECTIVE_KINDS:
            return "changes the schema (" + s.text.split(None, 3)[0].upper() + " …)"
    return "changes nothing"


def _effective(statements: list[sql.Statement]) -> bool:
    return any(s.kind not in sql.INEFFECTIVE_KINDS for s in statements)


def verdict(
    framework: str,
    version: str,
    up: Part,
    down: Part | None,
    *,
    missing: str,
    create_down: str,
    one_way: str = "",
) -> Iterator[Finding]:
    """The findings for one SQL migration (see the module docstring).

    ``missing`` says what is absent (``no .down.sql file``); ``create_down`` tells where
    the down step goes (``create db/x.down.sql with``), completed with suggested SQL;
    ``one_way`` replaces the generic "or waive it" ending of the RG200 fix.
    """
    up_stmts, up_problem = sql.split_checked(up.text)
    if up_problem is not None:
        yield _unanalysable(up, up_problem)
        return
    down_stmts: list[sql.Statement] = []
    if down is not None:
        down_stmts, down_problem = sql.split_checked(down.text)
        if down_problem is not None:
            yield _unanalysable(down, down_problem)
            return
    # A data-only up step (a backfill) is P2 in every framework: nothing in the schema to
    # undo, so the old release still runs (docs/severity-by-situation.md).
    rows_only = data_only(s.kind for s in up_stmts)
    data_note = " (a data change only)" if rows_only else ""
    if down is None:
        if _effective(up_stmts):
            what, suggestion = summary(up_stmts), _suggestion(up_stmts)
            yield Finding(
                "RG200",
                f"migration {version} {what} but has {missing}{data_note}",
                path=up.path,
                line=None,
                impact="a rollback cannot undo this migration: the down command fails or "
                "skips it, and the old release runs against the new schema",
                fix=f"{create_down} {suggestion}; "
                + (
                    one_way
                    or "or, if this migration is deliberately one-way, waive RG200 "
                    "for it with a reason"
                ),
                severity=Severity.P2 if rows_only else None,
                key=f"RG200:{framework}:{version}",
            )
    else:
        refusals = sql.refusals(down_stmts)
        if refusals:
            r = refusals[0]
            what, suggestion = summary(up_stmts), _suggestion(up_stmts)
            yield Finding(
                "RG202",
                f"the down step of migration {version} refuses to run "
                f"({_code(_short(r.text))}) while the up step {what}",
                path=down.path,
                line=down.offset + r.line,
                impact="a rollback stops at this migration with an error; every later step "
                "of the rollback is blocked until someone writes the reversal by hand",
                fix=f"replace the refusal with {suggestion}, or waive RG202 with the reason "
                "the change is one-way",
                key=f"RG202:{framework}:{version}",
            )
        elif _effective(up_stmts) and not _effective(down_stmts):
            what, suggestion = summary(up_stmts), _suggestion(up_stmts)
            yield Finding(
                "RG201",
                f"the down step of migration {version} is empty (no effective statement) "
                f"while the up step {what}{data_note}",
                path=down.path,
                line=down.marker,
                impact=(
                    "a rollback reports success but leaves the changed rows as they are; "
                    "harmless only if the old code reads them correctly"
                    if rows_only
                    else "a rollback reports success but leaves the schema at the new version"
                ),
                fix=f"write the reversal into the down step: {suggestion}; or waive RG201 "
                "with the reason the change is one-way",
                severity=Severity.P2 if rows_only else None,
                key=f"RG201:{framework}:{version}",
            )
    # Only a type change in the up step needs the old types the down step restores.
    old_types = sql.column_types(down_stmts) if sql.needs_old_types(up_stmts) else {}
    yield from destroy_findings(version, up.path, up_stmts, old_types, up.offset)
    for b in compat.breaks(
        up_stmts, old_types=old_types, candidates=True, whole=True, restated=True
    ):
        yield wording.finding(b, up.path, f"migration {version}", wording.SQL_WORDS, up.offset)


def _suggestion(up_stmts: list[sql.Statement]) -> str:
    """The suggested down SQL as code spans (only built when a finding needs it)."""
    inverse = suggest_down(up_stmts)
    return " ".join(_code(s) for s in inverse) if inverse else "the SQL that undoes it"


def destroy_findings(
    version: str,
    path: str,
    statements: list[sql.Statement],
    old_types: dict[str, str],
    offset: int = 0,
    context: list[sql.Statement] | None = None,
    reads_copy: bool = False,
) -> Iterator[Finding]:
    """RG203 for every destructive statement of an up step (lines shifted by ``offset``)."""
    found = sql.destructive(
        statements, previous_types=old_types, context=context or (), reads_copy=reads_copy
    )
    for s in found:
        yield Finding(
            "RG203",
            f"migration {version} {_WHAT[s.kind].format(t=s.target or _UNNAMED)}: "
            f"{_code(_short(s.text))}",
            path=path,
            line=offset + s.line,
            impact=f"rolling back cannot restore the data: {_LOST[s.kind]}",
            fix=_destroy_fix(s),
            key=f"RG203:{s.kind}:{s.target.lower()}",
        )
    reported = {f"{s.kind}:{s.target}" for s in found}
    yield from moved_findings(path, statements, reported, f"migration {version}", offset)
    if path.endswith(SQL_SUFFIXES):  # (the earlier files that tell a rebuild's losses are SQL)
        yield from rebuilt_marks(path, statements, f"migration {version}", offset)


def _destroy_fix(s: sql.Statement) -> str:
    if s.kind == "drop_column":
        return (
            f"split into expand/contract: stop reading and writing {s.target} in this "
            "release and drop it in a later one (after the rollback window); or copy the "
            "column to a backup table first; or waive RG203 with a reason"
        )
    if s.kind in ("drop_table", "drop_schema", "drop_partition", "drop_cascade"):
        return (
            f"stop using {s.target} in this release and drop it in a later one, or rename it "
            "(e.g. to a *_deprecated name) instead of dropping it so a rollback can rename it "
            "back; or waive RG203 with a reason"
        )
    if s.kind == "narrow_type":
        return (
            f"add a new column with the narrower type and backfill it, keeping {s.target} "
            "until the release is proven; or waive RG203 with a reason"
        )
    return (
        f"copy the affected rows of {s.target} to a backup table in the same migration (so "
        "the down step can restore them), or move the data change out of the schema "
        "migration; or waive RG203 with a reason"
    )


def _unanalysable(part: Part, problem: sql.Problem) -> Finding:
    line, reason = problem
    return unanalysable(
        part.path,
        reason,
        line=part.offset + line,
        fix="close the quote or comment (the database would reject the file as it is), "
        "or waive RG205 with a reason",
    )


def _code(text: str) -> str:
    """A Markdown code span that survives MySQL backticks inside it."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class TwoFileSql(FrameworkBase):
    """A framework whose up and down steps are two SQL files (``files[0]``, ``files[1]``):
    Flyway's ``V…``/``U…`` pair, Prisma's ``migration.sql``/``down.sql``."""

    verify: VerifyMode | None = "sql"

    def sql_pair(self, migration: Migration, source: Source) -> tuple[str, str | None]:
        return two_file_sql(migration, source)

    def parts(self, migration: Migration, source: Source) -> tuple[Part, Part | None]:
        """The up and the down step (None without a second file) to judge."""
        up, down = two_file_sql(migration, source)
        second = migration.files[1] if down is not None else ""
        return Part(migration.path, up), Part(second, down) if down is not None else None
