"""What the calls of a Laravel migration step do, as SQL statements (see :mod:`.laravel`).

``Schema::create/table`` closures are read column by column (``$table->dropColumn``,
``$table->string('c', 50)->change()``), ``Schema::drop(IfExists)``, ``DB::statement``/
``DB::unprepared`` SQL is split by :mod:`.sql`, and row deletions through the query
builder or a model (``DB::table('t')->delete()``, ``Model::truncate()``) count as data
loss. Names are resolved through string literals, ``$var = '…'`` assignments, class
constants (``self::TABLE``) and properties (``$this->table``).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from rollback_gate import lazyre
from rollback_gate.migrations import treesitter
from rollback_gate.migrations.php.syntax import (
    CALL_TYPES,
    CALLS,
    FUNCTIONS,
    arguments,
    call_parts,
    name_of,
    names,
    params,
    static_string,
    string_list,
)
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.sqlengine.steps import quote, shift, split, synthetic

_FACADES = frozenset(
    {"Storage", "File", "Cache", "Redis", "Session", "Artisan", "Log", "Config", "Auth",
     "Gate", "Event", "Queue", "Mail", "Http", "Bus", "Notification", "Cookie", "Crypt",
     "Hash", "Lang", "URL", "Route", "View", "Validator", "Str", "Arr", "Carbon", "App"}
)  # fmt: skip
_TYPES: dict[str, str] = {
    "string": "varchar({0})", "char": "char({0})", "text": "varchar(65535)", "tinyText": "tinytext",
    "mediumText": "mediumtext", "longText": "longtext", "integer": "integer",
    "unsignedInteger": "integer", "bigInteger": "bigint", "unsignedBigInteger": "bigint",
    "smallInteger": "smallint", "unsignedSmallInteger": "smallint", "tinyInteger": "tinyint",
    "unsignedTinyInteger": "tinyint", "mediumInteger": "mediumint", "increments": "integer",
    "bigIncrements": "bigint", "id": "bigint", "foreignId": "bigint", "boolean": "boolean",
    "decimal": "numeric({0},{1})", "unsignedDecimal": "numeric({0},{1})", "float": "float",
    "double": "double", "date": "date", "dateTime": "timestamp", "dateTimeTz": "timestamp",
    "timestamp": "timestamp", "timestampTz": "timestamp", "time": "time", "json": "json",
    "jsonb": "jsonb", "uuid": "uuid", "ulid": "char(26)", "enum": "enum", "binary": "bytea",
    "year": "smallint", "ipAddress": "varchar(45)", "macAddress": "varchar(17)",
    "foreignUuid": "uuid", "foreignUlid": "char(26)", "uuidMorphs": "uuid",
    # (osu-web's unsignedMediumInteger user ids, round AJ: unknown, the column it adds was
    # not seen, and a foreign key over it read as one on an old column)
    "unsignedMediumInteger": "mediumint", "mediumIncrements": "mediumint",
    "smallIncrements": "smallint", "tinyIncrements": "tinyint", "unsignedFloat": "float",
    "unsignedDouble": "double", "timeTz": "time", "set": "set", "tinyBlob": "tinyblob",
    "geometry": "geometry", "geography": "geography", "point": "point",
}  # fmt: skip
_TYPE_DEFAULTS = {
    "string": ("255",),
    "char": ("255",),
    "decimal": ("8", "2"),
    "unsignedDecimal": ("8", "2"),
}
_DEFAULT_ARG = {"id": "id", "timestamps": "", "softDeletes": "deleted_at", "rememberToken": ""}
_DROPS = {
    "dropTimestamps": ("created_at", "updated_at"),
    "dropTimestampsTz": ("created_at", "updated_at"),
    "dropRememberToken": ("remember_token",),
}
_ADDS = {
    "timestamps": ("created_at", "updated_at"),
    "timestampsTz": ("created_at", "updated_at"),
    "nullableTimestamps": ("created_at", "updated_at"),
    "rememberToken": ("remember_token",),
}


def statements(
    body: Any, known: dict[str, str], seen: set[tuple[int, int]] | None = None
) -> list[Statement]:
    """The statements the calls inside a method body amount to, in source order.

    ``$this->helper()`` calls of methods of the same class are followed, each once; their
    statements keep their own lines, so a finding points at the statement in the helper.
    """
    seen = seen if seen is not None else {(body.start_byte, body.end_byte)}
    calls = treesitter.descendants(body, CALL_TYPES)
    if b"if" in (body.text or b""):
        other = _other_drivers(body)
        calls = [c for c in calls if not any(a <= c.start_byte < b for a, b in other)]
    out: list[Statement] = []
    closures: list[tuple[int, int, str, str, str]] = []  # start, end, $param, method, table
    bound: dict[str, Any] | None = None  # closures assigned to variables, found when asked
    loops = _loops(body, known)
    if loops:
        calls = [c for c in calls if not any(a <= c.start_byte < b for a, b, *_ in loops)]
    for call in sorted(calls, key=_method_pos):
        while loops and loops[0][0] < call.start_byte:
            out.extend(_unrolled(loops.pop(0), known, seen))
        receiver, method = call_parts(call)
        # PHP's method names are case-insensitive: `unsignedbigInteger` is
        # `unsignedBigInteger` (laravel-curriculum-adminlte3, round BL: five keys over a
        # column the step adds nullable, read as on an old one)
        method = _CANONICAL.get(method.lower(), method)
        if receiver is not None and treesitter.node_text(receiver) == "$this":
            helper = _helper(call, method)
            if helper is not None and (helper.start_byte, helper.end_byte) not in seen:
                seen.add((helper.start_byte, helper.end_byte))
                # in call order, each at its own line in the helper (issue 10)
                out.extend(statements(helper, known, seen))
        if method not in _INTERESTING:
            continue
        if receiver is not None and receiver.type == "variable_name":
            var, at = treesitter.node_text(receiver), call.start_byte
            inside = [c for c in closures if c[0] <= at < c[1] and c[2] == var]
            if inside:
                _, _, _, kind, table = max(inside)
                if kind != "create":
                    out.extend(_column(table, method, arguments(call), call, known))
                continue
        if method in ("create", "table"):
            closures.extend(_closure(call, method, known))
            if method == "table":
                bound = bound if bound is not None else _bound_closures(body)
                out.extend(_bound_blueprint(call, bound, known))
        out.extend(_call(call, receiver, method, known))
    for loop in loops:
        out.extend(_unrolled(loop, known, seen))
    return out


_Loop = tuple[int, int, Any, str, list[str]]  # start, end, body, $variable, its values
_MOST_VALUES = 64


def _loops(body: Any, known: dict[str, str]) -> list[_Loop]:
    """The outermost ``foreach (<list of names> as $v)`` loops of ``body`` whose list is
    known (``['a', 'b']``, a class constant or property of strings): osu-web drops
    ``rank_score_exp`` from six tables with ``foreach (static::TABLES as $table)``, read
    as one table named ``$table`` (round AJ)."""
    out: list[_Loop] = []
    for node in sorted(treesitter.descendants(body, _FOREACH), key=lambda n: n.start_byte):
        if any(a <= node.start_byte < b for a, b, *_ in out):
            continue  # (an inner loop is unrolled with its outer one)
        kids = node.named_children
        if len(kids) < 3 or kids[1].type != "variable_name":
            continue  # `as $key => $value`, or no body
        values = string_list(kids[0], known) or _returned_list(kids[0], known)
        if values and len(values) <= _MOST_VALUES:
            var = treesitter.node_text(kids[1])
            out.append((node.start_byte, node.end_byte, kids[-1], var, values))
    return out


_FOREACH = frozenset({"foreach_statement"})


def _returned_list(node: Any, known: dict[str, str]) -> list[str] | None:
    """The names ``$this->tables()`` gives, where that method of the class only returns a
    list of them (sendportal's ``getTables()``, round AV: its tables renamed one by one
    read as one table named ``${table}``)."""
    if node.type != "member_call_expression" or arguments(node):
        return None
    receiver, method = call_parts(node)
    if receiver is None or treesitter.node_text(receiver) != "$this":
        return None
    body = _helper(node, method)
    returns = [c for c in body.named_children if c.type != "comment"] if body is not None else []
    if len(returns) != 1 or returns[0].type != "return_statement" or not returns[0].named_children:
        return None
    return string_list(returns[0].named_children[0], known)


def _unrolled(loop: _Loop, known: dict[str, str], seen: set[tuple[int, int]]) -> list[Statement]:
    """The statements of a loop's body once per value, the variable bound to it."""
    _, _, inner, var, values = loop
    return [s for value in values for s in statements(inner, {**known, var: value}, seen)]


