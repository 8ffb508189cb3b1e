"""Which statements destroy data, and the column types a step leaves behind.

Works on classified statements (:mod:`.sqlkinds`) in execution order, so it can tell a
real loss from a scratch table dropped after use, a table rebuilt after its rows were
copied out, or a column dropped after its values were copied (see
:func:`rollback_gate.migrations.sqlengine.sql.destructive` for the full rules).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from rollback_gate.migrations.sqlengine.coltypes import narrows
from rollback_gate.migrations.sqlengine.kinds import (
    DESTRUCTIVE_KINDS,
    NOT_COLUMN,
    is_ident,
    split_commas,
    tokens,
    type_text,
    unquote,
)
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.sqlengine.survivors import survives

_NOT_COLUMN_OR_LIKE = NOT_COLUMN | {"LIKE"}


def _key(name: str) -> str:
    """Compare table names case-insensitively and without a schema prefix."""
    return name.rsplit(".", 1)[-1].lower()


def _col_key(target: str) -> str:
    table, _, col = target.rpartition(".")
    return f"{_key(table)}.{col.lower()}"


def table_columns(skeleton: str) -> dict[str, str]:
    """``column → type`` of a ``CREATE TABLE`` skeleton (constraints skipped)."""
    toks = tokens(skeleton)
    if "(" not in toks:
        return {}
    start = toks.index("(") + 1
    depth = 1
    end = start
    while end < len(toks) and depth:
        depth += {"(": 1, ")": -1}.get(toks[end], 0)
        end += 1
    cols: dict[str, str] = {}
    for part in split_commas(toks[: end - 1], start):
        if part and is_ident(part[0]) and part[0].upper() not in _NOT_COLUMN_OR_LIKE:
            cols[unquote(part[0]).lower()] = type_text(part[1:])
    return cols


def column_types(statements: list[Statement]) -> dict[str, str]:
    """``table.column`` → the type the statements leave it with (lower-case keys)."""
    types: dict[str, str] = {}
    for s in statements:
        if s.kind == "create_table":
            for col, typ in table_columns(s.skeleton).items():
                types[f"{_key(s.target)}.{col}"] = typ
        for target, typ in s.new_types:
            types[_col_key(target)] = typ
    return types


def destructive(
    statements: list[Statement],
    previous: Mapping[str, str],
    context: list[Statement],
    reads_copy: bool = False,
) -> list[Statement]:
    """See :func:`rollback_gate.migrations.sqlengine.sql.destructive`."""
    created: set[str] = set()
    copied: set[str] = set()
    copied_columns: set[str] = set()
    for s in context:
        for kind, target in s.actions:
            if kind == "create_table":
                created.add(_key(target))
    types: dict[str, str] | None = None  # built from ``previous`` at the first type change
    out: list[Statement] = []
    for index, s in enumerate(statements):
        for kind, target in s.actions:
            if kind == "create_table":
                created.add(_key(target))
            elif kind == "copy_from" or (kind == "read_from" and reads_copy):
                copied.add(_key(target))
            elif kind == "copy_column":
                copied_columns.add(_col_key(target))
            elif kind in DESTRUCTIVE_KINDS:
                table = _key(target.rsplit(".", 1)[0] if kind == "drop_column" else target)
                if not (
                    (kind == "drop_table" and (table in created or table in copied))
                    or (kind in ("drop_column", "truncate", "delete") and table in created)
                    or (kind == "drop_column" and _col_key(target) in copied_columns)
                    or survives(index, kind, target, statements)
                ):
                    out.append(dataclasses.replace(s, kind=kind, target=target))
            elif kind == "alter_type":
                if types is None:
                    types = {_col_key(k): v for k, v in previous.items()}
                table = _key(target.rsplit(".", 1)[0])
                key = _col_key(target)
                old = types.get(key)
                new = dict(s.new_types).get(target, "")
                if old and new and table not in created and narrows(old, new):
                    out.append(dataclasses.replace(s, kind="narrow_type", target=target))
                if new:
                    types[key] = new
    return out
