"""Concrete rollback suggestions for Liquibase changes, written in the changelog's own format.

A fix should be pasteable: for ``<dropColumn tableName="orders" columnName="note"/>`` in an
XML changelog it reads ``<rollback><addColumn tableName="orders"><column name="note"
type="varchar(255)"/></addColumn></rollback>``; in YAML, JSON or formatted SQL the same
inverse is rendered in that syntax. ``…`` marks what only the author knows (the rows an
``insert`` added, the body of a dropped view).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from rollback_gate.migrations.liquibase.model import Change
from rollback_gate.migrations.sqlengine import sql


@dataclass(frozen=True)
class Hint:
    """One inverse change: ``kind`` with ``attrs``, nested ``columns`` and a ``body``.

    ``kind == "sql"`` means raw SQL in ``body``.
    """

    kind: str
    attrs: dict[str, str] = field(default_factory=dict)
    columns: tuple[tuple[str, str], ...] = ()
    body: str = ""


def _table(change: Change) -> str:
    return change.attr("tableName") or "…"


def inverse(change: Change, types: dict[str, str], statements: list[sql.Statement]) -> Hint:
    """The change that undoes ``change``; ``types`` maps ``table.column`` to known types."""
    t = _table(change)
    col = change.attr("columnName")
    kind = change.kind

    def typ(column: str) -> str:
        return types.get(f"{t.lower()}.{column.lower()}", "…")

    if kind == "dropTable":
        cols = tuple(
            (key.split(".", 1)[1], value)
            for key, value in types.items()
            if key.split(".", 1)[0] == t.lower()
        )
        return Hint("createTable", {"tableName": t}, cols or (("…", "…"),))
    if kind == "dropColumn":
        names = [col] if col else [c.name for c in change.columns] or ["…"]
        return Hint("addColumn", {"tableName": t}, tuple((n, typ(n)) for n in names))
    simple: dict[str, Hint] = {
        "insert": Hint("delete", {"tableName": t}, body="…condition matching the inserted rows…"),
        "loadData": Hint("delete", {"tableName": t}, body="…condition matching the loaded rows…"),
        "update": Hint("update", {"tableName": t}, body="…the previous values…"),
        "delete": Hint("insert", {"tableName": t}, body="…the deleted rows…"),
        "modifyDataType": Hint(
            "modifyDataType",
            {"tableName": t, "columnName": col or "…", "newDataType": typ(col or "…")},
        ),
        "dropIndex": Hint(
            "createIndex", {"indexName": change.attr("indexName") or "…", "tableName": t}, ()
        ),
        "dropForeignKeyConstraint": Hint(
            "addForeignKeyConstraint",
            {
                "constraintName": change.attr("constraintName") or "…",
                "baseTableName": change.attr("baseTableName") or "…",
                "baseColumnNames": "…",
                "referencedTableName": "…",
                "referencedColumnNames": "…",
            },
        ),
        "dropPrimaryKey": Hint("addPrimaryKey", {"tableName": t, "columnNames": "…"}),
        "dropUniqueConstraint": Hint(
            "addUniqueConstraint",
            {
                "tableName": t,
                "constraintName": change.attr("constraintName") or "…",
                "columnNames": "…",
            },
        ),
        "dropDefaultValue": Hint(
            "addDefaultValue", {"tableName": t, "columnName": col or "…", "defaultValue": "…"}
        ),
        "dropView": Hint(
            "createView", {"viewName": change.attr("viewName") or "…"}, body="…its query…"
        ),
        "dropSequence": Hint("createSequence", {"sequenceName": change.attr("sequenceName")}),
        "createProcedure": Hint(
            "dropProcedure", {"procedureName": change.attr("procedureName") or "…"}
        ),
        "setTableRemarks": Hint("setTableRemarks", {"tableName": t, "remarks": "…"}),
        "setColumnRemarks": Hint(
            "setColumnRemarks", {"tableName": t, "columnName": col or "…", "remarks": "…"}
        ),
    }
    if kind in simple:
        return simple[kind]
    if kind in ("sql", "sqlFile"):
        undo = _undo_sql(statements)
        if undo:
            return Hint("sql", body=" ".join(undo))
    return Hint("sql", body="…SQL that undoes it…")


def _swap(kind: str, change: Change, old: str, new: str, **extra: str) -> Hint:
    attrs = {**extra, old: change.attr(new) or "…", new: change.attr(old) or "…"}
    return Hint(kind, {k: v for k, v in attrs.items() if v})


def auto_inverse(change: Change) -> list[Hint]:
    """What Liquibase itself would run to undo an automatically reversible ``change``.

    An explicit ``<rollback>`` replaces *all* automatic inverses of its changeSet, so a
    suggested rollback must spell these out too.
    """
    t = _table(change)
    kind = change.kind
    a = change.attr
    if kind == "createTable":
        return [Hint("dropTable", {"tableName": t})]
    if kind == "addColumn":
        names = [c.name for c in change.columns] or ["…"]
        return [Hint("dropColumn", {"tableName": t, "columnName": n}) for n in names]
    pairs: dict[str, tuple[str, dict[str, str]]] = {
        "createIndex": ("dropIndex", {"indexName": a("indexName"), "tableName": t}),
        "addForeignKeyConstraint": (
            "dropForeignKeyConstraint",
            {"baseTableName": a("baseTableName"), "constraintName": a("constraintName")},
        ),
        "addPrimaryKey": (
            "dropPrimaryKey",
            {"tableName": t, "constraintName": a("constraintName")},
        ),
        "addUniqueConstraint": (
            "dropUniqueConstraint",
            {"tableName": t, "constraintName": a("constraintName")},
        ),
        "addNotNullConstraint": (
            "dropNotNullConstraint",
            {"tableName": t, "columnName": a("columnName"), "columnDataType": a("columnDataType")},
        ),
        "dropNotNullConstraint": (
            "addNotNullConstraint",
            {"tableName": t, "columnName": a("columnName"), "columnDataType": a("columnDataType")},
        ),
        "addDefaultValue": ("dropDefaultValue", {"tableName": t, "columnName": a("columnName")}),
        "createSequence": ("dropSequence", {"sequenceName": a("sequenceName")}),
        "createView": ("dropView", {"viewName": a("viewName")}),
    }
    if kind in pairs:
        target, attrs = pairs[kind]
        return [Hint(target, {k: v for k, v in attrs.items() if v})]
    if kind == "renameColumn":
        return [_swap(kind, change, "oldColumnName", "newColumnName", tableName=t)]
    if kind == "renameTable":
        return [_swap(kind, change, "oldTableName", "newTableName")]
    if kind == "renameView":
        return [_swap(kind, change, "oldViewName", "newViewName")]
    if kind == "renameSequence":
        return [_swap(kind, change, "oldSequenceName", "newSequenceName")]
    if kind in ("tagDatabase", "empty", "output"):
        return []
    return [Hint("sql", body=f"…undo {kind}…")]


def _undo_sql(statements: list[sql.Statement]) -> list[str]:
    out: list[str] = []
    for s in reversed(statements):
        for kind, target in reversed(s.actions):
            if kind == "create_table" and target:
                out.append(f"DROP TABLE {target};")
            elif kind == "add_column" and "." in target:
                table, _, column = target.rpartition(".")
                out.append(f"ALTER TABLE {table} DROP COLUMN {column};")
            elif kind == "insert" and target:
                out.append(f"DELETE FROM {target} WHERE …;")
    return out[:4]


def render(fmt: str, hints: list[Hint]) -> str:
    """The rollback block holding ``hints``, in changelog format ``fmt``."""
    if fmt == "sql":
        return " / ".join(f"--rollback {h.body}" for h in hints)
    if fmt in ("yaml", "json"):
        items = [{h.kind: _props(h)} for h in hints]
        if fmt == "json":
            return '"rollback": ' + json.dumps(items, ensure_ascii=False)
        return "rollback: " + _flow(items)
    return "<rollback>" + "".join(_xml(h) for h in hints) + "</rollback>"


def single(fmt: str, hint: Hint) -> str:
    """One change in format ``fmt``, without the rollback wrapper (``<renameTable …/>``)."""
    if fmt == "sql" or hint.kind == "sql":
        return hint.body
    if fmt == "json":
        return json.dumps({hint.kind: _props(hint)}, ensure_ascii=False)
    if fmt == "yaml":
        return _flow({hint.kind: _props(hint)})
    return _xml(hint)


def empty(fmt: str) -> str:
    """The explicit "nothing to undo" declaration in format ``fmt``."""
    return {
        "sql": "--rollback empty",
        "yaml": "rollback: []",
        "json": '"rollback": []',
    }.get(fmt, "<rollback/>")


def _props(h: Hint) -> dict[str, object]:
    props: dict[str, object] = dict(h.attrs)
    if h.columns:
        props["columns"] = [{"column": {"name": n, "type": t}} for n, t in h.columns]
    if h.body:
        props["sql" if h.kind == "sql" else "where" if h.kind == "delete" else "…"] = h.body
    return props


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if any(c in text for c in ":{}[],#'\"") else text


def _xml(h: Hint) -> str:
    attrs = "".join(f' {k}="{v}"' for k, v in h.attrs.items() if v)
    inner = "".join(f'<column name="{n}" type="{t}"/>' for n, t in h.columns)
    if h.kind == "delete" and h.body:
        inner += f"<where>{h.body}</where>"
    elif h.body:
        inner += h.body
    return f"<{h.kind}{attrs}>{inner}</{h.kind}>" if inner else f"<{h.kind}{attrs}/>"
