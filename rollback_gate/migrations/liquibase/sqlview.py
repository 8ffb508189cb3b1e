"""A changeSet seen as the SQL it amounts to, for the shared destructive-SQL judgement.

``<dropColumn>`` after an ``<sql>INSERT INTO archive SELECT … FROM orders</sql>`` copies the
data out before dropping it; ``<dropTable>`` of a table created in the same changeSet loses
nothing. :func:`rollback_gate.migrations.sqlengine.sql.destructive` already knows these patterns for
SQL, so element changes are rendered as equivalent SQL statements and judged together with
the changeSet's raw SQL, in order.

Liquibase property placeholders (``${prefix}orders``, ``${text.type}``) are not SQL; they
are encoded as plain identifiers for the scanner and decoded again for messages.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.migrations.liquibase.model import Change, sql_type
from rollback_gate.migrations.sqlengine import sql

_PLACEHOLDER = lazyre.compile(r"\$\{([^}\s]*)\}")
# Stops at the next `lbp_`: `lbp_lbp_lbp_…` would otherwise rescan the run from each one.
_ENCODED = lazyre.compile(r"lbp_((?:(?!lbp_)\w)*?)_lbq")
_ESCAPED = lazyre.compile(r"_x([0-9a-f]+)_")


def expand(text: str) -> str:
    """``${gravitee_prefix}pages`` → ``lbp_gravitee_prefix_lbqpages`` (reversible)."""

    def encode(m: re.Match[str]) -> str:
        name = "".join(c if c.isalnum() or c == "_" else f"_x{ord(c):x}_" for c in m.group(1))
        return f"lbp_{name}_lbq"

    return _PLACEHOLDER.sub(encode, text) if "${" in text else text


def restore(text: str) -> str:
    """Undo :func:`expand` in a message or target name."""
    if "lbp_" not in text:
        return text

    def decode(m: re.Match[str]) -> str:
        inner = _ESCAPED.sub(lambda e: chr(int(e.group(1), 16)), m.group(1))
        return "${" + inner + "}"

    return _ENCODED.sub(decode, text)


def _q(name: str) -> str:
    parts = [p for p in expand(name).replace('"', "").split(".") if p]
    return ".".join(f'"{p}"' for p in parts) or '"?"'


_ADDED = {
    "addUniqueConstraint": "UNIQUE (x)",
    "addForeignKeyConstraint": "FOREIGN KEY (x) REFERENCES y",
    "addCheckConstraint": "CHECK (x)",
}


def _list(names: str) -> str:
    """``a, b`` (Liquibase's comma-separated column names) as quoted SQL names."""
    return ", ".join(_q(n.strip()) for n in names.split(",") if n.strip())


def as_sql(change: Change) -> list[str]:
    """SQL equivalent to an element change, as far as data loss and the previous release's
    compatibility (renames, NOT NULL, unique indexes, constraints) are concerned."""
    t = _q(change.attr("tableName"))
    col = change.attr("columnName")
    kind = change.kind
    if kind == "createTable":
        cols = ", ".join(f"{_q(c.name)} {expand(c.type) or 'text'}" for c in change.columns)
        return [f"CREATE TABLE {t} ({cols or 'id int'})"]
    if kind == "addColumn":
        return [
            f"ALTER TABLE {t} ADD COLUMN {_q(c.name)} {expand(c.type) or 'other'}"
            + (" NOT NULL" if c.required else "")
            + (" DEFAULT " + (c.literal or "''") if c.default else "")
            for c in change.columns
        ]
    if kind == "dropTable":
        return [f"DROP TABLE {t}"]
    if kind in ("dropColumn", "markUnused"):
        names = [col] if col else [c.name for c in change.columns]
        return [f"ALTER TABLE {t} DROP COLUMN {_q(n)}" for n in names if n]
    if kind == "delete":
        where = expand(" ".join(change.attr("where").split())).replace(";", " ")
        return [f"DELETE FROM {t}" + (f" WHERE {where}" if where else "")]
    if kind == "modifyDataType" and col and change.attr("newDataType"):
        if "${" in change.attr("newDataType"):
            return []  # a type named by a property (${boolean.type}): unknown here, not judged
        typ = expand(sql_type(change.attr("newDataType")))
        return [f"ALTER TABLE {t} ALTER COLUMN {_q(col)} TYPE {typ}"]
    if kind == "modifyColumn":
        return [
            f"ALTER TABLE {t} ALTER COLUMN {_q(c.name)} TYPE {expand(c.type)}"
            for c in change.columns
            if c.name and c.type
        ]
    if kind == "renameColumn" and change.attr("oldColumnName") and change.attr("newColumnName"):
        old, new = _q(change.attr("oldColumnName")), _q(change.attr("newColumnName"))
        return [f"ALTER TABLE {t} RENAME COLUMN {old} TO {new}"]
    if kind == "addDefaultValue" and col:
        return [f"ALTER TABLE {t} ALTER COLUMN {_q(col)} SET DEFAULT ''"]
    if kind == "addNotNullConstraint" and col:
        return [f"ALTER TABLE {t} ALTER COLUMN {_q(col)} SET NOT NULL"]
    if kind == "dropNotNullConstraint" and col:
        return [f"ALTER TABLE {t} ALTER COLUMN {_q(col)} DROP NOT NULL"]
    if kind == "dropDefaultValue" and col:  # a default that only filled the old rows (sam)
        return [f"ALTER TABLE {t} ALTER COLUMN {_q(col)} DROP DEFAULT"]
    if kind in _ADDED:
        table = _q(change.attr("baseTableName", "tableName"))
        name = change.attr("constraintName")
        named = f"CONSTRAINT {_q(name)} " if name else ""
        cols = change.attr("baseColumnNames", "columnNames")
        what = _ADDED[kind].replace("(x)", f"({_list(cols)})" if cols else "(x)")
        return [f"ALTER TABLE {table} ADD {named}{what}"]
    if kind in ("dropForeignKeyConstraint", "dropUniqueConstraint", "dropCheckConstraint"):
        table = _q(change.attr("baseTableName", "tableName"))
        return [f"ALTER TABLE {table} DROP CONSTRAINT {_q(change.attr('constraintName'))}"]
    if kind == "dropAllForeignKeyConstraints":  # keys drawn next are them again (keel)
        return [f'ALTER TABLE {_q(change.attr("baseTableName"))} DROP CONSTRAINT "all_fkey"']
    if kind == "dropPrimaryKey":  # a unique key drawn next in the changeSet is it again
        return [f"ALTER TABLE {t} DROP PRIMARY KEY"]
    if kind == "dropIndex" and change.attr("indexName"):
        return [f"DROP INDEX {_q(change.attr('indexName'))}"]
    if kind == "createIndex" and change.attr("unique").lower() == "true":
        name = change.attr("indexName")
        cols = _list(",".join(c.name for c in change.columns)) or "x"
        return [f"CREATE UNIQUE INDEX {_q(name) + ' ' if name else ''}ON {t} ({cols})"]
    if kind == "renameTable":
        old, new = _q(change.attr("oldTableName")), _q(change.attr("newTableName"))
        return [f"ALTER TABLE {old} RENAME TO {new}"]
    return []


def statements_of(change: Change, line: int, text: str | None = None) -> list[sql.Statement]:
    """The classified statements of ``text`` (raw SQL starting on ``line``) or, without
    ``text``, of the element ``change`` (all on the element's line)."""
    if text is not None:
        return [replace(s, line=line + s.line - 1) for s in sql.split_statements(expand(text))]
    out: list[sql.Statement] = []
    for stmt_text in as_sql(change):
        found = sql.split_statements(stmt_text)
        out.extend(replace(s, line=line) for s in found[:1])
    return out
