"""Alembic operations as the SQL they amount to, for the N−1 judgement (RG220-RG224).

:func:`render` turns one ``op.*`` (or ``batch_op.*``) call into statements that
:func:`rollback_gate.migrations.sqlengine.compat.breaks` reads: ``op.add_column`` with a
``sa.Column(..., nullable=False)`` and no ``server_default`` becomes ``ADD COLUMN … NOT
NULL`` (a Python-side ``default=`` is applied by the new code only: the previous release's
INSERTs do not get it), ``op.alter_column`` becomes a rename, ``SET NOT NULL``, ``SET
DEFAULT`` or an explicit type change (the old type from ``existing_type=``), constraint and
unique-index creation become ``ADD UNIQUE/FOREIGN KEY/CHECK`` and ``CREATE UNIQUE INDEX``.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping

from rollback_gate import lazyre
from rollback_gate.migrations.python import pyast
from rollback_gate.migrations.sqlengine.model import Statement
from rollback_gate.migrations.sqlengine.steps import quote
from rollback_gate.migrations.sqlengine.steps import rendered as synthetic

_CONSTRAINTS = {
    "create_unique_constraint": "UNIQUE (x)",
    "create_foreign_key": "FOREIGN KEY (x) REFERENCES y",
    "create_check_constraint": "CHECK (x)",
}
_GENERATED = frozenset({"Identity", "Computed", "Sequence"})
RENDERED = frozenset(
    {"create_table", "drop_table", "add_column", "alter_column", "rename_table", "drop_constraint",
     "drop_index", "create_index", "drop_column", *_CONSTRAINTS}
)  # fmt: skip
"""The operations :func:`render` turns into statements (every other call is skipped)."""


def _true(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is True


def _none(node: ast.expr | None) -> bool:
    """Not given, or given as ``None``."""
    return node is None or (isinstance(node, ast.Constant) and node.value is None)


def _false(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


def _unset(node: ast.expr | None) -> bool:
    """Not given, ``None`` or ``False``: ``alter_column``'s ``server_default=False`` leaves
    the default as it is and ``existing_server_default=False`` says there is none (zun's
    volume_mapping.volume_id, round AK, read as keeping a default)."""
    return _none(node) or _false(node)


def type_name(node: ast.expr | None, known: Callable[[ast.expr | None], str]) -> str:
    """The SQL type of a SQLAlchemy type expression: ``known`` first, else the class name
    (``postgresql.JSONB()`` → ``jsonb``), ``""`` without one."""
    if node is None:
        return ""
    while (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _TYPE_METHODS
    ):
        node = node.func.value  # sa.BigInteger().with_variant(sa.INTEGER(), "sqlite")
    found = known(node)
    if found:
        return found
    if (stored := enum_as_varchar(node)) is not None:
        return stored
    if labels := _enum_labels(node):
        return labels
    func = node.func if isinstance(node, ast.Call) else node
    written = pyast.last_name(func)
    if written[:1].islower():
        # a type's class is capitalised (`sa.Text`, `TEXT`); a function's or a method's
        # result is no type read here (ironic-inspector's `{… c['type'] …}.pop()`, the
        # column's own type looked up: round CG)
        return ""
    name = written.lower()
    if name == "impl":
        return ""  # a TypeDecorator's underlying type, `JsonEncodedDict.impl` (ironic, round O)
    if name.endswith("type") or _foreign_module(func):
        # sqlalchemy_utils' ChoiceType, UUIDType …, a project's TypeDecorator: the SQL
        # type it stores is decided in Python, out of sight (zou, round H); so is one
        # named by a module path other than SQLAlchemy's (flaskbb.utils.database.
        # UTCDateTime, a DateTime underneath: round K)
        return ""
    return name if name.isidentifier() else ""


def resolved(node: ast.expr | None, names: Mapping[str, ast.expr]) -> ast.expr | None:
    """A type held in a variable as what it was set to (tacker's ``text_type_maxlen =
    sa.TEXT(length=65535)``, read as a type named ``text_type_maxlen``, round W); where an
    ``if`` sets it in each branch, the last one read."""
    seen = 0
    while isinstance(node, ast.Name) and node.id in names and seen < 4:
        node, seen = names[node.id], seen + 1
    if isinstance(node, ast.Call) and pyast.last_name(node.func) in ("Enum", "ENUM"):
        node = pyast.spread(node, names)  # (`sa.Enum(*OPTIONS)`: its labels, where known)
    return node


def enum_as_varchar(node: ast.expr | None) -> str | None:
    """What ``sa.Enum(…, native_enum=False)`` stores: a VARCHAR as long as its longest
    label (``""``: the migration does not show it; onyx's DocumentSource made String(50)
    is no known narrowing, round O) or ``length=``; None for any other type."""
    if not (
        isinstance(node, ast.Call)
        and pyast.last_name(node.func) == "Enum"
        and _false(pyast.arg(node, 99, "native_enum"))
    ):
        return None
    length = pyast.arg(node, 99, "length")
    if isinstance(length, ast.Constant) and isinstance(length.value, int):
        return f"varchar({length.value})"
    return ""


def _enum_labels(node: ast.expr) -> str:
    """``enum('a','b')`` for ``sa.Enum("a", "b", …)`` or ``postgresql.ENUM(…)`` whose labels
    are all written out (so an enum made a string as long as its longest label is seen to
    hold them: backend.ai's native enums made ``VARCHAR(64)``, round AE); ``""`` otherwise
    (an enum class, a list spread into it)."""
    if not (isinstance(node, ast.Call) and pyast.last_name(node.func) in ("Enum", "ENUM")):
        return ""
    labels = [
        a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
    ]
    if not node.args or len(labels) != len(node.args):
        return ""
    if not all(v and "'" not in v and "," not in v for v in labels):
        return ""
    return "enum(" + ",".join(f"'{v}'" for v in labels) + ")"


# The names SQLAlchemy's types are reached by in migrations (``sa.String``,
# ``postgresql.JSONB``, ``sqlalchemy.dialects.mysql.LONGTEXT``, Flask-SQLAlchemy's ``db``).
_SQLALCHEMY_ROOTS = frozenset(
    {"sa", "sqlalchemy", "db", "postgresql", "postgres", "pg", "mysql", "sqlite", "mssql",
     "oracle", "types", "dialects", "sqltypes"}
)  # fmt: skip


def _foreign_module(func: ast.expr) -> bool:
    """``a.b.Type``: the chain's first name is not one of SQLAlchemy's."""
    if not isinstance(func, ast.Attribute):
        return False
    root: ast.expr = func
    while isinstance(root, ast.Attribute):
        root = root.value
    return isinstance(root, ast.Name) and root.id.lower() not in _SQLALCHEMY_ROOTS


# Methods of a SQLAlchemy type that give the same type for the database in use.
_TYPE_METHODS = frozenset({"with_variant", "evaluates_none", "copy"})


def render(
    name: str,
    call: ast.Call,
    table: str,
    names: Mapping[str, ast.expr],
    known: Callable[[ast.expr | None], str],
    old_types: dict[str, str],
    shift: int,
) -> list[Statement]:
    """The statements ``op.<name>(…)`` on ``table`` amounts to (``[]``: nothing N−1 relevant).

    ``shift`` is 0 for batch operations (no table argument), 1 otherwise; the old type of
    an altered column is recorded in ``old_types``.
    """
    line = call.lineno
    t = quote(table)
    if name == "create_table":
        return [synthetic(f"CREATE TABLE {t} (id integer)", line)]
    if name == "drop_table":
        # (a table renamed aside, dropped and made again under its name is rebuilt in
        # place, no rename: CAPEv2's tasks and samples, round BO)
        return [synthetic(f"DROP TABLE {t}", line)]
    if name == "add_column":
        column = pyast.arg(call, shift, "column")
        if not isinstance(column, ast.Call) or not column.args:
            return []
        col = pyast.const_str(column.args[0], names)
        if col is None:
            return []
        made = _column(column, known, names)
        return [synthetic(f"ALTER TABLE {t} ADD COLUMN {quote(col)} {made}", line)]
    if name == "alter_column":
        return _alter(call, t, table, names, known, old_types, shift)
    if name == "drop_column":
        # a column another one is renamed into the place of is swapped, not renamed
        # (warehouse 8c8be2c0e69e: new_user_id for user_id, round M)
        col = pyast.const_str(pyast.arg(call, shift, "column_name"), names)
        return [synthetic(f"ALTER TABLE {t} DROP COLUMN {quote(col)}", line)] if col else []
    if name == "rename_table":
        old = pyast.const_str(pyast.arg(call, 0, "old_table_name"), names)
        new = pyast.const_str(pyast.arg(call, 1, "new_table_name"), names)
        if old and new:
            return [synthetic(f"ALTER TABLE {quote(old)} RENAME TO {quote(new)}", line)]
    if name == "drop_constraint":  # (`op.f("ck_…")` names it too: funding-service, round BM)
        dropped = pyast.const_str(_unwrap(pyast.arg(call, 0, "constraint_name")), names)
        kind = pyast.const_str(pyast.arg(call, 99, "type_"), names)
        what = "FOREIGN KEY" if kind == "foreignkey" else "CONSTRAINT"
        return [synthetic(f"ALTER TABLE {t} DROP {what} {quote(dropped or '')}", line)]
    if name == "drop_index":
        dropped = pyast.const_str(_unwrap(pyast.arg(call, 0, "index_name")), names)
        on = pyast.const_str(pyast.arg(call, 1, "table_name"), names)
        # With its table, a unique index created on that table in the same step replaces
        # the dropped one (often loosened: unique(a) -> unique(a, b)), it is not added.
        where = f" ON {quote(on)}" if on else ""
        return [synthetic(f"DROP INDEX {quote(dropped)}{where}", line)] if dropped else []
    if name in _CONSTRAINTS:
        not_valid = " NOT VALID" if _true(pyast.arg(call, 99, "postgresql_not_valid")) else ""
        what = _CONSTRAINTS[name]
        given = pyast.const_str(_unwrap(pyast.arg(call, 0, "constraint_name")), names)
        if given:
            what = f"CONSTRAINT {quote(given)} {what}"
        if name == "create_check_constraint":
            # (name, [table,] condition): its columns tell a CHECK over a column the step
            # added (nothing the previous release wrote can fail it) from one over old ones
            given_condition = pyast.arg(call, 1 + shift, "condition") or pyast.arg(
                call, 99, "sqltext"
            )
            condition = (
                pyast.const_str(given_condition, names)
                or _values_template(given_condition)
                or _expression(given_condition)
            )
            if condition and ";" not in condition:
                what = what.replace("(x)", f"({condition})")
        else:
            # (name, [table,] [referent,] columns …): batch operations take no table
            at = {"create_foreign_key": 3, "create_unique_constraint": 2}[name] - (1 - shift)
            key = "local_cols" if name == "create_foreign_key" else "columns"
            what = what.replace("(x)", f"({_columns(pyast.arg(call, at, key), names)})")
        return [synthetic(f"ALTER TABLE {t} ADD {what}{not_valid}", line)]
    if name == "create_index" and _true(pyast.arg(call, 99, "unique")):
        cols = _columns(pyast.arg(call, 1 + shift, "columns"), names)
        index = pyast.const_str(_unwrap(pyast.arg(call, 0, "index_name")), names)
        named = f"{quote(index)} " if index else ""
        # a partial index (`postgresql_where=sa.text("is_default IS TRUE")`: onyx, round O)
        # holds only the rows its condition takes
        where = next(
            (w for k in ("postgresql_where", "sqlite_where")
             if (w := pyast.const_str(pyast.arg(call, 99, k), names))),
            "",
        )  # fmt: skip
        partial = f" WHERE {where}" if where and ";" not in where else ""
        return [synthetic(f"CREATE UNIQUE INDEX {named}ON {t} ({cols}){partial}", line)]
    return []


_COMPARED = {ast.Eq: "=", ast.NotEq: "<>", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}


def _expression(node: ast.expr | None) -> str | None:
    """A SQLAlchemy condition as SQL: ``sa.or_``/``sa.and_``/``sa.not_`` of comparisons of
    a column (``t.c.col``, ``sa.column("col")``) with a literal, ``.is_(None)``,
    ``.isnot(None)`` and ``.in_([…])`` (boxoffice's ``discount_type == 1`` checks, round
    BJ); None for anything else."""
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARED:
        column, value = _column_of(node.left), _literal(node.comparators[0])
        return f"{column} {_COMPARED[type(node.ops[0])]} {value}" if column and value else None
    if not isinstance(node, ast.Call):
        return None
    name = pyast.last_name(node.func)
    if name in ("or_", "and_") and node.args and not node.keywords:
        parts = [_expression(a) for a in node.args]
        joined = " OR " if name == "or_" else " AND "
        return None if None in parts else joined.join(f"({p})" for p in parts)
    if name == "not_" and len(node.args) == 1:
        inner = _expression(node.args[0])
        return None if inner is None else f"NOT ({inner})"
    owner = node.func.value if isinstance(node.func, ast.Attribute) else None
    column = _column_of(owner) if owner is not None else None
    if not column or len(node.args) != 1:
        return None
    arg = node.args[0]
    if name in ("is_", "isnot", "is_not") and isinstance(arg, ast.Constant) and arg.value is None:
        return f"{column} IS {'NULL' if name == 'is_' else 'NOT NULL'}"
    if name == "in_" and isinstance(arg, (ast.List, ast.Tuple)):
        values = [_literal(v) for v in arg.elts]
        listed = [v for v in values if v is not None]
        return (
            f"{column} IN ({', '.join(listed)})" if listed and len(listed) == len(values) else None
        )
    return None


def _column_of(node: ast.expr) -> str | None:
    """``t.c.col``, ``t.columns.col`` or ``sa.column("col")``: the column's name."""
    inner = node.value if isinstance(node, ast.Attribute) else None
    if (
        isinstance(node, ast.Attribute)
        and isinstance(inner, ast.Attribute)
        and inner.attr in ("c", "columns")
    ):
        return node.attr
    if isinstance(node, ast.Call) and pyast.last_name(node.func) in ("column", "literal_column"):
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def _literal(node: ast.expr) -> str | None:
    """A Python literal as SQL's: a number, a string quoted, ``True``/``False``."""
    if not isinstance(node, ast.Constant) or node.value is None:
        return None
    value = node.value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return None


_SQL_CONSTANT = lazyre.compile(r"true|false|-?\d+(?:\.\d+)?|'(?:[^']|'')*'", re.IGNORECASE)


def _values_template(node: ast.expr | None) -> str | None:
    """``f"role IN ({values})"``: the condition with each substituted part a literal, when
    every one stands where a value does (after ``(``, ``,`` or a comparison), so the columns
    it names are all in the text (FitTrackee, round K); None when one could be a column."""
    if not isinstance(node, ast.JoinedStr):
        return None
    text = ""
    for v in node.values:
        if isinstance(v, ast.Constant) and isinstance(v.value, str):
            text += v.value
        elif text.rstrip().endswith(("(", ",", "=", "<", ">")):
            text += "'?'"
        else:
            return None
    return text


def _unwrap(node: ast.expr | None) -> ast.expr | None:
    """``op.f("ix_name")`` → ``"ix_name"`` (Alembic's naming-convention marker)."""
    if isinstance(node, ast.Call) and pyast.last_name(node.func) == "f" and node.args:
        return node.args[0]
    return node


def _columns(node: ast.expr | None, names: Mapping[str, ast.expr]) -> str:
    """A constant list of column names as SQL (``x`` when they are not all constants)."""
    items = node.elts if isinstance(node, (ast.List, ast.Tuple)) else [node] if node else []
    found = [_ordered(pyast.const_str(i, names)) for i in items]
    return ", ".join(quote(f) for f in found if f) if found and all(found) else "x"


_ORDERED_COLUMN = lazyre.compile(
    r"^\s*(\w+)\s+(?:ASC|DESC)(?:\s+NULLS\s+(?:FIRST|LAST))?\s*$", re.I
)


def _ordered(column: str | None) -> str | None:
    """A column given with its order, ``sa.text("id DESC")``, is the column (lemur,
    round J)."""
    m = _ORDERED_COLUMN.match(column or "")
    return m.group(1) if m else column


def _column(
    column: ast.Call, known: Callable[[ast.expr | None], str], names: Mapping[str, ast.expr]
) -> str:
    """``type [NOT NULL] [DEFAULT '']`` of a ``sa.Column(...)`` call (a type held in a
    module constant, ``type_string = sa.String(255)``, as what it was set to)."""
    typ = next(
        (
            type_name(resolved(a, names), known)
            for a in column.args[1:2]
            if not isinstance(a, ast.Constant)
        ),
        "",
    )
    keywords = {k.arg: k.value for k in column.keywords if k.arg}
    primary = _true(keywords.get("primary_key"))
    nullable = keywords.get("nullable")
    required = _false(nullable) or (primary and nullable is None)
    generated = any(
        isinstance(a, ast.Call) and pyast.last_name(a.func) in _GENERATED for a in column.args
    )
    default = (
        "server_default" in keywords
        or generated
        or (primary and not _false(keywords.get("autoincrement")))
    )
    text = typ or "other"
    if required:
        text += " NOT NULL"
    if default:
        server = keywords.get("server_default")
        given = pyast.const_str(server, {}) or ""
        if _PER_ROW.match(given):
            # a per-row default written out (`sa.text('gen_random_uuid ()')`: FitTrackee,
            # round K) is kept, so a unique key over the column is known to hold
            text += f" DEFAULT {given}"
        elif not isinstance(server, ast.Constant) and _SQL_CONSTANT.fullmatch(given.strip()):
            # SQL written out, a constant (`server_default=text('false')`: every row the
            # previous release writes holds it, outside a partial index `WHERE shared is
            # true`: xivo-manage-db, round AQ)
            text += f" DEFAULT {given.strip()}"
        elif isinstance(server, ast.Constant) and isinstance(server.value, str):
            # a constant, as SQLAlchemy quotes it: a partial index or CHECK is judged with
            # it (onyx's `server_default="false"` and `WHERE is_default IS TRUE`, round O)
            text += " DEFAULT '" + server.value.replace("'", "''") + "'"
        else:
            text += " DEFAULT ''"  # a mark: some default
    return text


_PER_ROW = lazyre.compile(
    r"^\s*(?:gen_random_uuid|uuid_generate_v[14]\w*|nextval)\s*\([^;]*\)\s*$", re.I
)


def _alter(
    call: ast.Call,
    t: str,
    table: str,
    names: Mapping[str, ast.expr],
    known: Callable[[ast.expr | None], str],
    old_types: dict[str, str],
    shift: int,
) -> list[Statement]:
    line = call.lineno
    col = pyast.const_str(pyast.arg(call, shift, "column_name"), names)
    if col is None:
        return []
    c = quote(col)
    out: list[Statement] = []
    default = pyast.arg(call, 99, "server_default")
    if isinstance(default, ast.Constant) and default.value is None:
        # the default that filled the existing rows dropped: the previous release's
        # INSERTs leave the column out (indico: 32 migrations, round L)
        out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT", line))
    elif not _unset(default) or not _unset(pyast.arg(call, 99, "existing_server_default")):
        # (a default the column keeps, `existing_server_default=`, fills the previous
        # release's INSERTs as one the step sets does: backend.ai's kernels.status, round AE)
        out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} SET DEFAULT ''", line))
    new_type = type_name(resolved(pyast.arg(call, 99, "type_"), names), known)
    # the type the column has, given for a rename too: a column renamed away and added
    # again under its name is judged against it (gnocchi, round AR)
    old = type_name(resolved(pyast.arg(call, 99, "existing_type"), names), known)
    if old:
        old_types.setdefault(f"{table}.{col}", old)
    if new_type:
        # the USING expression as written where it is a constant (`CAST(c AS jsonb)`,
        # `c::text`: the column cast, no values converted; backend.ai, round AE)
        given = pyast.arg(call, 99, "postgresql_using")
        expression = pyast.const_str(given, names) if given is not None else None
        if given is None or (isinstance(given, ast.Constant) and given.value is None):
            # (`postgresql_using=None` is none: querybook's enum given two labels, round AY)
            using = ""
        elif expression and ";" not in expression:
            using = f" USING {expression}"
        else:
            using = " USING x"
        out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} TYPE {new_type}{using}", line))
    if _false(pyast.arg(call, 99, "nullable")) and not _false(
        pyast.arg(call, 99, "existing_nullable")
    ):  # existing_nullable=False: NOT NULL already, restated
        out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL", line))
    elif _true(pyast.arg(call, 99, "nullable")):
        # the column was NOT NULL: the previous release's rows hold a value (a CHECK the
        # step adds is judged knowing it: warehouse's user XOR provider, round M)
        out.append(synthetic(f"ALTER TABLE {t} ALTER COLUMN {c} DROP NOT NULL", line))
    renamed = pyast.const_str(pyast.arg(call, 99, "new_column_name"), names)
    if renamed:
        out.append(synthetic(f"ALTER TABLE {t} RENAME COLUMN {c} TO {quote(renamed)}", line))
    return out
