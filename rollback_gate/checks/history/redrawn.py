"""RG224 on a unique key the table's earlier keys already imply.

A unique key over columns that include every column of a unique key the table already
had (or its primary key) rejects no row the previous release writes: those rows differ
in the old key's columns, so they differ in the new one's. It does not matter whether the
migration keeps the old key (the new one is implied: beabee's ``UQ_…`` on a column that
is its table's primary key, round J) or drops it first (the key re-drawn looser, under a
name that does not say it was unique: TypeORM's ``IDX_user_secrets_company_slug`` made
again as ``IDX_f39a47…``, rocketadmin; PostgreSQL's automatic ``fagsak_ekstern_fagsak_id_idx``
re-drawn over one column more, familie-tilbake; a Rails ``remove_index … name:`` of a key
the first migration's SQL made, lago-api). Within one file the analysers see the re-draw
when the dropped name says it was unique; only the earlier files tell the rest.

So, asked once per run and only for RG224 unique indexes: the migration files that name
their tables (one ``git grep -l``; every file without git) are walked in migration order
(file names that start with a version or a timestamp; others have none), following the
unique keys and primary keys they declare in SQL or Rails ``add_index … unique: true``
(Ecto's, Knex's, Sequelize's, TypeORM's, Laravel's, Liquibase's and Alembic's builders too),
the ones they drop by name (PostgreSQL's automatic names included), dropped columns (their
indexes go with them), column and table renames, and tables created or dropped (SQL or
Rails, Ecto, Knex). An occurrence is no break when, before its file, its table had a key
over a subset of the new index's columns (or of one-column expressions of them:
``upper(css_id)``), on the same rows (the same ``WHERE``) or on
every row; or when its release began (a key an earlier file added by the same commit
dropped: the previous release's rows obeyed it, caseflow-efolder's ``version_id``, round
BH). A key dropped and drawn again over other columns is not known to be looser
(hcb's ``(user_id, program_id)`` made ``(user_id, link_id)`` is, trigger.dev's ``(key,
endpointId)`` made ``(key, environmentId)`` is tighter: round O): it stays. Such
occurrences leave their finding (the others are grouped again, and a finding left with
none is dropped). The files are read as text: nothing is run.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import (
    DROPPED_KEY,
    NEAR,
    bare,
    blanked,
    body_after,
    home,
    in_order,
    items,
    naming,
    ordered,
    sql_of,
    up_part,
    xml_attrs,
)
from rollback_gate.checks.history.order import ID as _ID
from rollback_gate.checks.history.order import NAME as _NAME
from rollback_gate.checks.history.unwritten import table_of
from rollback_gate.migrations.base import Unreadable, parse_quietly
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

if TYPE_CHECKING:
    from rollback_gate.checks.history.retyped import Types

# a column list, whose items may be expressions with one level of parentheses of their own
_COLUMNS = r"\(((?:[^()]|\([^()]*\))*)\)"
# up to the statement's end: ``;``, or the backtick closing a JS template string
_WHERE = r"(\s+WHERE\s+(?:'(?:[^']|'')*'|\"[^\"]*\"|[^;`'\"])+)?"
_CREATE_UNIQUE = lazyre.compile(
    r"\bCREATE\s+UNIQUE\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    rf"(?:{_NAME}\s+)?ON\s+(?:ONLY\s+)?{_NAME}\s*(?:USING\s+\w+\s*)?{_COLUMNS}{_WHERE}",
    re.IGNORECASE,
)
# (MySQL names the index after its kind: ``ADD UNIQUE INDEX `chunk_hash` (`hash`)``, ncps)
_ADD_KEY = lazyre.compile(
    rf"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?{_NAME}\s+ADD\s+"
    rf"(?:CONSTRAINT\s+{_NAME}\s+)?(UNIQUE|PRIMARY\s+KEY)\s*(?:KEY\s*|INDEX\s*)?"
    rf"(?:{_ID}\s*)?{_COLUMNS}",
    re.IGNORECASE,
)
_ALTER_TABLE = lazyre.compile(rf"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?{_NAME}\s", re.I)
# a statement's end: ``;``, or the backquote closing a JS template string, not MySQL's
# backquoted names (ncps' ``ALTER TABLE `config` …, ADD UNIQUE INDEX `configentry_key`
# (`key`)``, round AD): those are matched first and skipped
_STATEMENT_END = lazyre.compile(r"`[\w$]+`|[;`]")
_ADD_LATER = lazyre.compile(
    rf",\s*(?:--[^\n]*\n\s*)*ADD\s+(?:CONSTRAINT\s+{_NAME}\s+)?(UNIQUE|PRIMARY\s+KEY)\s*"
    rf"(?:KEY\s*|INDEX\s*)?(?:{_ID}\s*)?{_COLUMNS}",
    re.IGNORECASE,
)
_CREATE_TABLE = lazyre.compile(
    rf"\bCREATE\s+(?:TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}\s*\(", re.IGNORECASE
)
# A table constraint inside CREATE TABLE's list: [CONSTRAINT n] UNIQUE|PRIMARY KEY (…)
_TABLE_KEY = lazyre.compile(
    rf"^(?:CONSTRAINT\s+{_NAME}\s+)?(UNIQUE|PRIMARY\s+KEY)\s*(?:(?:KEY|INDEX)\s*)?"
    rf"(?:{_ID}\s*)?{_COLUMNS}",
    re.IGNORECASE,
)
_NOT_A_COLUMN = frozenset({"constraint", "unique", "primary", "key", "index", "foreign", "check",
                           "exclude", "like", "fulltext", "spatial"})  # fmt: skip
_COLUMN_KEY = lazyre.compile(r"\b(?:UNIQUE|PRIMARY\s+KEY)\b", re.IGNORECASE)
# a column an ALTER TABLE adds, and its definition up to the next action
_ADD_COLUMN_KEY = lazyre.compile(
    rf"\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    rf"(?!(?:CONSTRAINT|UNIQUE|PRIMARY|INDEX|KEY|FOREIGN|CHECK|EXCLUDE)\b)({_ID})\s+([^,;]*)",
    re.IGNORECASE,
)
# A column whose values a sequence gives: unique as the previous release writes it (it
# leaves the column to its default), a key in all but name (automate's ``db_id SERIAL``
# made UNIQUE, round BB). Not ``GENERATED BY DEFAULT AS IDENTITY``, which code may write.
_SEQUENCED = lazyre.compile(
    r"^(?:small|big)?serial[248]?\b|\bGENERATED\s+ALWAYS\s+AS\s+IDENTITY\b", re.IGNORECASE
)
_DROP_TABLE = lazyre.compile(rf"\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{_NAME}", re.IGNORECASE)
_ALTER = rf"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?{_NAME}\s+"
_RENAME_COLUMN = lazyre.compile(
    rf"{_ALTER}RENAME\s+(?:COLUMN\s+)?{_NAME}\s+TO\s+{_NAME}", re.IGNORECASE
)
_RENAME_TABLE = lazyre.compile(rf"{_ALTER}RENAME\s+TO\s+{_NAME}", re.IGNORECASE)
# Rails: ``add_index :t, [:a, :b], unique: true, name: "n", where: "…"`` (its options may
# go on over the next lines, one ``key: value`` a line) and ``remove_index :t, …, name: …``
_RAILS_COLUMNS = (
    r"(\[[^\]]*\]|%[iw]\[[^\]]*\]|%[iw]\([^)]*\)|:\w+|[\"']\w+[\"']|\"\w+\([^\"\n]*\)\""
    r"|\"[\w\s]+,[^\"\n]*\")"
)
_RAILS_OPTIONS = r"(?P<opts>[^\n]*(?:\n[ \t]+\w+:[^\n]*)*)"
_RAILS_ADD = lazyre.compile(
    rf"\badd_index\s*\(?\s*[:\"']?(\w+)[\"']?\s*,\s*{_RAILS_COLUMNS}{_RAILS_OPTIONS}"
)
_RAILS_REMOVE = lazyre.compile(
    rf"\bremove_index\s*\(?\s*[:\"']?(\w+)[\"']?\s*(?:,\s*{_RAILS_COLUMNS})?{_RAILS_OPTIONS}"
)
_RAILS_TABLE = r"\s*\(?\s*[:\"']?(\w+)[\"']?"
_RAILS_NEXT = r"\s*,\s*[:\"']?(\w+)[\"']?"
_RAILS_CREATE_TABLE = lazyre.compile(rf"\bcreate_table{_RAILS_TABLE}")
_RAILS_DROP_TABLE = lazyre.compile(rf"\bdrop_table{_RAILS_TABLE}")
_RAILS_RENAME_TABLE = lazyre.compile(rf"\brename_table{_RAILS_TABLE}{_RAILS_NEXT}")
_RAILS_RENAME_COLUMN = lazyre.compile(rf"\brename_column{_RAILS_TABLE}{_RAILS_NEXT}{_RAILS_NEXT}")
_RAILS_REMOVE_COLUMN = lazyre.compile(rf"\bremove_column{_RAILS_TABLE}{_RAILS_NEXT}")
# Ecto: `rename table(:a), to: table(:b)` and `rename table(:t), :a, to: :b` (vutuv's
# `competences` made `user_skills`, its unique index dropped by its old name and drawn
# again, round BI)
_ECTO_TABLE_ARG = r"\s*\(?\s*table\(\s*[:\"'](\w+)[\"']?\s*\)"
_ECTO_RENAME_TABLE = lazyre.compile(rf"\brename{_ECTO_TABLE_ARG}\s*,\s*to:\s*table\(\s*[:\"'](\w+)")
_ECTO_RENAME_COLUMN = lazyre.compile(rf"\brename{_ECTO_TABLE_ARG}\s*,\s*:(\w+)\s*,\s*to:\s*:(\w+)")
_DROP_COLUMN = lazyre.compile(
    rf"{_ALTER}DROP\s+(?:COLUMN\s+)?(?:IF\s+EXISTS\s+)?(?!CONSTRAINT\b|INDEX\b|KEY\b|PRIMARY\b"
    rf"|FOREIGN\b|CHECK\b|DEFAULT\b|NOT\b){_NAME}",
    re.IGNORECASE,
)
# Ecto: ``create unique_index(:t, [:a, :b], name: …, where: …)``, ``create index(:t, […],
# unique: true)``, ``drop[_if_exists] index(:t, […], name: …)``, ``create table(:t)``,
# ``drop table(:t)``
_ECTO_INDEX = lazyre.compile(
    r"\b(create|drop)(?:_if_not_exists|_if_exists)?\s*\(?\s*(unique_)?index\(\s*[:\"'](\w+)[\"']?"
    r"\s*,\s*(\[[^\]]*\]|:\w+)(?P<opts>[^()]*(?:\([^()]*\)[^()]*)*)\)"
)
_ECTO_TABLE = lazyre.compile(
    r"\b(create|drop)(?:_if_not_exists|_if_exists)?\s*\(?\s*table\(\s*[:\"'](\w+)"
)
_RAILS_OPTION = {  # (either syntax: ``unique: true``, Rails 3's ``:unique => true``)
    k: re.compile(rf"(?:\b{k}:|:{k}\s*=>)\s*{v}")
    for k, v in (("unique", r"(true)"), ("name", r"[:\"']?(\w+)"),
                 ("where", r"(?:\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)')"),
                 ("column", _RAILS_COLUMNS))
}  # fmt: skip
_PLAIN = lazyre.compile(r"^[\w$]+$")
# in an RG224 key: a unique index, unique key or primary key
UNIQUE_KEY = lazyre.compile(r":constraint:[^:]+:(?:unique|primary key)\b")


@dataclass(frozen=True)
class _Key:
    """A unique index, unique constraint or primary key: its name ("" unnamed), table,
    columns and WHERE."""

    name: str
    table: str
    columns: tuple[str, ...]
    where: str = ""
    auto: str = "idx"  # PostgreSQL's name suffix: idx (an index), key (a constraint), pkey

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """Its name, and the one PostgreSQL gives it unnamed (``<table>_<columns>_idx`` for
        an index, ``…_key`` for a constraint, ``<table>_pkey`` for the primary key)."""
        stem = "_".join((self.table, *self.columns))[:59]
        auto = f"{self.table}_pkey" if self.auto == "pkey" else f"{stem}_{self.auto}"
        return frozenset({self.name, auto})

    def implies(self, new: _Key) -> bool:
        """Every row set this key allows, ``new`` allows: over its columns or more, on the
        same rows (the same ``WHERE``), a subset of the rows this key covers whole, or of
        those its ``WHERE`` covers (``new``'s holds every ``AND`` term of it and more:
        familie-ef-sak's key narrowed to the cases not on hold, round N)."""
        rows = not self.where or _terms(self.where) <= _terms(new.where)
        covered = set(new.columns)
        return (
            self.table == new.table
            and rows
            and all(c in covered or _of_one(c) in covered for c in self.columns)
        )


# an expression of one column that equal values of the column make equal: a key over it
# is implied by one over the column (caseflow's unique ``upper((css_id)::text)``, then
# ``add_index :users, :css_id, unique: true``: round AK)
_OF_ONE = lazyre.compile(r"(?:lower|upper|trim|btrim|ltrim|rtrim)\(\(?(\w+)\)?(?:::\w+)?\)")


def _of_one(item: str) -> str:
    """The column a one-column expression item reads, or ""."""
    m = _OF_ONE.fullmatch(item)
    return m.group(1) if m else ""


def _columns(text: str) -> tuple[str, ...] | None:
    """The items of a column list, lower case: plain column names, and expressions written
    without blanks or quotes (``lower(bucket_name)``: the same text is the same value, so a
    key over the same expressions in another order is the same key: exposure-notifications-
    server's index re-drawn, round Y); None if an item is neither."""
    names = []
    for item in _split(text):
        first = item.split()[0]
        if _NAMED.fullmatch(item) and _PLAIN.match(bare(first)):
            names.append(bare(first))
        elif expression := _EXPRESSION.fullmatch(item):
            names.append(re.sub(r"[\s\"`]", "", expression.group(1)).lower())
        elif inner := _parenthesized(item):
            # an operator expression in parentheses (koski's ``(data->'o'->>'oid')``):
            # its text, blanks and identifier quotes aside (its literals keep their case)
            names.append("(" + re.sub(r"[\s\"`]", "", inner) + ")")
        else:
            return None
    return tuple(names) or None


def _parenthesized(item: str) -> str:
    """What one pair of parentheses around the whole item holds (an ordering after them
    aside), or ""."""
    item = _ORDERING.sub("", item.strip())
    if not (item.startswith("(") and item.endswith(")")):
        return ""
    depth = 0
    for i, c in enumerate(item):
        depth += (c == "(") - (c == ")")
        if depth == 0 and i < len(item) - 1:
            return ""  # `(a) + (b)`: the first pair closes early
    return item[1:-1].strip()


_ORDERING = lazyre.compile(r"\s+(?:ASC|DESC)?\s*(?:NULLS\s+(?:FIRST|LAST))?\s*$", re.IGNORECASE)


# a column item: its name, and after it nothing but words (an ordering, an operator class,
# a collation), not an operator (``a + b`` is an expression)
_NAMED = lazyre.compile(r"[\w.\"`$\[\]]+(?:\s+[\w\"]+)*")
# an expression item: a call, or one in parentheses, and nothing after but an ordering
_EXPRESSION = lazyre.compile(
    r"\s*\(?\s*(\w+\s*\([^()]*\))\s*\)?\s*(?:ASC|DESC)?\s*(?:NULLS\s+(?:FIRST|LAST))?\s*",
    re.IGNORECASE,
)


def _split(text: str) -> list[str]:
    """A list's items, split at the commas outside parentheses."""
    items, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if c == "," and depth == 0:
            items.append(text[start:i])
            start = i + 1
    items.append(text[start:])
    return [i for i in (i.strip() for i in items) if i]


def _where(text: str | None) -> str:
    words = (text or "").lower().split()
    return " ".join(words[1:] if words[:1] == ["where"] else words)


_QUALIFIER = lazyre.compile(r"(?<![\w.\"'])[\"]?\w+[\"]?\.(?=[\"]?[a-z_])")


def _terms(where: str) -> frozenset[str]:
    """The ``AND`` terms of a (lower-cased) ``WHERE``, parentheses and blanks aside; an
    ``OR`` makes it one term."""
    # (a predicate names only its table's columns: the qualifier, which a table rename
    # changes, says nothing: odd-platform's `role.is_deleted` on the table renamed
    # `title`, round BA)
    where = _QUALIFIER.sub("", where)
    flat = " ".join(where.replace("(", " ").replace(")", " ").split())
    if " or " in f" {flat} ":
        return frozenset({flat})
    return frozenset(t.strip() for t in re.split(r"\band\b", flat) if t.strip())


def _option(opts: str, key: str) -> str | None:
    m = _RAILS_OPTION[key].search(opts)
    return next((g for g in m.groups() if g is not None), None) if m else None


def _rails_columns(text: str | None) -> tuple[str, ...]:
    """``[:a, :b]`` / ``%i[a b]`` / ``:a`` as column names, lower case; an expression
    (``"upper((css_id)::text)"``) as one item, written without blanks or quotes; a string
    of SQL's items (``"organization_id, lower(name)"``: OpenSplitTime, round CK) as
    :func:`_columns` reads them."""
    if text and text.startswith('"') and "," in text:
        return _columns(text.strip('"')) or ()
    if text and text.startswith('"') and "(" in text:
        return (re.sub(r"[\s\"`]", "", text).lower(),)
    return tuple(n.lower() for n in re.findall(r"\w+", (text or "").lstrip("%iw")))


def _rails_name(table: str, columns: tuple[str, ...], opts: str) -> str:
    """An index's name: ``name:``, else Rails' ``index_<table>_on_<a>_and_<b>``."""
    named = _option(opts, "name")
    return (named or f"index_{table}_on_{'_and_'.join(columns)}").lower()


def _table_keys(table: str, body: str) -> list[_Key]:
    keys = []
    for item in items(body):
        if m := _TABLE_KEY.match(item):
            if (cols := _columns(m.group(3))) is not None:
                keys.append(_Key(bare(m.group(1) or ""), table, cols, auto=_auto(m.group(2))))
        elif len(words := item.split(None, 1)) == 2 and words[0].lower() not in _NOT_A_COLUMN:
            column = (bare(words[0]),)
            if _COLUMN_KEY.search(words[1]):  # "email" text UNIQUE, id serial PRIMARY KEY
                primary = re.search(r"\bPRIMARY\s+KEY\b", words[1], re.IGNORECASE)
                keys.append(_Key("", table, column, auto="pkey" if primary else "key"))
            elif _SEQUENCED.search(words[1].strip()):
                keys.append(_Key("", table, column, auto="sequence"))
    return keys


_RAILS_T_INDEX = lazyre.compile(rf"^\s*\w+\.index\s*\(?\s*{_RAILS_COLUMNS}(?P<opts>.*)$")
_RAILS_T_COLUMN = lazyre.compile(
    r"^\s*\w+\.(references|belongs_to|\w+)\s*\(?\s*[:\"'](\w+)[\"']?(?P<opts>.*)$"
)
_UNIQUE_INDEX_OPTION = lazyre.compile(r"\bindex:\s*\{[^}]*\bunique:\s*true")


def _rails_block_keys(text: str, m: re.Match[str], table: str) -> list[_Key]:
    """The unique keys a Rails ``create_table :t do |t| … end`` block declares:
    ``t.index [:a, :b], unique: true`` and ``t.string :a, index: { unique: true }``
    (``t.references :x, index: {unique: true}``: ``x_id``), up to the ``end`` at the
    block's indentation (exercism, round K)."""
    start = text.rfind("\n", 0, m.start()) + 1
    indent = len(text[start : m.start()]) - len(text[start : m.start()].lstrip())
    keys = []
    for line in text[m.end() :].split("\n")[1:]:
        if line.strip() == "end" and len(line) - len(line.lstrip()) <= indent:
            break
        if (i := _RAILS_T_INDEX.match(line)) and _option(i.group("opts"), "unique"):
            if cols := _rails_columns(i.group(1)):
                keys.append(_Key(_rails_name(table, cols, i.group("opts")), table, cols))
        elif (c := _RAILS_T_COLUMN.match(line)) and _UNIQUE_INDEX_OPTION.search(c.group("opts")):
            column = c.group(2).lower()
            if c.group(1) in ("references", "belongs_to"):
                column += "_id"
            keys.append(_Key(_rails_name(table, (column,), ""), table, (column,)))
    return keys


def _auto(kind: str) -> str:
    """``UNIQUE`` → ``key``, ``PRIMARY KEY`` (Knex ``primary``) → ``pkey``."""
    return "pkey" if kind.upper().startswith("PRIMARY") else "key"


# Liquibase's XML change types that make or drop a unique key
_LIQUIBASE_CUES = ("<createindex", "<adduniqueconstraint", "<dropindex", "<dropuniqueconstraint",
                   "<renamecolumn", "<renametable", "<dropcolumn", "<droptable")  # fmt: skip
_LB_TAG = r"<(?:\w+:)?"
_LB_CREATE_INDEX = lazyre.compile(rf"{_LB_TAG}createIndex\b([^>]*?)(/?)>", re.IGNORECASE)
_LB_ADD_UNIQUE = lazyre.compile(rf"{_LB_TAG}addUniqueConstraint\b([^>]*)>", re.IGNORECASE)
_LB_DROP = lazyre.compile(rf"{_LB_TAG}(?:dropIndex|dropUniqueConstraint)\b([^>]*)>", re.IGNORECASE)
_LB_SHAPE = lazyre.compile(
    rf"{_LB_TAG}(renameColumn|renameTable|dropColumn|dropTable)\b([^>]*)>", re.IGNORECASE
)
_LB_DBMS = lazyre.compile(
    rf"{_LB_TAG}changeSet\b[^>]*\bdbms\s*=[^>]*>.*?</(?:\w+:)?changeSet\s*>",
    re.IGNORECASE | re.DOTALL,
)
_LB_COLUMN = lazyre.compile(rf"{_LB_TAG}column\b([^>]*)>|</(?:\w+:)?createIndex\s*>", re.I)
_LB_ROLLBACK = lazyre.compile(
    rf"{_LB_TAG}rollback\b[^>]*/>|{_LB_TAG}rollback\b.*?</(?:\w+:)?rollback\s*>",
    re.IGNORECASE | re.DOTALL,
)


def _liquibase_events(text: str) -> list[_Event]:
    """What a Liquibase XML changelog's change types do to the keys: a unique
    ``createIndex`` (its ``column`` names, expressions such as ``LOWER(name)`` too) or
    ``addUniqueConstraint`` makes one, ``dropIndex`` and ``dropUniqueConstraint`` drop one
    by name (natural-history-collection-api's key re-drawn over one more column, round AO);
    ``renameColumn``, ``renameTable``, ``dropColumn`` and ``dropTable`` carry the keys
    along or take them (tolgee's ``repository_id`` made ``project_id``, round AQ). A
    ``<rollback>`` runs only on a rollback, a changeSet with ``dbms=`` on some databases
    only: both blanked first, offsets kept."""
    text = _LB_ROLLBACK.sub(lambda m: blanked(m.group()), text)
    # a changeSet for some databases only (``dbms="mssql"``) makes no key on the others
    # (anet's PostgreSQL copies of what had shipped for SQL Server, round AH)
    text = _LB_DBMS.sub(lambda m: blanked(m.group()), text)
    out: list[_Event] = []
    for m in _LB_CREATE_INDEX.finditer(text):
        attrs = xml_attrs(m.group(1))
        if attrs.get("unique", "").lower() != "true" or m.group(2):
            continue
        names = []
        for c in _LB_COLUMN.finditer(text, m.end()):
            if c.group(1) is None:
                break  # (the index's end)
            names.append(xml_attrs(c.group(1)).get("name", ""))
        table = bare(attrs.get("tablename", ""))
        cols = _columns(", ".join(names)) if all(names) else None
        if table and cols:
            out.append((m.start(), "key", _Key(attrs.get("indexname", "").lower(), table, cols)))
    for m in _LB_ADD_UNIQUE.finditer(text):
        attrs = xml_attrs(m.group(1))
        table, cols = bare(attrs.get("tablename", "")), _columns(attrs.get("columnnames", ""))
        if table and cols:
            name = attrs.get("constraintname", "").lower()
            out.append((m.start(), "key", _Key(name, table, cols, auto="key")))
    for m in _LB_DROP.finditer(text):
        attrs = xml_attrs(m.group(1))
        name = (attrs.get("indexname") or attrs.get("constraintname") or "").lower()
        table, cols = bare(attrs.get("tablename", "")), _columns(attrs.get("uniquecolumns", ""))
        if table and cols:
            # the key it drops, its columns said (Hibernate's ``UK_9lu63…``, made where its
            # table was): the table had it, whichever changelog made it (round AP)
            out.append((m.start(), "was", _Key(name, table, cols, auto="key")))
        if name:
            out.append((m.start(), "drop", (name,)))
    for m in _LB_SHAPE.finditer(text):
        kind, attrs = m.group(1).lower(), xml_attrs(m.group(2))
        table = bare(attrs.get("tablename", ""))
        if kind == "renamecolumn":
            old, new = attrs.get("oldcolumnname", ""), attrs.get("newcolumnname", "")
            if table and old and new:
                out.append((m.start(), "column", (table, old.lower(), new.lower())))
        elif kind == "renametable":
            old, new = bare(attrs.get("oldtablename", "")), bare(attrs.get("newtablename", ""))
            if old and new:
                out.append((m.start(), "retable", (old, new)))
        elif kind == "dropcolumn" and table and attrs.get("columnname"):
            out.append((m.start(), "dropcol", (table, attrs["columnname"].lower())))
        elif kind == "droptable" and table:
            out.append((m.start(), "gone", (table,)))
    return sorted(out, key=lambda e: e[0])


# What one file does to the keys, in order: (offset, kind, payload)
_Event = tuple[int, str, tuple[str, ...] | _Key]


def _events(text: str, sql_only: bool = False) -> list[_Event]:
    """What the up step of ``text`` does to the keys, in order (``sql_only``: its SQL
    alone, for an Alembic revision whose calls :func:`_alembic_events` reads). Each pattern
    runs only on a file holding its cue word (most files hold few: trigger.dev's 470 Prisma
    files)."""
    text = up_part(text)
    if "\\`" in text:
        # (a JavaScript template's escaped backquotes, TypeORM's MySQL names: ``\`nickname\```,
        # popo-nest-api, round CL; each line kept as long, so offsets keep their lines)
        text = "\n".join(line.replace("\\`", "`").ljust(len(line)) for line in text.split("\n"))
    low = text.lower()
    out: list[_Event] = []
    if "table" in low and "create" in low:
        for m in _CREATE_TABLE.finditer(text):
            table = bare(m.group(1))
            body, _ = body_after(text, m.end())
            out.append((m.start(), "table", (table,)))
            out.extend((m.start(), "key", k) for k in _table_keys(table, body))
    if "unique" in low:
        for m in _CREATE_UNIQUE.finditer(text):
            if (cols := _columns(m.group(3))) is not None:
                key = _Key(bare(m.group(1) or ""), bare(m.group(2)), cols, _where(m.group(4)))
                out.append((m.start(), "key", key))
    if ("unique" in low or "primary" in low) and "alter" in low:
        # … and each one a multi-action ALTER TABLE adds after another action (owid's
        # ``ADD COLUMN version …, ADD CONSTRAINT uk UNIQUE (filename, version)``), at the
        # statement's start, where its finding is; and a column added as a key
        # (datalens-us' ``ADD COLUMN entry_id BIGINT NOT NULL PRIMARY KEY``, round CQ)
        for m in _ALTER_TABLE.finditer(text):
            end = next(
                (e for e in _STATEMENT_END.finditer(text, m.end()) if len(e.group()) == 1), None
            )
            part = text[m.end() : end.start() if end else len(text)]
            for a in _ADD_LATER.finditer(part):
                if (cols := _columns(a.group(3))) is not None:
                    name, kind = bare(a.group(1) or ""), a.group(2)
                    out.append((m.start(), "key", _Key(name, bare(m.group(1)), cols,
                                                       auto=_auto(kind))))  # fmt: skip
            for a in _ADD_COLUMN_KEY.finditer(part):
                if (primary := _COLUMN_KEY.search(a.group(2))) is not None:
                    kind = "pkey" if primary.group().upper().startswith("P") else "key"
                    key = _Key("", bare(m.group(1)), (bare(a.group(1)),), auto=kind)
                    out.append((m.start(), "key", key))
    if "unique" in low or "primary" in low:
        for m in _ADD_KEY.finditer(text):
            if (cols := _columns(m.group(4))) is not None:
                name, table, kind = bare(m.group(2) or ""), bare(m.group(1)), m.group(3)
                out.append((m.start(), "key", _Key(name, table, cols, auto=_auto(kind))))
    dsl = not sql_only  # (Rails, Ecto, Knex calls)
    if dsl and "add_index" in low:
        for m in _RAILS_ADD.finditer(text):
            if _option(m.group("opts"), "unique") and (cols := _rails_columns(m.group(2))):
                table, opts = m.group(1).lower(), m.group("opts")
                where = _where(_option(opts, "where"))
                out.append((m.start(), "key", _Key(_rails_name(table, cols, opts), table, cols,
                                                   where)))  # fmt: skip
    if dsl and "new table" in low and ("uniqueconstraint" in low or "createindex" in low):
        out.extend(_typeorm_key_events(text))
    if dsl and "index(" in low:
        out.extend(_ecto_index_events(text))
    if dsl and ("unique" in low or "primarykey" in low) and "queryinterface" in low:
        out.extend(_sequelize_events(text))
    if dsl and ("unique(" in low or "primary(" in low or "increments(" in low) and "table(" in low:
        out.extend(_knex_events(text))
    if dsl and "schema::" in low:
        out.extend(_laravel_events(text))
    if dsl and "table(" in low:
        for m in _ECTO_TABLE.finditer(text):
            kind = "table" if m.group(1) == "create" else "gone"
            out.append((m.start(), kind, (m.group(2).lower(),)))
    if "drop" in low:
        out.extend((m.start(), "drop", (bare(m.group(1)),)) for m in DROPPED_KEY.finditer(text))
    if dsl and "remove_index" in low:
        for m in _RAILS_REMOVE.finditer(text):
            columns = _rails_columns(m.group(2) or _option(m.group("opts"), "column"))
            if columns or _option(m.group("opts"), "name"):
                name = _rails_name(m.group(1).lower(), columns, m.group("opts"))
                out.append((m.start(), "drop", (name,)))
    if dsl and "<" in text and any(c in low for c in _LIQUIBASE_CUES):
        out.extend(_liquibase_events(text))
    if dsl and "create_table" in low:
        for m in _RAILS_CREATE_TABLE.finditer(text):
            out.extend((m.end(), "key", k) for k in _rails_block_keys(text, m, m.group(1).lower()))
    for kind, cue, pattern in _SIMPLE:
        if cue in low and (dsl or pattern in _SQL_PATTERNS):
            out.extend(
                (m.start(), kind, tuple(bare(g) for g in m.groups()))
                for m in pattern.finditer(text)
            )
    return sorted(out, key=lambda e: e[0])


_TYPEORM_KEY = lazyre.compile(
    r"\.(createUniqueConstraint|createIndex)\(\s*[\"'`]([\w.]+)[\"'`]\s*,\s*"
    r"new\s+Table(?:Unique|Index)\(\s*\{([^{}]*)\}",
)
_TYPEORM_COLUMNS = lazyre.compile(r"\bcolumnNames\s*:\s*\[([^\]]*)\]")
_TYPEORM_NAME = lazyre.compile(r"\bname\s*:\s*[\"'`]([\w$]+)[\"'`]")
_TYPEORM_WHERE = lazyre.compile(r"\bwhere\s*:\s*[\"'`](.*?)[\"'`]\s*(?:,|$)", re.DOTALL)


def _typeorm_key_events(text: str) -> list[_Event]:
    """TypeORM's builder calls that make a unique key: ``queryRunner.createUniqueConstraint
    ("t", new TableUnique({columnNames: [...]}))`` and ``createIndex("t", new
    TableIndex({…, isUnique: true}))`` (impact-graph's estimated_cluster_matching, round T)."""
    out: list[_Event] = []
    for m in _TYPEORM_KEY.finditer(text):
        body = m.group(3)
        if m.group(1) == "createIndex" and not re.search(r"\bisUnique\s*:\s*true", body):
            continue
        listed = _TYPEORM_COLUMNS.search(body)
        columns = tuple(
            c.strip().strip("\"'`").lower() for c in (listed.group(1) if listed else "").split(",")
            if c.strip()
        )  # fmt: skip
        if not columns or not all(_PLAIN.match(c) for c in columns):
            continue
        name = _TYPEORM_NAME.search(body)
        where = _TYPEORM_WHERE.search(body)
        key = _Key(
            (name.group(1) if name else "").lower(),
            bare(m.group(2)),
            columns,
            _where(where.group(1) if where else None),
        )
        out.append((m.start(), "key", key))
    return out


def _ecto_index_events(text: str) -> list[_Event]:
    out: list[_Event] = []
    for m in _ECTO_INDEX.finditer(text):
        cols, opts, table = _rails_columns(m.group(4)), m.group("opts"), m.group(3).lower()
        if not cols or "(" in m.group(4):
            continue
        name = (_option(opts, "name") or f"{table}_{'_'.join(cols)}_index").lower()
        if m.group(1) == "drop":
            out.append((m.start(), "drop", (name,)))
        elif m.group(2) or _option(opts, "unique"):
            out.append((m.start(), "key", _Key(name, table, cols, _where(_option(opts, "where")))))
    return out


# Knex: the table a builder callback works on (``createTable("t", (t) => …)``), the keys
# it declares (``t.unique(["a", "b"], "name")``, ``t.primary([…])``, a column chained with
# ``.primary()``/``.unique()``, ``t.increments("id")``), and the ones it drops.
_KNEX_TABLE = lazyre.compile(
    r"\b(createTable|createTableIfNotExists|alterTable|table)\(\s*[\"'`](\w+)[\"'`]"
)
_KNEX_KEY = lazyre.compile(
    r"\.(primary|unique|dropUnique|dropPrimary)\(\s*(\[[^\]]*\]|[\"'`]\w+[\"'`])?"
    r"(?:\s*,\s*(?:[\"'`](\w+)[\"'`]|\{[^}]*?\bindexName:\s*[\"'`](\w+)[\"'`][^}]*\}))?"
)
_KNEX_COLUMN = lazyre.compile(
    r"\.(\w+)\(\s*[\"'`](\w+)[\"'`][^\n]*?\.(primary|unique)\(\s*\)|"
    r"\.(increments|bigIncrements)\(\s*[\"'`](\w+)[\"'`]\s*\)"
)


def _knex_events(text: str) -> list[_Event]:
    """What Knex builder calls do to the keys, each on the table of the builder call
    before it (central-ledger's keys over a primary key, round O)."""
    tables = [(m.start(), m.group(1), m.group(2).lower()) for m in _KNEX_TABLE.finditer(text)]
    if not tables:
        return []
    out: list[_Event] = [(at, "table", (t,)) for at, how, t in tables if how.startswith("create")]

    def table_at(offset: int) -> str:
        return next((t for at, _, t in reversed(tables) if at < offset), "")

    for m in _KNEX_KEY.finditer(text):
        table, kind = table_at(m.start()), m.group(1)
        cols = _rails_columns(m.group(2)) if m.group(2) else ()
        if not table or (not cols and kind != "dropPrimary"):
            continue
        out.append(_builder_key(m.start(), table, kind, cols, m.group(3) or m.group(4) or ""))
    for m in _KNEX_COLUMN.finditer(text):
        table, column = table_at(m.start()), (m.group(2) or m.group(5) or "").lower()
        if table and column and m.group(1) not in ("unique", "primary", "index"):
            out.append(_builder_key(m.start(), table, m.group(3) or "primary", (column,)))
    return out


def _builder_key(
    at: int, table: str, kind: str, cols: tuple[str, ...], name: str = "", suffix: str = "unique"
) -> _Event:
    """The event of a schema builder's key call (Knex's, Laravel's): ``primary`` or
    ``unique`` makes a key, a ``drop…`` drops one; unnamed, as the builder names it
    (``<table>_pkey``, ``<table>_<columns>_<suffix>``)."""
    primary = kind in ("primary", "dropPrimary")
    name = name.lower() or (f"{table}_pkey" if primary else f"{table}_{'_'.join(cols)}_{suffix}")
    if kind.startswith("drop"):
        return (at, "drop", (name,))
    return (at, "key", _Key(name, table, cols, auto=_auto(kind)))


# Laravel: the table a ``Schema::create``/``Schema::table`` callback works on, the keys it
# declares (``$t->unique(['a', 'b'], 'name')``, ``$t->primary(…)``, a column chained with
# ``->unique()``/``->primary()``, ``$t->id()``, ``increments``), and the ones it drops
# (``dropUnique('name')`` or ``dropUnique(['a'])``, ``dropPrimary``, ``dropIndex('name')``):
# simutrans-portal's ``unique(['type', 'period', 'article_id'], 'uk_x')``, a key the table
# had since it was made (round CA)
_LARAVEL_TABLE = lazyre.compile(r"\bSchema::(create|table)\(\s*[\"'](\w+)[\"']")
_LARAVEL_KEY = lazyre.compile(
    r"->(primary|unique|dropUnique|dropPrimary|dropIndex)\(\s*(\[[^\]]*\]|[\"']\w+[\"'])?"
    r"(?:\s*,\s*[\"'](\w+)[\"'])?"
)
_LARAVEL_COLUMN = lazyre.compile(
    r"->(\w+)\(\s*[\"'](\w+)[\"'][^;]*?->(primary|unique)\(\s*\)"
    r"|->(increments|bigIncrements|id)\(\s*(?:[\"'](\w+)[\"'])?\s*\)"
)
_LARAVEL_SHAPE = lazyre.compile(
    r"\bSchema::(drop|dropIfExists|rename)\(\s*[\"'](\w+)[\"'](?:\s*,\s*[\"'](\w+)[\"'])?"
    r"|->(renameColumn)\(\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']"
    r"|->(dropColumn)\(\s*(\[[^\]]*\]|[\"']\w+[\"'])"
)


def _laravel_events(text: str) -> list[_Event]:
    """What Laravel's schema builder calls do to the keys, each on the table of the
    ``Schema::`` call before it."""
    tables = [(m.start(), m.group(1), m.group(2).lower()) for m in _LARAVEL_TABLE.finditer(text)]
    if not tables:
        return []
    out: list[_Event] = [(at, "table", (t,)) for at, how, t in tables if how == "create"]

    def table_at(offset: int) -> str:
        return next((t for at, _, t in reversed(tables) if at < offset), "")

    for m in _LARAVEL_KEY.finditer(text):
        table, kind, arg = table_at(m.start()), m.group(1), m.group(2) or ""
        named = arg[:1] in "\"'" and kind.startswith("drop") and arg
        cols = () if named else _rails_columns(arg) if arg else ()
        if not table or (not cols and not named and kind != "dropPrimary"):
            continue
        name = named.strip("\"'") if named else m.group(3) or ""
        suffix = "index" if kind == "dropIndex" else "unique"
        out.append(_builder_key(m.start(), table, kind, cols, name, suffix))
    for m in _LARAVEL_COLUMN.finditer(text):
        table = table_at(m.start())
        column = (m.group(2) or m.group(5) or ("id" if m.group(4) else "")).lower()
        if table and column and m.group(1) not in ("unique", "primary", "index"):
            out.append(_builder_key(m.start(), table, m.group(3) or "primary", (column,)))
    for m in _LARAVEL_SHAPE.finditer(text):
        if m.group(1) == "rename" and m.group(3):
            out.append((m.start(), "retable", (m.group(2).lower(), m.group(3).lower())))
        elif m.group(1):
            out.append((m.start(), "gone", (m.group(2).lower(),)))
        elif (table := table_at(m.start())) and m.group(4):
            out.append((m.start(), "column", (table, m.group(5).lower(), m.group(6).lower())))
        elif table:
            out.extend((m.start(), "dropcol", (table, c)) for c in _rails_columns(m.group(8)))
    return out


_SEQ_CREATE = lazyre.compile(r"\bcreateTable\(\s*[\"'`]([\w.]+)[\"'`]\s*,\s*\{")
_SEQ_ATTRIBUTE = lazyre.compile(r"[\"'`]?(\w+)[\"'`]?\s*:\s*\{")
_SEQ_KEY_CALL = lazyre.compile(
    r"\b(addConstraint|addIndex)\(\s*[\"'`]([\w.]+)[\"'`]\s*,\s*(\[[^\]]*\])?\s*,?\s*(\{)?"
)
_SEQ_REMOVE = lazyre.compile(
    r"\b(?:removeConstraint|removeIndex)\(\s*[\"'`][\w.]+[\"'`]\s*,\s*[\"'`](\w+)[\"'`]"
)
_SEQ_FIELDS = lazyre.compile(r"\bfields\s*:\s*(\[[^\]]*\])")
_SEQ_NAME = lazyre.compile(r"\bname\s*:\s*[\"'`](\w+)[\"'`]")
_SEQ_UNIQUE = lazyre.compile(
    r"\bunique\s*:\s*true|\btype\s*:\s*[\"'`]unique[\"'`]|\bprimaryKey\s*:\s*true", re.I
)


def _strings(array: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in re.findall(r"[\"'`](\w+)[\"'`]", array))


def _sequelize_events(text: str) -> list[_Event]:
    """Sequelize's ``queryInterface`` calls that make a unique key: a ``createTable``
    attribute with ``unique: true`` (or ``primaryKey: true``), ``addConstraint(t, [cols],
    {type: 'unique'})`` or ``(t, {fields, type})``, ``addIndex(t, [cols], {unique: true})``;
    ``removeConstraint``/``removeIndex`` drop one by name (izing's ``Contacts.number``, made
    unique with its table, implied the key over ``(number, tenantId)``: round AR)."""
    out: list[_Event] = []
    for m in _SEQ_CREATE.finditer(text):
        table, body = bare(m.group(1)), body_after(text, m.end(), "{}")[0]
        out.append((m.start(), "table", (table,)))
        read_to = 0
        for a in _SEQ_ATTRIBUTE.finditer(body):
            if a.start() < read_to:
                continue  # (inside an attribute already read)
            inner, read_to = body_after(body, a.end(), "{}")
            if _SEQ_UNIQUE.search(inner):
                column = a.group(1).lower()
                primary = "primarykey" in inner.lower().replace(" ", "")
                name = f"{table}_pkey" if primary else f"{table}_{column}_key"
                out.append((m.start(), "key", _Key(name, table, (column,), auto="key")))
    for m in _SEQ_KEY_CALL.finditer(text):
        options = body_after(text, m.end(), "{}")[0] if m.group(4) else ""
        fields = m.group(3) or ((f := _SEQ_FIELDS.search(options)) and f.group(1)) or ""
        cols = _strings(fields)
        if not cols or not _SEQ_UNIQUE.search(options):
            continue
        table = bare(m.group(2))
        named = _SEQ_NAME.search(options)
        name = named.group(1).lower() if named else f"{table}_{'_'.join(cols)}"
        out.append((m.start(), "key", _Key(name, table, cols, auto="key")))
    out.extend((m.start(), "drop", (m.group(1).lower(),)) for m in _SEQ_REMOVE.finditer(text))
    return out


# (event kind, the word a file must hold, the pattern): tables and columns renamed or gone
_SIMPLE: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("table", "create_table", _RAILS_CREATE_TABLE),
    ("gone", "drop", _DROP_TABLE),
    ("gone", "drop_table", _RAILS_DROP_TABLE),
    ("column", "rename", _RENAME_COLUMN),
    ("column", "rename_column", _RAILS_RENAME_COLUMN),
    ("retable", "rename", _RENAME_TABLE),
    ("retable", "rename_table", _RAILS_RENAME_TABLE),
    ("retable", "rename", _ECTO_RENAME_TABLE),
    ("column", "rename", _ECTO_RENAME_COLUMN),
    ("dropcol", "drop", _DROP_COLUMN),
    ("dropcol", "remove_column", _RAILS_REMOVE_COLUMN),
)
_SQL_PATTERNS = (_DROP_TABLE, _RENAME_COLUMN, _RENAME_TABLE, _DROP_COLUMN)


