"""What an Alembic ``upgrade()`` does, read statically from its body.

:func:`operations` walks a step function in source order and returns one :class:`Op` per
schema or data operation it can name: ``op.*`` calls, the same calls on a
``with op.batch_alter_table("t") as batch_op`` alias, SQL passed to any ``.execute()``
(classified by :mod:`rollback_gate.migrations.sqlengine.sql`), and SQLAlchemy ``table.delete()``
statements. Calls of functions defined in the same module are followed (recursively, each
function once per path), and both branches of an ``if`` are walked, because either may run
on the production database.

Data loss is claimed only when it is demonstrable: a constant table or column name, SQL
written as a constant, a type change whose old and new types are both spelt out. Dropping
a table or column that the same step created first is not data loss.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rollback_gate import lazyre
from rollback_gate.migrations.python import pyast
from rollback_gate.migrations.python.alembic_n1 import (
    RENDERED,
    enum_as_varchar,
    render,
    resolved,
)
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.coltypes import narrows
from rollback_gate.migrations.sqlengine.survivors import copied_out

# SQLAlchemy type class (lower-case) → SQL type name understood by sqltypes.narrows().
_SA_TYPES = {
    "string": "varchar", "unicode": "varchar", "varchar": "varchar", "nvarchar": "nvarchar",
    "char": "char", "nchar": "nchar", "text": "text", "unicodetext": "text",
    "tinytext": "tinytext", "mediumtext": "mediumtext", "longtext": "longtext",
    "integer": "integer", "int": "integer", "biginteger": "bigint", "bigint": "bigint",
    "smallinteger": "smallint", "smallint": "smallint", "tinyint": "tinyint",
    "mediumint": "mediumint", "numeric": "numeric", "decimal": "decimal", "float": "float",
    "real": "real", "double": "double", "double_precision": "double precision",
    "datetime": "timestamp", "timestamp": "timestamp", "date": "date",
}  # fmt: skip
_CONSTRAINT_TYPES = {
    "create_unique_constraint": "unique",
    "create_foreign_key": "foreignkey",
    "create_check_constraint": "check",
    "create_primary_key": "primary",
}
_SESSION_DDL = lazyre.compile(
    r"\s*(CREATE\s+(?:GLOBAL\s+|LOCAL\s+)?TEMP(?:ORARY)?\s+TABLE"
    r"|ALTER\s+TABLE\s+\S+\s+(?:DISABLE|ENABLE)\s+TRIGGER)",
    re.IGNORECASE,
)
_EXECUTE = frozenset(["execute", "exec_driver_sql"])

DATA_KINDS = frozenset(["bulk_insert", "insert", "update", "select", "delete", "truncate", "temp"])
"""Op kinds that change rows but not the schema (a no-op down step is then a lesser risk)."""


@dataclass(frozen=True)
class Op:
    """One operation of a step: ``does`` completes "upgrade() …", ``undo`` is its inverse."""

    kind: str
    line: int
    target: str
    does: str
    undo: str = ""
    destroys: bool = False
    detail: str = ""
    moved: bool = False  # a drop whose data the step copied out first (RG225 still asked)


@dataclass
class _Walk:
    names: dict[str, ast.expr]  # module constants, then local assignments as they are met
    funcs: dict[str, ast.FunctionDef | ast.AsyncFunctionDef]
    ops: list[Op] = field(default_factory=list)
    created: set[str] = field(default_factory=set)
    statements: list[sql.Statement] = field(default_factory=list)
    temps: set[str] = field(default_factory=set)  # temporary tables created by the step
    copied: set[str] = field(default_factory=set)  # tables whose rows SQL copied elsewhere
    bound: set[str] = field(default_factory=set)  # helper parameters bound to the call's args
    # The step as SQL for the N−1 judgement (op calls rendered, raw SQL as written), in order.
    n1: list[sql.Statement] = field(default_factory=list)
    old_types: dict[str, str] = field(default_factory=dict)  # from alter_column(existing_type=)

    def body(self, stmts: list[ast.stmt], aliases: dict[str, str], seen: frozenset[str]) -> None:
        local = {**self.funcs, **pyast.functions(stmts)}
        saved, self.funcs = self.funcs, local
        for stmt in stmts:
            self.stmt(stmt, aliases, seen)
        self.funcs = saved

    def stmt(self, stmt: ast.stmt, aliases: dict[str, str], seen: frozenset[str]) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            return  # followed where it is called
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            inner = dict(aliases)
            for item in stmt.items:
                ctx = item.context_expr
                if (
                    isinstance(ctx, ast.Call)
                    and pyast.last_name(ctx.func) == "batch_alter_table"
                    and isinstance(item.optional_vars, ast.Name)
                ):
                    table = _name(pyast.arg(ctx, 0, "table_name"), self)
                    schema = pyast.const_str(pyast.arg(ctx, 99, "schema"), self.names)
                    inner[item.optional_vars.id] = f"{schema}.{table}" if schema else table
                else:
                    self.expr(ctx, aliases, seen)
            self.body(stmt.body, inner, seen)
            return
        if isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Name):
            values = self.constants(stmt.iter)
            if values:  # for table in ("a", "b"): op.drop_table(table) -> one op per table
                for value in values:
                    self.names[stmt.target.id] = ast.Constant(value)
                    self.body(stmt.body, aliases, seen)
                return
            rows = self.rows(stmt.iter)
            if rows:  # for info in [{"name": "a", …}, …]: op.alter_column(info["name"], …)
                for row in rows:
                    self.names[stmt.target.id] = row
                    self.body(stmt.body, aliases, seen)
                return
        if isinstance(stmt, ast.For) and isinstance(stmt.target, ast.Tuple):
            # for tbl, idx, uq in (("models", "ix_models_name", "uix_…"), …): each round's
            # names bound (gpustack's three tables re-keyed per owner, read with the
            # `tbl` of an earlier loop: round BV)
            names = [t.id if isinstance(t, ast.Name) else None for t in stmt.target.elts]
            tuples = self.tuples(stmt.iter, len(names))
            if tuples and None not in names:
                for each in tuples:
                    for name, bound in zip(names, each, strict=True):
                        self.names[str(name)] = bound
                    self.body(stmt.body, aliases, seen)
                return
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    self.names[target.id] = stmt.value
        if isinstance(stmt, ast.Expr):
            self.grown(stmt.value)
        for child in ast.iter_child_nodes(stmt):
            if isinstance(child, ast.stmt):
                self.stmt(child, aliases, seen)
            elif isinstance(child, (ast.ExceptHandler, ast.match_case)):
                for s in child.body:
                    self.stmt(s, aliases, seen)
            elif isinstance(child, ast.expr):
                self.expr(child, aliases, seen)

    def grown(self, node: ast.expr) -> None:
        """``names.append("a")``/``names.extend([…])`` on a list bound here: the list grows
        (glance's six artifact tables, appended one by one and dropped in a loop, read as
        "drops table {table_name}": round BT)."""
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("append", "extend")
            and isinstance(node.func.value, ast.Name)
            and isinstance(bound := self.names.get(node.func.value.id), ast.List)
            and len(node.args) == 1
        ):
            return
        added = node.args[0]
        more = [added] if node.func.attr == "append" else getattr(added, "elts", None)
        if more is None:  # extended by what is not a display: no longer known
            self.names.pop(node.func.value.id)
            return
        self.names[node.func.value.id] = ast.List(elts=[*bound.elts, *more], ctx=ast.Load())

    def tuples(self, node: ast.expr, size: int) -> list[list[ast.expr]]:
        """The elements of a list/tuple of tuples of ``size`` (directly or through a name),
        each a tuple display; else []."""
        if isinstance(node, ast.Name) and node.id in self.names:
            node = self.names[node.id]
        if not isinstance(node, (ast.List, ast.Tuple)) or not node.elts:
            return []
        rows = [
            e for e in node.elts if isinstance(e, (ast.Tuple, ast.List)) and len(e.elts) == size
        ]
        return [list(r.elts) for r in rows] if len(rows) == len(node.elts) else []

    def rows(self, node: ast.expr) -> list[ast.Dict]:
        """The dict displays of a list/tuple of them (directly or through a name), else []."""
        if isinstance(node, ast.Name) and node.id in self.names:
            node = self.names[node.id]
        if not isinstance(node, (ast.List, ast.Tuple)) or not node.elts:
            return []
        return (
            [e for e in node.elts if isinstance(e, ast.Dict)]
            if all(isinstance(e, ast.Dict) for e in node.elts)
            else []
        )

    def constants(self, node: ast.expr) -> list[str]:
        """The strings of a constant list/tuple (directly or through a name), else []."""
        if isinstance(node, ast.Subscript):
            node = pyast.subscripted(node, self.names) or node
        if isinstance(node, ast.Name) and node.id in self.names:
            node = self.names[node.id]
        if not isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return []
        values = [pyast.const_str(e, self.names) for e in node.elts]
        return [v for v in values if v is not None] if all(values) else []

    def expr(self, node: ast.expr, aliases: dict[str, str], seen: frozenset[str]) -> None:
        for call in _calls(node):
            func = call.func
            if isinstance(func, ast.Name) and func.id in self.funcs and func.id not in seen:
                helper = self.funcs[func.id]
                saved, saved_bound = dict(self.names), set(self.bound)
                args = _bound(helper, call)  # _copy("items"): table = "items"
                self.names.update(args)
                self.bound |= {k for k, v in args.items() if pyast.const_str(v, saved)}
                self.body(helper.body, aliases, seen | {func.id})
                self.names, self.bound = saved, saved_bound
            elif isinstance(func, ast.Attribute):
                self.method(call, func, aliases)

    def method(self, call: ast.Call, func: ast.Attribute, aliases: dict[str, str]) -> None:
        name = func.attr
        recv = func.value
        batch: str | None = None
        if isinstance(recv, ast.Name) and (recv.id in aliases or "batch" in recv.id):
            batch = aliases.get(recv.id, "?")
        if name in _EXECUTE:
            self.execute(call)
        elif name == "delete" and _is_query(recv):
            self.add("delete", call, _query_target(recv, self), "", destroys=True)
        else:
            self.alembic(name, call, batch)

    def alembic(self, name: str, call: ast.Call, batch: str | None) -> None:
        shift = 0 if batch is not None else 1  # batch ops take no table argument
        call = pyast.spread(call, self.names)
        if name == "add_column":
            call = self.helped(call, shift)
        elif name == "create_foreign_key":
            call = _current_words(call)
        schema = pyast.const_str(pyast.arg(call, 99, "schema"), self.names)
        kw = f", schema={schema!r}" if schema else ""

        def raw(pos: int = 0, key: str = "table_name") -> str:
            return batch if batch is not None else _name(pyast.arg(call, pos, key), self)

        def table(pos: int = 0, key: str = "table_name") -> str:
            return f"{schema}.{raw(pos, key)}" if schema else raw(pos, key)

        # (name, table, …) operations
        if name in RENDERED:
            second = name in _CONSTRAINT_TYPES or name in ("create_index", "drop_constraint")
            key = "source_table" if name == "create_foreign_key" else "table_name"
            target = table(1 if second else 0, key)
            self.n1.extend(render(name, call, target, self.names, _sa_type, self.old_types, shift))
        if name == "create_table":
            t = table()
            self.created.add(t)
            self.add(name, call, t, f"creates table {t}", f"op.drop_table({raw()!r}{kw})")
        elif name == "drop_table":
            t = table()
            # a table whose rows an earlier INSERT … SELECT copied out (a rebuild) loses none
            kept = t in self.created or t in self.copied
            moved = t in self.copied and t not in self.created
            self.add(name, call, t, f"drops table {t}", destroys=not kept, moved=moved)
        elif name == "add_column":
            column = pyast.arg(call, shift, "column")
            col = (
                _name(column.args[0], self) if isinstance(column, ast.Call) and column.args else "?"
            )
            t = f"{table()}.{col}"
            self.created.add(t)
            undo = f"op.drop_column({raw()!r}, {col!r}{kw})"
            self.add(name, call, t, f"adds column {t}", undo)
        elif name == "drop_column":
            dropped = _name(pyast.arg(call, shift, "column_name"), self)
            t = f"{table()}.{dropped}"
            fresh = t in self.created or table() in self.created
            # values an earlier execute() copied out (into another column: a swap) live on
            moved = not fresh and _copied(table(), dropped, self.statements)
            self.add(name, call, t, f"drops column {t}", destroys=not (fresh or moved), moved=moved)
        elif name == "alter_column":
            self.alter(call, f"{table()}.{_name(pyast.arg(call, shift, 'column_name'), self)}")
        elif name == "create_index":
            index = _name(pyast.arg(call, 0, "index_name"), self)
            t = batch if batch is not None else _name(pyast.arg(call, 1, "table_name"), self)
            undo = f"op.drop_index({index!r}, table_name={t!r})"
            self.add(name, call, t, f"creates index {index} on {t}", undo)
        elif name in _CONSTRAINT_TYPES:
            c = _name(pyast.arg(call, 0, "constraint_name"), self)
            t = (
                batch
                if batch is not None
                else _name(call.args[1] if len(call.args) > 1 else None, self)
            )
            undo = f"op.drop_constraint({c!r}, {t!r}, type_={_CONSTRAINT_TYPES[name]!r})"
            self.add(name, call, t, f"creates constraint {c} on {t}", undo)
        elif name == "rename_table":
            old = _name(pyast.arg(call, 0, "old_table_name"), self)
            new = _name(pyast.arg(call, 1, "new_table_name"), self)
            undo = f"op.rename_table({new!r}, {old!r})"
            self.add(name, call, old, f"renames table {old} to {new}", undo)
        elif name == "bulk_insert":
            t = _name(pyast.arg(call, 0, "table"), self)
            self.add(name, call, t, f"inserts rows into {t}", f"a DELETE of those rows from {t}")
        elif name in ("drop_index", "drop_constraint", "create_sequence", "drop_sequence"):
            self.add(name, call, table(1), f"runs op.{name}()")

    def helped(self, call: ast.Call, shift: int) -> ast.Call:
        """``op.add_column(t, type_string_col("type", t))``: the column a local helper
        returns, its parameters bound to the call's arguments; not the helper's own
        arguments read as a column's name and type (gnocchi, round AR)."""
        column = pyast.arg(call, shift, "column")
        if isinstance(column, ast.Name) and isinstance(
            bound := self.names.get(column.id), ast.Call
        ):
            # `h_col = Column("os_hidden", …)` then `op.add_column("images", h_col)` (glance,
            # round BT: "adds column images.?", and no N−1 reading of the column)
            call, column = _replaced(call, column, bound), bound
        if not (
            isinstance(column, ast.Call)
            and isinstance(column.func, ast.Name)
            and (helper := self.funcs.get(column.func.id))
            and isinstance(made := pyast.returned(helper, column), ast.Call)
        ):
            return call
        return _replaced(call, column, made)

    def alter(self, call: ast.Call, target: str) -> None:
        new = _sa_type(resolved(pyast.arg(call, 99, "type_"), self.names))
        existing = resolved(pyast.arg(call, 99, "existing_type"), self.names)
        old = _sa_type(existing) or enum_as_varchar(existing) or ""
        if new and old and target not in self.created and narrows(old, new):
            detail = f"{old} to {new}"
            self.add("narrow_type", call, target, "", destroys=True, detail=detail)
        renamed = pyast.const_str(pyast.arg(call, 99, "new_column_name"), self.names)
        if renamed:
            table, _, col = target.rpartition(".")
            undo = f"op.alter_column({table!r}, {renamed!r}, new_column_name={col!r})"
            self.add("rename_column", call, target, f"renames column {target} to {renamed}", undo)
        else:
            self.add("alter_column", call, target, f"alters column {target}")

    def execute(self, call: ast.Call) -> None:
        statement = pyast.arg(call, 0, "sqltext") or pyast.arg(call, 0, "statement")
        text = pyast.const_str(statement, self.names)
        if text is None and statement is not None:
            text = pyast.fstring_str(statement, self.names, self.bound)
        if text is None:
            self.runtime_sql(call, statement)
            return
        in_place = not isinstance(statement, ast.Name)  # a named constant: point at the call
        for stmt in sql.split_statements(text):
            line = pyast.text_line(statement, self.names, stmt.line) if in_place else call.lineno
            if stmt.kind == "create_table":
                self.created.add(stmt.target)
            self.copied.update(t for k, t in stmt.actions if k == "copy_from")
            if stmt.kind not in sql.INEFFECTIVE_KINDS:
                excerpt = " ".join(stmt.text.split())[:60]
                # A temporary table or a trigger switched off for a backfill is no schema
                # change: the step still counts as a data change.
                temp = _SESSION_DDL.match(stmt.text) is not None or stmt.target in self.temps
                if temp and stmt.kind == "create_table":
                    self.temps.add(stmt.target)
                kind = "temp" if temp else stmt.kind
                self.ops.append(Op(kind, line, stmt.target, f"runs SQL ({excerpt})"))
            # Judged together at the end, so that a table created or copied out by one
            # execute() and dropped by a later one is seen as such.
            self.statements.append(dataclasses.replace(stmt, line=line))
            self.n1.append(self.statements[-1])

    def runtime_sql(self, call: ast.Call, statement: ast.expr | None) -> None:
        """``execute()`` of something that is not a constant string."""
        if isinstance(statement, ast.Name) and statement.id in self.names:
            statement = self.names[statement.id]  # query = t.update()...; execute(query)
        core, target = _core(statement, self)
        if core == "delete":
            self.add("delete", call, target, "", destroys=target not in self.created)
            return
        if core:
            does = "reads rows" if core == "select" else f"runs a SQLAlchemy {core} on {target}"
            self.add(core, call, target, does)
            return
        template = pyast.template_str(statement, self.names) or ""
        kinds = {s.kind for s in sql.split_statements(template)}
        if kinds and kinds <= DATA_KINDS:
            # Built at run time, but its fixed text shows a row change (UPDATE …): data.
            self.add(min(kinds), call, "", f"runs SQL ({' '.join(template.split())[:60]})")
        else:
            self.add("execute", call, "", "runs SQL built at run time")

    def destroyed(self) -> None:
        """Add the SQL statements of the whole step that destroy data, one per object."""
        for bad in sql.destructive(self.statements):
            table = bad.target.rsplit(".", 1)[0] if bad.kind == "drop_column" else bad.target
            if bad.target in self.created or table in self.created:
                continue
            detail = "SQL: " + " ".join(bad.text.split())[:60]
            self.ops.append(Op(bad.kind, bad.line, bad.target, "", destroys=True, detail=detail))

    def add(
        self,
        kind: str,
        call: ast.Call,
        target: str,
        does: str,
        undo: str = "",
        *,
        destroys: bool = False,
        detail: str = "",
        moved: bool = False,
    ) -> None:
        self.ops.append(Op(kind, call.lineno, target, does, undo, destroys, detail, moved))


