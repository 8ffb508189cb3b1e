"""RG220-RG224 for Liquibase: what the previous release cannot survive, in changelog words.

The changeSet's changes, rendered as SQL (:mod:`.sqlview`: ``renameColumn``,
``addNotNullConstraint``, ``addUniqueConstraint``, ``addForeignKeyConstraint``, a unique
``createIndex``, ``addColumn`` with ``nullable="false"`` and no ``defaultValue*`` …), are
judged with the changeSet's raw SQL by :func:`.sqlengine.compat.breaks`. The old type of a
``modifyDataType`` comes from the earlier changeSets or the rollback. A table created by an
earlier changeSet of the same changelog file counts as new, and so does a column one adds
(see :func:`_earlier`).
The fix names the changes to write, in the changelog's own format (formatted SQL gets SQL).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.migrations.liquibase.ctx import Ctx
from rollback_gate.migrations.liquibase.fixes import Hint, single
from rollback_gate.migrations.liquibase.model import Change, ChangeSet
from rollback_gate.migrations.liquibase.sqlview import expand, restore
from rollback_gate.migrations.sqlengine import coltypes, compat, wording
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.models import Finding, Severity


def previous_release(
    ctx: Ctx, statements: Sequence[Statement], previous: Mapping[str, str]
) -> Iterator[Finding]:
    """RG220-RG224 for the statements of one changeSet (in order)."""
    found = plain = compat.breaks(statements, old_types=previous)
    marks: list[tuple[compat.Break, int]] = []
    if found:
        made, renamed, added, dropped, retyped, made_at = _earlier(ctx)
        created = made | renamed
        found = compat.breaks(statements, old_types=previous, created=created, added=added)
        marks = [(b, n) for b, n in _made_earlier(plain, found, made_at, added)
                 if not _restated(ctx, b)]  # fmt: skip
        # re-creating a constraint or index an earlier changeSet dropped (to resize a
        # column, change ON DELETE …) adds nothing new
        again = {c.line for c in ctx.cs.changes if _name(c) in dropped or _redraws_key(c, dropped)}
        # (not one pointing at a table the file creates: the previous release never writes
        # that one: rawls' FK_WS_REALM_GROUP drawn again to the new REALM, round AC)
        # (created, not renamed: a key re-pointed to a renamed table asks what it asked of
        # it before, rawls' MANAGED_GROUP)
        onto_new = {s.line for s in statements if _references(s.text) & made}
        found = [
            b
            for b in found
            if b.rule != "RG224"
            or not (b.line in again or (_redrawn(b, dropped) and b.line not in onto_new))
        ]
        # a CHECK an earlier changeSet of the file dropped, drawn again: judged against the
        # one the earlier files made, as a step that drops and adds it is (esup's
        # `log_entry_type` check grown by a label, each in changeSets -1 and -2, round CK)
        found = [
            replace(b, note=compat.REDRAWN)
            if b.kind == "constraint" and b.what.upper() == "CHECK" and not b.note
            and b.name and _key(b.name) in dropped
            else b
            for b in found
        ]  # fmt: skip
        # NOT NULL put back on a column an earlier changeSet of the file retyped: MySQL and
        # MariaDB drop it on modifyDataType, and the changelog restores it (cromwell)
        retyped |= {_column(c) for c in ctx.cs.changes if c.kind == "modifyDataType"}
        found = [
            b
            for b in found
            if not (b.kind == "set_required" and f"{_key(b.table)}.{b.column.lower()}" in retyped)
        ]
        # a column renamed away and added again by a later changeSet of the file is
        # swapped, not renamed: the previous release still finds it (waltz 1.51, round M)
        if any(b.kind == "rename_column" for b in found):  # (later changeSets read only then)
            later = _added_later(ctx)
            found = [
                b
                for b in found
                if not (
                    b.kind == "rename_column" and f"{_key(b.table)}.{b.column.lower()}" in later
                )
            ]
    if any(b.kind == "type_change" for b in found):
        found, moved = _retyped_in_file(ctx, found)
        marks += moved
    if any(b.kind == "constraint" for b in (*found, *(b for b, _ in marks))):
        # a unique key over a column an earlier changeSet declared unique adds no key,
        # nor a foreign key an earlier changeSet made and did not drop
        uniques = _unique_columns(ctx)
        keys, gone = _foreign_history(ctx)
        # … and one an earlier changeSet dropped under another name, over the same columns
        # (renames followed) to the same table, is that key drawn again: where the drop
        # shipped with it (openmrs-module-queue's column renamed, its key dropped and
        # added under the new name, round CG), which git says (``samelog``)
        again_at = {b: gone[k] for b in found if (k := _added_key(ctx, b)) in gone}
        marks = [(b, gone.get(_added_key(ctx, b) or ("", (), ""), n)) for b, n in marks]
        marks += list(again_at.items())
        found = [b for b in found if b not in again_at]

        def had(b: compat.Break) -> bool:
            return _unique_already(ctx, b, uniques) or _foreign_already(ctx, b, keys)

        found = [b for b in found if not had(b)]
        marks = [(b, n) for b, n in marks if not had(b)]
    if any(b.kind == "set_required" for b in (*found, *(b for b, _ in marks))):
        # NOT NULL on a column an earlier changeSet of the file made NOT NULL and nothing
        # freed since restates it: no release of it wrote NULL there (webcert's
        # addNotNullConstraint over createTable's nullable="false", round CC: two)
        required = _required_columns(ctx)

        def restates(b: compat.Break) -> bool:
            return b.kind == "set_required" and f"{_key(b.table)}.{b.column.lower()}" in required

        found = [b for b in found if not restates(b)]
        marks = [(b, n) for b, n in marks if not restates(b)]
    for b in found:
        yield _finding(ctx, b)
    for b, line in marks:
        f = _finding(ctx, b)
        yield replace(f, severity=Severity.P3, key=f"{f.key}{SAME_CHANGELOG}{line}")


SAME_CHANGELOG = ":made by the changeSet at line "
"""The mark (in its key, before the line of the change that made the table or column) of
a finding left out because an earlier changeSet of the same changelog file made its table
or column: a history judge (``checks/history/liquibase/samelog``) asks git whether that
change shipped in an earlier release, and keeps the finding then (a Dropwizard
application's one ``migrations.xml`` holds every release's changeSets)."""


def _retyped_in_file(
    ctx: Ctx, found: list[compat.Break]
) -> tuple[list[compat.Break], list[tuple[compat.Break, int]]]:
    """``found`` with each type change of a column an earlier changeSet of the file retyped
    judged from the type it had before that first retype: the file is a release (its
    changeSets ship together), so a type only reached between two of them was never the
    previous release's (Hephaestus' ``html_url``, widened to 512 and set back to 255 in one
    changelog: round BK, seven). Where the file does not tell that type, the change is
    judged as one whose old type is not shown. One no narrower is marked (P3 and
    :data:`SAME_CHANGELOG`, asked of git: kept where the first retype shipped in an earlier
    release of a file that holds many)."""
    first: dict[str, tuple[int, int]] = {}  # column → (index, line) of its first retype
    for i, cs in enumerate(ctx.log.changesets[: ctx.index]):
        for change in cs.changes:
            if change.kind == "modifyDataType":
                first.setdefault(_column(change), (i, change.line))
    kept: list[compat.Break] = []
    marks: list[tuple[compat.Break, int]] = []
    for b in found:
        where = f"{_key(b.table)}.{b.column.lower()}"
        if b.kind != "type_change" or where not in first:
            kept.append(b)
            continue
        index, line = first[where]
        before = ctx.types_before(index).get(where, "")
        if (
            before
            and b.new
            and not (coltypes.same(before, b.new) or coltypes.widens(before, b.new))
        ):
            kept.append(replace(b, old=before))
        elif not before and b.new and not compat.may_widen_unseen(b.new):
            kept.append(replace(b, old=""))  # (the release's own type is no old one)
        else:
            marks.append((b, line))
    return kept, marks


def _made_earlier(
    plain: Sequence[compat.Break],
    found: Sequence[compat.Break],
    made_at: Mapping[str, int],
    added: Mapping[str, bool | str],
) -> list[tuple[compat.Break, int]]:
    """The breaks of ``plain`` that ``found`` left out because an earlier changeSet of the
    file made their table or column, each with that changeSet's line. Not NOT NULL on a
    column that changeSet gave a default: whenever it shipped, the previous release's
    rows get it (pay-connector's send_payer_email_to_gateway, round AG)."""
    kept = {_ident(b) for b in found}
    out = []
    for b in plain:
        column = f"{_key(b.table)}.{b.column.lower()}"
        if _ident(b) in kept or (b.kind == "set_required" and added.get(column)):
            continue
        if b.kind == "constraint":
            # over columns not named here: the last change that shaped the table (a key
            # over a column added in its own release is no break: anet, round AH)
            table = _key(b.table)
            lines = [n for k, n in made_at.items() if k == table or k.startswith(table + ".")]
            line = max(lines) if lines else None
        elif b.kind in ("set_required", "add_required"):
            # NOT NULL on a table an earlier release writes: its INSERTs leave the column
            # out, whenever the column came (anet's uuid columns added, filled and made
            # NOT NULL in one release, round AH)
            line = made_at.get(_key(b.table)) or made_at.get(column)
        else:
            line = made_at.get(column) or made_at.get(_key(b.table))
        if line is not None:
            out.append((b, line))
    return out


def _restated(ctx: Ctx, b: compat.Break) -> bool:
    """Whether the changeSet, written for some databases (``dbms=``), does what an earlier
    changeSet for others did: the same key or index by name, the same rename (anet's
    PostgreSQL and SQLite copies of what had shipped for SQL Server, round AH). That one
    is judged in its own release; the copy brings a new database to it."""
    here = ctx.cs.attrs.get("dbms", "").strip().lower()
    if not here:
        return False
    column = f"{_key(b.table)}.{b.column.lower()}"
    for cs in ctx.log.changesets[: ctx.index]:
        if cs.attrs.get("dbms", "").strip().lower() == here:
            continue
        for c in cs.changes:
            if b.kind == "constraint" and b.name and _names_key(c, b.name.strip('"`[]')):
                return True
            if (
                b.kind == "rename_table"
                and c.kind == "renameTable"
                and (
                    _key(expand(c.attr("oldTableName"))),
                    _key(expand(c.attr("newTableName"))),
                )
                == (_key(b.table), _key(b.new))
            ):
                return True
            if (
                b.kind == "rename_column"
                and c.kind == "renameColumn"
                and (_column(c, c.attr("oldColumnName")) == column)
            ):
                return True
    return False


def _names_key(change: Change, name: str) -> bool:
    """Whether ``change`` makes the key or index ``name``: by its attributes, or in SQL."""
    if _name(change) == name.lower():
        return True
    return change.kind == "sql" and bool(
        re.search(rf"\b(?:INDEX|CONSTRAINT)\s+[\"`\[]?{re.escape(name)}\b", change.text, re.I)
    )


def _unique_columns(ctx: Ctx) -> set[str]:
    """``table.column`` of the columns earlier changeSets of the file made with
    ``<constraints unique="true">`` (or as the primary key)."""
    out: set[str] = set()
    for cs in ctx.log.changesets[: ctx.index]:
        for change in cs.changes:
            if change.kind in ("addColumn", "createTable"):
                table = _key(expand(change.attr("tableName")))
                out |= {f"{table}.{c.name.lower()}" for c in change.columns if c.unique}
    return out


_ForeignKey = tuple[str, tuple[str, ...], str]  # (table, its columns, the table it references)


def _foreign_key(change: Change) -> _ForeignKey:
    columns = change.attr("baseColumnNames").lower().replace(" ", "").split(",")
    return (
        _key(expand(change.attr("baseTableName"))),
        tuple(columns),
        _key(expand(change.attr("referencedTableName"))),
    )


def _foreign_keys(ctx: Ctx) -> dict[str, _ForeignKey]:
    """The foreign keys earlier changeSets of the file made and did not drop, by name,
    their columns and tables renamed as those were (tolgee's ``repository_id`` made
    ``project_id``, and a key of another name added over it before the old one went:
    round AQ)."""
    return _foreign_history(ctx)[0]


def _foreign_history(ctx: Ctx) -> tuple[dict[str, _ForeignKey], dict[_ForeignKey, int]]:
    """:func:`_foreign_keys`, and the keys earlier changeSets dropped by name (as they were
    then, renames followed) → the line of the drop."""
    keys: dict[str, _ForeignKey] = {}
    gone: dict[_ForeignKey, int] = {}
    here = _databases(ctx.cs)
    for cs in ctx.log.changesets[: ctx.index]:
        if here and (there := _databases(cs)) and not here & there:
            continue  # (a key made on other databases only: anet's dbms copies, round AH)
        for change in cs.changes:
            if change.kind == "addForeignKeyConstraint":
                keys[_name(change) or f"\0{len(keys)}"] = _foreign_key(change)
            elif change.kind == "dropForeignKeyConstraint":
                if (dropped := keys.pop(_name(change), None)) is not None:
                    gone[dropped] = change.line
            elif change.kind == "renameColumn":
                keys = {n: _column_renamed(k, change) for n, k in keys.items()}
                gone = {_column_renamed(k, change): line for k, line in gone.items()}
            elif change.kind == "renameTable":
                keys = {n: _table_renamed(k, change) for n, k in keys.items()}
                gone = {_table_renamed(k, change): line for k, line in gone.items()}
    return keys, gone


def _column_renamed(key: _ForeignKey, change: Change) -> _ForeignKey:
    """``key`` after the ``renameColumn`` ``change``."""
    table = _key(expand(change.attr("tableName")))
    old, new = change.attr("oldColumnName").lower(), change.attr("newColumnName").lower()
    t, columns, r = key
    return (t, tuple(new if t == table and c == old else c for c in columns), r)


def _table_renamed(key: _ForeignKey, change: Change) -> _ForeignKey:
    """``key`` after the ``renameTable`` ``change``."""
    old = _key(expand(change.attr("oldTableName")))
    new = _key(expand(change.attr("newTableName")))
    t, c, r = key
    return (new if t == old else t, c, new if r == old else r)


def _required_columns(ctx: Ctx) -> set[str]:
    """``table.column`` of the columns earlier changeSets of the file (for this changeSet's
    databases) left NOT NULL: made with ``<constraints nullable="false">`` or as the
    primary key, or given ``addNotNullConstraint``; followed through renames. A column
    freed (``dropNotNullConstraint``), retyped (MySQL's MODIFY drops NOT NULL), dropped, or
    named by a changeSet's raw SQL is not known to be NOT NULL any more."""
    out: set[str] = set()
    here = _databases(ctx.cs)
    for cs in ctx.log.changesets[: ctx.index]:
        if here and (there := _databases(cs)) and not here & there:
            continue
        for change in cs.changes:
            kind = change.kind
            if kind in ("createTable", "addColumn"):
                table = _key(expand(change.attr("tableName")))
                for c in change.columns:
                    (out.add if c.required else out.discard)(f"{table}.{c.name.lower()}")
            elif kind == "addNotNullConstraint":
                out.add(_column(change))
            elif kind in ("dropNotNullConstraint", "modifyDataType", "dropColumn"):
                out.discard(_column(change))
                out -= {f"{_key(expand(change.attr('tableName')))}.{c.name.lower()}"
                        for c in change.columns}  # fmt: skip
            elif kind == "renameColumn":
                old = _column(change, change.attr("oldColumnName"))
                if old in out:
                    out.discard(old)
                    out.add(_column(change, change.attr("newColumnName")))
            elif kind in ("renameTable", "dropTable"):
                table = _key(expand(change.attr("oldTableName", "tableName")))
                moved = {c for c in out if c.rpartition(".")[0] == table}
                out -= moved
                if kind == "renameTable":
                    new = _key(expand(change.attr("newTableName")))
                    out |= {f"{new}.{c.rpartition('.')[2]}" for c in moved}
            elif low := _shaping_text(change):
                out = {c for c in out if c.rpartition(".")[2] not in low}
    return out


# what only changes rows: a Liquibase change of data, a SQL statement's kind
_ROWS_ONLY = frozenset({"insert", "update", "delete", "loadData", "loadUpdateData", "noop"})


def _shaping_text(change: Change) -> str:
    """The text of a change that may free a column named in it, lower case: none of a
    change of rows (``<update>``, ``<insert>`` …), and of raw SQL only its statements that
    are not an ``UPDATE``, ``INSERT``, ``DELETE`` or ``SELECT`` (openmrs-module-billing's
    backfill ``SET status = payment_status``, before ``addNotNullConstraint status``,
    round CR)."""
    if change.kind in _ROWS_ONLY or not change.text:
        return ""
    if change.kind != "sql":
        return change.text.lower()
    from rollback_gate.migrations.sqlengine.sql import split_statements

    shaping = [s.text for s in split_statements(expand(change.text)) if s.kind not in _ROWS_ONLY]
    return " ".join(shaping).lower()


def _databases(cs: ChangeSet) -> set[str]:
    """The databases a changeSet is for (``dbms="postgresql,h2"``; empty: every one)."""
    return {d.strip().lower() for d in cs.attrs.get("dbms", "").split(",") if d.strip()}


def _added_key(ctx: Ctx, b: compat.Break) -> _ForeignKey | None:
    """The foreign key ``b`` adds by an ``addForeignKeyConstraint`` (None for another)."""
    if b.kind != "constraint" or b.what.upper() != "FOREIGN KEY":
        return None
    for change in ctx.cs.changes:
        if change.line == b.line and change.kind == "addForeignKeyConstraint":
            return _foreign_key(change)
    return None


def _foreign_already(ctx: Ctx, b: compat.Break, keys: dict[str, _ForeignKey]) -> bool:
    """Whether ``b`` is an ``addForeignKeyConstraint`` over the columns and to the table
    of a key ``keys`` holds: the table has it already, under another name."""
    if b.kind != "constraint" or b.what.upper() != "FOREIGN KEY":
        return False
    return any(
        change.line == b.line
        and change.kind == "addForeignKeyConstraint"
        and _foreign_key(change) in keys.values()
        for change in ctx.cs.changes
    )


def _unique_already(ctx: Ctx, b: compat.Break, uniques: set[str]) -> bool:
    """Whether ``b`` is a unique key over one column ``uniques`` holds: the key is there
    already (pay-connector's unique index over ``charges.external_id``, a column added
    ``unique="true"``, round AG)."""
    if b.kind != "constraint" or "unique" not in b.what.lower():
        return False
    for change in ctx.cs.changes:
        if change.line != b.line:
            continue
        if change.kind == "createIndex":
            names = [c.name for c in change.columns]
        elif change.kind == "addUniqueConstraint":
            names = [n.strip() for n in change.attr("columnNames").split(",") if n.strip()]
        else:
            continue
        table = _key(expand(change.attr("tableName")))
        return len(names) == 1 and f"{table}.{names[0].lower()}" in uniques
    return False


def _ident(b: compat.Break) -> tuple[str, str, int, str, str]:
    return b.rule, b.kind, b.line, _key(b.table), b.column.lower()


def _finding(ctx: Ctx, b: compat.Break) -> Finding:
    what, impact = wording.describe(b)
    if b.note:  # (as :func:`~rollback_gate.migrations.sqlengine.wording.finding` says it)
        what += f" ({b.note})"
    if ctx.log.format == "sql":
        fix = wording.fix_text(b, wording.SQL_WORDS)
    else:
        fix = f"{_fix(ctx.log.format, b)}; or waive {b.rule} with a reason"
    return ctx.finding(
        b.rule,
        b.line,
        restore(what),
        impact=restore(impact),
        fix=restore(fix),
        # the line within the changeSet keeps two constraints on one table apart
        key=restore(wording.key(b).split(":", 1)[1]) + f":{b.line - ctx.cs.line}",
    )


_CREATE_TABLE = lazyre.compile(
    r"\bCREATE\s+(?:\w+\s+){0,3}?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([\w.\"`\[\]${}]+)", re.I
)


_DROPS = frozenset(
    {"dropForeignKeyConstraint", "dropUniqueConstraint", "dropIndex", "dropCheckConstraint"}
)


def _key(table: str) -> str:
    return table.replace('"', "").replace("`", "").strip("[]").rsplit(".", 1)[-1].lower()


_PRIMARY = "\0primary key of "  # in ``dropped``: a table whose primary key was dropped
_FOREIGN = "\0foreign keys of "  # … whose foreign keys were all dropped


def _redraws_key(change: Change, dropped: set[str]) -> bool:
    """A unique index or constraint on a table whose primary key an earlier changeSet of
    the file dropped (waltz's "create unique index from old pk"), or a foreign key on one
    whose foreign keys it dropped all (keel), or the one it dropped over the same columns:
    the keys drawn again."""
    if change.kind == "addForeignKeyConstraint":
        table = _key(expand(change.attr("baseTableName")))
        columns = [c.strip().lower() for c in change.attr("baseColumnNames").split(",")]
        # … or the key PostgreSQL named for its table and columns, dropped under that name
        # and drawn again under one of its own (kieli-ja-kaantajatutkinnot, round BM)
        auto = f"{table.rpartition('.')[2]}_{'_'.join(columns)}_fkey"
        return _FOREIGN + table in dropped or auto in dropped
    unique = change.kind == "addUniqueConstraint" or (
        change.kind == "createIndex" and change.attr("unique").lower() == "true"
    )
    return unique and _PRIMARY + _key(expand(change.attr("tableName"))) in dropped


def _name(change: Change) -> str:
    return change.attr("constraintName", "indexName").lower()


def _column(change: Change, column: str | None = None) -> str:
    """``table.column`` of the change's ``tableName`` and ``columnName`` (or ``column``)."""
    name = change.attr("columnName") if column is None else column
    return f"{_key(expand(change.attr('tableName')))}.{name.lower()}"


def _earlier(
    ctx: Ctx,
) -> tuple[set[str], set[str], dict[str, bool | str], set[str], set[str], dict[str, int]]:
    """Tables that earlier changeSets of the same changelog create, and apart those they
    rename to a new name; columns they add (``table.column`` → with a default); the names
    of constraints and indexes they drop; columns they retype; and the line of the
    changeSet that made each table and column (the last one to).

    A changelog file is, in practice, the unit a release ships (one file per release or
    feature, included by the master): the release before it did not know these tables and
    columns, so they count as new, as if the changeSet itself had created them (a NOT NULL
    on such a column without a default still breaks that release's INSERTs).
    """
    tables: set[str] = set()  # created
    renamed: set[str] = set()  # the new names of tables renamed
    columns: dict[str, bool | str] = {}
    dropped: set[str] = set()
    retyped: set[str] = set()  # table.column an earlier changeSet gave a new type
    away: set[str] = set()  # table.column an earlier changeSet renamed to another name
    made_at: dict[str, int] = {}
    for cs in ctx.log.changesets[: ctx.index]:
        for change in cs.changes:
            before = (len(tables), len(renamed), len(columns))
            if change.kind in _DROPS and _name(change):
                dropped.add(_name(change))
            if change.kind == "renameColumn":
                away.add(_column(change, change.attr("oldColumnName")))
            if change.kind == "dropPrimaryKey":  # its key drawn again next (waltz, round M)
                dropped.add(_PRIMARY + _key(expand(change.attr("tableName"))))
            if change.kind == "dropAllForeignKeyConstraints":  # (keel, round N)
                dropped.add(_FOREIGN + _key(expand(change.attr("baseTableName"))))
            if change.kind == "modifyDataType":
                retyped.add(_column(change))
            table = _key(expand(change.attr("tableName")))
            if change.kind == "createTable":
                tables.add(table)
            elif change.kind == "renameTable":
                # the previous release knows no table of the new name: RG221 reports the
                # rename, not each change made on it after (21-points, round I)
                renamed.add(_key(expand(change.attr("newTableName"))))
            elif change.kind == "addColumn":
                # a column added under a name renamed away is the previous release's, which
                # writes it as it wrote the old one: a NOT NULL on it is no break (a swap)
                # (a constant default as its SQL: a foreign key over the column holds for
                # every row the previous release writes: OpenClinica's old_status_id, round X)
                columns.update(
                    {f"{table}.{c.name.lower()}":
                     (c.literal if c.default and c.literal else c.default)
                     or f"{table}.{c.name.lower()}" in away
                     for c in change.columns}
                )  # fmt: skip
            elif change.kind == "addDefaultValue":
                key = f"{table}.{change.attr('columnName').lower()}"
                if key in columns:
                    columns[key] = True
            elif change.kind == "sql" and "table" in change.text.lower():
                tables.update(_key(m.group(1)) for m in _CREATE_TABLE.finditer(expand(change.text)))
                # (and the columns its `ALTER TABLE … ADD [COLUMN]` add: a formatted-SQL
                # changelog's, pay-direct-debit-connector's keys over them, round CJ)
                columns.update(_sql_added(expand(change.text)))
            if change.kind == "sql" and "drop" in change.text.lower():
                dropped |= _sql_drops(expand(change.text))
            if (len(tables), len(renamed), len(columns)) != before:
                # the change's own line: a changeSet's header is edited later (its `dbms`
                # widened) and git would name that commit (anet, round AH)
                line = change.line or cs.line
                made_at.update({k: line for k in (*tables, *renamed, *columns) if k not in made_at})
    return tables, renamed, columns, dropped, retyped, made_at


# a key or index dropped by name in raw SQL: ``alter table ATTRIBUTE drop foreign key
# fk_attribute_entity_ref`` (MySQL), ``DROP CONSTRAINT``, ``DROP INDEX IDX_CONFIG ON t``
_SQL_DROP = lazyre.compile(
    r"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?([\w.\"`\[\]]+)\s+DROP\s+"
    r"(FOREIGN\s+KEY|CONSTRAINT|INDEX|KEY)\s+(?:IF\s+EXISTS\s+)?([\w\"`\[\]]+)"
    r"|\bDROP\s+INDEX\s+(?:IF\s+EXISTS\s+)?([\w.\"`\[\]]+)",
    re.IGNORECASE,
)


_ALTER_ADDS = lazyre.compile(
    r"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?([\w.\"`\[\]]+)\s+(ADD\b[^;]*)", re.I
)
_ADDED_COLUMN = lazyre.compile(
    r"(?:^|,)\s*ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    r"(?!(?:CONSTRAINT|PRIMARY|FOREIGN|UNIQUE|CHECK|INDEX|KEY|FULLTEXT|SPATIAL)\b)"
    r"([\w\"`\[\]]+)\s+((?:[^,(]|\([^)]*\))*)",
    re.IGNORECASE,
)


def _sql_added(text: str) -> dict[str, bool]:
    """``table.column`` → whether it has a default, of each column raw SQL adds
    (``ALTER TABLE t ADD COLUMN c BIGINT``, several ``ADD`` clauses to a statement)."""
    out: dict[str, bool] = {}
    for m in _ALTER_ADDS.finditer(text):
        table = _key(m.group(1))
        for c in _ADDED_COLUMN.finditer(m.group(2)):
            column = c.group(1).strip('"`[]').lower()
            out[f"{table}.{column}"] = bool(re.search(r"\bDEFAULT\b", c.group(2), re.I))
    return out


def _sql_drops(text: str) -> set[str]:
    """The names of the constraints and indexes raw SQL drops, and, for a foreign key
    dropped from a table, that table's :data:`_FOREIGN` mark: a key re-added to it, even
    unnamed, is the one drawn again (rawls' changelogs drop each foreign key in one
    changeSet and add it back after a column swap in another, round AC)."""
    out: set[str] = set()
    for m in _SQL_DROP.finditer(text):
        name = m.group(3) or m.group(4)
        out.add(_key(name))
        if m.group(2) and m.group(2).upper().startswith("FOREIGN"):
            out.add(_FOREIGN + _key(m.group(1)))
    return out


_REFERENCES = lazyre.compile(r"\bREFERENCES\s+([\w.\"`\[\]]+)", re.IGNORECASE)


def _references(text: str) -> set[str]:
    """The tables a statement's foreign keys point at."""
    return {_key(m.group(1)) for m in _REFERENCES.finditer(expand(text))}


def _redrawn(b: compat.Break, dropped: set[str]) -> bool:
    """A constraint of the changeSet's raw SQL that an earlier changeSet of the file
    dropped: by its name, or a foreign key on a table whose foreign keys were dropped
    (``<dropAllForeignKeyConstraints>``, then ``alter table SUBMISSION add CONSTRAINT
    FK_SUB_WORKSPACE FOREIGN KEY …`` in a ``<sql>`` changeSet: rawls, round AC). Not a
    CHECK: one re-drawn under its name may ask more than before (openelis, round O)."""
    if b.kind != "constraint" or b.what.upper() == "CHECK":
        return False
    if b.name and _key(b.name) in dropped:
        return True
    return b.what.upper() == "FOREIGN KEY" and _FOREIGN + _key(b.table) in dropped


def _added_later(ctx: Ctx) -> set[str]:
    """``table.column`` the changeSets after this one in the file add."""
    return {
        _column(change, c.name)
        for cs in ctx.log.changesets[ctx.index + 1 :]
        for change in cs.changes
        if change.kind == "addColumn"
        for c in change.columns
    }


def _fix(fmt: str, b: compat.Break) -> str:
    t, c = b.table, b.column
    later = "switch reads in the next release, and"
    if b.kind == "rename_column":
        add = single(fmt, Hint("addColumn", {"tableName": t}, ((b.new, "…"),)))
        drop = single(fmt, Hint("dropColumn", {"tableName": t, "columnName": c}))
        return (
            f"expand/contract: a changeSet with {add} now, write both columns and backfill "
            f"(an `update` changeSet), {later} {drop} in a later release"
        )
    if b.kind == "rename_table":
        create = single(fmt, Hint("createTable", {"tableName": b.new}))
        drop = single(fmt, Hint("dropTable", {"tableName": t}))
        return (
            f"expand/contract: a changeSet with {create} now, write both tables and backfill, "
            f"{later} {drop} in a later release"
        )
    if b.kind in ("add_required", "set_required"):
        not_null = single(fmt, Hint("addNotNullConstraint", {"tableName": t, "columnName": c}))
        first = (
            f"give {c} a `defaultValue`, or add it nullable"
            if b.kind == "add_required"
            else f"ship the code that always writes {c} first"
        )
        return f"{first}; backfill, and {not_null} in a later release"
    if b.kind == "type_change":
        add = single(fmt, Hint("addColumn", {"tableName": t}, ((f"{c}_new", b.new),)))
        drop = single(fmt, Hint("dropColumn", {"tableName": t, "columnName": c}))
        return (
            f"expand/contract: {add} now, write both and backfill, {later} {drop} in a later "
            "release; or change only to a wider type"
        )
    return (
        f"ship the code that never violates the {b.what} first and add the constraint in a "
        "later release's changeSet"
    )