def _bound_closures(body: Any) -> dict[str, Any]:
    """``$name`` → the closure assigned to it in ``body`` (``$drop = fn (Blueprint $t) =>
    $t->dropColumn('restricted')``)."""
    out: dict[str, Any] = {}
    for node in treesitter.descendants(body, frozenset({"assignment_expression"})):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        named = left is not None and left.type == "variable_name"
        if named and right is not None and right.type in FUNCTIONS:
            out[treesitter.node_text(left)] = right
    return out


def _bound_blueprint(call: Any, bound: dict[str, Any], known: dict[str, str]) -> list[Statement]:
    """What ``Schema::table('t', $closure)`` does with a closure assigned earlier, once per
    table it is given to (BookStack drops ``restricted`` from four tables with one: round
    AA, where no drop was seen)."""
    args = arguments(call)
    if len(args) < 2 or args[1].type != "variable_name":
        return []
    fn = bound.get(treesitter.node_text(args[1]))
    names_ = params(fn) if fn is not None else []
    if not names_:
        return []
    table, out = name_of(args[0], known), []
    for inner in sorted(treesitter.descendants(fn, CALL_TYPES), key=_method_pos):
        receiver, method = call_parts(inner)
        ours = receiver is not None and treesitter.node_text(receiver) == names_[0]
        if method in _INTERESTING and ours:
            out.extend(_column(table, method, arguments(inner), inner, known))
    return out


