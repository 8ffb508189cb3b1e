"""Finding the up and down steps of a JavaScript/TypeScript migration, and what they do.

Knex, Sequelize and TypeORM migrations are modules that export ``up`` and ``down``
(functions, object members or class methods). This module reads a file with tree-sitter
(never running it), finds those two steps in every export style the frameworks accept::

    exports.up = function (knex) {…}            module.exports = { up, down }
    module.exports = { async up(qi, S) {…} }    export async function up(knex) {…}
    export const down = async () => {}          export class X implements MigrationInterface

and indexes what the analysis needs (constants, declarations). Whether a step does
anything is :mod:`.jsbody`'s business; what its calls *mean* is :mod:`.jsops`'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import treesitter

FUNCTION_TYPES = frozenset(
    {
        "function_expression",
        "function",
        "arrow_function",
        "function_declaration",
        "method_definition",
        "generator_function",
        "generator_function_declaration",
    }
)
_SCRIPT = lazyre.compile(r"\.(?:[cm]?js|[cm]?ts)$")
SQL_METHODS = frozenset({"query", "raw", "execute", "unsafe", "runSql"})  # (runSql: db-migrate)


def is_script(path: str) -> bool:
    """True for ``.js/.cjs/.mjs/.ts/.cts/.mts`` files that are not type declarations."""
    return _SCRIPT.search(path) is not None and not re.search(r"\.d\.[cm]?ts$", path)


@dataclass(frozen=True)
class JsFunction:
    """A step's function: its node, body (block or expression), parameter names, line."""

    node: Any
    body: Any
    params: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Opaque:
    """A step that is declared but not readable here (imported, built by a helper call)."""

    line: int


@dataclass
class JsModule:
    """One parsed migration file and the declarations the analysis needs."""

    path: str
    root: Any
    lang: str
    error_line: int | None
    decls: dict[str, Any] = field(default_factory=dict)
    exports: dict[str, Any] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)
    # a string enum, object of strings or array of strings: name → (keys, values)
    lists: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    containers: list[Any] = field(default_factory=list)
    # db-migrate's column specs say `notNull: true` (its `allowNull` means nothing) and
    # its addIndex takes `unique` as its fourth argument: set by its analyser
    db_migrate: bool = False


def language_for(path: str) -> str:
    """The tree-sitter grammar for a script path."""
    return "typescript" if re.search(r"\.[cm]?ts$", path) else "javascript"


def parse_module(path: str, text: str) -> JsModule:
    """Parse ``text`` and index its top-level declarations and exports.

    A ``.js`` file that only parses as TypeScript (type annotations in a ``.js`` file run
    through a transpiler) is read as TypeScript.
    """
    lang = language_for(path)
    tree = treesitter.parse(lang, text)
    if tree.root_node.has_error and lang == "javascript":
        retry = treesitter.parse("typescript", text)
        if not retry.root_node.has_error:
            tree, lang = retry, "typescript"
    root = tree.root_node
    module = JsModule(path, root, lang, _first_error(root) if root.has_error else None)
    for stmt in root.named_children:
        _index(module, stmt)
    return module


def _first_error(node: Any) -> int:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return treesitter.line_of(n)
        stack.extend(reversed([c for c in n.children if c.has_error or c.is_missing]))
    return treesitter.line_of(node)


def _index(module: JsModule, stmt: Any) -> None:
    kind = stmt.type
    if kind == "export_statement":
        decl = stmt.child_by_field_name("declaration")
        value = stmt.child_by_field_name("value")
        if decl is not None:
            for name in _declare(module, decl):
                module.exports.setdefault(name, module.decls[name])
        elif value is not None:
            module.containers.append(value)
        else:
            for child in stmt.named_children:
                if child.type == "export_clause":
                    for spec in child.named_children:
                        names = [treesitter.node_text(n) for n in spec.named_children]
                        if names:
                            module.exports.setdefault(names[-1], _ident_ref(spec, names[0]))
                elif child.type not in ("comment", "string"):
                    module.containers.append(child)  # `export = {…}` in TypeScript
        return
    if kind in ("if_statement", "else_clause", "statement_block"):
        for child in stmt.named_children:  # `if (process.env.CI) { module.exports = … }`
            if child.type in (
                "statement_block",
                "else_clause",
                "expression_statement",
                "if_statement",
            ):
                _index(module, child)
        return
    if kind == "expression_statement":
        expr = stmt.named_children[0] if stmt.named_children else None
        if expr is not None and expr.type == "assignment_expression":
            _assign(module, expr)
        return
    _declare(module, stmt)


