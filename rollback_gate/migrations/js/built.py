"""The up and down steps of a migration built by a helper call (see :mod:`.linker`).

``module.exports = createDropColumnMigration('posts', 'author_id')`` exports whatever the
helper returns. :func:`built_steps` follows the call into the helper (in the repository),
binds the call's constant arguments and reads the returned object's ``up``/``down``, also
through wrappers that take the steps as named functions
(``createTransactionalMigration(async function up(knex) {…}, async function down(knex) {…})``)
and through spreads (``{...createAddColumnMigration(…), down: async () => {}}``, where the
migration's own members win). A ``config: {irreversible: true}`` member, in the migration or
in what the helper returns, declares that the rollback does not undo it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rollback_gate.migrations import treesitter
from rollback_gate.migrations.js.linker import Linker, bind, returned
from rollback_gate.migrations.js.source import FUNCTION_TYPES, JsModule, args

StepRef = tuple[JsModule, Any]
"""A step's node and the module (with bound arguments) it must be read in."""


@dataclass
class Built:
    """Steps found through helpers; what could not be followed; an irreversible flag."""

    steps: dict[str, StepRef] = field(default_factory=dict)
    unresolved: str = ""
    irreversible: int | None = None  # line of `irreversible: true`
    line: int = 0  # line of the first helper call the steps come through


def built_steps(module: JsModule, linker: Linker) -> Built:
    """The steps the module's exported helper calls and spreads provide."""
    built = Built()
    for container in module.containers:
        _expr(module, container, linker, built, 0)
    return built


def _expr(module: JsModule, node: Any, linker: Linker, built: Built, depth: int) -> None:
    if node is None or depth > 6:
        return
    kind = node.type
    if kind in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        if node.named_children:
            _expr(module, node.named_children[0], linker, built, depth + 1)
        return
    if kind == "identifier":
        decl = module.decls.get(treesitter.node_text(node))
        if decl is not None and decl is not node:
            _expr(module, decl, linker, built, depth + 1)
        return
    if kind == "call_expression":
        _call(module, node, linker, built, depth)
    elif kind == "object":
        _object(module, node, linker, built, depth)


def _object(module: JsModule, node: Any, linker: Linker, built: Built, depth: int) -> None:
    own: dict[str, StepRef] = {}
    for member in node.named_children:
        if member.type == "spread_element" and member.named_children:
            _expr(module, member.named_children[0], linker, built, depth + 1)
        elif member.type == "method_definition":
            name = treesitter.node_text(member.child_by_field_name("name"))
            if name in ("up", "down"):
                own[name] = (module, member)
        elif member.type == "pair":
            key = treesitter.node_text(member.child_by_field_name("key")).strip("'\"")
            value = member.child_by_field_name("value")
            if key in ("up", "down") and value is not None:
                own[key] = (module, value)
            elif key == "config" and value is not None and _irreversible(value):
                built.irreversible = treesitter.line_of(member)
        elif member.type == "shorthand_property_identifier":
            name = treesitter.node_text(member)
            if name in ("up", "down"):
                own[name] = (module, module.decls.get(name, member))
    built.steps.update(own)  # the migration's own members override the spread ones


def _irreversible(node: Any) -> bool:
    if node.type == "call_expression":  # Object.assign({}, config, {irreversible: true})
        return any(_irreversible(a) for a in args(node))
    if node.type != "object":
        return False
    for pair in node.named_children:
        if pair.type == "pair":
            key = treesitter.node_text(pair.child_by_field_name("key")).strip("'\"")
            value = pair.child_by_field_name("value")
            if key == "irreversible" and value is not None and value.type == "true":
                return True
    return False


def _call(module: JsModule, call: Any, linker: Linker, built: Built, depth: int) -> None:
    built.line = built.line or treesitter.line_of(call)
    named: dict[str, StepRef] = {}
    for arg in args(call):  # wrapper(async function up(knex) {…}, async function down(…) {…})
        name = arg.child_by_field_name("name") if arg.type in FUNCTION_TYPES else None
        if name is not None and treesitter.node_text(name) in ("up", "down"):
            named[treesitter.node_text(name)] = (module, arg)
        elif arg.type == "object":
            _object(module, arg, linker, built, depth + 1)
    fn = call.child_by_field_name("function")
    target = linker.function(module, fn)
    if target is None:
        if not named and "up" not in built.steps:
            built.unresolved = treesitter.node_text(fn) if fn is not None else "?"
        built.steps.update(named)
        return
    helper_module, helper = target
    inner = Built()
    _expr(bind(helper, call, module, helper_module), returned(helper), linker, inner, depth + 1)
    if inner.irreversible is not None:
        built.irreversible = treesitter.line_of(call)
    if named:  # the wrapper forwards the named steps; it may add the one not given
        inner.steps = {k: v for k, v in inner.steps.items() if k not in named}
    built.steps.update(inner.steps)
    built.steps.update(named)
    built.unresolved = built.unresolved or inner.unresolved
