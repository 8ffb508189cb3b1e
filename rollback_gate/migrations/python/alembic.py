"""Alembic (SQLAlchemy) migrations: ``versions/<rev>_<slug>.py`` with ``upgrade()``/``downgrade()``.

Discovery is by content: a ``.py`` file with a module-level ``revision = ...`` is a
revision script (``env.py`` and ``__init__.py`` are skipped; ``script.py.mako`` is not
``.py``). Revisions are ordered by their graph (``down_revision``, tuples of merge
revisions, ``depends_on``), parents first, ties and cycles by path. The version is the
revision id.

Findings, per revision (files are parsed with :mod:`ast`, never imported):

* RG200 -- no ``downgrade()`` function: ``alembic downgrade`` stops with an error.
* RG201 -- ``downgrade()`` is ``pass``/``...``/a docstring/a log line while ``upgrade()``
  changes something (the blind spot of ``pytest-alembic``'s round trip, which runs it and
  sees no error). An empty upgrade *and* downgrade (a merge revision) is fine.
* RG202 -- ``downgrade()`` raises unconditionally (``NotImplementedError``, any exception).
* RG203 -- ``upgrade()`` drops a table or column (``op.drop_*`` or ``batch_op.drop_column``),
  deletes or truncates rows (constant SQL in any ``.execute()``, ``table.delete()``,
  ``session.query(M).delete()``), or narrows a column type (``alter_column`` with
  ``type_=`` narrower than ``existing_type=``, both spelt out). Dropping an index or a
  constraint loses no data. Local helper functions called from ``upgrade()`` are followed,
  and both branches of ``if context.get_context()…`` are read.
* RG205 -- the file is not valid Python 3 (Python 2 revisions), or has no ``upgrade()``.

The multi-database template (``def upgrade(engine_name): globals()["upgrade_%s" % ...]()``)
is read as one pair ``upgrade_<engine>()``/``downgrade_<engine>()`` per engine.
"""

from __future__ import annotations

import ast
import heapq
import posixpath
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations.base import (
    Framework,
    FrameworkBase,
    Migration,
    Source,
    Unreadable,
    VerifyMode,
    unanalysable,
)
from rollback_gate.migrations.python import findings as pyfindings
from rollback_gate.migrations.python import pyast
from rollback_gate.migrations.python.alembic_ops import DATA_KINDS, Op, operations
from rollback_gate.migrations.python.words import ALEMBIC_WORDS
from rollback_gate.migrations.sqlengine import compat, wording
from rollback_gate.migrations.sqlengine.loss import column_types
from rollback_gate.migrations.sqlengine.steps import moved_finding
from rollback_gate.models import Finding

_HEADER = lazyre.compile(
    r"^(revision|down_revision|depends_on)[ \t]*(?::[^=\n]*)?=(?!=)[ \t]*", re.M
)
_SIMPLE = lazyre.compile(r"""(None|(['"])([\w.+-]*)\2)[ \t]*(?:#[^\n]*)?$""", re.M)
_SKIP = frozenset(["env.py", "__init__.py"])
_TOOL = "alembic downgrade"


_FuncDef = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class _Entry:
    path: str
    revision: str
    parents: tuple[str, ...]


def _value(text: str, start: int) -> object:
    """The literal assigned at ``start`` (a string, None, a tuple/list); ``...`` if not literal."""
    simple = _SIMPLE.match(text, start)
    if simple:  # the common case, without the cost of compiling an expression
        return None if simple.group(1) == "None" else simple.group(3)
    end = text.find("\n", start)
    lines = text[start : len(text) if end < 0 else end]
    for _ in range(30):  # a multi-line tuple: extend line by line until it parses
        try:
            return ast.literal_eval(lines.strip())
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            if end < 0:
                break
            nxt = text.find("\n", end + 1)
            lines = text[start : len(text) if nxt < 0 else nxt]
            end = nxt
    return ...


def _ids(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (tuple, list)):
        return tuple(v for v in value if isinstance(v, str))
    return ()


def _header(path: str, text: str) -> _Entry | None:
    """The revision and its parents, read with a regex (also works for Python 2 files)."""
    values: dict[str, object] = {}
    for m in _HEADER.finditer(text):
        values.setdefault(m.group(1), _value(text, m.end()))
    if "revision" not in values:
        return None
    revision = _ids(values["revision"])
    parents = _ids(values.get("down_revision")) + _ids(values.get("depends_on"))
    stem = posixpath.basename(path)[:-3]
    return _Entry(path, revision[0] if revision else stem, parents)


