"""Checklist item ``migrations``: is every database migration reversible?

The engine around the framework analysers (``rollback_gate/migrations/*``): it finds the
migrations of each declared entry (``framework: auto`` detects the framework), applies the
scope (``changed`` since the base, or ``all``) and ``since``, reports edits of migrations
that existed at the base (RG204), declared paths without migrations and migrations nobody
declared (RG206), turns unreadable files and analyser failures into RG205 (never a silent
pass), and collects inline waivers. Analysis runs on both cores when there is enough of it.
"""

from __future__ import annotations

import bisect
import contextlib
import importlib
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.config.model import MigrationEntry
from rollback_gate.migrations import FRAMEWORKS, load, release
from rollback_gate.migrations.base import Framework, Migration, Source, Unreadable, unanalysable
from rollback_gate.migrations.grouping import one_per_rule
from rollback_gate.migrations.inline import inline_waivers
from rollback_gate.migrations.undeclared import migration_folders
from rollback_gate.models import Finding, Waiver
from rollback_gate.tree import MAX_TEXT_BYTES, Tree

if TYPE_CHECKING:
    from rollback_gate.results.cache import ResultCache

_NUMERIC = lazyre.compile(r"^\d+(?:[._-]\d+)*")


@dataclass(frozen=True)
class Selected:
    """The migrations of one config entry, split by whether they are analysed."""

    framework: str
    migrations: tuple[Migration, ...]
    in_scope: tuple[Migration, ...]
    since: Since | None = None
    forward_only: bool = False  # reversal: forward-only (RG200-RG202 do not apply)


@dataclass(frozen=True)
class Since:
    """Which migration versions ``since:`` exempts, judged in the framework's own order.

    ``exempt`` holds the versions at or before ``since`` in the order ``discover`` gives
    (when ``since`` names a migration: a version, a name, or Django's ``app:0003`` tail);
    ``listed`` every version discovered. A version that is not listed (a migration deleted
    since the base) is compared by number when both are numbers. Anything else is not
    exempt: the gate fails closed.
    """

    value: str
    exempt: frozenset[str]
    listed: frozenset[str]
    matched: bool

    def covers(self, version: str) -> bool:
        if version in self.exempt:
            return True
        if self.matched and version in self.listed:
            return False
        key, number = _number(self.value), _number(version)
        return key is not None and number is not None and number <= key

    @classmethod
    def of(cls, migrations: Sequence[Migration], value: str) -> Since:
        versions = [m.version for m in migrations]
        for i, m in enumerate(migrations):
            if value in (m.version, m.name) or m.version.endswith(":" + value):
                return cls(value, frozenset(versions[: i + 1]), frozenset(versions), True)
        return cls(value, frozenset(), frozenset(versions), False)


def applies(ctx: Context) -> bool:
    return ctx.config.migrations is not None or bool(_found_folders(ctx))


