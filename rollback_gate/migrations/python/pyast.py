"""Static helpers shared by the Python migration analysers (Alembic and Django).

Everything here works on an :mod:`ast` tree: the migration files are never imported,
executed or evaluated. The helpers answer the few questions both analysers ask: which
string a SQL argument holds when it is written as a constant, whether a function body does
nothing (``pass``, ``...``, a docstring, a log line), and whether it refuses to run (an
unconditional ``raise``).
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from rollback_gate.migrations.base import parse_quietly, unanalysable
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.models import Finding

Functions = Mapping[str, "ast.FunctionDef | ast.AsyncFunctionDef"]

# Calls that only report something: a down step made of them still changes nothing.
_LOGGING_CALLS = frozenset(
    ["print", "debug", "info", "warning", "warn", "error", "exception", "critical", "log"]
)
# Wrappers whose result is the SQL text of their first argument.
_TEXT_WRAPPERS = frozenset(["text", "dedent", "strip", "lstrip", "rstrip", "DDL", "cleandoc"])


def parse(text: str, path: str) -> ast.Module | Finding:
    """The module's tree, or an RG205 finding when it is not valid Python 3."""
    try:
        return parse_quietly(text, path)
    except SyntaxError as err:
        return unanalysable(
            path,
            f"not valid Python 3 ({err.msg or 'invalid syntax'}, line {err.lineno}): a Python 2 "
            "file or a syntax error also means the migration tool itself cannot load it",
            line=err.lineno,
            fix="fix the syntax (port Python 2 code to Python 3), or waive with a reason "
            "if the file is never run",
            key=f"RG205:syntax:{path}",
        )
    except (RecursionError, MemoryError):  # pathologically nested code
        return unanalysable(
            path,
            "nested too deeply to be parsed",
            fix="simplify the file, or waive with a reason",
            key=f"RG205:nesting:{path}",
        )
    except ValueError as err:  # null bytes in the source
        return unanalysable(
            path,
            f"not parseable as Python: {err}",
            fix="remove the invalid bytes from the file",
            key=f"RG205:syntax:{path}",
        )


def dotted(node: ast.expr) -> str:
    """``op.drop_table`` for an attribute chain, ``name`` for a name, ``""`` otherwise."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    elif isinstance(node, ast.Call):
        parts.append(dotted(node.func) + "()")
    else:
        return ""
    return ".".join(reversed(parts))


def last_name(node: ast.expr) -> str:
    """The called name without its receiver: ``RunPython`` for ``migrations.RunPython``."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return ""


