"""RG223 on an Alembic enum column whose labels only earlier revisions write out.

A native enum made a string as long as its longest label, or swapped for another enum with
the same labels or more, changes no value the previous release reads or writes. One
revision often cannot tell: backend.ai (round AE) relaxes ``kernels.status`` with ``ALTER
TABLE kernels ALTER COLUMN status TYPE VARCHAR(64) USING status::VARCHAR`` in raw SQL (the
old type not visible at all), makes ``sessions.session_type`` a ``String(64)`` whose
``existing_type`` names the enum ``sessiontypes`` without its labels, and moves
``sessions.result`` from ``sessionresults`` to ``sessionresult``, a type a revision of 2019
made with the same three labels.

So, asked once per run and only for such RG223 occurrences of Alembic revisions (the old
type not visible, or a bare type name; the new one a string or a bare type name): the
ancestors of the finding's revision are read with :mod:`ast`, never imported, in the
revision graph's order, following

* the labels of each named enum: ``sa.Enum("a", "b", name="n")`` or ``postgresql.ENUM``
  anywhere in the module (labels written out, or a module-level tuple spread into it; an
  enum class is not known), and SQL strings' ``CREATE TYPE n AS ENUM (…)``, ``ALTER TYPE
  n ADD VALUE`` and ``RENAME TO``;
* the enum each column has: ``sa.Column("c", <enum>)`` in ``op.create_table`` or
  ``op.add_column``, ``op.alter_column(type_=…)`` and SQL ``ALTER TABLE t ALTER COLUMN c
  TYPE n``. Any other type makes the column's type unknown.

An occurrence is no break when the column's labels before the revision all fit the new
string type (:func:`~rollback_gate.migrations.sqlengine.coltypes.widens`), or are all
labels of the new enum.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from functools import partial

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import (
    ENUM_CREATED,
    ENUM_VALUE_ADDED,
    TYPE_RENAMED,
    bare,
    enum_labels,
)
from rollback_gate.checks.history.restated import ancestors, revision_graph
from rollback_gate.checks.history.retyped import UNSEEN
from rollback_gate.migrations.base import parse_quietly
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.python import pyast
from rollback_gate.migrations.sqlengine.coltypes import is_string, widens
from rollback_gate.migrations.sqlengine.model import MAYBE_WIDER as MAYBE
from rollback_gate.models import Finding

_CHANGE = lazyre.compile(
    r"changes the type of (?P<table>[\w$.]+)\.(?P<column>[\w$]+) (?:from (?P<old>.+?) )?"
    r"to (?P<new>.+?), not a pure widening"
)
_BARE = lazyre.compile(r"^[A-Za-z_][\w$]*$")
_ENUM_TEXT = lazyre.compile(r"^enum\((.*)\)$", re.IGNORECASE | re.DOTALL)
_SQL_NAME = r"\"?([\w$]+)\"?"
_ALTER_TABLE = lazyre.compile(
    rf"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?(?:{_SQL_NAME}\.)?{_SQL_NAME}([^;]*)", re.I
)
_COLUMN_TYPE = lazyre.compile(
    rf"\bALTER\s+(?:COLUMN\s+)?{_SQL_NAME}\s+(?:SET\s+DATA\s+)?TYPE\s+(?:{_SQL_NAME}\.)?{_SQL_NAME}",
    re.IGNORECASE,
)

Labels = tuple[str, ...] | None  # None: an enum whose labels are not known here


class _State:
    """What the earlier revisions say of named enums and the enum each column has.

    A module defines enum objects it may never create (backend.ai's revisions hold the old
    and the new ``kernelstatus`` side by side, and swap them through a rename), so each
    name's labels are kept two ways: every label any definition gave it (to ask whether
    all the values a column may hold fit a string) and the labels every definition gave it
    (to ask whether a new enum takes them all). An enum whose labels are not written out
    makes its name unknown.
    """

    def __init__(self) -> None:
        self.union: dict[str, Labels] = {}
        self.every: dict[str, Labels] = {}
        self.columns: dict[tuple[str, str], str | None] = {}  # (table, column) → enum name

    def enum(self, name: str, labels: Labels) -> None:
        """A definition of enum ``name`` (``labels`` None: not written out)."""
        if name in self.union and (labels is None or self.union[name] is None):
            self.union[name] = self.every[name] = None
        elif name in self.union:
            self.union[name] = (*(self.union[name] or ()), *(labels or ()))
            self.every[name] = tuple(v for v in self.every[name] or () if v in (labels or ()))
        else:
            self.union[name] = self.every[name] = labels

    def add(self, name: str, label: str) -> None:
        for held in (self.union, self.every):
            if held.get(name) is not None:
                held[name] = (*(held[name] or ()), label)

    def rename(self, old: str, new: str) -> None:
        if old in self.union:
            self.enum(new, self.union[old])
        for key, on in self.columns.items():
            if on == old:
                self.columns[key] = new

    def column(self, table: str, column: str, enum: str) -> None:
        """The type ``table.column`` was given: enum ``enum``, or another (``""``)."""
        self.columns[(table, column)] = enum or None

    def labels_of(self, table: str, column: str, old: str | None) -> Labels:
        """Every label the column may hold before the revision, as far as known."""
        if old and (m := _ENUM_TEXT.match(old)):
            return tuple(enum_labels(m.group(1)))
        if old and _BARE.match(old) and old.lower() in self.union:
            return self.union[old.lower()]
        if old is None or old.lower() == "enum":  # (not seen, or an enum of no labels; a
            # type the revision names, `integer`, is what it says)
            name = self.columns.get((table, column))
            return self.union.get(name) if name else None
        return None


def judge(
    ctx: Context, findings: list[Finding], folders: Sequence[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG223 occurrences of Alembic revisions the earlier revisions'
    enum labels show to be no narrowing (``folders`` and ``files`` unused: the history is
    the entry's whole folder, in the revision graph's order)."""
    asked = [
        f for f in findings
        if f.rule == "RG223" and (f.path or "").endswith(".py")
        and any(_asked(o) for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    history, texts, graph = revision_graph(ctx, asked)
    wanted = {f.path or "" for f in asked} & graph.keys()
    if not wanted:
        return findings
    needed = set().union(*(ancestors(p, graph) for p in wanted))
    events: dict[str, list[tuple[int, _Event]]] = {}
    broken: set[str] = set()
    for path in needed:
        try:
            tree = parse_quietly(texts[path], path)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            broken.add(path)
            continue
        events[path] = sorted(_events(tree), key=lambda e: e[0])
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        if f.path not in wanted:
            continue
        earlier = ancestors(f.path or "", graph)
        if earlier & broken:
            continue  # (the finding stays: its history is not fully known)
        state = _State()
        for p in history:  # parents first
            if p in earlier:
                for _, event in events.get(p, ()):
                    event(state)
        made = _created(texts.get(f.path or "", ""), f.path or "")
        kept = [_settled(o, state) for o in occurrences(f) if not _fits(o, state, made)]
        if len(kept) <= len(f.related) or kept != occurrences(f):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _asked(o: Finding) -> bool:
    m = _CHANGE.search(o.message)
    if m is None:
        return False
    old, new = m["old"], m["new"]
    return (old is None or _BARE.match(old) is not None or old.lower().startswith("enum(")) and (
        is_string(new) or _BARE.match(new) is not None or _candidate(o, new)
    )


def _candidate(o: Finding, new: str) -> bool:
    """Whether ``o`` is a candidate (:data:`MAYBE`) whose new type is an enum with its labels
    written out, the old one not shown (``type_=sa.Enum("a", "b", name="t2")``): the earlier
    revisions tell whether it keeps every label (faf's ``repo_type2``, swapped in with
    ``postgresql_using="type::text::repo_type2"``, round CR), and it is dropped where they
    do not (``retyped`` settles the candidates)."""
    return MAYBE in o.message and _ENUM_TEXT.match(new) is not None


def _settled(o: Finding, state: _State) -> Finding:
    """A candidate whose labels before the revision are known, and which drops some, is a
    finding that names them; any other occurrence is left as it is."""
    m = _CHANGE.search(o.message)
    if m is None or not _candidate(o, m["new"]):
        return o
    table, column = m["table"].rsplit(".", 1)[-1].lower(), m["column"].lower()
    labels = state.labels_of(table, column, m["old"])
    new = _ENUM_TEXT.match(m["new"])
    if not labels or new is None:
        return o
    gone = [v for v in labels if v not in set(enum_labels(new.group(1)))]
    said = ("the label " if len(gone) == 1 else "the labels ") + ", ".join(f"'{v}'" for v in gone)
    message = o.message.replace(f" ({MAYBE})", "").replace(
        f" ({UNSEEN})", f" (it drops {said} the earlier revisions gave it)"
    )
    return dataclasses.replace(o, message=message)


def _fits(o: Finding, state: _State, made: dict[str, Labels] | None = None) -> bool:
    """Whether the occurrence's column, as the earlier revisions left it, holds only
    labels its new type takes; ``made``: the enums the revision itself creates (name →
    labels), which a swap through a temporary type moves the column between."""
    m = _CHANGE.search(o.message)
    if m is None or not _asked(o):
        return False
    made = made or {}
    table, column = m["table"].rsplit(".", 1)[-1].lower(), m["column"].lower()
    old = m["old"]
    if old and old.lower() in made and old.lower() not in state.union:
        labels = made[old.lower()]  # (the temporary type the revision made, swapped back)
    else:
        labels = state.labels_of(table, column, old)
    if not labels:
        return False
    new = m["new"]
    if (written := _ENUM_TEXT.match(new)) is not None:
        return set(labels) <= set(enum_labels(written.group(1)))
    if _BARE.match(new) and new.lower() in made:
        wider = made[new.lower()]
        return wider is not None and set(labels) <= set(wider)
    if _BARE.match(new) and new.lower() in state.every:
        wider = state.every[new.lower()]
        return wider is not None and set(labels) <= set(wider)
    if any("'" in v or "," in v or not v for v in labels):
        return False
    return is_string(new) and widens("enum(" + ",".join(f"'{v}'" for v in labels) + ")", new)


_Event = Callable[[_State], None]


def _created(text: str, path: str) -> dict[str, Labels]:
    """The enums a revision's ``upgrade()`` creates with ``<enum>.create(…)``, the enum a
    module-level ``sa.Enum(…, name=…)`` (name → its labels, the last created of a name):
    faf's swap through ``_repo_type``, made with every old label and ``dnf``, and
    ``repo_type`` made again with them (round CR)."""
    try:
        tree = parse_quietly(text, path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    names = pyast.module_names(tree)
    up = next((s for s in tree.body if isinstance(s, ast.FunctionDef) and s.name == "upgrade"),
              None)  # fmt: skip
    out: dict[str, Labels] = {}
    for node in ast.walk(up) if up is not None else ():
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "create":
            continue
        target = node.func.value
        if isinstance(target, ast.Name):
            target = names.get(target.id, target)
        if isinstance(target, ast.Call) and (enum := _enum(target, names)) is not None:
            out[enum[0]] = enum[1]
    return out


def _events(tree: ast.Module) -> Iterator[tuple[int, _Event]]:
    """``(line, event)`` of a revision's enums and enum columns (see :class:`_State`),
    outside its ``downgrade()`` (which makes the old labels again)."""
    names = pyast.module_names(tree)
    up = [s for s in tree.body if not (isinstance(s, ast.FunctionDef) and s.name == "downgrade")]
    for node in (n for s in up for n in ast.walk(s)):
        if isinstance(node, ast.Call) and (enum := _enum(node, names)) is not None:
            yield node.lineno, partial(_State.enum, name=enum[0], labels=enum[1])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield from ((node.lineno, e) for e in _sql_events(node.value))
    read = pyast.upgrade_calls(tree)
    for call in read[0] if read is not None else ():
        assert isinstance(call.func, ast.Attribute)
        op = call.func.attr
        table = (pyast.const_str(pyast.arg(call, 0, "table_name"), names) or "").lower()
        if op in ("create_table", "add_column") and table:
            for a in call.args[1:] if op == "create_table" else call.args[1:2]:
                if isinstance(a, ast.Call) and pyast.last_name(a.func) == "Column" and a.args:
                    column = (pyast.const_str(a.args[0], names) or "").lower()
                    typ = a.args[1] if len(a.args) > 1 else None
                    yield a.lineno, _column(table, column, _enum_name(typ, names))
        elif op == "alter_column" and table and (typ := pyast.arg(call, 99, "type_")):
            column = (pyast.const_str(pyast.arg(call, 1, "column_name"), names) or "").lower()
            yield call.lineno, _column(table, column, _enum_name(typ, names))


def _enum(call: ast.Call, names: dict[str, ast.expr]) -> tuple[str, Labels] | None:
    """``(name, labels)`` of ``sa.Enum(…, name="n")`` / ``postgresql.ENUM(…)``; labels
    None when not all written out (an enum class)."""
    if pyast.last_name(call.func) not in ("Enum", "ENUM"):
        return None
    name = pyast.const_str(pyast.arg(call, 99, "name"), names)
    if not name:
        return None
    labels: list[str] = []
    for a in call.args:
        items: list[ast.expr] = [a]
        if isinstance(a, ast.Starred):
            # (a tuple or list, or such joined by `+`: faf's `old_values + ["dnf"]`)
            items = pyast.sequence(a.value, names) or []
            if not items:
                return name.lower(), None
        for item in items:
            value = pyast.const_str(item, names)
            if value is None:
                return name.lower(), None
            labels.append(value)
    return name.lower(), tuple(labels) or None


def _enum_name(node: ast.expr | None, names: dict[str, ast.expr]) -> str:
    """The enum a column type names (``""``: another type)."""
    if isinstance(node, ast.Name) and isinstance(names.get(node.id), ast.Call):
        node = names[node.id]
    if isinstance(node, ast.Call) and (enum := _enum(node, names)) is not None:
        return enum[0]
    return ""


def _column(table: str, column: str, enum: str) -> _Event:
    return partial(_State.column, table=table, column=column, enum=enum)


def _sql_events(sql: str) -> Iterator[_Event]:
    if "TYPE" not in sql.upper():
        return
    for m in ENUM_CREATED.finditer(sql):
        yield partial(_State.enum, name=bare(m.group(1)), labels=tuple(enum_labels(m.group(2))))
    for m in ENUM_VALUE_ADDED.finditer(sql):
        yield partial(_State.add, name=bare(m.group(1)), label=m.group(2).replace("''", "'"))
    for m in TYPE_RENAMED.finditer(sql):
        yield partial(_State.rename, old=bare(m.group(1)), new=bare(m.group(2)))
    for m in _ALTER_TABLE.finditer(sql):
        for c in _COLUMN_TYPE.finditer(m.group(3)):
            yield _column(m.group(2).lower(), c.group(1).lower(), c.group(3).lower())