def _apply(events: list[_Event], keys: dict[str, list[_Key]]) -> None:
    """Follow one file's events on ``keys`` (table → its keys)."""
    for _, kind, what in events:
        if isinstance(what, _Key):
            keys.setdefault(what.table, []).append(what)
        elif kind == "table":
            keys[what[0]] = []
        elif kind == "gone":
            keys.pop(what[0], None)
        elif kind == "drop":
            for table, held in keys.items():
                keys[table] = [k for k in held if what[0] not in k.names]
        elif kind == "column" and what[0] in keys:
            table, old, new = what
            keys[table] = [
                replace(k, columns=tuple(_renamed_in(c, old, new) for c in k.columns))
                for k in keys[table]
            ]
        elif kind == "dropcol" and what[0] in keys:  # its indexes go with it
            keys[what[0]] = [
                k for k in keys[what[0]] if not any(_uses(c, what[1]) for c in k.columns)
            ]
        elif kind == "retable" and what[0] in keys:
            keys[what[1]] = [replace(k, table=what[1]) for k in keys.pop(what[0])]


def _uses(item: str, column: str) -> bool:
    """Whether a key's item (a column, or an expression) reads ``column``."""
    return item == column or (
        "(" in item and re.search(rf"\b{re.escape(column)}\b", item) is not None
    )


