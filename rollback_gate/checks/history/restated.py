"""RG222 on a column an earlier migration already made NOT NULL (Alembic and SQL).

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

SQL files the same way, in migration order: ``SET NOT NULL`` on a column an earlier file
created ``NOT NULL`` (or a primary key) rejects nothing new. The earlier files of the
folder that name the table, and the file's own statements before the occurrence, are
followed through ``CREATE TABLE``, ``ADD COLUMN``, ``ALTER COLUMN … SET/DROP NOT NULL``,
MySQL's ``MODIFY``/``CHANGE`` (which drop NOT NULL unless restated), renames and drops:
OpenPipe's Prisma migration renamed three NOT NULL columns, then set NOT NULL on their
new names (round AK).
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterator, Sequence

from rollback_gate.checks import Context
from rollback_gate.checks.history.order import (
    TABLE_RENAMED_TO,
    home,
    in_order,
    naming,
    ordered,
    sql_of,
    up_part,
)
from rollback_gate.checks.history.prechecked import required_target, set_required_in
from rollback_gate.checks.history.unwritten import commit_releases, releases_of, schema_of
from rollback_gate.checks.migrations import entries_of, history
from rollback_gate.migrations.base import SQL_SUFFIXES, Unreadable, parse_quietly
from rollback_gate.migrations.grouping import occurrences, one_per_rule, settled
from rollback_gate.migrations.js import MODULES as _JS
from rollback_gate.migrations.python import pyast
from rollback_gate.migrations.python.alembic import revision_of
from rollback_gate.migrations.sqlengine.kinds import (
    NOT_COLUMN,
    altered_column,
    is_ident,
    not_null,
    split_commas,
    tokens,
    unquote,
)
from rollback_gate.migrations.sqlengine.loss import renamed_to
from rollback_gate.migrations.sqlengine.model import MAYBE_REQUIRED, Statement
from rollback_gate.migrations.sqlengine.sql import split_statements
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


def _held(
    key: str, required: set[Column], *, default: bool = False, nullable: bool = False
) -> bool:
    """Whether the column an RG222 key sets NOT NULL on is in ``required`` (``default``:
    is said there to have a database default; ``nullable``: is known nullable there): its
    table the same, in the same schema where both name one."""
    found = required_target(key)
    if found is None:
        return False
    table, column = found
    column += _DEFAULTED if default else _NULLABLE if nullable else ""
    schema = schema_of(key)
    return any(
        c == column and t.rpartition(".")[2] == table
        and schema in ("", t.rpartition(".")[0] or schema)
        for t, c in required
    )  # fmt: skip


_DEFAULTED = "\0default"
"""Marks a column's entry that says it has a database default (SQL walks only)."""
_NULLABLE = "\0nullable"
"""Marks a column's entry that says a statement left it nullable (SQL walks only)."""
_MAYBE = MAYBE_REQUIRED
_LEFT_NULLABLE = " (as the folder's earlier files left it nullable)"


def _bare(column: str) -> str:
    return column.partition("\0")[0]


def _apply(required: set[Column], event: tuple[str, str, str, str | bool]) -> set[Column]:
    what, table, column, value = event
    if not table:
        return required
    if what == "null" and column:
        # (NOT NULL, or known nullable: the other mark goes)
        entry, other = (table, column), (table, column + _NULLABLE)
        return (required | {entry}) - {other} if value else (required - {entry}) | {other}
    if what == "default" and column:
        entry = (table, column + _DEFAULTED)
        return required | {entry} if value else required - {entry}
    if what == "drop":
        return {(t, c) for t, c in required if t != table or (column and _bare(c) != column)}
    if what == "rename" and isinstance(value, str) and value:
        if column:
            return {
                (t, value + c[len(column) :] if (t, _bare(c)) == (table, column) else c)
                for t, c in required
            }
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
    """``findings`` less the RG222 occurrences that set NOT NULL on a column an earlier
    migration left NOT NULL: Alembic revisions by their graph, SQL files by their names;
    of the candidates (a MySQL ``MODIFY`` restating NOT NULL: :data:`MAYBE_REQUIRED`), only
    those over a column the earlier files left nullable."""
    return _settled(_sql_judged(ctx, _alembic_judged(ctx, findings), folders, files))