def _ident_ref(spec: Any, name: str) -> Any:
    return spec.named_children[0] if spec.named_children else name


def _declare(module: JsModule, decl: Any) -> list[str]:
    names: list[str] = []
    if decl.type in ("lexical_declaration", "variable_declaration"):
        for d in decl.named_children:
            name, value = d.child_by_field_name("name"), d.child_by_field_name("value")
            if d.type != "variable_declarator" or name is None or name.type != "identifier":
                continue
            key = treesitter.node_text(name)
            names.append(key)
            module.decls[key] = value
            text = static_string(value, module) if value is not None else None
            if text is not None:
                module.strings[key] = text
            elif (listed := _string_list(value, module)) is not None:
                module.lists[key] = listed
    elif decl.type == "enum_declaration":
        name, body = decl.child_by_field_name("name"), decl.child_by_field_name("body")
        if name is not None and (listed := _string_list(body, module)) is not None:
            module.lists[treesitter.node_text(name)] = listed
    elif decl.type in (
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
    ):
        name = decl.child_by_field_name("name")
        if name is not None:
            key = treesitter.node_text(name)
            names.append(key)
            module.decls[key] = decl
        if decl.type == "class_declaration":
            module.containers.append(decl)
            _class_fields(module, decl)
    return names


def _class_fields(module: JsModule, decl: Any) -> None:
    """A class's fields whose values are static strings, as ``this.<name>``: a migration
    may keep its SQL there (bluebubbles-server's ``createContactTable = `CREATE TABLE …```
    and ``INSERT … SELECT ${this.contactColumnOrder}``, round CD: a rebuild in place read
    as a rename)."""
    body = decl.child_by_field_name("body")
    for member in body.named_children if body is not None else ():
        if member.type not in ("public_field_definition", "field_definition"):
            continue
        name = member.child_by_field_name("name") or member.child_by_field_name("property")
        value = member.child_by_field_name("value")
        text = static_string(value, module) if value is not None and name is not None else None
        if text is not None and name is not None:
            module.strings[f"this.{treesitter.node_text(name)}"] = text


def _string_list(node: Any, module: JsModule) -> tuple[list[str], list[str]] | None:
    """(keys, values) of a TypeScript enum body, object or array literal whose every
    value is a static string (an array's keys are its indexes); None otherwise."""
    if node is None or node.type not in ("enum_body", "object", "array"):
        return None
    keys: list[str] = []
    values: list[str] = []
    for i, item in enumerate(node.named_children):
        if item.type == "comment":
            continue
        key: str | None = str(i)
        if node.type == "array":
            value = item
        elif item.type in ("enum_assignment", "pair"):
            name = item.child_by_field_name("name") or item.child_by_field_name("key")
            value = item.child_by_field_name("value")
            key = static_string(name, module) if name is not None else None
            if key is None and name is not None:
                key = treesitter.node_text(name)
        else:
            return None  # a member without a string value (numeric enum, spread …)
        text = static_string(value, module) if value is not None else None
        if text is None or key is None:
            return None
        keys.append(key)
        values.append(text)
    return keys, values


def _joined(node: Any, module: JsModule) -> str | None:
    """``Object.values(E).join(sep)``, ``Object.keys(E).join(sep)`` or ``A.join(sep)`` over
    a list :func:`_string_list` knows (digital_marketplace's CHECK drawn from a TypeScript
    enum, round AA); None otherwise."""
    target, method = callee(node)
    if method != "join" or target is None:
        return None
    given = args(node)
    sep = static_string(given[0], module) if given else ","
    if sep is None:
        return None
    if target.type == "identifier":
        listed = module.lists.get(treesitter.node_text(target))
        return None if listed is None else sep.join(listed[1])
    if target.type != "call_expression":
        return None
    which = treesitter.node_text(target.child_by_field_name("function"))
    names = args(target)
    if which not in ("Object.values", "Object.keys") or len(names) != 1:
        return None
    listed = module.lists.get(treesitter.node_text(names[0]))
    if listed is None:
        return None
    return sep.join(listed[0] if which == "Object.keys" else listed[1])