def _renamed_in(item: str, old: str, new: str) -> str:
    """A key's item with the column ``old`` renamed ``new``."""
    if "(" not in item:
        return new if item == old else item
    return re.sub(rf"\b{re.escape(old)}\b", new, item)


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _made_at(events: list[_Event], text: str, line: int, table: str) -> tuple[int, _Key] | None:
    """The unique index of ``table`` a statement at ``line`` (or just after) creates, and
    the offset of that statement."""
    for at, kind, key in events:
        if kind == "was" or not isinstance(key, _Key) or key.table != table:
            continue  # (a key a drop says the table had is no key the file makes)
        if 0 <= _line(text, at) - line <= NEAR:
            return at, key
    return None


def key_made(text: str, line: int, table: str, alembic: bool = False) -> tuple[str, ...] | None:
    """The columns (lower case, an expression as :func:`_columns` writes it) of the unique
    key of ``table`` that the statement at ``line`` of a migration ``text`` draws; None
    where none is read there. ``alembic``: a revision, its op calls read with :mod:`ast`."""
    events = _events(text, sql_only=alembic)
    if alembic:
        events = sorted(events + _alembic_events(text), key=lambda e: e[0])
    made = _made_at(events, text, line, table)
    return None if made is None else made[1].columns


def _dropped_before(events: list[_Event], before: int) -> list[_Key]:
    """The keys the file drops before offset ``before`` whose columns the drop says (a
    Liquibase ``dropUniqueConstraint`` with ``uniqueColumns``): the table had them."""
    return [k for at, kind, k in events if kind == "was" and at < before and isinstance(k, _Key)]


