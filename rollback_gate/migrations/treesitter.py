"""Shared tree-sitter access for the Ruby, JavaScript/TypeScript, PHP and Elixir analysers.

Grammars come from the per-language wheels on PyPI (no download at run time). Parsers are
created lazily and cached per process, so importing this module costs nothing.
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

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
    """Parse ``text`` and return the tree (``tree.root_node.has_error`` tells of errors)."""
    return parser(name).parse(text.encode("utf-8"))


def node_text(node: Any) -> str:
    """The source text of a node."""
    raw: bytes = node.text or b""
    return raw.decode("utf-8", errors="replace")


def line_of(node: Any) -> int:
    """1-based line of a node's start."""
    return int(node.start_point[0]) + 1
