"""RG203 (and, via :mod:`.compat`, RG220-RG224) for Liquibase: the changeSet as SQL.

Element changes (``dropTable``, ``dropColumn``, ``delete``, ``modifyDataType`` …) become
the equivalent SQL (:mod:`.liquibase_sqlview`) and are judged together with the
changeSet's raw SQL by :func:`.sqlengine.sql.destructive`, so a table created
or copied out earlier in the same changeSet, or a type change that does not narrow, is no
finding here either.
"""

from __future__ import annotations

from collections.abc import Iterator

from rollback_gate.migrations.liquibase.compat import previous_release
from rollback_gate.migrations.liquibase.ctx import Ctx, statements
from rollback_gate.migrations.liquibase.family import copied_earlier
from rollback_gate.migrations.liquibase.fixes import Hint, single
from rollback_gate.migrations.liquibase.model import Change, Rollback
from rollback_gate.migrations.liquibase.sqlview import restore, statements_of
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.loss import CHECK, column_types
from rollback_gate.models import Finding


def _statements(ctx: Ctx, change: Change) -> list[sql.Statement]:
    """A change as SQL: raw SQL as written, an element change as its equivalent."""
    if change.kind in ("sql", "sqlFile"):
        return statements(ctx, change)
    return statements_of(change, change.line)


def _rollback_sql(rb: Rollback) -> list[sql.Statement]:
    """The statements a formatted-SQL changeSet's ``--rollback`` lines write: the old types
    they put back (pay-products' ``service_name`` narrowed from ``VARCHAR(255)`` to
    ``VARCHAR(50)``, reported by nothing: round BC's miss)."""
    return sql.split_statements(rb.text) if rb.text and not rb.changes else []


def destroys(ctx: Ctx) -> Iterator[Finding]:
    """RG203: the changeSet's changes, as SQL, judged by the shared destructive rules."""
    from rollback_gate.migrations.sqlengine.steps import describe, moved_findings

    found_all: list[sql.Statement] = []
    where: dict[int, str] = {}
    for change in ctx.cs.changes:
        found = _statements(ctx, change)
        if change.kind in ("sql", "sqlFile"):
            found_all.extend(found)
            continue
        if change.kind == "delete" and found:
            where[id(found[0])] = " ".join(change.attr("where").split())
        found_all.extend(found)
        if change.kind == "mergeColumns" and not _bookkeeping(change.attr("tableName")):
            table = change.attr("tableName")
            cols = f"{table}.{change.attr('column1Name')} and {table}.{change.attr('column2Name')}"
            what = f"merges {cols} into {table}.{change.attr('finalColumnName')} and drops them"
            yield _destroy(ctx, change.line, what, f"merge:{table.lower()}")
    if not found_all:
        return
    # Types from the rollback (it restores the old type) or from earlier changeSets; the
    # replay of earlier changeSets is paid only when a type actually changes.
    previous: dict[str, str] = {}
    retyped = any(s.new_types for s in found_all)
    checked = any(s.kind == "alter_table" and "CHECK" in s.skeleton.upper() for s in found_all)
    # (formatted SQL's `--rollback` lines, read only where one of them is asked)
    written = (
        [s for rb in ctx.cs.rollbacks for s in _rollback_sql(rb)] if retyped or checked else []
    )
    if retyped:
        previous = dict(ctx.types)
        for rb in ctx.cs.rollbacks:
            for c in rb.changes:
                for s in statements_of(c, c.line):
                    previous.update(s.new_types)
        for s in written:
            previous.update(s.new_types)
    if checked:
        # … and the CHECKs the rollback's SQL puts back: one the changeSet re-creates
        # looser under its name is no new rule (openelis' location types, round O)
        back = [s for rb in ctx.cs.rollbacks for c in rb.changes for s in _statements(ctx, c)]
        previous.update({k: v for k, v in column_types([*back, *written]).items() if CHECK in k})
    yield from previous_release(ctx, found_all, previous)
    reported: set[str] = set()
    for stmt in sql.destructive(found_all, previous_types=previous):
        target = restore(stmt.target)
        bookkeeping = _bookkeeping(target)
        if not bookkeeping and copied_earlier(ctx, stmt):
            continue  # its data moved: asked RG225 below
        reported.add(f"{stmt.kind}:{stmt.target}")
        if bookkeeping:
            continue
        what = restore(describe(stmt))
        if where.get(id(stmt)):
            what += f" WHERE {where[id(stmt)]}"
        if stmt.kind == "narrow_type":
            old = previous.get(stmt.target.lower(), "") or _lookup(previous, stmt.target)
            new = dict(stmt.new_types).get(stmt.target, "")
            if old and new:
                what = f"narrows {target} from {restore(old)} to {restore(new)}"
        yield _destroy(ctx, stmt.line, what, f"{stmt.kind}:{target.lower()}")
    # a drop whose data the changeSet copied out first loses nothing, but the previous
    # release may still read the name: asked RG225 and never shown (mystamps, keel: a
    # column's values moved by an UPDATE, then dropColumn; round L)
    for moved in moved_findings(ctx.log.path, found_all, reported, "the changeSet"):
        message = moved.message.removeprefix("the changeSet ")
        yield ctx.finding(
            "RG203", moved.line, message, key=moved.key.removeprefix("RG203:"), fix=""
        )


