"""Checklist item ``migrations``: is every database migration reversible?

The engine around the framework analysers (``rollback_gate/migrations/*``): it finds the
migrations of each declared entry (``framework: auto`` detects the framework), applies the
scope (``changed`` since the base, or ``all``) and ``since``, reports edits of migrations
that existed at the base (RG204), declared paths without migrations and migrations nobody
declared (RG206), turns unreadable files and analyser failures into RG205 (never a silent
pass), and collects inline waivers. Analysis runs on both cores when there is enough of it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rollback_gate.checks import Context
from rollback_gate.migrations import FRAMEWORKS, load
from rollback_gate.migrations.base import Framework, Migration, Source, Unreadable
from rollback_gate.migrations.inline import inline_waivers
from rollback_gate.migrations.undeclared import migration_folders
from rollback_gate.models import Finding, Waiver
from rollback_gate.tree import Tree

if TYPE_CHECKING:
    from rollback_gate.results.cache import ResultCache

_NUMERIC = re.compile(r"^\d+(?:[._]\d+)*")


@dataclass(frozen=True)
class Selected:
    """The migrations of one config entry, split by whether they are analysed."""

    framework: str
    migrations: tuple[Migration, ...]
    in_scope: tuple[Migration, ...]


def applies(ctx: Context) -> bool:
    return ctx.config.migrations is not None or bool(migration_folders(ctx.tree.files))


def check(ctx: Context) -> Iterator[Finding]:
    entries = ctx.config.migrations or ()
    jobs: list[tuple[str, Migration]] = []
    for entry in entries:
        chosen = selected(ctx)[entry.index]
        if isinstance(chosen, Finding):
            yield chosen
            yield from _edited(ctx, entry.path, None)  # deleting every migration is an edit too
            continue
        yield from _edited(ctx, entry.path, chosen)
        jobs.extend((chosen.framework, m) for m in chosen.in_scope)
    findings, waivers = analyse_all(jobs, ctx.tree, ctx.results)
    for w in waivers:
        if isinstance(w, Waiver):
            ctx.inline_waivers.append(w)
        else:
            ctx.notes.append(w)
    yield from findings
    declared = [e.path for e in entries]
    for folder, framework in migration_folders(ctx.tree.files):
        if not any(
            folder == d or folder.startswith(d + "/") or d.startswith(folder + "/")
            for d in declared
        ):
            yield ctx.at_config(
                "RG206",
                f"{folder} holds {framework} migrations that no `migrations:` entry "
                "declares, so they are never checked",
                "migrations" if entries else "version",
                fix=f"add `- path: {folder}` under `migrations:`",
                key=f"RG206:undeclared:{folder}",
            )


def selected(ctx: Context) -> list[Selected | Finding]:
    """Per entry, the discovered and in-scope migrations (or the RG206 finding), cached."""
    cached = ctx.cache.get("migrations.selected")
    if cached is None:
        cached = [_select(ctx, e.index) for e in ctx.config.migrations or ()]
        ctx.cache["migrations.selected"] = cached
    return cached


def changed_migration_files(ctx: Context) -> list[str]:
    """Files of in-scope migrations that changed since the base (for RG210 and verify)."""
    if ctx.diff is None:
        return []
    changed = ctx.diff.changed
    return sorted(
        {
            f
            for s in selected(ctx)
            if isinstance(s, Selected)
            for m in s.in_scope
            for f in m.files
            if f in changed
        }
    )


def _select(ctx: Context, index: int) -> Selected | Finding:
    entry = (ctx.config.migrations or ())[index]
    where = f"migrations[{index}].path"
    paths = ctx.tree.under(entry.path)
    if not paths:
        return ctx.at_config(
            "RG206",
            f"{entry.path} holds no files (a typo in the path?)",
            where,
            key=f"RG206:empty:{entry.path}",
        )
    restrict = entry.scope == "changed" and ctx.diff is not None and entry.since is None
    looked_at = _related(paths, ctx.diff.changed) if restrict and ctx.diff else paths
    name: str | None = entry.framework
    if name == "auto":
        name = (_detect(looked_at, ctx.tree) if looked_at else None) or _detect(paths, ctx.tree)
    if name is None:
        return ctx.at_config(
            "RG206",
            f"{entry.path} holds no migrations of any supported framework",
            where,
            fix="fix the path, or set `framework:` explicitly",
            key=f"RG206:none:{entry.path}",
        )
    framework = load(name)
    migrations = tuple(framework.discover(looked_at, ctx.tree)) if looked_at else ()
    if not migrations and not _holds_migrations(framework, paths, ctx.tree):
        return ctx.at_config(
            "RG206",
            f"{entry.path} holds no {name} migrations",
            where,
            key=f"RG206:none:{entry.path}",
        )
    migrations = _after_since(migrations, entry.since, ctx)
    if entry.scope == "all" or ctx.diff is None:
        in_scope = migrations
    else:
        changed = ctx.diff.changed
        in_scope = tuple(m for m in migrations if any(f in changed for f in m.files))
        if hasattr(framework, "fingerprint"):
            in_scope = tuple(m for m in in_scope if _new_or_edited(ctx, framework, m))
    return Selected(name, migrations, in_scope)


_VERSION_TOKEN = re.compile(r"^[A-Za-z]?(\d[\d._-]*)")


def _related(paths: Sequence[str], changed: frozenset[str]) -> list[str]:
    """The changed files of a folder plus the files that make one migration with them.

    ``scope: changed`` needs only these, so a 10,000-migration folder is not discovered
    whole: siblings in the same folder sharing the version token (``000042_x.up.sql`` and
    ``.down.sql``; ``V42__x.sql`` and ``U42__x.sql``), or, for names without one (Prisma's
    ``<ts>_name/migration.sql`` and ``down.sql``, changelogs), the whole folder.
    """
    hits = [p for p in paths if p in changed]
    if not hits:
        return []
    wanted: set[tuple[str, str]] = set()
    for p in hits:
        folder, _, base = p.rpartition("/")
        m = _VERSION_TOKEN.match(base)
        wanted.add((folder, m.group(1) if m else ""))
    related = []
    for p in paths:
        folder, _, base = p.rpartition("/")
        m = _VERSION_TOKEN.match(base)
        if (folder, m.group(1) if m else "") in wanted or (folder, "") in wanted:
            related.append(p)
    return related


def _holds_migrations(framework: Framework, paths: Sequence[str], tree: Tree) -> bool:
    """Whether the folder holds any migration, cheaply: the newest files first."""
    newest = sorted(paths, reverse=True)[:16]
    return bool(framework.discover(newest, tree)) or (
        len(paths) > len(newest) and bool(framework.discover(paths, tree))
    )


def _new_or_edited(ctx: Context, framework: Framework, m: Migration) -> bool:
    """For frameworks with many migrations per file: did this one change since the base?"""
    before = _base_fingerprints(ctx, framework, m.path)
    if m.version not in before:
        return True
    now = framework.fingerprint(m, ctx.tree)  # type: ignore[attr-defined]
    return now is None or now != before[m.version]


def _base_fingerprints(ctx: Context, framework: Framework, path: str) -> dict[str, str | None]:
    """Version -> fingerprint of the migrations in ``path`` as it was at the base."""
    key = f"migrations.base:{path}"
    if key not in ctx.cache:
        source = _BaseSource(ctx, ctx.diff.base if ctx.diff else "HEAD")
        try:
            found = framework.discover([path], source) if source.exists(path) else []
            prints = {
                m.version: framework.fingerprint(m, source)  # type: ignore[attr-defined]
                for m in found
            }
        except Exception:  # an old file we cannot read: treat everything as new
            prints = {}
        ctx.cache[key] = prints
    result: dict[str, str | None] = ctx.cache[key]
    return result


def _detect(paths: Sequence[str], tree: Tree) -> str | None:
    best, best_score = None, 0
    for name in FRAMEWORKS:
        score = load(name).detect(paths, tree)
        if score > best_score:
            best, best_score = name, score
    return best


def _after_since(
    migrations: tuple[Migration, ...], since: str | None, ctx: Context
) -> tuple[Migration, ...]:
    if since is None:
        return migrations
    for i, m in enumerate(migrations):
        if since in (m.version, m.name) or m.version.endswith(":" + since):
            return migrations[i + 1 :]
    key = _number(since)
    if key is not None:
        return tuple(m for m in migrations if (_number(m.version) or (0,)) > key)
    ctx.notes.append(f"since: {since!r} matches no migration version; nothing exempted")
    return migrations


def _number(version: str) -> tuple[int, ...] | None:
    """The numeric version as a tuple (``V1_2`` / ``1.2`` → (1, 2)), or None."""
    tail = version.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    m = _NUMERIC.match(tail.lstrip("VUvu"))
    return tuple(int(p) for p in re.split(r"[._]", m.group())) if m else None


def _edited(ctx: Context, folder: str, chosen: Selected | None) -> Iterator[Finding]:
    """RG204 for base migrations modified, renamed or deleted (``chosen`` None: none left)."""
    if ctx.diff is None:
        return
    entry = next(e for e in ctx.config.migrations or () if e.path == folder)
    since = _number(entry.since) if entry.since else None
    known = {f for m in chosen.migrations for f in m.files} if chosen else set()
    if chosen is not None:
        names = [chosen.framework]
    else:
        names = list(FRAMEWORKS) if entry.framework == "auto" else [entry.framework]
    framework = load(names[0])
    for change in ctx.diff.changes:
        old = change.old_path or change.path
        if change.status == "A" or not old.startswith(folder + "/"):
            continue
        if since is not None and (_number(old.rsplit("/", 1)[-1]) or (0,)) <= since:
            continue
        if (
            change.status == "M"
            and chosen
            and change.path in known
            and hasattr(framework, "fingerprint")
        ):
            yield from _edited_versions(ctx, framework, chosen, change.path)
            continue
        if change.status == "M" and change.path in known:
            what = "was modified"
        elif change.status in "RD" and any(_was_migration(ctx, load(n), old) for n in names):
            what = "was deleted" if change.status == "D" else f"was renamed to {change.path}"
        else:
            continue
        yield Finding(
            "RG204",
            f"migration {old} existed at the base and {what}: databases that already "
            "ran it will never see this change",
            path=change.path if change.status != "D" else old,
            line=None,
            key=f"RG204:{old}:{change.status}",
            fix="restore the original file and put the change in a new migration",
        )


def _edited_versions(
    ctx: Context, framework: Framework, chosen: Selected, path: str
) -> Iterator[Finding]:
    """RG204 per migration for files holding many (a Liquibase changelog that grew)."""
    before = _base_fingerprints(ctx, framework, path)
    now = {m.version: m for m in chosen.migrations if m.path == path}
    for version, print_before in before.items():
        if print_before is None:
            continue  # runOnChange / runAlways: meant to be edited
        m = now.get(version)
        if m is None:
            what = "was removed"
        elif framework.fingerprint(m, ctx.tree) != print_before:  # type: ignore[attr-defined]
            what = "was modified"
        else:
            continue
        yield Finding(
            "RG204",
            f"migration {version} in {path} existed at the base and {what}: databases that "
            "already ran it will never see this change",
            path=path,
            line=None,
            key=f"RG204:{path}:{version}",
            fix="restore the original definition and put the change in a new migration",
        )


def _was_migration(ctx: Context, framework: Framework, old: str) -> bool:
    base_source = _BaseSource(ctx, ctx.diff.base if ctx.diff else "HEAD")
    try:
        return bool(framework.discover([old], base_source))
    except Exception:  # an old file we cannot classify: count it, fail closed
        return True


class _BaseSource:
    """A Source that reads files as they were at the base commit."""

    def __init__(self, ctx: Context, rev: str) -> None:
        self._git = ctx.git
        self._rev = rev

    def read_text(self, path: str, *, lenient: bool = False) -> str:
        text = self._git.show(self._rev, path) if self._git else None
        if text is None:
            raise Unreadable(path, "not in the base commit")
        return text

    def exists(self, path: str) -> bool:
        return self._git is not None and self._git.show(self._rev, path) is not None


def analyse_all(
    jobs: Sequence[tuple[str, Migration]], tree: Tree, results: ResultCache | None = None
) -> tuple[list[Finding], list[Waiver | str]]:
    """Analyse (framework, migration) pairs: cached outcomes, then a pool for large work.

    See :mod:`rollback_gate.results.pool`; inline waivers are collected from the same reads.
    """
    from rollback_gate.results import pool

    return pool.run(jobs, tree, analyse_one, results)


def analyse_one(
    name: str, m: Migration, source: Source
) -> tuple[list[Finding], list[Waiver | str]]:
    """One migration's findings and inline waivers, reading only through ``source``."""
    findings: list[Finding] = []
    waivers: list[Waiver | str] = []
    try:
        findings.extend(load(name).analyse(m, source))
    except Unreadable as exc:
        findings.append(_unanalysable(exc.path, exc.reason))
    except Exception as exc:  # never crash the gate on one odd file: fail closed
        findings.append(
            _unanalysable(m.path, f"the {name} analyser failed: {type(exc).__name__}: {exc}")
        )
    for path in m.files:
        with contextlib.suppress(Unreadable):
            waivers.extend(inline_waivers(path, source.read_text(path, lenient=True)))
    return findings, waivers


def _unanalysable(path: str, reason: str) -> Finding:
    return Finding(
        "RG205",
        f"{path} could not be analysed: {reason}",
        path=path,
        line=None,
        key=f"RG205:{path}",
        fix="fix the file so it parses, or waive it with a reason",
    )
