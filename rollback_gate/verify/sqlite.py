"""The SQLite verification database: a temporary file by default, read with ``pragma``.

The snapshot comes from ``sqlite_master`` and the table-valued pragmas (``table_xinfo``,
``index_list``, ``index_info``, ``foreign_key_list``), five queries for the whole schema.
CHECK constraints live only in the ``CREATE TABLE`` text, so they are cut out of it.

The file is disposable, so durability is switched off (``synchronous=OFF``, in-memory
journal): rollbacks still work, only a power cut could lose the file.
"""

from __future__ import annotations

import os
import re
import sqlite3
import tempfile
from collections.abc import Sequence

from rollback_gate.verify.db import Script, StepFailed, quote
from rollback_gate.verify.schema import Attrs, Column, ForeignKey, Schema, SchemaObject, Table
from rollback_gate.verify.url import DatabaseUrl

_SPACE = re.compile(r"\s+")
_CHECK = re.compile(r"\bCHECK\s*\(", re.IGNORECASE)


def normalize(sql: str | None) -> str:
    """Whitespace, case, quoting and ``IF NOT EXISTS`` do not make a schema different."""
    text = _SPACE.sub(" ", (sql or "").strip()).lower()
    text = re.sub(r"\bif not exists\s+", "", text).replace('"', "").replace("`", "")
    text = re.sub(r"\s*\(\s*", "(", text)
    return re.sub(r"\s*,\s*", ",", re.sub(r"\s*\)", ")", text))


def checks(sql: str) -> list[str]:
    """The ``CHECK (…)`` expressions of a ``CREATE TABLE`` statement, normalised."""
    out = []
    for m in _CHECK.finditer(sql):
        depth, i = 0, m.end() - 1
        while i < len(sql):
            depth += {"(": 1, ")": -1}.get(sql[i], 0)
            if depth == 0:
                break
            i += 1
        out.append(normalize(sql[m.end() - 1 : i + 1]))
    return out


