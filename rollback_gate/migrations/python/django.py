"""Django migrations: ``<app>/migrations/NNNN_name.py`` holding ``class Migration``.

Discovery: modules directly inside a ``migrations/`` directory whose name does not start
with ``_`` or ``~`` (Django's own rule), numbered (``0002_note.py``) or holding
``class Migration``; helper files and ``__init__.py`` are skipped. Order: per app, by
number. Version: ``app:NNNN_name``, ``app`` being the directory that holds
``migrations/``.

Django derives the reverse of most operations itself, so only what it cannot reverse, and
what loses data, is reported (files are parsed with :mod:`ast`, never imported):

* RG202 -- ``RunPython`` without ``reverse_code``, ``RunSQL`` without ``reverse_sql`` (Django
  raises ``IrreversibleError`` on ``migrate <app> <previous>``), or a reverse function
  defined in the file that raises unconditionally.
* RG203 -- ``RemoveField`` (drops a column), ``DeleteModel`` (drops a table), an
  ``AlterField`` narrower than the field's previous definition in the app's history,
  destructive SQL written as a constant in ``RunSQL`` or in a ``RunPython`` function's
  ``.execute("...")``. Removing a field or model that the same migration created first
  (squashed migrations), or an unmanaged/proxy model, is not data loss.
* RG205 -- not valid Python 3, no ``class Migration``, or ``operations`` built in a way
  that cannot be read statically.

Decisions, documented for users:

* An explicit no-op reverse -- ``reverse_code=migrations.RunPython.noop``,
  ``reverse_sql=migrations.RunSQL.noop`` or ``""``, or a reverse function that does
  nothing -- is a declaration by the author that nothing needs undoing, not an accident:
  no finding.
* ``SeparateDatabaseAndState``: only ``database_operations`` touch the database;
  ``state_operations`` are never findings, but they (and a ``RunSQL``'s) set the model
  state later migrations are judged against.
* Operations from ``django.contrib.postgres`` (``AddIndexConcurrently``,
  ``CreateExtension`` …) and custom operation classes implement ``database_backwards``
  and are assumed reversible.
* ``AlterField`` narrowing is claimed only with both definitions spelt out in constants;
  a length from an imported constant, or an unseen history, is not guessed.
* Table names are Django's defaults (``<app_label>_<model>``, the label read from the
  dependencies); a custom ``db_table`` is not seen from the migration.
"""

from __future__ import annotations

import ast
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import release
from rollback_gate.migrations.base import (
    Framework,
    FrameworkBase,
    Migration,
    Source,
    Unreadable,
    VerifyMode,
    unanalysable,
)
from rollback_gate.migrations.python import django_state, pyast
from rollback_gate.migrations.python.django_ops import Reader, class_statements
from rollback_gate.models import Finding

# (a folder whose name ends in ``migrations``: ``MIGRATION_MODULES`` may name another, as
# DefectDojo's ``dojo.db_migrations``, round P: declared, it held "no django migrations")
_FILE = lazyre.compile(r"(?:^|/)[^/]*migrations/([^/_~][^/]*)\.py$")
_NUMBERED = lazyre.compile(r"^(\d+)_")
_CLASS = lazyre.compile(r"^class\s+Migration\b", re.M)


def _app(path: str) -> str:
    """The app label: the directory that holds ``migrations/`` (``orders``)."""
    parent = posixpath.dirname(posixpath.dirname(path))
    return posixpath.basename(parent) or "app"


def _sort_key(path: str) -> tuple[str, int, str]:
    stem = posixpath.basename(path)[:-3]
    m = _NUMBERED.match(stem)
    return posixpath.dirname(path), int(m.group(1)) if m else 10**9, stem


