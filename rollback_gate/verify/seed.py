"""Rows generated from the schema, inserted before each down step.

Some reversals only fail with data present: a down step that sets ``NOT NULL`` on a column
holding NULLs, re-adds a ``NOT NULL`` column without a default, or re-creates a unique
index over duplicate values. So before every down step each table gets a few rows
(:data:`ROWS`), generated from its column types:

* columns in a primary key or unique set get distinct values;
* other columns get the *same* value in every row, and nullable ones get a NULL in the
  second row, so that a later ``UNIQUE`` or ``NOT NULL`` is put to the test;
* only the tables the up step changed are seeded (with their foreign-key parents), and
  the rows are deleted again after the round trip (:func:`unseed`);
* foreign key columns take values from the referenced table, which is seeded first
  (tables in dependency order); auto-filled and generated columns are left to the
  database.

Seeding is best effort: a row the database rejects (a CHECK the generator cannot guess)
is skipped, never reported as a finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.verify.db import Database
from rollback_gate.verify.schema import Column, Schema, Table

ROWS = 3
_SIZE = lazyre.compile(r"\(\s*(\d+)(?:\s*,\s*(\d+))?\s*\)")


@dataclass(frozen=True)
class SeedResult:
    rows: int
    skipped: tuple[str, ...] = ()  # the database's reasons for rejected rows
    inserted: tuple[tuple[Table, tuple[tuple[object, ...], ...]], ...] = ()  # keys per table


def unseed(db: Database, result: SeedResult) -> None:
    """Delete the seeded rows again (children first), so they cannot disturb the up steps
    of later migrations; rows whose table or key is gone are simply gone."""
    for table, keys in reversed(result.inserted):
        if keys:
            db.delete(table, keys)


def _order(tables: dict[str, Table]) -> list[Table]:
    """Parents before children (foreign keys); cycles are broken in name order."""
    done: list[Table] = []
    seen: set[str] = set()

    def visit(table: Table, path: set[str]) -> None:
        if table.name in seen or table.name in path:
            return
        for fk in table.foreign_keys:
            parent = tables.get(fk.table)
            if parent is not None and parent.name != table.name:
                visit(parent, path | {table.name})
        seen.add(table.name)
        done.append(table)

    for name in sorted(tables):
        visit(tables[name], set())
    return done


def value(type_name: str, n: int, dialect: str, schema: Schema) -> object:
    """A value of SQL type ``type_name`` for sequence number ``n`` (>= 1)."""
    t = type_name.lower().strip()
    if type_name in schema.domains:
        return value(schema.domains[type_name], n, dialect, schema)
    if type_name in schema.enums:
        labels = schema.enums[type_name]
        return labels[n % len(labels)] if labels else None
    size = _SIZE.search(t)
    if t.endswith("[]"):
        inner = value(t[:-2], n, dialect, schema)
        return "{" + f'"{inner}"' + "}"
    if "bool" in t:
        flag = n % 2 == 1
        return int(flag) if dialect == "sqlite" else str(flag).lower()
    if "int" in t or "serial" in t:
        limit = 32000 if ("small" in t or "int2" in t) else 2_000_000_000
        return n % limit if dialect == "sqlite" else str(n % limit)
    if any(k in t for k in ("numeric", "decimal", "real", "float", "double", "money")):
        if size is not None and ("numeric" in t or "decimal" in t):
            digits = int(size.group(1)) - int(size.group(2) or 0)
            n = n % (10**digits - 1 or 1) if digits > 0 else 0
        return n if dialect == "sqlite" else str(n)
    if "timestamp" in t or "datetime" in t:
        return (dt.datetime(2024, 1, 1) + dt.timedelta(minutes=n)).isoformat(sep=" ")
    if t.startswith("date"):
        return (dt.date(2024, 1, 1) + dt.timedelta(days=n)).isoformat()
    if t.startswith("time"):
        return f"{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}"
    if t.startswith("interval"):
        return f"{n} minutes"
    if t == "uuid":
        return f"00000000-0000-4000-8000-{n:012d}"
    if t in ("json", "jsonb"):
        return f'{{"n": {n}}}'
    if t in ("bytea", "blob"):
        return f"b{n}".encode()
    if t in ("inet", "cidr"):
        return f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" + ("/32" if t == "cidr" else "")
    if t.startswith("macaddr"):
        return f"08:00:2b:01:{n // 256 % 256:02x}:{n % 256:02x}"
    text = f"s{n}"
    if size and any(k in t for k in ("char", "text", "bit")):
        width = int(size.group(1))
        if len(text) > width:
            text = _base36(n)[-width:]
    return text


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def seed(
    db: Database,
    schema: Schema,
    *,
    rows: int = ROWS,
    round_no: int = 0,
    touched: Collection[str] = (),
) -> SeedResult:
    """Give the ``touched`` tables ``rows`` fresh rows (every table when none is touched).

    ``touched`` are the tables the up step changed; the tables their NOT NULL foreign keys
    reference get one row when they have none (those keys must point somewhere).
    Rows are generated for the constraints as they are now (after up), so existing rows,
    made for the old ones, do not count. ``round_no`` keeps unique values fresh.
    """
    chosen = _closure(schema.tables, touched) if touched else set(schema.tables)
    inserted: list[tuple[Table, tuple[tuple[object, ...], ...]]] = []
    skipped: list[str] = []
    for table in _order(schema.tables):
        if table.name not in chosen:
            continue
        fresh = not touched or table.name in touched
        want = rows if fresh else 1 - db.count_rows(table, 1)  # a parent for the keys
        if want <= 0:
            continue
        batch = _rows(db, schema, table, want, round_no)
        keys, errors = db.insert(table, batch)
        inserted.append((table, tuple(keys)))
        skipped.extend(f"{table.name}: {e}" for e in errors)
    return SeedResult(sum(len(k) for _, k in inserted), tuple(skipped), tuple(inserted))


def _closure(tables: dict[str, Table], names: Collection[str]) -> set[str]:
    """``names`` and the tables they must reference (NOT NULL foreign keys), transitively.

    A nullable foreign key takes a parent's key when one exists and NULL otherwise, so it
    does not drag a whole chain of ancestors into every seeding.
    """
    out: set[str] = set()
    todo = [n for n in names if n in tables]
    while todo:
        name = todo.pop()
        if name in out:
            continue
        out.add(name)
        table = tables[name]
        required = {c.name for c in table.columns if c.notnull}
        todo.extend(
            fk.table
            for fk in table.foreign_keys
            if fk.table in tables and required.intersection(fk.columns)
        )
    return out


def _rows(
    db: Database, schema: Schema, table: Table, count: int, round_no: int
) -> list[dict[str, object]]:
    distinct = {c for cols in table.unique for c in cols}
    parents: dict[str, list[object]] = {}
    for fk in table.foreign_keys:
        parent = schema.tables.get(fk.table)
        found = db.sample(parent, fk.references, count) if parent and fk.references else []
        for i, col in enumerate(fk.columns):
            parents[col] = [r[i] for r in found]
    out: list[dict[str, object]] = []
    for i in range(count):
        row: dict[str, object] = {}
        for column in table.columns:
            if column.generated or (column.auto and column.name not in parents):
                continue
            row[column.name] = _cell(db.dialect, schema, column, i, round_no, distinct, parents)
        out.append(row)
    return out


def _cell(
    dialect: str,
    schema: Schema,
    col: Column,
    i: int,
    round_no: int,
    distinct: set[str],
    parents: dict[str, list[object]],
) -> object:
    if col.name in parents:
        values = parents[col.name]
        return values[i % len(values)] if values else None
    if not col.notnull and i == 1 and col.name not in distinct:
        return None
    n = 1 + round_no * ROWS * 4 + i if col.name in distinct else 1
    return value(col.type, n, dialect, schema)
