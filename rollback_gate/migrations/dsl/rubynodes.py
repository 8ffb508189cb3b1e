"""Reading Ruby syntax trees (tree-sitter-ruby) for the Rails analyser.

Rails migrations are Ruby, and this module gets out of the tree what the analyser needs
without running anything: the arguments of a call split into positional and keyword
arguments, the names of symbols and strings, and the text of SQL string literals,
heredocs included (tree-sitter places a heredoc's body after the line that opens it, so
bodies are paired with their openers in document order), with ``#{…}`` interpolations
replaced by a placeholder.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from rollback_gate.migrations.sqlengine.model import PLACEHOLDER
from rollback_gate.migrations.treesitter import language, line_of, node_text

Node = Any  # tree_sitter.Node; the package ships no precise stubs for its use here

# String methods that leave SQL text as it is, for the purpose of reading it.
_STRING_NOOPS = frozenset({"squish", "strip", "freeze", "strip_heredoc", "dup", "chomp"})


@dataclass
class Args:
    """The arguments of a call: positional nodes, keyword nodes by name, and whether a
    splat (``*args``, ``**opts``) hides some of them."""

    positional: list[Node] = field(default_factory=list)
    keywords: dict[str, Node] = field(default_factory=dict)
    splat: bool = False
    splats: list[Node] = field(default_factory=list)  # positional `*names` nodes


@functools.cache
def _query(language_name: str, source: str) -> Any:
    from tree_sitter import Query

    return Query(language(language_name), source)


def captures(node: Node, source: str, language_name: str = "ruby") -> dict[str, list[Node]]:
    """The nodes captured by query ``source`` under ``node``, per capture name, in document
    order (the query runs in tree-sitter's C code, far faster than walking in Python)."""
    from tree_sitter import QueryCursor

    found: dict[str, list[Node]] = QueryCursor(_query(language_name, source)).captures(node)
    return {k: sorted(v, key=lambda n: n.start_byte) for k, v in found.items()}


_CONTAINERS = frozenset(
    {"body_statement", "block_body", "then", "else", "begin", "parenthesized_statements"}
)


def statements(body: Node | None) -> list[Node]:
    """The statements of a method or block body; an endless method's body
    (``def down = nil``) is one expression, hence one statement."""
    if body is None:
        return []
    return list(body.named_children) if body.type in _CONTAINERS else [body]


def first_error(root: Node) -> Node | None:
    """The first ERROR or MISSING node of a tree that has errors."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            return node
        stack.extend(reversed([c for c in node.children if c.has_error or c.is_missing]))
    return None


def _key_name(key: Node) -> str | None:
    if key.type == "hash_key_symbol":
        return node_text(key)
    return symbol_name(key)


def args_of(call: Node) -> Args:
    """The arguments of ``call`` (a ``call`` node), trailing hashes read as keywords."""
    args = Args()
    arglist = call.child_by_field_name("arguments")
    if arglist is None:
        return args
    for child in arglist.named_children:
        if child.type == "pair":
            _add_pair(args, child)
        elif child.type == "hash":
            for pair in child.named_children:
                if pair.type == "pair":
                    _add_pair(args, pair)
                else:
                    args.splat = True
        elif child.type == "splat_argument" and _literal_array(child) is not None:
            # `*%i[a b]` spreads a literal list: its elements are as good as written out.
            args.positional.extend(_literal_array(child) or [])
        elif child.type in ("splat_argument", "hash_splat_argument", "forward_argument"):
            args.splat = True
            if child.type == "splat_argument":
                args.splats.append(child)
        elif child.type not in ("block_argument", "comment"):
            args.positional.append(child)
    return args


ARRAYS = frozenset({"array", "symbol_array", "string_array"})
"""Array literals: ``[:a, :b]``, ``%i[a b]``, ``%w[a b]``."""


def _literal_array(splat: Node) -> list[Node] | None:
    inner = splat.named_children[0] if splat.named_child_count else None
    if inner is None or inner.type not in ARRAYS:
        return None
    items = list(inner.named_children)
    return items if all(symbol_name(i) is not None for i in items) else None


def _add_pair(args: Args, pair: Node) -> None:
    key = pair.child_by_field_name("key")
    value = pair.child_by_field_name("value")
    name = _key_name(key) if key is not None else None
    if name is None or value is None:
        args.splat = True
    else:
        args.keywords[name] = value


def symbol_name(node: Node) -> str | None:
    """The name in a symbol or plain string literal (``:orders``, ``"orders"``), else None."""
    if node.type == "simple_symbol":
        return node_text(node)[1:]
    if node.type in ("string", "delimited_symbol", "bare_symbol", "bare_string"):
        if any(c.type == "interpolation" for c in node.named_children):
            return None
        return "".join(node_text(c) for c in node.named_children)
    return None


def unfrozen(node: Node | None) -> Node | None:
    """``%i[a b].freeze`` as the list itself (npq-registration's ``TABLES``, round AZ)."""
    while node is not None and node.type == "call":
        method = node.child_by_field_name("method")
        if method is None or node_text(method) not in ("freeze", "dup"):
            break
        node = node.child_by_field_name("receiver")
    return node


def loop_items(node: Node, strings: StringResolver) -> list[Node] | None:
    """The elements a block variable ``node`` stands for, in ``LIST.each do |var| … end``
    over a literal list of names (or a constant holding one) around it; None otherwise."""
    if node.type != "identifier":
        return None
    name, at = node_text(node), node.parent
    while at is not None:
        if at.type in ("do_block", "block"):
            params = at.child_by_field_name("parameters")
            names = [node_text(n) for n in params.named_children] if params else []
            call = at.parent
            if names == [name] and call is not None and call.type == "call":
                method = call.child_by_field_name("method")
                receiver = unfrozen(call.child_by_field_name("receiver"))
                if receiver is not None and receiver.type == "constant":
                    receiver = unfrozen(strings.constant(node_text(receiver)))
                if method is None or node_text(method) != "each" or receiver is None:
                    return None
                if receiver.type not in ARRAYS:
                    return None
                items = list(receiver.named_children)
                return items if all(symbol_name(i) is not None for i in items) else None
        at = at.parent
    return None


def display(node: Node | None) -> str:
    """A short name for a table/column argument: the symbol's name or the source text."""
    if node is None:
        return "?"
    name = symbol_name(node)
    if name is not None:
        return name
    if node.type in ARRAYS:
        return ", ".join(display(c) for c in node.named_children)
    text = node_text(node)
    return text if len(text) <= 40 else text[:39] + "…"


def call_name(call: Node) -> str:
    """The method name of a ``call`` node."""
    method = call.child_by_field_name("method")
    return node_text(method) if method is not None else ""


def receiver_text(call: Node) -> str | None:
    """The receiver's source text, or None for a call without receiver."""
    receiver = call.child_by_field_name("receiver")
    return node_text(receiver) if receiver is not None else None


class StringResolver:
    """Resolves an argument node to the SQL text it denotes, where that is knowable.

    Handles string literals (with interpolation replaced by a placeholder), heredocs,
    adjacent-literal chains, ``+`` concatenations, ``.squish``/``.strip`` and names bound
    earlier to one of these (local variables of the step, constants of the class).
    """

    def __init__(self, root: Node, constants: dict[str, Node]) -> None:
        self._root = root
        self._constants = constants
        self._heredocs: dict[int, Node] | None = None  # built on first use: most files have none

    def _heredoc(self, opener: Node) -> Node | None:
        if self._heredocs is None:
            found = captures(self._root, "(heredoc_beginning) @b (heredoc_body) @h")
            openers, bodies = found.get("b", []), found.get("h", [])
            self._heredocs = {o.start_byte: b for o, b in zip(openers, bodies, strict=False)}
        return self._heredocs.get(opener.start_byte)

    def constant(self, name: str) -> Node | None:
        """The value a constant of the class (or file) is given, if any."""
        return self._constants.get(name)

    def resolve(self, node: Node, local: dict[str, Node] | None = None) -> tuple[str, int] | None:
        """``(text, first_line)`` for the SQL ``node`` denotes, or None when unknown."""
        return self._resolve(node, local or {}, 0)

    def _resolve(self, node: Node, local: dict[str, Node], depth: int) -> tuple[str, int] | None:
        if depth > 8:
            return None
        kind = node.type
        if kind == "string":
            return _literal(node), line_of(node)
        if kind == "heredoc_beginning":
            body = self._heredoc(node)
            return (_literal(body), line_of(body)) if body is not None else None
        if kind == "chained_string":
            parts = [self._resolve(c, local, depth + 1) for c in node.named_children]
            if not parts or any(p is None for p in parts):
                return None
            return " ".join(p[0] for p in parts if p is not None), line_of(node)
        if kind == "binary" and node_text(node.child_by_field_name("operator")) == "+":
            left = self._resolve(node.child_by_field_name("left"), local, depth + 1)
            right = self._resolve(node.child_by_field_name("right"), local, depth + 1)
            if left is None or right is None:
                return None
            return left[0] + right[0], left[1]
        if kind == "call" and call_name(node) in _STRING_NOOPS:
            receiver = node.child_by_field_name("receiver")
            return self._resolve(receiver, local, depth + 1) if receiver is not None else None
        if kind == "parenthesized_statements" and node.named_child_count == 1:
            return self._resolve(node.named_children[0], local, depth + 1)
        if kind == "identifier" and node_text(node) in local:
            return self._resolve(local[node_text(node)], local, depth + 1)
        if kind == "constant" and node_text(node) in self._constants:
            return self._resolve(self._constants[node_text(node)], local, depth + 1)
        return None


def _literal(node: Node) -> str:
    """The text of a string or heredoc body, interpolations replaced, newlines kept."""
    out: list[str] = []
    for child in node.children:
        if child.type == "interpolation":
            out.append(_interpolated(child))
        elif child.type == "heredoc_end":
            break
        elif child.type in ("string_content", "heredoc_content", "escape_sequence"):
            out.append(node_text(child))
    text = "".join(out)
    if node.type == "heredoc_body" and not text.startswith("\n"):
        # The body node starts at the end of the opening line; keep line numbers aligned.
        text = "\n" + text
    return text


def _interpolated(node: Node) -> str:
    """``#{' '}`` (a literal inside) is its text; any other expression is a placeholder."""
    inner = node.named_children
    if len(inner) == 1 and inner[0].type == "string":
        name = symbol_name(inner[0])
        if name is not None:
            return name
    return PLACEHOLDER + "\n" * node_text(node).count("\n")


def assignments(body: Node | None) -> dict[str, Node]:
    """Local variables (and constants) assigned in ``body``: name → value node (last wins)."""
    bound: dict[str, Node] = {}
    if body is None:
        return bound
    for node in captures(body, "(assignment) @a").get("a", []):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is not None and right is not None and left.type in ("identifier", "constant"):
            bound[node_text(left)] = right
    return bound
