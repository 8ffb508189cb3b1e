"""What destroys data in a Rails migration's deploy direction, and the RG203 issues for it.

Dropping a table or column (``drop_table``, ``remove_column(s)``, ``remove_reference``,
``remove_timestamps``, ``t.remove…``, Discourse's ``ColumnDropper``/``TableDropper``),
deleting rows (``delete_all``/``destroy_all``) and narrowing a column whose old type the
down step shows (``change_column`` to a shorter string, a smaller integer, fewer digits).
"""

from __future__ import annotations

import re

from rollback_gate import lazyre
from rollback_gate.migrations.dsl import rubynodes
from rollback_gate.migrations.dsl.common import (
    SPLIT_FIX,
    Issue,
    one_line,
    sql_column_types,
)
from rollback_gate.migrations.dsl.rubynodes import (
    Args,
    Node,
    StringResolver,
    args_of,
    call_name,
    display,
    symbol_name,
)
from rollback_gate.migrations.sqlengine.coltypes import narrows
from rollback_gate.migrations.sqlengine.loss import NULLABLE, REFERENCED
from rollback_gate.migrations.treesitter import line_of, node_text

DESTROY_IMPACT = (
    "a rollback cannot bring the data back: the previous release finds it gone or empty"
)


def destroyed(command: str, args: Args, table: str | None) -> list[str]:
    """What running ``command`` forward destroys: ``table`` or ``table.column`` names.

    Splatted names (``remove_columns :orders, *OLD``) are reported as written.
    """
    pos = list(args.positional) + list(args.splats)
    t = table or (display(pos.pop(0)) if pos else "?")
    if command == "drop_table":
        # Several tables can be dropped at once (irreversible, but each one is gone).
        names = [t] if table is not None else [t, *(display(p) for p in pos)]
        return [f"table {n}" for n in names]
    if command == "drop_join_table":
        other = display(pos[0]) if pos else "?"
        name = args.keywords.get("table_name")
        joined = display(name) if name is not None else join_table_name(t, other)
        return [f"join table {joined}"]
    if command == "remove_column":
        return [f"column {t}.{display(pos[0])}"] if pos else []
    if command == "remove_columns":
        return [f"column {t}.{display(p)}" for p in pos]
    if command in ("remove_reference", "remove_belongs_to"):
        dropped = [f"column {t}.{_reference_column(p)}" for p in pos[:1]]
        polymorphic = args.keywords.get("polymorphic")
        if dropped and polymorphic is not None and node_text(polymorphic) == "true":
            dropped.append(f"column {t}.{display(pos[0])}_type")
        return dropped
    if command == "remove_timestamps":
        return [f"columns {t}.created_at, {t}.updated_at"]
    return []


def join_table_name(first: str, second: str) -> str:
    """Rails' default join table name: sorted, with a shared ``prefix_`` written once
    (``catalog_categories`` + ``catalog_products`` → ``catalog_categories_products``)."""
    a, b = sorted((first, second))
    cut = a.rfind("_", 0, len(a) - 1)
    while cut >= 0:
        prefix = a[: cut + 1]
        if b.startswith(prefix) and len(b) > len(prefix):
            return f"{a}_{b[len(prefix) :]}"
        cut = a.rfind("_", 0, cut)
    return f"{a}_{b}"


def _reference_column(node: object) -> str:
    name = symbol_name(node)
    return f"{name}_id" if name is not None else display(node)


def drops(call: Node, command: str, args: Args, table: str | None, where: str) -> list[Issue]:
    """RG203 issues for a recorder command that drops tables or columns."""
    issues: list[Issue] = []
    text = one_line(node_text(call), 70)
    for what in destroyed(command, args, table):
        issues.append(
            Issue(
                "RG203",
                line_of(call),
                f"`{text}` in {where} drops {what}",
                DESTROY_IMPACT,
                SPLIT_FIX.format(what=what),
                f"RG203:{command}:{what.split(' ', 1)[-1]}",
            )
        )
    return issues