# an `if` on the database driver: `$this->isPostgres()`, `DB::getDriverName() === 'mysql'`
# (a driver's name compared as a string, or a call that asks for it; not a table named
# `mysql_settings`: an else branch left unread must be another database's)
_DRIVER = lazyre.compile(
    r"getDriverName|\bis(?:Postgres|PostgreSQL|Pgsql|MySql|Mysql|MariaDb|Sqlite|SqlServer)\w*\b"
    r"|[\"'](?:pgsql|postgres|mysql|mariadb|sqlite|sqlsrv)[\"']|database\.default",
)


def _other_drivers(body: Any) -> list[tuple[int, int]]:
    """The byte ranges of the ``else`` branches of ``if`` statements on the database driver:
    each branch writes the same change for another database, and read one after the other
    they chain into changes none makes (unopim's PostgreSQL `TYPE VARCHAR(20)`, then MySQL's
    `MODIFY … ENUM(…)`: round Z). The first branch is read."""
    out = []
    for node in treesitter.descendants(body, frozenset({"if_statement"})):
        condition = node.child_by_field_name("condition")
        if condition is None or not _DRIVER.search(treesitter.node_text(condition)):
            continue
        for child in node.children:
            if child.type in ("else_clause", "else_if_clause"):
                out.append((child.start_byte, child.end_byte))
    return out


def _helper(call: Any, method: str) -> Any:
    """The body of the same-class method ``$this->method()`` calls, or None."""
    node = call.parent
    while node is not None and node.type != "declaration_list":
        node = node.parent
    for member in node.named_children if node is not None else ():
        if member.type == "method_declaration" and (
            treesitter.node_text(member.child_by_field_name("name")) == method
        ):
            return member.child_by_field_name("body")
    return None


def _closure(call: Any, method: str, known: dict[str, str]) -> list[tuple[int, int, str, str, str]]:
    """The Blueprint closure of ``Schema::create/table('t', function ($table) {…})``."""
    args = arguments(call)
    if len(args) < 2 or args[1].type not in FUNCTIONS:
        return []
    names_ = params(args[1])
    if not names_:
        return []
    fn = args[1]
    return [(fn.start_byte, fn.end_byte, names_[0], method, name_of(args[0], known))]


def _method_pos(call: Any) -> int:
    name = call.child_by_field_name("name")
    return int((name if name is not None else call).start_byte)


def _line(call: Any) -> int:
    name = call.child_by_field_name("name")
    return treesitter.line_of(name if name is not None else call)


