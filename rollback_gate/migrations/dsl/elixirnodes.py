"""Reading Elixir syntax trees (tree-sitter-elixir) for the Ecto analyser.

In tree-sitter-elixir nearly everything is a ``call``: ``def up do … end``, ``alter
table(:orders) do … end``, ``execute "…"``, ``repo().query!("…")``. This module answers the
questions the analyser asks of such calls (name, receiver, positional and keyword
arguments, ``do``/``else`` bodies) and resolves SQL text from string literals, heredocs,
``~s``/``~S`` sigils, variables and module attributes, without evaluating anything.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from rollback_gate.migrations.dsl.rubynodes import Node, captures
from rollback_gate.migrations.sqlengine.model import PLACEHOLDER
from rollback_gate.migrations.treesitter import line_of, node_text

__all__ = ["Node"]


@dataclass
class Args:
    """Positional argument nodes and keyword arguments (``from: :text``) by name."""

    positional: list[Node] = field(default_factory=list)
    keywords: dict[str, Node] = field(default_factory=dict)


def call_name(call: Node) -> str:
    """``execute`` for ``execute(…)``, ``query!`` for ``repo().query!(…)``."""
    target = call.child_by_field_name("target")
    if target is None:
        return ""
    if target.type == "dot":
        right = target.child_by_field_name("right")
        return node_text(right) if right is not None else ""
    return node_text(target)


def receiver(call: Node) -> str | None:
    """The text left of the dot (``repo()``, ``MyApp.Repo``), None for a local call."""
    target = call.child_by_field_name("target")
    if target is None or target.type != "dot":
        return None
    left = target.child_by_field_name("left")
    return node_text(left) if left is not None else None


def args_of(call: Node) -> Args:
    """The call's arguments; ``do:`` one-liner bodies are keywords like any other."""
    args = Args()
    for child in call.named_children:
        if child.type != "arguments":
            continue
        for arg in child.named_children:
            if arg.type == "keywords":
                args.keywords.update(keywords_of(arg))
            elif arg.type != "comment":
                args.positional.append(arg)
    return args


def keywords_of(node: Node) -> dict[str, Node]:
    """``{"size": <node>}`` for a ``keywords`` node (``size: 50``), or for the keywords
    at the end of a tuple (``{:string, size: 50}``)."""
    found: dict[str, Node] = {}
    if node.type == "tuple":
        inner = [c for c in node.named_children if c.type == "keywords"]
        return keywords_of(inner[0]) if inner else found
    for pair in node.named_children:
        if pair.type != "pair" or pair.named_child_count < 2:
            continue
        key, value = pair.named_children[0], pair.named_children[-1]
        found[node_text(key).strip().rstrip(":").strip().strip('"')] = value
    return found


def do_block(call: Node) -> Node | None:
    """The ``do … end`` block of a call, if any."""
    for child in call.named_children:
        if child.type == "do_block":
            return child
    return None


def body_of(call: Node) -> list[Node]:
    """The statements of a call's ``do … end`` block, or of its ``do:`` keyword: one
    expression, or several in parentheses (``alter(table(:jobs), do: remove(:salary))``:
    coderplanets writes twelve migrations so, round AS)."""
    block = do_block(call)
    if block is not None:
        return statements(block)
    inline = args_of(call).keywords.get("do")
    if inline is None:
        return []
    if inline.type == "block":
        return [c for c in inline.named_children if c.type != "comment"]
    return [inline]


def statements(block: Node | None) -> list[Node]:
    """The statements of a ``do`` block (or ``else`` block), comments left out."""
    if block is None:
        return []
    return [
        c
        for c in block.named_children
        if c.type not in ("comment", "else_block", "rescue_block", "after_block", "catch_block")
    ]


def else_block(block: Node | None) -> Node | None:
    """The ``else`` part of a ``do`` block."""
    if block is None:
        return None
    for child in block.named_children:
        if child.type == "else_block":
            return child
    return None


def atom_name(node: Node | None) -> str | None:
    """``orders`` for ``:orders`` or ``"orders"``, or for a module attribute set to one
    (``@table :orders``, within :func:`naming`); None for anything else."""
    if node is None:
        return None
    if node.type == "atom":
        return node_text(node).lstrip(":")
    if node.type == "unary_operator" and (names := _NAMES.get()):
        text = node_text(node)
        return names.get(text[1:].strip()) if text.startswith("@") else None
    if node.type in ("string", "quoted_atom") and not any(
        c.type == "interpolation" for c in node.named_children
    ):
        return "".join(node_text(c) for c in node.named_children if c.type == "quoted_content")
    return None


