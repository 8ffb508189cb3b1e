"""The SQLite verification database: a temporary file by default, read with ``pragma``.

The snapshot comes from ``sqlite_master`` and the table-valued pragmas (``table_xinfo``,
``index_list``, ``index_info``, ``foreign_key_list``), five queries for the whole schema.
CHECK constraints live only in the ``CREATE TABLE`` text, so they are cut out of it.

The file is disposable, so durability is switched off (``synchronous=OFF``, in-memory
journal): rollbacks still work, only a power cut could lose the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from collections.abc import Sequence

from rollback_gate import lazyre
from rollback_gate.verify.db import Script, StepFailed, delete_sql, insert_sql, quote, uniform
from rollback_gate.verify.schema import Attrs, Column, ForeignKey, Schema, SchemaObject, Table
from rollback_gate.verify.url import DatabaseUrl

_SPACE = lazyre.compile(r"\s+")
_CHECK = lazyre.compile(r"\bCHECK\s*\(", re.IGNORECASE)


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
        self._last: tuple[int, Schema] | None = None
        self._parts: dict[tuple[object, ...], tuple[list[SchemaObject], Table]] = {}

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
        version = conn.execute("PRAGMA schema_version").fetchone()[0]
        if self._last is not None and self._last[0] == version:
            return self._last[1]
        masters = conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master "
            "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY tbl_name, type, name"
        ).fetchall()
        groups: dict[str, list[tuple[str, str, str, str]]] = {}
        for row in masters:
            groups.setdefault(row[2], []).append(row)
        schema = Schema()
        cache: dict[tuple[object, ...], tuple[list[SchemaObject], Table]] = {}
        for kind, name, table, sql in masters:
            if kind == "table":
                # A table's columns, indexes and keys live in its sqlite_master rows: when
                # those are unchanged, so is the part of the snapshot read from pragmas.
                key = (name, *groups[name])
                part = self._parts.get(key) or self._table_part(name, groups[name])
                cache[key] = part
                for obj in part[0]:
                    schema.add(obj)
                schema.tables[name] = part[1]
            elif kind in ("view", "trigger"):
                attrs: Attrs = (("definition", normalize(sql)),)
                owner = table if kind == "trigger" else ""
                schema.add(SchemaObject(kind, name, owner, attrs, sql or ""))
        self._parts = cache
        self._last = (version, schema)
        return schema

    def _table_part(
        self, table: str, rows: list[tuple[str, str, str, str]]
    ) -> tuple[list[SchemaObject], Table]:
        """The objects and seeding facts of one table, read with the pragmas."""
        conn = self._conn
        sql_of = {name: sql for _, name, _, sql in rows}
        columns = [
            Column(name, ctype, bool(notnull), default, bool(pk), False, hidden in (2, 3))
            for name, ctype, notnull, default, pk, hidden in conn.execute(
                'SELECT name, type, "notnull", dflt_value, pk, hidden '
                "FROM pragma_table_xinfo(?) ORDER BY cid",
                (table,),
            )
        ]
        objects = self._columns(table, sql_of.get(table) or "", columns)
        index_cols: dict[str, list[str]] = {}
        for index, column in conn.execute(
            "SELECT il.name, ii.name FROM pragma_index_list(?) il "
            "JOIN pragma_index_info(il.name) ii ORDER BY il.name, ii.seqno",
            (table,),
        ):
            index_cols.setdefault(index, []).append(column or "<expression>")
        unique: list[tuple[str, ...]] = []
        for index, is_unique, origin, partial in conn.execute(
            'SELECT name, "unique", origin, partial FROM pragma_index_list(?)', (table,)
        ):
            cols = tuple(index_cols.get(index, ()))
            if is_unique and not partial:
                unique.append(cols)
            if origin == "c":
                attrs: Attrs = (("table", table), ("definition", normalize(sql_of.get(index))))
                objects.append(SchemaObject("index", index, table, attrs, sql_of.get(index) or ""))
            elif origin == "u":
                name = f"{table}: UNIQUE ({', '.join(cols)})"
                objects.append(SchemaObject("constraint", name, table))
        fks: dict[int, list[tuple[str, str, str, str, str]]] = {}
        for fk_id, parent, src, dst, on_update, on_delete in conn.execute(
            'SELECT id, "table", "from", "to", on_update, on_delete '
            "FROM pragma_foreign_key_list(?) ORDER BY id, seq",
            (table,),
        ):
            fks.setdefault(fk_id, []).append((parent, src, dst or "", on_update, on_delete))
        foreign: list[ForeignKey] = []
        for parts in fks.values():
            parent = parts[0][0]
            fk = ForeignKey(tuple(p[1] for p in parts), parent, tuple(p[2] for p in parts))
            foreign.append(fk)
            name = (
                f"{table}: FOREIGN KEY ({', '.join(fk.columns)}) "
                f"REFERENCES {parent} ({', '.join(fk.references)})"
            )
            fk_attrs: Attrs = (("on update", parts[0][3]), ("on delete", parts[0][4]))
            objects.append(SchemaObject("constraint", name, table, fk_attrs))
        pks = tuple(c.name for c in columns if c.pk)
        info = Table(
            table,
            tuple(self._auto(c, pks) for c in columns),
            tuple(dict.fromkeys(([pks] if pks else []) + unique)),
            tuple(foreign),
            pks,
        )
        return objects, info

    @staticmethod
    def _auto(column: Column, pks: tuple[str, ...]) -> Column:
        if pks == (column.name,) and column.type.upper() == "INTEGER":
            return Column(column.name, column.type, column.notnull, column.default, True, True)
        return column

    @staticmethod
    def _columns(name: str, sql: str, columns: list[Column]) -> list[SchemaObject]:
        out = [SchemaObject("table", name, name, (), sql)]
        for c in columns:
            attrs = (
                ("type", c.type.lower()),
                ("nullable", "no" if c.notnull else "yes"),
                ("default", c.default or ""),
                ("primary key", "yes" if c.pk else "no"),
                ("generated", "yes" if c.generated else "no"),
            )
            out.append(SchemaObject("column", f"{name}.{c.name}", name, attrs))
        for expr in checks(sql):
            out.append(SchemaObject("constraint", f"{name}: CHECK {expr}", name))
        return out

    def count_rows(self, table: Table, limit: int) -> int:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {quote(table.name)} LIMIT {int(limit)})"
        return int(self._conn.execute(sql).fetchone()[0])

    def sample(self, table: Table, columns: Sequence[str], limit: int) -> list[tuple[object, ...]]:
        cols = ", ".join(quote(c) for c in columns)
        where = " AND ".join(f"{quote(c)} IS NOT NULL" for c in columns)
        sql = f"SELECT DISTINCT {cols} FROM {quote(table.name)} WHERE {where} LIMIT {int(limit)}"
        return [tuple(r) for r in self._conn.execute(sql).fetchall()]

    def insert(
        self, table: Table, rows: Sequence[dict[str, object]]
    ) -> tuple[list[tuple[object, ...]], list[str]]:
        keys: list[tuple[object, ...]] = []
        errors: list[str] = []
        key = table.key or ("rowid",)
        if uniform(rows):  # one statement; on any rejected row, fall back to row by row
            params = [v for row in rows for v in row.values()]
            with contextlib.suppress(sqlite3.Error):
                sql = insert_sql(table, rows[0], "?", key, len(rows))
                return [tuple(k) for k in self._conn.execute(sql, params).fetchall()], []
        self._conn.execute("BEGIN")
        for row in rows:
            try:
                cur = self._conn.execute(insert_sql(table, row, "?", key), tuple(row.values()))
                keys.append(tuple(cur.fetchone()))
            except sqlite3.Error as exc:
                errors.append(str(exc))
        self._conn.execute("COMMIT")
        return keys, errors

    def delete(self, table: Table, keys: Sequence[tuple[object, ...]]) -> None:
        key = table.key or ("rowid",)
        params = [v for k in keys for v in k]
        with contextlib.suppress(sqlite3.Error):  # a table or key that is gone: so are its rows
            self._conn.execute(delete_sql(table, key, len(keys), "?"), params)

    def reset(self) -> None:
        """Drop every view, trigger and table the migrations made."""
        conn = self._conn
        enforced = conn.execute("PRAGMA foreign_keys").fetchone()[0]
        conn.execute("PRAGMA foreign_keys=OFF")
        for kind in ("view", "trigger", "table"):
            rows = conn.execute(
                "SELECT name FROM sqlite_master WHERE type = ? "
                "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                (kind,),
            ).fetchall()
            for (name,) in rows:
                quoted = '"' + name.replace('"', '""') + '"'
                conn.execute(f"DROP {kind.upper()} IF EXISTS {quoted}")
        conn.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")

    def close(self) -> None:
        self._conn.close()
        if self._tmp is not None:
            self._tmp.cleanup()