def check(ctx: Context) -> Iterator[Finding]:
    entries = ctx.config.migrations or ()
    jobs: list[tuple[str, Migration]] = []
    releases: list[list[tuple[str, Migration]]] = []  # read together (:mod:`.release`)
    forward_only: set[str] = set()  # the files of forward-only entries' migrations
    judges_change: set[str] = set()  # the migrations of `scope: changed` entries
    added = ctx.diff.added if ctx.diff else None
    for entry in entries:
        chosen = selected(ctx)[entry.index]
        if isinstance(chosen, Finding):
            yield chosen
            yield from _edited(ctx, entry.path, None)  # deleting every migration is an edit too
            continue
        yield from _edited(ctx, entry.path, chosen)
        # The migrations a change adds are one release where the entry judges the change
        # (`scope: changed`); `scope: all` judges a history, whose base may be any tag
        # (ckan's newest reachable one is from 2012): there the files one commit added
        # together are (a few, not an imported history), and pop's split files.
        new = added if added is not None and entry.scope == "changed" else frozenset()
        # (not a changelog's changeSets: one file holds every release's, the commit that
        # added it was the first of them; checks.history.liquibase.samelog tells them
        # apart: RSAPI's migrations.xml came with three CSV files, round AH)
        by_commit = entry.scope == "all" and not load(chosen.framework).many_per_file
        commits = _commit_releases(ctx, entries) if by_commit else None
        together = release.groups(chosen.in_scope, new, commits)
        members = {i for group in together for i in group}
        releases.extend([(chosen.framework, chosen.in_scope[i]) for i in g] for g in together)
        jobs.extend(
            (chosen.framework, m) for i, m in enumerate(chosen.in_scope) if i not in members
        )
        if chosen.forward_only:
            forward_only.update(f for m in chosen.in_scope for f in m.files)
        if entry.scope == "changed":  # (`scope: all` judges each against its own release)
            judges_change.update(m.path for m in chosen.in_scope)
    findings, waivers = analyse_all(jobs, ctx.tree, ctx.results)
    for group in releases:
        more, notes = analyse_release(group, ctx.tree)
        findings += more
        waivers += notes
        jobs.extend(group)
    findings = _not_the_edits(ctx, findings, [(n, m) for n, m in jobs if m.path in judges_change])
    if forward_only:
        findings = [f for f in findings if not (f.rule in _DOWN_RULES and _of(f, forward_only))]
    folders = {e.path for e in entries} | {f for f, _ in _found_folders(ctx)}
    framework_of = {f: name for name, m in jobs for f in m.files}
    findings = _histories(ctx, findings, sorted({e.path for e in entries}), list(framework_of))
    if any(f.rule in ("RG203", "RG220", "RG221") for f in findings):  # drops and renames
        # whether the previous release still uses them (RG225; imported only then)
        from rollback_gate.checks import dropped

        findings = dropped.judge(ctx, findings, folders, framework_of)
    if any(f.rule in ("RG220", "RG221", "RG222", "RG223", "RG224") for f in findings):
        # (an audit's older renames, type changes and keys, against their own releases)
        from rollback_gate.checks import renamed, unbuilt

        # (the key reader, imported by name as the history judges are: it reads the
        # history, whose modules read this one)
        keys = importlib.import_module("rollback_gate.checks.history.redrawn").key_made
        findings = renamed.judge(ctx, findings, folders, framework_of, unbuilt.RailsUnmade(), keys)
    if any(f.rule in ("RG222", "RG224") for f in findings):
        # (… and an audit's NOT NULLs and keys on SQLAlchemy tables no code of theirs writes)
        from rollback_gate.checks import unbuilt

        findings = unbuilt.judge(ctx, findings, folders, framework_of)
    ctx.analysed["migrations"] = ctx.analysed.get("migrations", 0) + len(jobs)
    ctx.analysed["migration_files"] = ctx.analysed.get("migration_files", 0) + sum(
        len(m.files) for _, m in jobs
    )
    for w in waivers:
        if isinstance(w, Waiver):
            ctx.inline_waivers.append(w)
        else:
            ctx.notes.append(w)
    yield from findings
    declared = [e.path for e in entries]
    for folder, frameworks in _found_folders(ctx):
        if not any(
            folder == d or folder.startswith(d + "/") or d.startswith(folder + "/")
            for d in declared
        ):
            yield ctx.at_config(
                "RG206",
                f"{folder} holds {_either(frameworks)} migrations that no `migrations:` entry "
                "declares, so they are never checked",
                "migrations" if entries else "version",
                fix=f"add `- path: {folder}` under `migrations:`",
                key=f"RG206:undeclared:{folder}",
            )


def _commit_releases(ctx: Context, entries: Sequence[MigrationEntry]) -> dict[str, str] | None:
    """The migration files one commit added with a few others of their folder
    (:mod:`.unwritten`): one ``git log`` for every entry's folder, shared with the
    history judges."""
    if ctx.git is None:
        return None
    from rollback_gate.checks.history.unwritten import commit_releases

    return commit_releases(ctx, [e.path for e in entries])


_DOWN_RULES = frozenset({"RG200", "RG201", "RG202"})
"""What a down step is judged by: nothing to judge when rollbacks never run one."""


def _forward_only(ctx: Context, entry: MigrationEntry, name: str, reason: str | None) -> bool:
    """The entry's ``reversal`` mode (explicit, else the framework's default: forward-only
    for the ``reason`` its analyser gives, if any), noted."""
    where = f"migrations[{entry.index}] {entry.path} ({name})"
    if entry.reversal is not None:
        mode, why = entry.reversal, "set in the config"
    else:
        mode = "forward-only" if reason else "down"
        why = f"default: {reason}" if reason else "default"
    if mode == "forward-only":
        ctx.notes.append(
            f"{where}: reversal forward-only ({why}): down steps are not judged "
            "(RG200-RG202); data loss and the previous release's survival are"
        )
    else:
        ctx.notes.append(f"{where}: reversal down ({why})")
    return mode == "forward-only"


