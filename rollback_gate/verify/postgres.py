"""The PostgreSQL verification database, reached with psycopg 3 (imported lazily).

The snapshot reads ``pg_catalog`` (the source ``information_schema`` is built on, with
the exact type names of ``format_type``): tables and their columns (type, nullability,
default, identity, generated), indexes not backing a constraint, constraints with
``pg_get_constraintdef``, views and materialized views, sequences, enum and domain
types, functions (signature, result and a hash of the body), triggers, extensions and
schemas. Objects that belong to an extension are left out; names outside ``public`` are
schema-qualified.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rollback_gate.errors import EnvironmentProblem
from rollback_gate.verify import pgclean
from rollback_gate.verify.db import Script, StepFailed, delete_sql, insert_sql, quote, uniform
from rollback_gate.verify.schema import Attrs, Column, ForeignKey, Schema, SchemaObject, Table
from rollback_gate.verify.url import DatabaseUrl

_USER = (
    "{ns}.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND {ns}.nspname NOT LIKE 'pg\\_toast%' AND {ns}.nspname NOT LIKE 'pg\\_temp\\_%'"
)
_NOT_EXT = (
    "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{cat}'::regclass "
    "AND e.objid = {oid} AND e.deptype = 'e')"
)
_NAME = "CASE WHEN {ns}.nspname = 'public' THEN {rel} ELSE {ns}.nspname || '.' || {rel} END"
_COLS = (
    "ARRAY(SELECT a.attname FROM unnest({keys}) WITH ORDINALITY k(n, o) "
    "JOIN pg_attribute a ON a.attrelid = {rel} AND a.attnum = k.n ORDER BY k.o)"
)

_COLUMNS = f"""
SELECT {_NAME.format(ns="n", rel="c.relname")}, c.relkind, a.attname,
       format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
       a.attidentity, a.attgenerated,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     AND c.relkind IN ('r', 'p', 'f')
LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND {_USER.format(ns="n")}
  AND {_NOT_EXT.format(oid="c.oid", cat="pg_class")}
ORDER BY 1, a.attnum
"""
_INDEXES = f"""
SELECT {_NAME.format(ns="n", rel="ic.relname")}, {_NAME.format(ns="n", rel="t.relname")},
       pg_get_indexdef(i.indexrelid), i.indisunique AND i.indpred IS NULL,
       {_COLS.format(keys="i.indkey::int2[]", rel="i.indrelid")},
       EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = i.indexrelid
               AND x.contype IN ('p', 'u', 'x'))
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE {_USER.format(ns="n")} AND {_NOT_EXT.format(oid="t.oid", cat="pg_class")}
"""
_CONSTRAINTS = f"""
SELECT {_NAME.format(ns="n", rel="t.relname")}, con.conname, con.contype,
       pg_get_constraintdef(con.oid),
       {_COLS.format(keys="con.conkey", rel="con.conrelid")},
       (SELECT {_NAME.format(ns="pn", rel="p.relname")} FROM pg_class p
        JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE p.oid = con.confrelid),
       {_COLS.format(keys="con.confkey", rel="con.confrelid")}
FROM pg_constraint con JOIN pg_class t ON t.oid = con.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE {_USER.format(ns="n")} AND {_NOT_EXT.format(oid="t.oid", cat="pg_class")}
"""
_TYPES = f"""
SELECT format_type(t.oid, NULL), t.typtype,
       ARRAY(SELECT enumlabel::text FROM pg_enum WHERE enumtypid = t.oid ORDER BY enumsortorder),
       format_type(t.typbasetype, t.typtypmod), t.typnotnull
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype IN ('e', 'd') AND {_USER.format(ns="n")}
  AND {_NOT_EXT.format(oid="t.oid", cat="pg_type")}
"""
_FUNCTIONS = f"""
SELECT {_NAME.format(ns="n", rel="p.proname")} || '(' ||
       pg_get_function_identity_arguments(p.oid) || ')',
       p.prokind, pg_get_function_result(p.oid), md5(p.prosrc)
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE {_USER.format(ns="n")} AND {_NOT_EXT.format(oid="p.oid", cat="pg_proc")}
"""
_TRIGGERS = f"""
SELECT tg.tgname, {_NAME.format(ns="n", rel="t.relname")}, pg_get_triggerdef(tg.oid)
FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE NOT tg.tgisinternal AND {_USER.format(ns="n")}
"""
_OTHERS = f"""
SELECT 'extension', extname FROM pg_extension WHERE extname <> 'plpgsql'
UNION ALL
SELECT 'schema', n.nspname FROM pg_namespace n
WHERE {_USER.format(ns="n")} AND n.nspname <> 'public'
  AND {_NOT_EXT.format(oid="n.oid", cat="pg_namespace")}
