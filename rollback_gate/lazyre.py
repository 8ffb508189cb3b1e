"""Regular expressions compiled when first used instead of when their module is imported.

The package holds about 400 module-level patterns, one vocabulary per framework and
language. Compiling them at import cost ``check`` on the bundled example about 30 ms of
its 130 ms of CPU, for the 33 of 208 imported that such a run uses (issue 13: the example
run against ``python -c pass``). :func:`compile` returns a stand-in that compiles on its
first attribute lookup and keeps what it looked up as a plain attribute, so a hot loop's
``_WORD.match`` costs one instance-dict lookup, as a module global's method lookup does.

Only for patterns used through their methods and attributes (``.match``, ``.sub``,
``.pattern``): ``re.sub(pattern, …)`` and ``isinstance(x, re.Pattern)`` need the real one.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["compile"]


class _Deferred:
    """``re.compile(pattern, flags)``, done at the first attribute asked of it."""

    def __init__(self, pattern: str, flags: int) -> None:
        self.__dict__["_args"] = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # copy, pickle and friends probe for dunders
            raise AttributeError(name)
        value = getattr(re.compile(*self.__dict__["_args"]), name)
        self.__dict__[name] = value  # found directly from now on, without this method
        return value

    def __reduce__(self) -> tuple[Any, tuple[str, int]]:
        return compile, self.__dict__["_args"]

    def __repr__(self) -> str:
        pattern, flags = self.__dict__["_args"]
        return f"lazyre.compile({pattern!r}, {flags!r})"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern typed and used as ``re.compile(pattern, flags)``'s, compiled on first use."""
    return cast("re.Pattern[str]", _Deferred(pattern, int(flags)))