def _settled(findings: list[Finding]) -> list[Finding]:
    """``findings`` without the candidates no earlier file turned into a finding."""
    return settled(findings, "RG222", _MAYBE)


def _alembic_judged(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """The Alembic part: the history is the entry's whole folder, in the revision graph's
    order."""
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


Event = tuple[str, str, str, str | bool]


def _sql_judged(
    ctx: Context, findings: list[Finding], folders: Sequence[str], files: Sequence[str]
) -> list[Finding]:
    """The SQL part: the earlier files of the occurrence's folder, in migration order; and
    the column as the previous release left it, before the first file of the occurrence's
    release: a NOT NULL the release takes off and puts back rejects nothing new
    (retro-board's `created_by_id`, dropped by one TypeORM migration and set again by the
    next of the same pull request, round AU)."""
    asked = [f for f in set_required_in(findings, (*SQL_SUFFIXES, *_JS)) if ordered(f.path or "")]
    if not asked:
        return findings
    roots = list(folders)
    tables = sorted({t[0] for f in asked for o in occurrences(f) if (t := required_target(o.key))})
    wanted = {f.path or "" for f in asked}
    homes = {home(p, roots) for p in wanted}
    holding = naming(ctx, tables, roots)
    pool = set(files if holding is None else holding)
    history = {p for p in pool if ordered(p) and home(p, roots) in homes}
    releases = commit_releases(ctx, roots)
    state: dict[str, set[Column]] = {}
    starts: dict[tuple[str, str], set[Column]] = {}  # (folder, release) → the state before it
    before: dict[str, tuple[set[Column], list[tuple[int, Event]], set[Column]]] = {}
    for path, text in in_order(ctx.tree, history | wanted, holding):
        folder = home(path, roots)
        release = releases.get(path)
        if release is not None:
            starts.setdefault((folder, release), set(state.get(folder, set())))
        events = [(s.line, e) for s in _up_statements(path, text) for e in _sql_events(s)]
        if path in wanted:
            previous = starts.get((folder, release or ""), set())
            before[path] = (set(state.get(folder, set())), events, previous)
        for _, event in events:
            state[folder] = _apply(state.get(folder, set()), event)
    judged: dict[int, list[Finding]] = {}
    filled: list[tuple[Finding, Finding]] = []  # left out for a default that fills them
    prisma = tuple(prefix for _, prefix in entries_of(ctx, ("prisma",)))
    for f in asked:
        if f.path not in before:
            continue
        required, events, previous = before[f.path]
        kept = []
        # where the app's ORM inserts only what a record sets (the JS frameworks, Prisma's
        # client), a database default the column has fills every INSERT that leaves it
        # out: one it already had (Unleash's events.announced, DEFAULT false since an
        # earlier release; socio-crypto's verification.verified, DEFAULT false in its CREATE
        # TABLE: round AY), or one the file gives it, before or after (la-base's Prisma
        # `SET NOT NULL, ALTER COLUMN "added" SET DEFAULT CURRENT_TIMESTAMP`, round BT)
        path = f.path or ""
        fills = path.endswith(_JS) or (path.endswith("/migration.sql") and path.startswith(prisma))
        after = required
        for _, event in events:
            after = _apply(after, event)
        for o in occurrences(f):
            now = required
            for line, event in events:
                if line >= (o.line or 0):
                    break
                now = _apply(now, event)
            held = _held(o.key, now) or _held(o.key, previous)
            defaulted = _held(o.key, now, default=True) or _held(o.key, after, default=True)
            if _MAYBE in o.message:
                if held or not _held(o.key, now, nullable=True):
                    continue  # (NOT NULL already, or not known: a restatement)
                said = f" ({_MAYBE})"
                o = dataclasses.replace(o, message=o.message.replace(said, _LEFT_NULLABLE))
            if not held and fills and defaulted:
                filled.append((f, o))
            elif not held:
                kept.append(o)
        judged[id(f)] = kept
    for f, o in _nulled(ctx, filled, roots):
        judged[id(f)].append(o)  # (its code writes NULL there: no default fills that)
    # (a finding none of whose places was left out stays as it was)
    # (a candidate settled is said anew, though no place was left out)
    lessened = {
        id(f): one_per_rule(judged[id(f)]) for f in asked
        if id(f) in judged and (
            len(judged[id(f)]) <= len(f.related)
            or any(_MAYBE in o.message for o in occurrences(f))
        )
    }  # fmt: skip
    return [g for f in findings for g in lessened.get(id(f), [f])]


def _nulled(
    ctx: Context, filled: list[tuple[Finding, Finding]], roots: Sequence[str]
) -> list[tuple[Finding, Finding]]:
    """The occurrences of ``filled`` whose column the previous release's code sets to NULL
    itself (``SET parcelles = NULL``, ``{parcelles: null}``): a default fills what an
    INSERT leaves out, not a NULL written (cartobio-api's `deleteRecord`, round BF, whose
    db-migrate `addColumn(…, {defaultValue})` the history read since round BT). One ``git
    grep`` per column, over the releases asked, the migration folders and tests left out."""
    if not filled or ctx.git is None:
        return []
    from rollback_gate.checks.dropped import _NOT_CODE

    revs = releases_of(ctx, [f for f, _ in filled], roots)
    excluded = [*(f"{r.strip('/')}/**" for r in roots), *_NOT_CODE]
    out = []
    by_column: dict[str, list[tuple[Finding, Finding]]] = {}
    for f, o in filled:
        if (target := required_target(o.key)) is not None and (f.path or "") in revs:
            by_column.setdefault(target[1], []).append((f, o))
    for column, pairs in by_column.items():
        if not re.fullmatch(r"\w+", column):
            continue
        pattern = rf"\b{column}\b[\"'`]?\s*[:=]\s*[Nn][Uu][Ll][Ll]\b"
        wanted = sorted({revs[f.path or ""] for f, _ in pairs})
        found = ctx.git.grep_files_at(wanted, pattern, ["**"], excluded)
        out += [(f, o) for f, o in pairs if found.get(revs[f.path or ""])]
    return out


def _up_statements(path: str, text: str) -> list[Statement]:
    """A migration's up-step statements: a SQL file's own; a JS module's as its analyser
    reads them (builder calls too, a Knex table's columns among them), its raw SQL where
    no up step is found."""
    if path.endswith(_JS):
        from rollback_gate.migrations.js.framework import up_statements

        read = up_statements(path, text)
        if read:
            return read
    return split_statements(sql_of(path, up_part(text)))


def _table(name: str) -> str:
    """A SQL table name as the events name it: lower case, unquoted, ``schema.table``."""
    return ".".join(unquote(p).lower() for p in name.split(".")[-2:])


def _sql_events(s: Statement) -> list[Event]:
    """The events (as :func:`_events` gives Alembic's) of one SQL statement."""
    toks = tokens(s.skeleton)
    up = [t.upper() for t in toks]
    if s.kind == "create_table" and "(" in toks:
        table = _table(s.target)
        out: list[Event] = [("drop", table, "", "")]  # (made again: what it was is gone)
        for part in split_commas(toks, toks.index("(") + 1):
            words = [w.upper() for w in part]
            if "PRIMARY" in words and words[:1] in (["PRIMARY"], ["CONSTRAINT"]):
                out += [("null", table, c, True) for c in _listed(part)]
            elif part and is_ident(part[0]) and words[0] not in NOT_COLUMN:
                required = not_null(words) or "PRIMARY" in words
                out.append(("null", table, unquote(part[0]).lower(), required))
                out.append(("default", table, unquote(part[0]).lower(), _defaulted(words)))
        return out
    if s.kind == "drop_table":
        return [("drop", _table(s.target), "", "")]
    if s.kind == "rename" and "." in s.target and (to := renamed_to(s)):
        table, _, column = s.target.rpartition(".")
        return [("rename", _table(table), unquote(column).lower(), to)]
    if up[:2] != ["ALTER", "TABLE"] or not s.target:
        return []
    at = 2 + (up[2:3] == ["ONLY"])
    at += 2 if up[at : at + 2] == ["IF", "EXISTS"] else 0
    if at >= len(toks):
        return []
    end = at + 1
    while end + 1 < len(toks) and toks[end] == ".":  # (``schema.table``: three tokens)
        end += 2
    table = _table("".join(toks[at:end]))
    if (m := TABLE_RENAMED_TO.search(s.skeleton)) and "." not in s.target:
        return [("rename", table, "", _table(m.group(1)))]
    out = []
    for part in split_commas(toks, end):
        words = [w.upper() for w in part]
        if words[:1] == ["DROP"] and len(part) > 1:
            i = 2 if words[1:2] == ["COLUMN"] else 1
            i += 2 if words[i : i + 2] == ["IF", "EXISTS"] else 0
            if i < len(part) and is_ident(part[i]) and words[i] not in NOT_COLUMN:
                out.append(("drop", table, unquote(part[i]).lower(), ""))
        elif words[:1] == ["ADD"]:
            i = 2 if words[1:2] == ["COLUMN"] else 1
            i += 3 if words[i : i + 3] == ["IF", "NOT", "EXISTS"] else 0
            if i < len(part) and is_ident(part[i]) and words[i] not in NOT_COLUMN:
                required = not_null(words) or "PRIMARY" in words
                out.append(("null", table, unquote(part[i]).lower(), required))
                out.append(("default", table, unquote(part[i]).lower(), _defaulted(words)))
        elif words[:1] in (["ALTER"], ["MODIFY"], ["CHANGE"]):
            head = altered_column(words)
            if not head or head >= len(part) or not is_ident(part[head]):
                continue
            column = unquote(part[head]).lower()
            after = words[head + 1 :]
            if words[0] == "CHANGE" and len(part) > head + 1:
                new = unquote(part[head + 1]).lower()
                out.append(("rename", table, column, new))
                column, after = new, words[head + 2 :]
            if words[0] != "ALTER":  # (MySQL restates the whole column)
                out.append(("null", table, column, not_null(after) or "PRIMARY" in after))
                out.append(("default", table, column, _defaulted(after)))
            elif after[:3] == ["SET", "NOT", "NULL"]:
                out.append(("null", table, column, True))
            elif after[:3] == ["DROP", "NOT", "NULL"]:
                out.append(("null", table, column, False))
            elif after[:2] == ["SET", "DEFAULT"]:
                out.append(("default", table, column, after[2:3] != ["NULL"]))
            elif after[:2] == ["DROP", "DEFAULT"]:
                out.append(("default", table, column, False))
    return out


def _defaulted(words: list[str]) -> bool:
    """Whether a column's definition gives it a default (not ``DEFAULT NULL``), or makes
    its values itself (serial, identity)."""
    return any(
        w == "DEFAULT" and words[i + 1 : i + 2] != ["NULL"] for i, w in enumerate(words)
    ) or bool({"SERIAL", "BIGSERIAL", "SMALLSERIAL", "IDENTITY", "AUTO_INCREMENT"} & set(words))


def _listed(part: list[str]) -> list[str]:
    """The column names in the parentheses of a ``PRIMARY KEY (a, b)`` item."""
    if "(" not in part:
        return []
    inner = part[part.index("(") + 1 :]
    return [unquote(t).lower() for t in inner if is_ident(t) and t.upper() not in NOT_COLUMN]