def _before(
    had: dict[str, list[_Key]], events: list[_Event], before: int, drops: Callable[[int], bool]
) -> dict[str, list[_Key]]:
    """``had`` (the keys before the file) with the file's own events before offset
    ``before`` applied: a key dropped, its column renamed and the key drawn again over the
    new name is the same key (firefly's ``tokenpool_protocolid`` made ``tokenpool_locator``
    after ``RENAME COLUMN protocol_id TO locator``, round Q); so is a key an earlier
    changeSet of one changelog made, over a column renamed since (tolgee's one
    ``schema.xml`` holds every release, round AQ). A drop by name counts where ``drops``
    says so of its offset: in a file that is one release, the rows the previous release
    wrote obey a key the file drops before drawing it looser; in one holding every
    release, a drop counts where it shipped before the new key did."""
    earlier = [e for e in events if e[0] < before and (e[1] != "drop" or drops(e[0]))]
    if not earlier:
        return had
    keys = {t: list(held) for t, held in had.items()}
    _apply(earlier, keys)
    return keys


_IF_NOT_EXISTS = lazyre.compile(
    r"CREATE\s+UNIQUE\s+INDEX\s+(?:CONCURRENTLY\s+)?IF\s+NOT\s+EXISTS\s", re.IGNORECASE
)


