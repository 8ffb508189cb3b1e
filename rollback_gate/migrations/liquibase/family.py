"""What a changeSet's neighbours in the same changelog tell about it.

* Data copied out in an earlier changeSet: ``INSERT INTO term … SELECT source_code FROM
  map`` in changeSet 2, ``dropColumn map.source_code`` in changeSet 3. The values live on,
  as they would had both been in one changeSet (:mod:`..sqlengine.survivors`).
* One change written once per database (``id="x-mysql" dbms="mysql"``,
  ``id="x-postgresql" dbms="postgresql"``, or the same changelog in ``…/mysql/`` and
  ``…/postgresql/``): a changeSet *family*. Its findings are the same finding, reported
  once, on the family's first member.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source
from rollback_gate.migrations.liquibase.model import Changelog, ChangeSet
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.survivors import copied_out

_DIALECT = lazyre.compile(
    r"[-_.]?\b(?:mysql|mariadb|postgres(?:ql)?|pgsql|pg|oracle|mssql|sqlserver|h2|hsqldb|"
    r"sqlite|db2|derby|firebird|sybase|informix|cockroach(?:db)?|snowflake)\b[-_.]?",
    re.IGNORECASE,
)
# per parsed changelog (held, so that its id is not reused while cached); a few at a time
_COPIES: dict[int, tuple[Changelog, list[tuple[int, sql.Statement]]]] = {}
_MAX_LOGS = 16


def copied_earlier(ctx: object, stmt: sql.Statement) -> bool:
    """True when a changeSet before ``ctx``'s copied out what ``stmt`` drops."""
    from rollback_gate.migrations.liquibase.ctx import Ctx

    assert isinstance(ctx, Ctx)
    if stmt.kind not in ("drop_column", "drop_table"):
        return False
    earlier = [s for i, s in _copies(ctx) if i < ctx.index]
    if not earlier:
        return False
    if stmt.kind == "drop_table":
        table = stmt.target.rsplit(".", 1)[-1].lower()
        return any(
            k == "copy_from" and t.rsplit(".", 1)[-1].lower() == table
            for s in earlier
            for k, t in s.actions
        )
    table, _, column = stmt.target.rpartition(".")
    return bool(table) and (
        copied_out(table, column, earlier)
        or any(
            k == "copy_column" and t.lower() == stmt.target.lower()
            for s in earlier
            for k, t in s.actions
        )
    )


def _copies(ctx: object) -> list[tuple[int, sql.Statement]]:
    """``(changeSet index, statement)`` of every statement of the file that reads rows on."""
    from dataclasses import replace

    from rollback_gate.migrations.liquibase.ctx import Ctx, statements
    from rollback_gate.migrations.liquibase.sqlview import statements_of

    assert isinstance(ctx, Ctx)
    cached = _COPIES.get(id(ctx.log))
    if cached is not None and cached[0] is ctx.log:
        return cached[1]
    found: list[tuple[int, sql.Statement]] = []
    for index, cs in enumerate(ctx.log.changesets):
        other = replace(ctx, index=index, cs=cs, _types=None)
        for change in cs.changes:
            stmts: Sequence[sql.Statement] = (
                statements(other, change)
                if change.kind in ("sql", "sqlFile")
                else statements_of(change, change.line)
            )
            found.extend((index, s) for s in stmts if s.kind in ("insert", "update"))
    if len(_COPIES) >= _MAX_LOGS:
        _COPIES.pop(next(iter(_COPIES)))
    _COPIES[id(ctx.log)] = (ctx.log, found)
    return found


def family(log: Changelog, index: int) -> int | None:
    """The index of an earlier member of ``log.changesets[index]``'s dialect family."""
    cs = log.changesets[index]
    dbms = _dbms(cs)
    if not dbms:
        return None
    name = _DIALECT.sub("", cs.id).lower()
    for i in range(index):
        other = log.changesets[i]
        if (
            other.author == cs.author
            and _DIALECT.sub("", other.id).lower() == name
            and _dbms(other)
            and _dbms(other) != dbms
        ):
            return i
    return None


_PATH_DIALECT = lazyre.compile(
    r"(?<=[/_.-])(mysql|mariadb|postgres(?:ql)?|pgsql|oracle|mssql|sqlserver|h2|hsqldb|"
    r"sqlite|db2|derby|cockroachdb)(?=[/_.-])",
    re.IGNORECASE,
)
_PATH_DIALECTS = ("cockroachdb", "db2", "derby", "h2", "hsqldb", "mariadb", "mssql", "mysql",
                  "oracle", "pgsql", "postgres", "postgresql", "sqlite", "sqlserver")  # fmt: skip


def first_dialect_file(source: Source, path: str) -> str | None:
    """The same changelog written for the first other database, when this is a later one.

    ``db/changelog/postgres/001.xml`` beside ``db/changelog/mysql/001.xml``: the files are
    one change per dialect; the first by name carries the findings.
    """
    match = _PATH_DIALECT.search(path)
    if match is None:
        return None
    head, tail = path[: match.start()], path[match.end() :]
    others = [
        f"{head}{d}{tail}"
        for d in _PATH_DIALECTS
        if d != match.group(1).lower() and source.exists(f"{head}{d}{tail}")
    ]
    first = min(others, default=None)
    return first if first is not None and first < path else None


def same_change(log: Changelog, cs: ChangeSet) -> int | None:
    """The index of the changeSet of ``log`` that is ``cs`` written for another database."""
    name = _DIALECT.sub("", cs.id).lower()
    for i, other in enumerate(log.changesets):
        if other.author == cs.author and _DIALECT.sub("", other.id).lower() == name:
            return i
    return None


def _dbms(cs: ChangeSet) -> str:
    return cs.attrs.get("dbms", "").strip().lower()
