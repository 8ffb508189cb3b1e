"""Following a migration's helpers into the repository's other files (never running them).

Projects wrap their migration framework in helpers and build migrations from them::

    module.exports = dropTables(['oauth']);
    module.exports = createDropColumnMigration('posts', 'author_id', {…});
    module.exports = { ...createAddColumnMigration('posts', 'x', {…}), down: async () => {} };

A :class:`Linker` resolves a name the migration imports with a relative ``require``/
``import`` to the file it comes from (``./x``, ``./x.js``, ``./x/index.ts`` …, read through
the read-only :class:`~rollback_gate.migrations.base.Source`), parses that file with
tree-sitter like any migration, and finds the function the name denotes. The caller then
reads the function's body with the call's constant arguments bound to its parameters
(:func:`bind`), so that ``table.dropColumn(column)`` in the helper reads as
``posts.author_id``. Package imports (``require('knex-migrator')``) are not followed: what
cannot be read stays unknown (RG205 when it is the whole migration).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, replace
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import treesitter
from rollback_gate.migrations.base import Source, Unreadable
from rollback_gate.migrations.js.source import (
    JsFunction,
    JsModule,
    args,
    parameter_nodes,
    parse_module,
    resolve,
    static_string,
)

_EXTENSIONS = ("", ".js", ".ts", ".cjs", ".mjs", ".cts", ".mts")
_MAX_FILES = 24  # helper files read for one migration: bounded, helpers are few
_MAX_SQL_FILES = 64  # SQL files one migration's steps load
_FOLDER = lazyre.compile(r"[\w.-]+(?:/[\w.-]+)*")  # a folder a string may name: Reports, sql/v2


@dataclass
class Linker:
    """Resolves imported helper functions for the migrations of one repository."""

    source: Source
    _modules: dict[str, JsModule | None] = field(default_factory=dict)
    _imports: dict[str, dict[str, tuple[str, str | None]]] = field(default_factory=dict)
    _sql_read: int = 0

    def module(self, path: str) -> JsModule | None:
        """The parsed file at ``path`` (None when it cannot be read or the budget is spent)."""
        if path not in self._modules:
            if len(self._modules) >= _MAX_FILES:
                return None
            try:
                self._modules[path] = parse_module(path, self.source.read_text(path))
            except Unreadable:
                self._modules[path] = None
        return self._modules[path]

    def function(self, module: JsModule, callee: Any) -> tuple[JsModule, JsFunction] | None:
        """The function ``callee`` (``f`` or ``ns.f``) denotes, and the module it lives in."""
        if callee is None:
            return None
        if callee.type == "identifier":
            name = treesitter.node_text(callee)
            decl = module.decls.get(name)
            if decl is not None and not _is_require(decl):
                found = resolve(module, decl)
                return (module, found) if isinstance(found, JsFunction) else None
            imported = self._imported(module).get(name)
            return self._export(module, *imported) if imported is not None else None
        if callee.type == "member_expression":
            obj, prop = callee.child_by_field_name("object"), callee.child_by_field_name("property")
            if obj is not None and obj.type == "identifier" and prop is not None:
                imported = self._imported(module).get(treesitter.node_text(obj))
                if imported is not None and imported[1] is None:
                    return self._export(module, imported[0], treesitter.node_text(prop))
        return None

    def _export(
        self, origin: JsModule, spec: str, name: str | None, depth: int = 0
    ) -> tuple[JsModule, JsFunction] | None:
        path = _resolve_path(origin.path, spec, self.source)
        target = self.module(path) if path is not None else None
        if target is None or depth > 3:
            return None
        node = exported(target, name or "default")
        if node is None and name is not None:
            imported = self._imported(target).get(name)  # re-exported: `const {f} = require(…)`
            if imported is not None:
                return self._export(target, *imported, depth=depth + 1)
            return None
        if node is None:
            return None
        if node.type == "identifier":
            return self.function(target, node)
        found = resolve(target, node)
        return (target, found) if isinstance(found, JsFunction) else None

    def sql_text(self, module: JsModule, node: Any) -> str | None:
        """The text of the repository's SQL file that the expression ``node`` loads, where
        its strings name one: ``getSQLFileData("Create-x.sql", "Reports")`` (SIMS keeps
        every migration's SQL in ``src/sql/<folder>/``: round AA saw none of its 501
        migrations), ``readFileSync(join(__dirname, "sql", "x.sql"))``. The file is looked
        for beside the migration and up to three folders above it, in the folder the other
        strings name, under ``sql/`` or not; the first that exists is read (never run).
        None where no string ends in ``.sql`` or no such file exists."""
        strings = [
            text
            for n in treesitter.descendants(node, frozenset({"string", "template_string"}))
            if (text := static_string(n, module)) is not None
        ]
        names = [t for t in strings if t.lower().endswith(".sql")]
        if len(names) != 1 or self._sql_read >= _MAX_SQL_FILES:
            return None
        name = names[0]
        folders = [t for t in strings if t != name and _FOLDER.fullmatch(t)]
        base = posixpath.dirname(module.path)
        tried: set[str] = set()
        for _ in range(4):  # beside the migration, then up to three folders above it
            for under in ("", "sql", "sqls", "queries"):
                for folder in ("", *folders):
                    path = posixpath.normpath(posixpath.join(base, under, folder, name))
                    if path in tried or path.startswith("../") or path == "..":
                        continue
                    tried.add(path)
                    if self.source.exists(path):
                        self._sql_read += 1
                        try:
                            return self.source.read_text(path, lenient=True)
                        except Unreadable:
                            return None
            if not base:
                break
            base = posixpath.dirname(base)
        return None

    def _imported(self, module: JsModule) -> dict[str, tuple[str, str | None]]:
        if module.path not in self._imports:
            self._imports[module.path] = imports(module)
        return self._imports[module.path]


def _is_require(node: Any) -> bool:
    while node is not None and node.type == "member_expression":
        node = node.child_by_field_name("object")
    if node is None or node.type != "call_expression":
        return False
    fn = node.child_by_field_name("function")
    return fn is not None and treesitter.node_text(fn) == "require"


def _resolve_path(origin: str, spec: str, source: Source) -> str | None:
    if not spec.startswith(("./", "../")):
        return None  # a package: not the repository's code
    base = posixpath.normpath(posixpath.join(posixpath.dirname(origin), spec))
    stem = base[: -len(".js")] if base.endswith(".js") else base  # TS imports `./x.js`
    for candidate in (
        *(base + ext for ext in _EXTENSIONS),
        *(stem + ext for ext in _EXTENSIONS[1:]),
        *(f"{base}/index{ext}" for ext in _EXTENSIONS[1:]),
    ):
        if source.exists(candidate):
            return candidate
    return None


def imports(module: JsModule) -> dict[str, tuple[str, str | None]]:
    """Local name → (module specifier, imported name; None for the whole module)."""
    out: dict[str, tuple[str, str | None]] = {}
    for stmt in module.root.named_children:
        if stmt.type == "import_statement":
            spec = static_string(stmt.child_by_field_name("source"))
            clause = next((c for c in stmt.named_children if c.type == "import_clause"), None)
            if spec is None or clause is None:
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    out[treesitter.node_text(part)] = (spec, "default")
                elif part.type == "namespace_import":
                    names = [c for c in part.named_children if c.type == "identifier"]
                    if names:
                        out[treesitter.node_text(names[0])] = (spec, None)
                elif part.type == "named_imports":
                    for item in part.named_children:
                        name, alias = (
                            item.child_by_field_name("name"),
                            item.child_by_field_name("alias"),
                        )
                        if name is not None:
                            local = treesitter.node_text(alias if alias is not None else name)
                            out[local] = (spec, treesitter.node_text(name))
        elif stmt.type in ("lexical_declaration", "variable_declaration"):
            for d in stmt.named_children:
                if d.type == "variable_declarator":
                    _require(d, out)
    return out


def _require(decl: Any, out: dict[str, tuple[str, str | None]]) -> None:
    name, value = decl.child_by_field_name("name"), decl.child_by_field_name("value")
    member: str | None = None
    while value is not None and value.type in ("await_expression", "member_expression"):
        if value.type == "member_expression":  # require('./x').dropTables
            member = treesitter.node_text(value.child_by_field_name("property"))
            value = value.child_by_field_name("object")
        else:
            value = value.named_children[0] if value.named_children else None
    if name is None or value is None or not _is_require(value):
        return
    spec = static_string(args(value)[0]) if args(value) else None
    if spec is None:
        return
    if name.type == "identifier":
        out[treesitter.node_text(name)] = (spec, member)
    elif name.type == "object_pattern" and member is None:  # const { a, b: c } = require(…)
        for prop in name.named_children:
            if prop.type == "shorthand_property_identifier_pattern":
                out[treesitter.node_text(prop)] = (spec, treesitter.node_text(prop))
            elif prop.type == "pair_pattern":
                key, val = prop.child_by_field_name("key"), prop.child_by_field_name("value")
                if key is not None and val is not None and val.type == "identifier":
                    out[treesitter.node_text(val)] = (spec, treesitter.node_text(key))


def exported(module: JsModule, name: str) -> Any:
    """The node a module exports as ``name`` (``default``: ``module.exports = f``)."""
    if name in module.exports:
        return module.exports[name]
    for container in module.containers:
        node = container
        if node.type in ("function_declaration", "function_expression", "arrow_function"):
            if name == "default":
                return node
            continue
        if name == "default" and node.type == "identifier":
            return node
        if node.type == "identifier":
            node = module.decls.get(treesitter.node_text(node))
        if node is None or node.type != "object":
            continue
        for member in node.named_children:
            if member.type == "shorthand_property_identifier" and treesitter.node_text(member) == (
                name
            ):
                return module.decls.get(name, member)
            if member.type == "pair":
                key = member.child_by_field_name("key")
                if key is not None and treesitter.node_text(key).strip("'\"") == name:
                    return member.child_by_field_name("value")
            if member.type == "method_definition":
                key = member.child_by_field_name("name")
                if key is not None and treesitter.node_text(key) == name:
                    return member
    return None


def returned(fn: JsFunction) -> Any:
    """The expression a helper returns: an arrow's body, or its first top-level ``return``."""
    body = fn.body
    if body is None:
        return None
    if body.type != "statement_block":
        return body
    for stmt in body.named_children:
        if stmt.type == "return_statement" and stmt.named_children:
            return stmt.named_children[0]
    return None