def _kept_by_name(text: str, made: tuple[int, _Key], old: _Key) -> bool:
    """``CREATE UNIQUE INDEX IF NOT EXISTS n`` where the table has an index ``n``: nothing
    is made, whatever its columns (internationally-educated-nurses' ``WHERE job_id IS
    NULL`` over the one named so ``WHERE job_id IS NOT NULL``, round AS)."""
    offset, key = made
    return (
        bool(key.name)
        and key.name in old.names
        and _IF_NOT_EXISTS.match(up_part(text), offset) is not None
    )


def _nothing_new(
    text: str,
    events: list[_Event],
    had: dict[str, list[_Key]],
    made: tuple[int, _Key],
    dated: Callable[[int], bool],
    released: Sequence[_Key] = (),
) -> bool:
    """Whether the key ``made`` (at its offset) rejects nothing its table's keys before it
    did not: one of them implies it, or it is made only if none of its name exists.
    ``released``: the table's keys when the file's release began, which the previous
    release's rows obey even where an earlier file of the release dropped one."""
    held = _before(had, events, made[0], dated).get(made[1].table, [])
    if any(_kept_by_name(text, made, old) for old in held):
        return True
    return any(
        old.implies(made[1]) for old in [*held, *_dropped_before(events, made[0]), *released]
    )


