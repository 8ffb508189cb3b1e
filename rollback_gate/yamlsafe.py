"""PyYAML for the gate: imported without a pattern it never uses, and guarded against YAML
that crashes the parser itself.

``import yaml`` compiles the pure-Python reader's class of non-printable characters
(``yaml.reader.Reader.NON_PRINTABLE``, a class of every Unicode range): 10 ms on this
project's CI machine, a tenth of ``check``'s own start-up on the bundled example (issue 13).
The gate reads YAML with libyaml's loader, whose reader is C; the pure one runs only where
libyaml is missing. So the first import here defers that one pattern (``lazyre``: compiled
at its first use, as the pure reader still checks what it reads) and every other
``re.compile`` of PyYAML's import runs as usual. Modules of the gate take ``yaml`` from
here: ``from rollback_gate.yamlsafe import yaml``.

PyYAML's C composer recurses once per nesting level and segfaults (the whole process dies,
exit 139) on a few hundred KB of ``[[[[…`` or ``- - - - …``. Every YAML read of untrusted
input goes through :func:`too_deep` first: a cheap bracket count, then PyYAML's scanner
(which does not recurse) for block nesting.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from rollback_gate import lazyre

# the start of PyYAML's pattern (``[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF…]``)
_NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85"


def _import() -> None:
    if "yaml" in sys.modules:
        return  # imported before the gate's modules (a library user's): nothing to defer
    compile_now = re.compile

    def deferring(pattern: Any, flags: int = 0) -> Any:
        if isinstance(pattern, str) and pattern.startswith(_NON_PRINTABLE):
            return lazyre.compile(pattern, flags)
        return compile_now(pattern, flags)

    re.compile = deferring
    try:
        import yaml  # noqa: F401
    finally:
        re.compile = compile_now


_import()

import yaml  # noqa: E402

__all__ = ["too_deep", "yaml"]

_BRACKETS = lazyre.compile(r"[\[\]{}]")
_STARTS = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowSequenceStartToken,
    yaml.FlowMappingStartToken,
)
_ENDS = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def too_deep(text: str, limit: int) -> bool:
    """True when ``text`` nests collections more than ``limit`` levels deep."""
    if text.count("[") + text.count("{") > limit:
        depth = 0
        for m in _BRACKETS.finditer(text):
            depth = depth + 1 if m.group() in "[{" else max(0, depth - 1)
            if depth > limit:
                return True
    if text.count("-") + text.count(":") + text.count("?") <= limit:
        return False  # cannot open more block collections than there are indicators
    depth = 0
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if isinstance(token, _STARTS):
                depth += 1
                if depth > limit:
                    return True
            elif isinstance(token, _ENDS):
                depth -= 1
    except yaml.YAMLError:
        return False  # the composer reports the syntax error with its position
    return False
