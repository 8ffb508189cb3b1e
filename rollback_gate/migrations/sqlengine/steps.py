"""Judging an up/down pair once a code-based framework has read it into :class:`Step` data.

The Knex, Sequelize, TypeORM and Laravel analysers differ in how they find the up and down
steps and how they read builder calls, but not in what makes a migration unsafe to roll
back. Each of them turns a step into a :class:`Step`: the SQL statements it runs, in order
(raw SQL as written, builder calls rendered as the equivalent SQL so that
:func:`rollback_gate.migrations.sqlengine.sql.destructive` sees one history), whether it does
anything at all, and whether it refuses. :func:`judge` then yields RG200-RG203 with the
framework's own wording for the fix (a :class:`Dialect`), and RG220-RG224 for what the
previous release cannot survive (:mod:`.compat`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.migrations.base import SQL_SUFFIXES
from rollback_gate.migrations.sqlengine import compat, sql, wording
from rollback_gate.migrations.sqlengine.kinds import DATA_KINDS, classify
from rollback_gate.migrations.sqlengine.loss import renamed_to
from rollback_gate.migrations.sqlengine.model import Dialect, Statement, Step
from rollback_gate.migrations.sqlengine.moves import (
    BOOKKEEPING,
    SCRATCH,
    moved,
    rebuild_losses,
    with_copies,
)
from rollback_gate.migrations.sqlengine.rebuilds import bare, renames_table
from rollback_gate.models import Finding, Severity


@functools.lru_cache(maxsize=1024)
def split(text: str) -> tuple[Statement, ...]:
    """:func:`sql.split_statements`, cached: steps repeat the same SQL (up, down, detect)."""
    return tuple(sql.split_statements(text))


def sql_effective(text: str) -> bool:
    """:func:`sql.is_effective` over the cached split."""
    return any(s.kind not in sql.INEFFECTIVE_KINDS for s in split(text))


def synthetic(text: str, line: int) -> Statement:
    """The classified statement for ``text`` (SQL that a builder call amounts to)."""
    found = split(text)
    stmt = found[0] if found else Statement(text, 1, "other")
    return replace(stmt, line=line, written=False)


def rendered(text: str, line: int) -> Statement:
    """The classified statement for SQL that a renderer wrote itself (``synthetic`` without
    the scanner): ``text`` holds no comments and no literals but ``''``, so it is its own
    skeleton. The N−1 renderers make one per operation; scanning each would cost more."""
    kind, target, actions, new_types = classify(text, text)
    return Statement(text, line, kind, target, actions, new_types, text)


def rendered_raw(text: str, line: int) -> Statement:
    """:func:`rendered` for SQL whose literals matter (a CHECK's list, compared with the
    down step's): the text keeps them, the skeleton has them blanked."""
    skeleton = blank_literals(text)
    kind, target, actions, new_types = classify(skeleton, skeleton)
    return Statement(text, line, kind, target, actions, new_types, skeleton)


def blank_literals(expression: str) -> str:
    """A SQL expression for :func:`rendered`: its string literals as ``''`` (a CHECK's
    ``IN ('block', 'expand')`` holds no column names)."""
    return _LITERAL.sub("''", expression)


_LITERAL = lazyre.compile(r"'(?:[^']|'')*'")


def quote(name: str) -> str:
    """``name`` (``schema.table`` allowed) as a double-quoted SQL identifier."""
    parts = [p for p in name.replace('"', "").split(".") if p]
    return ".".join(f'"{p}"' for p in parts) or '"?"'


def shift(statements: Sequence[Statement], line: int) -> list[Statement]:
    """Statements of a SQL string that starts on ``line`` of the file, with file lines."""
    return [replace(s, line=line + s.line - 1) for s in statements]


_VERBS = {
    "create_table": "creates table {}",
    "drop_table": "drops table {}",
    "drop_schema": "drops schema {}",
    "add_column": "adds column {}",
    "drop_column": "drops column {}",
    "drop_partition": "drops a partition of {}",
    "alter_type": "changes the type of {}",
    "narrow_type": "narrows the type of {}",
    "rename": "renames {}",
    "alter_table": "alters table {}",
    "create_index": "creates an index on {}",
    "drop_index": "drops index {}",
    "create_other": "creates {}",
    "drop_other": "drops {}",
    "drop_cascade": "drops {} with CASCADE",
    "truncate": "empties table {}",
    "delete": "deletes rows from {}",
    "insert": "inserts rows into {}",
    "update": "updates rows of {}",
    "select": "reads rows of {}",
}


def describe(stmt: Statement) -> str:
    """``adds column orders.note`` — what one statement does, for messages."""
    verb = _VERBS.get(stmt.kind)
    if verb and stmt.target:
        return verb.format(stmt.target)
    text = " ".join(stmt.text.split())
    return f"runs `{text[:60]}{'…' if len(text) > 60 else ''}`"


def _changes(step: Step) -> list[Statement]:
    return [s for s in step.statements if s.kind not in sql.INEFFECTIVE_KINDS]


def _summary(step: Step) -> tuple[str, str]:
    """(message fragment, key fragment) naming what an effective step changes."""
    writes = [s for s in _changes(step) if s.kind != "select"]  # a read is context only
    if not writes:
        return f"changes the database (line {step.first_effect or step.line})", "code"
    named = [s for s in writes if s.kind in _VERBS and s.target] or writes
    first = next((s for s in named if s.kind != "alter_table"), named[0])
    more = len(writes) - 1
    text = describe(first) + (f" and {more} more change{'s' * (more > 1)}" if more else "")
    return text, f"{first.kind}:{first.target or '?'}"


def _undo(step: Step, dialect: Dialect) -> str:
    """The calls that reverse ``step``, last change first (at most three shown)."""
    undo = [u for u in (dialect.inverse(s) for s in reversed(_changes(step))) if u]
    if not undo:
        return f"undo what {dialect.up} changes"
    shown = "; then ".join(f"`{u}`" for u in undo[:3])
    rest = f" (and undo {len(undo) - 3} more changes)" if len(undo) > 3 else ""
    return f"call {shown}{rest}"


def _fix(step: Step, dialect: Dialect) -> str:
    return f"in {dialect.down}, {_undo(step, dialect)}; or waive with a reason"


_DOUBLE_QUOTED_NAME = lazyre.compile(r"\b(?:TABLE|INTO|ON|COLUMN|FROM|UPDATE)\s+\"", re.IGNORECASE)


def _mysql(s: Statement) -> bool:
    """A statement written for MySQL: its names quoted with backquotes (which the
    skeleton writes as double quotes)."""
    return "`" in s.text


def _by_database(
    ups: Sequence[Statement], downs: Sequence[Statement] | None
) -> list[tuple[list[Statement], list[Statement] | None]]:
    """The step's statements, and the down step's, per database a file written for several
    writes them for: TypeORM files that switch on the connection's type hold a MySQL
    branch (names in backquotes) beside PostgreSQL's and SQLite's (double quotes), and a
    MySQL ``CHANGE`` is judged against the MySQL down step only (ever-gauzy, round AM:
    seven RG223 whose old type was another database's). One database: as written."""
    # (only SQL the file writes: what a builder call renders, in double quotes, runs on
    # whichever database, beside a raw MySQL `DROP FOREIGN KEY`: Ctrlpanel's Laravel
    # step drops three keys in DB::statement and draws them again with `$table->foreign`,
    # round BE)
    mysql = [s for s in ups if s.written and _mysql(s)]
    # (the others must name things in double quotes, as PostgreSQL and SQLite do: a MySQL
    # file's unquoted statements, or its strings in double quotes, stay with it)
    others = [s for s in ups if s.written and not _mysql(s) and _DOUBLE_QUOTED_NAME.search(s.text)]
    if not mysql or not others:
        return [(list(ups), None if downs is None else list(downs))]

    def of(statements: Sequence[Statement], mine: bool) -> list[Statement]:
        return [s for s in statements if not s.written or _mysql(s) == mine]

    return [
        (of(ups, True), None if downs is None else of(downs, True)),
        (of(ups, False), None if downs is None else of(downs, False)),
    ]


def judge(
    path: str, up: Step | None, down: Step | None, dialect: Dialect, *, down_known: bool = True
) -> Iterator[Finding]:
    """RG200-RG203 for one migration file whose steps were read into ``up`` and ``down``.

    ``down_known`` is False when a down step is declared but cannot be read (imported from
    elsewhere, built by a helper): it then counts as present and effective.
    """
    if up is not None:
        yield from _destroys(path, up, down, dialect)
        words = dialect.words or wording.SQL_WORDS
        fill = dialect.defaults_fill
        seen: set[tuple[str, str, int, str]] = set()
        for ups, downs in _by_database(up.statements, down.statements if down else None):
            retypes = downs is not None and sql.needs_old_types(ups)
            old = sql.column_types(downs) if downs is not None and retypes else {}
            found = compat.breaks(
                ups,
                old_types=old,
                candidates=True,
                defaults_fill=fill,
                whole=up.whole,
                restated=path.endswith(SQL_SUFFIXES),  # (a SQL file's own, not a script's)
            )
            for b in found:
                if (b.rule, b.kind, b.line, b.target) not in seen:
                    seen.add((b.rule, b.kind, b.line, b.target))
                    yield wording.finding(b, path, dialect.up, words)
    up_changes = up is None or up.effective
    if down is None and not down_known:
        return
    if down is None:
        if not up_changes or up is None:
            return
        what, key = _summary(up)
        yield Finding(
            "RG200",
            f"no {dialect.down}: {dialect.up} {what} and nothing reverses it"
            + (" (a data change only)" if _data_only(up) else ""),
            path,
            up.line,
            impact="a rollback cannot run this migration backwards: it fails, or reports "
            "success and leaves the schema at the new version",
            fix=f"add {dialect.add_down or dialect.down} and in it {_undo(up, dialect)}; "
            "or waive with a reason",
            severity=Severity.P2 if _data_only(up) else None,  # see _data_only
            key=f"RG200:{key}",
        )
        return
    if down.refusal is not None:
        line, reason = down.refusal
        yield Finding(
            "RG202",
            f"{dialect.down} refuses to run ({reason})",
            path,
            line,
            impact="a rollback stops at this migration: the release cannot be rolled back "
            "past it without hand-written SQL during the incident",
            fix=(
                f"replace the refusal in {dialect.down} with the reversal: "
                f"{_undo(up, dialect) if up is not None else f'undo what {dialect.up} changes'}"
                "; if it truly cannot be reversed, split the change (expand/contract) so that "
                "each release is reversible, or waive with a reason"
            ),
            key="RG202:refuses",
        )
        return
    if up is not None and up.effective and not down.effective:
        what, key = _summary(up)
        data_only = _data_only(up)
        yield Finding(
            "RG201",
            f"{dialect.down} is empty while {dialect.up} {what}"
            + (" (a data change only)" if data_only else ""),
            path,
            down.line,
            impact=(
                "a rollback reports success but leaves the changed rows as they are; "
                "harmless only if the old code reads them correctly"
                if data_only
                else "a rollback reports success but leaves the schema and data at the new "
                "version, so the old code runs against a database it does not expect"
            ),
            fix=_fix(up, dialect),
            severity=Severity.P2 if data_only else None,
            key=f"RG201:{key}",
        )


def _data_only(up: Step) -> bool:
    """True when every recognised change of ``up`` is to rows, none to the schema.

    A backfill whose down step does nothing is often intended (nothing in the schema to
    undo), so RG201 is then a P2 warning below the default ``fail_on``, as for Alembic.
    """
    changes = _changes(up)
    if not changes:
        return up.data_code
    return all(s.kind in DATA_KINDS for s in changes)


def _destroys(path: str, up: Step, down: Step | None, dialect: Dialect) -> Iterator[Finding]:
    previous = sql.column_types(down.statements) if down is not None else {}
    seen: set[str] = set()
    statements = with_copies(up.statements)
    # table → position of the first statement copying its rows out (positions, not lines:
    # a helper's statements keep the helper's own lines, which may come after the caller's)
    copied: dict[str, int] = {}
    for i, s in enumerate(statements):
        for kind, table in s.actions:
            if kind == "copy_from":
                copied.setdefault(table, i)
    order = {(s.text, s.line): i for i, s in reversed(list(enumerate(statements)))}
    added: dict[str, int] = {}  # column → position of the statement that added it
    for i, s in enumerate(statements):
        for kind, column in s.actions:
            if kind == "add_column":
                added.setdefault(column.lower(), i)
    found = sql.destructive(statements, previous_types=previous)
    for table, column, line in rebuild_losses(statements, down):
        found.append(synthetic(f"ALTER TABLE {quote(table)} DROP COLUMN {quote(column)}", line))
    for stmt in found:
        target = stmt.target or "?"
        position = order.get((stmt.text, stmt.line), len(statements))
        if stmt.kind in ("delete", "truncate") and copied.get(target, position + 1) <= position:
            continue  # rows moved: copied to another table, then removed from this one
        if stmt.kind == "drop_column" and moved(stmt, statements):
            continue  # values moved: an earlier INSERT/UPDATE in this step read the column
        if stmt.kind == "drop_column" and added.get(target.lower(), position) < position:
            continue  # a column this step added before (a cleanup path) holds no old data
        if f"{stmt.kind}:{target}" in seen:
            continue  # one finding per destroyed object: the first statement that does it
        seen.add(f"{stmt.kind}:{target}")
        if stmt.kind in ("drop_table", "delete", "truncate") and SCRATCH.search(target):
            continue  # a scratch table (tmp_x, x_temp): its rows are a copy made by the migration
        if stmt.kind in ("delete", "truncate") and BOOKKEEPING.match(target.rsplit(".", 1)[-1]):
            continue  # the migration tool's own bookkeeping, not application data
        if stmt.kind in ("delete", "truncate"):
            impact = (
                f"rows deleted from {target} by {dialect.up} are gone: "
                f"{dialect.down} cannot bring them back"
            )
            fix = (
                f"copy the rows to an archive table before deleting them (and restore them in "
                f"{dialect.down}), or delete them in a later release; or waive with a reason"
            )
        elif stmt.kind == "narrow_type":
            impact = (
                f"values that do not fit the new type of {target} are cut or rejected; "
                "a rollback cannot restore them"
            )
            fix = (
                f"widen instead of narrowing, or add a new column of the narrower type and "
                f"backfill it, dropping {target} in a later release; or waive with a reason"
            )
        else:
            impact = (
                f"the data in {target} is gone: a rollback restores at best an empty {_noun(stmt)}"
            )
            fix = (
                f"split into expand/contract: stop reading {target} in this release, "
                f"{_drop_verb(stmt)} it in a later one; or waive with a reason"
            )
        yield Finding(
            "RG203",
            f"{dialect.up} {describe(stmt)}: rolling back cannot bring its data back",
            path,
            stmt.line,
            impact=impact,
            fix=fix,
            key=f"RG203:{stmt.kind}:{target}",
        )
    yield from moved_findings(path, statements, seen, dialect.up)


MOVED = "moved_"
"""Key kind prefix (``RG203:moved_column:t.c``) of a drop whose data the step copied out
first: no data is lost, so it is no RG203 of its own, but the previous release still reads
the name. :mod:`rollback_gate.checks.dropped` asks RG225 of it and never reports it."""


def moved_findings(
    path: str, statements: Sequence[Statement], reported: set[str], where: str, offset: int = 0
) -> Iterator[Finding]:
    """The drops of tables and columns that existed before the step and that no RG203
    reported (``reported``: ``kind:target`` of those that did, in any case): their data
    was copied elsewhere first, so they stand for the RG225 question alone (key
    :data:`MOVED`). ``where`` names the step for the message."""
    done = {r.lower() for r in reported}
    created: set[str] = set()
    added: set[str] = set()
    for s in statements:
        for kind, target in s.actions:
            if kind == "create_table":
                created.add(target.rsplit(".", 1)[-1].lower())
            elif kind == "add_column":
                added.add(target.lower())
            if kind not in ("drop_table", "drop_column") or f"{kind}:{target}".lower() in done:
                continue
            table = target.rsplit(".", 1)[0] if kind == "drop_column" else target
            if table.rsplit(".", 1)[-1].lower() in created or SCRATCH.search(table):
                continue  # a table of the step's own making
            if kind == "drop_column" and target.lower() in added:
                continue  # a column the step added: the previous release never had it
            done.add(f"{kind}:{target}".lower())
            yield moved_finding(path, offset + s.line, kind, target, where)


REBUILT = "rebuilt_"
"""Key kind prefix (``RG203:rebuilt_table:t``) of a table a SQL migration file drops and
makes again under its name: ``DROP TABLE t`` then ``CREATE TABLE t``, or the copy made
beside it renamed into its place. Which columns ``t`` had only the earlier files tell, so
:mod:`rollback_gate.checks.history.rebuilt` turns the mark into the drops it makes (the
rows, the columns left out) and never reports it."""


def rebuilt_marks(
    path: str, statements: Sequence[Statement], where: str, offset: int = 0
) -> list[Finding]:
    """A :data:`REBUILT` mark for each table ``statements`` drop (or rename aside) and then
    make again under its name (one per table, at its drop): a table the step itself made
    first is none."""
    if not any(k in ("drop_table", "rename") for s in statements for k, _ in s.actions):
        return []  # (most steps: asked of every SQL file, so kept cheap)
    out: list[Finding] = []
    created: set[str] = set()
    dropped: dict[str, int] = {}  # table → line of its first drop (or rename aside)
    marked: set[str] = set()
    for s in statements:
        made = [bare(t) for kind, t in s.actions if kind == "create_table"]
        if renames_table(s) and (to := renamed_to(s)):
            made.append(to)
            aside = bare(s.target)  # (arcane's `projects` renamed `projects_old`, round AF)
            if aside not in created and not SCRATCH.search(aside):
                dropped.setdefault(aside, s.line)
        for table in made:
            if table in dropped and table not in marked:
                marked.add(table)
                out.append(
                    Finding(
                        "RG203",
                        f"{where} drops table {table} and makes it again",
                        path,
                        offset + dropped[table],
                        severity=Severity.P3,
                        key=f"RG203:{REBUILT}table:{table}",
                    )
                )
            created.add(table)
        for kind, target in s.actions:
            table = bare(target)
            if kind == "drop_table" and table not in created and not SCRATCH.search(table):
                dropped.setdefault(table, s.line)
    return out


def moved_finding(path: str, line: int, kind: str, target: str, where: str) -> Finding:
    """A drop (``drop_table``/``drop_column``) whose data the step copied out first: no
    loss, but the RG225 question stands (key :data:`MOVED`; left out once asked)."""
    noun = "column" if kind == "drop_column" else "table"
    return Finding(
        "RG203",
        f"{where} drops {noun} {target} after copying its data out",
        path,
        line,
        severity=Severity.P3,
        key=f"RG203:{MOVED}{noun}:{target}",
    )


def _noun(stmt: Statement) -> str:
    return {"drop_column": "column", "drop_schema": "schema", "drop_partition": "partition"}.get(
        stmt.kind, "table"
    )


def _drop_verb(stmt: Statement) -> str:
    return "drop" if stmt.kind != "drop_cascade" else "drop (with CASCADE)"