# the note of a key the step re-draws after a ``DROP … IF EXISTS`` of its name
# (:data:`rollback_gate.migrations.sqlengine.compat.IF_EXISTED`, not imported: a run whose
# results all come from the cache loads no analyser), and what it says once settled
IF_EXISTED = "drawn again under a name the step drops only if it exists: check one existed"
_NONE_EXISTED = (
    "drawn under a name the step drops only if it exists, and no earlier migration made it"
)
# … of a unique index re-drawn under its name over an expression (compat's ``EXPRESSION``)
EXPRESSION = "re-drawn under its name over an expression: check the key it replaces"
# … of a key a table the step rebuilds under its name is made with (compat's ``REBUILT``),
# the key's columns after it
REBUILT = "drawn where the step rebuilds the table: check the keys it had"
_REBUILT_OVER = lazyre.compile(re.escape(REBUILT) + r", over \(([^()]*)\)")


def _rebuilt_new(
    o: Finding,
    had: dict[str, list[_Key]],
    then: dict[str, list[_Key]] | None = None,
    columns: frozenset[str] = frozenset(),
) -> str:
    """What the message of a key drawn in a rebuilt table says once settled, or "" where
    the earlier files never made the table or one of its keys implies this one, or one
    of ``then``'s (the keys once the file's own steps before it ran), or where the table's
    ``columns`` before the file (when known) hold none of the key's (gitness' ``artifacts``
    rebuilt with ``(artifact_image_id, artifact_version)``, both new: round BX, two)."""
    m = _REBUILT_OVER.search(o.message)
    table = table_of(o.key)
    if m is None or table not in had:
        return ""
    new = _Key("", table, tuple(c.strip() for c in m.group(1).split(",")))
    if any(old.implies(new) for old in [*had[table], *(then or {}).get(table, [])]):
        return ""
    read = [c if _PLAIN.match(c) else _of_one(c) for c in new.columns]
    if columns and all(read) and not columns.intersection(read):
        return ""  # over columns the table had none of: the previous release writes none
    before = "; ".join(f"({', '.join(k.columns)})" for k in had[table]) or "none"
    return o.message.replace(
        m.group(),
        f"the step rebuilds the table with the key ({', '.join(new.columns)}), which none of "
        f"the keys it had implies: {before}",
    )


