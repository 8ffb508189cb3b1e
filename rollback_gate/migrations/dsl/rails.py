"""Rails (ActiveRecord) migrations: ``db/migrate/<timestamp>_<name>.rb``.

A migration is a class inheriting from ``ActiveRecord::Migration[x.y]`` (or the unversioned
``ActiveRecord::Migration`` of Rails ≤ 4, or a project's own ``…Migration`` base class).
Rails runs ``change`` when the class defines it (forward on deploy, inverted by the
CommandRecorder on rollback) and otherwise ``up`` / ``down`` (instance methods, or the
``def self.up`` class methods of Rails 2/3). The file is parsed with tree-sitter, never
loaded.

Findings, per migration:

* RG200 — ``up`` without ``down`` and without ``change``: ``rails db:rollback`` reports
  success and changes nothing.
* RG201 — ``down`` exists but does nothing (empty, comments, only ``say``/``puts``) while
  ``up`` changes the schema. When ``up`` only changes rows (a backfill), RG200 and
  RG201 are P2, as in every framework (docs/severity-by-situation.md).
* RG202 — ``down`` raises (``raise ActiveRecord::IrreversibleMigration``), or ``change``
  holds a command the CommandRecorder cannot invert (see :mod:`.rails_rules`).
* RG203 — the deploy direction drops a table or column, deletes rows (``delete_all``,
  ``execute "DELETE …"``, ``TRUNCATE``) or narrows a type in SQL it executes.
* RG205 — the file does not parse, or holds no migration class.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.base import (
    Framework,
    FrameworkBase,
    Migration,
    Source,
    count_marked,
    numbered,
    unanalysable,
)
from rollback_gate.migrations.dsl import rails_n1, rubynodes
from rollback_gate.migrations.dsl.common import (
    Issue,
    Steps,
    finding,
    judge_down,
    one_line,
    sql_effective,
)
from rollback_gate.migrations.dsl.rails_data import column_types
from rollback_gate.migrations.dsl.rails_walk import StepWalker, is_logging, refusal_in
from rollback_gate.migrations.dsl.rubynodes import Node, StringResolver, call_name
from rollback_gate.migrations.treesitter import line_of, node_text, parse
from rollback_gate.models import Finding

# `20240101120000_add_note.rb`, `001_create_users.rb`, engine copies `…_x.spree.rb`.
_FILENAME = lazyre.compile(r"^(\d+)_([A-Za-z0-9_]+?)(?:\.[A-Za-z0-9_]+)?\.rb$")
# `class X < ActiveRecord::Migration[7.1]`, a project base class, or an engine's
# `class X < (cond ? ActiveRecord::Migration[4.2] : ActiveRecord::Migration)`.
_MIGRATION_CLASS = lazyre.compile(r"^[ \t]*class\s+[\w:]+\s*<[^\n]*Migration", re.MULTILINE)
_MIGRATION_SUPER = lazyre.compile(r"Migration\b")
_QUIET = frozenset({"string", "simple_symbol", "nil", "true", "false", "integer", "comment"})


class RailsFramework(FrameworkBase):
    """The ``rails`` framework analyser (see the module docstring)."""

    name = "rails"

    def detect(self, paths: Sequence[str], source: Source) -> int:
        return count_marked(paths, source, _FILENAME, _MIGRATION_CLASS)

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        return numbered(self.name, paths, _FILENAME)

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        path = migration.path
        text = source.read_text(path)
        root = parse("ruby", text).root_node
        if root.has_error:
            error = rubynodes.first_error(root)
            line = line_of(error) if error is not None else 1
            yield _unanalysable(path, line, f"Ruby syntax error at line {line}", "parse")
            return
        classes = _migration_classes(root)
        if not classes:
            reason = "it defines no class inheriting from ActiveRecord::Migration"
            yield _unanalysable(path, 1, reason, "no-class")
            return
        for cls in classes:
            for issue in _analyse_class(cls, root):
                yield finding(path, issue)


def _migration_classes(node: Node) -> list[Node]:
    """Classes inheriting from a ``…Migration`` class, at top level or inside modules and
    classes (engines nest them); method bodies are not searched."""
    found: list[Node] = []
    for child in node.named_children:
        if child.type == "class":
            sup = child.child_by_field_name("superclass")
            if sup is not None and _MIGRATION_SUPER.search(node_text(sup)):
                found.append(child)
                continue
        if child.type in ("class", "module", "body_statement", "begin_block"):
            body = child.child_by_field_name("body") if child.type != "body_statement" else child
            if body is not None:
                found.extend(_migration_classes(body))
    return found


def _unanalysable(path: str, line: int, reason: str, key: str) -> Finding:
    return unanalysable(
        path,
        reason,
        line=line,
        fix="fix the file so that it parses as a Rails migration, or waive with a reason",
        key=f"RG205:{key}",
    )


def _methods(cls: Node) -> dict[str, Node]:
    """The class's methods by name: ``def x``, ``def self.x`` and ``class << self`` ones."""
    methods: dict[str, Node] = {}
    body = cls.child_by_field_name("body")
    if body is None:
        return methods
    for child in rubynodes.statements(body):
        nodes = [child]
        if child.type == "singleton_class":
            inner = child.child_by_field_name("body")
            nodes = list(inner.named_children) if inner is not None else []
        for node in nodes:
            if node.type in ("method", "singleton_method"):
                name = node.child_by_field_name("name")
                if name is not None:
                    methods.setdefault(node_text(name), node)
    return methods


