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

import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence

from rollback_gate.checks import Context, declared
from rollback_gate.checks.history.unwritten import required_column
from rollback_gate.checks.history.validated import MAX_FILE_BYTES, releases_of
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
