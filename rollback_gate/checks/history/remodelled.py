"""RG222 on a Django field the previous release's model already declared.

A Django ``AddField`` (or ``AlterField`` to NOT NULL) without ``null=True`` is RG222: the
previous release does not know the field, and Django drops the database default once it
has filled the existing rows, so that release's INSERTs fail. Where the change rewrote
the app's history (it deleted migrations of the folder and wrote new ones), the fields
its model already declared were in the database already, made by the deleted migrations,
and the previous release writes a value on every INSERT: the new migration only records
them again (ArchiveBox's new ``0025`` replacing three deleted migrations, round Y:
seventeen fields; tendenci's re-squashed ``trainings/0002``, round X).

So, asked once per run and only for RG222 in Django migrations whose change deleted more
migrations of their folder than it wrote (two ``git show`` of the commits' files; as many
deleted as written is a renumbering, not a rewrite): the previous
release is the base for a migration the change adds and, under ``scope: all``, the parent
of the commit that added the file (as :mod:`.validated` finds it). The app's ``models.py`` and
``models/`` package there (one ``git grep -l`` over those releases; files read with one
``git cat-file``) are read as text (never imported), and a field of the model whose table
is the finding's (``Meta.db_table``, else ``<app label>_<model>``, the label the app's
folder name) that is not ``null=True`` leaves the occurrence out.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from rollback_gate.checks import Context, declared
from rollback_gate.checks.history.order import natural
from rollback_gate.checks.history.unwritten import releases_of, required_column
from rollback_gate.checks.history.validated import MAX_FILE_BYTES
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_MOST_RELEASES = 64  # releases read, at most (one git grep over all of them)


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the Django RG222 occurrences on a field the previous release's
    model already declared NOT NULL (``files`` unused)."""
    if ctx.git is None:
        return findings
    from rollback_gate.checks.migrations import entries_of

    django = [inside for _, inside in entries_of(ctx, ("django",))]
    asked = [
        f for f in findings
        if f.rule == "RG222" and (f.path or "").endswith(".py")
        and any((f.path or "").startswith(inside) for inside in django)
        and all(r.path == f.path for r in f.related)
    ]  # fmt: skip
    if not asked:
        return findings
    releases = releases_of(ctx, asked, folders)
    rewritten = _rewritten(ctx, releases)
    asked = [f for f in asked if (f.path or "") in rewritten and (f.path or "") in releases]
    if not asked:
        return findings
    apps = {f.path or "": _app(f.path or "") for f in asked}
    revs = sorted({releases[f.path or ""] for f in asked})[:_MOST_RELEASES]
    globs = sorted({g for app in apps.values() for g in (f"{app}/models.py", f"{app}/models/**")})
    found = ctx.git.grep_files_at(revs, r"^class[[:space:]]", globs)
    declared_at: dict[str, dict[str, frozenset[str]]] = {}  # rev → table → never-NULL fields
    wanted = ((rev, p) for rev, paths in found.items() for p in paths)
    for (rev, path), text in ctx.git.read_at(wanted, MAX_FILE_BYTES).items():
        tables = declared_at.setdefault(rev, {})
        label = posixpath.basename(_app(path, models=True))
        for model in declared.models(path, text):
            if model.mixin or not model.never_null:
                continue
            table = model.table or f"{label}_{model.name}".lower()
            tables[table] = tables.get(table, frozenset()) | model.never_null
    left: dict[int, list[Finding]] = {}
    for f in asked:
        kept = declared_at.get(releases.get(f.path or "", ""), {})
        rest = [o for o in occurrences(f) if not _declared(o.key, kept)]
        if len(rest) <= len(f.related):
            left[id(f)] = one_per_rule(rest)
    return [g for f in findings for g in left.get(id(f), [f])]


