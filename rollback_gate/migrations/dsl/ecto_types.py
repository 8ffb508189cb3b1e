"""Ecto column types as SQL types, and the types an Ecto down step restores.

Used to tell whether ``modify`` narrows a column: ``:string`` is ``varchar(255)`` unless
``size:`` says otherwise (the PostgreSQL and MySQL adapters agree), ``:decimal`` takes
``precision:``/``scale:``, and the rest map one to one. A ``modify`` in ``down`` (or an
``ALTER … TYPE`` it executes) shows the type the up step changed a column *from*.
"""

from __future__ import annotations

from rollback_gate.migrations.dsl import elixirnodes as ex
from rollback_gate.migrations.dsl.common import sql_column_types
from rollback_gate.migrations.dsl.rubynodes import captures
from rollback_gate.migrations.treesitter import node_text

# Ecto column types → SQL types, to tell whether a `modify … from:` narrows the column.
_SQL_TYPES = {
    "text": "text",
    "integer": "integer",
    "bigint": "bigint",
    "smallint": "smallint",
    "float": "float8",
    "utc_datetime": "timestamp",
    "utc_datetime_usec": "timestamp",
    "naive_datetime": "timestamp",
    "naive_datetime_usec": "timestamp",
    "timestamp": "timestamp",
    "date": "date",
}


def sql_type(node: ex.Node | None, opts: dict[str, ex.Node]) -> str | None:
    """The SQL type of an Ecto column type node (``:string`` with ``size: 50``)."""
    if node is not None and node.type == "tuple":
        parts = node.named_children
        return sql_type(parts[0], ex.keywords_of(node)) if parts else None
    name = ex.atom_name(node)
    if name is None:
        return None
    if name == "string":
        size = opts.get("size")
        return f"varchar({node_text(size)})" if size is not None else "varchar(255)"
    if name in ("decimal", "numeric"):
        precision, scale = opts.get("precision"), opts.get("scale")
        if precision is None:
            return "numeric"
        suffix = f",{node_text(scale)}" if scale is not None else ""
        return f"numeric({node_text(precision)}{suffix})"
    return _SQL_TYPES.get(name, name)


def not_null_columns(body: list[ex.Node]) -> frozenset[str]:
    """``table.column``s (lower case) that a down step ``modify``s with ``null: false``:
    they were NOT NULL before the up step."""
    found: set[str] = set()
    for stmt in body:
        for call in captures(stmt, "(call) @c", "elixir").get("c", []):
            if ex.call_name(call) != "alter" or ex.receiver(call) is not None:
                continue
            args = ex.args_of(call)
            target = ex.table_of(args.positional[0]) if args.positional else None
            for sub in ex.statements(ex.do_block(call)):
                if sub.type != "call" or ex.call_name(sub) != "modify" or target is None:
                    continue
                sargs = ex.args_of(sub)
                null = sargs.keywords.get("null")
                if sargs.positional and null is not None and node_text(null) == "false":
                    found.add(f"{target[1]}.{ex.display(sargs.positional[0])}".lower())
    return frozenset(found)


def column_types(body: list[ex.Node], strings: ex.StringResolver) -> dict[str, str]:
    """``table.column`` → type that a down step sets with ``modify`` or SQL: the types the
    up step changed the columns *from*."""
    types: dict[str, str] = {}
    for stmt in body:
        for call in captures(stmt, "(call) @c", "elixir").get("c", []):
            name, args = ex.call_name(call), ex.args_of(call)
            if name == "alter" and args.positional and ex.receiver(call) is None:
                target = ex.table_of(args.positional[0])
                for sub in ex.statements(ex.do_block(call)):
                    sargs = ex.args_of(sub) if sub.type == "call" else None
                    if sargs is None or ex.call_name(sub) != "modify" or len(sargs.positional) < 2:
                        continue
                    typ = sql_type(sargs.positional[1], sargs.keywords)
                    if typ is not None and target is not None:
                        types[f"{target[1]}.{ex.display(sargs.positional[0])}"] = typ
            elif name == "execute" and args.positional and ex.receiver(call) is None:
                resolved = strings.resolve(args.positional[0], {})
                if resolved is not None:
                    types.update(sql_column_types(resolved[0]))
    return types
