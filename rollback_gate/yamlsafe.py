"""Guard against YAML that crashes the parser itself.

PyYAML's C composer recurses once per nesting level and segfaults (the whole process dies,
exit 139) on a few hundred KB of ``[[[[…`` or ``- - - - …``. Every YAML read of untrusted
input goes through :func:`too_deep` first: a cheap bracket count, then PyYAML's scanner
(which does not recurse) for block nesting.
"""

from __future__ import annotations

import yaml

from rollback_gate import lazyre

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
