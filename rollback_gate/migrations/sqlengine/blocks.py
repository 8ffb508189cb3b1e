"""What a PostgreSQL ``DO $$ … $$`` block does when the migration runs it.

A ``DO`` block is an anonymous function executed on the spot, so the statements in its
body are statements of the migration: ``DELETE``/``DROP`` inside one destroys data like
the bare statement would. (A ``CREATE FUNCTION`` body, by contrast, only runs when the
function is called, and is not read.) PL/pgSQL control words around the statements
(``BEGIN``, ``IF … THEN``, ``FOR … LOOP``, ``END IF``) are stripped before classifying;
``EXECUTE 'text'`` (dynamic SQL) stays unread.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine.model import Statement

_BODY = lazyre.compile(r"\$(\w*)\$(.*)\$\1\$", re.DOTALL)
# (and the line comments between them: enfants-du-spectacle's `BEGIN -- Add creatorId …
# IF NOT EXISTS (…) THEN ALTER TABLE … ADD COLUMN`, whose ADD was read as part of the IF,
# so the foreign key over the new column was said to be on an existing one: round BG)
_CONTROL = lazyre.compile(
    r"^\s*(?:--[^\n]*(?:\n\s*|$)|(?:<<\w+>>|BEGIN|ELSE|LOOP|EXCEPTION|END\s+(?:IF|LOOP|CASE)"
    r"|END|(?:IF|ELSIF|ELSEIF|WHEN|FOR|FOREACH|WHILE)\b.*?\b(?:THEN|LOOP))\b\s*)+",
    re.IGNORECASE | re.DOTALL,
)


def block_actions(
    raw: str, split: Callable[[str], Sequence[Statement]]
) -> tuple[tuple[str, str], ...]:
    """The ``(kind, target)`` actions of the statements inside a ``DO`` block's body."""
    body = _BODY.search(raw)
    if body is None:
        return ()
    out: list[tuple[str, str]] = []
    for piece in split(body.group(2)):
        text = _CONTROL.sub("", piece.text, count=1)
        inner = [piece] if text == piece.text else split(text)
        for stmt in inner:
            out.extend(stmt.actions)
    return tuple(out)


def block_statements(
    stmt: Statement, split: Callable[[str], Sequence[Statement]]
) -> list[Statement]:
    """The statements inside a ``DO`` block's body, control words stripped, each at its
    own line of the file (``stmt`` being the block)."""
    body = _BODY.search(stmt.text)
    if body is None:
        return []
    first = stmt.line + stmt.text.count("\n", 0, body.start(2))  # the body's first line
    out: list[Statement] = []
    for piece in split(body.group(2)):
        text = _CONTROL.sub("", piece.text, count=1)
        if text == piece.text:
            inner = [replace(piece, line=piece.line + first - 1)]
        else:
            shift = piece.text[: len(piece.text) - len(text)].count("\n")
            inner = [
                replace(s, line=s.line + shift + piece.line - 1 + first - 1) for s in split(text)
            ]
        out.extend(inner)
    return out
