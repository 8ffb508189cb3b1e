"""RG223 on a SQL type change whose old type only earlier migration files show.

Without a down step that restores it, a step's ``ALTER COLUMN c TYPE t`` has no old type
to compare with, and counts when ``t`` can never widen a string or number (``bytea``,
``uuid``, ``jsonb`` …). The old type is where the column was made or last changed: ftl
(round P, dbmate, empty down sections) gives bytea columns a domain ``AS BYTEA`` of its
own, the same values under another name, three times.

So, asked once per run and only for RG223 occurrences "the old type is not visible here"
in SQL files: the migration files of the same folder that name the tables (one ``git grep
-l``; every file without git) are read in migration order, their up steps only, following
the column types they give (``CREATE TABLE``, ``ADD COLUMN``, ``ALTER … TYPE``,
``MODIFY``), column and table renames, drops, and domains without rules of their own
(``CREATE DOMAIN d AS bytea``: the base type). An occurrence is no break when the type
the column had before the file is the new one, or the new one widens it. The files are
read as text: nothing is run.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections.abc import Iterable, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import (
    DATES_READ_AS_DATES,
    ENUM_VALUE_ADDED,
    ENUM_VALUE_RENAMED,
    TABLE_RENAMED_TO,
    bare,
    home,
    in_order,
    naming,
    ordered,
    sql_of,
    up_part,
)
from rollback_gate.checks.history.unwritten import target
from rollback_gate.migrations.base import SQL_SUFFIXES, Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule, settled
from rollback_gate.migrations.sqlengine.coltypes import is_string, same, widens
from rollback_gate.migrations.sqlengine.loss import (
    CHECK,
    column_types,
    domain_type,
    enum_type,
    renamed_to,
)
from rollback_gate.migrations.sqlengine.loss import type_key as _type_key
from rollback_gate.migrations.sqlengine.model import CONVERTED, Statement
from rollback_gate.migrations.sqlengine.model import MAYBE_WIDER as MAYBE
from rollback_gate.migrations.sqlengine.sql import split_statements
from rollback_gate.models import Finding

UNSEEN = "the old type is not visible here"
_NEW_TYPE = lazyre.compile(r":type_change:[^:]+:([^:]+)")  # (Liquibase's key goes on after it)
_CHANGES = lazyre.compile(r"(changes the type of \S+ )to ")
_IF_NOT_EXISTS = lazyre.compile(r"\bADD\s+(?:COLUMN\s+)?IF\s+NOT\s+EXISTS\b", re.IGNORECASE)


class Types:
    """Column types (``table.column`` → type) and domains (name → base type) so far."""

    def __init__(self) -> None:
        self.columns: dict[str, str] = {}
        self.domains: dict[str, str] = {}
        # enums (name → ``enum('', …)``), as made: the labels ``ALTER TYPE … ADD VALUE``
        # gives are not followed here (``enums`` judges enum for enum), so an enum counts
        # only where a string takes its place (datapm parks one in a VARCHAR(255), round L)
        self.enums: dict[str, str] = {}
        # … and the enums whose labels a later statement changed (``ADD VALUE``, ``RENAME
        # VALUE``): what ``enums`` holds of them is not all of their labels
        self.changed: set[str] = set()

    def resolved(self, typ: str) -> str:
        return self.domains.get(_type_key(typ), typ)

    def apply(self, s: Statement) -> None:
        if (domain := domain_type(s)) is not None:
            self.domains[domain[0]] = domain[1]
            return
        if (enum := enum_type(s)) is not None:
            self.enums[enum[0]] = enum[1]
            self.changed.discard(enum[0])
            return
        for altered in (ENUM_VALUE_ADDED, ENUM_VALUE_RENAMED):
            if (m := altered.search(s.text)) is not None:
                self.changed.add(_type_key(m.group(1)))
        if s.kind == "drop_table":
            self._forget(bare(s.target))
        for kind, where in s.actions:
            if kind == "drop_column":
                self.columns.pop(_column(where), None)
        table_renamed = s.kind in ("rename", "alter_table") and "." not in s.target
        if table_renamed and (m := TABLE_RENAMED_TO.search(s.skeleton)):
            old, new = bare(s.target), bare(m.group(1))
            for key in [k for k in self.columns if k.startswith(old + ".")]:
                self.columns[new + key[len(old) :]] = self.columns.pop(key)
        elif s.kind == "rename" and "." in s.target and (to := renamed_to(s)):
            # the column's type goes with it (keyworker-api's snapshot_date made
            # statistic_date, then retyped date: round AS)
            key = _column(s.target)
            typ = self.columns.pop(key, None)
            if typ is not None:
                self.columns[f"{key.rpartition('.')[0]}.{to}"] = typ
        # ``ADD COLUMN IF NOT EXISTS`` leaves a column it finds as it was (rudder-server:
        # ``total_events TEXT`` made, then "added" ``BIGINT``: still TEXT)
        kept = _IF_NOT_EXISTS.search(s.skeleton) is not None
        for key, typ in column_types([s]).items():
            mark = CHECK in key or "\t" in key  # (NULLABLE, REQUIRED: marks, no types)
            if not mark and not (kept and key in self.columns):
                self.columns[key] = typ

    def _forget(self, table: str) -> None:
        for key in [k for k in self.columns if k.startswith(table + ".")]:
            del self.columns[key]


def _column(where: str) -> str:
    table, _, column = where.rpartition(".")
    return f"{bare(table)}.{column.strip(chr(34) + '`[]').lower()}"


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG223 type changes the earlier files show are none; of the
    candidates (:data:`~.sqlengine.compat.MAYBE_WIDER`), only those they show narrow."""
    findings = _settled(_judged(ctx, findings, folders, files))
    findings = _mysql_strings(ctx, _through_domains(ctx, findings, folders, files))
    return _read_as_dates(ctx, findings)