def _call(call: Any, receiver: Any, method: str, known: dict[str, str]) -> list[Statement]:
    args = arguments(call)
    line = _line(call)
    scope = (
        treesitter.node_text(receiver).lstrip("\\").rsplit("\\", 1)[-1]
        if receiver is not None
        else ""
    )
    schema = scope == "Schema" or (
        receiver is not None
        and re.search(r"Schema::|schema\b", treesitter.node_text(receiver)) is not None
    )
    if schema:
        return _schema(method, args, call, known, line)
    facade = call.type == "scoped_call_expression" and scope == "DB"  # DB::statement(…)
    connection = receiver is not None and "DB::" in treesitter.node_text(receiver)
    if method in _RAW and args and (facade or (connection and method in _RAW[:2])):
        text = static_string(args[0], known, loose=True)
        if text is None:
            return [_op("other", "", line, "dynamic SQL")]
        return shift(split(text), treesitter.line_of(args[0]))
    if method in ("delete", "forceDelete", "truncate") and receiver is not None:
        rows_of = _builder_table(call, receiver, known)
        if rows_of is None and receiver.type == "variable_name" and method != "truncate":
            rows_of = _model_of(call, treesitter.node_text(receiver), known)
        if rows_of is not None:
            verb = "TRUNCATE" if method == "truncate" else "DELETE FROM"
            return [synthetic(f"{verb} {quote(rows_of)}", line)]
    if (method in _READS or method in _WRITES) and receiver is not None:
        db_table = _db_table(receiver, known)
        if db_table is not None and method in _READS:
            read = (("read_from", db_table),)
            return [Statement(f"read {db_table}", line, "select", db_table, read)]
        if db_table is not None:
            return [_op("update" if method == "update" else "insert", db_table, line)]
    return []


_RAW = ("statement", "unprepared", "delete", "update", "insert", "select")
_READS = frozenset(
    {"get", "each", "chunk", "chunkById", "cursor", "lazy", "lazyById", "pluck", "first", "all"}
)
_WRITES = frozenset({"insert", "insertGetId", "insertOrIgnore", "upsert", "update"})


def _db_table(receiver: Any, known: dict[str, str]) -> str | None:
    """The table of a ``DB::table('t')->…`` chain (None for anything else)."""
    node = receiver
    while node is not None and node.type in CALLS:
        inner_receiver, inner_method = call_parts(node)
        if inner_method == "table" and "DB" in treesitter.node_text(inner_receiver):
            args = arguments(node)
            return name_of(args[0], known) if args else None
        node = inner_receiver
    return None


def _op(kind: str, target: str, line: int, text: str = "") -> Statement:
    text = text or f"{kind} {target}"
    return Statement(text, line, kind, target, ((kind, target),), (), text)


def _schema(
    method: str, args: list[Any], call: Any, known: dict[str, str], line: int
) -> list[Statement]:
    if method == "create" and args:
        table = name_of(args[0], known)
        # columns are not listed: a table this step creates holds no old data, which is
        # all the judgement needs, and reading them would cost a query per table
        return [synthetic(f"CREATE TABLE {quote(table)} (id integer)", line)]
    if method in ("drop", "dropIfExists") and args:
        return [synthetic(f"DROP TABLE {quote(name_of(args[0], known))}", line)]
    if method == "dropColumns" and len(args) > 1:
        table = quote(name_of(args[0], known))
        return [
            synthetic(f"ALTER TABLE {table} DROP COLUMN {quote(c)}", line)
            for c in names(args[1:], known)
        ]
    if method == "dropAllTables":
        return [_op("drop_schema", "(all tables)", line)]
    if method == "rename" and len(args) > 1:
        old, new = quote(name_of(args[0], known)), quote(name_of(args[1], known))
        return [synthetic(f"ALTER TABLE {old} RENAME TO {new}", line)]
    if method == "rename" and args:
        return [_op("rename", name_of(args[0], known), line)]
    return []