def _found_folders(ctx: Context) -> list[tuple[str, tuple[str, ...]]]:
    """The tree's migration folders by file name (``applies``, RG206, RG225), found once."""
    found: list[tuple[str, tuple[str, ...]]] | None = ctx.cache.get("migrations.folders")
    if found is None:
        found = migration_folders(ctx.tree.files)
        ctx.cache["migrations.folders"] = found
    return found


def _either(names: Sequence[str]) -> str:
    """``knex``, ``goose or dbmate``, ``knex, sequelize or typeorm``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


# the mark of a table a SQL file drops and makes again (steps.REBUILT, not imported here:
# a run whose results all come from the cache loads no analyser)
_REBUILT = ":rebuilt_table:"
# … and of a Liquibase finding an earlier changeSet of its changelog seemed to excuse
# (liquibase.compat.SAME_CHANGELOG, not imported here either)
_SAME_CHANGELOG = ":made by the changeSet at line "


def _histories(
    ctx: Context, findings: list[Finding], roots: list[str], files: list[str]
) -> list[Finding]:
    """``findings`` judged by what one file cannot see, the earlier migration files: each
    judge imported only when a finding of its rules is there (they cost start-up)."""
    if any(
        _REBUILT in k
        for f in findings
        if f.rule == "RG203"
        for k in (f.key, *(r.key for r in f.related))
    ):
        from rollback_gate.checks.history import rebuilt  # (tables a SQL file made again)

        findings = rebuilt.judge(ctx, findings, roots, files)
    if any(f.rule in ("RG220", "RG222", "RG223", "RG224") and f.path.endswith(".py")
           for f in findings if f.path):  # fmt: skip
        # (Django's db_table names; by name, as the judges below: the module asks this one
        # for the entries, so a static import would make a cycle)
        tables = importlib.import_module("rollback_gate.checks.history.remodelled").tables
        findings = tables(ctx, findings, roots)
    if any(_SAME_CHANGELOG in k for f in findings for k in (f.key, *(r.key for r in f.related))):
        from rollback_gate.checks.history.liquibase import samelog  # (many releases)

        findings = samelog.judge(ctx, findings, roots, files)
    for rules, name in (
        (set(), "nullable"),  # adds RG222/RG223 (judged by the others): any Rails/Laravel file
        ({"RG220", "RG221", "RG222", "RG223", "RG224"}, "unwritten"),
        ({"RG220", "RG221", "RG222", "RG223", "RG224"}, "railsguard"),
        ({"RG224"}, "redrawn"),
        ({"RG224"}, "rechecked"),
        ({"RG224"}, "rebound"),
        ({"RG224"}, "liquibase.guarded"),
        ({"RG224"}, "undone"),
        ({"RG222", "RG224"}, "validated"),
        ({"RG223", "RG224"}, "enums"),
        ({"RG223"}, "labelled"),  # (before ``retyped``, which drops the unsettled candidates)
        ({"RG223"}, "retyped"),
        ({"RG222"}, "prechecked"),
        ({"RG222"}, "domains"),
        ({"RG222"}, "remodelled"),
        ({"RG222"}, "restated"),
        ({"RG222", "RG224"}, "defaulted"),
        ({"RG222"}, "lenient"),
    ):
        if any(f.rule in rules for f in findings) or (
            not rules and any(p.endswith((".rb", ".php")) for p in files)
        ):
            judge = importlib.import_module(f"rollback_gate.checks.history.{name}").judge
            findings = judge(ctx, findings, roots, files)
    return findings


def _of(f: Finding, migrations: set[str]) -> bool:
    """Whether ``f`` belongs to one of these migrations (by its path or a related one)."""
    return f.path in migrations or any(r.path in migrations for r in f.related)


def selected(ctx: Context) -> list[Selected | Finding]:
    """Per entry, the discovered and in-scope migrations (or the RG206 finding), cached."""
    cached = ctx.cache.get("migrations.selected")
    if cached is None:
        cached = [_select(ctx, e.index) for e in ctx.config.migrations or ()]
        ctx.cache["migrations.selected"] = cached
    return cached


def entries_of(ctx: Context, frameworks: Iterable[str]) -> list[tuple[int, str]]:
    """``(index, folder prefix)`` of each entry whose migrations are of one of
    ``frameworks`` (the prefix ends in ``/``, empty for the repository's root)."""
    wanted = set(frameworks)
    return [
        (entry.index, "" if entry.path.strip("./") == "" else entry.path.rstrip("/") + "/")
        for entry, chosen in zip(ctx.config.migrations or (), selected(ctx), strict=False)
        if isinstance(chosen, Selected) and chosen.framework in wanted
    ]


def history(ctx: Context, index: int) -> list[Migration]:
    """Every migration of entry ``index`` in its framework's order, whatever its scope and
    ``since`` (the earlier files a history judge reads); [] for an entry with none."""
    key = f"migrations.history:{index}"
    if key not in ctx.cache:  # (asked by several judges in one run)
        chosen = selected(ctx)[index]
        entry = (ctx.config.migrations or ())[index]
        if not isinstance(chosen, Selected):
            found: list[Migration] = []
        elif entry.scope == "all" and chosen.since is None:
            found = list(chosen.migrations)
        else:
            framework = load(chosen.framework)
            found = _discover(ctx, chosen.framework, framework, _own_paths(ctx, index))
        ctx.cache[key] = found
    result: list[Migration] = ctx.cache[key]
    return result


def changed_migration_files(ctx: Context) -> list[str]:
    """Files of in-scope migrations that changed since the base (for RG210 and verify).

    Forward-only entries have no down steps to round-trip, so none of theirs."""
    if ctx.diff is None:
        return []
    changed = ctx.diff.changed
    return sorted(
        {
            f
            for s in selected(ctx)
            if isinstance(s, Selected) and not s.forward_only
            for m in s.in_scope
            for f in m.files
            if f in changed
        }
    )


def _own_paths(ctx: Context, index: int) -> list[str]:
    """The files under entry ``index``'s folder, less those under another entry's folder
    inside it: each file is that deeper entry's alone. ``migrations`` and
    ``migrations/archives`` both declared had every archived migration judged twice
    (opencollective-api, round AB: thirteen findings twice)."""
    entries = ctx.config.migrations or ()
    mine = entries[index].path.strip("/")
    inner = [
        e.path.strip("/") + "/"
        for e in entries
        if e.index != index
        and (mine in ("", ".") or e.path.strip("/").startswith(mine + "/"))
        and e.path.strip("/") not in ("", ".", mine)
    ]
    paths = ctx.tree.under(entries[index].path)
    return [p for p in paths if not p.startswith(tuple(inner))] if inner else paths


def _select(ctx: Context, index: int) -> Selected | Finding:
    entry = (ctx.config.migrations or ())[index]
    where = f"migrations[{index}].path"
    paths = _own_paths(ctx, index)
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
    if restrict and not looked_at and _named_like(ctx, name, paths):
        # Nothing of the entry changed (most pull requests): its analyser is not imported.
        fixed = not FRAMEWORKS[name].reversal_from_files
        reason = None if fixed else load(name).forward_only(paths)
        return Selected(name, (), (), None, _forward_only(ctx, entry, name, reason))
    framework = load(name)
    migrations = tuple(_discover(ctx, name, framework, looked_at)) if looked_at else ()
    if not migrations and not _holds_migrations(framework, paths, ctx.tree):
        return ctx.at_config(
            "RG206",
            f"{entry.path} holds no {name} migrations",
            where,
            key=f"RG206:none:{entry.path}",
        )
    since = Since.of(migrations, entry.since) if entry.since else None
    if since is not None:
        kept = tuple(m for m in migrations if not since.covers(m.version))
        if len(kept) == len(migrations) and not since.matched and _number(since.value) is None:
            ctx.notes.append(
                f"since: {since.value!r} matches no migration version; nothing exempted"
            )
        shared = [m for m in migrations if m.version == since.value]
        if len(shared) > 1:
            # (a version several migrations share exempts them all, those written after the
            # one meant too: sql-migrate's dated files had their year as version, round CR)
            ctx.notes.append(
                f"since: {since.value!r} is the version of {len(shared)} migrations of "
                f"{entry.path} ({shared[0].path}, {shared[-1].path} …): all of them are exempt"
            )
        migrations = kept
    if entry.scope == "all" or ctx.diff is None:
        in_scope = migrations
    else:
        changed = ctx.diff.changed - ctx.diff.moved
        in_scope = tuple(m for m in migrations if any(f in changed for f in m.files))
        moved = [
            m for m in migrations
            if m not in in_scope and any(f in ctx.diff.moved for f in m.files)
        ]  # fmt: skip
        if moved:
            ctx.notes.append(
                f"{entry.path}: {len(moved)} migration(s) whose files were only moved "
                "(renamed, content unchanged) are not judged as new"
            )
        if framework.many_per_file:
            in_scope = tuple(m for m in in_scope if _new_or_edited(ctx, framework, m))
    reason = framework.forward_only(paths)
    return Selected(name, migrations, in_scope, since, _forward_only(ctx, entry, name, reason))


def _named_like(ctx: Context, name: str, paths: Sequence[str]) -> bool:
    """Whether some of ``paths`` (sorted) sit in a folder whose file names are ``name``'s
    migrations' (:func:`_found_folders`): the folder holds migrations, no file read."""
    for folder, frameworks in _found_folders(ctx):
        if name in frameworks:
            at = bisect.bisect_left(paths, folder + "/")
            if at < len(paths) and paths[at].startswith(folder + "/"):
                return True
    return False


_VERSION_TOKEN = lazyre.compile(r"^[A-Za-z]?(\d[\d._-]*)")


def _related(paths: Sequence[str], changed: frozenset[str]) -> list[str]:
    """The changed files of a folder plus the files that make one migration with them.

    ``scope: changed`` needs only these, so a 10,000-migration folder is not discovered
    whole: siblings in the same folder sharing the version token (``000042_x.up.sql`` and
    ``.down.sql``; ``V42__x.sql`` and ``U42__x.sql``), or, for names without one (Prisma's
    ``<ts>_name/migration.sql`` and ``down.sql``, changelogs), the whole folder.
    """
    hits = [
        p for p in changed if (at := bisect.bisect_left(paths, p)) < len(paths) and paths[at] == p
    ]
    if not hits:
        return []
    wanted: set[tuple[str, str]] = set()
    for p in hits:
        folder, _, base = p.rpartition("/")
        m = _VERSION_TOKEN.match(base)
        wanted.add((folder, m.group(1) if m else ""))
    whole = {folder for folder, token in wanted if not token}
    tokens: dict[str, set[str]] = {}
    for folder, token in wanted:
        tokens.setdefault(folder, set()).add(token)
    # ``paths`` is sorted (Tree.under): a token's files are the runs that start with
    # ``folder/<token>`` or ``folder/<letter><token>``, found by bisection, not by a pass
    # over the folder's other 10,000 names
    found: set[str] = set()
    for folder, mine in tokens.items():
        if folder in whole:
            found.update(_run_of(paths, folder + "/", folder))
            continue
        for token in mine:
            for lead in ("", *_LETTERS):
                for p in _run_of(paths, f"{folder}/{lead}{token}", folder):
                    m = _VERSION_TOKEN.match(p.rpartition("/")[2])
                    if m is not None and m.group(1) in mine:
                        found.add(p)
    return sorted(found)


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _run_of(paths: Sequence[str], prefix: str, folder: str) -> Iterator[str]:
    """The files of ``folder`` itself (not of a folder inside it) in the run of sorted
    ``paths`` that start with ``prefix``."""
    for p in itertools.islice(paths, bisect.bisect_left(paths, prefix), None):
        if not p.startswith(prefix):
            return
        if p.rpartition("/")[0] == folder:
            yield p


def _discover(
    ctx: Context, name: str, framework: Framework, paths: Sequence[str]
) -> list[Migration]:
    """The folder's migrations; a warm cache keeps the lists that read files to make."""
    from rollback_gate.results import listing

    if ctx.results is None or name not in listing.KEPT:
        return framework.discover(paths, ctx.tree)
    per_file = cast("listing.PerFile", framework) if hasattr(framework, "file_fact") else None
    return listing.discover(ctx.results, name, paths, ctx.tree, framework.discover, per_file)


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
    now = framework.fingerprint(m, ctx.tree)
    return now is None or now != before[m.version]


def _base_fingerprints(ctx: Context, framework: Framework, path: str) -> dict[str, str | None]:
    """Version -> fingerprint of the migrations in ``path`` as it was at the base."""
    key = f"migrations.base:{path}"
    if key not in ctx.cache:
        source = _BaseSource(ctx, ctx.diff.base if ctx.diff else "HEAD")
        try:
            found = framework.discover([path], source) if source.exists(path) else []
            prints = {m.version: framework.fingerprint(m, source) for m in found}
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


def _number(version: str) -> tuple[int, ...] | None:
    """The numeric version as a tuple (``V1_2`` / ``1.2`` → (1, 2); a dated one,
    ``2026-01-13.0``, → (2026, 1, 13, 0)), or None."""
    tail = version.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
    m = _NUMERIC.match(tail.lstrip("VUvu"))
    return tuple(int(p) for p in re.split(r"[._-]", m.group())) if m else None


def _edited(ctx: Context, folder: str, chosen: Selected | None) -> Iterator[Finding]:
    """RG204 for base migrations modified, renamed or deleted (``chosen`` None: none left)."""
    if ctx.diff is None:
        return
    entry = next(e for e in ctx.config.migrations or () if e.path == folder)
    since = chosen.since if chosen else Since.of((), entry.since) if entry.since else None
    known = {f for m in chosen.migrations for f in m.files} if chosen else set()
    if chosen is not None:
        names = [chosen.framework]
    else:
        names = list(FRAMEWORKS) if entry.framework == "auto" else [entry.framework]
    for change in ctx.diff.changes:  # (an analyser is imported only for a change of its)
        old = change.old_path or change.path
        if change.status == "A" or not old.startswith(folder + "/"):
            continue
        if since is not None and _exempt(ctx, load(names[0]), old, change.status, since):
            continue
        if change.status == "M" and chosen and change.path in known:
            framework = load(names[0])
            if framework.many_per_file:
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


def _exempt(ctx: Context, framework: Framework, old: str, status: str, since: Since) -> bool:
    """Whether ``since`` exempts every migration the changed file ``old`` held at the base.

    The versions come from the framework (Prisma's folder, Liquibase's changeSet ids, an
    Alembic revision), not the file name; a file whose versions cannot be known (no git,
    not a migration at the base) is judged by its name's number, else not exempt.
    """
    if framework.many_per_file and status == "M":
        return False  # judged per migration by _edited_versions
    try:
        found = framework.discover([old], _BaseSource(ctx, ctx.diff.base if ctx.diff else "HEAD"))
    except Exception:  # an old file we cannot read: fall back to its name
        found = []
    if found:
        return all(since.covers(m.version) for m in found)
    number = _number(old.rsplit("/", 1)[-1])
    key = _number(since.value)
    return number is not None and key is not None and number <= key


def _edited_versions(
    ctx: Context, framework: Framework, chosen: Selected, path: str
) -> Iterator[Finding]:
    """RG204 per migration for files holding many (a Liquibase changelog that grew)."""
    before = _base_fingerprints(ctx, framework, path)
    now = {m.version: m for m in chosen.migrations if m.path == path}
    for version, print_before in before.items():
        if print_before is None:
            continue  # runOnChange / runAlways: meant to be edited
        if chosen.since is not None and chosen.since.covers(version):
            continue
        m = now.get(version)
        if m is None:
            what = "was removed"
        elif framework.fingerprint(m, ctx.tree) != print_before:
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


_PREVIOUS_RELEASE_RULES = frozenset({"RG220", "RG221", "RG222", "RG223", "RG224"})


def _not_the_edits(
    ctx: Context, findings: list[Finding], jobs: Sequence[tuple[str, Migration]]
) -> list[Finding]:
    """``findings`` less the RG220–RG224 of a migration of ``jobs`` (those of entries
    that judge the change) the base already held and the change edits (a comment, a
    header), where the base's version of the file gives the
    same finding: the previous release has already run against the schema that version
    made, so it is not the change's. RG204 reports the edit. (eveapi's copyright line,
    edited in 370 shipped migrations, brought 135 of them back: round AI.) A finding the
    edit changes (another column, one more statement) stays."""
    if ctx.diff is None or ctx.git is None:
        return findings
    was = {c.path: c.old_path or c.path for c in ctx.diff.changes if c.status in ("M", "R")}
    mine = {m.path for _, m in jobs}
    asked = {
        f.path
        for f in findings
        if f.rule in _PREVIOUS_RELEASE_RULES and f.path in was.keys() & mine
    }
    if not asked:
        return findings
    targets = [
        (name, m)
        for name, m in jobs
        if m.path in asked and not load(name).many_per_file  # (changeSets: _new_or_edited)
    ]
    edited = {f for _, m in targets for f in m.files if f in was}
    texts = ctx.git.read_many(ctx.diff.base, sorted({was[f] for f in edited}), MAX_TEXT_BYTES)
    source = _Overlay(ctx.tree, {f: texts[was[f]] for f in edited if was[f] in texts})
    before: set[tuple[str | None, str, str, tuple[str, ...]]] = set()
    for name, m in targets:
        if not all(f in source.before for f in m.files if f in was):
            continue  # not readable at the base: judged as it is
        old, _ = analyse_one(name, m, source)
        before.update(_same(f) for f in old if f.rule in _PREVIOUS_RELEASE_RULES)
    return [f for f in findings if f.rule not in _PREVIOUS_RELEASE_RULES or _same(f) not in before]


def _same(f: Finding) -> tuple[str | None, str, str, tuple[str, ...]]:
    """What one finding says, wherever its lines moved to."""
    return f.path, f.rule, f.message, tuple(sorted(r.message for r in f.related))


class _Overlay:
    """The tree, with some files as they were at the base (``before``)."""

    def __init__(self, tree: Tree, before: dict[str, str]) -> None:
        self.tree = tree  # (Ecto's history lists the folder through it)
        self.before = before

    def read_text(self, path: str, *, lenient: bool = False) -> str:
        if path in self.before:
            return self.before[path]
        return self.tree.read_text(path, lenient=lenient)

    def exists(self, path: str) -> bool:
        return path in self.before or self.tree.exists(path)

    def used(self, path: str) -> None:
        return None


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

    def used(self, path: str) -> None:
        return None


def analyse_all(
    jobs: Sequence[tuple[str, Migration]], tree: Tree, results: ResultCache | None = None
) -> tuple[list[Finding], list[Waiver | str]]:
    """Analyse (framework, migration) pairs: cached outcomes, then a pool for large work.

    See :mod:`rollback_gate.results.pool`; inline waivers are collected from the same reads.
    """
    from rollback_gate.results import pool

    return pool.run(jobs, tree, analyse_one, results)


def analyse_release(
    group: Sequence[tuple[str, Migration]], source: Source
) -> tuple[list[Finding], list[Waiver | str]]:
    """The migrations of one release, in order, each read with what the earlier ones did
    (:mod:`rollback_gate.migrations.release`). In this process and not cached: the verdict
    of each depends on the others, and releases are short."""
    found: list[list[Finding]] = []
    relaxed: list[set[str]] = []
    retyped: list[dict[str, tuple[str, str]]] = []
    did: list[release.Facts] = []
    waivers: list[Waiver | str] = []
    with release.reading(release.Release()) as within:
        for name, m in group:
            more, notes = analyse_one(name, m, source)
            found.append(more)
            # (what this one did: the SQL engine carries the earlier ones' frees on)
            done = within.now.relaxed | within.now.freed
            relaxed.append(done - within.before.relaxed - within.before.freed)
            retyped.append(dict(within.now.retyped))
            did.append(within.now)
            waivers += notes
            within.next()
    return release.undone(found, relaxed, retyped, release.dropped_for_good(did)), waivers


def analyse_one(
    name: str, m: Migration, source: Source
) -> tuple[list[Finding], list[Waiver | str]]:
    """One migration's findings and inline waivers, reading only through ``source``."""
    findings: list[Finding] = []
    waivers: list[Waiver | str] = []
    try:
        findings.extend(one_per_rule(list(load(name).analyse(m, source))))
    except Unreadable as exc:
        findings.append(unanalysable(exc.path, exc.reason))
    except Exception as exc:  # never crash the gate on one odd file: fail closed
        findings.append(
            unanalysable(m.path, f"the {name} analyser failed: {type(exc).__name__}: {exc}")
        )
    for path in m.files:
        with contextlib.suppress(Unreadable):
            waivers.extend(inline_waivers(path, source.read_text(path, lenient=True)))
    return findings, waivers