def _follow_columns(
    path: str,
    text: str,
    columns: dict[str, Types],
    root: str,
    before: dict[str, dict[str, frozenset[str]]] | None,
) -> None:
    """Apply a migration file's up step to its folder's column types (``columns``: folder
    → :class:`~.retyped.Types`); first, for a file asked about (``before`` given), note
    each table's columns as the earlier files left them."""
    from rollback_gate.checks.history.retyped import Types
    from rollback_gate.migrations.sqlengine.sql import split_statements

    types = columns.setdefault(root, Types())
    if before is not None:
        held: dict[str, set[str]] = {}
        for key in types.columns:
            table, _, column = key.rpartition(".")
            held.setdefault(table, set()).add(column)
        before[path] = {t: frozenset(c) for t, c in held.items()}
    for s in split_statements(sql_of(path, up_part(text))):
        types.apply(s)


def _replaced_key(
    events: list[_Event], had: dict[str, list[_Key]], made: tuple[int, _Key]
) -> _Key | None:
    """The key of the name ``made`` is drawn under that its table had before it (the
    earlier files' keys and the file's own before it, its drops aside), or None."""
    held = _before(had, events, made[0], _never).get(made[1].table, [])
    return next((old for old in held if made[1].name and made[1].name in old.names), None)


# a call whose first argument is a column: ``lower(username)``, ``coalesce(project_id,'0')``
_CALL_OF = lazyre.compile(r"\w+\(\(?(\w+)\)?(?:::\w+)?(?:,[^()]*)?\)")


def _folds(old: _Key, new: _Key) -> bool:
    """Whether each item of ``new`` is a column of ``old`` or a call on one (the old key's
    values folded, as ``lower(username)`` folds ``username``'s case): values the old key
    told apart it may not. A key over other expressions (a JSON path the data moved to:
    tiltakspenger's ``brukersMeldekortIder``, round BL) is not known to be tighter."""
    return all(
        item in old.columns or ((m := _CALL_OF.fullmatch(item)) and m.group(1) in old.columns)
        for item in new.columns
    )


def _tighter(old: _Key, new: _Key) -> str:
    return (
        f"re-drawn under its name over ({', '.join(new.columns)}), where the key it replaces "
        f"was over ({', '.join(old.columns)}): tighter"
    )


def _new_after_all(
    text: str, events: list[_Event], had: dict[str, list[_Key]], made: tuple[int, _Key]
) -> bool:
    """Whether a key drawn after a ``DROP … IF EXISTS`` of its name is new: the earlier
    migrations made its table (so they tell its keys) and no key of that name or one
    implying it (water-abstraction-tactical-idm's ``user_name_unique``, round BE: the drop
    dropped nothing). Where they never made the table, the drop is taken to re-draw it."""
    table = made[1].table
    if table not in had:
        return False
    held = had[table]
    return not any(made[1].name in old.names for old in held) and not _nothing_new(
        text, events, had, made, _never
    )


_CHANGELOGS = (".xml", ".yaml", ".yml", ".json")


def _included_before(
    ctx: Context, paths: set[str], files: Sequence[str], roots: list[str], tables: set[str]
) -> dict[str, dict[str, list[_Key]]]:
    """For each Liquibase changelog of ``paths``, the keys of ``tables`` that the
    changelogs run before it made: ``files`` lists a folder's changelogs in the order its
    master includes them (dgc-gateway's ``add-validation-rule-table.xml`` made the key
    ``(version, rule_id)`` that ``add-revocation-batch-table.xml`` adds again as
    ``(rule_id, version)``: round BH). Only changelogs, whose names tell no order; each
    read once, in the master's order, not the names'."""
    asked = {p for p in paths if p.endswith(_CHANGELOGS)}
    out: dict[str, dict[str, list[_Key]]] = {}
    state: dict[str, dict[str, list[_Key]]] = {}  # root → the keys so far
    left = len(asked)
    for p in files:
        if not left:
            break
        if not p.endswith(_CHANGELOGS) or ordered(p):
            continue
        keys = state.setdefault(home(p, roots), {})
        if p in asked:
            out[p] = {t: list(keys[t]) for t in tables if t in keys}
            left -= 1
        try:
            text = ctx.tree.read_text(p, lenient=True)
        except Unreadable:
            continue
        _apply(_events(text), keys)
    return out


def _adding_commits(ctx: Context, folders: Iterable[str]) -> dict[str, str]:
    """The commit that brought each migration file under ``folders`` to the main line (the
    run's shared :func:`~rollback_gate.checks.history.unwritten.origins_of`); none without
    git."""
    if ctx.git is None:
        return {}
    from rollback_gate.checks.history.unwritten import origins_of

    return origins_of(ctx, folders)[0]


def _never(_: int) -> bool:
    return False


def _shipped_before(
    ctx: Context, f: Finding, text: str, events: list[_Event]
) -> Callable[[int], bool]:
    """Whether a drop at an offset of ``text`` (a changelog holding every release) shipped
    in a release before ``f``'s (every drop counts where git cannot tell)."""
    drops = {at: _line(text, at) for at, kind, _ in events if kind == "drop"}
    if not drops:
        return _never
    # (imported here: it brings the Liquibase analyser, which most runs never load)
    from rollback_gate.checks.history.liquibase import samelog

    earlier = samelog.shipped_earlier(ctx, f.path or "", f.line or 0, drops.values())
    return lambda at: earlier is None or drops.get(at, 0) in earlier


def _alembic_events(text: str) -> list[_Event]:
    """What an Alembic revision's ``upgrade()`` does to the keys, read with :mod:`ast`:
    ``create_table`` (``primary_key=``/``unique=True`` columns, ``UniqueConstraint``,
    ``PrimaryKeyConstraint``), ``create_unique_constraint``, ``create_primary_key``, a
    unique ``create_index`` (with its ``postgresql_where``), their drops by name, and
    tables and columns dropped or renamed (letta's key over an earlier one's columns,
    round O). Offsets are those of the calls' lines."""
    import ast

    from rollback_gate.migrations.python import pyast

    try:
        tree = parse_quietly(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    read = pyast.upgrade_calls(tree)
    if read is None:
        return []
    calls, batches = read
    names = pyast.module_names(tree)
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)

    def name(node: ast.expr | None) -> str:
        value = pyast.const_str(node, names)
        return bare(value) if value else ""

    def columns(node: ast.expr | None) -> tuple[str, ...]:
        if isinstance(node, ast.Name):
            # a module-level list (lemur's `COLUMNS = ["notification_id", …]`, round BY)
            node = names.get(node.id)
        elts = node.elts if isinstance(node, (ast.List, ast.Tuple)) else []
        found = tuple(name(i) for i in elts)
        return found if found and all(found) else ()

    aliases = {k: name(v) for k, v in batches.items()}
    out: list[_Event] = []
    for call in calls:
        assert isinstance(call.func, ast.Attribute)
        op, recv = call.func.attr, call.func.value
        at = starts[min(call.lineno - 1, len(starts) - 1)]
        batch = aliases.get(recv.id) if isinstance(recv, ast.Name) else None
        shift = 0 if batch is not None else 1
        if op == "create_table":
            table = name(pyast.arg(call, 0, "table_name"))
            out.append((at, "table", (table,)))
            for a in call.args[1:]:
                if not isinstance(a, ast.Call):
                    continue
                kind = pyast.last_name(a.func)
                kw = {k.arg: k.value for k in a.keywords if k.arg}
                if kind == "Column" and a.args and (col := name(a.args[0])):
                    for flag, auto in (("primary_key", "pkey"), ("unique", "key")):
                        value = kw.get(flag)
                        if isinstance(value, ast.Constant) and value.value is True:
                            out.append((at, "key", _Key("", table, (col,), auto=auto)))
                elif kind in ("UniqueConstraint", "PrimaryKeyConstraint"):
                    cols = tuple(name(c) for c in a.args)
                    if cols and all(cols):
                        auto = "key" if kind == "UniqueConstraint" else "pkey"
                        out.append((at, "key", _Key(name(kw.get("name")), table, cols, auto=auto)))
        elif op in ("create_unique_constraint", "create_primary_key"):
            table = batch if batch is not None else name(pyast.arg(call, 1, "table_name"))
            cols = columns(pyast.arg(call, 1 + shift, "columns"))
            auto = "key" if op == "create_unique_constraint" else "pkey"
            if table and cols:
                key = _Key(name(pyast.arg(call, 0, "constraint_name")), table, cols, auto=auto)
                out.append((at, "key", key))
        elif op == "create_index":
            unique = pyast.arg(call, 99, "unique")
            table = batch if batch is not None else name(pyast.arg(call, 1, "table_name"))
            cols = columns(pyast.arg(call, 1 + shift, "columns"))
            if isinstance(unique, ast.Constant) and unique.value is True and table and cols:
                where = pyast.const_str(pyast.arg(call, 99, "postgresql_where"), names) or ""
                key = _Key(name(pyast.arg(call, 0, "index_name")), table, cols, _where(where))
                out.append((at, "key", key))
        elif op in ("drop_constraint", "drop_index"):
            if dropped := name(
                pyast.arg(call, 0, "constraint_name" if "con" in op else "index_name")
            ):
                out.append((at, "drop", (dropped,)))
        elif op == "drop_table":
            out.append((at, "gone", (name(pyast.arg(call, 0, "table_name")),)))
        elif op == "rename_table":
            old, new = (
                name(pyast.arg(call, 0, "old_table_name")),
                name(pyast.arg(call, 1, "new_table_name")),
            )
            out.append((at, "retable", (old, new)))
        elif op in ("drop_column", "alter_column"):
            table = batch if batch is not None else name(pyast.arg(call, 0, "table_name"))
            col = name(pyast.arg(call, shift, "column_name"))
            renamed = name(pyast.arg(call, 99, "new_column_name"))
            if op == "drop_column":
                out.append((at, "dropcol", (table, col)))
            elif renamed:
                out.append((at, "column", (table, col, renamed)))
    return out