def arg(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    """The argument passed at ``position`` or as ``keyword`` (None when absent)."""
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if position < len(call.args) and not any(
        isinstance(a, ast.Starred) for a in call.args[: position + 1]
    ):
        return call.args[position]
    return None


def spread(call: ast.Call, names: Mapping[str, ast.expr]) -> ast.Call:
    """``call`` with each ``*x`` whose ``x`` is a list or tuple written out (or a name bound
    to one, or such sequences joined by ``+``) replaced by its items:
    ``op.create_table(*args)`` where ``args = ["roles", sa.Column(…), …]`` (quetz's
    content_trust, round AZ), ``sa.Enum(*(OLD + ("cancelled",)))``. Other ``*`` stay."""
    if not any(isinstance(a, ast.Starred) for a in call.args):
        return call
    args: list[ast.expr] = []
    for a in call.args:
        items = sequence(a.value, names) if isinstance(a, ast.Starred) else None
        if items is None:
            args.append(a)
        else:
            args.extend(items)
    return ast.copy_location(ast.Call(func=call.func, args=args, keywords=call.keywords), call)


def sequence(
    node: ast.expr | None, names: Mapping[str, ast.expr], depth: int = 0
) -> list[ast.expr] | None:
    """The items of a list or tuple written out, of a name bound to one, or of such
    sequences joined by ``+`` (trailblazer's ``temporary_options = OLD_OPTIONS +
    ("cancelled",)``, round CO); None for anything else."""
    if node is None or depth > 8:
        return None
    if isinstance(node, ast.Name) and node.id in names:
        return sequence(names[node.id], names, depth + 1)
    if isinstance(node, (ast.List, ast.Tuple)):
        if any(isinstance(e, ast.Starred) for e in node.elts):
            return None
        return list(node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = sequence(node.left, names, depth + 1)
        right = sequence(node.right, names, depth + 1) if left is not None else None
        return None if left is None or right is None else [*left, *right]
    return None


def module_names(tree: ast.Module) -> dict[str, ast.expr]:
    """Module-level ``NAME = value`` bindings (the last one wins), for constant lookup."""
    names: dict[str, ast.expr] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = stmt.value
        elif (
            isinstance(stmt, ast.AnnAssign)
            and stmt.value is not None
            and isinstance(stmt.target, ast.Name)
        ):
            names[stmt.target.id] = stmt.value
    return names


class _Substitute(ast.NodeTransformer):
    def __init__(self, bound: Mapping[str, ast.expr]) -> None:
        self.bound = bound

    def visit_Name(self, node: ast.Name) -> ast.expr:
        return self.bound.get(node.id, node) if isinstance(node.ctx, ast.Load) else node


def returned(helper: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call) -> ast.expr | None:
    """What a helper whose body is one ``return <expr>`` (after a docstring) gives for
    ``call``: the expression with its parameters replaced by the call's arguments; None for
    any other body."""
    body = [
        s
        for s in helper.body
        if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
    ]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return None
    params = [a.arg for a in [*helper.args.posonlyargs, *helper.args.args]]
    bound: dict[str, ast.expr] = dict(zip(params, call.args, strict=False))
    bound.update({k.arg: k.value for k in call.keywords if k.arg is not None})
    result: ast.expr = _Substitute(bound).visit(copy.deepcopy(body[0].value))
    return result


def functions(body: list[ast.stmt]) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """Functions defined directly in ``body`` (module level or inside a function)."""
    return {s.name: s for s in body if isinstance(s, (ast.FunctionDef, ast.AsyncFunctionDef))}


def const_str(node: ast.expr | None, names: Mapping[str, ast.expr], depth: int = 0) -> str | None:
    """The string ``node`` holds when it is built from constants only, else None.

    Follows ``"a" "b"``, ``"a" + "b"``, names bound to constants, and wrappers that keep the
    text (``sa.text(...)``, ``textwrap.dedent(...)``, ``"...".strip()``). An f-string or a
    ``%``/``.format`` with variables is not constant: its SQL is not claimed either way.
    """
    if node is None or depth > 8:
        return None
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = const_str(node.left, names, depth + 1)
        right = const_str(node.right, names, depth + 1)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.Name) and node.id in names:
        return const_str(names[node.id], names, depth + 1)
    if isinstance(node, ast.Subscript):
        return const_str(subscripted(node, names, depth + 1), names, depth + 1)
    if isinstance(node, ast.Call) and last_name(node.func) in _TEXT_WRAPPERS:
        if isinstance(node.func, ast.Attribute) and not node.args:
            return const_str(node.func.value, names, depth + 1)  # "...".strip()
        if node.args:
            return const_str(node.args[0], names, depth + 1)
    return None


def subscripted(
    node: ast.expr | None, names: Mapping[str, ast.expr], depth: int = 0
) -> ast.expr | None:
    """The value ``d["k"]`` names, where ``d`` is (bound to) a dict display whose key is
    that constant: a loop over a list of dicts (codechecker's ``table_info['name']``,
    round AU, shown as the expression where a table's name belonged)."""
    if not isinstance(node, ast.Subscript) or depth > 8:
        return None
    base = node.value
    while isinstance(base, ast.Name) and base.id in names and depth <= 8:
        base, depth = names[base.id], depth + 1
    key = const_str(node.slice, names, depth + 1)
    if not isinstance(base, ast.Dict) or key is None:
        return None
    for k, v in zip(base.keys, base.values, strict=True):
        if k is not None and const_str(k, names, depth + 1) == key:
            return v
    return None


def fstring_str(node: ast.expr, names: Mapping[str, ast.expr], known: set[str]) -> str | None:
    """The text of ``f"… {table} …"`` when every substituted name is in ``known``.

    Used for a local helper's parameters bound to constant arguments at its call
    (``_copy("items")``): the text is then as fixed as a literal at the call site.
    """
    if not isinstance(node, ast.JoinedStr):
        return None
    parts: list[str | None] = []
    for v in node.values:
        if isinstance(v, ast.FormattedValue):
            if v.conversion != -1 or not isinstance(v.value, ast.Name) or v.value.id not in known:
                return None
            parts.append(const_str(v.value, names))
        else:
            parts.append(const_str(v, names))
    return None if None in parts else "".join(p or "" for p in parts)


def template_str(node: ast.expr | None, names: Mapping[str, ast.expr]) -> str | None:
    """The fixed text of a string built at run time, placeholders as ``x``; None if none.

    For classifying what kind of SQL an f-string or ``"..." % args`` runs (an ``UPDATE``, a
    ``CREATE``), never to claim data loss: the variable parts may change everything.
    """
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "x"
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return const_str(node.left, names)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return const_str(node.func.value, names)
        if last_name(node.func) in _TEXT_WRAPPERS and node.args:
            return template_str(node.args[0], names)
    return const_str(node, names)


def text_line(node: ast.expr | None, names: Mapping[str, ast.expr], offset_line: int) -> int:
    """The source line of line ``offset_line`` (1-based) of the constant string ``node``.

    Exact when the literal is written in place and its source spans as many lines as its
    value (no ``\\n`` escapes); otherwise the line where the string starts.
    """
    while isinstance(node, ast.Name) and node.id in names:
        node = names[node.id]
    while isinstance(node, ast.Call) and node.args:
        node = node.args[0]
    if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
        return getattr(node, "lineno", 0) or 1
    end = node.end_lineno or node.lineno
    if end - node.lineno == node.value.count("\n"):
        return node.lineno + offset_line - 1
    return node.lineno


@dataclass(frozen=True)
class Noop:
    """Why a body does nothing: ``what`` completes "downgrade() …" in a message."""

    what: str


def _trivial(stmt: ast.stmt, names: Mapping[str, ast.expr]) -> str | None:
    """How ``stmt`` does nothing ("`pass`", "a docstring" …), None when it does something."""
    if isinstance(stmt, ast.Pass):
        return "`pass`"
    if isinstance(stmt, ast.Return) and (
        stmt.value is None or (isinstance(stmt.value, ast.Constant) and stmt.value.value is None)
    ):
        return "`return`"
    if isinstance(stmt, ast.Expr):
        value = stmt.value
        if isinstance(value, ast.Constant):
            return "`...`" if value.value is Ellipsis else "a docstring"
        if isinstance(value, ast.Call) and last_name(value.func) in _LOGGING_CALLS:
            return "a log message"
        if isinstance(value, ast.Call) and last_name(value.func) in ("execute", "exec_driver_sql"):
            text = const_str(arg(value, 0, "sqltext"), names)
            if text is not None and not sql.is_effective(text):
                return "SQL that changes nothing"
    if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)):
        return "an import"
    return None


