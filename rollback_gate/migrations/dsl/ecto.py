"""Ecto (Elixir) migrations: ``priv/repo/migrations/<timestamp>_<name>.exs``.

A migration is a module that does ``use Ecto.Migration`` and defines ``change/0`` (run
forward on deploy, reversed by Ecto on rollback) or ``up/0`` and ``down/0``. Ecto runs
``change`` when the module defines it (in both directions) and ``up``/``down`` otherwise.
The file is parsed with tree-sitter, never compiled.

Findings, per migration:

* RG200 — ``up/0`` without ``down/0`` and without ``change/0``.
* RG201 — ``down`` exists but does nothing (empty, ``nil``, ``:ok``, only logging) while
  ``up`` changes the schema. When ``up`` only changes rows (a backfill), RG200 and
  RG201 are P2, as in every framework (docs/severity-by-situation.md).
* RG202 — ``down`` raises, or ``change`` holds a command Ecto cannot reverse
  (``execute/1``, ``drop table``, ``remove`` without type, ``modify`` without ``:from`` …;
  see :mod:`.ecto_walk`).
* RG203 — the deploy direction drops a table or column, deletes rows (``delete_all``,
  ``execute "DELETE …"``, ``TRUNCATE``) or narrows a column (``modify … from:``).
* RG205 — the file does not parse, or holds no migration module.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

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
from rollback_gate.migrations.dsl import ecto_history, ecto_n1
from rollback_gate.migrations.dsl import elixirnodes as ex
from rollback_gate.migrations.dsl.common import (
    Issue,
    Steps,
    finding,
    judge_down,
    one_line,
    sql_effective,
)
from rollback_gate.migrations.dsl.ecto_types import column_types, not_null_columns
from rollback_gate.migrations.dsl.ecto_walk import StepWalker
from rollback_gate.migrations.dsl.rubynodes import first_error
from rollback_gate.migrations.treesitter import line_of, node_text, parse
from rollback_gate.models import Finding

# Ecto.Migrator takes any `<integer>_<anything>.exs`, spaces included; migrations compiled
# into the application (`.ex` under lib/, run with a module list: supabase/realtime's
# tenant migrations) are read the same way.
_FILENAME = ecto_history.MIGRATION_FILE
_MARKER = lazyre.compile(r"\buse\s+[\w.]*Migration\b")
_QUIET = frozenset({"comment", "atom", "nil", "string", "boolean", "integer"})


class EctoFramework(FrameworkBase):
    """The ``ecto`` framework analyser (see the module docstring)."""

    name = "ecto"

    def detect(self, paths: Sequence[str], source: Source) -> int:
        return count_marked(paths, source, _FILENAME, _MARKER)

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        found = numbered(self.name, paths, _FILENAME)
        ecto_history.remember(source, [m.path for m in found])
        return found

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        path = migration.path
        text = source.read_text(path)
        root = parse("elixir", text).root_node
        if root.has_error:
            error = first_error(root)
            line = line_of(error) if error is not None else 1
            yield _unanalysable(path, line, f"Elixir syntax error at line {line}", "parse")
            return
        modules = [m for m in _modules(root) if _is_migration_module(m)]
        if not modules:
            reason = "it defines no module that uses Ecto.Migration"
            yield _unanalysable(path, 1, reason, "no-module")
            return
        for module in modules:
            history = functools.partial(ecto_history.type_before, source, path)
            not_null = functools.partial(ecto_history.not_null_before, source, path)
            checks = functools.partial(ecto_history.check_before, source, path)
            defaulted = functools.partial(ecto_history.default_before, source, path)
            for issue in _analyse_module(module, history, not_null, checks, defaulted):
                yield finding(path, issue)


def _unanalysable(path: str, line: int, reason: str, key: str) -> Finding:
    return unanalysable(
        path,
        reason,
        line=line,
        fix="fix the file so that it parses as an Ecto migration, or waive with a reason",
        key=f"RG205:{key}",
    )


_FUNCTION_DEFS = frozenset({"def", "defp", "defmacro", "defmacrop"})


def _modules(node: ex.Node) -> Iterator[ex.Node]:
    """``defmodule`` calls at top level, nested in other modules, or inside a block a
    top-level macro wraps them in (keila's ``Keila.if_cloud do defmodule … end``, round O);
    not inside functions."""
    for child in node.named_children:
        if child.type != "call":
            continue
        name = ex.call_name(child)
        if name == "defmodule":
            yield child
            yield from _modules(ex.do_block(child) or child)
        elif name not in _FUNCTION_DEFS and (block := ex.do_block(child)) is not None:
            yield from _modules(block)


def _is_migration_module(node: ex.Node) -> bool:
    if node.type != "call" or ex.call_name(node) != "defmodule" or ex.receiver(node) is not None:
        return False
    body = ex.do_block(node)
    return any(
        stmt.type == "call" and ex.call_name(stmt) == "use" and _MARKER.search(node_text(stmt))
        for stmt in ex.statements(body)
    ) or bool({"change", "up"} & set(_functions(node)))


def _functions(module: ex.Node) -> dict[str, ex.Node]:
    """The module's ``def``/``defp`` of arity 0 by name (the first clause wins)."""
    found: dict[str, ex.Node] = {}
    for stmt in ex.statements(ex.do_block(module)):
        if stmt.type != "call" or ex.call_name(stmt) not in ("def", "defp"):
            continue
        args = ex.args_of(stmt)
        if not args.positional:
            continue
        head = args.positional[0]
        if head.type == "call":
            if ex.args_of(head).positional:
                continue  # arity > 0: not a migration callback nor a plain helper
            name = ex.call_name(head)
        elif head.type == "identifier":
            name = node_text(head)
        else:
            continue
        found.setdefault(name, stmt)
    return found


def _body(function: ex.Node) -> list[ex.Node]:
    """Statements of ``def x do … end`` or the expression of ``def x, do: …``."""
    block = ex.do_block(function)
    if block is not None:
        return ex.statements(block)
    inline = ex.args_of(function).keywords.get("do")
    return [inline] if inline is not None else []


def _analyse_module(
    module: ex.Node,
    history: Callable[[str], str | None],
    not_null: Callable[[str], bool] | None = None,
    checks: Callable[[str, str], str | None] | None = None,
    defaulted: Callable[[str], bool] | None = None,
) -> Iterator[Issue]:
    with ex.naming(ex.do_block(module)):  # (read here, whole: the names end with the module)
        yield from list(_module_issues(module, history, not_null, checks, defaulted))


def _module_issues(
    module: ex.Node,
    history: Callable[[str], str | None],
    not_null: Callable[[str], bool] | None = None,
    checks: Callable[[str, str], str | None] | None = None,
    defaulted: Callable[[str], bool] | None = None,
) -> Iterator[Issue]:
    functions = _functions(module)
    strings = ex.StringResolver(ex.attributes(ex.do_block(module)))
    helpers = {k: v for k, v in functions.items() if k not in ("change", "up", "down")}
    up, down = functions.get("up"), functions.get("down")
    if "change" in functions:
        # Ecto.Migrator tries change/0 before up/0 and down/0, in both directions.
        walker = StepWalker("change", strings, helpers, history=history)
        walker.walk(_body(functions["change"]), "change")
        yield from walker.issues
        yield from ecto_n1.issues(
            walker.n1,
            walker.n1_types,
            "change",
            was_not_null=not_null,
            check_before=checks,
            had_default=defaulted,
        )
        return
    if up is None:
        return
    previous = column_types(_body(down), strings) if down is not None else {}
    walker = StepWalker("up", strings, helpers, previous, history)
    walker.walk(_body(up), "up")
    yield from walker.issues
    restated = not_null_columns(_body(down)) if down is not None else frozenset()
    types = {**previous, **walker.n1_types}
    yield from ecto_n1.issues(walker.n1, types, "up", restated, not_null, checks, defaulted)
    body = _body(down) if down is not None else []
    refusal = next((s for s in body if s.type == "call" and ex.call_name(s) == "raise"), None)
    yield from judge_down(
        _STEPS,
        up_line=line_of(up),
        down_line=line_of(down) if down is not None else None,
        refusal=(line_of(refusal), one_line(node_text(refusal), 80)) if refusal else None,
        down_acts=down is not None and _does_something(body, strings),
        schema=walker.schema,
        effective=walker.effective,
        first_change=walker.first_change,
    )


_STEPS = Steps(
    up="`up/0`",
    down="`down/0`",
    change="`change/0`",
    rollback="`mix ecto.rollback`",
    missing="`mix ecto.rollback` fails here: the module implements neither `down/0` nor "
    "`change/0`, so what `up` did stays and no earlier release can be restored",
    refuse="raise",
)


def _does_something(body: list[ex.Node], strings: ex.StringResolver) -> bool:
    for stmt in body:
        if stmt.type in _QUIET:
            continue
        if stmt.type == "call":
            receiver = ex.receiver(stmt) or ""
            if receiver in ("IO", "Logger") or ex.call_name(stmt) == "flush":
                continue
            args = ex.args_of(stmt)
            if ex.call_name(stmt) == "execute" and args.positional:
                resolved = strings.resolve(args.positional[0], {})
                if resolved is not None and not sql_effective(resolved[0]):
                    continue
        return True
    return False


FRAMEWORK: Framework = EctoFramework()