def display(node: Node | None) -> str:
    """A short name for a table/column argument."""
    if node is None:
        return "?"
    name = atom_name(node)
    if name is not None:
        return name
    text = " ".join(node_text(node).split())
    return text if len(text) <= 40 else text[:39] + "…"


def table_of(node: Node | None) -> tuple[str, str] | None:
    """``("table", "orders")`` for ``table(:orders)``, likewise ``index``/``constraint``."""
    if node is None or node.type != "call":
        return None
    kind = call_name(node)
    if receiver(node) is not None or kind not in (
        "table",
        "index",
        "unique_index",
        "constraint",
    ):
        return None
    args = args_of(node)
    name = display(args.positional[0]) if args.positional else "?"
    return ("index" if kind == "unique_index" else kind), name


class StringResolver:
    """Resolves an argument to ``(sql_text, first_line)``: literals, sigils, variables bound
    in the step, module attributes (``@sql "…"``); None when the text is not knowable."""

    def __init__(self, attributes: dict[str, Node]) -> None:
        self._attributes = attributes

    def resolve(self, node: Node, local: dict[str, Node]) -> tuple[str, int] | None:
        """The SQL ``node`` denotes, with the file line of its first line."""
        for _ in range(8):
            if node.type in ("string", "sigil"):
                if node.type == "sigil" and node_text(node)[1:2].lower() != "s":
                    return None
                return _literal(node), line_of(node)
            if node.type == "identifier" and node_text(node) in local:
                node = local[node_text(node)]
                continue
            if node.type == "unary_operator" and node_text(node).startswith("@"):
                operand = node.child_by_field_name("operand")
                name = node_text(operand) if operand is not None else ""
                if name not in self._attributes:
                    return None
                node = self._attributes[name]
                continue
            return None
        return None


def _literal(node: Node) -> str:
    out: list[str] = []
    for child in node.named_children:
        if child.type == "quoted_content":
            out.append(node_text(child))
        elif child.type == "interpolation":
            out.append(PLACEHOLDER + "\n" * node_text(child).count("\n"))
        elif child.type == "escape_sequence":
            out.append(node_text(child))
    return "".join(out)


def bindings(body: Node | None) -> dict[str, Node]:
    """Variables bound with ``name = value`` anywhere in ``body`` (last binding wins)."""
    bound: dict[str, Node] = {}
    if body is None:
        return bound
    for node in captures(body, '(binary_operator operator: "=") @b', "elixir").get("b", []):
        if node.type == "binary_operator":
            op = node.child_by_field_name("operator")
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            if (
                op is not None
                and node_text(op) == "="
                and left is not None
                and right is not None
                and left.type == "identifier"
            ):
                bound[node_text(left)] = right
    return bound


_NAMES: ContextVar[dict[str, str] | None] = ContextVar("elixir_names", default=None)


@contextlib.contextmanager
def naming(module_body: Node | None) -> Iterator[None]:
    """Within: the module attributes of ``module_body`` set to an atom or a string are
    names (:func:`atom_name`): sanbase2's ``@table :user_api_key_tokens`` then
    ``create table(@table)``, round U: the table was ``@table``, never found."""
    names = {k: n for k, v in attributes(module_body).items() if (n := _plain_name(v))}
    token = _NAMES.set(names)
    try:
        yield
    finally:
        _NAMES.reset(token)


def _plain_name(node: Node) -> str | None:
    return atom_name(node) if node.type != "unary_operator" else None


def attributes(module_body: Node | None) -> dict[str, Node]:
    """Module attributes set in the module body: ``@sql "…"`` → the value node."""
    found: dict[str, Node] = {}
    for stmt in statements(module_body):
        if stmt.type != "unary_operator" or not node_text(stmt).startswith("@"):
            continue
        operand = stmt.child_by_field_name("operand")
        if operand is not None and operand.type == "call":
            args = args_of(operand)
            if len(args.positional) == 1:
                found[call_name(operand)] = args.positional[0]
    return found