def noop(
    body: list[ast.stmt],
    funcs: Functions,
    seen: frozenset[str] = frozenset(),
    names: Mapping[str, ast.expr] | None = None,
) -> Noop | None:
    """A :class:`Noop` when ``body`` cannot change anything, else None.

    Statements that count as nothing: ``pass``, ``...``, docstrings, bare ``return``,
    imports, ``print``/logging calls, ``execute()`` of constant SQL that changes nothing
    (``SELECT 1``, comments), calls to local functions that themselves do nothing, and
    ``if`` statements all of whose branches do nothing.
    """
    names = names or {}
    kinds: list[str] = []
    for stmt in body:
        what = _trivial(stmt, names)
        if what is None and isinstance(stmt, ast.If):
            inner = noop(stmt.body, funcs, seen, names) and noop(stmt.orelse, funcs, seen, names)
            what = "an empty `if`" if inner else None
        if what is None and isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            name = stmt.value.func.id if isinstance(stmt.value.func, ast.Name) else ""
            if name in funcs and name not in seen:
                inner_noop = noop(funcs[name].body, funcs, seen | {name}, names)
                what = f"a call to {name}(), which does nothing" if inner_noop else None
        if what is None:
            return None
        kinds.append(what)
    if not kinds:
        return Noop("is empty")
    if kinds == ["a docstring"]:
        return Noop("holds only a docstring")
    shown = next((k for k in kinds if k != "a docstring"), kinds[0])
    return Noop(f"is {shown}" if shown.startswith("`") else f"only holds {shown}")


