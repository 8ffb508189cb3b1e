"""What Rails can invert in ``change``, and which commands destroy data.

The inversion rules follow ``ActiveRecord::Migration::CommandRecorder`` (Rails 7.x): a
command is reversible when the recorder has an ``invert_*`` method for it and the call
gives what that method needs (``remove_column`` a type, ``drop_table`` a block or
options, ``change_column_default`` ``from:`` and ``to:`` …). ``execute`` and
``change_column`` have no inverse at all. Commands inside ``change_table`` blocks map to
the same recorder methods (``t.remove`` is ``remove_columns``, ``t.change`` is
``change_column``).

A call whose arguments hide behind a splat (``*cols``) is never reported: what it passes
is unknown, and a false alarm costs more trust than it buys.
"""

from __future__ import annotations

from dataclasses import dataclass

from rollback_gate.migrations.dsl.rubynodes import Args, display, symbol_name

COLUMN_TYPES = frozenset(
    {
        "string", "text", "integer", "bigint", "smallint", "float", "decimal", "numeric",
        "datetime", "time", "date", "binary", "blob", "boolean", "json", "jsonb", "uuid",
        "references", "belongs_to", "timestamp", "timestamptz", "inet", "cidr", "macaddr",
        "hstore", "citext", "bit", "bit_varying", "money", "xml", "tsvector", "interval",
        "point", "line", "lseg", "box", "path", "polygon", "circle", "int4range", "int8range",
        "numrange", "tsrange", "tstzrange", "daterange", "ltree", "enum", "virtual",
        "primary_key", "bigserial", "serial", "oid", "char", "varchar", "tinytext",
        "mediumtext", "longtext", "tinyblob", "mediumblob", "longblob", "unsigned_integer",
        "unsigned_bigint", "unsigned_float", "unsigned_decimal", "year", "set", "geometry",
        "st_point", "st_polygon", "geography",
    }
)  # fmt: skip
"""Column types Rails adapters know (core, PostgreSQL, MySQL, common spatial gems)."""


@dataclass(frozen=True)
class Refusal:
    """Why Rails cannot invert a command, and how to write it so that it can."""

    reason: str
    fix: str


UP_DOWN = "or write explicit `up` and `down` methods"


def _has(args: Args, *names: str) -> bool:
    return all(n in args.keywords for n in names)


def _missing_from_to(args: Args, call: str) -> Refusal | None:
    if _has(args, "from", "to"):
        return None
    return Refusal(
        "has no `from:` and `to:`, so Rails does not know the value to restore",
        f"give both values: `{call}, from: <old>, to: <new>`",
    )