def _builder_table(call: Any, receiver: Any, known: dict[str, str]) -> str | None:
    """The table of ``DB::table('t')->…->delete()`` or ``Model::where(…)->delete()``."""
    if call.type == "scoped_call_expression":  # Model::truncate()
        scope = treesitter.node_text(receiver).lstrip("\\").rsplit("\\", 1)[-1]
        return (
            scope
            if scope not in _FACADES and scope not in ("DB", "self", "static", "parent")
            else None
        )
    node = receiver
    while node is not None and node.type in CALLS:
        inner_receiver, inner_method = call_parts(node)
        if node.type == "scoped_call_expression":
            scope = treesitter.node_text(inner_receiver).lstrip("\\").rsplit("\\", 1)[-1]
            if scope == "DB" and inner_method == "table":
                args = arguments(node)
                return name_of(args[0], known) if args else None
            if scope in _FACADES or scope in ("DB", "self", "static", "parent", "Schema"):
                return None
            return scope
        if inner_method == "table" and "DB" in treesitter.node_text(inner_receiver):
            args = arguments(node)
            return name_of(args[0], known) if args else None
        node = inner_receiver
    return None


def _model_of(call: Any, var: str, known: dict[str, str]) -> str | None:
    """The model of ``$post`` in ``$post->delete()`` after ``$post = Post::find(3)``."""
    body = call.parent
    while body is not None and body.type != "compound_statement":
        body = body.parent
    found: str | None = None
    stack = [body] if body is not None else []
    while stack:
        node = stack.pop()
        if node.start_byte >= call.start_byte:
            continue
        if node.type == "assignment_expression":
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            if (
                left is not None
                and right is not None
                and treesitter.node_text(left) == var
                and right.type in CALLS
            ):
                found = _builder_table(right, call_parts(right)[0], known)
        stack.extend(node.named_children)
    return found


def _chain(call: Any) -> dict[str, str]:
    """Modifier name → its argument text, for the calls chained on ``call``
    (``->nullable()->default(0)->change()``)."""
    out: dict[str, str] = {}
    node = call
    while node.parent is not None and node.parent.type in CALLS:
        parent = node.parent
        args = arguments(parent)
        name = treesitter.node_text(parent.child_by_field_name("name"))
        out[name] = treesitter.node_text(args[0]) if args else ""
        node = parent
    return out


_DEFAULTS = frozenset(
    {"default", "useCurrent", "autoIncrement", "storedAs", "virtualAs", "generatedAs",
     "always"}
)  # fmt: skip


def _nullness(method: str, chain: dict[str, str]) -> str:
    """`` NOT NULL``/`` DEFAULT ''`` of a Blueprint column: NOT NULL unless ``nullable()``."""
    out = ""
    if "nullable" not in chain or chain["nullable"].lower() == "false":
        out += " NOT NULL"
    given = {m for m in _DEFAULTS.intersection(chain) if chain[m].lower() != "null"}
    if method in ("increments", "bigIncrements", "id") or given:  # ->default(null) is none
        out += " DEFAULT ''"
    return out


CHANGE_RESTATES = "\0change"
"""A key of ``known`` set where the file ran under Laravel 11 or later: ``->change()``
restates the whole column, the nullness and default it does not say dropped."""

FLOAT_BITS = "\0float"
"""A key of ``known`` no PHP name can be: where set, the bits of ``float()``'s default
precision (Laravel 11 and later: ``FLOAT(53)``; before, ``float`` as it always was)."""


def _column_type(method: str, args: list[Any], known: dict[str, str]) -> str:
    pattern = _TYPES[method]
    if method in ("float", "unsignedFloat") and FLOAT_BITS in known:
        given = static_string(args[1], known) if len(args) > 1 else None
        bits = given if given is not None and given.isdigit() else known[FLOAT_BITS]
        return f"float({bits})"
    values = [static_string(a, known) or _product(a) for a in args[1:]]
    literal = [v for v in values if v is not None and v.isdigit()]
    if len(literal) < len(values) and "{" in pattern:
        return "other"  # a length computed at run time: not Laravel's default (deming)
    defaults = _TYPE_DEFAULTS.get(method, ())
    filled = literal + list(defaults[len(literal) :])
    try:
        return pattern.format(*filled)
    except IndexError:
        return "other"


