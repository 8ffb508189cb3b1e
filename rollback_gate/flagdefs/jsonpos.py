"""Line numbers for JSON paths, so that findings point at the offending line.

``json.loads`` is fast but forgets positions; this module makes one extra pass with a small
tokenizer (built lazily, only when a finding needs a line) that records the line where each
object member and array element starts. It never raises: on malformed text it simply knows
fewer paths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rollback_gate import lazyre

_TOKEN = lazyre.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\],:]|-?\d[\d.eE+-]*|true|false|null|\n')

PathPart = str | int


def json_path(parts: Sequence[PathPart]) -> str:
    """``$.flags.new-checkout.state`` / ``$.features[2]`` / ``$["a b"]``."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif re.fullmatch(r"[A-Za-z0-9_$-]+", part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'["{escaped}"]')
    return "".join(out)


class JsonLines:
    """Lazy map from a path (tuple of keys and indexes) to its 1-based line."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._index: dict[tuple[PathPart, ...], int] | None = None

    def line(self, parts: Sequence[PathPart]) -> int | None:
        """Line of ``parts``, or of its nearest known parent (None for the empty path)."""
        if self._index is None:
            self._index = _build(self._text)
        path = tuple(parts)
        while path:
            if path in self._index:
                return self._index[path]
            path = path[:-1]
        return None


@dataclass
class _Frame:
    is_object: bool
    path: tuple[PathPart, ...]
    position: int = 0  # next array index
    expect_key: bool = False
    key: str = ""


def _build(text: str) -> dict[tuple[PathPart, ...], int]:
    import json

    index: dict[tuple[PathPart, ...], int] = {}
    stack: list[_Frame] = []
    line = 1
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok == "\n":
            line += 1
            continue
        top = stack[-1] if stack else None
        if tok in "{[":
            path: tuple[PathPart, ...] = ()
            if top is not None and top.is_object:
                path = (*top.path, top.key)
            elif top is not None:
                path = (*top.path, top.position)
                _element(top, index, line)
            stack.append(_Frame(tok == "{", path, expect_key=tok == "{"))
        elif tok in "}]":
            if stack:
                stack.pop()
        elif tok == ",":
            if top is not None and top.is_object:
                top.expect_key = True
        elif tok == ":" or top is None:
            continue
        elif top.is_object and top.expect_key and tok.startswith('"'):
            try:
                key = json.loads(tok)
            except ValueError:
                key = tok.strip('"')
            top.expect_key = False
            top.key = str(key)
            index.setdefault((*top.path, top.key), line)
        elif not top.is_object:
            _element(top, index, line)
    return index


def _element(frame: _Frame, index: dict[tuple[PathPart, ...], int], line: int) -> None:
    index.setdefault((*frame.path, frame.position), line)
    frame.position += 1