def invert_problem(command: str, args: Args, has_block: bool, table: str | None) -> Refusal | None:
    """Why ``command`` (a recorder method) cannot be inverted in ``change``, or None.

    ``table`` is set for commands written on a ``change_table`` block variable; then the
    table is implied and ``args`` holds only the remaining arguments.
    """
    if args.splat:
        return None
    pos = args.positional
    if table is not None:
        pos = [None, *pos]  # the table, as the recorder receives it
    t = table or (display(pos[0]) if pos else "?")
    if command == "execute":
        return Refusal(
            "runs raw SQL, which Rails cannot invert",
            "move the SQL into `reversible do |dir| dir.up { execute ... }; "
            "dir.down { execute <the inverse SQL> } end`, " + UP_DOWN,
        )
    if command == "change_column":
        col = display(pos[1]) if len(pos) > 1 else "?"
        return Refusal(
            "does not record the column's old type, so Rails cannot restore it",
            f"use `up`/`down`: `change_column :{t}, :{col}, <new type>` in up and the "
            "old type in down",
        )
    if command == "remove_column":
        col = display(pos[1]) if len(pos) > 1 else "?"
        kind = symbol_name(pos[2]) if len(pos) >= 3 and pos[2] is not None else None
        if kind is not None and kind not in COLUMN_TYPES:
            return Refusal(
                f"has `:{kind}` as third argument, which is not a column type, so Rails "
                "cannot re-add the column",
                f"give the column's type as third argument: `remove_column :{t}, :{col}, "
                "<type>` (e.g. `:string`)",
            )
        if len(pos) >= 3:
            return None
        return Refusal(
            "has no type, so Rails cannot re-add the column",
            f"add the type as third argument: `remove_column :{t}, :{col}, :<type>`",
        )
    if command == "remove_columns":
        if "type" in args.keywords:
            return None
        return Refusal(
            "has no `type:`, so Rails cannot re-add the columns",
            "add the type: `remove_columns ..., type: :<type>` (or one `remove_column` with "
            "its type per column)",
        )
    if command == "drop_table":
        options = set(args.keywords) - {"if_exists"}
        if len(pos) == 1 and (options or has_block):
            return None
        return Refusal(
            "has no table definition, so Rails cannot re-create the table",
            f"pass the definition as a block: `drop_table :{t} do |t| ... end` (copy it "
            "from db/schema.rb)",
        )
    if command == "remove_index":
        if len(pos) >= 2 or "column" in args.keywords:
            return None
        return Refusal(
            "names no column, so Rails cannot re-create the index",
            f"name the column(s): `remove_index :{t}, column: <columns>`",
        )
    if command == "change_column_default":
        col = display(pos[1]) if len(pos) > 1 else "?"
        return _missing_from_to(args, f"change_column_default :{t}, :{col}")
    if command == "change_column_comment":
        col = display(pos[1]) if len(pos) > 1 else "?"
        return _missing_from_to(args, f"change_column_comment :{t}, :{col}")
    if command == "change_table_comment":
        return _missing_from_to(args, f"change_table_comment :{t}")
    if command == "rename_enum_value":
        return _missing_from_to(args, f"rename_enum_value :{t}")
    if command == "remove_foreign_key":
        if len(pos) >= 2 or "to_table" in args.keywords:
            return None
        return Refusal(
            "names no referenced table, so Rails cannot re-create the foreign key",
            f"name the referenced table: `remove_foreign_key :{t}, :<other_table>`",
        )
    if command in ("remove_check_constraint", "remove_exclusion_constraint"):
        if len(pos) >= 2:
            return None
        return Refusal(
            "has no expression, so Rails cannot re-create the constraint",
            f'give the expression: `{command} :{t}, "<expression>", name: ...`',
        )
    if command == "remove_unique_constraint":
        if len(pos) >= 2:
            return None
        return Refusal(
            "names no column, so Rails cannot re-create the constraint",
            f"name the column(s): `remove_unique_constraint :{t}, <columns>`",
        )
    if command == "drop_enum":
        if len(pos) >= 2:
            return None
        return Refusal(
            "lists no values, so Rails cannot re-create the enum type",
            f"list the values: `drop_enum :{t}, [<values>]`",
        )
    if command == "drop_virtual_table":
        if len(pos) >= 3:
            return None
        return Refusal(
            "has no options, so Rails cannot re-create the virtual table",
            "pass the module and its arguments as Rails' `create_virtual_table` takes them",
        )
    if command == "add_enum_value":
        return Refusal(
            "cannot be inverted: PostgreSQL cannot drop a value from an enum type",
            "use `up`/`down`; down must re-create the type without the value, " + UP_DOWN,
        )
    if command == "add_unique_constraint" and "using_index" in args.keywords:
        return Refusal(
            "uses `using_index:`, which Rails cannot invert", "write explicit `up` and `down`"
        )
    return None


# ``change_table`` block methods → the recorder method they call.
TABLE_METHODS: dict[str, str] = {
    "remove": "remove_columns",
    "change": "change_column",
    "change_default": "change_column_default",
    "change_null": "change_column_null",
    "remove_index": "remove_index",
    "remove_foreign_key": "remove_foreign_key",
    "remove_check_constraint": "remove_check_constraint",
    "remove_exclusion_constraint": "remove_exclusion_constraint",
    "remove_unique_constraint": "remove_unique_constraint",
    "remove_references": "remove_reference",
    "remove_belongs_to": "remove_reference",
    "remove_timestamps": "remove_timestamps",
    "rename": "rename_column",
}


# Recorder methods that change the schema (used to tell a schema change from a data fix).
SCHEMA_PREFIXES = (
    "add_",
    "remove_",
    "create_",
    "drop_",
    "change_",
    "rename_",
    "alter_",
    "enable_",
    "disable_",
    "update_view",
    "replace_view",
)
