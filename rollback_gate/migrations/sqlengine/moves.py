"""Telling data moved by a migration from data destroyed by it.

Code migrations often move data before they drop its old home: a SQLite-style table
rebuild, rows read in a loop and inserted elsewhere, a column mapped into a new one. The
SQL layer sees each statement; these helpers look across the statements of one step
(and, for rebuilds, at the down step) so that a move is not reported as data loss, while
a rebuild that leaves a column behind is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.model import Statement, Step

SCRATCH = lazyre.compile(r"(?:^|\.)\W?(?:tmp|temp|temporary)_|_(?:tmp|temp)\W?$", re.IGNORECASE)


_INSERT_SELECT = lazyre.compile(
    r"INSERT\s+INTO\s+\S+?\s*\([^)]*\)\s*SELECT\s+(?P<cols>.+?)\s+FROM\s+(?P<src>\S+)\s*$",
    re.IGNORECASE | re.DOTALL,
)


_IDENT = lazyre.compile(r'^\s*(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_]\w*))\s*$')


def rebuild_losses(
    statements: Sequence[Statement], down: Step | None
) -> list[tuple[str, str, int]]:
    """Columns a table rebuild leaves behind (SQLite-style: copy rows, drop, rename).

    ``INSERT INTO new(…) SELECT a, b FROM old`` then ``DROP TABLE old`` keeps the rows but
    only the selected columns. The down step re-creates ``old`` as it was, in reverse
    order (its last ``CREATE TABLE old`` undoes the up step's first rebuild), so its
    column list tells which columns the table had before each rebuild. A column it had
    that the copy did not select is lost. Unequal counts of rebuilds: nothing is claimed.
    """
    shapes: dict[str, list[set[str]]] = {}
    for stmt in down.statements if down is not None else ():
        if stmt.kind == "create_table":
            cols = {k.rpartition(".")[2].lower() for k in sql.column_types([stmt])}
            shapes.setdefault(stmt.target.lower(), []).append(cols)
    drops: dict[str, list[Statement]] = {}
    selected: dict[str, set[str] | None] = {}
    kept_by_drop: dict[int, set[str] | None] = {}
    for index, stmt in enumerate(statements):
        match = _INSERT_SELECT.match(stmt.text) if stmt.kind == "insert" else None
        if match is not None:
            names = [_IDENT.match(c) for c in match["cols"].split(",")]
            cols = {next(g for g in n.groups() if g).lower() for n in names if n is not None}
            source = _IDENT.match(match["src"])
            if source is not None:
                table = next(g for g in source.groups() if g).lower()
                selected[table] = cols if all(names) else None
        elif stmt.kind == "drop_table" and stmt.target.lower() in selected:
            drops.setdefault(stmt.target.lower(), []).append(stmt)
            kept_by_drop[index] = selected.pop(stmt.target.lower())
    out: list[tuple[str, str, int]] = []  # (table, lost column, line of the DROP TABLE)
    index_of = {id(s): i for i, s in enumerate(statements)}
    for table, dropped in drops.items():
        before = shapes.get(table, [])
        if len(before) != len(dropped):
            continue
        for stmt, old in zip(dropped, reversed(before), strict=True):
            kept = kept_by_drop[index_of[id(stmt)]]
            for column in sorted(old - kept) if kept is not None else ():
                out.append((stmt.target, column, stmt.line))
    return out


def moved(drop: Statement, statements: Sequence[Statement]) -> bool:
    """True when an INSERT or UPDATE before ``drop`` wrote the dropped column's values on.

    The expand-and-migrate pattern in one step: ``INSERT INTO new_t … SELECT …, c FROM t``
    or ``UPDATE t SET status = CASE WHEN c THEN … END``, then ``DROP COLUMN c``. The values
    live on in the other table or column. A column only used to pick rows (``WHERE c``)
    or overwritten (``SET c = NULL``) is not moved.
    """
    table, _, column = drop.target.rpartition(".")
    if not table or not column:
        return False
    # the column as a name, not inside another name nor as a bind parameter (:name, @name)
    word = re.compile(rf"(?<![\w$:@]){re.escape(column)}(?![\w$])", re.IGNORECASE)
    for stmt in statements:
        if stmt.line == drop.line and stmt.text == drop.text:
            break  # in execution order: a helper's statements keep the helper's own lines
        body = stmt.skeleton or stmt.text
        if stmt.kind == "update" and stmt.target.lower() == table.lower():
            values = _UPDATE_VALUES.search(body)
            written = values.group(1) if values else ""
            written = re.sub(r'(^|,)\s*"?[\w$]+"?\s*=', r"\1", written)  # drop `col =`
            if word.search(written):
                return True
        reads = {t.lower() for k, t in stmt.actions if k == "copy_from"}
        if stmt.kind == "insert" and table.lower() in reads:
            selected = _select_list(body)
            if selected and word.search(selected):
                return True
    return False


_UPDATE_VALUES = lazyre.compile(r"\bSET\b(.*?)(?:\bWHERE\b|\bFROM\b|$)", re.IGNORECASE | re.DOTALL)


_SELECT = lazyre.compile(r"\bSELECT\b", re.IGNORECASE)
_FROM = lazyre.compile(r"\bFROM\b", re.IGNORECASE)


def _select_list(body: str) -> str | None:
    """What the first SELECT selects (up to its FROM), or None.

    Two searches rather than ``SELECT(.*?)FROM``: that one rescans to the end of the text
    from every SELECT when no FROM follows (quadratic).
    """
    select = _SELECT.search(body)
    if select is None:
        return None
    end = _FROM.search(body, select.end())
    return body[select.end() : end.start()] if end else None


def with_copies(statements: Sequence[Statement]) -> list[Statement]:
    """Rows read from a table and then inserted elsewhere count as copied out of it.

    Code migrations move data in a loop (``rows = DB::table('old')->get()`` …
    ``DB::table('new')->insert(…)``) before dropping the old table; SQL alone cannot show
    it, so a read followed by an insert marks the read tables as copied.
    """
    read: list[str] = []
    out: list[Statement] = []
    for stmt in statements:
        if stmt.kind == "insert" and read:
            extra = tuple(("copy_from", t) for t in read if t != stmt.target)
            stmt = replace(stmt, actions=stmt.actions + extra)
        read.extend(t for kind, t in stmt.actions if kind == "read_from")
        out.append(stmt)
    return out


BOOKKEEPING = lazyre.compile(
    r"^\W?(?:migrations|knex_migrations(?:_lock)?|SequelizeMeta|typeorm_metadata|"
    r"schema_migrations)\W?$",
    re.IGNORECASE,
)
