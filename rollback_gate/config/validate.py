"""Validate a composed YAML node tree against the schema, keeping line and column.

Supports the subset of JSON Schema that ``config/schema.py`` uses: type, const, enum,
properties, required, additionalProperties (false or a schema), propertyNames, items,
pattern, minLength, minimum/maximum/exclusiveMinimum. Every problem becomes a
:class:`ConfigProblem`; all of them are collected, not just the first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rollback_gate.config.secrets import looks_secret
from rollback_gate.yamlsafe import yaml

MAX_NODES = 20_000
"""More nodes than this means an alias bomb or a file that is not a config."""


@dataclass(frozen=True)
class ConfigProblem:
    """One configuration error, located in the file."""

    line: int  # 1-based
    column: int  # 1-based
    key_path: str  # e.g. "waivers[0].expires"
    message: str

    def render(self, filename: str) -> str:
        where = f"{self.key_path}: " if self.key_path else ""
        return f"{filename}:{self.line}:{self.column}: {where}{self.message}"


class TooManyNodes(Exception):
    """The document expands to more nodes than a config can reasonably have."""


_TYPE_TAGS = {
    "string": {"tag:yaml.org,2002:str"},
    "integer": {"tag:yaml.org,2002:int"},
    "number": {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"},
    "boolean": {"tag:yaml.org,2002:bool"},
    "null": {"tag:yaml.org,2002:null"},
}
_TYPE_WORDS = {
    "tag:yaml.org,2002:str": "a string",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "a date",
}


def describe(node: yaml.Node) -> str:
    """A short description of what a node is, for "expected X, got Y" messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return _TYPE_WORDS.get(node.tag, "a scalar")


