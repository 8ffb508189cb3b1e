"""Reading PHP syntax for the Laravel analyser: calls, arguments and static strings.

Names are resolved through string literals, ``$var = '…'`` assignments, class constants
(``self::TABLE``) and properties (``$this->table``); a value that cannot be resolved
becomes an identifier-like placeholder so that SQL built around it still classifies.
"""

from __future__ import annotations

import re
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import treesitter

_NOOP_CALL = lazyre.compile(
    r"^(?:\\?Log::\w+|logger|info|app\('log'\)->\w+|Log::channel\(.*\)->\w+|echo|dump|"
    r"\$this->command->\w+|error_log)$"
)


CALLS = ("scoped_call_expression", "member_call_expression", "nullsafe_member_call_expression")
FUNCTIONS = ("anonymous_function", "arrow_function", "anonymous_function_creation_expression")


CALL_TYPES = frozenset(
    {
        "scoped_call_expression",
        "member_call_expression",
        "nullsafe_member_call_expression",
        "function_call_expression",
    }
)


def call_parts(call: Any) -> tuple[Any, str]:
    """(receiver node, method name): ``Schema::drop`` → (``Schema``, ``drop``)."""
    if call.type == "function_call_expression":
        return None, treesitter.node_text(call.child_by_field_name("function"))
    receiver = call.child_by_field_name("scope") or call.child_by_field_name("object")
    return receiver, treesitter.node_text(call.child_by_field_name("name"))


def arguments(call: Any) -> list[Any]:
    """The argument expressions of a call (named arguments keep their value)."""
    args = call.child_by_field_name("arguments")
    out: list[Any] = []
    for arg in args.named_children if args is not None else ():
        if arg.type == "argument":
            values = [c for c in arg.named_children if c.type != "name"]
            if values:
                out.append(values[-1])
    return out


def strings(root: Any) -> dict[str, str]:
    """Statically known string values: ``$var``, ``$this->prop``, ``self::CONST``."""
    out: dict[str, str] = {}
    found = treesitter.descendants(
        root, frozenset({"assignment_expression", "property_element", "const_element"})
    )
    for node in sorted(found, key=lambda n: n.start_byte):
        kids = node.named_children
        value_node = kids[-1] if len(kids) > 1 else None
        if value_node is None:
            continue
        if value_node.type == "array_creation_expression":
            # a list of strings, as a loop over it sees it: kept under ``name[]``
            listed = string_list(value_node, {})
            text, suffix = (None if listed is None else LIST_SEPARATOR.join(listed)), "[]"
        elif value_node.type in _STRINGY:
            text, suffix = static_string(value_node, {}), ""
        else:
            continue
        if text is None:
            continue
        name = treesitter.node_text(kids[0])
        if node.type == "assignment_expression":
            out[name + suffix] = text
        elif node.type == "property_element":
            out["$this->" + name.lstrip("$") + suffix] = text
        else:
            out["self::" + name + suffix] = out["static::" + name + suffix] = text
    return out


LIST_SEPARATOR = "\0"
"""Between the values of a list of strings in :func:`strings` (``self::TABLES[]``)."""


def string_list(node: Any, known: dict[str, str]) -> list[str] | None:
    """The values of ``['a', 'b']`` (no keys), or of a list :func:`strings` knows by the
    expression's name (``static::TABLES``); None when one is not a known string."""
    if node is None:
        return None
    if node.type != "array_creation_expression":
        listed = known.get(treesitter.node_text(node) + "[]")
        return None if listed is None else listed.split(LIST_SEPARATOR)
    values: list[str] = []
    for element in node.named_children:
        kids = element.named_children
        if element.type != "array_element_initializer" or len(kids) != 1:
            return None  # a key => value pair, a spread: not a list of names
        value = static_string(kids[0], known)
        if value is None:
            return None
        values.append(value)
    return values


