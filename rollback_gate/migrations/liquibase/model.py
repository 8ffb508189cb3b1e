"""What a Liquibase changelog holds, independent of its format, and what Liquibase can invert.

The four changelog formats (XML, YAML, JSON, formatted SQL) are parsed by
:mod:`.liquibase_formats` and :mod:`.liquibase_sql` into the immutable types below, so the
analyser in :mod:`.liquibase` reasons about one model.

Which change types Liquibase rolls back on its own was read from Liquibase's source
(``liquibase-standard``: a change supports automatic rollback when it overrides
``createInverses()``, or, for ``loadUpdateData``, ``generateRollbackStatements()``), plus
the Liquibase Pro change types its documentation lists with an automatic rollback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rollback_gate import lazyre

AUTO_ROLLBACK: frozenset[str] = frozenset(
    {
        "addColumn",
        "addDefaultValue",
        "addForeignKeyConstraint",
        "addLookupTable",
        "addNotNullConstraint",
        "addPrimaryKey",
        "addUniqueConstraint",
        "createIndex",
        "createSequence",
        "createTable",
        "createView",
        "dropNotNullConstraint",
        "empty",
        "loadUpdateData",
        "output",
        "renameColumn",
        "renameSequence",
        "renameTable",
        "renameView",
        "tagDatabase",
        # Liquibase Pro
        "addCheckConstraint",
        "createFunction",
        "createPackage",
        "createPackageBody",
        "createSynonym",
        "createTrigger",
        "disableCheckConstraint",
        "disableTrigger",
        "enableCheckConstraint",
        "enableTrigger",
        "renameTrigger",
    }
)
"""Change types whose inverse Liquibase generates when the changeSet has no ``<rollback>``."""

NO_AUTO_ROLLBACK: frozenset[str] = frozenset(
    {
        "addAutoIncrement",
        "alterSequence",
        "createProcedure",
        "customChange",
        "delete",
        "dropAllForeignKeyConstraints",
        "dropColumn",
        "dropDefaultValue",
        "dropForeignKeyConstraint",
        "dropIndex",
        "dropPrimaryKey",
        "dropProcedure",
        "dropSequence",
        "dropTable",
        "dropUniqueConstraint",
        "dropView",
        "executeCommand",
        "insert",
        "loadData",
        "mergeColumns",
        "modifyDataType",
        "setColumnRemarks",
        "setTableRemarks",
        "sql",
        "sqlFile",
        "stop",
        "update",
        # Liquibase Pro
        "dropCheckConstraint",
        "dropFunction",
        "dropPackage",
        "dropPackageBody",
        "dropSynonym",
        "dropTrigger",
        "markUnused",
        # liquibase-modify-column extension (<ext:modifyColumn>): no inverse either
        "modifyColumn",
    }
)
"""Change types Liquibase cannot invert: rolling them back fails without a ``<rollback>``."""

KNOWN_CHANGES: frozenset[str] = AUTO_ROLLBACK | NO_AUTO_ROLLBACK

NOOP_CHANGES: frozenset[str] = frozenset({"empty", "output", "tagDatabase", "stop"})
"""Change types that leave the schema and the data as they are."""

CHANGESET_ELEMENTS: frozenset[str] = frozenset(
    {
        "comment",
        "preConditions",
        "preconditions",
        "validCheckSum",
        "validCheckSums",
        "rollback",
        "modifySql",
        "changes",
    }
)
"""Children of a changeSet that are not changes."""


_JDBC = lazyre.compile(r"^\s*java\.sql\.types\.", re.IGNORECASE)


def sql_type(typ: str) -> str:
    """A Liquibase type as SQL: ``java.sql.Types.TIMESTAMP(9)`` → ``TIMESTAMP(9)``
    (Liquibase accepts the JDBC constants' names; airsonic)."""
    return _JDBC.sub("", typ)


@dataclass(frozen=True)
class Column:
    """A ``<column>`` nested in a change: its name and, when given, its type.

    ``required`` is ``<constraints nullable="false">`` (or ``primaryKey="true"``);
    ``default`` is any ``defaultValue*`` or ``autoIncrement="true"``; ``literal`` its SQL
    when it is a constant (``false``, ``0``, ``'new'``), else ``""``; ``unique`` is
    ``<constraints unique="true">`` (or ``primaryKey="true"``).
    """

    name: str
    type: str = ""
    line: int = 0
    required: bool = False
    default: bool = False
    literal: str = ""
    unique: bool = False


@dataclass(frozen=True)
class Change:
    """One change element (``<dropTable tableName="orders"/>``, ``- sql: …``).

    ``kind`` is the change type without namespace prefix; ``prefix`` is the XML namespace
    prefix (``ext`` for ``<ext:createMaterializedView>``), ``""`` for core changes.
    ``text`` is the element's own SQL text (``<sql>`` body, YAML ``sql:``), ``text_line``
    the 1-based line where that text starts. ``comments`` are XML comments directly inside.
    """

    kind: str
    line: int
    attrs: dict[str, str] = field(default_factory=dict)
    columns: tuple[Column, ...] = ()
    text: str = ""
    text_line: int = 0
    prefix: str = ""
    comments: tuple[str, ...] = ()

    def attr(self, *names: str) -> str:
        """The first non-empty attribute among ``names`` (``""`` when none is set)."""
        for name in names:
            value = self.attrs.get(name, "").strip()
            if value:
                return value
        return ""


@dataclass(frozen=True)
class RollbackRef:
    """``<rollback changeSetId=… changeSetAuthor=… changeSetPath=…/>``: reuse another changeSet."""

    id: str
    author: str
    path: str = ""


@dataclass(frozen=True)
class Rollback:
    """One ``<rollback>`` block (formatted SQL: all ``--rollback`` lines of a changeset).

    ``declared_empty`` marks the idioms that say "nothing to undo" on purpose:
    ``<rollback/>``, YAML ``rollback:`` without value, ``--rollback empty`` and
    ``--rollback not required``.
    """

    line: int
    changes: tuple[Change, ...] = ()
    text: str = ""
    text_line: int = 0
    ref: RollbackRef | None = None
    comments: tuple[str, ...] = ()
    declared_empty: bool = False


@dataclass(frozen=True)
class Problem:
    """Something that stops the analysis of a changeSet or a whole file (RG205)."""

    line: int | None
    reason: str


@dataclass(frozen=True)
class ChangeSet:
    """One changeSet: the unit Liquibase runs, records and rolls back."""

    id: str
    author: str
    line: int
    changes: tuple[Change, ...] = ()
    rollbacks: tuple[Rollback, ...] = ()
    attrs: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def flag(self, name: str) -> bool:
        """A boolean changeSet attribute (``runAlways``, ``ignore`` …)."""
        return self.attrs.get(name, "").strip().lower() == "true"

    @property
    def label(self) -> str:
        """How messages name the changeSet: ``changeSet 42 by alice``."""
        return f"changeSet {self.id or '(no id)'} by {self.author or '(no author)'}"


@dataclass(frozen=True)
class Include:
    """An ``include``/``includeAll`` of a master changelog."""

    path: str
    line: int
    relative: bool
    all: bool = False


@dataclass(frozen=True)
class Changelog:
    """A parsed changelog file; ``problem`` is set when the file could not be parsed."""

    path: str
    format: str
    changesets: tuple[ChangeSet, ...] = ()
    includes: tuple[Include, ...] = ()
    problem: Problem | None = None
