"""Django migrations: ``<app>/migrations/NNNN_name.py`` holding ``class Migration``.

Discovery: modules directly inside a ``migrations/`` directory whose name does not start
with ``_`` or ``~`` (Django's own rule), numbered (``0002_note.py``) or holding
``class Migration``; helper files and ``__init__.py`` are skipped. Order: per app, by
number. Version: ``app:NNNN_name``, the app label being the directory that holds
``migrations/``.

Django derives the reverse of most operations itself, so only what it cannot reverse, and
what loses data, is reported (files are parsed with :mod:`ast`, never imported):

* RG202 -- ``RunPython`` without ``reverse_code``, ``RunSQL`` without ``reverse_sql`` (Django
  raises ``IrreversibleError`` on ``migrate <app> <previous>``), or a reverse function
  defined in the file that raises unconditionally.
* RG203 -- ``RemoveField`` (drops a column), ``DeleteModel`` (drops a table), destructive
  SQL written as a constant in ``RunSQL`` or in a ``RunPython`` function's
  ``.execute("...")``. Removing a field or model that the same migration created first
  (squashed migrations) is not data loss.
* RG205 -- not valid Python 3, no ``class Migration``, or ``operations`` built in a way
  that cannot be read statically.

Decisions, documented for users:

* An explicit no-op reverse -- ``reverse_code=migrations.RunPython.noop``,
  ``reverse_sql=migrations.RunSQL.noop`` or ``""``, or a reverse function that does
  nothing -- is a declaration by the author that nothing needs undoing, not an accident:
  no finding.
* ``SeparateDatabaseAndState``: only ``database_operations`` touch the database;
  ``state_operations`` are never findings.
* Operations from ``django.contrib.postgres`` (``AddIndexConcurrently``,
  ``CreateExtension`` …) and custom operation classes implement ``database_backwards``
  and are assumed reversible. ``AlterField`` is not reported: narrowing cannot be shown
  from one file, and a guess would cost more trust than it buys.
* Table names are Django's defaults (``<app_label>_<model>``); a custom ``db_table`` is
  not seen from the migration.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import posixpath
import re
from collections.abc import Iterator, Sequence

from rollback_gate.migrations import django_state, pyast, pyfindings, sql
from rollback_gate.migrations.alembic_ops import operations
from rollback_gate.migrations.base import Migration, Source, Unreadable
from rollback_gate.migrations.sqltypes import narrows
from rollback_gate.models import Finding

_FILE = re.compile(r"(?:^|/)migrations/([^/_~][^/]*)\.py$")
_NUMBERED = re.compile(r"^(\d+)_")
_CLASS = re.compile(r"^class\s+Migration\b", re.M)
_Funcs = dict[str, ast.FunctionDef | ast.AsyncFunctionDef]


def _app(path: str) -> str:
    """The app label: the directory that holds ``migrations/`` (``orders``)."""
    parent = posixpath.dirname(posixpath.dirname(path))
    return posixpath.basename(parent) or "app"


def _sort_key(path: str) -> tuple[str, int, str]:
    stem = posixpath.basename(path)[:-3]
    m = _NUMBERED.match(stem)
    return posixpath.dirname(path), int(m.group(1)) if m else 10**9, stem


def _class_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The class body's statements, including those under ``if``/``try`` (not in methods)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.If, ast.Try)):
            yield from _class_statements(stmt.body + stmt.orelse)
            if isinstance(stmt, ast.Try):
                for handler in stmt.handlers:
                    yield from _class_statements(handler.body)


class _Reader:
    """Reads one migration's operations; collects findings while it goes."""

    def __init__(self, path: str, tree: ast.Module, text: str, source: Source) -> None:
        self.path = path
        self.text, self.source = text, source
        self.verdicts: dict[str, bool] = {}  # model → tableless, from this file's operations
        self.fields: dict[str, str] = {}  # model.field → type, from this file's operations
        self.names = pyast.module_names(tree)
        self.funcs: _Funcs = pyast.functions(tree.body)
        self.created: set[str] = set()  # "model" and "model.field" made by this migration
        self.findings: list[Finding] = []
        self.opaque: list[ast.expr] = []  # parts of `operations` that cannot be read
        # Forward SQL of every RunSQL, judged together (a table copied out by one RunSQL
        # and dropped by the next is no loss).
        self.statements: list[sql.Statement] = []

    def destroyed(self) -> None:
        """Add RG203 for the destructive statements among all forward RunSQL."""
        for bad in sql.destructive(self.statements):
            table = bad.target.rsplit(".", 1)[0] if bad.kind == "drop_column" else bad.target
            fresh = {f"{self.app}_{c}" for c in self.created}
            if bad.target in fresh or table in fresh:
                continue
            detail = "SQL: " + " ".join(bad.text.split())[:60]
            self.findings.append(
                pyfindings.destroys(self.path, bad.line, bad.kind, bad.target, "RunSQL", detail)
            )

    def resolve(self, node: ast.expr | None, depth: int = 0) -> list[ast.expr]:
        """The operation expressions of an ``operations`` value.

        Parts that cannot be read statically (an imported function's result) are kept in
        ``opaque`` for an RG205; the readable parts are still analysed.
        """
        if node is None:
            return []
        if depth > 10:
            self.opaque.append(node)
            return []
        if isinstance(node, (ast.List, ast.Tuple)):
            out: list[ast.expr] = []
            for elt in node.elts:
                out += self.resolve(elt.value, depth + 1) if isinstance(elt, ast.Starred) else [elt]
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self.resolve(node.left, depth + 1) + self.resolve(node.right, depth + 1)
        if isinstance(node, ast.Name) and node.id in self.names:
            return self.resolve(self.names[node.id], depth + 1)
        if isinstance(node, ast.ListComp):
            return [node.elt]  # the same operation per item: read it once
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in self.funcs:
                return self.returned(self.funcs[func.id], depth)
            if pyast.last_name(func) in ("list", "tuple") and len(node.args) == 1:
                return self.resolve(node.args[0], depth + 1)
        self.opaque.append(node)
        return []

    def returned(self, func: ast.FunctionDef | ast.AsyncFunctionDef, depth: int) -> list[ast.expr]:
        """The operations a local helper returns (its local ``ops = [...]`` are followed)."""
        saved = self.names
        self.names = {**saved, **pyast.module_names(ast.Module(body=func.body, type_ignores=[]))}
        try:
            returns = [r.value for r in ast.walk(func) if isinstance(r, ast.Return)]
            return [op for v in returns if v is not None for op in self.resolve(v, depth + 1)]
        finally:
            self.names = saved

    def operation(self, node: ast.expr) -> None:
        if isinstance(node, ast.Name) and node.id in self.names:
            node = self.names[node.id]
        if isinstance(node, ast.IfExp):
            self.operation(node.body)
            self.operation(node.orelse)
            return
        if not isinstance(node, ast.Call):
            return
        kind = pyast.last_name(node.func)
        handler = getattr(self, f"op_{kind}", None)
        if handler is not None:
            handler(node)
        django_state.record(node, self.verdicts, self.fields)

    def _str(self, call: ast.Call, pos: int, kw: str) -> str:
        return pyast.const_str(pyast.arg(call, pos, kw), self.names) or "?"

    @functools.cached_property
    def app(self) -> str:
        """The app label; looked up only when a finding needs it."""
        return django_state.app_label(self.text, self.path, self.source)

    def tableless(self, model: str, call: ast.Call) -> bool:
        """True for an unmanaged or proxy model: no table of its own to lose."""
        return django_state.tableless(model, self.verdicts, self.text, self.path, self.source)

    def op_CreateModel(self, call: ast.Call) -> None:
        self.created.add(self._str(call, 0, "name").lower())

    def op_AddField(self, call: ast.Call) -> None:
        model, field = self._str(call, 0, "model_name").lower(), self._str(call, 1, "name")
        self.created.add(f"{model}.{field}")

    def op_RenameField(self, call: ast.Call) -> None:
        model = self._str(call, 0, "model_name").lower()
        if f"{model}.{self._str(call, 1, 'old_name')}" in self.created:
            self.created.add(f"{model}.{self._str(call, 2, 'new_name')}")

    def op_AlterField(self, call: ast.Call) -> None:
        new = django_state.field_type(pyast.arg(call, 2, "field"))
        if not new or new in ("text", "double precision"):
            return  # cannot be narrower than anything it could have been
        model, field = self._str(call, 0, "model_name"), self._str(call, 1, "name")
        if model.lower() in self.created or f"{model.lower()}.{field}" in self.created:
            return  # created by this migration: no stored values yet
        old = django_state.previous_type(
            model, field, self.fields, self.text, self.path, self.source
        )
        if old and narrows(old, new) and not self.tableless(model, call):
            table = f"{self.app}_{model.lower()}"
            self.findings.append(
                pyfindings.destroys(
                    self.path,
                    call.lineno,
                    "narrow_type",
                    f"{table}.{field}",
                    "AlterField",
                    f"field {self.app}.{model}.{field} from {old} to {new}",
                )
            )

    def op_RemoveField(self, call: ast.Call) -> None:
        model, field = self._str(call, 0, "model_name"), self._str(call, 1, "name")
        if (
            model.lower() in self.created
            or f"{model.lower()}.{field}" in self.created
            or self.tableless(model, call)
        ):
            return
        table = f"{self.app}_{model.lower()}"
        detail = f"field {self.app}.{model}.{field}"
        self.findings.append(
            pyfindings.destroys(
                self.path, call.lineno, "drop_column", f"{table}.{field}", "RemoveField", detail
            )
        )

    def op_DeleteModel(self, call: ast.Call) -> None:
        model = self._str(call, 0, "name")
        if model.lower() in self.created or self.tableless(model, call):
            return
        table = f"{self.app}_{model.lower()}"
        detail = f"model {self.app}.{model}"
        self.findings.append(
            pyfindings.destroys(self.path, call.lineno, "drop_table", table, "DeleteModel", detail)
        )

    def op_SeparateDatabaseAndState(self, call: ast.Call) -> None:
        for op in self.resolve(pyast.arg(call, 0, "database_operations")):
            self.operation(op)

    def op_RunPython(self, call: ast.Call) -> None:
        code = pyast.arg(call, 0, "code")
        label = f"RunPython({ast.unparse(code) if code is not None else ''})"
        reverse = pyast.arg(call, 1, "reverse_code")
        if reverse is None or (isinstance(reverse, ast.Constant) and reverse.value is None):
            self.irreversible(call, label, "reverse_code", "migrations.RunPython.noop")
        elif isinstance(reverse, ast.Name) and reverse.id in self.funcs:
            refused = pyast.refusal(self.funcs[reverse.id].body, self.funcs)
            if refused is not None:
                self.findings.append(
                    pyfindings.refuses(
                        self.path,
                        refused.lineno,
                        f"{reverse.id}()",
                        pyast.raised_text(refused),
                        "manage.py migrate",
                    )
                )
        if isinstance(code, ast.Name) and code.id in self.funcs:
            fn = self.funcs[code.id]
            for o in operations(fn.body, self.names, self.funcs):
                if o.destroys and o.detail.startswith("SQL"):
                    self.findings.append(
                        pyfindings.destroys(self.path, o.line, o.kind, o.target, label, o.detail)
                    )

    def op_RunSQL(self, call: ast.Call) -> None:
        forward = pyast.arg(call, 0, "sql")
        reverse = pyast.arg(call, 1, "reverse_sql")
        for text, node in self.sql_texts(forward):
            for stmt in sql.split_statements(text):
                line = pyast.text_line(node, self.names, stmt.line)
                self.statements.append(dataclasses.replace(stmt, line=line))
        if reverse is None or (isinstance(reverse, ast.Constant) and reverse.value is None):
            self.irreversible(call, "RunSQL", "reverse_sql", "migrations.RunSQL.noop")
            return
        for text, node in self.sql_texts(reverse):
            refused = sql.refusals(sql.split_statements(text))
            if refused:
                line = pyast.text_line(node, self.names, refused[0].line)
                raised = " ".join(refused[0].text.split())[:60]
                self.findings.append(
                    pyfindings.refuses(self.path, line, "reverse_sql", raised, "manage.py migrate")
                )
                return

    def sql_texts(self, node: ast.expr | None) -> list[tuple[str, ast.expr]]:
        """Constant SQL strings of a ``RunSQL`` argument: a string, or a list/tuple of
        strings and ``(sql, params)`` pairs. Non-constant parts are skipped."""
        if node is None:
            return []
        if isinstance(node, ast.Name) and node.id in self.names:
            node = self.names[node.id]
        text = pyast.const_str(node, self.names)
        if text is not None:
            return [(text, node)]
        out: list[tuple[str, ast.expr]] = []
        if isinstance(node, (ast.List, ast.Tuple)):
            for elt in node.elts:
                if isinstance(elt, (ast.List, ast.Tuple)) and elt.elts:
                    elt = elt.elts[0]  # (sql, params)
                out += self.sql_texts(elt)
        return out

    def irreversible(self, call: ast.Call, label: str, missing: str, noop: str) -> None:
        self.findings.append(
            Finding(
                rule="RG202",
                message=f"{label} has no {missing}: Django cannot reverse it",
                path=self.path,
                line=call.lineno,
                impact=f"`manage.py migrate {self.app} <previous>` stops with "
                "IrreversibleError at this migration: a rollback cannot get past it",
                fix=f"pass {missing}= with code that undoes it, or {missing}={noop} when "
                "leaving the change in place is safe",
                key=f"RG202:{label}",
            )
        )