def _lookup(types: dict[str, str], target: str) -> str:
    """The type recorded for ``table.column`` whatever the schema prefix and case."""
    table, _, column = target.lower().rpartition(".")
    want = f"{table.rsplit('.', 1)[-1]}.{column}"
    return next((v for k, v in types.items() if k.lower().endswith(want)), "")


def _bookkeeping(target: str) -> bool:
    """Liquibase's own tables (``DATABASECHANGELOG``, ``${databasechangelog.name}``) hold no
    application data; cleaning stale rows there is housekeeping, not data loss."""
    return "databasechangelog" in target.lower()


def _destroy(ctx: Ctx, line: int, what: str, key: str) -> Finding:
    kind, _, target = key.partition(":")
    return ctx.finding(
        "RG203",
        line,
        f"{what}; rolling back cannot bring the data back",
        impact="after a rollback the schema may be restored, but the rows or values are gone",
        fix=_destroy_fix(ctx.log.format, kind, target),
        key=key,
    )


def _destroy_fix(fmt: str, kind: str, target: str) -> str:
    """Expand/contract advice naming the object, in the changelog's own syntax."""
    waive = "; or waive RG203 with a reason"
    if kind == "drop_column" and "." in target:
        table, _, column = target.rpartition(".")
        if fmt == "sql":
            aside = f"ALTER TABLE {table} RENAME COLUMN {column} TO {column}_deprecated"
        else:
            attrs = {"tableName": table, "oldColumnName": column}
            aside = single(
                fmt, Hint("renameColumn", attrs | {"newColumnName": f"{column}_deprecated"})
            )
        return (
            f"stop reading and writing {target} in this release and drop it in a later one, "
            f"after the rollback window; or rename it aside first ({aside})" + waive
        )
    if kind in ("drop_table", "drop_schema", "drop_partition", "drop_cascade"):
        if fmt == "sql":
            aside = f"ALTER TABLE {target} RENAME TO {target}_deprecated"
        else:
            attrs = {"oldTableName": target, "newTableName": f"{target}_deprecated"}
            aside = single(fmt, Hint("renameTable", attrs))
        return (
            f"stop using {target} in this release and drop it in a later one, after the "
            f"rollback window; or rename it aside ({aside}), which a rollback can rename back"
            + waive
        )
    if kind in ("narrow_type", "merge"):
        return (
            f"add a new column with the new type and backfill it, keeping {target} until the "
            "release is proven" + waive
        )
    return (
        f"copy the affected rows of {target} to a backup table in the same changeSet (so the "
        "rollback can restore them), or move the data change out of the schema migration" + waive
    )