def _assign(module: JsModule, expr: Any) -> None:
    left, right = expr.child_by_field_name("left"), expr.child_by_field_name("right")
    target = treesitter.node_text(left)
    if target in ("module.exports", "exports.default", "module.exports.default"):
        module.containers.append(right)
        return
    for prefix in ("module.exports.", "exports."):
        if target.startswith(prefix):
            name = target[len(prefix) :]
            if name in ("up", "down"):
                module.exports[name] = right
            else:
                module.containers.append(right)
            return


def find_steps(module: JsModule) -> dict[str, Any]:
    """``{"up": node, "down": node}`` for the steps the module exports (missing: absent)."""
    steps = {k: v for k, v in module.exports.items() if k in ("up", "down")}
    for container in module.containers:
        for name, value in _members(module, container, 0).items():
            steps.setdefault(name, value)
    return steps


def _members(module: JsModule, node: Any, depth: int) -> dict[str, Any]:
    if node is None or depth > 4:
        return {}
    kind = node.type
    if kind in ("parenthesized_expression", "as_expression", "satisfies_expression"):
        return _members(module, node.named_children[0], depth + 1)
    if kind == "identifier":
        return _members(module, module.decls.get(treesitter.node_text(node)), depth + 1)
    if kind == "call_expression":  # defineMigration({ up, down }), Object.freeze({…})
        found: dict[str, Any] = {}
        for arg in args(node):
            found.update(_members(module, arg, depth + 1))
            if arg.type in FUNCTION_TYPES and (name := arg.child_by_field_name("name")):
                found.setdefault(treesitter.node_text(name), arg)
        return found
    members: dict[str, Any] = {}
    body = node.child_by_field_name("body") if kind in ("class", "class_declaration") else node
    if body is None or body.type not in ("object", "class_body"):
        return {}
    for member in body.named_children:
        if member.type == "method_definition":
            name = treesitter.node_text(member.child_by_field_name("name"))
            members[name] = member
        elif member.type == "pair":
            key = member.child_by_field_name("key")
            members[static_string(key, module) or treesitter.node_text(key)] = (
                member.child_by_field_name("value")
            )
        elif member.type == "shorthand_property_identifier":
            name = treesitter.node_text(member)
            members[name] = module.decls.get(name, member)
        elif member.type in ("public_field_definition", "field_definition"):
            key = member.child_by_field_name("name") or member.child_by_field_name("property")
            value = member.child_by_field_name("value")
            if key is not None and value is not None:
                members[treesitter.node_text(key)] = value
    return {k: v for k, v in members.items() if k in ("up", "down")}


def resolve(module: JsModule, node: Any, depth: int = 0) -> JsFunction | Opaque | None:
    """The function a step's value denotes; None when it is absent (``null``, ``undefined``)."""
    kind = node.type
    if kind in FUNCTION_TYPES:
        body = node.child_by_field_name("body")
        return JsFunction(node, body, params(node), treesitter.line_of(node))
    if kind in ("null", "undefined"):
        return None
    if kind == "parenthesized_expression" and node.named_children:
        return resolve(module, node.named_children[0], depth + 1)
    if kind in ("identifier", "shorthand_property_identifier") and depth < 5:
        target = module.decls.get(treesitter.node_text(node))
        if target is not None and target is not node:
            return resolve(module, target, depth + 1)
    if kind == "member_expression" and depth < 5:
        text = treesitter.node_text(node)
        for prefix in ("module.exports.", "exports."):
            name = text.removeprefix(prefix)
            if text.startswith(prefix) and module.exports.get(name) is not None:
                return resolve(module, module.exports[name], depth + 1)
    return Opaque(treesitter.line_of(node))


def params(fn: Any) -> tuple[str, ...]:
    """Parameter names of a function node (``_`` for destructured ones)."""
    single = fn.child_by_field_name("parameter")
    if single is not None:
        return (treesitter.node_text(single),)
    names: list[str] = []
    for p in parameter_nodes(fn):
        if p.type == "assignment_pattern":
            p = p.child_by_field_name("left") or p
        names.append(treesitter.node_text(p) if p.type == "identifier" else "_")
    return tuple(names)


def parameter_nodes(fn: Any) -> list[Any]:
    """The parameter nodes of a function node, each a name or a pattern (TypeScript's
    ``required_parameter`` unwrapped), comments left out."""
    plist = fn.child_by_field_name("parameters")
    out = []
    for p in plist.named_children if plist is not None else ():
        if p.type in ("required_parameter", "optional_parameter"):
            p = p.child_by_field_name("pattern") or p
        if p.type != "comment":
            out.append(p)
    return out