def _direction_blocks(method: Node, direction: str) -> list[Node]:
    """The blocks of ``dir.<direction> { … }`` calls in a method (``reversible do |dir|``)."""
    body = method.child_by_field_name("body")
    if body is None:
        return []
    return [
        block
        for call in rubynodes.captures(body, "(call) @c").get("c", [])
        if call_name(call) == direction
        and rubynodes.receiver_text(call) not in (None, "self")
        and (block := call.child_by_field_name("block")) is not None
    ]


def _constants(cls: Node) -> dict[str, Node]:
    body = cls.child_by_field_name("body")
    if body is None:
        return {}
    return {
        node_text(left): right
        for child in body.named_children
        if child.type == "assignment"
        and (left := child.child_by_field_name("left")) is not None
        and left.type == "constant"
        and (right := child.child_by_field_name("right")) is not None
    }


def _analyse_class(cls: Node, root: Node) -> Iterator[Issue]:
    methods = _methods(cls)
    strings = StringResolver(root, _constants(cls))
    helpers = {k: v for k, v in methods.items() if k not in ("change", "up", "down")}
    if "change" in methods:
        # Rails prefers change over up/down when a class defines both.
        walker = StepWalker("change", strings, helpers)
        walker.walk(methods["change"].child_by_field_name("body"), "change")
        yield from walker.issues
        # (what a `reversible` block's `dir.down` restores is the down step of its `dir.up`:
        # get-help-with-tech's `change_column … null: false` there, round BS: a miss)
        downs = _direction_blocks(methods["change"], "down")
        previous = {k: v for b in downs for k, v in column_types(b, strings).items()}
        yield from rails_n1.issues(walker.n1, previous, "change")
        return
    up = methods.get("up")
    if up is None:
        return
    down = methods.get("down")
    previous = column_types(down.child_by_field_name("body"), strings) if down else {}
    walker = StepWalker("up", strings, helpers, previous)
    walker.walk(up.child_by_field_name("body"), "up")
    yield from walker.issues
    yield from rails_n1.issues(walker.n1, previous, "up")
    refusal = refusal_in(down.child_by_field_name("body")) if down is not None else None
    yield from judge_down(
        _STEPS,
        up_line=line_of(up),
        down_line=line_of(down) if down is not None else None,
        refusal=(line_of(refusal), one_line(node_text(refusal), 80)) if refusal else None,
        down_acts=down is not None and _does_something(down, strings),
        schema=walker.schema,
        effective=walker.effective,
        first_change=walker.first_change,
    )


_STEPS = Steps(
    up="`up`",
    down="`down`",
    change="`change`",
    rollback="`rails db:rollback`",
    missing="`rails db:rollback` reports success but leaves everything `up` did in place",
    refuse="`raise ActiveRecord::IrreversibleMigration`",
)


def _does_something(method: Node, strings: StringResolver) -> bool:
    body = method.child_by_field_name("body")
    if body is None:
        return False
    for child in rubynodes.statements(body):
        if child.type in _QUIET:
            continue
        if child.type == "call" and is_logging(child):
            continue
        if child.type == "call" and call_name(child) == "execute":
            args = rubynodes.args_of(child)
            resolved = strings.resolve(args.positional[0]) if args.positional else None
            if resolved is not None and not sql_effective(resolved[0]):
                continue
        return True
    return False


FRAMEWORK: Framework = RailsFramework()