def _product(node: Any) -> str | None:
    """An integer written as arithmetic of integers, ``512*8`` (deming's ``string('values',
    512*8)`` is 4096 long, round AT), as digits; None for anything else."""
    node = node.named_children[0] if node.type == "argument" and node.named_children else node
    if node.type == "integer":
        text = treesitter.node_text(node)
        return text if text.isdigit() else None
    if node.type == "parenthesized_expression" and node.named_children:
        return _product(node.named_children[0])
    if node.type != "binary_expression" or len(node.named_children) != 2:
        return None
    left, right = (_product(c) for c in node.named_children)
    operator = node.child_by_field_name("operator")
    op = treesitter.node_text(operator) if operator is not None else ""
    if left is None or right is None or op not in ("*", "+"):
        return None
    return str(int(left) * int(right) if op == "*" else int(left) + int(right))


def _typed(
    t: str, method: str, args: list[Any], col: str, call: Any, known: dict[str, str]
) -> list[Statement]:
    """A column of a Blueprint type (``string``, ``foreignId`` …) on the quoted table
    ``t``: added, or restated where the chain ends in ``->change()``."""
    line = _line(call)
    typ = _column_type(method, args, known) if method in _TYPES else "other"
    chain = _chain(call)
    if "change" in chain:  # restates the column, as MySQL MODIFY does
        nullable = "nullable" in chain and chain["nullable"].lower() != "false"
        given = any(chain[m].lower() != "null" for m in _DEFAULTS.intersection(chain))
        # (before Laravel 11 only what the chain says: Test-Correct's `->change()` of a
        # nullable column kept it nullable, round CS)
        kept = CHANGE_RESTATES not in known and "nullable" not in chain
        typ += ("" if kept else " NULL" if nullable else " NOT NULL") + (
            " DEFAULT ''" if given else ""
        )
        modify = synthetic(f"ALTER TABLE {t} MODIFY {quote(col)} {typ}", line)
        out = [dataclasses.replace(modify, keeps_unsaid=True) if kept else modify]
        if "unique" in chain:  # ->unique()->change() adds the key (pixelfed)
            out.append(synthetic(f"CREATE UNIQUE INDEX ON {t} ({quote(col)})", line))
        return out
    typ += _nullness(method, chain)
    return [synthetic(f"ALTER TABLE {t} ADD COLUMN {quote(col)} {typ}", line)]


def _foreign_key_of(call: Any) -> str:
    """The column ``$table->foreignIdFor(Collection::class)`` adds: the model's name in
    snake case and ``_id`` (Eloquent's ``getForeignKey()``: dashbrd's ``collection_id``,
    round BJ); ``?`` for a model not named so."""
    args = arguments(call)
    text = treesitter.node_text(args[0]) if args else ""
    m = _CLASS_CONSTANT.fullmatch(text.strip())
    if m is None:
        return "?"
    return _SNAKE.sub("_", m.group(1)).lower() + "_id"


_CLASS_CONSTANT = lazyre.compile(r"\\?(?:\w+\\)*(\w+)::class")
_SNAKE = lazyre.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _cols(args: list[Any], known: dict[str, str]) -> str:
    """The column list of ``unique('a')``/``foreign(['a', 'b'])`` as SQL (``x``: unknown)."""
    found = names(args[:1], known)
    return ", ".join(quote(c) for c in found) if found else "x"


