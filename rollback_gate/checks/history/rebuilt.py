"""RG203 and RG225 on a table a SQL migration drops and makes again under its name.

Two ways to change a table wholesale hide a drop from one file's reading:

* ``DROP TABLE IF EXISTS t`` then ``CREATE TABLE t (…)``: the rows are gone, and so is
  every column the new table leaves out (dora's ``orphaned_blocks`` made again with
  ``header_ver``/``header_ssz`` in place of ``header``, round AE). Read alone, the file
  looks like the idempotent way to create a table, which is no loss;
* a rebuild: ``CREATE TABLE t_new (…)``, ``INSERT INTO t_new … SELECT … FROM t``, ``DROP
  TABLE t``, ``ALTER TABLE t_new RENAME TO t`` (SQLite's way to change a column, Prisma's
  "RedefineTables", dora's switch from ``(block_uid, tx_hash)`` to ``tx_uid``): the rows
  stay, the columns the new table leaves out do not.

Which columns ``t`` had only the earlier files tell. So for each table the analysers
marked (:data:`~rollback_gate.migrations.sqlengine.steps.REBUILT`, SQL files whose names
give their order), the files of the same folder that name it (one ``git grep -l``; every
file without git) are read in migration order, their up steps only, following the columns
``CREATE TABLE``, ``ADD``/``DROP COLUMN`` and column and table renames leave; a table made
any other way (``CREATE TABLE … AS``, MySQL's ``CHANGE``) is not known and nothing is said
of it. Then, for a table that existed before the file:

* dropped and made again with no copy of its rows: RG203 for the table (its rows are
  gone), unless the file's own reading said so already;
* a column the new table leaves out that the copy reads (moved into another form: a join,
  an expression): no data is lost, but the previous release still reads the name, so it
  is asked RG225 (a ``moved_column`` drop, never reported itself);
* a column it leaves out that no copy reads, or any column of a table made again without
  a copy: its values are gone (RG203 ``drop_column``, asked RG225 like any drop; for a
  table made again, only asked).

A table renamed aside while one of known columns is renamed into its name (a swap) is no
RG221 for the old name: the previous release still finds a table by it, and the columns
the new one lacks are said above, one by one.

The files are read as text: nothing is run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import bare, home, in_order, naming, ordered, up_part
from rollback_gate.checks.history.unwritten import target as key_target
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.sqlengine.loss import renamed_to, table_columns
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.sqlengine.rebuilds import renames_table
from rollback_gate.migrations.sqlengine.sql import split_statements
from rollback_gate.migrations.sqlengine.steps import MOVED, REBUILT
from rollback_gate.models import Finding, Severity

_MARK = f":{REBUILT}table:"
_NOT_READ_HERE = lazyre.compile(r"\bCHANGE\b|\bAS\s+SELECT\b|\bLIKE\b|\(\s*SELECT\b", re.I)
_IF_NOT_EXISTS = lazyre.compile(r"\bIF\s+NOT\s+EXISTS\b", re.IGNORECASE)
# a copy of every column: ``SELECT *``, ``SELECT t.*``, PostgreSQL's ``AS TABLE t``
_EVERY_COLUMN = lazyre.compile(
    r"\bSELECT\s+(?:DISTINCT\s+)?(?:[\w\"`\[\]]+\.)?\*|\bAS\s+TABLE\b", re.IGNORECASE
)


class _Tables:
    """Each table's columns so far, in order (None: a table made in a way not read here)."""

    def __init__(self, tables: dict[str, dict[str, None] | None] | None = None) -> None:
        self.tables = dict(tables or {})

    def copy(self) -> _Tables:
        return _Tables({t: None if c is None else dict(c) for t, c in self.tables.items()})

    def apply(self, s: Statement) -> None:
        unread = _NOT_READ_HERE.search(s.skeleton or s.text) is not None
        for kind, target in s.actions:
            if kind == "create_table":
                table = bare(target)
                if table in self.tables and _IF_NOT_EXISTS.search(s.skeleton):
                    continue  # it stays as it was
                columns = table_columns(s.skeleton)
                self.tables[table] = dict.fromkeys(columns) if columns and not unread else None
            elif kind == "drop_table":
                self.tables.pop(bare(target), None)
            elif kind in ("add_column", "drop_column", "rename", "alter_type", "alter_table"):
                self._change(kind, target, s, unread)

    def _change(self, kind: str, target: str, s: Statement, unread: bool) -> None:
        target = target.partition("\t")[0]  # (an alter_type's new type after a tab)
        whole = kind == "alter_table" or renames_table(s)
        table, _, column = ("", "", "") if whole else target.rpartition(".")
        table = bare(table or target)
        columns = self.tables.get(table)
        if columns is None:
            return
        column = column.strip('"`[]').lower()
        if unread:
            self.tables[table] = None  # (MySQL's CHANGE renames as it retypes)
        elif kind == "add_column":
            columns[column] = None
        elif kind == "drop_column":
            columns.pop(column, None)
        elif kind == "rename" and (to := renamed_to(s)):
            if renames_table(s):
                self.tables[to] = self.tables.pop(table)
            else:
                columns.pop(column, None)
                columns[to] = None


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` without the marks, with the drops the marked tables' rebuilds make."""
    marks: list[Finding] = []
    out: list[Finding] = []
    for f in findings:
        if f.rule == "RG203" and any(_MARK in o.key for o in occurrences(f)):
            marks += [o for o in occurrences(f) if _MARK in o.key]
            out += one_per_rule([o for o in occurrences(f) if _MARK not in o.key])
        else:
            out.append(f)
    if not marks:
        return findings
    roots = list(folders)
    wanted = {m.path or "": m for m in marks if ordered(m.path or "")}
    if not wanted:
        return out
    tables = sorted({m.key.rpartition(_MARK)[2] for m in marks})
    holding = naming(ctx, tables, roots)
    pool = set(files if holding is None else holding)
    homes = {home(p, roots) for p in wanted}
    history = {p for p in pool if ordered(p) and home(p, roots) in homes}
    said: dict[str, set[tuple[str, str]]] = {}  # per file: a twin folder's is its own
    for o in (o for f in out if f.rule == "RG203" for o in occurrences(f)):
        said.setdefault(o.path or "", set()).add(_said(o.key))
    # files whose drops RG225 asks the base's code about (added by the change): a swap's
    # lacking columns are said there; elsewhere only the RG221 says the old table went
    asked_225 = ctx.diff.added if ctx.git is not None and ctx.diff is not None else frozenset()
    state: dict[str, _Tables] = {}
    made: list[Finding] = []
    swapped: set[tuple[str, str]] = set()  # (path, table) swapped, its columns judged
    for path, text in in_order(ctx.tree, history | set(wanted), holding):
        tables_now = state.setdefault(home(path, roots), _Tables())
        statements = split_statements(up_part(text))
        if path in wanted:
            asked = {m.key.rpartition(_MARK)[2] for m in marks if m.path == path}
            before = tables_now.copy()
            ruled = path in asked_225
            drops, judged = _drops(
                wanted[path], asked, before, statements, said.get(path, set()), ruled
            )
            made += drops
            swapped |= {(path, t) for t in judged}
        for s in statements:
            tables_now.apply(s)
    if swapped:
        out = _unrenamed(out, swapped)
    if not made:
        return out
    paths = {f.path for f in made}
    mine = [f for f in out if f.rule == "RG203" and f.path in paths]
    rest = [f for f in out if not (f.rule == "RG203" and f.path in paths)]
    grouped: list[Finding] = []
    for path in sorted(p or "" for p in paths):
        same = [o for f in mine if f.path == path for o in occurrences(f)]
        grouped += one_per_rule([*same, *(f for f in made if f.path == path)])
    return rest + grouped


@dataclass
class _Before:
    """A rebuilt table as it was: its columns, the line of its drop (or of its rename
    aside), and the name its old rows go by (its own, or the one it was renamed to)."""

    columns: dict[str, None]
    line: int
    at: int  # the statement's position
    rows: str
    aside: bool  # renamed aside (else dropped)


def _drops(
    mark: Finding,
    asked: set[str],
    tables: _Tables,
    statements: Sequence[Statement],
    said: set[tuple[str, str]],
    ruled: bool = False,
) -> tuple[list[Finding], set[str]]:
    """The drops a file's rebuilds of the ``asked`` tables make, and the tables renamed
    aside whose new table's columns are known (a swap) and either keep every old column or,
    where RG225 asks about what they lack (``ruled``), are said column by column;
    ``tables``: the columns before the file; ``said``: the RG203 keys the analysers gave
    already for the file."""
    where = mark.message.partition(" drops table ")[0]
    before: dict[str, _Before] = {}
    for i, s in enumerate(statements):
        moved = renamed_to(s) if renames_table(s) else ""
        for kind, target in s.actions:
            table = bare(target)
            if table not in asked or table in before or not tables.tables.get(table):
                continue
            if kind == "drop_table" or (kind == "rename" and moved):
                columns = dict(tables.tables.get(table) or {})
                before[table] = _Before(columns, s.line, i, moved or table, kind == "rename")
        tables.apply(s)
    out: list[Finding] = []
    judged: set[str] = set()
    for table, was in before.items():
        after = tables.tables.get(table)
        if after is None:
            continue  # made again in a way not read here
        if was.aside and (ruled or all(c in after for c in was.columns)):
            judged.add(table)
        copy = _copy(statements, was)
        if not copy and not was.aside and ("drop_table", table) not in said:
            out.append(_table_gone(mark, where, table, was.line))
        for column in (c for c in was.columns if c not in after):
            if ("drop_column", f"{table}.{column}") in said:
                continue
            if copy and not (_EVERY_COLUMN.search(copy) or _word(column).search(copy)):
                out.append(_column_gone(mark, where, table, column, was.line))
            else:
                out.append(_moved(mark, where, table, column, was.line))
    return out, judged


def _unrenamed(findings: list[Finding], swapped: set[tuple[str, str]]) -> list[Finding]:
    """``findings`` without the RG221 of a table renamed aside where another table of known
    columns takes its name in the same file (visit-scheduler's ``visit`` made
    ``visit_backup`` and ``tmp_visit`` made ``visit``, round BH): the previous release still
    finds a table by the name, and what it lacks is said column by column (RG203, RG225)."""
    out: list[Finding] = []
    for f in findings:
        if f.rule != "RG221":
            out.append(f)
            continue
        kept = [o for o in occurrences(f) if (o.path or "", key_target(o.key)[0]) not in swapped]
        out += one_per_rule(kept) if len(kept) < len(occurrences(f)) else [f]
    return out


def _copy(statements: Sequence[Statement], was: _Before) -> str:
    """The text of the statements that read the table's old rows: before its drop, or
    after its rename aside (arcane's ``projects`` renamed ``projects_old``, made again,
    filled from it, round AF)."""
    around = statements[was.at + 1 :] if was.aside else statements[: was.at]
    return " ".join(s.skeleton or s.text for s in around if _reads(s, was.rows))


def _reads(s: Statement, table: str) -> bool:
    return any(k in ("copy_from", "read_from") and bare(t) == table for k, t in s.actions)


def _word(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w$]){re.escape(name)}(?![\w$])", re.IGNORECASE)


def _said(key: str) -> tuple[str, str]:
    """An RG203 key's drop as ``(kind, target)`` without schema: ``("drop_column", "t.c")``."""
    _, kind, target = key.lower().split(":", 2) if key.count(":") >= 2 else ("", "", "")
    if kind == "drop_column":
        table, _, column = target.rpartition(".")
        return kind, f"{bare(table)}.{column}"
    return kind, bare(target)


def _table_gone(mark: Finding, where: str, table: str, line: int) -> Finding:
    return Finding(
        "RG203",
        f"{where} drops table {table} and creates it again: the rows it held are gone",
        mark.path,
        line,
        impact=f"rolling back cannot restore the data: the rows of {table} were dropped "
        "with the table, and the table made again is empty",
        fix=f"change {table} in place (ALTER TABLE), or copy its rows into the new table "
        "before dropping the old one; or waive with a reason",
        key=f"RG203:drop_table:{table}",
    )


def _column_gone(mark: Finding, where: str, table: str, column: str, line: int) -> Finding:
    return Finding(
        "RG203",
        f"{where} rebuilds table {table} without column {column}: its values are not copied",
        mark.path,
        line,
        impact=f"rolling back cannot restore the data: the values of {table}.{column} "
        "were left behind with the old table",
        fix=f"split into expand/contract: stop reading {table}.{column} in this release, "
        "leave it out of the rebuilt table in a later one; or waive with a reason",
        key=f"RG203:drop_column:{table}.{column}",
    )


def _moved(mark: Finding, where: str, table: str, column: str, line: int) -> Finding:
    """A column the rebuild leaves out: asked RG225 only (the data is copied in another
    form, or the table's RG203 says it is gone)."""
    return Finding(
        "RG203",
        f"{where} rebuilds table {table} without column {column}",
        mark.path,
        line,
        severity=Severity.P3,
        key=f"RG203:{MOVED}column:{table}.{column}",
    )
