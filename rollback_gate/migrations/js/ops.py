"""What the calls of a Knex, Sequelize or TypeORM step do, as SQL statements.

Every recognised call becomes the :class:`~rollback_gate.migrations.sqlengine.sql.Statement` it
amounts to, so that one judgement (:func:`rollback_gate.migrations.sqlengine.sql.destructive`) sees
builder calls and raw SQL in order: a table created and later dropped in the same step,
or rows copied out of a table before it is dropped, are then not reported as data loss.

The three vocabularies overlap (``createTable``/``dropTable`` everywhere) and are told
apart by the shape of the arguments, not by the framework: a migration of one framework
rarely calls another's API, and a shape-based reading cannot misread it when it does.

* Knex: ``knex.schema.createTable/alterTable/table(name, t => …)`` with column calls on
  ``t`` (``t.dropColumn``, ``t.string('c', 50).alter()``), ``dropTable(IfExists)``,
  ``knex('t').del()``/``.truncate()``, ``knex.raw(sql)``.
* Sequelize: ``queryInterface.createTable/addColumn/removeColumn/changeColumn/bulkDelete``,
  ``queryInterface.sequelize.query(sql)``.
* TypeORM: ``queryRunner.query(sql)``, ``createTable(new Table({…}))``, ``dropColumn``,
  ``clearTable``, ``queryRunner.manager.delete(Entity, …)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from rollback_gate.migrations import treesitter
from rollback_gate.migrations.js.linker import Linker, bind, bound_names, returned
from rollback_gate.migrations.js.schema import (
    CONSTRAINT_CALLS,
    DROP_OTHER_CALLS,
    INDEX_CALLS,
    SCHEMA_CALLS,
    constraint,
    index,
    name_of,
    names,
    op,
)
from rollback_gate.migrations.js.source import (
    FUNCTION_TYPES,
    SQL_METHODS,
    JsFunction,
    JsModule,
    args,
    callee,
    params,
    resolve,
    static_string,
)
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.sqlengine.steps import quote, shift, split, synthetic

_TABLE_METHODS = frozenset({"createTable", "createTableIfNotExists", "table", "alterTable"})
_KNEX_TYPES: dict[str, Callable[[list[str]], str]] = {
    "increments": lambda a: "integer",
    "bigIncrements": lambda a: "bigint",
    "integer": lambda a: "integer",
    "bigInteger": lambda a: "bigint",
    "bigint": lambda a: "bigint",
    "smallint": lambda a: "smallint",
    "tinyint": lambda a: "tinyint",
    "mediumint": lambda a: "mediumint",
    "text": lambda a: a[0] if a else "text",
    "string": lambda a: f"varchar({a[0] if a else 255})",
    "float": lambda a: "real",
    "double": lambda a: "double precision",
    "decimal": lambda a: f"numeric({a[0] if a else 8},{a[1] if len(a) > 1 else 2})",
    "boolean": lambda a: "boolean",
    "date": lambda a: "date",
    "datetime": lambda a: "timestamp",
    "timestamp": lambda a: "timestamp",
    "time": lambda a: "time",
    "binary": lambda a: "bytea",
    "enum": lambda a: "enum",
    "enu": lambda a: "enum",
    "json": lambda a: "json",
    "jsonb": lambda a: "jsonb",
    "uuid": lambda a: "uuid",
    "specificType": lambda a: a[0] if a else "other",
}


_CALLS = frozenset({"call_expression"})


# Helpers followed for one step, each once: the work stays linear in the file, and a
# migration written as dozens of helpers (mailtrain's v1_to_v2.js: 13, with their own) is
# read to its end (16 stopped at mailtrain's ninth, round H).
_MAX_HELPERS = 100


def statements(
    fn: JsFunction,
    module: JsModule,
    seen: set[tuple[str | int | None, ...]] | None = None,
    *,
    linker: Linker | None = None,
    created: bool = False,
) -> list[Statement]:
    """The statements the calls inside ``fn`` amount to, in source order.

    Calls of functions declared in the same file (``await migrate(queryInterface)``,
    ``await this.dropLegacy(queryRunner)``) are followed, each once, with the call's
    constant arguments bound to the helper's parameters, so that what a helper does counts
    for the step that calls it; the statements keep their own lines. With a ``linker``,
    helpers imported from the repository's other files are followed too; their statements
    are placed at the line of the call. With ``created``, the columns a Knex ``createTable``
    callback defines follow its ``CREATE TABLE`` as ``ADD COLUMN`` statements (what a
    history of the table's columns wants; the analyser's judges take a new table whole).
    """
    seen = seen if seen is not None else {_span(fn.node, module)}
    module = _with_locals(fn, module)
    calls = treesitter.descendants(fn.node, _CALLS)
    declared = _declared(fn.node)  # (read once: a step may hold thousands of calls)
    local = _local_functions(declared, calls)
    out: list[Statement] = []
    tables: list[_Table] = []
    for call in sorted(calls, key=_method_pos):
        if any(n.start_byte <= call.start_byte < n.end_byte for n in local.values()):
            continue  # inside a function of the step's own: read at each call of it
        receiver, method = callee(call)
        a = args(call) if receiver is None and method in _DROP_HELPERS else []
        if len(a) > 1 and a[0].type == "identifier":
            # the project's own `removeConstraint(queryInterface, "t", {type, fields})`
            # (elcc-data-management's MSSQL helper, whose SQL is built at run time): the
            # query interface's method of that name, the table next (a foreign key dropped
            # and added back was read as one added: round BT, two)
            table = quote(name_of(a[1], module))
            out.append(synthetic(f"ALTER TABLE {table} DROP CONSTRAINT", _line(call)))
            continue
        if receiver is None or receiver.type in ("this", "identifier"):
            found = _helper(call, receiver, method, module, linker)
            if found is not None and _builds_function(found[1]):
                continue  # `const f = helper(qi, t)` makes a function: its calls do the work
            target = (
                (found[0], found[1], bind(found[1], call, module, found[0]))
                if found is not None
                else _made_by_helper(call, method, declared, module)
                if receiver is None
                else None
            )
            if target is not None:
                owner, helper, bound = target
                # each helper once per set of arguments (sis-importer's helper called once
                # per column: read once, its names were `${table}.${column}`, round AR)
                key = (*_span(helper.node, owner),
                       *(bound.strings.get(p) for p in bound_names(helper)))  # fmt: skip
                if key in seen or len(seen) >= _MAX_HELPERS:
                    continue
                seen.add(key)
                inner = statements(helper, bound, seen, linker=linker, created=created)
                if owner.path != module.path:  # another file's lines: the call's line here
                    inner = [replace(s, line=_line(call)) for s in inner]
                out.extend(inner)
                continue
            if receiver is None:
                continue
        if method == "bind" and _bound_sql(receiver) and len(a := args(call)) > 1:
            # `db.runSql.bind(db, 'ALTER TABLE …')` in an `async.series([…])`: old
            # db-migrate's way to run statements in order (openbadges-backpack's dropped
            # `badge.image_data`, round BC: nothing reported)
            out.extend(_raw(a[1], module, _line(call), linker))
            continue
        if method not in _INTERESTING:
            continue
        if receiver.type == "identifier":
            found_in = _contexts(tables, call, treesitter.node_text(receiver))
            for ctx in found_in:
                if not ctx.create or created:
                    out.extend(_column(ctx.name, method, args(call), call, module))
            if found_in:
                continue
        if method in _TABLE_METHODS:  # (a table per round of a loop around it)
            for bound in _unrolled(call, fn.node, module):
                _open_table(tables, call, method, bound)
        for bound in _unrolled(call, fn.node, module):
            out.extend(_call(call, receiver, method, bound, linker))
    return out


def _bound_sql(receiver: Any) -> bool:
    """Whether ``receiver`` of a ``.bind(…)`` is a SQL method: ``db.runSql``."""
    if receiver is None or receiver.type != "member_expression":
        return False
    prop = receiver.child_by_field_name("property")
    return prop is not None and treesitter.node_text(prop) in SQL_METHODS


def _unrolled(call: Any, top: Any, module: JsModule) -> list[JsModule]:
    """``module`` once per round of the loop around ``call`` (inside ``top``) over a
    constant array, with the loop's names bound to the round's strings: ``for (const x of
    ARRAY)`` (``for (const [name, sql] of VIEWS)``: daily-api's materialized views, round
    X), or a callback of ``ARRAY.forEach``/``map``/``flatMap``/``reduce`` (usdr-gost's
    ``TABLES.reduce((schema, tableName) => schema.alterTable(tableName, …), knex.schema)``,
    round AC); just ``module`` outside such a loop, or where a value is not a constant."""
    node = call.parent
    while node is not None and node != top:
        if node.type == "for_in_statement":
            return _for_of(node, module)
        if node.type in _FUNCTIONS and (loop := _callback_loop(node, module)) is not None:
            return loop
        node = node.parent
    return [module]


_FUNCTIONS = frozenset({"arrow_function", "function_expression", "function"})
# the array methods whose callback runs once per element: the element's parameter
_ELEMENT_PARAMETER = {"forEach": 0, "map": 0, "flatMap": 0, "reduce": 1, "reduceRight": 1}


def _for_of(node: Any, module: JsModule) -> list[JsModule]:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    if left is None or right is None:
        return [module]
    if not any(c.type == "of" for c in node.children):
        return [module]  # `for (const k in obj)` walks keys, not the elements
    return _rounds(right, left, module)


def _callback_loop(fn: Any, module: JsModule) -> list[JsModule] | None:
    """The rounds of ``fn`` where it is the callback of an array method over a constant
    array (None where it is not such a callback)."""
    arguments = fn.parent
    outer = arguments.parent if arguments is not None and arguments.type == "arguments" else None
    callee = outer.child_by_field_name("function") if outer is not None else None
    if callee is None or callee.type != "member_expression":
        return None
    prop, array = callee.child_by_field_name("property"), callee.child_by_field_name("object")
    at = _ELEMENT_PARAMETER.get(treesitter.node_text(prop)) if prop is not None else None
    if at is None or array is None or arguments.named_children[:1] != [fn]:
        return None
    single = fn.child_by_field_name("parameter")
    formal = fn.child_by_field_name("parameters")
    params = [single] if single is not None else (formal.named_children if formal else [])
    params = [p for p in params if p.type != "comment"]
    if len(params) <= at:
        return None
    return _rounds(array, params[at], module)


def _rounds(right: Any, left: Any, module: JsModule) -> list[JsModule]:
    """``module`` once per element of the constant array ``right``, ``left`` (a name, or
    ``[a, b]`` of an array's elements) bound to its strings; ``[module]`` where the array or
    a value is not known."""
    array = right
    if right.type == "identifier":
        array = module.decls.get(treesitter.node_text(right))
    if array is None or array.type != "array":
        return [module]
    pattern = left.named_children if left.type == "array_pattern" else [left]
    names = [treesitter.node_text(n) if n.type == "identifier" else None for n in pattern]
    rounds: list[JsModule] = []
    for element in (e for e in array.named_children if e.type != "comment"):
        parts = [x for x in element.named_children if x.type != "comment"]
        values = parts if left.type == "array_pattern" and element.type == "array" else [element]
        strings = dict(module.strings)
        for name, value in zip(names, values, strict=False):
            text = static_string(value, module) if name else None
            if name and text is None:
                return [module]  # a value not known: the loop is read as written
            if name and text is not None:
                strings[name] = text
        rounds.append(replace(module, strings=strings))
    return rounds if 0 < len(rounds) <= _MAX_ROUNDS else [module]


_MAX_ROUNDS = 64


def _with_locals(fn: JsFunction, module: JsModule) -> JsModule:
    """``module`` with the strings the function's own top-level ``const``s (``let``s and
    ``var``s) hold (``const temp = `temp_${column}``` once ``column`` is bound:
    sis-importer, round AR)."""
    body = fn.body
    if body is None or body.type != "statement_block":
        return module
    strings: dict[str, str] | None = None
    for stmt in body.named_children:
        if stmt.type not in ("lexical_declaration", "variable_declaration"):
            continue  # (`var sql = '…'`: wmt-worker, round BJ)
        for decl in stmt.named_children:
            key, value = decl.child_by_field_name("name"), decl.child_by_field_name("value")
            if decl.type != "variable_declarator" or key is None or value is None:
                continue
            known = module.strings if strings is None else strings
            if key.type == "array_pattern" and value.type == "identifier":
                # `const [table, field] = targetTable`, an array bound as "groups, id"
                # (ohtuilmo's addForeignKey, round AR)
                held = known.get(treesitter.node_text(value))
                parts = held.split(", ") if held is not None else []
                names = [n for n in key.named_children if n.type != "comment"]
                if len(parts) == len(names) and all(n.type == "identifier" for n in names):
                    strings = dict(known)
                    pairs = zip(names, parts, strict=True)
                    strings.update({treesitter.node_text(n): v for n, v in pairs})
                continue
            if key.type != "identifier" or value.type not in ("string", "template_string"):
                continue
            text = static_string(
                value, module if strings is None else replace(module, strings=strings)
            )
            if text is not None:
                strings = dict(module.strings) if strings is None else strings
                strings[treesitter.node_text(key)] = text
    return module if strings is None else replace(module, strings=strings)


def _builds_function(helper: JsFunction) -> bool:
    """Whether ``helper`` only returns a function (``(qi, t) => async (table, column) =>
    {…}``, or one it declares: ohtuilmo's ``return addForeignKey``): calling it changes
    nothing."""
    return _returned_function(helper) is not None


def _returned_function(helper: JsFunction) -> Any:
    """The function node ``helper`` returns (written there, or a ``const`` of its own)."""
    made = returned(helper)
    if made is not None and made.type == "identifier":
        made = _local_value(helper.node, treesitter.node_text(made))
    return made if made is not None and made.type in FUNCTION_TYPES else None


def _local_functions(declared: dict[str, Any], calls: list[Any]) -> dict[str, Any]:
    """The functions the step declares itself (``const addForeignKey = (…) => {…}``,
    ohtuilmo's base migration, round AR) and calls by name: name → function node."""
    called = {
        treesitter.node_text(f)
        for c in calls
        if (f := c.child_by_field_name("function")) is not None and f.type == "identifier"
    }
    return {n: v for n, v in declared.items() if n in called and v.type in FUNCTION_TYPES}


def _made_by_helper(
    call: Any, name: str, declared: dict[str, Any], module: JsModule
) -> tuple[JsModule, JsFunction, JsModule] | None:
    """``(module, function, bound)`` for ``name(…)`` where the step declared ``const name =
    (…) => {…}`` (its parameters bound to this call's arguments), or ``const name =
    helper(…)`` and ``helper`` returns a function: that function, with the helper's
    parameters bound to the first call's arguments and its own to this call's."""
    init = declared.get(name)
    if init is not None and init.type in FUNCTION_TYPES:
        own = resolve(module, init)
        if isinstance(own, JsFunction):
            return module, own, bind(own, call, module, module)
        return None
    if init is None or init.type != "call_expression":
        return None
    outer_receiver, outer_name = callee(init)
    if outer_receiver is not None:
        return None
    decl = module.decls.get(outer_name)
    outer = resolve(module, decl) if decl is not None else None
    if not isinstance(outer, JsFunction) or not _builds_function(outer):
        return None
    inner = resolve(module, _returned_function(outer))
    if not isinstance(inner, JsFunction):
        return None
    return module, inner, bind(inner, call, module, bind(outer, init, module, module))


def _local_value(top: Any, name: str) -> Any:
    """The value ``const name = …`` gives inside ``top`` (None where there is none)."""
    return _declared(top, name).get(name)


def _declared(top: Any, only: str | None = None) -> dict[str, Any]:
    """name → the value each ``const name = …`` inside ``top`` gives (the first found,
    ``await`` unwrapped); with ``only``, that name's alone (the walk stops there)."""
    out: dict[str, Any] = {}
    stack = [top]
    while stack:
        node = stack.pop()
        if node.type == "variable_declarator":
            key, value = node.child_by_field_name("name"), node.child_by_field_name("value")
            name = treesitter.node_text(key) if key is not None else ""
            if value is not None and name and name not in out and only in (None, name):
                while value.type == "await_expression" and value.named_children:
                    value = value.named_children[0]
                out[name] = value
                if only is not None:
                    return out
        stack.extend(node.named_children)
    return out


def _span(node: Any, module: JsModule) -> tuple[str, int, int]:
    return module.path, int(node.start_byte), int(node.end_byte)


def _helper(
    call: Any, receiver: Any, method: str, module: JsModule, linker: Linker | None
) -> tuple[JsModule, JsFunction] | None:
    """The function a call invokes: ``helper(…)``, ``this.helper(…)``, ``imported.f(…)``."""
    if receiver is None:
        decl = module.decls.get(method)
        found = resolve(module, decl) if decl is not None else None
        if isinstance(found, JsFunction):
            return module, found
        fn = call.child_by_field_name("function")
        return linker.function(module, fn) if linker is not None else None
    if receiver.type == "identifier":
        fn = call.child_by_field_name("function")
        return linker.function(module, fn) if linker is not None else None
    node = call.parent
    while node is not None and node.type != "class_body":
        node = node.parent
    for member in node.named_children if node is not None else ():
        name = member.child_by_field_name("name")
        if member.type == "method_definition" and treesitter.node_text(name) == method:
            found = resolve(module, member)
            return (module, found) if isinstance(found, JsFunction) else None
    return None


@dataclass(frozen=True)
class _Table:
    """A Knex table callback: ``alterTable('t', (table) => …)`` spans start..end."""

    start: int
    end: int
    param: str
    name: str
    create: bool


def _open_table(tables: list[_Table], call: Any, method: str, module: JsModule) -> None:
    a = args(call)
    if len(a) > 1 and a[1].type in FUNCTION_TYPES:
        ps = params(a[1])
        if ps:
            name = name_of(a[0], module)
            tables.append(
                _Table(a[1].start_byte, a[1].end_byte, ps[0], name, method.startswith("create"))
            )


def _contexts(tables: list[_Table], call: Any, name: str) -> list[_Table]:
    """The innermost table callback around ``call`` whose parameter is ``name``: one per
    round of a loop around it (each round's table), none outside such a callback."""
    at = call.start_byte
    inner = [t for t in tables if t.start <= at < t.end and t.param == name]
    if not inner:
        return []
    start = max(t.start for t in inner)
    return [t for t in inner if t.start == start]


def _method_pos(call: Any) -> int:
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type == "member_expression":
        prop = fn.child_by_field_name("property")
        if prop is not None:
            return int(prop.start_byte)
    return int(call.start_byte)


def _line(call: Any) -> int:
    fn = call.child_by_field_name("function")
    prop = fn.child_by_field_name("property") if fn is not None else None
    return treesitter.line_of(prop if prop is not None else call)


def _call(
    call: Any, receiver: Any, method: str, module: JsModule, linker: Linker | None = None
) -> list[Statement]:
    a = args(call)
    line = _line(call)
    if method in SQL_METHODS and a:
        return _raw(a[0], module, line, linker)
    handler = SCHEMA_CALLS.get(method)
    if handler is not None:
        return handler(a, call, module, line)
    if method in _ROWS:
        return _builder(method, receiver, a, call, module, line)
    if method in CONSTRAINT_CALLS and a:
        return constraint(method, a, module, line)
    if method in INDEX_CALLS and a:
        return index(method, a, module, line)
    if method in DROP_OTHER_CALLS:
        return [op("drop_other", name_of(a[0], module) if a else method, line)]
    return []


def _raw(node: Any, module: JsModule, line: int, linker: Linker | None = None) -> list[Statement]:
    text = static_string(node, module, loose=True)
    if text is None and linker is not None and node.type == "call_expression":
        loaded = linker.sql_text(module, node)  # SQL a helper reads from a file it names
        if loaded is not None:
            return [replace(s, line=line) for s in split(loaded)]
    if text is None and linker is not None and module.db_migrate:
        # db-migrate's `create --sql-file` template: the step reads
        # `path.join(__dirname, 'sqls', '<name>-up.sql')` and passes what it read to
        # `db.runSql(data)` (water-abstraction-service, round AY: 324 migrations unread)
        loaded = linker.sql_text(module, _outermost_function(node))
        if loaded is not None:
            return [replace(s, line=line) for s in split(loaded)]
    if text is None:
        return [op("other", "", line, f"dynamic SQL `{treesitter.node_text(node)[:60]}`")]
    return shift(split(text), treesitter.line_of(node))


def _outermost_function(node: Any) -> Any:
    """The outermost function around ``node`` (the step itself), or ``node``."""
    found, at = node, node
    while at.parent is not None:
        at = at.parent
        if at.type in FUNCTION_TYPES:
            found = at
    return found


def _chained(call: Any, method: str) -> bool:
    """True when ``.method()`` is called further along the chain that starts at ``call``."""
    return _chained_call(call, method) is not None


def _chained_call(call: Any, method: str) -> Any | None:
    """The ``.method(…)`` call further along the chain that starts at ``call`` (its member
    node when it is not called), or None."""
    node = call
    while node.parent is not None and node.parent.type == "member_expression":
        member = node.parent
        called = member.parent is not None and member.parent.type == "call_expression"
        if treesitter.node_text(member.child_by_field_name("property")) == method:
            return member.parent if called else member
        if not called:
            return None
        node = member.parent
    return None


_NO_VALUE = frozenset({"null", "undefined"})
# Knex's own functions as a default: a fresh value each row (``knex.fn.uuid()``), or now
_KNEX_FN_DEFAULTS = {"uuid": "gen_random_uuid()", "now": "CURRENT_TIMESTAMP"}


def _default_sql(call: Any, module: JsModule) -> str:
    """The ``DEFAULT`` clause a defaulted column (:func:`_defaulted`) is read with: the SQL
    of ``.defaultTo(knex.raw('uuid_generate_v4()'))`` or of Knex's ``knex.fn.uuid()``,
    which give every row its own value (therr-app's invite ``token``, made unique by the
    same step: round CC); otherwise a constant, ``''``."""
    for method in ("defaultTo", "defaultsTo", "default"):
        found = _chained_call(call, method)
        given = found.child_by_field_name("arguments") if found is not None else None
        if given is None or not given.named_children:
            continue
        first = given.named_children[0]
        if first.type != "call_expression":
            return f" DEFAULT {_constant_sql(first, module)}"
        callee = treesitter.node_text(first.child_by_field_name("function") or first)
        inner = first.child_by_field_name("arguments")
        args = inner.named_children if inner is not None else []
        if callee.endswith(".raw") and args and (sql := static_string(args[0], module)):
            return f" DEFAULT {sql}"
        if (fn := callee.rpartition(".fn.")[2]) in _KNEX_FN_DEFAULTS and ".fn." in callee:
            return f" DEFAULT {_KNEX_FN_DEFAULTS[fn]}"
        break
    return " DEFAULT ''"


def _constant_sql(node: Any, module: JsModule) -> str:
    """A constant default as SQL writes it: ``'client'``, ``0``, ``TRUE``, so that a CHECK
    the step draws over the column is judged by the value the previous release's rows get
    (alga-psa's ``owner`` defaulting to 'client' under ``CHECK (owner IN ('client',
    'contract'))``, round CR); ``''`` for one not known here."""
    if node.type == "number":
        text = treesitter.node_text(node)
        return text if re.fullmatch(r"-?\d+(?:\.\d+)?", text) else "''"
    if node.type in ("true", "false"):
        return "TRUE" if node.type == "true" else "FALSE"
    value = static_string(node, module)
    return "'" + value.replace("'", "''") + "'" if value is not None else "''"


def _defaulted(call: Any) -> bool:
    """``.defaultTo(…)``, or its aliases ``.defaultsTo(…)`` (nango) and ``.default(…)``
    (sansaar, round BI), further along the chain, with a value: ``.defaultTo(null)`` is no
    default (central-ledger, round O)."""
    for method in ("defaultTo", "defaultsTo", "default"):
        found = _chained_call(call, method)
        if found is None:
            continue
        given = found.child_by_field_name("arguments")
        first = given.named_children[0] if given is not None and given.named_children else None
        return first is None or treesitter.node_text(first) not in _NO_VALUE
    return False


def _literal_args(a: list[Any], module: JsModule) -> list[str]:
    out: list[str] = []
    for n in a:
        value = static_string(n, module)
        if value is None:
            break
        out.append(value)
    return out


def _column(table: str, method: str, a: list[Any], call: Any, module: JsModule) -> list[Statement]:
    line = _line(call)
    t = quote(table)
    if method in _KNEX_TYPES and a:
        col = name_of(a[0], module)
        typ = _KNEX_TYPES[method](_literal_args(a[1:], module))
        if _chained(call, "alter"):  # restates the whole column, as MySQL MODIFY does
            null = " NOT NULL" if _chained(call, "notNullable") else " NULL"
            null += _default_sql(call, module) if _defaulted(call) else ""
            out = [synthetic(f"ALTER TABLE {t} MODIFY {quote(col)} {typ}{null}", line)]
            if not _defaulted(call):  # and its default: none unless restated
                out.append(
                    synthetic(f"ALTER TABLE {t} ALTER COLUMN {quote(col)} DROP DEFAULT", line)
                )
            if _chained(call, "unique"):
                # `.unique()` on an altered column adds its key (therr-app's `userName`
                # made unique on the existing users table, round CC: a miss)
                out.append(synthetic(f"CREATE UNIQUE INDEX ON {t} ({quote(col)})", line))
            return out
        if method in ("increments", "bigIncrements"):
            typ += " GENERATED BY DEFAULT AS IDENTITY"
        if _chained(call, "notNullable"):
            typ += " NOT NULL"
        if _defaulted(call):
            typ += _default_sql(call, module)
        return [synthetic(f"ALTER TABLE {t} ADD COLUMN {quote(col)} {typ}", line)]
    if method == "timestamps":
        return [
            synthetic(f'ALTER TABLE {t} ADD COLUMN "{c}" timestamp', line)
            for c in ("created_at", "updated_at")
        ]
    if method in ("dropColumn", "dropColumns"):
        cols = names(a, module)
        return [synthetic(f"ALTER TABLE {t} DROP COLUMN {quote(c)}", line) for c in cols]
    if method == "dropTimestamps":
        return [
            synthetic(f'ALTER TABLE {t} DROP COLUMN "{c}"', line)
            for c in ("created_at", "updated_at")
        ]
    if method == "renameColumn" and len(a) > 1:
        old, to = quote(name_of(a[0], module)), quote(name_of(a[1], module))
        return [synthetic(f"ALTER TABLE {t} RENAME COLUMN {old} TO {to}", line)]
    if method == "renameColumn" and a:
        return [op("rename", f"{table}.{name_of(a[0], module)}", line)]
    if method == "unique":
        keys = ", ".join(quote(c) for c in names(a[:1], module)) or "x"
        return [synthetic(f"CREATE UNIQUE INDEX ON {t} ({keys})", line)]
    if method == "index":
        return [op("create_index", table, line)]
    if method == "check" and a and (expr := static_string(a[0], module)) is not None:
        # Knex's table.check("state IN ('a', 'b')", [], name): the expression itself, so
        # a CHECK over a column the step adds with a default it allows is told apart
        # (licences' migration_state DEFAULT 'PENDING', round R)
        return [synthetic(f"ALTER TABLE {t} ADD CHECK ({expr})", line)]
    if method in ("foreign", "check"):
        keys = ", ".join(quote(c) for c in names(a[:1], module)) or "x"
        what = f"FOREIGN KEY ({keys}) REFERENCES y" if method == "foreign" else "CHECK (x)"
        return [synthetic(f"ALTER TABLE {t} ADD {what}", line)]
    if method in ("dropForeign", "dropUnique", "dropIndex"):
        return [synthetic(f"ALTER TABLE {t} DROP CONSTRAINT", line)]
    if method == "dropNullable" and a:  # Knex: makes the column NOT NULL
        return [
            synthetic(
                f"ALTER TABLE {t} ALTER COLUMN {quote(name_of(a[0], module))} SET NOT NULL", line
            )
        ]
    if method in ("alter",) or _chained(call, "alter") or method in _KNEX_MODIFIERS:
        return []
    return [op("alter_table", table, line)]


# a project's helpers named as the query interface's own methods that drop a key, given it
_DROP_HELPERS = frozenset({"removeConstraint", "dropConstraint"})
_COLUMN_OPS = frozenset(
    {"timestamps", "dropColumn", "dropColumns", "dropTimestamps", "renameColumn", "index", "unique"}
)
_KNEX_MODIFIERS = frozenset(
    {"notNullable", "nullable", "defaultTo", "defaultsTo", "default", "unsigned", "references",
     "inTable",
     "onDelete", "onUpdate", "primary", "comment", "after", "first", "collate", "index", "unique",
     "alter", "withKeyName", "deferrable", "checkPositive", "checkIn", "useNative"}
)  # fmt: skip


def _builder(
    method: str, receiver: Any, a: list[Any], call: Any, module: JsModule, line: int
) -> list[Statement]:
    """Row operations on a query builder rooted at a table: ``knex('t').where(…).del()``."""
    table = _builder_table(receiver, call, a, method, module)
    if table is None:
        return []
    if method in ("del", "delete", "destroy"):
        # some rows: ``knex('seen').where('type', 'progress').delete()`` (MediaTracker, round
        # AR: read as every row, the columns dropped next held nothing to lose or use)
        where = " WHERE …" if _filtered(receiver) or _where_option(method, a) else ""
        return [synthetic(f"DELETE FROM {quote(table)}{where}", line)]
    if method in ("truncate", "clear"):
        return [synthetic(f"TRUNCATE {quote(table)}", line)]
    source = _copied_from(a[0], call, module) if method == "insert" and a else None
    if source is not None:  # rows read from `source` earlier in the step, written here
        text = f"insert {table} from {source}"
        return [Statement(text, line, "insert", table, (("insert", table), ("copy_from", source)))]
    return [op(method, table, line)]


def _copied_from(value: Any, call: Any, module: JsModule) -> str | None:
    """The table whose rows ``value`` holds: ``const rows = await knex('old')`` earlier."""
    if value.type != "identifier":
        return None
    fn = call.parent
    while fn is not None and fn.type not in FUNCTION_TYPES:
        fn = fn.parent
    init = _local_value(fn, treesitter.node_text(value)) if fn is not None else None
    if init is None or init.type != "call_expression":
        return None  # a parameter or a global: not a copy we can see
    receiver, method = callee(init)
    if receiver is None:
        root = args(init)
        return name_of(root[0], module) if root else None
    return _builder_table(receiver, init, args(init), method, module)


def _filtered(receiver: Any) -> bool:
    """Whether a query builder chain calls ``.where…(…)`` (or ``.limit``) before its end."""
    node = receiver
    while node is not None and node.type in ("call_expression", "member_expression"):
        if node.type == "call_expression":
            node = node.child_by_field_name("function")
            continue
        name = treesitter.node_text(node.child_by_field_name("property"))
        if name.startswith(("where", "andWhere", "orWhere")) or name == "limit":
            return True
        node = node.child_by_field_name("object")
    return False


def _where_option(method: str, a: list[Any]) -> bool:
    """Sequelize's ``Model.destroy({ where: … })``: some rows."""
    return (
        method == "destroy"
        and bool(a)
        and a[0].type == "object"
        and "where" in (treesitter.node_text(a[0]))
    )


def _builder_table(
    receiver: Any, call: Any, a: list[Any], method: str, module: JsModule
) -> str | None:
    if receiver is None:
        return None
    if (
        method in ("delete", "insert", "update")
        and a
        and treesitter.node_text(receiver).endswith("manager")
    ):
        return name_of(a[0], module)  # TypeORM: queryRunner.manager.delete(Entity, …)
    if receiver.type == "identifier" and _model(receiver) and method in ("destroy", "truncate"):
        return treesitter.node_text(receiver)  # Sequelize: User.destroy({ where: … })
    node = receiver
    while node is not None:
        if node.type == "call_expression":
            inner_receiver, inner_method = callee(node)
            inner_args = args(node)
            if inner_receiver is None and inner_args:  # knex('t') / trx('t')
                return name_of(inner_args[0], module)
            if inner_method == "query" and inner_receiver is not None and _model(inner_receiver):
                return treesitter.node_text(inner_receiver)  # Objection: User.query().delete()
            if inner_method in ("from", "into", "table", "getRepository") and inner_args:
                return name_of(inner_args[0], module)
            if inner_method == "createQueryBuilder":
                return _later_from(call, module)
            fn = node.child_by_field_name("function")
            node = (
                fn.child_by_field_name("object")
                if fn is not None and fn.type == "member_expression"
                else None
            )
        elif node.type == "member_expression":
            node = node.child_by_field_name("object")
        else:
            return None
    return None


def _model(node: Any) -> bool:
    """An ORM model class: ``User``, ``OrderItem`` (not ``Promise`` nor ``JSON``)."""
    text = treesitter.node_text(node)
    return (
        node.type == "identifier"
        and text[:1].isupper()
        and not text.isupper()
        and text not in ("Promise", "Object", "Array", "Map", "Set", "Reflect", "Sequelize")
    )


def _later_from(call: Any, module: JsModule) -> str | None:
    node = call
    while node.parent is not None and node.parent.type == "member_expression":
        member = node.parent
        outer = member.parent
        if outer is None or outer.type != "call_expression":
            return None
        if treesitter.node_text(member.child_by_field_name("property")) == "from":
            outer_args = args(outer)
            return name_of(outer_args[0], module) if outer_args else None
        node = outer
    return None


_ROWS = frozenset({"del", "delete", "destroy", "truncate", "clear", "insert", "update"})
_INTERESTING = (
    _TABLE_METHODS
    | set(_KNEX_TYPES)
    | _COLUMN_OPS
    | SQL_METHODS
    | set(SCHEMA_CALLS)
    | _ROWS
    | CONSTRAINT_CALLS
    | INDEX_CALLS
    | DROP_OTHER_CALLS
)
