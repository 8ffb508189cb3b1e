"""Shared tree-sitter access for the Ruby, JavaScript/TypeScript, PHP and Elixir analysers.

Grammars come from the per-language wheels on PyPI (no download at run time). Parsers are
created lazily and cached per process, so importing this module costs nothing.
"""

from __future__ import annotations

import functools
import importlib
import time
from typing import Any

# tree-sitter's error recovery is superlinear on some hostile inputs (30 KB of blank
# Elixir lines take seconds): a parse gets a wall-clock budget and is cancelled past it.
BUDGET_S = 2.0
BUDGET_S_PER_MIB = 2.0
_CHUNK = 1 << 12
UNTIMED_BYTES = 8 << 10
"""Files up to this size are parsed from their bytes, without the budget: the budget needs
a read callback, and py-tree-sitter 0.26 keeps every chunk a callback returns alive (the
whole file, per parse: 15 MB per process over 20,000 migrations), while a file this small
parses in milliseconds whatever it holds (the superlinear cases need tens of KB)."""


class ParseTimeout(Exception):
    """tree-sitter did not finish within its budget (a hostile or pathological file)."""


_GRAMMARS: dict[str, tuple[str, str]] = {
    # name: (module, function returning the language pointer)
    "ruby": ("tree_sitter_ruby", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "php": ("tree_sitter_php", "language_php"),
    "elixir": ("tree_sitter_elixir", "language"),
}


@functools.cache
def language(name: str) -> Any:
    """The tree-sitter ``Language`` for ``name`` (one of the keys of ``_GRAMMARS``)."""
    from tree_sitter import Language

    module_name, func = _GRAMMARS[name]
    module = importlib.import_module(module_name)
    return Language(getattr(module, func)())


@functools.cache
def parser(name: str) -> Any:
    """A cached tree-sitter ``Parser`` for ``name``."""
    from tree_sitter import Parser

    return Parser(language(name))


def parse(name: str, text: str) -> Any:
    """Parse ``text`` and return the tree (``tree.root_node.has_error`` tells of errors).

    Raises :class:`ParseTimeout` past the budget (the engine reports RG205).
    """
    data = text.encode("utf-8")
    if len(data) <= UNTIMED_BYTES:
        return parser(name).parse(data)
    budget = BUDGET_S + BUDGET_S_PER_MIB * len(data) / (1 << 20)
    deadline = time.monotonic() + budget
    active = parser(name)
    try:
        # The progress callback is honoured only when the source is read through a callback.
        tree = active.parse(
            lambda offset, _point: data[offset : offset + _CHUNK],
            progress_callback=lambda *_: time.monotonic() > deadline,
        )
    except ValueError:
        active.reset()  # a cancelled parse would otherwise resume on the next call
        raise ParseTimeout(
            f"the {name} parser did not finish within {budget:.0f} s (pathological input)"
        ) from None
    # A tree read through a callback fetches every node's text through it again: parsing
    # the bytes once more with the finished tree as the old one reuses it entirely (~µs)
    # and keeps the bytes for ``node.text``.
    return active.parse(data, old_tree=tree)


def descendants(node: Any, types: frozenset[str]) -> list[Any]:
    """Every node under ``node`` (itself included) whose type is in ``types``, in
    document order.

    A cursor walk, linear in the tree: a query (``QueryCursor.captures``) on a huge
    error-recovered tree ran for minutes and ignores its progress callback.
    """
    out: list[Any] = []
    cursor = node.walk()
    while True:
        if cursor.node.type in types:
            out.append(cursor.node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return out


def node_text(node: Any) -> str:
    """The source text of a node."""
    raw: bytes = node.text or b""
    return raw.decode("utf-8", errors="replace")


def line_of(node: Any) -> int:
    """1-based line of a node's start."""
    return int(node.start_point[0]) + 1
