"""A table rebuilt under its name, read as the column changes it makes.

SQLite cannot change a column in place, so Prisma (its "RedefineTables"), Drizzle and
hand-written SQLite migrations rebuild the table: ``CREATE TABLE "new_T" (…)``, ``INSERT
INTO "new_T" (a, b, c) SELECT a, b, expr FROM "T"``, ``DROP TABLE "T"``, ``ALTER TABLE
"new_T" RENAME TO "T"``. Read statement by statement that is a new table and a drop; for
the previous release it is ``T`` with columns added or renamed. This module says so: after
the rename it puts, as statements of the step,

* ``ALTER TABLE T ADD COLUMN c <definition>`` for each column of ``new_T`` the copy does
  not fill from the column of that name in ``T`` (left out, or computed: pingvin-share's
  ``"remainingUses" INTEGER NOT NULL`` filled by ``iif(used, 0, 1)``, round AC);
* ``ALTER TABLE T RENAME COLUMN old TO c`` for one filled from another plain column.

The columns ``T`` had and ``new_T`` leaves out are not known from the file (only from the
migrations before it), so no drop is said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.model import Statement

_NAME = r"(?:\"[^\"]+\"|`[^`]+`|\[[^\]]+\]|[\w$]+)"
_CREATE = lazyre.compile(
    rf"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?({_NAME}(?:\.{_NAME})?)\s*\((.*)\)\s*$",
    re.IGNORECASE | re.DOTALL,
)
_COPY = lazyre.compile(
    rf"^\s*INSERT\s+INTO\s+({_NAME}(?:\.{_NAME})?)\s*\((.*?)\)\s*SELECT\s+(.*)\s+FROM\s+"
    rf"({_NAME}(?:\.{_NAME})?)\s*;?\s*$",
    re.IGNORECASE | re.DOTALL,
)
_RENAME = lazyre.compile(
    rf"^\s*ALTER\s+TABLE\s+({_NAME}(?:\.{_NAME})?)\s+RENAME\s+TO\s+({_NAME}(?:\.{_NAME})?)\s*$",
    re.IGNORECASE,
)
_DROP = lazyre.compile(
    rf"^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?({_NAME}(?:\.{_NAME})?)\s*$", re.IGNORECASE
)
_NOT_A_COLUMN = lazyre.compile(
    r"^(?:CONSTRAINT|PRIMARY|FOREIGN|UNIQUE|CHECK|INDEX|KEY)\b", re.IGNORECASE
)


def bare(name: str) -> str:
    """``"main"."T"`` → ``t``: the name's last part, unquoted, in lower case."""
    last = name.strip().rsplit(".", 1)[-1]
    return last.strip('"`[]').lower()


_TABLE_RENAMED = lazyre.compile(r"\bRENAME\s+(?:TO|AS)\b|^\s*RENAME\s+TABLE\b", re.IGNORECASE)


def renames_table(s: Statement) -> bool:
    """Whether ``s`` renames a table (``ALTER TABLE [schema.]t RENAME TO u``, MySQL's
    ``RENAME TABLE t TO u``), not a column: its target, schema and all, cannot tell."""
    return any(k == "rename" for k, _ in s.actions) and bool(
        _TABLE_RENAMED.search(s.skeleton or s.text)
    )


def _split(text: str) -> list[str]:
    """``text`` split at its top-level commas (not inside parentheses or quotes)."""
    out, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [p for p in out if p]


def _columns(body: str) -> dict[str, tuple[str, str]]:
    """A ``CREATE TABLE`` body's columns: bare name → (the name as written, the definition
    after it)."""
    out: dict[str, tuple[str, str]] = {}
    for item in _split(body):
        if _NOT_A_COLUMN.match(item):
            continue
        m = re.match(rf"({_NAME})\s*(.*)$", item, re.DOTALL)
        if m:
            out[bare(m.group(1))] = (m.group(1), " ".join(m.group(2).split()))
    return out


def _plain(expr: str, source: str) -> str | None:
    """The column ``expr`` reads as it is (``"a"``, ``"T"."a"``), else None."""
    m = re.fullmatch(rf"\s*(?:({_NAME})\.)?({_NAME})\s*", expr)
    if m is None or (m.group(1) and bare(m.group(1)) != source):
        return None
    word = m.group(2)
    if not word.startswith(('"', "`", "[")) and (
        word.upper() in ("NULL", "TRUE", "FALSE") or word[0].isdigit()
    ):
        return None
    return bare(word)


_ALIAS = lazyre.compile(rf"\s+AS\s+{_NAME}\s*$", re.IGNORECASE)


def _reads(expr: str, column: str) -> bool:
    """Whether ``expr`` (its ``AS alias`` aside) reads a column of the name ``column``."""
    words = re.findall(
        r"\"([^\"]+)\"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*)", _ALIAS.sub("", expr)
    )
    return any(w.lower() == column for group in words for w in group if w)