def _rewritten(ctx: Context, releases: dict[str, str]) -> set[str]:
    """The migrations whose change deleted more migrations of their folder than it wrote:
    the history was rewritten there, and a field the base's model declares was in the
    database before (otherwise a base whose model already has the field never ran without
    its column: it is no release the migration replaces, and the finding stays, as RG220's
    does)."""
    assert ctx.git is not None
    out: set[str] = set()
    if ctx.diff is not None:
        counts: Counter[tuple[str, str]] = Counter(
            (posixpath.dirname(c.path), c.status) for c in ctx.diff.changes
        )
        for p, rev in releases.items():
            folder = posixpath.dirname(p)
            if rev == ctx.diff.base and counts[(folder, "D")] > counts[(folder, "A")]:
                out.add(p)
    commits = {p: rev[:-1] for p, rev in releases.items() if rev.endswith("^")}
    wanted = sorted(set(commits.values()))
    folders = sorted({posixpath.dirname(p) for p in commits})
    deleted = (ctx.git.deleted_in(wanted, folders) if wanted else {}) or {}
    added = (ctx.git.added_in(wanted, folders) if wanted else {}) or {}
    # per commit and folder, files deleted less files written (counted once per commit:
    # one may add 10,000 files)
    balance: dict[str, Counter[str]] = {}
    for commit in wanted:
        gone = Counter(posixpath.dirname(d) for d in deleted.get(commit, ()))
        gone.subtract(Counter(posixpath.dirname(a) for a in added.get(commit, ())))
        balance[commit] = gone
    for path, commit in commits.items():
        # more deleted than written: a squash (as many: files renumbered or renamed to
        # settle a conflict, `0023_auto_…` made `0022_user_selected_theme`: lego, kpi)
        if balance[commit][posixpath.dirname(path)] > 0:
            out.add(path)
    return out


def _declared(key: str, tables: dict[str, frozenset[str]]) -> bool:
    found = required_column(key)
    return found is not None and found[1] in tables.get(found[0], frozenset())


def _app(path: str, *, models: bool = False) -> str:
    """The Django app's folder: the one holding ``migrations/`` (``models=True``: the one
    holding ``models.py`` or the ``models/`` package)."""
    folder = posixpath.dirname(path)
    if models:
        parts = folder.split("/")
        return "/".join(parts[:-1]) if parts[-1] == "models" else folder
    return posixpath.dirname(folder)


_N1 = frozenset({"RG220", "RG222", "RG223", "RG224"})
_TABLE_OPS = frozenset({"CreateModel", "AlterModelTable", "RenameModel", "DeleteModel"})


def tables(ctx: Context, findings: list[Finding], folders: Iterable[str]) -> list[Finding]:
    """Django N−1 findings said with the table the database has: the Django analyser
    names ``<app label>_<model>`` (finding a model's ``db_table`` there would walk the app's
    whole history for every finding: a third more time for a change to a large app), so
    the migration files that say ``db_table`` or ``AlterModelTable`` (one ``git grep -l``;
    every file without git) are read here, in migration order, with :mod:`ast` (never
    imported), following ``CreateModel(options={"db_table": …})``, ``AlterModelTable``,
    ``RenameModel`` and ``DeleteModel``. A finding on a model whose table such a file
    named before it is said with that table (tilavarauspalvelu's ``user``, said
    ``tilavarauspalvelu_user``: rounds BF, BG; eda-server's ``core_event_stream``, round
    BI), a column rename with its field as well (``(field app.model.column)``, as the
    drops say theirs, for the code search)."""
    from rollback_gate.checks.migrations import entries_of

    django = [inside for _, inside in entries_of(ctx, ("django",))]
    asked = [
        f for f in findings
        if f.rule in _N1 and (f.path or "").endswith(".py")
        and any((f.path or "").startswith(inside) for inside in django)
    ]  # fmt: skip
    if not asked:
        return findings
    wanted = sorted({posixpath.dirname(f.path or "") for f in asked})
    marks = ("db_table", "AlterModelTable")
    listed = ctx.git.files_with(marks, wanted) if ctx.git is not None else None
    if listed is None:
        listed = [p for folder in wanted for p in ctx.tree.under(folder)]
    by_folder: dict[str, list[str]] = {}
    for path in sorted(p for p in listed if p.endswith(".py")):
        by_folder.setdefault(posixpath.dirname(path), []).append(path)
    if not by_folder:
        return findings
    ops = {p: _table_ops(ctx, p) for paths in by_folder.values() for p in paths}
    out = []
    ids = {id(f) for f in asked}
    for f in findings:
        folder = posixpath.dirname(f.path or "")
        if id(f) not in ids or folder not in by_folder:
            out.append(f)
            continue
        named: dict[str, str] = {}  # model (lower case) → the table it names
        for path in sorted(by_folder[folder], key=natural):
            if natural(path) >= natural(f.path or ""):
                break
            _follow(ops[path], named)
        out.append(_said(f, named) if named else f)
    return out