def did_you_mean(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` when a close choice exists, else an empty string."""
    import difflib  # (here: only a config with a mistake needs it)

    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


# The safe loader's constructor alone: a whole ``SafeLoader("")`` would start PyYAML's
# pure-Python reader, whose check of printable characters compiles a class of every
# Unicode range (about 5 ms of every run, which reads YAML with libyaml's C reader).
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def scalar(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node, as PyYAML's safe loader would construct it.

    A scalar that looks like a date or number but is not one (``2026-13-01``) stays a string,
    so that validation reports it instead of crashing.
    """
    try:
        return _CONSTRUCTOR.construct_object(node)
    except (ValueError, yaml.YAMLError):
        return node.value


class Validator:
    """Walks nodes and schema side by side, collecting problems."""

    def __init__(self) -> None:
        self.problems: list[ConfigProblem] = []
        self._visited = 0

    def problem(self, node: yaml.Node, path: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(ConfigProblem(mark.line + 1, mark.column + 1, path, message))

    def validate(self, node: yaml.Node, schema: dict[str, Any], path: str = "") -> None:
        self._visited += 1
        if self._visited > MAX_NODES:
            raise TooManyNodes(f"more than {MAX_NODES} YAML nodes (an alias bomb?)")
        if "const" in schema:
            self._const(node, schema["const"], path)
            return
        if "enum" in schema:
            self._enum(node, schema["enum"], path)
            return
        types = schema.get("type")
        if types is not None and not self._type_ok(node, types, schema):
            wanted = " or ".join(types) if isinstance(types, list) else types
            self.problem(node, path, f"expected {_article(wanted)}, got {describe(node)}")
            return
        if isinstance(node, yaml.MappingNode):
            self._mapping(node, schema, path)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.validate(item, schema.get("items", {}), f"{path}[{i}]")
        elif isinstance(node, yaml.ScalarNode):
            self._scalar(node, schema, path)

    def _type_ok(self, node: yaml.Node, types: str | list[str], schema: dict[str, Any]) -> bool:
        for t in [types] if isinstance(types, str) else types:
            if t == "object" and isinstance(node, yaml.MappingNode):
                return True
            if t == "array" and isinstance(node, yaml.SequenceNode):
                return True
            if isinstance(node, yaml.ScalarNode):
                if node.tag in _TYPE_TAGS.get(t, set()):
                    return True
                # An unquoted 2026-12-31 is a YAML date; the schema calls it a date string.
                if t == "string" and schema.get("format") == "date":
                    return node.tag == "tag:yaml.org,2002:timestamp"
        return False

    def _const(self, node: yaml.Node, value: Any, path: str) -> None:
        got = scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if got != value or isinstance(got, bool):
            self.problem(node, path, f"must be {value!r}, got {_show(node)}")

    def _enum(self, node: yaml.Node, choices: list[Any], path: str) -> None:
        got = scalar(node) if isinstance(node, yaml.ScalarNode) else None
        if got in choices and not isinstance(got, bool):
            return
        hint = did_you_mean(str(got), [str(c) for c in choices]) if got is not None else ""
        if len(choices) > 20:
            expected = "a known rule id or name (see `rollback-gate rules`)"
        else:
            expected = "one of " + ", ".join(str(c) for c in choices)
        self.problem(node, path, f"{_show(node)} is not {expected}{hint}")

    def _mapping(self, node: yaml.MappingNode, schema: dict[str, Any], path: str) -> None:
        props: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "keys must be plain strings")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(key_node, path, "YAML merge keys (<<) are not supported here")
                continue
            key = str(scalar(key_node))
            child = f"{path}.{key}" if path else key
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.problem(key_node, child, f"duplicate key (first defined on line {first})")
                continue
            seen[key] = key_node
            if names is not None:
                self.validate(key_node, names, child)
            if key in props:
                self.validate(value_node, props[key], child)
            elif extra is False:
                hint = did_you_mean(key, list(props))
                self.problem(key_node, child, f"unknown key{hint}")
            elif isinstance(extra, dict):
                self.validate(value_node, extra, child)
        for required in schema.get("required", []):
            if required not in seen:
                self.problem(node, path, f"missing required key '{required}'")

    def _scalar(self, node: yaml.ScalarNode, schema: dict[str, Any], path: str) -> None:
        value = scalar(node)
        if isinstance(value, str):
            if len(value) < schema.get("minLength", 0):
                self.problem(node, path, "must not be empty")
            pattern = schema.get("pattern")
            if pattern and not re.search(pattern, value):
                self.problem(node, path, f"{_show(node)} does not match {pattern}")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if "minimum" in schema and value < schema["minimum"]:
                self.problem(node, path, f"must be at least {schema['minimum']}")
            if "maximum" in schema and value > schema["maximum"]:
                self.problem(node, path, f"must be at most {schema['maximum']}")
            if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
                self.problem(node, path, f"must be greater than {schema['exclusiveMinimum']}")
        if schema.get("format") == "date" and not isinstance(value, dt.date):
            try:
                dt.date.fromisoformat(str(value))
            except ValueError:
                self.problem(node, path, f"{value!r} is not a date (YYYY-MM-DD)")


def _article(word: str) -> str:
    return {"object": "a mapping", "array": "a list", "integer": "an integer"}.get(
        word, f"a {word}"
    )


def _show(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        value = scalar(node)
        if isinstance(value, str) and looks_secret(value):
            return "the value (not shown: it looks like a secret)"
        return repr(value)
    return describe(node)


def walk(node: yaml.Node, path: str = "") -> Iterator[tuple[str, yaml.Node]]:
    """Every (key path, node) pair below ``node``, depth first; raises TooManyNodes.

    Aliases make a node tree a graph whose expansion can be exponential (an alias bomb),
    so the walk is bounded like the validator.
    """
    budget = [MAX_NODES]

    def visit(node: yaml.Node, path: str) -> Iterator[tuple[str, yaml.Node]]:
        budget[0] -= 1
        if budget[0] < 0:
            raise TooManyNodes(f"more than {MAX_NODES} YAML nodes (an alias bomb?)")
        yield path, node
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    key = str(key_node.value)
                    yield from visit(value_node, f"{path}.{key}" if path else key)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                yield from visit(item, f"{path}[{i}]")

    return visit(node, path)
