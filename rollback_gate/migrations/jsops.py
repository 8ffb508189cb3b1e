"""What the calls of a Knex, Sequelize or TypeORM step do, as SQL statements.

Every recognised call becomes the :class:`~rollback_gate.migrations.sql.Statement` it
amounts to, so that one judgement (:func:`rollback_gate.migrations.sql.destructive`) sees
builder calls and raw SQL in order: a table created and later dropped in the same step,
or rows copied out of a table before it is dropped, are then not reported as data loss.

The three vocabularies overlap (``createTable``/``dropTable`` everywhere) and are told
apart by the shape of the arguments, not by the framework: a migration of one framework
rarely calls another's API, and a shape-based reading cannot misread it when it does.

* Knex: ``knex.schema.createTable/alterTable/table(name, t => …)`` with column calls on
  ``t`` (``t.dropColumn``, ``t.string('c', 50).alter()``), ``dropTable(IfExists)``,
  ``knex('t').del()``/``.truncate()``, ``knex.raw(sql)``.
* Sequelize: ``queryInterface.createTable/addColumn/removeColumn/changeColumn/bulkDelete``,
  ``queryInterface.sequelize.query(sql)``.
* TypeORM: ``queryRunner.query(sql)``, ``createTable(new Table({…}))``, ``dropColumn``,
  ``clearTable``, ``queryRunner.manager.delete(Entity, …)``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rollback_gate.migrations import treesitter
from rollback_gate.migrations.jsmigrations import (
    FUNCTION_TYPES,
    SQL_METHODS,
    JsFunction,
    JsModule,
    args,
    callee,
    params,
    static_string,
)
from rollback_gate.migrations.sql import Statement
from rollback_gate.migrations.stepcheck import quote, shift, split, synthetic

_TABLE_METHODS = frozenset({"createTable", "createTableIfNotExists", "table", "alterTable"})
_KNEX_TYPES: dict[str, Callable[[list[str]], str]] = {
    "increments": lambda a: "integer",
    "bigIncrements": lambda a: "bigint",
    "integer": lambda a: "integer",
    "bigInteger": lambda a: "bigint",
    "bigint": lambda a: "bigint",
    "smallint": lambda a: "smallint",
    "tinyint": lambda a: "tinyint",
    "mediumint": lambda a: "mediumint",
    "text": lambda a: a[0] if a else "text",
    "string": lambda a: f"varchar({a[0] if a else 255})",
    "float": lambda a: "real",
    "double": lambda a: "double precision",
    "decimal": lambda a: f"numeric({a[0] if a else 8},{a[1] if len(a) > 1 else 2})",
    "boolean": lambda a: "boolean",
    "date": lambda a: "date",
    "datetime": lambda a: "timestamp",
    "timestamp": lambda a: "timestamp",
    "time": lambda a: "time",
    "binary": lambda a: "bytea",
    "enum": lambda a: "enum",
    "enu": lambda a: "enum",
    "json": lambda a: "json",
    "jsonb": lambda a: "jsonb",
    "uuid": lambda a: "uuid",
    "specificType": lambda a: a[0] if a else "other",
}
_SEQ_TYPES = {
    "STRING": "varchar({0})", "CHAR": "char({0})", "TEXT": "text", "CITEXT": "citext",
    "INTEGER": "integer", "BIGINT": "bigint", "SMALLINT": "smallint", "TINYINT": "tinyint",
    "MEDIUMINT": "mediumint", "FLOAT": "float", "DOUBLE": "double", "REAL": "real",
    "DECIMAL": "numeric({0},{1})", "DATE": "timestamp", "DATEONLY": "date",
    "BOOLEAN": "boolean", "UUID": "uuid", "JSON": "json", "JSONB": "jsonb",
}  # fmt: skip
_SEQ_DEFAULTS = {"STRING": ("255",), "CHAR": ("1",), "DECIMAL": ("10", "0")}
_INDEXES = frozenset({"addIndex", "createIndex", "index", "unique", "createIndices"})
_CONSTRAINTS = frozenset(
    {
        "removeIndex", "dropIndex", "dropIndices", "addConstraint", "removeConstraint",
        "createForeignKey", "createForeignKeys", "dropForeignKey", "dropForeignKeys",
        "createPrimaryKey", "dropPrimaryKey", "createUniqueConstraint", "dropUniqueConstraint",
        "createCheckConstraint", "dropCheckConstraint", "foreign", "primary", "dropForeign",
        "dropUnique", "dropPrimary", "dropNullable", "setNullable", "dropChecks", "check",
        "changeColumnComment", "comment", "dropDefault", "setDefault",
    }
)  # fmt: skip
_DROP_OTHER = frozenset(
    {"dropEnum", "dropAllEnums", "dropFunction", "dropTrigger", "dropView", "dropViewIfExists",
     "dropMaterializedView", "dropSequence", "dropAllSequences", "dropExtension"}
)  # fmt: skip


@functools.cache
def _calls_query(lang: str) -> Any:
    from tree_sitter import Query

    return Query(treesitter.language(lang), "(call_expression) @call")


def statements(fn: JsFunction, module: JsModule) -> list[Statement]:
    """The statements the calls inside ``fn`` amount to, in source order."""
    from tree_sitter import QueryCursor

    calls = QueryCursor(_calls_query(module.lang)).captures(fn.node).get("call", [])
    out: list[Statement] = []
    tables: list[_Table] = []
    for call in sorted(calls, key=_method_pos):
        receiver, method = callee(call)
        if method not in _INTERESTING or receiver is None:
            continue
        if receiver.type == "identifier":
            ctx = _context(tables, call, treesitter.node_text(receiver))
            if ctx is not None:
                if not ctx.create:
                    out.extend(_column(ctx.name, method, args(call), call, module))
                continue
        if method in _TABLE_METHODS:
            _open_table(tables, call, method, module)
        out.extend(_call(call, receiver, method, module))
    return out


@dataclass(frozen=True)
class _Table:
    """A Knex table callback: ``alterTable('t', (table) => …)`` spans start..end."""

    start: int
    end: int
    param: str
    name: str
    create: bool


def _open_table(tables: list[_Table], call: Any, method: str, module: JsModule) -> None:
    a = args(call)
    if len(a) > 1 and a[1].type in FUNCTION_TYPES:
        ps = params(a[1])
        if ps:
            name = name_of(a[0], module)
            tables.append(
                _Table(a[1].start_byte, a[1].end_byte, ps[0], name, method.startswith("create"))
            )


def _context(tables: list[_Table], call: Any, name: str) -> _Table | None:
    at = call.start_byte
    inner = [t for t in tables if t.start <= at < t.end and t.param == name]
    return max(inner, key=lambda t: t.start) if inner else None


def _method_pos(call: Any) -> int:
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type == "member_expression":
        prop = fn.child_by_field_name("property")
        if prop is not None:
            return int(prop.start_byte)
    return int(call.start_byte)


def _line(call: Any) -> int:
    fn = call.child_by_field_name("function")
    prop = fn.child_by_field_name("property") if fn is not None else None
    return treesitter.line_of(prop if prop is not None else call)


def op(kind: str, target: str, line: int, text: str = "") -> Statement:
    """A statement of ``kind`` on ``target`` that needs no SQL text to be judged."""
    text = text or f"{kind} {target}"
    return Statement(text, line, kind, target, ((kind, target),), (), text)


def name_of(node: Any, module: JsModule) -> str:
    """A table or column name: a string, ``{tableName, schema}``, ``new Table({name})``…"""
    if node is None:
        return "?"
    value = static_string(node, module, loose=True)
    if value is not None:
        return value
    if node.type == "new_expression":
        inner = args(node)
        return name_of(inner[0], module) if inner else "?"
    if node.type == "object":
        props = _props(node)
        name = props.get("tableName") or props.get("name")
        schema = props.get("schema")
        base = name_of(name, module) if name is not None else "?"
        return f"{name_of(schema, module)}.{base}" if schema is not None else base
    if node.type == "array":
        return ", ".join(name_of(e, module) for e in node.named_children)
    text = treesitter.node_text(node)
    return text if len(text) <= 60 else text[:57] + "…"


def _props(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in obj.named_children:
        if pair.type == "pair":
            key = pair.child_by_field_name("key")
            raw = treesitter.node_text(key).strip("'\"`")
            out[raw] = pair.child_by_field_name("value")
    return out


def _names(nodes: list[Any], module: JsModule) -> list[str]:
    out: list[str] = []
    for n in nodes:
        if n.type == "array":
            out.extend(_names([e for e in n.named_children if e.type != "comment"], module))
        else:
            out.append(name_of(n, module))
    return out


def _call(call: Any, receiver: Any, method: str, module: JsModule) -> list[Statement]:
    a = args(call)
    line = _line(call)
    if method in SQL_METHODS and a:
        return _raw(a[0], module, line)
    handler = _SCHEMA.get(method)
    if handler is not None:
        return handler(a, call, module, line)
    if method in _ROWS:
        return _builder(method, receiver, a, call, module, line)
    if method in _CONSTRAINTS and a:
        return [op("alter_table", name_of(a[0], module), line)]
    if method in _INDEXES and a:
        return [op("create_index", name_of(a[0], module), line)]
    if method in _DROP_OTHER:
        return [op("drop_other", name_of(a[0], module) if a else method, line)]
    return []


def _raw(node: Any, module: JsModule, line: int) -> list[Statement]:
    text = static_string(node, module, loose=True)
    if text is None:
        return [op("other", "", line, f"dynamic SQL `{treesitter.node_text(node)[:60]}`")]
    return shift(split(text), treesitter.line_of(node))


def _chained(call: Any, method: str) -> bool:
    """True when ``.method()`` is called further along the chain that starts at ``call``."""
    node = call
    while node.parent is not None and node.parent.type == "member_expression":
        member = node.parent
        if treesitter.node_text(member.child_by_field_name("property")) == method:
            return True
        if member.parent is None or member.parent.type != "call_expression":
            return False
        node = member.parent
    return False


def _literal_args(a: list[Any], module: JsModule) -> list[str]:
    out: list[str] = []
    for n in a:
        value = static_string(n, module)
        if value is None:
            break
        out.append(value)
    return out


def _column(table: str, method: str, a: list[Any], call: Any, module: JsModule) -> list[Statement]:
    line = _line(call)
    t = quote(table)
    if method in _KNEX_TYPES and a:
        col = name_of(a[0], module)
        typ = _KNEX_TYPES[method](_literal_args(a[1:], module))
        if _chained(call, "alter"):
            return [synthetic(f"ALTER TABLE {t} ALTER COLUMN {quote(col)} TYPE {typ}", line)]
        return [synthetic(f"ALTER TABLE {t} ADD COLUMN {quote(col)} {typ}", line)]
    if method == "timestamps":
        return [
            synthetic(f'ALTER TABLE {t} ADD COLUMN "{c}" timestamp', line)
            for c in ("created_at", "updated_at")
        ]
    if method in ("dropColumn", "dropColumns"):
        cols = _names(a, module)
        return [synthetic(f"ALTER TABLE {t} DROP COLUMN {quote(c)}", line) for c in cols]
    if method == "dropTimestamps":
        return [
            synthetic(f'ALTER TABLE {t} DROP COLUMN "{c}"', line)
            for c in ("created_at", "updated_at")
        ]
    if method == "renameColumn" and a:
        return [op("rename", f"{table}.{name_of(a[0], module)}", line)]
    if method in ("index", "unique"):
        return [op("create_index", table, line)]
    if method in ("alter",) or _chained(call, "alter") or method in _KNEX_MODIFIERS:
        return []
    return [op("alter_table", table, line)]


_COLUMN_OPS = frozenset(
    {"timestamps", "dropColumn", "dropColumns", "dropTimestamps", "renameColumn", "index", "unique"}
)
_KNEX_MODIFIERS = frozenset(
    {"notNullable", "nullable", "defaultTo", "unsigned", "references", "inTable", "onDelete",
     "onUpdate", "primary", "comment", "after", "first", "collate", "index", "unique",
     "alter", "withKeyName", "deferrable", "checkPositive", "checkIn", "useNative"}
)  # fmt: skip


def _create_table(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if not a:
        return []
    table = name_of(a[0], module)
    cols: list[str] = []
    if a[0].type == "new_expression":  # TypeORM: new Table({ name, columns: [...] })
        inner = args(a[0])
        props = _props(inner[0]) if inner and inner[0].type == "object" else {}
        columns = props.get("columns")
        for c in columns.named_children if columns is not None and columns.type == "array" else ():
            cols.extend(_typeorm_column(c, module))
    elif len(a) > 1 and a[1].type == "object":  # Sequelize: createTable('t', { id: {...} })
        for key, value in _props(a[1]).items():
            cols.append(f"{quote(key)} {_seq_type(value) or 'other'}")
    body = ", ".join(cols) or '"id" integer'
    return [synthetic(f"CREATE TABLE {quote(table)} ({body})", line)]


def _typeorm_column(node: Any, module: JsModule) -> list[str]:
    if node.type == "new_expression":
        inner = args(node)
        node = inner[0] if inner else node
    if node.type != "object":
        return []
    props = _props(node)
    name = props.get("name")
    if name is None:
        return []
    return [f"{quote(name_of(name, module))} {_typeorm_type(props, module)}"]


def _typeorm_type(props: dict[str, Any], module: JsModule) -> str:
    typ = static_string(props.get("type"), module) or "other"
    length = static_string(props.get("length"), module)
    precision = static_string(props.get("precision"), module)
    scale = static_string(props.get("scale"), module)
    if length:
        return f"{typ}({length})"
    if precision:
        return f"{typ}({precision},{scale or 0})"
    return typ


def _seq_type(node: Any) -> str | None:
    """The SQL type of a Sequelize attribute (``{type: Sequelize.STRING(50)}`` or the type)."""
    if node is None:
        return None
    if node.type == "object":
        return _seq_type(_props(node).get("type"))
    call_args: list[str] = []
    if node.type == "call_expression":
        call_args = [treesitter.node_text(x).strip("'\"") for x in args(node)]
        node = node.child_by_field_name("function")
    if node is None or node.type != "member_expression":
        return None
    name = treesitter.node_text(node.child_by_field_name("property"))
    pattern = _SEQ_TYPES.get(name)
    if pattern is None:
        return None
    values = call_args or list(_SEQ_DEFAULTS.get(name, ()))
    if name == "TEXT" and values:
        return {"tiny": "tinytext", "medium": "mediumtext", "long": "longtext"}.get(
            values[0], "text"
        )
    try:
        return pattern.format(*values, *_SEQ_DEFAULTS.get(name, ("", ""))[len(values) :])
    except IndexError:
        return None


def _drop_table(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    return [synthetic(f"DROP TABLE {quote(name_of(x, module))}", line) for x in a[:1]]


def _table_arg_first(kind: str) -> Callable[[list[Any], Any, JsModule, int], list[Statement]]:
    def handler(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
        if not a:
            return []
        table = quote(name_of(a[0], module))
        if kind == "delete":
            return [synthetic(f"DELETE FROM {table}", line)]
        if kind == "truncate":
            return [synthetic(f"TRUNCATE {table}", line)]
        return [op(kind, name_of(a[0], module), line)]

    return handler


def _add_column(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if len(a) < 2:
        return []
    table = name_of(a[0], module)
    if a[1].type == "array":  # TypeORM addColumns(table, [new TableColumn(...)])
        defs = [d for x in a[1].named_children for d in _typeorm_column(x, module)]
    elif a[1].type == "new_expression":
        defs = _typeorm_column(a[1], module)
    else:
        typ = _seq_type(a[2]) if len(a) > 2 else None
        defs = [f"{quote(name_of(a[1], module))} {typ or 'other'}"]
    return [synthetic(f"ALTER TABLE {quote(table)} ADD COLUMN {d}", line) for d in defs]


def _drop_column(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if len(a) < 2:
        return []
    table = quote(name_of(a[0], module))
    return [
        synthetic(f"ALTER TABLE {table} DROP COLUMN {quote(c)}", line)
        for c in _names(a[1:2], module)
    ]


def _change_column(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if len(a) < 3:
        return [op("alter_table", name_of(a[0], module) if a else "?", line)]
    table, col = name_of(a[0], module), name_of(a[1], module)
    if a[2].type == "new_expression":  # TypeORM changeColumn(table, old, new TableColumn)
        inner = args(a[2])
        typ = (
            _typeorm_type(_props(inner[0]), module) if inner and inner[0].type == "object" else None
        )
    else:
        typ = _seq_type(a[2])
    if typ is None:
        return [op("alter_type", f"{table}.{col}", line)]
    return [synthetic(f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(col)} TYPE {typ}", line)]


def _rename(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    if not a:
        return []
    target = name_of(a[0], module)
    if len(a) > 2:  # renameColumn(table, from, to)
        target = f"{target}.{name_of(a[1], module)}"
    return [op("rename", target, line)]


def _drop_all(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    return [op("drop_schema", "(all tables)", line)]


def _drop_schema(a: list[Any], call: Any, module: JsModule, line: int) -> list[Statement]:
    return [synthetic(f"DROP SCHEMA {quote(name_of(x, module))}", line) for x in a[:1]]


_Handler = Callable[[list[Any], Any, JsModule, int], list[Statement]]
_SCHEMA: dict[str, _Handler] = {
    "createTable": _create_table,
    "createTableIfNotExists": _create_table,
    "dropTable": _drop_table,
    "dropTableIfExists": _drop_table,
    "dropAllTables": _drop_all,
    "dropSchema": _drop_schema,
    "dropSchemaIfExists": _drop_schema,
    "renameTable": _rename,
    "renameColumn": _rename,
    "addColumn": _add_column,
    "addColumns": _add_column,
    "removeColumn": _drop_column,
    "dropColumn": _drop_column,
    "dropColumns": _drop_column,
    "changeColumn": _change_column,
    "bulkDelete": _table_arg_first("delete"),
    "bulkInsert": _table_arg_first("insert"),
    "bulkUpdate": _table_arg_first("update"),
    "clearTable": _table_arg_first("truncate"),
}


def _builder(
    method: str, receiver: Any, a: list[Any], call: Any, module: JsModule, line: int
) -> list[Statement]:
    """Row operations on a query builder rooted at a table: ``knex('t').where(…).del()``."""
    table = _builder_table(receiver, call, a, method, module)
    if table is None:
        return []
    if method in ("del", "delete"):
        return [synthetic(f"DELETE FROM {quote(table)}", line)]
    if method in ("truncate", "clear"):
        return [synthetic(f"TRUNCATE {quote(table)}", line)]
    source = _copied_from(a[0], call, module) if method == "insert" and a else None
    if source is not None:  # rows read from `source` earlier in the step, written here
        text = f"insert {table} from {source}"
        return [Statement(text, line, "insert", table, (("insert", table), ("copy_from", source)))]
    return [op(method, table, line)]


def _copied_from(value: Any, call: Any, module: JsModule) -> str | None:
    """The table whose rows ``value`` holds: ``const rows = await knex('old')`` earlier."""
    if value.type != "identifier":
        return None
    name = treesitter.node_text(value)
    fn = call.parent
    while fn is not None and fn.type not in FUNCTION_TYPES:
        fn = fn.parent
    stack = [fn] if fn is not None else []
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            key, init = node.child_by_field_name("name"), node.child_by_field_name("value")
            if key is not None and init is not None and treesitter.node_text(key) == name:
                while init.type == "await_expression" and init.named_children:
                    init = init.named_children[0]
                if init.type == "call_expression":
                    receiver, method = callee(init)
                    if receiver is None:
                        root = args(init)
                        return name_of(root[0], module) if root else None
                    return _builder_table(receiver, init, args(init), method, module)
                return None
        stack.extend(node.named_children)
    # a parameter or a global: not a copy we can see
    return None


def _builder_table(
    receiver: Any, call: Any, a: list[Any], method: str, module: JsModule
) -> str | None:
    if receiver is None:
        return None
    if (
        method in ("delete", "insert", "update")
        and a
        and treesitter.node_text(receiver).endswith("manager")
    ):
        return name_of(a[0], module)  # TypeORM: queryRunner.manager.delete(Entity, …)
    node = receiver
    while node is not None:
        if node.type == "call_expression":
            inner_receiver, inner_method = callee(node)
            inner_args = args(node)
            if inner_receiver is None and inner_args:  # knex('t') / trx('t')
                return name_of(inner_args[0], module)
            if inner_method in ("from", "into", "table", "getRepository") and inner_args:
                return name_of(inner_args[0], module)
            if inner_method == "createQueryBuilder":
                return _later_from(call, module)
            fn = node.child_by_field_name("function")
            node = (
                fn.child_by_field_name("object")
                if fn is not None and fn.type == "member_expression"
                else None
            )
        elif node.type == "member_expression":
            node = node.child_by_field_name("object")
        else:
            return None
    return None


def _later_from(call: Any, module: JsModule) -> str | None:
    node = call
    while node.parent is not None and node.parent.type == "member_expression":
        member = node.parent
        outer = member.parent
        if outer is None or outer.type != "call_expression":
            return None
        if treesitter.node_text(member.child_by_field_name("property")) == "from":
            outer_args = args(outer)
            return name_of(outer_args[0], module) if outer_args else None
        node = outer
    return None


_ROWS = frozenset({"del", "delete", "truncate", "clear", "insert", "update"})
_INTERESTING = (
    _TABLE_METHODS
    | set(_KNEX_TYPES)
    | _COLUMN_OPS
    | SQL_METHODS
    | set(_SCHEMA)
    | _ROWS
    | _CONSTRAINTS
    | _INDEXES
    | _DROP_OTHER
)