def _py(f: Finding) -> bool:
    return (f.path or "").endswith(".py")


def _alembic(
    ctx: Context, asked: list[Finding], tables: set[str]
) -> dict[str, tuple[str, list[_Event], dict[str, list[_Key]]]]:
    """Per Alembic file of ``asked``: its text, its events and the keys its ancestor
    revisions left ``tables`` (the revision graph, not file names, orders them)."""
    from rollback_gate.checks.history.restated import ancestors, revision_graph

    history, texts, graph = revision_graph(ctx, asked)
    wanted = {f.path or "" for f in asked} & graph.keys()
    # (the raw SQL of op.execute() as every other file's is read, the op calls with ast)
    events = {
        p: sorted(_events(t, sql_only=True) + _alembic_events(t), key=lambda e: e[0])
        for p, t in texts.items()
        if p in wanted or any(table in t.lower() for table in tables)
    }
    before = {}
    for path in wanted:
        earlier = ancestors(path, graph)
        keys: dict[str, list[_Key]] = {}
        for p in history:  # parents first
            if p in earlier and p in events:
                _apply(events[p], keys)
        before[path] = (texts[path], events[path], {t: list(keys[t]) for t in tables if t in keys})
    return before


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 occurrences that are a unique index a key its table
    had before implies (``files``: every migration file of the run)."""
    keyed = [
        f for f in findings
        if f.rule == "RG224" and f.path
        and all(r.path == f.path for r in f.related)
        and any(UNIQUE_KEY.search(k) for k in (f.key, *(r.key for r in f.related)))
    ]  # fmt: skip
    # Alembic revisions are ordered by their graph, whatever their names (a hash may
    # start with a digit), and read with ast: asked apart
    alembic: set[str] = set()
    if any(_py(f) for f in keyed):
        from rollback_gate.checks.history.restated import revisions  # (Alembic's, imported then)

        alembic = set(revisions(ctx, keyed))
    revised = [f for f in keyed if f.path in alembic]
    asked = [f for f in keyed if f.path not in alembic and ordered(f.path or "")]
    # a file whose name tells no order (a changelog holding every release) has only its
    # own earlier statements to tell
    alone = [f for f in keyed if f.path not in alembic and not ordered(f.path or "")]
    tables = {table_of(o.key) for f in asked + revised + alone for o in occurrences(f)} - {""}
    if not tables:
        return findings
    history: set[str] = set()
    holding: dict[str, str] | None = None
    if asked:
        # (and the files that drop an index by its name alone: uaa's V1_8_2 `DROP INDEX
        # unique_uk_1_1` names no table, and the key it dropped implied a later one, round U)
        # (and the files that name the table under a name it had before a rename:
        # odd-platform's role_name_unique, made on `role` before `role` became `title`,
        # round BA)
        holding = naming(ctx, tables, folders, also=("drop index",))
        history = {p for p in (files if holding is None else holding) if ordered(p)}
    wanted = {f.path or "" for f in asked}
    # one history per migration folder: WebAPI's oracle/, postgresql/ and sqlserver/ each
    # make the same keys, and one dialect's key implies nothing of another's table
    roots = list(folders)
    state: dict[str, dict[str, list[_Key]]] = {}
    before: dict[str, tuple[str, list[_Event], dict[str, list[_Key]]]] = {}
    # the keys when each file's release began (its files added by one commit, in a row):
    # a key an earlier file of the release dropped still held the previous release's rows
    # (caseflow-efolder's unique `version_id` dropped, then `(version_id,
    # manifest_source_id)` drawn by the next file of the same commit: round BH)
    commits = _adding_commits(ctx, folders) if asked else {}
    began: dict[str, tuple[str | None, dict[str, list[_Key]]]] = {}
    released: dict[str, dict[str, list[_Key]]] = {}
    # the columns the earlier files gave the tables, where a step rebuilds one
    rebuilt = any(REBUILT in o.message for f in asked for o in occurrences(f))
    columns: dict[str, Types] = {}
    had_columns: dict[str, dict[str, frozenset[str]]] = {}
    for path, raw in in_order(ctx.tree, history | wanted, holding):  # (read by `naming`)
        root = home(path, roots)
        keys = state.setdefault(root, {})
        if rebuilt:
            _follow_columns(path, raw, columns, root, had_columns if path in wanted else None)
        commit = commits.get(path)
        if commit is None or began.get(root, (None, {}))[0] != commit:
            began[root] = (commit, {t: list(keys[t]) for t in tables if t in keys})
        # a backquote escaped in a JS template string is SQL's (owid's TypeORM SQL:
        # \`filename\`, round P); no line is removed, so lines still count the file's
        text = raw.replace("\\`", "`")
        events = _events(text)
        if path in wanted:  # (the tables the earlier files made or keyed, only)
            before[path] = (text, events, {t: list(keys[t]) for t in tables if t in keys})
            released[path] = began[root][1]
        _apply(events, keys)
    if revised:
        before.update(_alembic(ctx, revised, tables))
    alone_paths = {f.path or "" for f in alone}
    included = _included_before(ctx, alone_paths, files, roots, tables) if alone_paths else {}
    for path, raw in in_order(ctx.tree, alone_paths):
        text = raw.replace("\\`", "`")
        before[path] = (text, _events(text), included.get(path, {}))
    dated = {id(f): _shipped_before(ctx, f, *before[f.path][:2]) for f in alone if f.path in before}
    judged: dict[int, list[Finding]] = {}
    for f in asked + revised + alone:
        if f.path not in before:
            continue
        text, events, had = before[f.path]
        kept, settled = [], False
        for o in occurrences(f):
            made = _made_at(events, text, o.line or 0, table_of(o.key))
            if IF_EXISTED in o.message:
                settled = True
                if made is not None and _new_after_all(text, events, had, made):
                    kept.append(replace(o, message=o.message.replace(IF_EXISTED, _NONE_EXISTED)))
            elif REBUILT in o.message:
                settled = True
                # (and the file's own earlier steps: a rebuild that renamed the key's
                # column before this one, fdm-monster's `floor` made `order`, round BW)
                earlier = [e for e in events if _line(text, e[0]) < (o.line or 0)]
                then = _before(had, earlier, len(text) + 1, _never)
                table = table_of(o.key)
                known = had_columns.get(f.path or "", {}).get(table, frozenset())
                if said := _rebuilt_new(o, had, then, known):
                    kept.append(replace(o, message=said))
            elif EXPRESSION in o.message:
                # the one it replaces known, and over other items: a finding (dogehouse)
                settled = True
                old = _replaced_key(events, had, made) if made is not None else None
                if (
                    made is not None
                    and old is not None
                    and not old.implies(made[1])
                    and _folds(old, made[1])
                ):
                    said = _tighter(old, made[1])
                    kept.append(replace(o, message=o.message.replace(EXPRESSION, said)))
            elif not (
                UNIQUE_KEY.search(o.key)
                and made is not None
                and _nothing_new(
                    text,
                    events,
                    had,
                    made,
                    dated.get(id(f), _never),
                    released.get(f.path or "", {}).get(made[1].table, []),
                )
            ):
                kept.append(o)
        if settled or len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]