def _table_ops(ctx: Context, path: str) -> list[tuple[str, str, str]]:
    """The ``(operation, model, table or new name)`` a migration's ``operations`` say."""
    import ast

    from rollback_gate.migrations.base import Unreadable, parse_quietly

    try:
        tree = parse_quietly(ctx.tree.read_text(path, lenient=True))
    except (Unreadable, SyntaxError, ValueError):
        return []
    out: list[tuple[str, str, str]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        kind = node.func.attr
        if kind not in _TABLE_OPS:
            continue
        args = {
            **dict(zip(("a0", "a1"), node.args, strict=False)),
            **{k.arg: k.value for k in node.keywords if k.arg},
        }
        name = args.get("name", args.get("old_name", args.get("a0")))
        if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
            continue
        model = name.value.lower()
        if kind == "CreateModel":
            options = args.get("options")
            table = _constant_option(options, "db_table") if isinstance(options, ast.Dict) else ""
            out.append((kind, model, table))
        elif kind == "AlterModelTable":
            given = args.get("table", args.get("a1"))
            value = given.value if isinstance(given, ast.Constant) else None
            out.append((kind, model, value if isinstance(value, str) else ""))
        elif kind == "RenameModel":
            new = args.get("new_name", args.get("a1"))
            if isinstance(new, ast.Constant) and isinstance(new.value, str):
                out.append((kind, model, new.value.lower()))
        else:
            out.append((kind, model, ""))
    return out


def _constant_option(options: object, key: str) -> str:
    import ast

    assert isinstance(options, ast.Dict)
    for k, v in zip(options.keys, options.values, strict=True):
        if isinstance(k, ast.Constant) and k.value == key and isinstance(v, ast.Constant):
            return v.value if isinstance(v.value, str) else ""
    return ""


def _follow(ops: list[tuple[str, str, str]], named: dict[str, str]) -> None:
    for kind, model, value in ops:
        if kind in ("CreateModel", "AlterModelTable"):
            if value:
                named[model] = value
            else:
                named.pop(model, None)  # (Django's default name again)
        elif kind == "RenameModel" and model in named:
            named[value] = named.pop(model)
        elif kind == "DeleteModel":
            named.pop(model, None)


def _said(f: Finding, named: dict[str, str]) -> Finding:
    """``f`` with each ``<label>_<model>`` of a model in ``named`` said as its table."""
    said = [_place_said(f.message, f.key, named)]
    said += [_place_said(r.message, r.key, named) for r in f.related]
    if all(s is None for s in said):
        return f
    related = tuple(
        dataclasses.replace(r, message=s[0], key=s[1]) if s else r
        for r, s in zip(f.related, said[1:], strict=True)
    )
    head = said[0]
    if head is None:
        return dataclasses.replace(f, related=related)
    return dataclasses.replace(f, message=head[0], key=head[1], related=related)


def _place_said(message: str, key: str, named: dict[str, str]) -> tuple[str, str] | None:
    """``(message, key)`` with the default table name replaced; None where none is."""
    parts = key.split(":")
    if len(parts) < 3:
        return None
    default = parts[2].split(".")[0]
    for model, table in named.items():
        if not default.endswith(f"_{model}") or default == table.lower():
            continue
        label = default[: -len(model) - 1]
        said = re.compile(rf"\b{re.escape(default)}\b", re.IGNORECASE).sub(
            table.replace("\\", "\\\\"), message
        )
        if parts[1] == "rename_column" and "(field " not in said:
            column = parts[2].split(".", 1)[1] if "." in parts[2] else ""
            said = re.sub(
                rf"(renames column {re.escape(table)}\.{re.escape(column)} to [^\s(]+)",
                rf"\1 (field {label}.{model}.{column})",
                said,
                count=1,
                flags=re.IGNORECASE,
            )
        new_key = ":".join(
            [parts[0], parts[1], table.lower() + parts[2][len(default) :], *parts[3:]]
        )
        return said, new_key
    return None