def narrowing(
    call: Node, args: Args, table: str | None, previous: dict[str, str], step: str
) -> Issue | None:
    """RG203 for a ``change_column`` that narrows the type the down step restores."""
    pos = [None, *args.positional] if table is not None else list(args.positional)
    if len(pos) < 3 or pos[2] is None:
        return None
    t = table or display(pos[0])
    where = f"{t}.{display(pos[1])}"
    new = sql_type(pos[2], args.keywords)
    old = previous.get(where)
    if new is None or old is None or not narrows(old, new):
        return None
    text = one_line(node_text(call), 70)
    return Issue(
        "RG203",
        line_of(call),
        f"`{text}` in {step} narrows column {where} from {old} (its type in down) to {new}",
        "values that do not fit the new type are cut or rejected; a rollback restores the "
        "wider type but not the values",
        SPLIT_FIX.format(what=f"the old type of {where}"),
        f"RG203:change_column:{where}",
    )


def dropper(call: Node, receiver: str, step: str) -> Issue:
    """RG203 for Discourse's ``Migration::ColumnDropper``/``TableDropper.execute_drop``."""
    args = args_of(call)
    table = display(args.positional[0]) if args.positional else "?"
    if receiver.endswith("ColumnDropper"):
        columns = args.positional[1] if len(args.positional) > 1 else None
        what = f"columns {table}.{display(columns)}"
    else:
        what = f"table {table}"
    return Issue(
        "RG203",
        line_of(call),
        f"`{one_line(node_text(call), 70)}` in {step} drops {what}",
        DESTROY_IMPACT,
        SPLIT_FIX.format(what=what),
        f"RG203:execute_drop:{what.split(' ', 1)[-1]}",
    )


def deletes(call: Node, receiver: str, step: str) -> Issue:
    """RG203 for ``Model.where(…).delete_all`` and the like."""
    model = _relation(receiver)
    return Issue(
        "RG203",
        line_of(call),
        f"`{one_line(node_text(call), 70)}` in {step} deletes rows of {model}",
        DESTROY_IMPACT,
        "keep the rows (mark them instead of deleting them) until a later release, or "
        "archive them first; or waive with a reason",
        f"RG203:{call_name(call)}:{model}",
    )


_QUERY_METHODS = frozenset(
    {"where", "not", "joins", "left_joins", "left_outer_joins", "includes", "missing",
     "unscoped", "all", "find_each", "in_batches", "limit", "order", "merge", "rewhere"}
)  # fmt: skip


def _relation(receiver: str) -> str:
    """``Event`` for ``Event.where(…).not(…)``, ``user.roles`` for ``user.roles``."""
    kept: list[str] = []
    for part in " ".join(receiver.split()).split("."):
        name = part.strip()
        if not name or "(" in name or name in _QUERY_METHODS:
            break
        kept.append(name)
    return ".".join(kept) or one_line(receiver, 40)


INDEX = "\tindex\t"
"""``types[table + INDEX + columns or name]`` is ``"True"`` when the down step adds that
index back unique, ``"False"`` when plain: what the up step's ``remove_index`` dropped."""


def index_columns(node: Node) -> str:
    """An index's columns as a key: ``:a`` / ``[:a, :b]`` / ``%i[a b]`` → ``a,b``."""
    items = node.named_children if node.type in rubynodes.ARRAYS else [node]
    return ",".join(rubynodes.display(i) for i in items)


def column_types(body: Node | None, strings: StringResolver) -> dict[str, str]:
    """``table.column`` → type that a down step sets with ``change_column`` or SQL: the
    types the up step changed the columns *from*, and the SQL engine's ``NULLABLE`` mark
    where the down step's ``change_column`` says ``null: true``; the indexes it adds back
    (:data:`INDEX`)."""
    types: dict[str, str] = {}
    if body is None:
        return types
    for call in rubynodes.captures(body, "(call) @c").get("c", []):
        name = call_name(call)
        if rubynodes.receiver_text(call) not in (None, "self", "connection"):
            continue
        args = args_of(call)
        if name == "change_column" and len(args.positional) >= 3:
            # (each table of a loop over a list of them: npq-registration, round AZ)
            first = args.positional[0]
            tables = rubynodes.loop_items(first, strings) or [first]
            for table in tables:
                where = f"{rubynodes.display(table)}.{rubynodes.display(args.positional[1])}"
                typ = written_type(args.positional[2], args.keywords)
                if typ is not None:
                    types[where] = typ
                null = args.keywords.get("null")
                if null is not None and node_text(null) == "true":
                    types[where + NULLABLE] = "true"  # the up step made it NOT NULL
        elif name == "add_index" and len(args.positional) >= 2:
            table = rubynodes.display(args.positional[0])
            unique = node_text(args.keywords.get("unique") or call) == "true"
            types[f"{table}{INDEX}{index_columns(args.positional[1])}"] = str(unique)
            if (named := args.keywords.get("name")) is not None:
                types[f"{table}{INDEX}{rubynodes.display(named)}"] = str(unique)
        elif name == "add_foreign_key" and len(args.positional) >= 2:
            # the table the key the up step dropped referenced (foreman's ptables, round AO)
            had = set(filter(None, types.get(REFERENCED, "").split(",")))
            types[REFERENCED] = ",".join(sorted(had | {rubynodes.display(args.positional[1])}))
        elif name == "execute" and args.positional:
            resolved = strings.resolve(args.positional[0])
            if resolved is not None:
                types.update(sql_column_types(resolved[0]))
    return types