def revision_of(path: str, text: str) -> tuple[str, tuple[str, ...]] | None:
    """``(revision, parents)`` a revision file declares (None for another file)."""
    entry = _header(path, text)
    return None if entry is None else (entry.revision, entry.parents)


def _candidate(path: str) -> bool:
    base = posixpath.basename(path)
    return path.endswith(".py") and base not in _SKIP and not base.startswith(".")


def _order(entries: list[_Entry]) -> list[_Entry]:
    """Parents before children (Kahn's algorithm); ties, and any cycle, by path."""
    known = {e.revision for e in entries}
    waiting: dict[str, int] = {}
    children: dict[str, list[_Entry]] = {}
    ready: list[tuple[str, int, _Entry]] = []
    for i, e in enumerate(entries):
        parents = {p for p in e.parents if p in known and p != e.revision}
        waiting[e.path] = len(parents)
        for p in parents:
            children.setdefault(p, []).append(e)
        if not parents:
            heapq.heappush(ready, (e.path, i, e))
    ordered: list[_Entry] = []
    done: set[str] = set()
    while ready:
        _, _, e = heapq.heappop(ready)
        ordered.append(e)
        done.add(e.path)
        for child in children.get(e.revision, []):
            waiting[child.path] -= 1
            if waiting[child.path] == 0:
                heapq.heappush(ready, (child.path, 0, child))
    ordered += sorted((e for e in entries if e.path not in done), key=lambda e: e.path)
    return ordered


def _dispatches(func: _FuncDef) -> bool:
    """True for the multi-db template's ``globals()["upgrade_%s" % engine_name]()``."""
    return any(
        isinstance(c.func, ast.Name) and c.func.id in ("globals", "getattr", "eval")
        for stmt in func.body
        for c in pyast.calls(stmt)
    )


def _summary(ops: list[Op], up: _FuncDef) -> tuple[str, str]:
    """What the up step does (for messages) and the down-step code that would undo it."""
    shown = [o for o in ops if o.does and o.kind != "select"] or [o for o in ops if o.does]
    if not shown:
        stmt = next((s for s in up.body if pyast.noop([s], {}) is None), up.body[0])
        text = ast.unparse(stmt).splitlines()[0]
        return f"runs Python code (`{text[:60]}` …)", ""
    more = len(shown) - 1
    does = shown[0].does + (f" and {more} more operation{'s' if more != 1 else ''}" if more else "")
    undos = [o.undo for o in reversed(shown) if o.undo]
    undo = "; ".join(f"`{u}`" if u.startswith("op.") else u for u in undos[:3])
    if undos and len(undos) < len(shown):
        undo += " and the reverse of the other operations"
    return does, undo