def bind(fn: JsFunction, call: Any, caller: JsModule, callee: JsModule) -> JsModule:
    """``callee`` seen from inside ``fn`` called by ``call``: parameters bound to constants.

    A string argument binds its parameter (``table`` → ``posts``); an array of strings binds
    it, and a ``for (const x of param)`` loop variable, to the names joined by ``, ``. A
    parameter bound to nothing readable hides a constant of the same name.
    """
    strings = dict(callee.strings)
    values = args(call)
    for index, param in enumerate(fn.params):
        value = _constant(values[index], caller) if index < len(values) else None
        if value is None:
            strings.pop(param, None)
        else:
            strings[param] = value
    # an object destructured in the parameters, `async (knex, { table }) => …` called with
    # `{ table: 'newt' }`: each name it binds (alga-psa's `addFk` helper, round CR)
    for pattern, given in zip(parameter_nodes(fn.node), values, strict=False):
        if pattern.type == "object_pattern":
            for name, value in _destructured(pattern, given, caller).items():
                if value is None:
                    strings.pop(name, None)
                else:
                    strings[name] = value
    for node in _loops(fn.node):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is not None and right is not None and right.type == "identifier":
            bound = strings.get(treesitter.node_text(right))
            var = left.named_children[-1] if left.named_children else left
            if bound is not None and var.type == "identifier":
                strings[treesitter.node_text(var)] = bound
    return replace(callee, strings=strings)