def _column(
    table: str, method: str, args: list[Any], call: Any, known: dict[str, str]
) -> list[Statement]:
    line = _line(call)
    t = quote(table)
    if method == "foreignIdFor" and args:
        named = static_string(args[1], known) if len(args) > 1 else None
        return _typed(t, "foreignId", [], named or _foreign_key_of(call), call, known)
    if method == "addColumn" and len(args) > 1 and (kind := static_string(args[0], known)):
        # `addColumn('integer', 'log_index', […])`; a type of a Grammar macro is unknown
        return _typed(t, kind, args[1:2], name_of(args[1], known), call, known)
    if method in _TYPES:
        col = name_of(args[0], known) if args else _DEFAULT_ARG.get(method, method)
        return _typed(t, method, args, col, call, known)
    if method in _ADDS:
        return [
            synthetic(f"ALTER TABLE {t} ADD COLUMN {quote(c)} timestamp", line)
            for c in _ADDS[method]
        ]
    cols: list[str] = []
    if method in ("dropColumn", "dropColumns", "dropConstrainedForeignId"):
        cols = names(args, known)
    elif method in _DROPS:
        cols = list(_DROPS[method])
    elif method in ("dropSoftDeletes", "dropSoftDeletesTz"):
        cols = names(args, known) or ["deleted_at"]
    elif method in ("dropMorphs", "dropNullableMorphs") and args:
        base = name_of(args[0], known)
        cols = [f"{base}_type", f"{base}_id"]
    if cols:
        return [synthetic(f"ALTER TABLE {t} DROP COLUMN {quote(c)}", line) for c in cols]
    if method == "renameColumn" and len(args) > 1:
        old, new = quote(name_of(args[0], known)), quote(name_of(args[1], known))
        return [synthetic(f"ALTER TABLE {t} RENAME COLUMN {old} TO {new}", line)]
    if method == "renameColumn" and args:
        return [_op("rename", f"{table}.{name_of(args[0], known)}", line)]
    if method == "rename" and args:  # $table->rename('new') inside Schema::table
        return [synthetic(f"ALTER TABLE {t} RENAME TO {quote(name_of(args[0], known))}", line)]
    if method == "unique":
        # named as Laravel names it, unless given: `{table}_{columns}_unique` (one named
        # twice in a release is one key: openlittermap's team_user, round AX)
        cols = names(args[:1], known)
        label = static_string(args[1], known) if len(args) > 1 else None
        name = label or (re.sub(r"[-.]", "_", f"{table}_{'_'.join(cols)}_unique").lower()
                         if cols else "")  # fmt: skip
        named = f"{quote(name)} " if name else ""
        return [synthetic(f"CREATE UNIQUE INDEX {named}ON {t} ({_cols(args, known)})", line)]
    if method in ("index", "fullText", "spatialIndex"):
        return [_op("create_index", table, line)]
    if method == "foreign" and "references" in _chain(call):
        keys = _cols(args, known)
        return [synthetic(f"ALTER TABLE {t} ADD FOREIGN KEY ({keys}) REFERENCES y", line)]
    if method in ("softDeletes", "softDeletesTz"):
        col = name_of(args[0], known) if args else "deleted_at"
        return [synthetic(f"ALTER TABLE {t} ADD COLUMN {quote(col)} timestamp", line)]
    if method == "dropPrimary":  # a unique key drawn next in the step is it again (eveapi)
        return [synthetic(f"ALTER TABLE {t} DROP PRIMARY KEY", line)]
    if method == "dropIndex" and args and args[0].type == "array_creation_expression":
        # by its columns: the index Laravel named `{table}_{columns}_index`, a plain one
        # (`->index([…])`; a unique one's name ends `_unique`): no key taken off, so a unique
        # key the step draws is new (simutrans-portal's article_category, round CA)
        plain = re.sub(r"[-.]", "_", f"{table}_{'_'.join(names(args[:1], known))}_index").lower()
        return [synthetic(f"DROP INDEX {quote(plain)}", line)]
    if method in ("dropForeign", "dropUnique", "dropIndex"):  # the name is rarely literal
        return [synthetic(f"ALTER TABLE {t} DROP CONSTRAINT", line)]
    if call.parent is not None and call.parent.type in CALLS:
        return []  # a modifier in a chain (->nullable()->change()) or a nested call
    return [_op("alter_table", table, line)]


_COLUMN_CALLS = frozenset(
    {"dropColumn", "dropColumns", "dropConstrainedForeignId", "dropSoftDeletes",
     "dropSoftDeletesTz", "dropMorphs", "dropNullableMorphs", "renameColumn", "index",
     "unique", "fullText", "spatialIndex", "softDeletes", "softDeletesTz", "dropForeign",
     "dropIndex", "dropUnique", "dropPrimary", "dropFullText", "dropSpatialIndex", "primary",
     "foreign", "foreignIdFor", "morphs", "nullableMorphs", "addColumn"}
)  # fmt: skip
_INTERESTING = (
    set(_TYPES) | set(_ADDS) | set(_DROPS) | _COLUMN_CALLS | _READS | _WRITES | set(_RAW)
    | {"create", "table", "drop", "dropIfExists", "dropColumns", "dropAllTables", "rename",
       "delete", "forceDelete", "truncate"}
)  # fmt: skip
_CANONICAL = {name.lower(): name for name in sorted(_INTERESTING)}