_RAILS_TYPES = {
    "text": "text",
    "float": "float8",
    "datetime": "timestamp",
    "timestamp": "timestamp",
    "timestamptz": "timestamp",
    "date": "date",
    "bigint": "bigint",
}
_INTEGER_LIMITS = {1: "smallint", 2: "smallint", 3: "integer", 4: "integer", 8: "bigint"}


def sql_type(type_node: Node, keywords: dict[str, Node]) -> str | None:
    """The SQL type a Rails column type means (``:string, limit: 50`` → ``varchar(50)``),
    None when unknown. Only the families whose narrowing can be told apart are mapped."""
    name = symbol_name(type_node)
    if name is None:
        return None
    options = (_int(keywords.get(k)) for k in ("limit", "precision", "scale"))
    return type_named(name, *options)


def type_named(
    name: str, limit: int | None = None, precision: int | None = None, scale: int | None = None
) -> str | None:
    """:func:`sql_type` of a Rails type by its name and options (a history judge reads
    earlier files as text: ``t.string :c, limit: 50``)."""
    if name == "string":
        return f"varchar({limit})" if limit is not None else "varchar"
    if name == "integer":
        return _INTEGER_LIMITS.get(limit or 4)
    if name == "decimal":
        if precision is None:
            return "numeric"
        return f"numeric({precision},{scale or 0})"
    return _RAILS_TYPES.get(name)


_USING = lazyre.compile(r"\s+USING\b.*$", re.IGNORECASE | re.DOTALL)
# Rails column types that are the SQL type of their name (PostgreSQL's)
_SQL_NAMED = frozenset(
    {"json", "jsonb", "uuid", "citext", "hstore", "inet", "cidr", "boolean", "xml", "money",
     "interval", "time"}
)  # fmt: skip


def unquoted(string: Node) -> str:
    """A plain quoted string's text (``'a'``, ``"a"``), else ""."""
    text = node_text(string)
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else ""


def using_clause(type_node: Node) -> str:
    """The ``USING`` expression of a type written as SQL in a string (``'integer USING
    CAST(uid AS integer)'``: classroom's ``users.uid``, round BH), "" for none."""
    if type_node.type != "string" or type_node.named_child_count > 1:
        return ""
    found = _USING.search(unquoted(type_node))
    return found.group(0).strip()[len("USING") :].strip() if found else ""


def written_type(type_node: Node, keywords: dict[str, Node]) -> str | None:
    """:func:`sql_type`, or a type written as SQL in a string, its ``USING`` clause aside
    (link-checker-api's ``"character varying[] USING array[]::character varying[]"``, a
    json column made an array: round BB), or a symbol that is the SQL type of its name
    (``:json``, ``:uuid``); with ``array: true``, its array. None when unknown."""
    typ = sql_type(type_node, keywords)
    if typ is None and type_node.type == "string" and type_node.named_child_count <= 1:
        typ = _USING.sub("", unquoted(type_node)).strip().lower()
    if typ is None and (name := symbol_name(type_node)) in _SQL_NAMED:
        typ = name
    if not typ:
        return None
    array = keywords.get("array")
    if array is not None and node_text(array) == "true" and not typ.endswith("[]"):
        typ += "[]"  # (`:string, array: true`)
    return typ


def _int(node: Node | None) -> int | None:
    if node is None or node.type != "integer":
        return None
    try:
        return int(node_text(node).replace("_", ""))
    except ValueError:
        return None