def _copied(table: str, column: str, statements: list[sql.Statement]) -> bool:
    """Raw SQL of the step read ``table.column`` into another table or another column
    (``UPDATE t SET c_new = NULLIF(c, …)``: onyx's swap, round O) before it is dropped."""
    here = f"{table}.{column}".lower()
    return copied_out(table, column, statements) or any(
        kind == "copy_column" and target.lower() == here
        for s in statements
        for kind, target in s.actions
    )


_OLD_FK_WORDS = {"source": "source_table", "referent": "referent_table"}


def _current_words(call: ast.Call) -> ast.Call:
    """``op.create_foreign_key(…)`` with the keyword names Alembic gave its tables before
    0.8, ``source=`` and ``referent=``, made today's (group-based-policy's seven keys read
    as on a table "?", round AT)."""
    if not any(k.arg in _OLD_FK_WORDS for k in call.keywords):
        return call
    keywords = [ast.keyword(_OLD_FK_WORDS.get(k.arg or "", k.arg), k.value) for k in call.keywords]
    return ast.copy_location(ast.Call(call.func, call.args, keywords), call)


_LEAVES = (ast.Constant, ast.Name, ast.Load, ast.Store, ast.operator, ast.expr_context)
# Arguments of these calls hold columns and types, never another operation: not walked.
_OPAQUE = frozenset(
    ["create_table", "add_column", "alter_column", "create_index", "bulk_insert", "f", "Column"]
)