class Django:
    """The Django analyser (see the module docstring)."""

    name = "django"

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
        found: list[str] = []
        for path in paths:
            m = _FILE.search(path)
            if m is None:
                continue
            numbered = _NUMBERED.match(m.group(1)) is not None
            try:
                is_migration = _CLASS.search(source.read_text(path)) is not None or numbered
            except Unreadable:
                is_migration = numbered  # analyse() will raise it again: RG205, not a pass
            if is_migration:
                found.append(path)
        result = []
        for path in sorted(found, key=_sort_key):
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
            yield pyast.unanalysable(
                path,
                1,
                "the file has no `class Migration`: not a Django migration rollback-gate "
                "can classify",
                "no-migration-class",
            )
            return
        reader = _Reader(path, tree, text, source)
        # Class attributes (`database_operations = [...]`) are names the class body uses.
        reader.names.update(pyast.module_names(ast.Module(body=cls.body, type_ignores=[])))
        for stmt in _class_statements(cls.body):
            if not isinstance(stmt, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                continue
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if not any(isinstance(t, ast.Name) and t.id == "operations" for t in targets):
                continue
            for op in reader.resolve(stmt.value):
                reader.operation(op)
        for node in reader.opaque:
            text = ast.unparse(node)
            yield pyast.unanalysable(
                path,
                node.lineno,
                f"part of `operations` comes from `{text[:60]}`, which cannot be read "
                "without running code: its operations are not checked",
                f"operations:{text[:60]}",
            )
        reader.destroyed()
        yield from reader.findings


FRAMEWORK = Django()
