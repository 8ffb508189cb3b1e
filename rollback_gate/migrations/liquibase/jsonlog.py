"""A strict JSON reader that keeps the line of every value, for Liquibase JSON changelogs.

``json.loads`` forgets positions, and a JSON changelog is not always valid YAML for PyYAML
(tab indentation), so this small recursive-descent reader builds the same
:class:`~.liquibase_tree.Node` tree as the YAML reader. Strings are decoded by the
standard library's own ``scanstring``; numbers and literals are kept as their text.
"""

from __future__ import annotations

import bisect
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

from rollback_gate import lazyre
from rollback_gate.migrations.liquibase.tree import Node, TooComplex

_WS = lazyre.compile(r"[ \t\n\r]*")
_NUMBER = lazyre.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")
_LITERALS = {"true": "true", "false": "false", "null": ""}
_MAX_DEPTH = 200


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self.newlines, pos - 1) + 1

    def fail(self, what: str) -> ValueError:
        return ValueError(f"malformed JSON: {what}", self.line(self.pos))

    def skip(self) -> None:
        match = _WS.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def value(self, name: str, depth: int, key_line: int = 0) -> Node:
        """The value at the current position; ``key_line`` is the line of its member key."""
        if depth > _MAX_DEPTH:
            raise TooComplex
        self.skip()
        start = self.pos
        node = Node(name, key_line or self.line(start))
        char = self.text[start : start + 1]
        if char == "{":
            self.pos += 1
            self._members(node, depth)
        elif char == "[":
            self.pos += 1
            self._items(node, depth)
        elif char == '"':
            try:
                node.text, self.pos = scanstring(self.text, start + 1, True)
            except ValueError as exc:
                raise self.fail(str(exc).split(":")[0]) from None
            node.text_line = self.line(start)
        else:
            for literal, text in _LITERALS.items():
                if self.text.startswith(literal, start):
                    node.text, node.is_null = text, literal == "null"
                    self.pos = start + len(literal)
                    break
            else:
                match = _NUMBER.match(self.text, start)
                if match is None:
                    raise self.fail("expected a value")
                node.text, self.pos = match.group(0), match.end()
            node.text_line = self.line(start)
        return node

    def _members(self, node: Node, depth: int) -> None:
        self.skip()
        if self.text.startswith("}", self.pos):
            self.pos += 1
            return
        while True:
            self.skip()
            if not self.text.startswith('"', self.pos):
                raise self.fail("expected a quoted key")
            key_line = self.line(self.pos)
            key, self.pos = scanstring(self.text, self.pos + 1, True)
            self.skip()
            if not self.text.startswith(":", self.pos):
                raise self.fail("expected ':'")
            self.pos += 1
            node.children.append(self.value(key, depth + 1, key_line))
            if self._separator("}"):
                return

    def _items(self, node: Node, depth: int) -> None:
        self.skip()
        if self.text.startswith("]", self.pos):
            self.pos += 1
            return
        while True:
            node.children.append(self.value("-", depth + 1))
            if self._separator("]"):
                return

    def _separator(self, close: str) -> bool:
        self.skip()
        char = self.text[self.pos : self.pos + 1]
        self.pos += 1
        if char == close:
            return True
        if char != ",":
            raise self.fail(f"expected ',' or '{close}'")
        return False


def json_tree(text: str) -> Node:
    """The JSON document as a :class:`Node`; raises ``ValueError(reason, line)``."""
    reader = _Reader(text)
    node = reader.value("", 0)
    reader.skip()
    if reader.pos != len(text):
        raise reader.fail("extra data after the document")
    return node