def _bound(helper: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call) -> dict[str, ast.expr]:
    """The helper's parameters bound to the call's arguments (positional and keyword)."""
    params = [a.arg for a in [*helper.args.posonlyargs, *helper.args.args]]
    bound: dict[str, ast.expr] = dict(zip(params, call.args, strict=False))
    bound.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    return bound


def _calls(node: ast.AST) -> list[ast.Call]:
    """The calls in ``node`` in source order, skipping nested functions and op arguments.

    Hand-rolled instead of :func:`ast.walk` because this walk dominates the analyser's
    run time: leaves are not visited and ``op.create_table(...)`` arguments are skipped.
    """
    found: list[ast.Call] = []
    stack: list[ast.AST] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, ast.Call):
            found.append(current)
            func = current.func
            if isinstance(func, ast.Attribute) and func.attr in _OPAQUE:
                continue
        for child in ast.iter_child_nodes(current):
            if not isinstance(child, _LEAVES) and not isinstance(
                child, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)
            ):
                stack.append(child)
    if len(found) > 1:
        found.sort(key=lambda c: (c.lineno, c.col_offset))
    return found


def _replaced(call: ast.Call, old: ast.expr, new: ast.expr) -> ast.Call:
    """``call`` with its argument ``old`` (positional or keyword) replaced by ``new``."""
    args = [new if a is old else a for a in call.args]
    keywords = [ast.keyword(k.arg, new) if k.value is old else k for k in call.keywords]
    return ast.copy_location(ast.Call(call.func, args, keywords), call)