"""


def _message(exc: Exception) -> str:
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) or str(exc).strip().splitlines()[0]
    detail = getattr(diag, "message_detail", None)
    return f"{primary} ({detail})" if detail else str(primary)


class PostgresDatabase:
    """A connection (autocommit; transactions opened explicitly) to a PostgreSQL database."""

    dialect = "postgresql"
    sqlite_file = ""

    def __init__(self, url: DatabaseUrl) -> None:
        import psycopg  # lazy: ~60 ms, and only verify on PostgreSQL needs it

        self.url = url
        self._errors: type[Exception] = psycopg.Error
        try:
            self._conn: Any = psycopg.connect(url.libpq(), autocommit=True, prepare_threshold=None)
        except psycopg.Error as exc:
            raise EnvironmentProblem(
                f"cannot connect to {url.display}: {url.scrub(_message(exc))}"
            ) from None
        self._version = str(self._conn.info.parameter_status("server_version") or "")
        self._start = pgclean.inventory(self._conn)

    @property
    def description(self) -> str:
        return f"PostgreSQL {self._version}, {self.url.display}"

    def _sets(self, *queries: str) -> list[list[tuple[Any, ...]]]:
        """The rows of several catalog queries, sent in one round trip."""
        cur = self._conn.execute(";\n".join(q.strip() for q in queries))
        out = [list(cur.fetchall())]
        while cur.nextset():
            out.append(list(cur.fetchall()))
        return out

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        return list(self._conn.execute(sql).fetchall())

    def user_tables(self) -> list[str]:
        return [
            r[0]
            for r in self._rows(
                f"SELECT {_NAME.format(ns='n', rel='c.relname')} FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                f"WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND {_USER.format(ns='n')} "
                f"AND {_NOT_EXT.format(oid='c.oid', cat='pg_class')} ORDER BY 1"
            )
        ]

    def execute(self, script: Script, *, transaction: bool) -> None:
        conn = self._conn
        if transaction:
            conn.execute("BEGIN")
        for text, line in script:
            try:
                conn.execute(text)
            except self._errors as exc:
                if transaction:
                    conn.execute("ROLLBACK")
                raise StepFailed(self.url.scrub(_message(exc)), line, text) from None
        if transaction:
            conn.execute("COMMIT")

    def snapshot(self) -> Schema:
        sets = self._sets(_COLUMNS, _INDEXES, _CONSTRAINTS, _TYPES, _FUNCTIONS, _TRIGGERS, _OTHERS)
        schema = Schema()
        columns: dict[str, list[Column]] = {}
        for name, kind, col, ctype, notnull, default, ident, gen, viewdef in sets[0]:
            if kind in ("v", "m"):
                view = "view" if kind == "v" else "materialized view"
                schema.add(SchemaObject(view, name, "", (("definition", viewdef),), viewdef))
            elif kind == "S":
                schema.add(SchemaObject("sequence", name))
            elif col is None:
                schema.add(SchemaObject("table", name, name))
                columns.setdefault(name, [])
            else:
                if name not in columns:
                    schema.add(SchemaObject("table", name, name))
                auto = ident in ("a", "d") or (default or "").startswith("nextval(")
                c = Column(col, ctype, notnull, default, False, auto, gen == "s")
                columns.setdefault(name, []).append(c)
                attrs: Attrs = (
                    ("type", ctype),
                    ("nullable", "no" if notnull else "yes"),
                    ("default", default or ""),
                    ("identity", {"a": "always", "d": "by default"}.get(ident, "no")),
                    ("generated", "yes" if gen == "s" else "no"),
                )
                schema.add(SchemaObject("column", f"{name}.{col}", name, attrs))
        unique: dict[str, list[tuple[str, ...]]] = {}
        for index, table, definition, is_unique, cols, backs_constraint in sets[1]:
            if is_unique and all(cols):
                unique.setdefault(table, []).append(tuple(cols))
            if not backs_constraint:
                attrs = (("definition", definition),)
                schema.add(SchemaObject("index", index, table, attrs, definition))
        pks: dict[str, tuple[str, ...]] = {}
        foreign: dict[str, list[ForeignKey]] = {}
        for table, con, kind, definition, cols, parent, parent_cols in sets[2]:
            if kind == "p":
                pks[table] = tuple(cols)
            elif kind == "f" and parent:
                foreign.setdefault(table, []).append(
                    ForeignKey(tuple(cols), parent, tuple(parent_cols))
                )
            create = f"ALTER TABLE {table} ADD CONSTRAINT {con} {definition}"
            attrs = (("definition", definition),)
            schema.add(SchemaObject("constraint", f"{table}.{con}", table, attrs, create))
        for table, cols in columns.items():
            pk = pks.get(table, ())
            marked = tuple(
                Column(c.name, c.type, c.notnull, c.default, c.name in pk, c.auto, c.generated)
                for c in cols
            )
            keysets = ([pk] if pk else []) + unique.get(table, [])
            schema.tables[table] = Table(
                table, marked, tuple(dict.fromkeys(keysets)), tuple(foreign.get(table, [])), pk
            )
        self._rest(schema, sets[3:])
        return schema

    def _rest(self, schema: Schema, sets: list[list[tuple[Any, ...]]]) -> None:
        for name, typtype, labels, base, notnull in sets[0]:
            if typtype == "e":
                schema.enums[name] = tuple(labels)
                attrs: Attrs = (("labels", ", ".join(labels)),)
            else:
                schema.domains[name] = base
                attrs = (("base type", base), ("nullable", "no" if notnull else "yes"))
            schema.add(SchemaObject("type", name, "", attrs))
        for signature, kind, result, body in sets[1]:
            what = "procedure" if kind == "p" else "function"
            attrs = (("returns", result or ""), ("body md5", body))
            schema.add(SchemaObject(what, signature, "", attrs))
        for trigger, table, definition in sets[2]:
            attrs = (("definition", definition),)
            schema.add(SchemaObject("trigger", f"{trigger} on {table}", table, attrs, definition))
        for kind, name in sets[3]:
            schema.add(SchemaObject(kind, name))

    def count_rows(self, table: Table, limit: int) -> int:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {quote(table.name)} LIMIT {int(limit)}) s"
        return int(self._rows(sql)[0][0])

    def sample(self, table: Table, columns: Sequence[str], limit: int) -> list[tuple[object, ...]]:
        cols = ", ".join(quote(c) for c in columns)
        where = " AND ".join(f"{quote(c)} IS NOT NULL" for c in columns)
        sql = f"SELECT DISTINCT {cols} FROM {quote(table.name)} WHERE {where} LIMIT {int(limit)}"
        return [tuple(r) for r in self._rows(sql)]

    def insert(
        self, table: Table, rows: Sequence[dict[str, object]]
    ) -> tuple[list[tuple[object, ...]], list[str]]:
        keys: list[tuple[object, ...]] = []
        errors: list[str] = []
        key = table.key or ("ctid",)
        conn = self._conn
        if uniform(rows):  # one statement; on any rejected row, fall back to row by row
            params = [v for row in rows for v in row.values()]
            try:
                with conn.transaction():
                    cur = conn.execute(insert_sql(table, rows[0], "%s", key, len(rows)), params)
                    return [tuple(k) for k in cur.fetchall()], []
            except self._errors:
                pass
        with conn.transaction():
            for row in rows:
                try:
                    with conn.transaction():
                        cur = conn.execute(insert_sql(table, row, "%s", key), tuple(row.values()))
                        keys.append(tuple(cur.fetchone()))
                except self._errors as exc:
                    errors.append(_message(exc))
        return keys, errors

    def delete(self, table: Table, keys: Sequence[tuple[object, ...]]) -> None:
        key = table.key or ("ctid",)
        params = [
            v if k != "ctid" else str(v) for row in keys for k, v in zip(key, row, strict=True)
        ]
        sql = delete_sql(table, key, len(keys), "%s")
        if key == ("ctid",):
            sql = sql.replace("(%s)", "(%s::tid)")
        try:
            with self._conn.transaction():
                self._conn.execute(sql, params)
        except self._errors:
            pass  # the table or key column is gone: so are the rows

    def reset(self) -> None:
        """Empty the database again (it was empty when opened): see :mod:`.pgclean`."""
        pgclean.empty(self._conn, self._start)

    def close(self) -> None:
        self._conn.close()