class Alembic(FrameworkBase):
    """The Alembic analyser (see the module docstring)."""

    name = "alembic"
    verify: VerifyMode | None = "alembic"

    def detect(self, paths: Sequence[str], source: Source) -> int:
        count = 0
        for path in paths:
            if not _candidate(path):
                continue
            try:
                text = source.read_text(path)
            except Unreadable:
                continue
            if _HEADER.search(text) and "def upgrade" in text:
                count += 1
        return count

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        return self.from_facts(paths, {p: self.file_fact(p, source) for p in paths})

    def file_fact(self, path: str, source: Source) -> list[Any] | None:
        """What discovery needs of one file, as JSON: ``[revision, [parents…]]``, or None
        for a file that is no revision (kept across runs by its content: see
        :mod:`rollback_gate.results.listing`)."""
        if not _candidate(path):
            return None
        try:
            entry = _header(path, source.read_text(path))
        except Unreadable:
            # Cannot tell; under versions/ it is surely a revision: let analyse() raise
            # again so that the engine reports it (RG205) instead of passing silently.
            if "/versions/" not in f"/{path}":
                return None
            entry = _Entry(path, posixpath.basename(path)[:-3], ())
        return None if entry is None else [entry.revision, list(entry.parents)]

    def from_facts(self, paths: Sequence[str], facts: Mapping[str, Any]) -> list[Migration]:
        """The revisions of ``paths`` in their graph's order, from :meth:`file_fact`'s."""
        entries = []
        for p in paths:
            f = facts[p]
            if f is None:
                continue
            if not (
                isinstance(f, list) and len(f) == 2 and isinstance(f[0], str)
                and isinstance(f[1], list) and all(isinstance(x, str) for x in f[1])
            ):  # fmt: skip
                raise ValueError("a discovery fact that is not [revision, [parents]]")
            entries.append(_Entry(p, f[0], tuple(f[1])))
        result = []
        for e in _order(entries):
            stem = posixpath.basename(e.path)[:-3]
            name = stem.split("_", 1)[1] if stem.startswith(f"{e.revision}_") else stem
            result.append(Migration("alembic", e.revision, name, e.path, (e.path,)))
        return result

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        path = migration.path
        text = source.read_text(path)
        tree = pyast.parse(text, path)
        if isinstance(tree, Finding):
            yield tree
            return
        if "alembic.op import" in text or "drop_constraint" in text:  # (a walk costs)
            tree = _as_op_calls(tree)
        names = {**_imported(tree), **pyast.module_names(tree)}
        funcs = pyast.functions(tree.body)
        up, down = funcs.get("upgrade"), funcs.get("downgrade")
        if up is None:
            yield unanalysable(
                path,
                "the file has `revision =` but no upgrade() function: not an Alembic "
                "revision rollback-gate can classify",
                line=1,
                fix="write the migration in the framework's standard form, or waive with a reason",
                key=f"RG205:no-upgrade:{path}",
            )
            return
        pairs: list[tuple[_FuncDef, _FuncDef | None, str]] = [(up, down, "")]
        engines = sorted(n[len("upgrade_") :] for n in funcs if n.startswith("upgrade_"))
        if engines and _dispatches(up) and (down is None or _dispatches(down)):
            pairs = [
                (funcs[f"upgrade_{e}"], funcs.get(f"downgrade_{e}") if down else None, f"_{e}")
                for e in engines
            ]
        for up_fn, down_fn, suffix in pairs:
            yield from self._pair(path, up_fn, down_fn, suffix, names, funcs)

    def _pair(
        self,
        path: str,
        up: _FuncDef,
        down: _FuncDef | None,
        suffix: str,
        names: dict[str, ast.expr],
        funcs: dict[str, _FuncDef],
    ) -> Iterator[Finding]:
        up_label, down_label = f"upgrade{suffix}()", f"downgrade{suffix}()"
        for fn, label in ((up, up_label), (down, down_label)):
            dynamic = _dynamic_op(fn) if fn is not None else None
            if dynamic is not None:
                yield unanalysable(
                    path,
                    f"{label} calls the migration API dynamically (line {dynamic.lineno}: "
                    f"`{ast.unparse(dynamic)[:60]}`): rollback-gate cannot tell what it does",
                    line=dynamic.lineno,
                    fix="call op.* directly, as Alembic generates it, or waive RG205 once a "
                    "person has read what the call does",
                    key=f"RG205:dynamic{suffix}:{path}",
                )
                return
        ops, as_sql, old_types = operations(up.body, names, funcs)
        for o in ops:
            if o.destroys:
                yield pyfindings.destroys(path, o.line, o.kind, o.target, up_label, o.detail)
            elif o.moved:
                yield moved_finding(path, o.line, o.kind, o.target, up_label)
        restated, before = _down_says(down, names, funcs)
        # SQLAlchemy's ORM leaves out of an INSERT the attributes a record never set, so a
        # default the step gives fills the previous release's rows (open-event-server's
        # `alter_column(nullable=False, server_default='False')`, round Z)
        # (and the enums with their labels written out that may widen an old type not shown
        # here: the earlier revisions settle them, :mod:`.history.labelled`)
        found = compat.breaks(
            as_sql, old_types={**before, **old_types}, defaults_fill=True, enums=True
        )
        for b in found:
            if not (b.kind == "set_required" and b.target.lower() in restated):
                yield wording.finding(b, path, up_label, ALEMBIC_WORDS)
        up_noop = pyast.noop(up.body, funcs, names=names)
        does, undo = _summary(ops, up) if up_noop is None else ("does nothing", "")
        data_only = up_noop is None and all(o.kind in DATA_KINDS for o in ops)
        if down is None:
            yield pyfindings.no_reversal(
                path, up.lineno, down_label, f"{up_label} {does}", _TOOL, data_only=data_only
            )
            return
        refused = pyast.refusal(down.body, funcs, names=names)
        if refused is not None:
            raised = pyast.raised_text(refused)
            yield pyfindings.refuses(path, refused.lineno, down_label, raised, _TOOL)
            return
        down_noop = pyast.noop(down.body, funcs, names=names)
        if down_noop is not None and up_noop is None:
            yield pyfindings.noop_reversal(
                path,
                down.lineno,
                down_label,
                down_noop.what,
                up_label,
                does,
                undo,
                data_only=data_only,
            )