def _all_domains(ctx: Context, folders: Iterable[str], files: Sequence[str]) -> dict[str, str]:
    """Every domain (name → base type) the migration folders' up steps create, asked once
    per run: one ``git grep -l``, every file without git."""
    roots = sorted(set(folders))
    key = "retyped.domains:" + "\0".join(roots)
    if key not in ctx.cache:
        holding = ctx.git.files_with("create domain", roots) if ctx.git is not None else None
        domains: dict[str, str] = {}
        for _, text in in_order(ctx.tree, files if holding is None else holding):
            if "domain" in text.lower():
                for s in split_statements(up_part(text)):
                    if (domain := domain_type(s)) is not None:
                        domains[domain[0]] = domain[1]
        ctx.cache[key] = domains
    found: dict[str, str] = ctx.cache[key]
    return found


_FROM_TO = lazyre.compile(r"changes the type of \S+ from (.+?) to (.+?), not a pure widening")


def _through_domains(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG223 occurrences in SQL files whose old or new type is a
    domain that any migration folder of the config creates (one database: a domain one
    folder makes, another's columns take), where the base types are the same or widen:
    fluidity-app's ``bigint`` to ``uint256``, ``CREATE DOMAIN uint256 NUMERIC(78, 0)`` in
    its shared folder (round AA: three)."""
    asked = [
        f for f in findings
        if f.rule == "RG223" and (f.path or "").endswith(SQL_SUFFIXES)
        and any(_FROM_TO.search(o.message) for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    domains = _all_domains(ctx, folders, files)
    if not domains:
        return findings

    def widened(o: Finding) -> bool:
        m = _FROM_TO.search(o.message)
        if m is None:
            return False
        old, new = (domains.get(_type_key(t), t) for t in m.groups())
        return (old, new) != m.groups() and (same(old, new) or widens(old, new))

    judged: dict[int, list[Finding]] = {}
    for f in asked:
        kept = [o for o in occurrences(f) if not widened(o)]
        if len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


# a Rails app's database: its config's adapter (each environment's), else its Gemfile's gem
_RAILS_DATABASES = ("config/database.yml", "config/database.yml.example",
                    "config/database.yml.sample", "config/database.example.yml")  # fmt: skip
_ADAPTER = lazyre.compile(r"^\s*adapter\s*:\s*[\"']?([\w<%= .\[\]'\"]+)", re.MULTILINE)
_MYSQL_ADAPTERS = frozenset({"mysql", "mysql2", "trilogy", "jdbcmysql", "makara_mysql2"})
_GEM = lazyre.compile(
    r"""^\s*gem\s+["'](mysql2|trilogy|pg|sqlite3|activerecord-[\w-]*adapter)["']""", re.MULTILINE
)
_UNBOUNDED_TO = lazyre.compile(r"changes the type of \S+ from varchar to varchar\((\d+)\)")
_MYSQL_STRING = 255  # (Rails' `:string` without `limit:` on MySQL: varchar(255))


def _mysql_strings(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """``findings`` less the RG223 occurrences of a Rails app on MySQL that give a ``:string``
    without ``limit:`` a limit of 255 or more: there the old column was ``varchar(255)``, so
    the change widens it (search-gov's ``indexed_documents.url`` made 2,000 long, round
    CI). The app's database is its ``config/database.yml`` adapters, all MySQL's, or else
    a Gemfile that names ``mysql2`` or ``trilogy`` and no other database's gem."""
    asked = [
        f for f in findings
        if f.rule == "RG223" and (f.path or "").endswith(".rb")
        and any(_widened_on_mysql(o) for o in occurrences(f))
    ]  # fmt: skip
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        if not _on_mysql(ctx, (f.path or "").rpartition("db/migrate/")[0]):
            continue
        kept = [o for o in occurrences(f) if not _widened_on_mysql(o)]
        judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _widened_on_mysql(o: Finding) -> bool:
    m = _UNBOUNDED_TO.search(o.message)
    return m is not None and int(m.group(1)) >= _MYSQL_STRING


def _on_mysql(ctx: Context, root: str) -> bool:
    """Whether the Rails app at ``root`` (``""``, or its folder with a slash) runs on MySQL
    (:func:`_mysql_strings`)."""
    key = f"retyped.mysql:{root}"
    if key not in ctx.cache:
        ctx.cache[key] = _says_mysql(ctx, root)
    return bool(ctx.cache[key])


def _says_mysql(ctx: Context, root: str) -> bool:
    for path in (root + p for p in _RAILS_DATABASES):
        if path in ctx.tree.files:
            try:
                text = ctx.tree.read_text(path, lenient=True)
            except Unreadable:
                return False
            adapters = {a.strip().strip("'\"") for a in _ADAPTER.findall(text)}
            return bool(adapters) and adapters <= _MYSQL_ADAPTERS
    if root + "Gemfile" not in ctx.tree.files:
        return False
    try:
        gems = set(_GEM.findall(ctx.tree.read_text(root + "Gemfile", lenient=True)))
    except Unreadable:
        return False
    return bool(gems) and gems <= {"mysql2", "trilogy"}


def _settled(findings: list[Finding]) -> list[Finding]:
    """``findings`` without the candidates no earlier file turned into a finding."""
    return settled(findings, "RG223", MAYBE)


def _judged(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    from rollback_gate.migrations.js import MODULES

    # SQL files, and the SQL strings a TypeORM or Knex file runs (121-platform's
    # paymentAmountMultiplier, integer in the first file, made double precision: round AZ)
    asked = [
        f for f in findings
        if f.rule == "RG223" and (f.path or "").endswith((*SQL_SUFFIXES, *MODULES))
        and ordered(f.path or "")
        and all(r.path == f.path for r in f.related)
        and any(UNSEEN in o.message for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    roots = list(folders)
    tables = sorted({target(o.key)[0] for f in asked for o in occurrences(f)} - {""})
    wanted = {f.path or "" for f in asked}
    homes = {home(p, roots) for p in wanted}
    holding = naming(ctx, tables, roots, also=("create domain", "add value", "rename value"))
    # (without git, every file of the folders: db-migrate's `sqls/*-up.sql` are no
    # migration of their own, but their steps' SQL)
    pool = set(holding) if holding is not None else {p for r in roots for p in ctx.tree.under(r)}
    history = {p for p in pool if ordered(p) and home(p, roots) in homes}
    state: dict[str, Types] = {}
    before: dict[str, Types] = {}
    for path, text in in_order(ctx.tree, history | wanted, holding):
        types = state.setdefault(home(path, roots), Types())
        statements = split_statements(sql_of(path, up_part(text)))
        if path in wanted:
            now = before[path] = Types()
            # (a domain another folder of the config makes is the same database's)
            now.columns = dict(types.columns)
            now.domains = {**_all_domains(ctx, roots, files), **types.domains}
            now.enums = dict(types.enums)
            now.changed = set(types.changed)
            for s in statements:  # the step's own domains, not its type changes
                if (domain := domain_type(s)) is not None:
                    now.domains[domain[0]] = domain[1]
        for s in statements:
            types.apply(s)
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        if f.path not in before:
            continue
        had = before[f.path]
        each = occurrences(f)
        kept = [_shown(o, had) for o in each if not _unchanged(o, had)]
        if len(kept) < len(each) or any(k is not o for k, o in zip(kept, each, strict=False)):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _old_type(o: Finding, had: Types) -> tuple[str, str]:
    """(the type the occurrence's column had before the file, its new type), resolved
    through domains; ("", "") when either is not known."""
    table, column = target(o.key)
    m = _NEW_TYPE.search(o.key)
    old = had.columns.get(f"{table}.{column}", "")
    if not (table and column and old and m):
        return "", ""
    old, new = had.resolved(old), had.resolved(m.group(1))
    enum = had.enums.get(_type_key(old))
    whole = _type_key(old) not in had.changed  # (its labels as made are all it has)
    if enum is not None and (is_string(new) or (new.startswith("enum(") and whole)):
        # an array of the enum stays an array of its labels (comp's "Departments"[] made
        # TEXT[], round AJ); another enum is judged by the labels (opal-fines-service's
        # t_enforcement_account_type_enum swapped for an _extended_enum of 13 more: round
        # AV)
        old = enum + ("[]" if old.rstrip().endswith("[]") else "")
    return old, new


def _unchanged(o: Finding, had: Types) -> bool:
    """Whether the occurrence's new type is the type its column had, or widens it."""
    if UNSEEN not in o.message:
        return False
    old, new = _old_type(o, had)
    return bool(old) and (same(old, new) or widens(old, new))


# Frameworks whose previous release reads a timestamp column it declared a date as the
# date it was: Prisma's client (one ``DateTime`` for both), Rails (Active Record casts by
# the column type its schema cache holds, ``Time#to_date``), TypeORM (a ``date``
# property is hydrated as ``YYYY-MM-DD``), Knex and Sequelize (node-postgres and mysql2
# read both as a JavaScript ``Date``; Sequelize's ``DATEONLY`` as ``YYYY-MM-DD``). Every
# date the previous release writes is a timestamp, its midnight. Not Django, SQLAlchemy
# or Ecto, which hand the code a datetime it did not expect (round AM's DateField,
# mitxonline and license-manager in rounds BB-BE, ehealth.api in BM), nor Laravel, whose
# attributes without a cast are the database's strings, nor plain SQL's unknown readers.
_DATES_READ_AS_DATES = DATES_READ_AS_DATES
_GO_SQL = ("golang-migrate", "goose")
_DATE_TO_TIMESTAMP = lazyre.compile(
    r"changes the type of \S+ from date to (?:timestamp(?:tz)?|datetime)\b(?:\(\d+\))?"
    r"(?: with(?:out)? time zone)?, not a pure widening(?! \(" + re.escape(CONVERTED) + ")",
    re.IGNORECASE,
)


# Frameworks whose previous release reads and writes a decimal as a string: node-postgres
# and mysql2 hand Knex, TypeORM and Sequelize a DECIMAL as its text, so a string column
# at least as long as the decimal's text (its digits, a sign and a point) holds what that
# release writes and gives back what it read (therr-app's `numeric(8,2)` made
# `varchar(255)`, round CC). Not Prisma, whose client parses a Decimal.
_DECIMALS_READ_AS_STRINGS = ("knex", "typeorm", "sequelize")
_DECIMAL_TO_STRING = lazyre.compile(
    r"changes the type of \S+ from (?:numeric|decimal)\((\d+),\s*(\d+)\) to "
    r"(?:varchar|character varying|nvarchar)\((\d+)\), not a pure widening(?! \("
    + re.escape(CONVERTED)
    + ")",
    re.IGNORECASE,
)


def _decimal_text_fits(message: str) -> bool:
    m = _DECIMAL_TO_STRING.search(message)
    return m is not None and int(m.group(3)) >= int(m.group(1)) + 2


def _read_as_dates(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """``findings`` less the RG223 occurrences that make a ``date`` a timestamp in a folder
    of :data:`_DATES_READ_AS_DATES` (Rails' apply-for-qualified-teacher-status, round BD;
    bibliotheque-numerique's TypeORM entity, round BN; uci-apis' Prisma ``@db.Date`` made
    ``TIMESTAMP(3)``, round BF, its old type said by :func:`_shown` from earlier files), and
    a decimal made a string long enough in a folder of :data:`_DECIMALS_READ_AS_STRINGS`."""
    asked = [
        f for f in findings
        if f.rule == "RG223" and any(_DATE_TO_TIMESTAMP.search(o.message)
                                     or _decimal_text_fits(o.message) for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    from rollback_gate.checks.migrations import entries_of

    folders = tuple(inside for _, inside in entries_of(ctx, _DATES_READ_AS_DATES))
    if any(posixpath.basename(p) == "go.mod" for p in ctx.tree.files):
        # … and a Go app's golang-migrate or goose folder: Go's drivers (pgx, lib/pq,
        # go-pg) read a date and a timestamp alike into a `time.Time` (monetr's
        # transaction dates, round BV)
        folders += tuple(inside for _, inside in entries_of(ctx, _GO_SQL))
    strings = tuple(inside for _, inside in entries_of(ctx, _DECIMALS_READ_AS_STRINGS))

    def read_as_date(o: Finding) -> bool:
        path = o.path or ""
        return (path.startswith(folders) and bool(_DATE_TO_TIMESTAMP.search(o.message))) or (
            path.startswith(strings) and _decimal_text_fits(o.message)
        )

    judged: dict[int, list[Finding]] = {}
    for f in asked:
        each = occurrences(f)
        kept = [o for o in each if not read_as_date(o)]
        if len(kept) < len(each):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _shown(o: Finding, had: Types) -> Finding:
    """A candidate the earlier files show narrows (uaa's ``origin_key`` made
    ``VARCHAR(255)`` by V2_0_0, ``VARCHAR(36)`` by V2_0_4; hmpps' ``requested_by``, round
    U), said with the type it had; every other occurrence as it is. A candidate whose
    column's type no earlier file shows stays one (:func:`_settled` drops it). A finding
    that said its old type is not visible says the one they show (keyworker-api's
    ``timestamp`` made ``date``, round AS)."""
    if MAYBE not in o.message and UNSEEN not in o.message:
        return o
    old, _ = _old_type(o, had)
    if not old:
        return o
    message = _CHANGES.sub(lambda m: f"{m.group(1)}from {old} to ", o.message, count=1)
    made = " (as the folder's earlier files made it)"
    message = message.replace(f" ({UNSEEN}) ({MAYBE})", made).replace(f" ({UNSEEN})", made)
    return dataclasses.replace(o, message=message)