_STRINGY = frozenset({"string", "encapsed_string", "binary_expression", "heredoc", "nowdoc"})


def static_string(node: Any, known: dict[str, str], *, loose: bool = False) -> str | None:
    """A PHP string expression's value when its parts are known (loose: placeholders)."""
    if node is None:
        return None
    kind = node.type
    if kind in ("string", "encapsed_string", "heredoc", "nowdoc"):
        parts: list[str] = []
        for c in _string_parts(node):
            if c.type in ("string_content", "string_value", "escape_sequence", "nowdoc_string"):
                parts.append(treesitter.node_text(c))
            elif c.type in ("variable_name", "member_access_expression", "subscript_expression"):
                value = known.get(treesitter.node_text(c))
                if value is None and not loose:
                    return None
                parts.append(value if value is not None else _placeholder(c))
            elif c.type not in ("heredoc_start", "heredoc_end", "comment"):
                parts.append(treesitter.node_text(c))
        return "".join(parts)
    if (
        kind == "binary_expression"
        and treesitter.node_text(node.child_by_field_name("operator")) == "."
    ):
        parts = [node.child_by_field_name(side) for side in ("left", "right")]
        values = [static_string(p, known, loose=loose) for p in parts]
        if loose:  # `$this->prefix.'channelables'` (lunar, round L): the prefix a placeholder
            values = [
                _placeholder(p) if v is None and p is not None else v
                for v, p in zip(values, parts, strict=True)
            ]
        return None if None in values else "".join(v or "" for v in values)
    if kind == "parenthesized_expression" and node.named_children:
        return static_string(node.named_children[0], known, loose=loose)
    if kind in ("integer", "float"):
        return treesitter.node_text(node)
    return known.get(treesitter.node_text(node))


def _string_parts(node: Any) -> list[Any]:
    out: list[Any] = []
    for c in node.named_children:
        if c.type in ("heredoc_body", "nowdoc_body"):
            out.extend(c.named_children)
        else:
            out.append(c)
    return out


def _placeholder(node: Any) -> str:
    """``${prefix}`` for a part known only at run time: never a plausible-looking name."""
    text = re.sub(r"[^\w.]+", "_", treesitter.node_text(node)).strip("_")
    return "${" + (text[:40] or "expr") + "}"


def name_of(node: Any, known: dict[str, str]) -> str:
    """A table or column name for messages and synthetic SQL."""
    if node is None:
        return "?"
    value = static_string(node, known, loose=True)
    if value is not None:
        return value
    if node.type in _RUN_TIME:
        # the same placeholder a SQL string built around it gets: `Schema::create(
        # LinkPreview::TABLE_NAME, …)` then `'ALTER TABLE ' . LinkPreview::TABLE_NAME . …`
        # is one table (kurozora, round AR: read as two, the key on an existing one)
        return _placeholder(node)
    text = treesitter.node_text(node)
    return text if len(text) <= 60 else text[:57] + "…"


_RUN_TIME = frozenset(
    {"class_constant_access_expression", "variable_name", "member_access_expression"}
)


def names(nodes: list[Any], known: dict[str, str]) -> list[str]:
    """Column names from string arguments or arrays of them."""
    out: list[str] = []
    for n in nodes:
        if n.type == "array_creation_expression":
            for el in n.named_children:
                if el.named_children:
                    out.append(name_of(el.named_children[-1], known))
        else:
            out.append(name_of(n, known))
    return out


def params(fn: Any) -> list[str]:
    """Parameter names of a PHP closure or arrow function (``$table``)."""
    plist = fn.child_by_field_name("parameters")
    out: list[str] = []
    for p in plist.named_children if plist is not None else ():
        name = p.child_by_field_name("name")
        if name is not None:
            out.append(treesitter.node_text(name))
    return out


def is_noop_call(text: str) -> bool:
    """True for calls that change nothing in the database (logging, console output)."""
    return _NOOP_CALL.match(text) is not None
