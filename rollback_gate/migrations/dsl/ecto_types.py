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
from rollback_gate.migrations.sqlengine.loss import CHECK
from rollback_gate.migrations.treesitter import node_text

# Ecto column types → SQL types, to tell whether a `modify … from:` narrows the column.
_SQL_TYPES = {
    "text": "text",
    "integer": "integer",
    "bigint": "bigint",
    "smallint": "smallint",
    "float": "float8",
    # ecto_sql 3 gives the types without `_usec` no fractional seconds: made one from a
    # `_usec` type, a column loses its microseconds (palapa's organizations.deleted_at,
    # round BJ, a miss)
    "utc_datetime": "timestamp(0)",
    "utc_datetime_usec": "timestamp",
    "naive_datetime": "timestamp(0)",
    "naive_datetime_usec": "timestamp",
    "time": "time(0)",
    "time_usec": "time",
    "timestamp": "timestamp",
    "date": "date",
    "binary_id": "uuid",  # (Ecto's binary_id is PostgreSQL's uuid)
}


def sql_type(node: ex.Node | None, opts: dict[str, ex.Node]) -> str | None:
    """The SQL type of an Ecto column type node (``:string`` with ``size: 50``)."""
    if node is not None and node.type == "tuple":
        parts = node.named_children
        if len(parts) == 2 and ex.atom_name(parts[0]) == "array":
            # `{:array, :string}` is varchar(255)[]; `{:array, Problem.type()}` is an array
            # of a type named at run time: not known (hygeia, round AX)
            inner = sql_type(parts[1], {})
            return f"{inner}[]" if inner else None
        return sql_type(parts[0], ex.keywords_of(node)) if parts else None
    name = ex.atom_name(node)
    if name is None:
        return None
    if name == "string":
        size = opts.get("size")
        return f"varchar({_number(size)})" if size is not None else "varchar(255)"
    if name in ("decimal", "numeric"):
        precision, scale = opts.get("precision"), opts.get("scale")
        if precision is None:
            return "numeric"
        suffix = f",{_number(scale)}" if scale is not None else ""
        return f"numeric({_number(precision)}{suffix})"
    return _SQL_TYPES.get(name, name)


def _number(node: ex.Node) -> str:
    """An integer as Elixir writes it, digits grouped by ``_`` or not (``1_000``: td-dd's
    ``size: 1_000`` was read as ``varchar(1 _000)``, round AW)."""
    text = node_text(node)
    return text.replace("_", "") if text.replace("_", "").isdigit() else text


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
            for sub in ex.body_of(call):
                if sub.type != "call" or ex.call_name(sub) != "modify" or target is None:
                    continue
                sargs = ex.args_of(sub)
                null = sargs.keywords.get("null")
                if sargs.positional and null is not None and node_text(null) == "false":
                    found.add(f"{target[1]}.{ex.display(sargs.positional[0])}".lower())
    return frozenset(found)


def check_sql(node: ex.Node) -> str:
    """A CHECK's SQL when it is a plain one-line string (``"a IN ('b', 'c')"``), else ``x``:
    the judgement reads which columns it names, and compares its list with the down
    step's (transport-site, round N)."""
    text = node_text(node)
    plain = all(c.type == "quoted_content" for c in node.named_children)
    if node.type != "string" or not plain or text.startswith('"""') or "\n" in text:
        return "x"  # interpolated, a heredoc or escaped: not read
    return text[1:-1] or "x"


def column_types(body: list[ex.Node], strings: ex.StringResolver) -> dict[str, str]:
    """``table.column`` → type that a down step sets with ``modify`` or SQL: the types the
    up step changed the columns *from*."""
    types: dict[str, str] = {}
    for stmt in body:
        for call in captures(stmt, "(call) @c", "elixir").get("c", []):
            name, args = ex.call_name(call), ex.args_of(call)
            if name == "alter" and args.positional and ex.receiver(call) is None:
                target = ex.table_of(args.positional[0])
                for sub in ex.body_of(call):
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
            elif name in ("create", "create_if_not_exists") and args.positional:
                types.update(_check(args.positional[0]))
    return types


def _check(node: ex.Node) -> dict[str, str]:
    """``constraint(:t, :name, check: "…")``: its expression under the key the N−1
    judgement looks the old one up by (a list re-drawn longer is looser)."""
    if node.type != "call" or ex.call_name(node) != "constraint":
        return {}
    iargs, target = ex.args_of(node), ex.table_of(node)
    check = iargs.keywords.get("check")
    if check is None or target is None or len(iargs.positional) < 2:
        return {}
    expr = check_sql(check)
    table = target[1].rsplit(".", 1)[-1].lower()
    name = ex.display(iargs.positional[1]).lower()
    return {f"{table}{CHECK}{name}": expr} if expr != "x" else {}