def _down_says(
    down: _FuncDef | None, names: dict[str, ast.expr], funcs: dict[str, _FuncDef]
) -> tuple[frozenset[str], dict[str, str]]:
    """What the down step tells of the schema before the up step: the ``table.column``s it
    leaves NOT NULL (the up step's ``alter_column(nullable=False)`` of one restates it,
    zou), and the types and CHECKs it puts back (:func:`loss.column_types`: a CHECK the up
    step re-creates looser under its name is no new constraint, skyvern, round J; an enum
    swapped for one with more labels is a widening, FitTrackee, round K)."""
    if down is None:
        return frozenset(), {}
    statements = operations(down.body, names, funcs)[1]
    required = frozenset(
        b.target.lower() for b in compat.breaks(statements) if b.kind == "set_required"
    )
    return required, column_types(statements)


class _OpCalls(ast.NodeTransformer):
    """``drop_column(…)`` → ``op.drop_column(…)`` for names imported from ``alembic.op``."""

    def __init__(self, imported: dict[str, str]) -> None:
        self.imported = imported

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        if isinstance(node.func, ast.Name) and node.func.id in self.imported:
            op = ast.Name("op", ast.Load())
            node.func = ast.copy_location(
                ast.Attribute(ast.copy_location(op, node.func), self.imported[node.func.id]),
                node.func,
            )
        return node


# Modules whose names a revision imports as SQLAlchemy types or Alembic's own
_SQLALCHEMY_MODULES = frozenset({"sqlalchemy", "alembic"})


def _imported(tree: ast.Module) -> dict[str, ast.expr]:
    """Each name the module imports from another package than SQLAlchemy's (the project's
    own, ``from storyboard.db.models import MYSQL_MEDIUM_TEXT``), as that module's
    attribute: a type it holds is defined out of sight, not one named after it
    (storyboard's 030 read as a type ``mysql_medium_text``, round BO)."""
    out: dict[str, ast.expr] = {}
    for node in tree.body:
        if not isinstance(node, ast.ImportFrom):
            continue
        root = (node.module or "").split(".", 1)[0] if not node.level else "."
        if root in _SQLALCHEMY_MODULES:
            continue
        for alias in node.names:
            if alias.name != "*":
                module = ast.Name(id=f"_from_{root.strip('.') or 'package'}", ctx=ast.Load())
                out[alias.asname or alias.name] = ast.Attribute(module, alias.name, ast.Load())
    return out


def _as_op_calls(tree: ast.Module) -> ast.Module:
    """``tree`` with the calls of names imported from ``alembic.op`` (``from alembic.op
    import add_column, drop_column``: rucio's 128 revisions, round X) written as
    ``op.<name>(…)``, so that they are read as Alembic writes them."""
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        for alias in node.names:
            if node.module == "alembic.op" and alias.name != "*":
                imported[alias.asname or alias.name] = alias.name
            elif node.module != "alembic.op" and _DROP_HELPER.fullmatch(alias.name):
                # … and a project's helper that says it only drops a constraint that may be
                # missing (rucio's `from rucio.db.sqla.util import try_drop_constraint`:
                # op.drop_constraint in a try), so that the CHECK created after it is read
                # as re-drawn
                imported[alias.asname or alias.name] = "drop_constraint"
    return _OpCalls(imported).visit(tree) if imported else tree


_DROP_HELPER = lazyre.compile(r"(?:try|safe)_drop_constraint|drop_constraint_if_exists")


def _dynamic_op(fn: _FuncDef) -> ast.expr | None:
    """The first dynamic use of ``op`` in ``fn``: ``getattr(op, …)``, a method of ``op``
    taken as a value (``d = op.drop_table``), or a dunder (``op.__getattribute__``)."""
    called: set[int] = set()
    seen: list[ast.expr] = []  # candidates in walk order, judged once every call is known
    for node in ast.walk(fn):  # one walk: this runs on every Alembic function
        if isinstance(node, ast.Call):
            called.add(id(node.func))
            if (
                isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "vars")
                and node.args
                and pyast.dotted(node.args[0]) == "op"
            ):
                seen.append(node)
        elif isinstance(node, ast.Attribute) and pyast.dotted(node.value) == "op":
            seen.append(node)
    for node in seen:
        if not isinstance(node, ast.Attribute):
            return node  # getattr(op, …) / vars(op)
        if node.attr.startswith("__") or id(node) not in called:
            return node
    return None


FRAMEWORK: Framework = Alembic()