def _name(node: ast.expr | None, walk: _Walk) -> str:
    """A table/column name: the constant when there is one, else the expression's text in
    braces, ``{table}``: a loop's variable over values not read (neutron's ``for table,
    model in TABLE_MODELS: op.drop_table(table)``) is no table called "table", in a
    message or in the search for code still using a dropped one (round AC)."""
    if node is None:
        return "?"
    text = pyast.const_str(node, walk.names)
    if text is not None:
        return text
    if isinstance(node, ast.Call) and pyast.last_name(node.func) in ("f", "table", "Table"):
        return _name(node.args[0] if node.args else None, walk)  # op.f("ix"), sa.table("t")
    rendered = ast.unparse(node)
    return "{" + (rendered if len(rendered) <= 40 else rendered[:37] + "...") + "}"


def _core(node: ast.expr | None, walk: _Walk) -> tuple[str, str]:
    """``("update", "t")`` for SQLAlchemy Core ``t.update()…`` / ``sa.update(t)…`` chains."""
    while isinstance(node, (ast.Call, ast.Attribute)):
        if isinstance(node, ast.Call):
            kind = pyast.last_name(node.func)
            if kind in ("select", "update", "insert", "delete"):
                func = node.func
                if isinstance(func, ast.Attribute) and not node.args:
                    return kind, _name(func.value, walk)  # t.delete()
                return kind, _name(pyast.arg(node, 0, "table"), walk)  # sa.delete(t)
            node = node.func
        else:
            node = node.value
    return "", ""


