"""The SQL engine's data types: a statement, and one step of a code migration.

They live below every engine module (``sql`` makes statements, ``loss`` and ``moves``
read them, ``steps`` judges steps made of them), so that those modules import one way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PLACEHOLDER = "__expr__"
LIBRARY_TABLES = ("active_storage_", "action_text_", "action_mailbox_", "solid_queue_",
                  "solid_cache_", "solid_cable_", "good_job", "oban_")  # fmt: skip
"""Prefixes of the tables a library the framework ships writes itself, parent rows before
their children (Active Storage creates the blob, then the attachment)."""
"""Stands for an interpolated expression (``#{…}``) in SQL text read from a literal."""

Problem = tuple[int, str]
"""``(line, reason)`` of something the scanner could not close (a quote, a comment)."""


@dataclass(frozen=True)
class Statement:
    """One SQL statement.

    ``text`` is the exact executable text without the terminating ``;`` (leading comments
    and whitespace removed, inner comments kept); ``line`` is the 1-based line of its first
    token in the scanned text; ``kind`` is one of :data:`KINDS`; ``target`` names the
    table (``orders``) or column (``orders.note``), ``""`` when unknown. ``actions`` lists
    every ``(kind, target)`` the statement performs (an ``ALTER TABLE`` can do several);
    ``new_types`` pairs each column whose type it changes with the new type. ``skeleton``
    is the text with comments blanked and literals replaced by ``''``; ``terminated`` is
    False for a last statement that no ``;`` ends (goose and sql-migrate reject it);
    ``written`` is False for SQL a builder call was rendered as (``synthetic``), whose
    restatements keep what the framework keeps (a Rails ``change_column`` its default);
    ``keeps_unsaid``: a restatement (``MODIFY``) that keeps the nullness and default it does
    not say (Laravel's ``->change()`` before Laravel 11, through Doctrine DBAL's column diff).
    """

    text: str
    line: int
    kind: str
    target: str = ""
    actions: tuple[tuple[str, str], ...] = ()
    new_types: tuple[tuple[str, str], ...] = ()
    skeleton: str = ""
    terminated: bool = True
    written: bool = True
    keeps_unsaid: bool = False


@dataclass(frozen=True)
class Step:
    """What one up or down step does, as far as static reading can tell.

    ``statements`` are the recognised operations in source order, each with the 1-based
    line of the call in the migration file. ``effective`` is False when the step's body
    does nothing (empty, comments, ``return Promise.resolve()``, ``// no-op``).
    ``refusal`` is ``(line, reason)`` when the step unconditionally throws or rejects.
    ``data_code`` is True when the calls that were not recognised can only touch rows
    (a framework whose schema changes all go through a recognised API, e.g. Laravel's
    ``Schema::``), so that a step without recognised schema changes is data-only.
    ``whole`` is True when ``statements`` are all the step does: no other code around them
    that may copy rows (a Laravel step of ``Schema::`` calls and their closures' column
    calls only), so a column no statement fills is empty.
    """

    label: str
    line: int
    statements: tuple[Statement, ...] = ()
    effective: bool = True
    refusal: tuple[int, str] | None = None
    first_effect: int = 0
    data_code: bool = False
    whole: bool = False


@dataclass(frozen=True)
class Words:
    """A framework's own wording of the expand/contract fix for each kind of break.

    Each template may use ``{t}`` (table), ``{c}`` (column), ``{new}`` (new name or type)
    and ``{what}`` (constraint).
    """

    rename_column: str
    rename_table: str
    add_required: str
    set_required: str
    type_change: str
    constraint: str


@dataclass(frozen=True)
class Dialect:
    """Framework wording: how to call the step and how to undo one statement in it."""

    up: str
    down: str
    inverse: Callable[[Statement], str | None]
    add_down: str = ""
    words: Words | None = None
    """The expand/contract fixes for RG220-RG224 in the framework's terms (None: SQL)."""
    defaults_fill: bool = False
    """The framework's ORM inserts only the attributes a record sets, so the database's
    default fills the rest: TypeORM writes ``DEFAULT`` for a property left undefined,
    Sequelize, Eloquent and Knex insert the attributes given, SQLAlchemy's ORM leaves out
    the attributes a record never set (Alembic passes it to the engine itself). NOT NULL
    on a column the step also gives a default then rejects none of the previous release's
    INSERTs."""


CONVERTED = "its USING changes the values"
"""The note of an RG223 whose ``USING`` expression is more than the column's cast
(``coalesce(c::text, '')``): the values change, whatever the types."""
MAYBE_REQUIRED = "maybe NOT NULL already"
"""The note of an RG222 candidate (:func:`.compat.breaks` with ``candidates``, a plain SQL
file): MySQL's ``MODIFY``/``CHANGE`` restating a column ``NOT NULL`` that may have been NOT
NULL before. Never reported as it is: :mod:`rollback_gate.checks.history.restated` keeps it
where the folder's earlier files left the column nullable, and drops every other one."""
MAYBE_WIDER = "maybe a widening"
"""The note of an RG223 candidate (:func:`.compat.breaks` with ``candidates``): an ``ALTER
… TYPE`` to a type that may widen the one no down step shows. Never reported as it is:
:mod:`rollback_gate.checks.history.retyped` keeps it where the folder's earlier files show
a type it does not widen, and drops every other one."""