_TABLE_KEY = lazyre.compile(
    rf"^(?:CONSTRAINT\s+({_NAME})\s+)?(PRIMARY\s+KEY|UNIQUE)\s*(?:KEY\s*|INDEX\s*)?\((.*)\)"
    r"\s*(?:ON\s+CONFLICT\s+\w+\s*)?$",
    re.IGNORECASE | re.DOTALL,
)
_COLUMN_KEY = lazyre.compile(r"\b(PRIMARY\s+KEY|UNIQUE)\b", re.IGNORECASE)
# a key the database fills: SQLite's INTEGER PRIMARY KEY (the rowid), a serial, an identity
_FILLED = lazyre.compile(
    r"^(?:INTEGER\s+PRIMARY\s+KEY\b|(?:small|big)?serial\b)|\bAUTO_?INCREMENT\b|\bIDENTITY\b",
    re.IGNORECASE,
)


def columns_of(create: str) -> set[str]:
    """The columns a ``CREATE TABLE`` statement makes, bare."""
    m = _CREATE.match(create)
    return set(_columns(m.group(2))) if m else set()


def keys_of(create: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The primary and unique keys a ``CREATE TABLE`` statement declares: (its name or "",
    ``PRIMARY`` or ``UNIQUE``, its columns, bare), over plain columns only; none that the
    database fills itself (SQLite's ``INTEGER PRIMARY KEY``, a serial)."""
    m = _CREATE.match(create)
    if m is None:
        return []
    out = []
    for item in _split(m.group(2)):
        if k := _TABLE_KEY.match(item):
            columns = [_plain(c, "") for c in _split(k.group(3))]
            if columns and all(columns):
                word = k.group(2).split()[0].upper()
                out.append((bare(k.group(1) or ""), word, tuple(c for c in columns if c)))
        elif not _NOT_A_COLUMN.match(item) and (c := re.match(rf"({_NAME})\s+(.*)$", item, re.S)):
            definition = " ".join(c.group(2).split())
            if _FILLED.search(definition):
                continue
            for key in _COLUMN_KEY.finditer(definition):
                out.append(("", key.group(1).split()[0].upper(), (bare(c.group(1)),)))
    return out


def filled_name(expr: str) -> str:
    """The column ``expr`` names, as written (``"T"."oldName"`` → ``"oldName"``)."""
    return expr.strip().rsplit(".", 1)[-1]


def with_rebuilds(statements: Iterable[Statement]) -> Iterator[Statement]:
    """``statements`` with, after each ``ALTER TABLE new_T RENAME TO T`` that ends a
    rebuild of ``T``, the column changes the rebuild makes (see the module docstring)."""
    made: dict[str, dict[str, tuple[str, str]]] = {}  # new_t → its columns
    fills: dict[str, tuple[str, dict[str, str]]] = {}  # new_t → (source t, column → expr)
    dropped: set[str] = set()
    for s in statements:
        yield s
        text = s.text
        if s.kind == "create_table" and (m := _CREATE.match(text)):
            made[bare(m.group(1))] = _columns(m.group(2))
        elif s.kind == "insert" and (m := _COPY.match(text)):
            names, exprs = _split(m.group(2)), _split(m.group(3))
            # (a column list built at run time, `INSERT INTO users_new (${columns})`, tells
            # nothing of what the copy fills: tududi's rebuild, round AT)
            if len(names) == len(exprs) and "${" not in m.group(2) + m.group(3):
                fills[bare(m.group(1))] = (
                    bare(m.group(4)),
                    {bare(n): e for n, e in zip(names, exprs, strict=True)},
                )
        elif s.kind == "drop_table" and (m := _DROP.match(text)):
            dropped.add(bare(m.group(1)))
        elif s.kind == "rename" and (m := _RENAME.match(text)):
            new, old = bare(m.group(1)), bare(m.group(2))
            if new in made and new in fills and fills[new][0] == old and old in dropped:
                yield from _changes(s, m.group(2), made[new], fills[new][1], old)


def _changes(
    at: Statement,
    table: str,
    columns: dict[str, tuple[str, str]],
    filled: dict[str, str],
    source: str,
) -> Iterator[Statement]:
    for column, (name, definition) in columns.items():
        expr = filled.get(column)
        read = _plain(expr, source) if expr is not None else None
        if read == column or (expr is not None and read is None and _reads(expr, column)):
            continue  # copied as it was, or converted (``CAST("a" AS INTEGER)``)
        if expr is not None and read is not None and read not in columns:
            text = f"ALTER TABLE {table} RENAME COLUMN {filled_name(expr)} TO {name}"
        else:
            text = f"ALTER TABLE {table} ADD COLUMN {name} {definition}"
        for made in sql.split_statements(text):
            yield replace(made, line=at.line)
