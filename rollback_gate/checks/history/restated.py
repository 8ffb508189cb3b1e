"""RG222 on an Alembic column an earlier revision already made NOT NULL.

``op.alter_column("sni", "tls_container_id", type_=sa.String(128), nullable=False)``
restates what the column already is when the revision that created it said
``nullable=False``: autogenerate writes ``nullable=`` beside a type change, and hand-written
revisions copy it (octavia: 3, fides: 3, round N). One file cannot tell; its ancestors can.
Django's analyser walks its own history; Alembic's revisions are ordered by their graph,
not their names, so :mod:`.prechecked`'s name order does not serve.

So, asked once per run and only for RG222 findings of Alembic entries that set NOT NULL
on an existing column: the entry's revisions are ordered by their graph (the analyser's
own order) and the ``upgrade()`` of each one before the finding's is read with :mod:`ast`,
never imported, following the column's nullability: ``sa.Column(…, nullable=False)`` or
``primary_key=True`` in ``op.create_table``/``op.add_column``, ``op.create_primary_key``,
``alter_column(nullable=…)`` (batch operations too; a type change that does not say
``existing_nullable=False`` may have freed it, as MySQL's MODIFY does), renames and
drops. An occurrence whose column was NOT NULL before its file is no break, also where
the revision that made it so is a finding of its own (prefect, round S). Only a
revision's ancestors count (not a sibling branch); only files that name the table are
parsed.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence

from rollback_gate.checks import Context
from rollback_gate.checks.history.prechecked import required_target, set_required_in
from rollback_gate.checks.history.unwritten import schema_of
from rollback_gate.checks.migrations import entries_of, history
from rollback_gate.migrations.base import Unreadable, parse_quietly
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.python import pyast
from rollback_gate.migrations.python.alembic import revision_of
from rollback_gate.models import Finding

Column = tuple[str, str]  # (table, column), lower case, without schema


def _name(node: ast.expr | None, names: dict[str, ast.expr]) -> str:
    value = pyast.const_str(node, names)
    return value.rsplit(".", 1)[-1].lower() if value else ""


def _column(call: ast.expr, names: dict[str, ast.expr]) -> tuple[str, bool] | None:
    """``(name, NOT NULL?)`` of a ``sa.Column(...)`` call, None for anything else."""
    if not (isinstance(call, ast.Call) and pyast.last_name(call.func) == "Column" and call.args):
        return None
    name = _name(call.args[0], names)
    if not name:
        return None
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    nullable = keywords.get("nullable")
    primary = keywords.get("primary_key")
    if isinstance(nullable, ast.Constant) and isinstance(nullable.value, bool):
        return name, not nullable.value
    return name, isinstance(primary, ast.Constant) and primary.value is True


def _events(tree: ast.Module) -> Iterator[tuple[str, str, str, str | bool]]:
    """``(what, table, column, value)`` of the ``upgrade()``'s operations, in source
    order: ``("null", t, c, NOT NULL?)``, ``("drop", t, c, "")`` (column ``""``: the
    table), ``("rename", t, c, new name)`` (column ``""``: the table)."""
    read = pyast.upgrade_calls(tree)
    if read is None:
        return
    calls, batches = read
    names = pyast.module_names(tree)
    aliases = {k: _name(v, names) for k, v in batches.items()}
    for call in calls:
        assert isinstance(call.func, ast.Attribute)
        op, recv = call.func.attr, call.func.value
        batch = aliases.get(recv.id) if isinstance(recv, ast.Name) else None
        shift = 0 if batch is not None else 1
        table = batch if batch is not None else _name(pyast.arg(call, 0, "table_name"), names)
        schema = _name(pyast.arg(call, 99, "schema"), names)
        if schema and batch is None:
            table = f"{schema}.{table}"  # (indico's users.tokens is not oauth.tokens)
        if op == "create_table":
            for a in call.args[1:]:
                if isinstance(a, ast.Call) and pyast.last_name(a.func) == "PrimaryKeyConstraint":
                    for c in a.args:
                        yield "null", table, _name(c, names), True
                elif (col := _column(a, names)) is not None:
                    yield "null", table, col[0], col[1]
        elif op == "add_column":
            col = _column(pyast.arg(call, shift, "column") or ast.Constant(None), names)
            if col is not None:
                yield "null", table, col[0], col[1]
        elif op == "create_primary_key":
            on = batch if batch is not None else _name(pyast.arg(call, 1, "table_name"), names)
            on = f"{schema}.{on}" if schema and batch is None else on
            given = pyast.arg(call, 1 + shift, "columns")
            for c in given.elts if isinstance(given, (ast.List, ast.Tuple)) else ():
                yield "null", on, _name(c, names), True
        elif op == "alter_column":
            column = _name(pyast.arg(call, shift, "column_name"), names)
            nullable = pyast.arg(call, 99, "nullable")
            kept = pyast.arg(call, 99, "existing_nullable")
            if isinstance(nullable, ast.Constant) and isinstance(nullable.value, bool):
                yield "null", table, column, not nullable.value
            elif pyast.arg(call, 99, "type_") is not None and not (
                isinstance(kept, ast.Constant) and kept.value is False
            ):
                # a type change MySQL runs as MODIFY, which drops NOT NULL unless restated
                # (quay's blobupload.byte_count made BigInteger, then NOT NULL again)
                yield "null", table, column, False
            renamed = _name(pyast.arg(call, 99, "new_column_name"), names)
            if renamed:
                yield "rename", table, column, renamed
        elif op == "drop_column":
            yield "drop", table, _name(pyast.arg(call, shift, "column_name"), names), ""
        elif op == "drop_table":
            yield "drop", table, "", ""
        elif op == "rename_table":
            renamed = _name(pyast.arg(call, 1, "new_table_name"), names)
            yield "rename", table, "", f"{schema}.{renamed}" if schema else renamed


def _held(key: str, required: set[Column]) -> bool:
    """Whether the column an RG222 key sets NOT NULL on is in ``required``: its table the
    same, in the same schema where both name one."""
    found = required_target(key)
    if found is None:
        return False
    table, column = found
    schema = schema_of(key)
    return any(
        c == column and t.rpartition(".")[2] == table
        and schema in ("", t.rpartition(".")[0] or schema)
        for t, c in required
    )  # fmt: skip


def _apply(required: set[Column], event: tuple[str, str, str, str | bool]) -> set[Column]:
    what, table, column, value = event
    if not table:
        return required
    if what == "null" and column:
        return required | {(table, column)} if value else required - {(table, column)}
    if what == "drop":
        return {(t, c) for t, c in required if t != table or (column and c != column)}
    if what == "rename" and isinstance(value, str) and value:
        if column:
            return {(t, value if (t, c) == (table, column) else c) for t, c in required}
        return {(value if t == table else t, c) for t, c in required}
    return required


def ancestors(path: str, graph: Graph) -> set[str]:
    """The files of the revisions ``path``'s revision descends from (not a sibling branch:
    zou's squashed root beside its legacy history, round F)."""
    by_revision = {rev: p for p, (rev, _) in graph.items()}
    out: set[str] = set()
    stack = list(graph[path][1])
    while stack:
        p = by_revision.get(stack.pop())
        if p is not None and p not in out:
            out.add(p)
            stack.extend(graph[p][1])
    return out