def _is_query(node: ast.expr) -> bool:
    """True for ``session.query(M)…`` / ``M.query…`` chains (an ORM bulk delete)."""
    while isinstance(node, (ast.Call, ast.Attribute)):
        if isinstance(node, ast.Attribute) and node.attr == "query":
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def _query_target(node: ast.expr, walk: _Walk) -> str:
    while isinstance(node, (ast.Call, ast.Attribute)):
        if isinstance(node, ast.Call) and pyast.last_name(node.func) == "query" and node.args:
            return _name(node.args[0], walk)
        if isinstance(node, ast.Attribute) and node.attr == "query":
            return _name(node.value, walk)
        node = node.func if isinstance(node, ast.Call) else node.value
    return "?"


def _sa_type(node: ast.expr | None) -> str:
    """``varchar(50)`` for ``sa.String(50)`` / ``String(length=50)``; ``""`` when unknown."""
    if node is None:
        return ""
    func = node.func if isinstance(node, ast.Call) else node
    base = _SA_TYPES.get(pyast.last_name(func).lower(), "")
    if not base or not isinstance(node, ast.Call):
        return base
    # (length or precision, scale), by position or by name; a scale without a precision
    # is no part of the type SQLAlchemy writes (`NUMERIC(scale=2)` is NUMERIC: osparc,
    # round AU, read as numeric(2) before)
    slots: list[ast.expr | None] = [*node.args[:2], None, None][:2]
    for kw in node.keywords:
        if kw.arg in ("length", "precision"):
            slots[0] = kw.value
        elif kw.arg == "scale":
            slots[1] = kw.value
    params = [p for p in (slots if slots[0] is not None else []) if p is not None]
    values = [p.value for p in params if isinstance(p, ast.Constant)]
    if len(values) != len(params) or not all(type(v) is int for v in values):
        return base if not params else ""
    return f"{base}({','.join(str(v) for v in values)})" if values else base


def operations(
    body: list[ast.stmt],
    names: Mapping[str, ast.expr],
    funcs: Mapping[str, ast.FunctionDef | ast.AsyncFunctionDef],
) -> tuple[list[Op], list[sql.Statement], dict[str, str]]:
    """The operations ``body`` performs, in source order (local helpers followed), with the
    step as SQL for the N−1 judgement and the old column types ``existing_type=`` gives."""
    walk = _Walk(dict(names), dict(funcs))
    walk.body(body, {}, frozenset())
    walk.destroyed()
    return walk.ops, walk.n1, walk.old_types
