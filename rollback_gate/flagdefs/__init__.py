"""Flag definition files, read into one provider-independent model.

Each provider module (``flagd``, ``unleash``, ``growthbook``) exposes
``parse(text, path, environment) -> Definitions``. Parsers never raise on bad input: a file
that is not JSON, or that violates its format, yields :class:`Problem` entries (RG307) with
a JSON path and a line, plus whatever flags could still be read. The checks (and the online
clients, which build the same :class:`FlagState`) then judge RG300–RG306 from this model only.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rollback_gate.flagdefs.jsonpos import JsonLines, PathPart, json_path

PARSERS: dict[str, str] = {
    "flagd": "rollback_gate.flagdefs.flagd",
    "unleash": "rollback_gate.flagdefs.unleash",
    "growthbook": "rollback_gate.flagdefs.growthbook",
}
"""Providers that have a local definitions file format, and the module that parses it."""

OFF_NAMES = frozenset({"off", "false", "disabled", "disable", "control", "none", "no", "0"})
"""Variant names (lower-case) that conventionally serve the old behaviour."""


def is_off_value(value: object) -> bool:
    """True when a variant value reads as "old behaviour": false, 0, '', 'off', null."""
    if value is None or value is False:
        return True
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value == 0
    if isinstance(value, str):
        return value.strip().lower() in OFF_NAMES or value == ""
    return False


@dataclass(frozen=True)
class Problem:
    """One format violation (RG307): a JSON path such as ``$.flags.a.state`` and a line."""

    message: str
    json_path: str
    line: int | None = None


@dataclass(frozen=True)
class FlagState:
    """What the gate needs to know about one flag, whatever the provider.

    ``default_on`` is None when it cannot be told (environment unknown, targeting decides);
    ``rollout`` is the percentage of subjects an explicit gradual-rollout mechanism serves
    the new behaviour (fractional weights, Unleash ``rollout``, GrowthBook ``coverage``),
    None when no such mechanism is used. ``lifetime_days`` comes from the provider (Unleash
    toggle types); ``created`` is a Unix time when the provider records it.
    """

    key: str
    where: tuple[str | int, ...] = ()  # JSON path of the flag in its file (for its line)
    variants: tuple[str, ...] = ()
    can_disable: bool = True
    default_on: bool | None = None
    default_detail: str = ""  # e.g. 'defaultVariant "on" (true)'
    rollout: float | None = None
    rollout_detail: str = ""  # e.g. 'fractional on 100 / off 0'
    stale: bool = False
    created: float | None = None
    lifetime_days: int | None = None
    kind: str = ""  # Unleash toggle type, flag value type …


@dataclass
class Definitions:
    """A parsed definitions file: its flags by key and its format problems."""

    path: str
    provider: str
    flags: dict[str, FlagState] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    lines: JsonLines | None = None

    def line_of(self, key: str) -> int | None:
        """Line of flag ``key``; computed on demand (a full pass costs ~1 s per 1.5 MB)."""
        state = self.flags.get(key)
        if state is None or self.lines is None or not state.where:
            return None
        return self.lines.line(state.where)


Parser = Callable[[str, str, "str | None"], Definitions]


def parser(provider: str) -> Parser | None:
    """The parse function of ``provider``, or None when it has no local file format."""
    name = PARSERS.get(provider)
    if name is None:
        return None
    fn: Parser = importlib.import_module(name).parse
    return fn


ProblemFn = Callable[[str, "list[PathPart]"], None]


def load_json(
    text: str, path: str, provider: str, reason: Callable[[Exception], str] = str
) -> tuple[Definitions, Any, ProblemFn]:
    """Start parsing a JSON definitions file: the empty model, the data, a problem recorder.

    The data is ``INVALID`` when the text is not JSON (the problem is recorded already).
    """
    lines = JsonLines(text)
    defs = Definitions(path, provider, lines=lines)

    def problem(message: str, parts: list[PathPart]) -> None:
        defs.problems.append(Problem(message, json_path(parts), lines.line(parts)))

    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: absurd nesting
        line = getattr(exc, "lineno", None)
        defs.problems.append(Problem(f"not valid JSON: {reason(exc)}", "$", line))
        data = INVALID
    return defs, data, problem


INVALID = object()
"""What :func:`load_json` returns as data for text that is not JSON."""


def percent(value: float) -> str:
    """A percentage for messages: 100, 12.5, 0.1 (no trailing zeros)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