class Django(FrameworkBase):
    """The Django analyser (see the module docstring)."""

    name = "django"
    verify: VerifyMode | None = "django"

    def label(self, migration: Migration) -> str:
        return migration.version.replace(":", ".")  # shop:0002_add_note -> shop.0002_add_note

    def detect(self, paths: Sequence[str], source: Source) -> int:
        count = 0
        for path in paths:
            m = _FILE.search(path)
            if m is None:
                continue
            try:
                text = source.read_text(path)
            except Unreadable:
                continue
            if _CLASS.search(text) and "operations" in text:
                count += 1
        return count

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        return self.from_facts(paths, {p: self.file_fact(p, source) for p in paths})

    def file_fact(self, path: str, source: Source) -> bool | None:
        """Whether one file is a migration (None: not a file of a migrations folder), kept
        across runs by its content (see :mod:`rollback_gate.results.listing`)."""
        m = _FILE.search(path)
        if m is None:
            return None
        numbered = _NUMBERED.match(m.group(1)) is not None
        try:
            return _CLASS.search(source.read_text(path)) is not None or numbered
        except Unreadable:
            return numbered  # analyse() will raise it again: RG205, not a pass

    def from_facts(self, paths: Sequence[str], facts: Mapping[str, Any]) -> list[Migration]:
        """The migrations of ``paths`` in order, from :meth:`file_fact`'s."""
        if not all(isinstance(facts[p], (bool, type(None))) for p in paths):
            raise ValueError("a discovery fact that is not a yes or no")
        result = []
        for path in sorted((p for p in paths if facts[p]), key=_sort_key):
            stem = posixpath.basename(path)[:-3]
            version = f"{_app(path)}:{stem}"
            result.append(Migration("django", version, stem, path, (path,)))
        return result

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        path = migration.path
        text = source.read_text(path)
        tree = pyast.parse(text, path)
        if isinstance(tree, Finding):
            yield tree
            return
        cls = next(
            (s for s in tree.body if isinstance(s, ast.ClassDef) and s.name == "Migration"), None
        )
        if cls is None:
            yield unanalysable(
                path,
                "the file has no `class Migration`: not a Django migration rollback-gate "
                "can classify",
                line=1,
                fix="write the migration in the framework's standard form, or waive with a reason",
                key=f"RG205:no-migration-class:{path}",
            )
            return
        reader = Reader(path, django_state.own_fields(tree), text, source)
        within = release.current()
        if within is not None:
            reader.seed(within.before)
        # Class attributes (`database_operations = [...]`) are names the class body uses.
        reader.names.update(pyast.module_names(ast.Module(body=cls.body, type_ignores=[])))
        for stmt in class_statements(cls.body):
            if not isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if not any(isinstance(t, ast.Name) and t.id == "operations" for t in targets):
                continue
            for op in reader.resolve(stmt.value):
                reader.operation(op)
        for node in reader.opaque:
            text = ast.unparse(node)
            yield unanalysable(
                path,
                f"part of `operations` comes from `{text[:60]}`, which cannot be read "
                "without running code: its operations are not checked",
                line=node.lineno,
                fix="write the migration in the framework's standard form, or waive with a reason",
                key=f"RG205:operations:{text[:60]}:{path}",
            )
        reader.destroyed()
        if within is not None:
            within.before.django.difference_update(reader.settled())  # no longer so
            within.now.django.update(reader.learnt())
            within.now.relaxed.update(reader.relaxed)
            within.now.removed.update(reader.dropped)
            within.now.made.update(reader.made)
            within.now.data = within.now.data or reader.data
            within.now.retyped.update(reader.retyped)
        if not reader.opaque:  # a partly unreadable file must be parsed afresh by walks
            django_state.remember(source, path, text, reader.verdicts, reader.fields)
        if _squashed(cls) or _initial(cls):
            # A squashed migration runs only on a database that applied none of the ones it
            # replaces (a new one), an initial one only where the app is installed anew (an
            # app's initial schema split in two: oncall's, nautobot's `0002_initial`): no
            # previous release runs against it, so N-1 is moot.
            yield from (f for f in reader.findings if f.rule not in _N1_RULES)
            return
        yield from reader.findings


_N1_RULES = frozenset({"RG220", "RG221", "RG222", "RG223", "RG224"})


def _squashed(cls: ast.ClassDef) -> bool:
    """Whether the Migration class declares ``replaces = [...]`` (a squash)."""
    return _class_value(cls, "replaces") is not None


def _initial(cls: ast.ClassDef) -> bool:
    """Whether the Migration class says ``initial = True`` (part of the app's first schema)."""
    value = _class_value(cls, "initial")
    return isinstance(value, ast.Constant) and value.value is True


def _class_value(cls: ast.ClassDef, name: str) -> ast.expr | None:
    """The value the Migration class body assigns to ``name``, if it does."""
    return next(
        (
            stmt.value
            for stmt in class_statements(cls.body)
            if isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets)
        ),
        None,
    )


FRAMEWORK: Framework = Django()