def refusal(
    body: list[ast.stmt],
    funcs: Functions,
    seen: frozenset[str] = frozenset(),
    names: Mapping[str, ast.expr] | None = None,
) -> ast.stmt | None:
    """The unconditional refusal in ``body``: a ``raise``, a call of a local function that
    refuses, or ``execute()`` of constant SQL that raises (``DO $$ … RAISE EXCEPTION``)."""
    names = names or {}
    for stmt in body:
        if isinstance(stmt, ast.Raise):
            return stmt
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
            func = stmt.value.func
            name = func.id if isinstance(func, ast.Name) else ""
            if (
                name in funcs
                and name not in seen
                and refusal(funcs[name].body, funcs, seen | {name}, names)
            ):
                return stmt
            if last_name(func) in ("execute", "exec_driver_sql"):
                text = const_str(arg(stmt.value, 0, "sqltext"), names)
                if text is not None and sql.refusals(sql.split_statements(text)):
                    return stmt
        if isinstance(stmt, (ast.Return, ast.Continue, ast.Break)):
            return None
    return None


def raised_text(stmt: ast.stmt) -> str:
    """A short rendering of what a refusing statement raises, for messages."""
    if isinstance(stmt, ast.Raise) and stmt.exc is not None:
        text = ast.unparse(stmt.exc)
    else:
        text = ast.unparse(stmt).strip()
    return text if len(text) <= 80 else text[:77] + "..."


def calls(stmt: ast.stmt) -> Iterator[ast.Call]:
    """Every call inside ``stmt`` in source order, not descending into nested defs/lambdas."""
    stack: list[ast.AST] = [stmt]
    found: list[ast.Call] = []
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                stack.append(child)
    found.sort(key=lambda c: (c.lineno, c.col_offset))
    return iter(found)


def batch_tables(fn: ast.AST) -> dict[str, ast.expr | None]:
    """``batch_op`` → the table argument of each ``with op.batch_alter_table(t) as
    batch_op`` in ``fn`` (Alembic's batch mode)."""
    out: dict[str, ast.expr | None] = {}
    for node in ast.walk(fn):
        if isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                ctx = item.context_expr
                if (
                    isinstance(ctx, ast.Call)
                    and last_name(ctx.func) == "batch_alter_table"
                    and isinstance(item.optional_vars, ast.Name)
                ):
                    out[item.optional_vars.id] = arg(ctx, 0, "table_name")
    return out


def method_calls(fn: ast.AST) -> list[ast.Call]:
    """The ``x.method(…)`` calls in ``fn``, in source order."""
    return sorted(
        (n for n in ast.walk(fn) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)),
        key=lambda c: (c.lineno, c.col_offset),
    )


def followed_calls(
    fn: ast.AST, funcs: Mapping[str, ast.FunctionDef | ast.AsyncFunctionDef], depth: int = 0
) -> list[ast.Call]:
    """:func:`method_calls` of ``fn`` with those of the module's own functions it calls by
    name in their place (keep's ``upgrade()`` calls ``_upgrade()``, which creates every
    table: round Q), a few levels deep."""
    out: list[ast.Call] = []
    calls = sorted(
        (n for n in ast.walk(fn) if isinstance(n, ast.Call)),
        key=lambda c: (c.lineno, c.col_offset),
    )
    for call in calls:
        if isinstance(call.func, ast.Attribute):
            out.append(call)
        elif isinstance(call.func, ast.Name) and call.func.id in funcs and depth < _HELPER_DEPTH:
            out.extend(followed_calls(funcs[call.func.id], funcs, depth + 1))
    return out


_HELPER_DEPTH = 3


def upgrade_calls(tree: ast.Module) -> tuple[list[ast.Call], dict[str, ast.expr | None]] | None:
    """An Alembic revision's ``upgrade()`` as the history judges read it: its
    :func:`followed_calls` (the module's own helpers in their place) and every ``with
    op.batch_alter_table(t) as batch_op`` of it and of the helpers (:func:`batch_tables`);
    None without ``upgrade()``."""
    funcs = functions(tree.body)
    up = funcs.get("upgrade")
    if up is None:
        return None
    helpers = {k: v for k, v in funcs.items() if k not in ("upgrade", "downgrade")}
    batches = {k: v for f in (up, *helpers.values()) for k, v in batch_tables(f).items()}
    return followed_calls(up, helpers), batches
