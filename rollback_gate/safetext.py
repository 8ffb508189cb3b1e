"""Repository text made safe for a terminal or a CI log.

File names, table names, ``service``, waiver reasons and messages come from the change
under test. Printed raw, an ESC sequence rewrites the terminal, a BEL rings, a NUL or a
newline starts a line of its own (``::error::…`` is a GitHub workflow command, a fake
``PASSED`` misleads a reader). Every human-readable output passes repository text through
:func:`printable`: control characters (C0, DEL, C1) and bidirectional overrides become
visible escapes (``\\x1b``, ``\\n``, ``\\u202e``); tabs stay.
"""

from __future__ import annotations

import re

from rollback_gate import lazyre

_UNSAFE = lazyre.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    c = match.group()
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (one line, inert)."""
    return _UNSAFE.sub(_escape, text)


def printable_lines(text: str) -> str:
    """Each line of a multi-line message of our own made printable, keeping the breaks."""
    return "\n".join(printable(line) for line in text.split("\n"))
