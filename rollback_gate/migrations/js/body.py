"""Classifying a JavaScript/TypeScript step body: does it do anything, or refuse?

A down step that is empty, holds only comments, ``return Promise.resolve()``, logging or
a transaction that does nothing reports success and changes nothing (RG201); one that
throws or returns ``Promise.reject(…)`` unconditionally refuses (RG202). A ``throw``
after a statement that may ``return`` (a retry loop) is conditional and not a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import treesitter
from rollback_gate.migrations.js.source import (
    FUNCTION_TYPES,
    SQL_METHODS,
    JsFunction,
    JsModule,
    args,
    callee,
    static_string,
)
from rollback_gate.migrations.sqlengine.steps import sql_effective

_NOOP_CALLEES = lazyre.compile(
    r"^(?:console\.\w+|Promise\.resolve|Promise\.all|resolve|done|callback|cb|next|"
    r"(?:this\.)?(?:logger|log)\.\w+|Logger\.\w+|debug)$"
)
_WRAPPERS = frozenset({"transaction", "__awaiter", "Promise"})


NOOP, EFFECT, REFUSE, MAYBE_REFUSE = "noop", "effect", "refuse", "maybe_refuse"


@dataclass(frozen=True)
class BodyClass:
    """How a step body behaves: does something, does nothing, or refuses (and where)."""

    verdict: str
    line: int
    reason: str = ""


def classify_body(fn: JsFunction, module: JsModule) -> BodyClass:
    """Classify a step's body (a block or an arrow's expression)."""
    body = fn.body
    if body is None:
        return BodyClass(NOOP, fn.line)
    if body.type == "statement_block":
        return _block(body, module)
    return _expr(body, module)


def _block(block: Any, module: JsModule) -> BodyClass:
    effect: BodyClass | None = None
    maybe: BodyClass | None = None
    returned = False  # a `throw` after a statement that may `return` is conditional
    for stmt in block.named_children:
        verdict = _stmt(stmt, module)
        if verdict.verdict == REFUSE and returned:
            verdict = BodyClass(MAYBE_REFUSE, verdict.line, verdict.reason)
        if verdict.verdict == REFUSE:
            return verdict
        returned = returned or _may_return(stmt)
        if verdict.verdict == EFFECT and effect is None:
            effect = verdict
        if verdict.verdict == MAYBE_REFUSE and maybe is None:
            maybe = verdict
    if effect is not None:
        return effect
    if maybe is not None:
        return BodyClass(REFUSE, maybe.line, maybe.reason)
    return BodyClass(NOOP, treesitter.line_of(block))


def _may_return(stmt: Any) -> bool:
    if stmt.type == "return_statement":
        return True
    stack = list(stmt.named_children)
    while stack:
        n = stack.pop()
        if n.type == "return_statement":
            return True
        if n.type not in FUNCTION_TYPES:
            stack.extend(n.named_children)
    return False


def _stmt(stmt: Any, module: JsModule) -> BodyClass:
    kind, line = stmt.type, treesitter.line_of(stmt)
    if kind in ("comment", "empty_statement"):
        return BodyClass(NOOP, line)
    if kind == "throw_statement":
        return BodyClass(REFUSE, line, _throw_reason(stmt, module))
    if kind == "statement_block":
        return _block(stmt, module)
    if kind in ("return_statement", "expression_statement"):
        inner = [c for c in stmt.named_children if c.type != "comment"]
        return _expr(inner[0], module) if inner else BodyClass(NOOP, line)
    return _generic(stmt, module)


def _throw_reason(stmt: Any, module: JsModule) -> str:
    for node in _walk(stmt):
        text = static_string(node, module)
        if text:
            return f"throws “{text.strip()[:80]}”"
    return f"`{' '.join(treesitter.node_text(stmt).split())[:80]}`"


def _expr(expr: Any, module: JsModule) -> BodyClass:
    while expr.type in ("await_expression", "parenthesized_expression") and expr.named_children:
        expr = expr.named_children[0]
    line = treesitter.line_of(expr)
    if expr.type in ("call_expression", "new_expression"):
        receiver, method = callee(expr)
        name = treesitter.node_text(expr.child_by_field_name("function") or expr.named_children[0])
        call_args = args(expr)
        if name == "Promise.reject":
            return BodyClass(REFUSE, line, _throw_reason(expr, module))
        if method in _WRAPPERS and call_args and call_args[-1].type in FUNCTION_TYPES:
            wrapped = call_args[-1]
            body = wrapped.child_by_field_name("body")
            return classify_body(JsFunction(wrapped, body, (), line), module)
        if name == "Promise.all" and call_args and call_args[0].type == "array":
            return _all(call_args[0], module, line)
        if _NOOP_CALLEES.match(name):
            return _generic(expr, module, skip_self=True)
        if method in SQL_METHODS and receiver is not None and call_args:
            text = static_string(call_args[0], module)
            if text is not None and not sql_effective(text):
                return BodyClass(NOOP, line)
        return BodyClass(EFFECT, line)
    return _generic(expr, module)


def _all(array: Any, module: JsModule, line: int) -> BodyClass:
    verdicts = [_expr(e, module) for e in array.named_children if e.type != "comment"]
    for v in verdicts:
        if v.verdict in (REFUSE, EFFECT):
            return v
    return BodyClass(NOOP, line)


def _generic(node: Any, module: JsModule, *, skip_self: bool = False) -> BodyClass:
    """Any other statement: effective when it calls something that is not a no-op."""
    throw: Any = None
    for n in _walk(node):
        if n.type in ("call_expression", "new_expression") and not (skip_self and n is node):
            fn = n.child_by_field_name("function") or n.child_by_field_name("constructor")
            name = treesitter.node_text(fn) if fn is not None else ""
            if n.type == "new_expression" or _NOOP_CALLEES.match(name):
                continue
            if name == "Promise.reject":
                throw = throw or n
                continue
            return BodyClass(EFFECT, treesitter.line_of(n))
        if n.type == "throw_statement" and throw is None:
            throw = n
    if throw is not None:
        return BodyClass(MAYBE_REFUSE, treesitter.line_of(throw), _throw_reason(throw, module))
    return BodyClass(NOOP, treesitter.line_of(node))


def _walk(node: Any) -> list[Any]:
    out: list[Any] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(reversed(n.named_children))
    return out