Graph = dict[str, tuple[str, tuple[str, ...]]]  # file → (its revision, its parents)


def revision_graph(
    ctx: Context, findings: Sequence[Finding]
) -> tuple[list[str], dict[str, str], Graph]:
    """The files of the Alembic entries ``findings`` are in (parents first), their texts
    (the readable ones) and their revision graph."""
    history = revisions(ctx, findings)
    texts: dict[str, str] = {}
    for path in history:
        try:
            texts[path] = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
    graph = {p: r for p, t in texts.items() if (r := revision_of(p, t)) is not None}
    return history, texts, graph


def revisions(ctx: Context, findings: Sequence[Finding]) -> list[str]:
    """The files, in the analyser's order, of the Alembic entries the findings are in."""
    out: list[str] = []
    for index, inside in entries_of(ctx, ("alembic",)):
        if any((f.path or "").startswith(inside) for f in findings):
            out += [f for m in history(ctx, index) for f in m.files]
    return out


def judge(
    ctx: Context, findings: list[Finding], folders: Sequence[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG222 occurrences of Alembic revisions that set NOT NULL on a
    column an earlier revision left NOT NULL (``folders`` and ``files`` unused: the
    history is the entry's whole folder, in the revision graph's order)."""
    asked = set_required_in(findings, ".py")
    if not asked:
        return findings
    history, texts, graph = revision_graph(ctx, asked)
    wanted = {f.path or "" for f in asked}
    tables = {t[0] for f in asked for o in occurrences(f) if (t := required_target(o.key))}
    events: dict[str, list[tuple[str, str, str, str | bool]]] = {}
    for path, text in texts.items():
        lowered = text.lower()
        if not any(t in lowered for t in tables):
            continue  # (a table renamed into an asked one is not followed: the finding stays)
        # an asked file is history too: a revision after it restates what it set (prefect's
        # clean-up revision after the data migration that set NOT NULL, round S)
        try:
            events[path] = list(_events(parse_quietly(text, path)))
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # reported RG205 where it is in scope
    before: dict[str, set[Column]] = {}
    for path in wanted & graph.keys():
        earlier = ancestors(path, graph)
        required: set[Column] = set()
        for p in history:  # parents first
            if p in earlier:
                for event in events.get(p, ()):
                    required = _apply(required, event)
        before[path] = required
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        if f.path not in before:
            continue
        kept = [o for o in occurrences(f) if not _held(o.key, before[f.path])]
        if len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]
