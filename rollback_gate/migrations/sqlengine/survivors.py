"""Destructive-looking statements whose data survives elsewhere in the same step.

:func:`rollback_gate.migrations.sqlengine.loss.destructive` sees one statement at a time;
these patterns need the statements around it (issue 10, false alarms on real histories):

* ``DROP TABLE IF EXISTS foo_new`` right before ``CREATE TABLE foo_new``: a defensive
  drop of the table the step is about to create;
* ``TRUNCATE t`` (or ``DELETE FROM t`` without ``WHERE``) followed by ``INSERT INTO t``:
  a lookup table reloaded;
* ``DROP COLUMN t.c`` followed by ``ADD COLUMN t.c`` and a write of ``c`` into ``t``: the
  column re-created under the same name with converted data;
* ``DROP COLUMN t.c`` after ``INSERT INTO other … SELECT c FROM t`` or
  ``UPDATE other SET x = t.c FROM t``: the values were copied elsewhere first;
* ``DROP COLUMN t.c`` after ``TRUNCATE t``: the column is empty, the TRUNCATE is the loss
  (reported once, there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine.kinds import INEFFECTIVE_KINDS
from rollback_gate.migrations.sqlengine.model import Statement

_IF_EXISTS = lazyre.compile(r"\bIF\s+EXISTS\b", re.IGNORECASE)
_WHERE = lazyre.compile(r"\bWHERE\b", re.IGNORECASE)
_SELECT_LIST = lazyre.compile(r"\bSELECT\b(.*?)\bFROM\b", re.IGNORECASE | re.DOTALL)
_SET_LIST = lazyre.compile(r"\bSET\b(.*?)(?:\bWHERE\b|$)", re.IGNORECASE | re.DOTALL)


def _key(name: str) -> str:
    return name.rsplit(".", 1)[-1].strip('"`[]').lower()


def _word(name: str) -> re.Pattern[str]:
    """``name`` as a whole word in any case; compiled only where a statement is searched
    (most dropped columns are never re-added nor copied: 630 compiles, a third of a
    second, of 10,000 files were for nothing)."""
    return re.compile(rf"(?<![\w$:@]){re.escape(name)}(?![\w$])", re.IGNORECASE)


def survives(index: int, kind: str, target: str, statements: Sequence[Statement]) -> bool:
    """True when the data ``statements[index]`` destroys (``kind`` on ``target``) lives on."""
    stmt = statements[index]
    later = statements[index + 1 :]
    if kind == "drop_table":
        return _recreated(stmt, target, later)
    if kind in ("truncate", "delete"):
        whole = kind == "truncate" or not _WHERE.search(stmt.skeleton or stmt.text)
        return whole and any(
            k == "insert" and _key(t) == _key(target) for s in later for k, t in s.actions
        )
    if kind == "drop_column":
        table, _, column = target.rpartition(".")
        return bool(table and column) and (
            _readded(table, column, later)
            or copied_out(table, column, statements[:index])
            or _emptied(table, statements[:index])
        )
    return False


def _emptied(table: str, earlier: Sequence[Statement]) -> bool:
    """An earlier TRUNCATE (or DELETE without WHERE) emptied ``table``: that is the loss."""
    return any(
        (k == "truncate" or (k == "delete" and not _WHERE.search(s.skeleton or s.text)))
        and _key(t) == _key(table)
        for s in earlier
        for k, t in s.actions
    )


def _recreated(stmt: Statement, table: str, later: Sequence[Statement]) -> bool:
    if not _IF_EXISTS.search(stmt.text):
        return False
    following = next((s for s in later if s.kind not in INEFFECTIVE_KINDS), None)
    return following is not None and any(
        k == "create_table" and _key(t) == _key(table) for k, t in following.actions
    )


def _readded(table: str, column: str, later: Sequence[Statement]) -> bool:
    """``c`` is added back to ``table`` and then written (converted values put back)."""
    added = False
    for s in later:
        for k, t in s.actions:
            if k == "add_column" and t.lower() == f"{table}.{column}".lower():
                added = True
            elif added and k in ("update", "insert") and _key(t) == _key(table):
                body = s.skeleton or s.text
                written = _SET_LIST.search(body) if k == "update" else None
                if _word(column).search(written.group(1) if written else body):
                    return True
    return False


def copied_out(table: str, column: str, earlier: Sequence[Statement]) -> bool:
    """An earlier INSERT … SELECT or UPDATE … FROM read ``table.column`` into another table."""
    source = None
    for s in earlier:
        body = s.skeleton or s.text
        if s.kind == "insert" and any(
            k == "copy_from" and _key(t) == _key(table) for k, t in s.actions
        ):
            selected = _SELECT_LIST.search(body)
            if selected and _word(column).search(selected.group(1)):
                return True
        elif s.kind == "update" and _key(s.target) != _key(table):
            source = source or re.compile(
                rf"\b(?:FROM|JOIN)\s+(?:\w+\.)?[\"`]?{re.escape(_key(table))}\b", re.I
            )
            if not source.search(body):
                continue
            values = re.search(r"\bSET\b(.*?)\bFROM\b", body, re.IGNORECASE | re.DOTALL)
            if values and _word(column).search(values.group(1)):
                return True
    return False