def _destructured(pattern: Any, given: Any, caller: JsModule) -> dict[str, str | None]:
    """Each local name an ``object_pattern`` binds, with the constant the call's object
    gives its key, or its default (None where neither is a constant shown)."""
    props: dict[str, Any] = {}
    if given.type == "object":
        for prop in given.named_children:
            if prop.type == "pair" and (key := prop.child_by_field_name("key")) is not None:
                props[treesitter.node_text(key).strip("'\"")] = prop.child_by_field_name("value")
    out: dict[str, str | None] = {}
    for key, local, default in _pattern_names(pattern):
        value = props.get(key, default)
        out[local] = _constant(value, caller) if value is not None else None
    return out


def _pattern_names(pattern: Any) -> list[tuple[str, str, Any]]:
    """``(key, local name, default node or None)`` of each name an ``object_pattern``
    binds: ``{ table }``, ``{ other: o }``, ``{ column = 'p_id' }``."""
    out: list[tuple[str, str, Any]] = []
    for part in pattern.named_children:
        if part.type == "shorthand_property_identifier_pattern":
            out.append((treesitter.node_text(part),) * 2 + (None,))
        elif part.type == "pair_pattern":
            key, value = part.child_by_field_name("key"), part.child_by_field_name("value")
            if key is not None and value is not None and value.type == "identifier":
                out.append((treesitter.node_text(key), treesitter.node_text(value), None))
        elif part.type == "object_assignment_pattern":
            left = part.child_by_field_name("left")
            if left is not None and left.type == "shorthand_property_identifier_pattern":
                name = treesitter.node_text(left)
                out.append((name, name, part.child_by_field_name("right")))
    return out


def bound_names(fn: JsFunction) -> tuple[str, ...]:
    """The names a function's parameters bind: each plain one, and each a destructured
    object's pattern binds (``{ table, other: o }``: ``table``, ``o``)."""
    out = list(fn.params)
    for pattern in parameter_nodes(fn.node):
        if pattern.type == "object_pattern":
            out += [local for _, local, _ in _pattern_names(pattern)]
    return tuple(out)


def _constant(node: Any, module: JsModule) -> str | None:
    if node.type == "array":
        items = [static_string(e, module) for e in node.named_children if e.type != "comment"]
        return ", ".join(i for i in items if i) if items and all(items) else None
    return static_string(node, module)


def _loops(node: Any) -> list[Any]:
    out: list[Any] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "for_in_statement":
            out.append(n)
        stack.extend(n.named_children)
    return out