class SqliteDatabase:
    """A SQLite file opened with the standard library's ``sqlite3``."""

    dialect = "sqlite"

    def __init__(self, url: DatabaseUrl) -> None:
        self.url = url
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if url.path:
            self._file = os.path.abspath(url.path)
        else:
            self._tmp = tempfile.TemporaryDirectory(prefix="rollback-gate-verify-")
            self._file = os.path.join(self._tmp.name, "verify.sqlite3")
        self._conn = sqlite3.connect(self._file, isolation_level=None)
        self._conn.execute("PRAGMA synchronous=OFF")
        self._conn.execute("PRAGMA journal_mode=MEMORY")

    @property
    def description(self) -> str:
        where = self.url.display if self.url.path else f"temporary file {self._file}"
        return f"SQLite {sqlite3.sqlite_version}, {where}"

    @property
    def sqlite_file(self) -> str:
        return self._file

    def user_tables(self) -> list[str]:
        rows = self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        ).fetchall()
        return [r[0] for r in rows]

    def execute(self, script: Script, *, transaction: bool) -> None:
        conn = self._conn
        if transaction:
            conn.execute("BEGIN")
        for text, line in script:
            try:
                conn.execute(text)
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StepFailed(str(exc), line, text) from None
        if conn.in_transaction:
            conn.execute("COMMIT")

    def snapshot(self) -> Schema:
        conn = self._conn
        schema = Schema()
        masters = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
        ).fetchall()
        columns: dict[str, list[Column]] = {}
        for table, name, ctype, notnull, default, pk, hidden in conn.execute(
            'SELECT m.name, p.name, p.type, p."notnull", p.dflt_value, p.pk, p.hidden '
            "FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p "
            "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY m.name, p.cid"
        ):
            columns.setdefault(table, []).append(
                Column(name, ctype, bool(notnull), default, bool(pk), False, hidden in (2, 3))
            )
        index_cols: dict[str, list[str]] = {}
        for index, column in conn.execute(
            "SELECT il.name, ii.name FROM sqlite_master m JOIN pragma_index_list(m.name) il "
            "JOIN pragma_index_info(il.name) ii WHERE m.type = 'table' ORDER BY il.name, ii.seqno"
        ):
            index_cols.setdefault(index, []).append(column or "<expression>")
        unique: dict[str, list[tuple[str, ...]]] = {}
        sql_of = {name: sql for _, name, _, sql in masters}
        for table, index, is_unique, origin, _partial in conn.execute(
            'SELECT m.name, il.name, il."unique", il.origin, il.partial FROM sqlite_master m '
            "JOIN pragma_index_list(m.name) il WHERE m.type = 'table'"
        ):
            cols = tuple(index_cols.get(index, ()))
            if is_unique and not _partial:
                unique.setdefault(table, []).append(cols)
            if origin == "c":
                attrs: Attrs = (("table", table), ("definition", normalize(sql_of.get(index))))
                schema.add(SchemaObject("index", index, table, attrs, sql_of.get(index) or ""))
            elif origin == "u":
                name = f"{table}: UNIQUE ({', '.join(cols)})"
                schema.add(SchemaObject("constraint", name, table))
        fks: dict[tuple[str, int], list[tuple[str, str, str, str, str]]] = {}
        for table, fk_id, parent, src, dst, on_update, on_delete in conn.execute(
            'SELECT m.name, fk.id, fk."table", fk."from", fk."to", fk.on_update, '
            "fk.on_delete FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) fk "
            "WHERE m.type = 'table' ORDER BY m.name, fk.id, fk.seq"
        ):
            fks.setdefault((table, fk_id), []).append(
                (parent, src, dst or "", on_update, on_delete)
            )
        foreign: dict[str, list[ForeignKey]] = {}
        for (table, _), parts in fks.items():
            parent = parts[0][0]
            fk = ForeignKey(tuple(p[1] for p in parts), parent, tuple(p[2] for p in parts))
            foreign.setdefault(table, []).append(fk)
            name = (
                f"{table}: FOREIGN KEY ({', '.join(fk.columns)}) "
                f"REFERENCES {parent} ({', '.join(fk.references)})"
            )
            fk_attrs: Attrs = (("on update", parts[0][3]), ("on delete", parts[0][4]))
            schema.add(SchemaObject("constraint", name, table, fk_attrs))
        for kind, name, table, sql in masters:
            if kind == "table":
                self._table(schema, name, sql or "", columns.get(name, []))
                pks = tuple(c.name for c in columns.get(name, []) if c.pk)
                uniq = ([pks] if pks else []) + unique.get(name, [])
                schema.tables[name] = Table(
                    name,
                    tuple(self._auto(c, pks) for c in columns.get(name, [])),
                    tuple(dict.fromkeys(uniq)),
                    tuple(foreign.get(name, [])),
                )
            elif kind in ("view", "trigger"):
                view_attrs: Attrs = (("definition", normalize(sql)),)
                owner = table if kind == "trigger" else ""
                schema.add(SchemaObject(kind, name, owner, view_attrs, sql or ""))
        return schema

    @staticmethod
    def _auto(column: Column, pks: tuple[str, ...]) -> Column:
        if pks == (column.name,) and column.type.upper() == "INTEGER":
            return Column(column.name, column.type, column.notnull, column.default, True, True)
        return column

    @staticmethod
    def _table(schema: Schema, name: str, sql: str, columns: list[Column]) -> None:
        schema.add(SchemaObject("table", name, name, (), sql))
        for c in columns:
            attrs = (
                ("type", c.type.lower()),
                ("nullable", "no" if c.notnull else "yes"),
                ("default", c.default or ""),
                ("primary key", "yes" if c.pk else "no"),
                ("generated", "yes" if c.generated else "no"),
            )
            schema.add(SchemaObject("column", f"{name}.{c.name}", name, attrs))
        for expr in checks(sql):
            schema.add(SchemaObject("constraint", f"{name}: CHECK {expr}", name))

    def count_rows(self, table: Table, limit: int) -> int:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {quote(table.name)} LIMIT {int(limit)})"
        return int(self._conn.execute(sql).fetchone()[0])

    def sample(self, table: Table, columns: Sequence[str], limit: int) -> list[tuple[object, ...]]:
        cols = ", ".join(quote(c) for c in columns)
        where = " AND ".join(f"{quote(c)} IS NOT NULL" for c in columns)
        sql = f"SELECT DISTINCT {cols} FROM {quote(table.name)} WHERE {where} LIMIT {int(limit)}"
        return [tuple(r) for r in self._conn.execute(sql).fetchall()]

    def insert(self, table: Table, rows: Sequence[dict[str, object]]) -> list[str]:
        errors: list[str] = []
        self._conn.execute("BEGIN")
        for row in rows:
            if row:
                cols = ", ".join(quote(c) for c in row)
                marks = ", ".join("?" for _ in row)
                sql = f"INSERT INTO {quote(table.name)} ({cols}) VALUES ({marks})"
            else:
                sql = f"INSERT INTO {quote(table.name)} DEFAULT VALUES"
            try:
                self._conn.execute(sql, tuple(row.values()))
            except sqlite3.Error as exc:
                errors.append(str(exc))
        self._conn.execute("COMMIT")
        return errors

    def close(self) -> None:
        self._conn.close()
        if self._tmp is not None:
            self._tmp.cleanup()