def args(call: Any) -> list[Any]:
    """The argument nodes of a call or ``new`` expression (comments left out)."""
    node = call.child_by_field_name("arguments")
    if node is None or node.type != "arguments":
        return []
    return [a for a in node.named_children if a.type != "comment"]


def callee(call: Any) -> tuple[Any, str]:
    """``(receiver, method)``: ``knex.schema.dropTable(…)`` → (``knex.schema``, ``dropTable``)."""
    fn = call.child_by_field_name("function") or call.child_by_field_name("constructor")
    if fn is None:
        return None, ""
    if fn.type == "member_expression":
        prop = fn.child_by_field_name("property")
        return fn.child_by_field_name("object"), treesitter.node_text(prop)
    if fn.type == "identifier":
        return None, treesitter.node_text(fn)
    return None, ""


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _unescape(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == "\\":
        return _ESCAPES.get(raw[1], raw[1:])
    return raw


def static_string(node: Any, module: JsModule | None = None, *, loose: bool = False) -> str | None:
    """The value of a string expression whose parts are known statically, else None.

    Handles quotes, template literals, ``+`` concatenation and constants declared in the
    file. With ``loose``, a ``${…}`` substitution that cannot be resolved becomes an
    identifier-like placeholder made of its expression (``${table}`` → ``table``), so that
    SQL built around it still classifies.
    """
    if node is None:
        return None
    kind = node.type
    if kind == "string":
        return "".join(
            _unescape(treesitter.node_text(c))
            for c in node.named_children
            if c.type in ("string_fragment", "escape_sequence")
        )
    if kind == "template_string":
        parts: list[str] = []
        for c in node.named_children:
            if c.type in ("string_fragment", "escape_sequence"):
                parts.append(_unescape(treesitter.node_text(c)))
            elif c.type == "template_substitution":
                inner = c.named_children[0] if c.named_children else None
                value = static_string(inner, module, loose=loose)
                if value is None and not loose:
                    return None
                parts.append(value if value is not None else _placeholder(inner))
        if not node.named_children:
            text = treesitter.node_text(node)
            return text[1:-1]
        return "".join(parts)
    if (
        kind == "binary_expression"
        and treesitter.node_text(node.child_by_field_name("operator")) == "+"
    ):
        left = static_string(node.child_by_field_name("left"), module, loose=loose)
        right = static_string(node.child_by_field_name("right"), module, loose=loose)
        return None if left is None or right is None else left + right
    if kind == "parenthesized_expression" and node.named_children:
        return static_string(node.named_children[0], module, loose=loose)
    if (
        kind == "binary_expression"
        and treesitter.node_text(node.child_by_field_name("operator")) in ("||", "??")
        and treesitter.node_text(node.child_by_field_name("left")).startswith("process.env.")
    ):
        # a setting with its default: `process.env.DATASTORE_PREFIX || ''` is the default
        # (screwdriver's `${prefix}collections` is `collections`, round AJ)
        return static_string(node.child_by_field_name("right"), module, loose=loose)
    if kind in ("identifier", "shorthand_property_identifier") and module is not None:
        # (`{ tableName, schema: 'public' }` is the variable `tableName`'s value: the
        # ELEVATE user service's registration codes, round BP)
        return module.strings.get(treesitter.node_text(node))
    if kind == "member_expression" and module is not None:
        # (a class field of the migration's own: `this.createContactTable`)
        return (
            module.strings.get(treesitter.node_text(node))
            if treesitter.node_text(node).startswith("this.")
            else None
        )
    if kind in ("number",):
        return treesitter.node_text(node)
    if kind == "call_expression" and module is not None:
        return _joined(node, module)
    return None


def _placeholder(node: Any) -> str:
    """``${expr}`` for a part known only at run time: never a plausible-looking name."""
    return computed(node)


def computed(node: Any) -> str:
    """A name built at run time, shown as its expression: ``${prefix}``, ``${this.table}``.

    The SQL tokenizer reads ``${…}`` (without spaces) as one identifier, so SQL built
    around it still classifies, and a message never prints a made-up table name.
    """
    text = treesitter.node_text(node) if node is not None else ""
    text = re.sub(r"[^\w.$]+", "_", text).strip("_")
    return "${" + (text[:40] or "expr") + "}"
