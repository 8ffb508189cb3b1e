"""RG220-RG224 on tables the previous release never writes, which one migration cannot see.

A constraint is an N−1 break where the previous release writes rows that may violate it.
Two kinds of table it never writes are told only from other migration files, so the engine
asks once per run, and only when some RG224 may be one of them:

* a **materialized view**: a unique index on one (``CREATE UNIQUE INDEX … ON
  "CollectiveTagStats"``, there so that ``REFRESH MATERIALIZED VIEW CONCURRENTLY`` works)
  constrains rows its query fills (opencollective-api, round H: four; Scenic's
  ``create_view :name, materialized: true``, content-data-api, round AQ: six). Which migration
  files create one: one ``git grep -l`` over the migration folders, or the files
  themselves without git;
* a table **created in the same version**: files in a folder named for a version
  (``liquibase/1.3.0/…``) ship in one release, whichever module's changelog holds them,
  so a foreign key one adds to a table another creates is on a new table (eclipse/kapua,
  round H: seven); so do files of one folder whose names start with the same timestamp
  (JHipster's entity and constraints changelogs: 21-points, round I: four). That holds
  for every N−1 rule: a column renamed, retyped or made required on such a table is no
  break either, nor a rename or type change of a column an earlier file of the release
  added (mystamps' ``version/0.4`` …, round L: ten). A column made NOT NULL that the
  release added stays RG222: the previous release never writes it. The files one commit
  added together are one release too (:func:`_commits`), whatever their names say (a
  Rails timestamp names one file: maybe's seven-file commit, round R).

A finding whose every occurrence is on such a table (or column) is dropped; of one whose
places are all in its file, only those occurrences go (the rest are grouped again).
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import bare, home, model_name, natural, undo, up_part
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.sqlengine.loss import closing
from rollback_gate.migrations.sqlengine.model import LIBRARY_TABLES, PLACEHOLDER
from rollback_gate.models import Finding, Severity
from rollback_gate.repo import MOST_TOGETHER

UNIQUE_INDEX = ":unique index"  # in the RG224 key (wording.key) of one
_NAME = r"((?:[\"`\[]?[\w$]+[\"`\]]?\.)?[\"`\[]?[\w$]+)"
_VIEW = lazyre.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    + _NAME
    # Scenic's Rails helper: `create_view :name, materialized: true` (content-data-api,
    # round AQ: six), `update_view`, `:materialized => { no_data: true }`
    + r"|\b(?:create|update|replace)_view\s*\(?\s*[:\"']?(\w+)[\"']?[^\n]*?"
    r"(?:\bmaterialized:|:materialized\s*=>)\s*(?:true|\{)",
    re.IGNORECASE,
)
# A table created: Liquibase ``<createTable tableName="t"`` (YAML/JSON ``createTable:
# tableName: t``) or SQL ``CREATE TABLE t``.
_CREATED = lazyre.compile(
    r"\bcreateTable\b[^>]*?\btableName[\"']?\s*[=:]\s*[\"']?([\w$.]+)"
    r"|\bCREATE\s+(?:GLOBAL\s+|LOCAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?" + _NAME,
    re.IGNORECASE,
)
# … or by a framework's call: Knex/Sequelize ``createTable("t"``, Rails ``create_table :t``,
# Alembic ``op.create_table("t"``, Laravel ``Schema::create("t"``, Ecto ``create
# table(:t)``, TypeORM ``new Table({ name: "t"``
_CREATED_BY_CALL = lazyre.compile(
    r"\b(?:createTable(?:IfNotExists)?|create_table)\s*\(?\s*[:\"'`]([\w$.]+)"
    r"|\bSchema::create\s*\(\s*[\"']([\w$.]+)"
    r"|\bcreate(?:_if_not_exists)?\s*\(?\s*table\(\s*[:\"']([\w$.]+)"
    r"|\bnew\s+Table\(\s*\{\s*name:\s*[\"'`]([\w$.]+)"
)
# A column added: Liquibase ``<addColumn tableName="t"> … <column name="c"`` (its block),
# SQL ``ALTER TABLE t ADD [COLUMN] c``.
_ADD_BLOCK = lazyre.compile(
    r"<addColumn\b[^>]*?\btableName=[\"']([\w$.]+)[\"'][^>]*>(.*?)</addColumn>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_COLUMN = lazyre.compile(r"<column\b[^>]*?\bname=[\"']([\w$]+)[\"']", re.IGNORECASE)
_SQL_ADD = lazyre.compile(
    r"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?" + _NAME
    + r"\s+ADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?[\"`\[]?([\w$]+)",
    re.IGNORECASE,
)  # fmt: skip
_NOT_COLUMN = frozenset({"constraint", "primary", "unique", "foreign", "check", "index", "key"})
# … or by a framework's call: Rails ``add_column :t, :c``, Alembic ``op.add_column("t",
# sa.Column("c"``, Sequelize ``addColumn("t", "c"``, TypeORM ``addColumn("t", new
# TableColumn({ name: "c"``
_CALL_ADD = lazyre.compile(
    r"\badd_column\s*\(?\s*[:\"']([\w$.]+)[\"']?\s*,\s*(?:[:\"']|(?:sa\.)?Column\s*\(\s*[\"'])([\w$]+)"
    r"|\baddColumn\s*\(\s*[\"'`]([\w$.]+)[\"'`]\s*,\s*"
    r"(?:[\"'`]([\w$]+)|new\s+TableColumn\s*\(\s*\{\s*name:\s*[\"'`]([\w$]+))"
)
# … or Laravel's ``Schema::table('t', function (Blueprint $table) { $table->string('c') …``
# (its block up to the next ``Schema::``), ``$table->addColumn('type', 'c')`` too
_LARAVEL_TABLE = lazyre.compile(r"\bSchema::(?:connection\([^)]*\)->)?table\s*\(\s*[\"']([\w$.]+)")
_LARAVEL_COLUMN = lazyre.compile(
    r"\$\w+\s*->(?:addColumn\s*\(\s*[\"'][\w ]+[\"']\s*,|(\w+)\s*\()\s*[\"']([\w$]+)[\"']"
)
_LARAVEL_NOT_ADDED = frozenset({
    "dropcolumn", "dropcolumns", "renamecolumn", "index", "unique", "primary", "foreign",
    "dropindex", "dropunique", "dropprimary", "dropforeign", "spatialindex", "fulltext",
    "dropfulltext", "dropspatialindex", "renameindex", "dropifexists", "drop", "rename",
    "comment", "engine", "charset", "collation", "dropconstrainedforeignid", "dropmorphs",
    "dropforeignidfor", "dropsoftdeletes", "droptimestamps", "dropremembertoken",
})  # fmt: skip
# A folder named for a version: 1.3.0, v2.1, 10.4.1; a file named from a timestamp to the
# second (14 digits) and a word.
_VERSION_FOLDER = lazyre.compile(r"^v?\d+(?:\.\d+)+$", re.IGNORECASE)
_TIMESTAMP = lazyre.compile(r"^(\d{14})_[A-Za-z]")


# An N−1 key names the target after its kind: ``RG224:constraint:<table>:<what>``,
# ``RG222:add_required:<table>.<column>:<type>`` (wording.key), inside a framework's own
# prefix and suffix for some (Liquibase's ``RG224:changeset:<author>:<id>:constraint:…``).
_KEYED = lazyre.compile(r":constraint:([^:]+):")
_COLUMN_KEYED = lazyre.compile(r":(?:add_required|set_required|rename_column|type_change):([^:]+):")
# (RG221's ``…:rename_table:<old>:<new>``: a table the release made, renamed again)
_TABLE_KEYED = lazyre.compile(r":rename_table:([^:]+):")
_N1 = ("RG220", "RG221", "RG222", "RG223", "RG224")


def table_of(key: str) -> str:
    """The table an RG224 key names, lower case, without schema ("" if none)."""
    m = _KEYED.search(key)
    return bare(m.group(1)) if m else ""


def target(key: str) -> tuple[str, str]:
    """``(table, column)`` an N−1 key names, lower case, without schema (column "" for a
    constraint; ``("", "")`` if none)."""
    if table := table_of(key):
        return table, ""
    if m := _TABLE_KEYED.search(key):
        return bare(m.group(1)), ""
    m = _COLUMN_KEYED.search(key)
    if m is None or "." not in m.group(1):
        return "", ""
    table, _, column = m.group(1).rpartition(".")
    return bare(table), column.lower()


def required_column(key: str) -> tuple[str, str] | None:
    """``(table, column)`` an RG222 key makes NOT NULL, a column added or an existing one
    (None for another kind)."""
    if ":add_required:" not in key and ":set_required:" not in key:
        return None
    table, column = target(key)
    return (table, column) if column else None


def one_file(ctx: Context, findings: Iterable[Finding], rule: str) -> Iterator[tuple[Finding, str]]:
    """Each ``rule`` finding whose places are all in its own file, with that file's text
    (unreadable files are left out: the finding stays)."""
    for f in findings:
        if f.rule != rule or not f.path or any(r.path != f.path for r in f.related):
            continue
        try:
            yield f, ctx.tree.read_text(f.path, lenient=True)
        except Unreadable:
            continue


def _all_on(f: Finding, on: Callable[[str], bool]) -> bool:
    return all(on(k) for k in (f.key, *(r.key for r in f.related)))


def _texts(ctx: Context, paths: Iterable[str], word: str) -> Iterator[str]:
    """The text of each readable file of ``paths`` that holds ``word`` (in any case)."""
    for path in paths:
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        if not word or word in text.lower():
            yield text


def _names(ctx: Context, paths: Iterable[str], pattern: re.Pattern[str], word: str) -> set[str]:
    """The names ``pattern`` captures in ``paths`` (files without ``word`` skipped)."""
    names: set[str] = set()
    for text in _texts(ctx, paths, word):
        names.update(bare(next(g for g in m.groups() if g)) for m in pattern.finditer(text))
    return names


def materialized_views(ctx: Context, folders: Iterable[str], files: Sequence[str]) -> set[str]:
    """Names (lower case, without schema) that a file under ``folders`` creates as a
    materialized view; ``files`` are read instead where git cannot say which hold one."""
    holding = ctx.git.files_with("materialized", folders) if ctx.git is not None else None
    return _names(ctx, files if holding is None else holding, _VIEW, "materialized")


def _release(path: str) -> str:
    """The release ``path`` ships in, as far as its name tells: its nearest version folder,
    else its folder and the timestamp its file name starts with (JHipster writes an
    entity's table and its constraints as ``20170725030037_added_entity_Points.xml`` and
    ``20170725030037_added_entity_constraints_Points.xml``: 21-points, round I); or ""."""
    folder, name = posixpath.split(path)
    found = next((p for p in reversed(folder.split("/")) if _VERSION_FOLDER.match(p)), "")
    if found:
        return found
    stamp = _TIMESTAMP.match(name)
    return f"{folder}/{stamp.group(1)}" if stamp else ""


_MOST_TOGETHER = MOST_TOGETHER  # (see :func:`_merged_branches` for a folder's later ones)


def _commits(ctx: Context, folders: Iterable[str], asked: Sequence[Finding]) -> dict[str, str]:
    """:func:`commit_releases`, asked only when a finding is in a file the change did not
    add (``scope: all``: the change's own files are one release already)."""
    if ctx.diff is not None and all(f.path in ctx.diff.changed for f in asked):
        return {}
    return commit_releases(ctx, folders)


def of_changed_scope(ctx: Context, paths: Iterable[str]) -> set[str]:
    """Of ``paths`` (files the change adds or edits), those under a migrations entry with
    ``scope: changed``: the change's own migrations, one release. Under ``scope: all`` the
    files added since an old base are many releases (codeharbor's audit against a 2021 tag:
    a default given in 2021 taken for one of the 2023 NOT NULL's own release, round BK)."""
    entries = [
        "" if (f := posixpath.normpath(e.path).strip("/")) in (".", "") else f + "/"
        for e in ctx.config.migrations or ()
        if e.scope == "changed"
    ]
    return {p for p in paths if any(p.startswith(e) for e in entries)}


def commit_releases(ctx: Context, folders: Iterable[str]) -> dict[str, str]:
    """``path → "commit:<sha>"`` for the migration files a commit added together with at
    most :data:`_MOST_TOGETHER - 1` others of their folder, but not with all of them (one
    ``git log`` for every folder, asked once per run); {} without git history (or on a
    shallow clone)."""
    if ctx.git is None:
        return {}
    key = "unwritten.commits:" + "\0".join(sorted(set(folders)))
    known: dict[str, str] | None = ctx.cache.get(key)
    if known is not None:
        return known
    ctx.cache[key] = known = _commit_releases(ctx, sorted(set(folders)))
    return known


def _commit_releases(ctx: Context, folders: Sequence[str]) -> dict[str, str]:
    assert ctx.git is not None
    every, was, deleted = origins_of(ctx, folders)

    prefixes = sorted(((f.rstrip("/") + "/", f) for f in folders), key=lambda pf: -len(pf[0]))
    by_folder: dict[str, dict[str, str]] = {}
    roots: dict[str, str] = {}  # a file's folder → its migration folder (one search each)
    for path, c in every.items():
        parent = path.rpartition("/")[0] + "/"
        home = roots.get(parent)
        if home is None:
            home = roots[parent] = next((f for p, f in prefixes if parent.startswith(p)), "")
        by_folder.setdefault(home, {})[path] = c
    # a commit that added every file of a folder imported its history (or started the
    # project, as the bundled examples do): not a release either
    together: set[tuple[str, str]] = set()
    whole: set[tuple[str, str]] = set()
    sizes = {folder: Counter(added.values()) for folder, added in by_folder.items()}
    for folder, added in by_folder.items():
        together |= {(folder, c) for c, n in sizes[folder].items()
                     if 1 < n <= _MOST_TOGETHER and n < len(added)}  # fmt: skip
        whole |= {(folder, c) for c, n in sizes[folder].items()
                  if 1 < n <= _MOST_TOGETHER and n == len(added)}  # fmt: skip
    together |= _new_folders(ctx, whole, by_folder, sizes)
    together |= _merged_branches(ctx, by_folder, sizes)
    together |= _django_apps(by_folder, sizes)
    together |= _flyway_locations(by_folder, sizes)
    # … nor one that moved them: the files it deleted elsewhere are the same (FitTrackee's
    # `fittrackee_api/migrations` made `fittrackee/migrations`, round K), nor one that
    # deleted a file beside them: it renamed files (mealie's `0341b154f79a_.py` given a
    # name where git could not follow the rename; round R)
    if not together:
        return {}
    more = ctx.git.deleted_in(sorted({c for _, c in together} - deleted.keys()))
    if more is None:
        return {}
    deleted = {**deleted, **more}
    homes: dict[str, set[str]] = {}  # (where each commit put the files, as it named them)
    for path, c in every.items():
        homes.setdefault(c, set()).add(was[path].rpartition("/")[0])
    # (a commit that deleted as many files beside them as it added renamed them; one that
    # added more wrote new migrations too, each told by its own name below: taskcafe's
    # eaffaa7 renamed two files `0012-…` → `0012_…` and added eight, round CD)
    added_by: Counter[str] = Counter(every.values())
    moved = {
        c for c, paths in deleted.items()
        if (beside := sum(p.rpartition("/")[0] in homes.get(c, ()) for p in paths))
        and beside >= added_by[c]
    }  # fmt: skip
    names = {c: {own_name(d) for d in paths} for c, paths in deleted.items()}
    return {
        p: f"commit:{c}" for folder, added in by_folder.items() for p, c in added.items()
        if (folder, c) in together and c not in moved
        and own_name(was[p]) not in names.get(c, set())
    }  # fmt: skip


def own_name(path: str) -> str:
    """What tells a migration file from the others: its base name, with the folder's where
    the folder is the migration and the file has the name every migration's has (Prisma's
    ``<stamp>_<name>/migration.sql``, Diesel's ``<date>_<name>/up.sql``). keyshade's
    squashed pull request added three migrations and renamed an old one's folder by
    mistake: one ``migration.sql`` deleted was taken for theirs, moved (round AE)."""
    folder, base = posixpath.split(path)
    parent = posixpath.basename(folder)
    return f"{parent}/{base}" if parent[:1].isdigit() else base


_DJANGO_FILE = lazyre.compile(r"^\d{4}_\w+\.py$")
_FLYWAY_FILE = lazyre.compile(r"^V\d+(?:[._]\d+)*__.+\.sql$")


def _django_apps(
    by_folder: dict[str, dict[str, str]], sizes: dict[str, Counter[str]]
) -> set[tuple[str, str]]:
    """``(folder, commit)`` for a commit that added migrations to several Django apps of
    one project (``<project>/<app>/migrations``, one database): a change that moves a
    model from one app to another writes a migration in each, one release (doccano moved
    ``api_rolemapping`` to the roles app, then renamed it there: round AD). Not where it
    added every migration of each app: an import."""
    projects = {
        f: posixpath.dirname(posixpath.dirname(f.rstrip("/")))
        for f, added in by_folder.items()
        if posixpath.basename(f.rstrip("/")) == "migrations"
        and any(_DJANGO_FILE.match(posixpath.basename(p)) for p in added)
    }
    return _one_database(projects, by_folder, sizes)


def _flyway_locations(
    by_folder: dict[str, dict[str, str]], sizes: dict[str, Counter[str]]
) -> set[tuple[str, str]]:
    """The same for Flyway's locations of one database: sibling folders of versioned files
    (``db/migration/common`` and ``db/migration/postgres``, one sequence that
    ``spring.flyway.locations`` joins). darts-api creates a table in ``common`` and draws
    its primary key in ``postgres`` in one commit: one release, so the table is new to
    the key (round AU, four RG224)."""
    parents = {
        f: posixpath.dirname(f.rstrip("/"))
        for f, added in by_folder.items()
        if any(_FLYWAY_FILE.match(posixpath.basename(p)) for p in added)
    }
    return _one_database(parents, by_folder, sizes)


def _one_database(
    homes: dict[str, str], by_folder: dict[str, dict[str, str]], sizes: dict[str, Counter[str]]
) -> set[tuple[str, str]]:
    """``(folder, commit)`` for a commit that added at most :data:`_MOST_TOGETHER` files to
    each of several folders ``homes`` puts together, but not every file of each."""
    groups: dict[tuple[str, str], list[str]] = {}
    for f, together in homes.items():
        for c, n in sizes[f].items():
            if n <= _MOST_TOGETHER:
                groups.setdefault((together, c), []).append(f)
    return {
        (f, c) for (_, c), fs in groups.items()
        if len(fs) > 1 and any(sizes[f][c] < len(by_folder[f]) for f in fs)
        for f in fs
    }  # fmt: skip


def _merged_branches(
    ctx: Context, by_folder: dict[str, dict[str, str]], sizes: dict[str, Counter[str]]
) -> set[tuple[str, str]]:
    """``(folder, commit)`` for a commit that added more than :data:`_MOST_TOGETHER` files
    to a folder that already had migrations: a branch squashed into one commit (ethernal's
    34-migration pull request, round Y) is one release, however many files it holds. The
    folder's first commit stays out: that is an import of a history that ran elsewhere, or
    the project's start; so does a commit that deleted half as many files as it added or
    more (a history moved here) or a squash of the history (a file of the folder, a schema
    dump). One ``git log --no-walk`` of the folders' commits and one ``git show`` of the large
    ones' deletions, asked only where such a commit is. ``sizes``: per folder, how many of
    its files each commit added."""
    assert ctx.git is not None
    big = {(folder, c) for folder, added in by_folder.items()
           for c, n in sizes[folder].items() if _MOST_TOGETHER < n < len(added)}  # fmt: skip
    if not big:
        return set()
    folders = {folder for folder, _ in big}
    times = ctx.git.commit_times({c for f in folders for c in by_folder[f].values()})
    first = {f: _first_commit(by_folder[f], times) for f in folders}
    # … nor a commit that moved a history here: it deleted about as many files as it added
    # (amplication's prisma folder moved to packages/amplication-prisma-db, round S), nor
    # one that deleted a squash of the history it brings back (a file of the folder, or a
    # schema dump: vito's "revert migration squash" deleting database/schema/, round T)
    deleted = ctx.git.deleted_in(sorted({c for _, c in big})) or {}
    return {
        (folder, c) for folder, c in big
        if c in times and c != first[folder]
        and 2 * len(deleted.get(c, ())) < sizes[folder][c]
        and not any(d.startswith(folder.rstrip("/") + "/") or _SCHEMA_DUMP.search(d)
                    for d in deleted.get(c, ()))
    }  # fmt: skip


def _outside_imports(
    ctx: Context, findings: list[Finding], asked: list[Finding], folders: Iterable[str]
) -> tuple[list[Finding], list[Finding]]:
    """``findings`` (and ``asked``) less the RG220-RG224 of migrations an imported history
    brought: the folder's first commit, when it added more than :data:`_MOST_TOGETHER`
    files, or a later one that added as many older files in place of a schema dump
    (:func:`_backfills`). No release of this repository ran them against an older schema: corda's 25
    changelogs of its Enterprise history, marked as run on every existing database
    (round AK: five), thunderdome's files replacing its schema.sql, wanderer's and
    usertour's first commits (round AG). A note says how many were left out. Only under
    ``scope: all``: a change's own files are one release."""
    # (a file the change only edited came with the import all the same: academico's
    # first commit, its files edited before the last tag the run is based on, round AW)
    added = _own_files(ctx, folders)
    mine = [f for f in asked if f.path not in added]
    imported = imported_histories(ctx, folders) if mine else {}
    gone = [f for f in mine if f.path in imported and all(r.path == f.path for r in f.related)]
    if not gone:
        return findings, asked
    shown = sorted({imported[f.path or ""] for f in gone})
    ctx.notes.append(
        f"{len(gone)} RG220-RG224 finding(s) not reported: their migrations came into "
        f"{', '.join(shown)} with an imported history of more than {_MOST_TOGETHER} files "
        "(the folder's first commit, or one that replaced a schema dump by them) that no "
        "earlier release of this repository ran"
    )
    out = {id(f) for f in gone}
    return [f for f in findings if id(f) not in out], [f for f in asked if id(f) not in out]


def _own_files(ctx: Context, folders: Iterable[str]) -> frozenset[str]:
    """The files the change adds that are its own release (:class:`OwnBase`): where its
    base is the last tag an audit fell back to, only those the commit right after the tag
    added. Later ones came in releases the tag never saw, an imported history among them
    (OpenHands' 74 enterprise migrations, one commit long after its last reachable tag,
    round BW: two)."""
    added = ctx.diff.added if ctx.diff else frozenset()
    own = OwnBase(ctx, sorted(set(folders)))
    return frozenset(p for p in added if own(p))


class OwnBase:
    """Whether the run's base is the release a migration replaces, asked before a verdict
    rests on the base's code naming a table nowhere. A pull request's base is; the last tag
    a history audit falls back to is only for the migrations its next commit added: one a
    later commit added ran after releases the tag never saw, whose code may have named the
    table (bluebottle's ``activities_contributor``, renamed from a model of a later release
    than the tag, round AS; Horreum's tables, round AW). One ``git log`` of the migration
    folders' origins (shared with the release grouping) and one of their commits' parents,
    asked only then."""

    def __init__(self, ctx: Context, folders: Sequence[str]) -> None:
        self._ctx, self._folders = ctx, folders
        self._origins: dict[str, str] = {}
        self._parents: dict[str, str] | None = None

    def __call__(self, path: str) -> bool:
        ctx = self._ctx
        if ctx.diff is None or ctx.git is None or not ctx.diff.how.startswith("last tag"):
            return True
        if self._parents is None:
            self._origins, _, _ = origins_of(ctx, self._folders)
            added = (self._origins[p] for p in ctx.diff.changed if p in self._origins)
            self._parents = ctx.git.first_parents_of(added)
        commit = self._origins.get(path)
        return commit is not None and self._parents.get(commit) == ctx.diff.base


def imported_histories(ctx: Context, folders: Iterable[str]) -> dict[str, str]:
    """``path → folder`` for the migration files the folder's first commit added, where it
    added more than :data:`_MOST_TOGETHER` (an imported history: :func:`_outside_imports`),
    and those a later commit brought behind the releases in place of a schema dump; asked
    once per run; {} without git history."""
    if ctx.git is None:
        return {}
    key = "unwritten.imported:" + "\0".join(sorted(set(folders)))
    found: dict[str, str] | None = ctx.cache.get(key)
    if found is not None:
        return found
    found = {}
    every, _, _ = origins_of(ctx, sorted(set(folders)))
    prefixes = sorted(((f.rstrip("/") + "/", f) for f in folders), key=lambda pf: -len(pf[0]))
    by_folder: dict[str, dict[str, str]] = {}
    # (the files the folder holds now: a scaffold's migration the import deleted is not
    # its first, gradcert's `create_things`, round CF)
    present = {p for f in folders for p in ctx.tree.under(f)}
    for path, c in every.items():
        if path not in present:
            continue
        home = next((f for p, f in prefixes if path.startswith(p)), None)
        if home is not None:
            by_folder.setdefault(home, {})[path] = c
    big = {f: added for f, added in by_folder.items() if len(added) > _MOST_TOGETHER}
    times = ctx.git.commit_times({c for added in big.values() for c in added.values()})
    firsts = {folder: _first_commit(added, times) for folder, added in big.items()}
    imports = {
        folder: [p for p, c in big[folder].items() if c == first]
        for folder, first in firsts.items()
    }
    imports = {f: brought for f, brought in imports.items() if len(brought) > _MOST_TOGETHER}
    later = _backfills(big, firsts, times)
    # not one that deleted files of the folder or of the names it added: it moved a
    # history here that git's log did not follow (credhub's "Split CredHub API into gradle
    # subprojects", round AK). (One that deleted a schema dump is an import: the dump was
    # the previous release's schema, thunderdome's schema.sql, round AK.)
    asked = sorted({firsts[f] for f in imports} | {c for c, _, _ in later})
    deleted = (ctx.git.deleted_in(asked) or {}) if asked else {}
    for c, folder, brought in later:
        # … and a later commit only where it deleted one: it brought the migrations that
        # make the schema the dump gave the releases before (ehealth.api's prm_repo, its
        # structure.sql replaced by thirty older migrations, round BM: seven)
        if any(_SCHEMA_DUMP.search(d) for d in deleted.get(c, ())):
            found.update(dict.fromkeys(brought, folder))
    for folder, brought in imports.items():
        gone = deleted.get(firsts[folder], set())
        if gone:  # (the names only where it deleted something: most imports delete nothing)
            names = {own_name(p) for p in brought}
            # (files of the folder itself deleted count where they are as many as half the
            # ones it added: a history renamed in place; gradcert's import of 439 deleted
            # the one scaffold migration the folder had, round CF)
            inside = sum(d.startswith(folder.rstrip("/") + "/") for d in gone)
            if 2 * inside >= len(brought) or any(own_name(d) in names for d in gone):
                continue
        # nor a merge of a repository's history, whose own commits added the files one by
        # one: its releases ran them (Obojobo's obojobo-express, merged in with its history
        # and moved under packages/, round BJ: three misses)
        bases = {posixpath.basename(p) for p in brought}
        if len(ctx.git.merged_history(firsts[folder], bases)) > 1:
            continue
        found.update(dict.fromkeys(brought, folder))
    ctx.cache[key] = found
    return found


def _backfills(
    big: dict[str, dict[str, str]], firsts: dict[str, str], times: dict[str, int]
) -> list[tuple[str, str, list[str]]]:
    """``(commit, folder, paths)`` for a commit after a folder's first that added more than
    :data:`_MOST_TOGETHER` of its files, every one named before the newest file the folder
    had already: a history brought in behind the releases, not one of them."""
    out = []
    for folder, added in big.items():
        by_commit: dict[str, list[str]] = {}
        for path, c in added.items():
            by_commit.setdefault(c, []).append(path)
        for c, brought in by_commit.items():
            if c == firsts[folder] or len(brought) <= _MOST_TOGETHER:
                continue
            before = [
                posixpath.basename(p) for p, d in added.items() if times.get(d, 0) < times.get(c, 0)
            ]
            if before and max(posixpath.basename(p) for p in brought) < max(before):
                out.append((c, folder, sorted(brought)))
    return out


def _first_commit(added: dict[str, str], times: dict[str, int]) -> str:
    """The commit that added the first of a folder's files (``added``: path → commit):
    the earliest by committer time; of commits of one second, as a rebase makes them, the
    one that added the earliest-named file."""
    earliest: dict[str, str] = {}
    for path, c in added.items():
        earliest[c] = min(earliest.get(c, path), path)
    return min(earliest, key=lambda c: (times.get(c, 0), earliest[c], c))


# a dump of the whole schema: Rails' db/schema.rb or structure.sql, Ecto's structure.sql,
# a schema.sql, Laravel's database/schema/<connection>-schema.sql (not any folder called
# schema: edgehog's squashed branch deleted backend/test/edgehog_web/schema/…, round AC)
_SCHEMA_DUMP = lazyre.compile(
    r"(?:^|/)(?:schema|structure)\.(?:rb|sql)$|(?:^|/)database/schema/[^/]+$", re.IGNORECASE
)


_MOST_MOVES = 3  # moves followed back, one git log each (linkwarden moved its folder twice)


def origins_of(
    ctx: Context, folders: Iterable[str]
) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """:func:`_origins` of the files under ``folders``, asked once per run: the release
    grouping here and the judges that read the previous release's models share it."""
    assert ctx.git is not None
    wanted = sorted(set(folders))
    key = "unwritten.origins:" + "\0".join(wanted)
    found: tuple[dict[str, str], dict[str, str], dict[str, set[str]]] | None = ctx.cache.get(key)
    if found is None:
        commits, names, deleted = _origins(ctx, _without_merged_histories(ctx, wanted))
        # a file a branch added ships with the merge that brought it to the main line;
        # one moved here since, with the merge that brought it under its first name
        # (tamanu's folder moved twice after branches had added a table and renamed it,
        # round AG)
        written = {p: c for p, c in commits.items() if names[p] == p}
        commits.update(ctx.git.merged_by(wanted, written))
        # a file no commit added but a merge (renumbered as a branch took the main line
        # in: akvo's 0151 and 0152, round AI) ships with the main line's commit that
        # brought it; git's log shows a merge's own additions only diffed with -m
        unseen = {p for f in wanted for p in ctx.tree.under(f)} - commits.keys()
        unseen -= ctx.tree.untracked  # (not committed yet: no commit brought them)
        if unseen:
            commits.update(_merged_in(ctx, wanted, unseen))
            names.update({p: p for p in commits.keys() - names.keys()})
        was = {names[p]: p for p in commits if names[p] != p}
        if was:
            away = sorted({posixpath.dirname(o) for o in was})
            moved = ctx.git.merged_by(away, {o: commits[p] for o, p in was.items()})
            commits.update({was[o]: c for o, c in moved.items()})
            # … or under the name it has now, where the branch moved it before its merge
            # (django-cms' migrations_django/ made migrations/ on develop: round AM)
            # (not a merge that brought the folder's every file: a fork taking in its
            # upstream's whole history, whose commits were releases of their own:
            # cherrypick, round U)
            later = {p: commits[p] for o, p in was.items() if o not in moved}
            merged = ctx.git.merged_by(wanted, later) if later else {}
            whole = _whole_folders(ctx, wanted, set(merged.values()))
            commits.update({p: c for p, c in merged.items() if (home(p, wanted), c) not in whole})
        ctx.cache[key] = found = commits, names, deleted
    return found


def _whole_folders(ctx: Context, folders: Sequence[str], commits: set[str]) -> set[tuple[str, str]]:
    """``(folder, commit)`` for each of ``commits`` whose main-line diff added every file
    the folder holds now."""
    assert ctx.git is not None
    if not commits:
        return set()
    brought = Counter(
        (home(p, folders), c) for p, c in ctx.git.mainline_added(folders).items() if c in commits
    )
    sizes = Counter(home(p, folders) for f in folders for p in ctx.tree.under(f))
    return {(f, c) for (f, c), n in brought.items() if f and n >= sizes[f]}


def _without_merged_histories(ctx: Context, folders: Sequence[str]) -> dict[str, str]:
    """:meth:`~rollback_gate.repo.GitRepo.added_by` less the files of a merge that itself
    added more than :data:`_MOST_TOGETHER` (a history imported in a merge: expertiza's
    2012 one); such files are left to :func:`_merged_in`, as files no commit added. A
    merge adding a few of its own (plusfraichemaville's branch, round CO) keeps them: the
    branch's release. One ``git log --no-walk``, only where a commit added that many."""
    assert ctx.git is not None
    every = ctx.git.added_by(folders) or {}
    large = {c for c, n in Counter(every.values()).items() if n > _MOST_TOGETHER}
    merges = ctx.git.merges(large) if large else set()
    return {p: c for p, c in every.items() if c not in merges} if merges else every


def _merged_in(ctx: Context, folders: Sequence[str], unseen: set[str]) -> dict[str, str]:
    """Of ``unseen`` (files no commit's log shows adding), those a merge of the main line
    brought with at most :data:`_MOST_TOGETHER` files of the folders, each → that merge.
    A commit of the line that is no merge, or brought more, is how git's simplified log
    hid an old history (expertiza's 2012 commit bringing 162): left alone."""
    assert ctx.git is not None
    brought = ctx.git.mainline_added(folders)
    found = {p: brought[p] for p in unseen if p in brought}
    sizes = Counter(brought.values())
    small = {c for c in set(found.values()) if sizes[c] <= _MOST_TOGETHER}
    merges = ctx.git.merges(small) if small else set()
    return {p: c for p, c in found.items() if c in merges}


def _origins(
    ctx: Context, every: dict[str, str]
) -> tuple[dict[str, str], dict[str, str], dict[str, set[str]]]:
    """``every`` (path → the commit that added it) with files a commit moved here from
    another folder (deleting a file of the same name there) given the commit that added
    them there, and what the commits asked deleted: karrot renamed its package
    ``foodsaving`` to ``karrot``, and the move was taken for the release that wrote them
    (round T); isomercms moved ``database/`` to ``src/database/`` and linkwarden its
    folder twice (round U). A file rewritten in another language in place, deleting the
    one of the same name but another extension (misskey's ``.ts`` made ``.js``), moved
    too. Commits that added several files are asked: one ``git show`` of their deletions
    per move followed back, one ``git log`` of the folders the files came from. Also
    returned: the path each file had in the commit now given for it (prefect's renamed
    ``d9d98a9ebb6f_…`` files, moved twice since, were renamed by a commit that is no
    release: that commit deleted their first names beside them)."""
    assert ctx.git is not None
    commits, names = dict(every), {p: p for p in every}
    deleted: dict[str, set[str]] = {}
    for _ in range(_MOST_MOVES):
        counts = Counter(commits.values())
        ask = sorted(c for c, n in counts.items() if n > 1 and c not in deleted)
        found = ctx.git.deleted_in(ask) if ask else {}
        if found is None:
            break
        deleted.update({c: found.get(c, set()) for c in ask})
        old_of = _moved_from(commits, names, deleted)
        if not old_of:
            break
        folders = sorted({posixpath.dirname(o) for o in old_of.values()})
        # (renames there followed back too: obico's 0003 renamed in web/app/migrations,
        # then moved with the folder to backend/, round AX)
        earlier = ctx.git.added_by(folders) or {}
        if any(o not in earlier for o in old_of.values()):
            # hidden from the first parents' history: looked for in every branch's
            full = ctx.git.added_by(folders, follow=False, full=True) or {}
            earlier = {**full, **earlier}
        earlier.update(_added_before_moves(ctx, commits, old_of, earlier))
        moved = {p: o for p, o in old_of.items() if earlier.get(o, commits[p]) != commits[p]}
        for p, o in moved.items():
            commits[p], names[p] = earlier[o], o
        # a first name no commit's log shows adding (a merge brought it: hypha's 0020, its
        # branch commit simplified away) keeps its commit, and its name for the main line's
        # merge that brought it (:func:`origins_of`)
        for p, o in old_of.items():
            if o not in earlier and p not in moved:
                names[p] = o
        if not moved:
            break
    return commits, names, deleted


def _added_before_moves(
    ctx: Context, commits: dict[str, str], old_of: dict[str, str], earlier: dict[str, str]
) -> dict[str, str]:
    """For a file's first name that a commit after its move added again (a folder moved
    away and back: scrumlr's ``initialize/`` made ``databaseinitialize/`` and back, round BX,
    whose renames were judged against the move's release), the commit that added that
    name before the move: one ``git log`` per such move."""
    assert ctx.git is not None
    late = {p: o for p, o in old_of.items() if o in earlier and earlier[o] != commits[p]}
    if not late:
        return {}
    times = ctx.git.commit_times({*commits.values(), *earlier.values()})
    asked: dict[str, set[str]] = {}
    for p, o in late.items():
        added, moved = times.get(earlier[o]), times.get(commits[p])
        if added is not None and moved is not None and added >= moved:
            asked.setdefault(commits[p], set()).add(o)
    found: dict[str, str] = {}
    for commit, names in sorted(asked.items()):
        found.update(ctx.git.added_before(commit, sorted(names)))
    return found


def _moved_from(
    commits: dict[str, str], names: dict[str, str], deleted: dict[str, set[str]]
) -> dict[str, str]:
    """path → the path its file had before the commit that added it moved it (or
    rewrote it in another language beside itself)."""
    out: dict[str, str] = {}
    index: dict[str, tuple[dict[str, list[str]], ...]] = {}
    for p, c in commits.items():
        gone = deleted.get(c)
        if not gone:
            continue
        if c not in index:
            by_name: dict[str, list[str]] = {}
            by_stem: dict[str, list[str]] = {}
            by_version: dict[str, list[str]] = {}
            for d in gone:
                base = posixpath.basename(d)
                by_name.setdefault(base, []).append(d)
                by_stem.setdefault(posixpath.splitext(base)[0], []).append(d)
                if v := _LEADING_VERSION.match(base):
                    by_version.setdefault(v.group(1), []).append(d)
            index[c] = by_name, by_stem, by_version
        by_name, by_stem, by_version = index[c]
        now = names[p]
        base, own = posixpath.basename(now), own_name(now)
        same = by_name.get(base, [])
        if own != base:
            # a name every migration has: its folder's name tells it apart (typebot moved
            # them all, round AB)
            same = [d for d in same if own_name(d) == own]
        if len(same) > 1:
            # a name every app's first migration has: the longest path it shares from the
            # end tells (hypha moved opentech/apply/projects/migrations/0001_initial.py
            # beside opentech/public/projects/…, round AM)
            same = _closest(now, same)
        if len(same) == 1 and posixpath.dirname(same[0]) != posixpath.dirname(now):
            out[p] = same[0]
            continue
        stem = [d for d in by_stem.get(posixpath.splitext(base)[0], []) if d != now]
        if not same and own == base and len(stem) == 1 and posixpath.splitext(base)[1]:
            out[p] = stem[0]
            continue
        single = _UP_OR_DOWN.sub(".sql", base)
        if not same and own == base and single != base and len(by_name.get(single, [])) == 1:
            # one file of both steps split in two as it moved (sql-migrate's or goose's
            # `0012_x.sql` made golang-migrate's `0012_x.up.sql` and `.down.sql`:
            # chirpstack-network-server, round CO)
            out[p] = by_name[single][0]
            continue
        if not same and own == base and (v := _LEADING_VERSION.match(base)):
            # renamed as it moved (Crownicles' 016-addMonsterDescription.ts, round AO): its
            # version, of the same kind of file, in the folder it shares most with
            kind = posixpath.splitext(base)[1]
            here = posixpath.dirname(now)
            versioned = [
                d for d in by_version.get(v.group(1), [])
                if posixpath.splitext(d)[1] == kind and posixpath.dirname(d) != here
            ]  # fmt: skip
            if len(chosen := _closest_folder(now, versioned)) == 1:
                out[p] = chosen[0]
    return out


# a migration's version at the start of its name: ``016-…``, ``20240101120000_…``
_LEADING_VERSION = lazyre.compile(r"^(\d{3,})[-_.]")
_UP_OR_DOWN = lazyre.compile(r"\.(?:up|down)\.sql$", re.IGNORECASE)


def _closest_folder(path: str, candidates: list[str]) -> list[str]:
    """The one of ``candidates`` whose folder shares the most trailing parts with
    ``path``'s (two at least: ``game/migrations``), or none where no one folder does, or
    it holds two of them."""
    if not candidates:
        return []
    in_folder: dict[str, list[str]] = {}
    for c in candidates:  # (a name of its own to each folder: only the folders compared)
        in_folder.setdefault(posixpath.dirname(c) + "/-", []).append(c)
    chosen = _closest(posixpath.dirname(path) + "/-", list(in_folder))
    return in_folder[chosen[0]] if len(chosen) == 1 else []


def _closest(path: str, candidates: list[str]) -> list[str]:
    """Those of ``candidates`` that share the most trailing path parts with ``path`` (more
    than the name and its folder), or none where no one shares more than the others."""

    def shared(other: str) -> int:
        a, b = path.split("/")[::-1], other.split("/")[::-1]
        return next(
            (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
        )

    scores = {c: shared(c) for c in candidates}
    best = max(scores.values())
    chosen = [c for c, n in scores.items() if n == best]
    return chosen if best > 2 and len(chosen) == 1 else []


def _new_folders(
    ctx: Context,
    whole: set[tuple[str, str]],
    by_folder: dict[str, dict[str, str]],
    sizes: dict[str, Counter[str]],
) -> set[tuple[str, str]]:
    """Of the commits that added every file of a folder (``whole``), and of each folder's
    first commit that added more than :data:`_MOST_TOGETHER` files, those that are a new
    folder in a repository that had migrations elsewhere before (a Django app added with
    its first migrations: karrot's meet and agreements, round T; Flowise's MariaDB folder,
    23 files, a new database's history at once, round AB), not the import of a history or
    the project's start: an earlier commit added files of another folder."""
    big = any(n > _MOST_TOGETHER for counts in sizes.values() for n in counts.values())
    if not (whole or big) or len(by_folder) < 2:
        return set()
    assert ctx.git is not None
    times = ctx.git.commit_times({c for added in by_folder.values() for c in added.values()})
    if not times:
        return set()
    # each folder's first commit (of those git tells the time of)
    opening = {
        folder: min(known, key=lambda c: (times[c], c))
        for folder, counts in sizes.items()
        if (known := [c for c in counts if c in times])
    }
    starts = whole | {(f, c) for f, c in opening.items() if sizes[f][c] > _MOST_TOGETHER}
    return {
        (folder, c) for folder, c in starts if c in times
        and any(times[o] < times[c] for f, o in opening.items() if f != folder)
    }  # fmt: skip


class _Unknown:
    """Whether a key's target is unknown to the previous release: on a table in
    ``tables`` (``schema.table`` where a schema is named: indico's ``oauth.tokens`` is not
    the ``users.tokens`` another file creates), or a column in ``columns``."""

    def __init__(self, tables: set[str], columns: set[str]) -> None:
        self.tables, self.columns = tables, columns

    def __call__(self, key: str) -> bool:
        table, column = target(key)
        if not table:
            return False
        if f"{table}.{column}" in self.columns:
            return True
        schema = schema_of(key)
        return any(
            t.rpartition(".")[2] == table and schema in ("", t.rpartition(".")[0] or schema)
            for t in self.tables
        )


def schema_of(key: str) -> str:
    """The schema an N−1 key's table is named with (lower case), or ""."""
    m = _KEYED.search(key)
    name = m.group(1) if m else ""
    if not m and (c := _COLUMN_KEYED.search(key)):
        name = c.group(1).rpartition(".")[0]
    parts = [p.strip('"`[]').lower() for p in name.split(".")]
    return parts[-2] if len(parts) >= 2 else ""


_SCHEMA_ARG = lazyre.compile(r"\bschema\s*[=:]\s*[\"']([\w$]+)")


def _created(ctx: Context, path: str) -> set[str]:
    """The tables ``path`` creates, ``schema.table`` where it names a schema (lower case);
    not one it dropped, renamed away or altered first (a rebuild in place: hydra's SQLite
    variant of a migration whose CockroachDB variant changes the same table, one commit)."""
    return {
        f"{schema}.{name}" if schema else name
        for text in _texts(ctx, [path], "create")
        for at, name, schema in _made_in(text)
        if not _existed(text[:at], name)
    }


def _made_in(text: str) -> Iterator[tuple[int, str, str]]:
    """``(offset, table, schema)`` of each table a migration's ``text`` creates (lower
    case; ``schema`` "" where it names none): SQL's ``CREATE TABLE`` and the DSLs' calls."""
    for m in _CREATED.finditer(text):
        parts = [p.strip('"`[]').lower() for p in next(g for g in m.groups() if g).split(".")]
        yield m.start(), parts[-1], parts[-2] if len(parts) > 1 else ""
    for m in _CREATED_BY_CALL.finditer(text):
        call = m.group(0)
        end = closing(text, m.start() + call.index("(") + 1) if "(" in call else None
        schema = _SCHEMA_ARG.search(text, m.end(), end) if end is not None else None
        yield (
            m.start(),
            bare(next(g for g in m.groups() if g)),
            schema.group(1).lower() if schema else "",
        )


# A table renamed to a new name: SQL ``ALTER TABLE a RENAME TO b``; Alembic and Rails
# ``rename_table(a, b)``, Knex/Sequelize/TypeORM ``renameTable(a, b)``, Laravel
# ``Schema::rename(a, b)``, Ecto ``rename table(:a), to: table(:b)``; Django
# ``AlterModelTable(…, table="b")``; Liquibase ``renameTable``.
_RENAMED_INTO = lazyre.compile(
    r"\bRENAME\s+TO\s+"
    + _NAME
    + r"|\b(?:rename_table|renameTable|Schema::rename)\s*\(?\s*[:\"'`][\w$.]+[\"'`]?\s*,"
    r"\s*[:\"'`]([\w$.]+)"
    r"|\bto:\s*table\(\s*[:\"']([\w$.]+)"
    r"|\bAlterModelTable\([^)]*?\btable\s*=\s*[\"']([\w$.]+)"
    # Liquibase's `<renameTable oldTableName="a" newTableName="b"/>` (YAML, JSON: `newTableName:
    # b`): aerogear's 1.1.0-Final renamed its tables, then set columns NOT NULL (round CF)
    r"|\bnewTableName[\"']?\s*[=:]\s*[\"']?([\w$.]+)",
    re.IGNORECASE,
)
# Django's ``RenameModel(old_name="RoleMapping", new_name="Member")``: ``<app>_member``
_RENAME_MODEL = lazyre.compile(r"\bRenameModel\([^)]*?\bnew_name\s*=\s*[\"'](\w+)[\"']")


_DEPENDENCY = lazyre.compile(r"\(\s*[\"'](\w+)[\"']\s*,\s*[\"']([\w.-]+)[\"']\s*\)")


def _ran_before(mate: str, path: str, depends: set[tuple[str, str]]) -> bool:
    """Whether migration ``mate`` runs before ``path``: earlier in the same folder, or, a
    Django migration of another app, among ``path``'s ``dependencies`` (``depends``)."""
    if posixpath.dirname(mate) == posixpath.dirname(path):
        return natural(mate) < natural(path)
    app = posixpath.basename(posixpath.dirname(posixpath.dirname(mate)))
    return (app, posixpath.basename(mate).removesuffix(".py")) in depends


def _dependencies(ctx: Context, path: str) -> set[tuple[str, str]]:
    """The ``(app, migration)`` pairs a Django migration's ``dependencies`` name."""
    return {
        (m.group(1), m.group(2))
        for text in _texts(ctx, [path], "dependencies")
        for m in _DEPENDENCY.finditer(text)
    }


# ``rename_table :a, :b`` (Rails, Alembic), ``renameTable('a', 'b')`` (Knex, Sequelize,
# TypeORM), ``Schema::rename('a', 'b')`` (Laravel), SQL's ``ALTER TABLE a RENAME TO b``
_RENAME_PAIR = lazyre.compile(
    r"\b(?:rename_table|renameTable|Schema::rename)\s*\(?\s*[:\"'`]([\w$.]+)[\"'`]?\s*,"
    r"\s*[:\"'`]([\w$.]+)"
    rf"|\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?{_NAME}\s+RENAME\s+TO\s+{_NAME}",
    re.IGNORECASE,
)


def _renames_in(ctx: Context, path: str) -> list[tuple[str, str]]:
    """``(old, new)`` of each table ``path``'s up step renames (lower case, no schema)."""
    out = []
    for text in _texts(ctx, [path], "rename"):
        for m in _RENAME_PAIR.finditer(up_part(text)):
            old, new = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            out.append((bare(old), bare(new)))
    return out


def _renamed_into(ctx: Context, path: str) -> set[str]:
    """The names ``path`` renames tables to (lower case, without a schema)."""
    out: set[str] = set()
    for text in _texts(ctx, [path], ""):
        low = text.lower()
        if "rename" in low or "altermodeltable" in low or "to: table(" in low:
            out |= {bare(next(g for g in m.groups() if g)) for m in _RENAMED_INTO.finditer(text)}
        if "renamemodel" in low:
            app = posixpath.basename(posixpath.dirname(posixpath.dirname(path)))
            out |= {f"{app}_{m.group(1)}".lower() for m in _RENAME_MODEL.finditer(text)}
    return out


_VARIANT = lazyre.compile(
    r"(?:\.(?:postgres(?:ql)?|pg|mysql|mariadb|sqlite3?|cockroach(?:db)?|mssql|sqlserver|oracle|h2))?"
    r"(?:[._](?:up|down))?\.sql$",
    re.IGNORECASE,
)


def _migration(path: str) -> str:
    """A file's migration, whatever database it is written for: its name without a
    dialect and direction suffix (hydra's ``…_key.cockroach.up.sql`` and ``…_key.up.sql``;
    DSpace's ``h2/V6.0_…sql`` and ``postgres/V6.0_…sql``)."""
    folder, name = posixpath.split(path)
    if name.lower() in ("migration.sql", "up.sql", "down.sql"):
        return posixpath.basename(folder)  # Prisma's `<timestamp>_<name>/migration.sql`
    return _VARIANT.sub("", name)


def _existed(before: str, table: str) -> bool:
    """Whether the text before a CREATE names ``table`` as one that was there already:
    dropped, renamed or altered (SQL), or dropped or renamed by a framework's call."""
    word = re.escape(table)
    return bool(
        re.search(
            rf"\b(?:DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?|ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?"
            rf"|RENAME\s+TABLE\s+|drop_table\s*\(?\s*|dropTable(?:IfExists)?\s*\(\s*"
            rf"|rename_table\s*\(?\s*|renameTable\s*\(\s*)(?:[\"'`\[:]?\w+[\"'`\]]?\.)?[\"'`\[:]?{word}\b",
            before,
            re.IGNORECASE,
        )
    )


def _added(ctx: Context, paths: Iterable[str]) -> set[str]:
    """``table.column`` (lower case, no schema) for each column ``paths`` add."""
    out: set[str] = set()
    for text in _texts(ctx, paths, ""):  # (a Laravel block need not say "add")
        for m in _ADD_BLOCK.finditer(text):
            out.update(f"{bare(m.group(1))}.{c.lower()}" for c in _BLOCK_COLUMN.findall(m.group(2)))
        for m in _SQL_ADD.finditer(text):
            if m.group(2).lower() not in _NOT_COLUMN:
                out.add(f"{bare(m.group(1))}.{m.group(2).lower()}")
        for m in _CALL_ADD.finditer(text):
            table = m.group(1) or m.group(3)
            column = m.group(2) or m.group(4) or m.group(5)
            out.add(f"{bare(table)}.{column.lower()}")
        blocks = list(_LARAVEL_TABLE.finditer(text))
        for n, m in enumerate(blocks):
            end = blocks[n + 1].start() if n + 1 < len(blocks) else len(text)
            down = _LARAVEL_DOWN.search(text, m.end(), end)
            for c in _LARAVEL_COLUMN.finditer(text, m.end(), down.start() if down else end):
                stop = text.find(";", c.end())
                if (c.group(1) or "addcolumn").lower() in _LARAVEL_NOT_ADDED or (
                    "->change(" in text[c.end() : stop if stop >= 0 else len(text)]
                ):
                    continue  # (``->change()`` alters a column the table had)
                out.add(f"{bare(m.group(1))}.{c.group(2).lower()}")
    return out


_LARAVEL_DOWN = lazyre.compile(r"function\s+down\s*\(")


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 on materialized views, and the RG220-RG224 on tables
    created in the same release (:func:`_release`; ``files``: every migration file of the
    run) or, for a rename or type change, on columns a file of it added; those on tables
    the previous release's code names nowhere at P3 (:func:`_unnamed_tables`)."""
    judged = _judge(ctx, _created_later(ctx, findings, folders, files), folders, files)
    return _rewritten(ctx, _unnamed_tables(ctx, judged, folders), folders)


def _created_later(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less each RG220-RG224 of an audit's older migration (or those of its
    occurrences) on a table that a migration running before it makes, but that the main
    line brought after it, where no migration file of the previous release names the
    table: that release had no such table (avoqado-server's ``CheckoutSession``, made by
    ``20251113200135``, committed minutes after ``20251114012207`` gave it a NOT NULL
    column; OpenSea-API's ``event_participants``: round CS). Asked only where such a
    maker is there (the main line's order, from git's first-parent history): one ``git
    grep -l`` of the previous release's migration folder per table."""
    if ctx.git is None or ctx.git.is_shallow():
        return findings
    roots = list(folders)
    changed = of_changed_scope(ctx, ctx.diff.added) if ctx.diff is not None else set()
    asked = [
        f for f in findings
        if f.rule in _N1 and f.path and f.path not in changed
        and any(target(o.key)[0] for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    commits, _, _ = origins_of(ctx, roots)
    steps = ctx.git.first_parent_steps()
    if not steps:
        return findings
    gone: dict[int, set[str]] = {}  # a finding → its tables the previous release never had
    made: dict[str, set[str]] = {}
    # (the files the main line brought, each with its folder, place and how far back)
    brought = [
        (p, home(p, roots), steps[commits[p]]) for p in files
        if commits.get(p, "") in steps
    ]  # fmt: skip
    for f in asked:
        path = f.path or ""
        mine = steps.get(commits.get(path, ""))
        if mine is None:
            continue
        root, place = home(path, roots), natural(path)
        later = [
            p for p, folder, back in brought
            if back < mine and folder == root and p != path and natural(p) < place
        ]  # fmt: skip
        tables = {target(o.key)[0] for o in occurrences(f)} - {""}
        for p in later:
            if p not in made:
                made[p] = {t.rpartition(".")[2] for t in _created(ctx, p)}
        release = f"{commits[path]}^"
        for table in tables & {t for p in later for t in made[p]}:
            if ctx.git.resolve(release) is None:
                break  # (a root commit: no release before it to ask; the finding stays)
            where = [f"{root}/**"] if root else ["**"]
            if not ctx.git.grep_files(release, table, where, fixed_any_case=True):
                gone.setdefault(id(f), set()).add(table)
    if not gone:
        return findings
    out: list[Finding] = []
    for f in findings:
        if id(f) not in gone:
            out.append(f)
            continue
        kept = [o for o in occurrences(f) if target(o.key)[0] not in gone[id(f)]]
        out += one_per_rule(kept) if kept else []
    return out


_REWRITTEN = (
    "the commit that brought it also rewrote {}, which creates the table, in place: the "
    "previous release's schema is not the one the folder shows now"
)


def _rewritten(ctx: Context, findings: list[Finding], folders: Iterable[str]) -> list[Finding]:
    """``findings`` with each RG220-RG224 of an audit's older migration at P3 where the
    commit bringing it also edited in place another migration file of its folder that
    makes the table, adding a name the finding's statement says, which the folder still
    holds (gitness rewrote ``0001_create_table_paths`` to add the columns its new ``0002``
    keyed: round BX, four): the files show the table as that commit left it, not as the
    release before it ran it. One ``git show`` of the commits' edits and one ``cat-file``
    of the edited files' two versions; a change's own migrations are RG204's."""
    if ctx.git is None:
        return findings
    roots = list(folders)
    changed = of_changed_scope(ctx, ctx.diff.added) if ctx.diff is not None else set()
    asked = [
        f for f in findings
        if f.rule in _N1 and f.severity is not Severity.P3 and f.path
        and f.path not in changed and target(f.key)[0]
    ]  # fmt: skip
    if not asked:
        return findings
    commits, names, _ = origins_of(ctx, roots)
    # (the folder the file was in when that commit brought it: gitness' moved since)
    were = {f.path: names.get(f.path, f.path) for f in asked if f.path and f.path in commits}
    releases = sorted({commits[p] for p in were})
    folders_then = sorted({posixpath.dirname(w) for w in were.values()})
    edited = ctx.git.modified_in(releases, folders_then) if releases else None
    if not edited:
        return findings
    mine: dict[int, list[str]] = {}
    for f in asked:
        if (was := were.get(f.path or "")) is not None:
            mine[id(f)] = sorted(
                e for e in edited.get(commits[f.path or ""], ())
                if e != was and posixpath.dirname(e) == posixpath.dirname(was)
            )  # fmt: skip
    pairs = {(commits[f.path or ""], e) for f in asked for e in mine.get(id(f), ())}
    texts = ctx.git.read_at({*pairs, *((f"{c}^", e) for c, e in pairs)}, _MAKER_BYTES)

    @functools.cache
    def said_today(folder: str, table: str) -> frozenset[str]:
        # what the folder's files that make the table say today, under whatever names they
        # have now (gitness' `0001_create_table_paths` is `…_c_paths`): each folder read
        # once per table, however many findings ask
        out: set[str] = set()
        for held in ctx.tree.under(folder):
            try:
                text = ctx.tree.read_text(held, lenient=True)
            except Unreadable:
                continue
            if table in text.lower() and table in _tables_made(text):
                out |= _words_of(_schema_text(text))
        return frozenset(out)

    def remade(release: str, path: str, table: str, said: set[str], folder: str) -> bool:
        # (the edit gave the table a name the finding's statement says: gitness' `0001`
        # the columns `0002` keys; not an edit of the class's name, pet-rescue's, nor of
        # method signatures, larastreamers' Laravel Shift, nor one that took a key off
        # the table, gitness' postgres `principals`, whose new key is still stricter; and
        # the folder still says it: teslamate undid such an edit later, round BZ)
        now, before = texts.get((release, path), ""), texts.get((f"{release}^", path), "")
        new = _words_of(_schema_text(now)) - _words_of(_schema_text(before))
        named = new & said
        if not (named and table in _tables_made(now)):
            return False
        return bool(named & said_today(folder, table))

    lowered: dict[int, Finding] = {}
    for f in asked:
        table = target(f.key)[0]
        release = commits.get(f.path or "", "")
        said = _statement_words(ctx, f)
        folder = posixpath.dirname(f.path or "")
        maker = next(
            (e for e in mine.get(id(f), ()) if remade(release, e, table, said, folder)), None
        )
        if maker is not None:
            why = f"{f.message} ({_REWRITTEN.format(maker)})"
            lowered[id(f)] = dataclasses.replace(f, severity=Severity.P3, message=why)
    return [lowered.get(id(f), f) for f in findings]


_MAKER_BYTES = 512 * 1024  # a migration file read to see what it creates
# lines that name or document a migration rather than change the schema: its class, its
# comments (SQL's, Ruby's and Python's, JS's)
_NOT_SCHEMA = lazyre.compile(
    r"^\s*(?:(?:export\s+)?(?:default\s+)?(?:public\s+)?class\s|#|--|//|/?\*).*$", re.MULTILINE
)


def _words_of(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _statement_words(ctx: Context, f: Finding) -> set[str]:
    """The names (lower case) the statements of ``f``'s places say, from each place's line
    to the end of its statement (a few lines at most); SQL's and the DSLs' own words
    aside."""
    out: set[str] = set()
    try:
        lines = ctx.tree.read_text(f.path or "", lenient=True).splitlines()
    except Unreadable:
        return out
    for line in {f.line or 0, *(r.line or 0 for r in f.related if r.path == f.path)}:
        for text in lines[max(line - 1, 0) : line - 1 + _STATEMENT_LINES]:
            out |= _words_of(text)
            if ";" in text:
                break
    return out - _STATEMENT_WORDS


_STATEMENT_LINES = 6
_STATEMENT_WORDS = frozenset(
    {"create", "unique", "index", "on", "alter", "table", "add", "column", "constraint",
     "not", "null", "default", "lower", "upper", "if", "exists", "where", "and", "or", "is",
     "set", "drop", "rename", "to", "primary", "key", "foreign", "references", "check",
     "schema", "t", "up", "down", "void", "function", "public", "return"}
)  # fmt: skip


def _schema_text(text: str) -> str:
    """A migration's text without the lines that do not change the schema, its blanks
    squeezed: two versions differ here only where an edit changed what it makes."""
    return " ".join(_NOT_SCHEMA.sub("", text).split())


def _tables_made(text: str) -> set[str]:
    """The tables (without schema, lower case) a migration file's ``text`` creates."""
    return {name for _, name, _ in _made_in(text)}


_TABLE_UNNAMED = (
    "the previous release's code names the table nowhere: it does not read or write it; "
    "code of another repository still may"
)
# what declares a table without using it: schema dumps, Prisma's schema
_DECLARING = ("**/schema.rb", "**/structure.sql", "**/schema.sql", "**/*.prisma")


def _spellings(
    table: str, django: bool = False, last_word: bool = True, past_label: bool = True
) -> set[str]:
    """How code may name ``table``: as itself, joined (``rdvaccount``), as its model class
    (``RdvAccount``), with ``past_label`` past an app label (Django's
    ``statistics_dailycount``) and, with ``last_word`` (Python's and Ruby's migrations), by
    its last word; with ``django``, a django-simple-history table's model too
    (``historicaltenurerelationship``: varfish's and cadasta's, which the after-maps of
    rounds BN and BO showed lost)."""
    names = {table, table.replace("_", ""), model_name(table).lower()}
    if "_" in table and past_label:
        rest = table.split("_", 1)[1]
        names |= {rest.replace("_", ""), model_name(rest).lower()}
    if "_" in table and last_word:
        # (the last word: a Django model past an app label with underscores, a Rails model
        # in a module, `CourseProfile::Models::Course` for course_profile_courses: tutor-
        # server, round BD; no other framework names a model so, and a last word such as
        # `log` is said everywhere: treetracker's entity_trust_log, round BY)
        last = table.rsplit("_", 1)[1]
        names |= {last, model_name(last).lower()}
        if django:
            names.add(last.removeprefix("historical"))
    return {n for n in names if n}


def _unnamed_tables(ctx: Context, findings: list[Finding], folders: Iterable[str]) -> list[Finding]:
    """``findings`` with each RG222, RG223 and RG224 of a migration the change adds whose
    tables the code at the base (the previous release) names nowhere, in any spelling
    (:func:`_spellings`), migration folders and schema files aside, at P3: that release
    neither reads nor writes them (hmpps-workload's legacy tables, round BS: three;
    coop-mediation-numerique's ``rdv_accounts``, round BR: two); nothing without git. Not
    for older files of a ``scope: all`` audit: asked of each one's own release within the
    audit's reading budget (as :mod:`rollback_gate.checks.renamed` asks renames), it
    lowered two judged false positives of rounds BB-BW and doubled a small audit's time
    (moic's 0.8 s against 1.7 s)."""
    mine = ctx.diff.added if ctx.diff else frozenset()
    tables: dict[int, set[str]] = {}
    columns: dict[int, set[str]] = {}
    for f in findings:
        if f.rule not in _UNNAMED_RULES or f.severity is Severity.P3 or f.path not in mine:
            continue
        if ENGINE_FILE.search(f.path or ""):
            continue  # a Rails engine's migration (`….active_storage.rb`): its gem's table
        named = {target(o.key)[0] for o in occurrences(f)}
        # (and its columns: code that names one uses the table under a name it derives,
        # a JPA join table: eperusteet's laajaalalaisetosaamiset_id, round BI)
        columns[id(f)] = {c for o in occurrences(f) if (c := target(o.key)[1])}
        if named and all(_PLAIN_TABLE.fullmatch(t) and not t.startswith(FRAMEWORK_TABLES)
                         and PLACEHOLDER not in t for t in named):  # fmt: skip
            # (not a table named at run time: neutron-lbaas' `{table}`, round BP, an Ecto
            # loop's `#{table}`, round CQ; nor one a framework's own code uses: bookmove's
            # active_storage_blobs, round BL)
            tables[id(f)] = named
    if not tables or ctx.git is None:
        return findings
    roots = list(folders)
    outside = [*(f"{root.rstrip('/')}/**" for root in roots), *_DECLARING]
    asked = [f for f in findings if id(f) in tables]
    releases = releases_of(ctx, asked, roots)
    by_rev: dict[str, list[Finding]] = {}
    for f in asked:
        if (rev := releases.get(f.path or "")) is not None:
            by_rev.setdefault(rev, []).append(f)
    names = {id(f): _names_of(f, tables, columns) for f in asked}
    lowered: dict[int, Finding] = {}
    for rev, those in by_rev.items():
        words = {w for f in those for spelt in names[id(f)] for w in spelt}
        if ctx.git.resolve(rev) is None:
            continue
        said = {w.lower() for _, _, text in ctx.git.grep_lines(rev, words, outside)
                for w in _WORD.findall(text)}  # fmt: skip
        # (a release whose tree holds none of the folder's migrations was no release of
        # this app: DIGIT-OSS's history came in by one merge of its initial import, whose
        # first parent held a README, round BK)
        held = {
            root
            for root in {home(f.path or "", roots) for f in those}
            if ctx.git.try_run("ls-tree", "--name-only", rev, "--", f":(top){ctx.git.prefix}{root}")
        }
        for f in those:
            if home(f.path or "", roots) not in held:
                continue
            if not any(spelt & said for spelt in names[id(f)]):
                why = f"{f.message} ({_TABLE_UNNAMED})"
                lowered[id(f)] = dataclasses.replace(f, severity=Severity.P3, message=why)
    return [lowered.get(id(f), f) for f in findings]


def _names_of(
    f: Finding, tables: dict[int, set[str]], columns: dict[int, set[str]]
) -> list[set[str]]:
    """The spellings of each table and column a finding names; of an Ecto migration's, the
    table's name alone: Ecto writes a table only by it (a schema's `schema "centres"`, a
    `join_through:`, an `insert_all`), so neither `centre` nor a column's word elsewhere
    is a use (db-service, round CQ)."""
    if (f.path or "").endswith(".exs"):
        return [{t.rpartition(".")[2]} for t in tables[id(f)]]
    spelt = [_spellings(t, _py(f), (f.path or "").endswith(_LAST_WORD)) for t in tables[id(f)]]
    for c in columns.get(id(f), ()):
        if "_" not in c.strip("_") or c in _EVERY_TABLE_S:
            continue  # (a word every table may have says nothing: `id`, `name`, `created_at`)
        bare_column = c.removesuffix("_id")
        spelt.append({c, c.replace("_", ""), bare_column, bare_column.replace("_", "")} - {""})
    return spelt


_EVERY_TABLE_S = frozenset({"created_at", "updated_at", "deleted_at", "created_by", "updated_by",
                            "user_id", "tenant_id", "owner_id"})  # fmt: skip


_LAST_WORD = (".py", ".rb")  # migrations whose models may be named by a table's last word


def _py(f: Finding) -> bool:
    return (f.path or "").endswith(".py")


_UNNAMED_RULES = frozenset({"RG222", "RG223", "RG224"})
_WORD = lazyre.compile(r"[A-Za-z0-9_$]+")
_PLAIN_TABLE = lazyre.compile(r"[a-z_][a-z0-9_$]*")
ENGINE_FILE = lazyre.compile(r"\.\w+\.rb$")
"""A Rails engine's migration (``….active_storage.rb``): its tables are its gem's."""
FRAMEWORK_TABLES = (*LIBRARY_TABLES, "delayed_job", "django_", "auth_", "que_", "flipper_")
"""Prefixes of the tables the frameworks' and their common libraries' own code reads and
writes, which the application's code never names."""


def _judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    asked = [f for f in findings if f.rule in _N1]
    if not asked:
        return findings
    findings, asked = _outside_imports(ctx, findings, asked, folders)
    if not asked:
        return findings
    drop: set[int] = set()
    if any(UNIQUE_INDEX in f.key for f in asked):
        views = materialized_views(ctx, folders, files)

        def on_view(o: Finding) -> bool:
            return UNIQUE_INDEX in o.key and table_of(o.key) in views

        # the keys on views go; a finding of a table's key too keeps that one
        # (content-data-api's file of two views' keys and a table's, round AQ)
        off_views = {
            id(f): one_per_rule([o for o in occurrences(f) if not on_view(o)])
            for f in asked
            if any(on_view(o) for o in occurrences(f))
        }
        findings = [g for f in findings for g in off_views.get(id(f), [f])]
        asked = [g for f in asked for g in off_views.get(id(f), [f])]
    commits = _commits(ctx, folders, asked)

    def releases_of(path: str) -> set[str]:
        """The releases ``path`` ships in: the one its name tells and the one its commit
        does (a Rails file's timestamp names a release of one file; the commit that added
        it with six others is the release: maybe's ``api_keys``, round R)."""
        return {_release(path), commits.get(path, "")} - {""}

    releases = {r for f in asked for r in releases_of(f.path or "")}
    if not releases:
        return [f for f in findings if id(f) not in drop]
    by_release: dict[str, list[str]] = {}
    for path in files:
        for v in releases_of(path) & releases:
            by_release.setdefault(v, []).append(path)
    # per file: the finding's own file was judged whole by its analyser (a table it drops
    # and creates again is no new one: bionic-gpt's rate_limits)
    created = {p: _created(ctx, p) for ps in by_release.values() for p in ps}
    added: dict[str, set[str]] = {}
    renamed: dict[str, set[str]] = {}
    depends: dict[str, set[tuple[str, str]]] = {}  # a Django migration's dependencies
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        # (a down file of the release creates what its up file drops: never run on deploy;
        # another database's variant of the same migration does what this one does)
        mates = {p for r in releases_of(f.path or "") for p in by_release.get(r, ())}
        others = [
            p for p in sorted(mates)
            if p != f.path and not undo(p) and _migration(p) != _migration(f.path or "")
        ]  # fmt: skip
        path = f.path or ""
        if path not in depends and any(
            posixpath.dirname(p) != posixpath.dirname(path) for p in others
        ):
            depends[path] = _dependencies(ctx, path)
        earlier = {p for p in others if _ran_before(p, path, depends.get(path, set()))}
        # (a table renamed away, RG221, is the previous release's unless a file that ran
        # before made one of that name: roadmap's later file creating a new `roles`)
        new = {
            t for p in others if f.rule != "RG221" or p in earlier for t in created[p]
        }  # fmt: skip
        # … and the names another file of the release renamed a table to: renamed again,
        # the first rename is the finding (doccano's api_rolemapping moved to the roles
        # app as roles_rolemapping, then renamed roles_member: round AD, four)
        # (one that ran before: a name a later file gives a table again is a swap, the
        # previous release's table renamed away: doccano's labels_relation, round AD)
        # (of one commit: a version folder's files are one release for the tables it
        # creates, but its renames of a table and then of that table's columns came in
        # separate deploys of dhis2's 2.41 development: each was a break then)
        for p in earlier:
            if commits.get(p) is not None and commits.get(p) == commits.get(path):
                if p not in renamed:
                    renamed[p] = _renamed_into(ctx, p)
                new |= renamed[p]
        # … and the name the finding's own file gives a table the release made (openstax
        # accounts' `signup_contact_infos`, made by the pull request's first migration and
        # renamed `signup_states` by its next, then given a NOT NULL column: round CL)
        if new and f.rule != "RG221":
            new |= {b for a, b in _renames_in(ctx, path) if a in new}
        columns: set[str] = set()
        if f.rule in ("RG220", "RG223"):
            # (not a file that runs after it: a column of the old name added again later,
            # empty, is no column the previous release ever had, and its rows' values are
            # under the new name: publish-teacher-training's `site.address3` renamed to
            # `town`, added again by the pull request's next migration, round BC)
            own_folder, own_place = posixpath.dirname(path), natural(path)
            for p in others:
                if posixpath.dirname(p) == own_folder and natural(p) > own_place:
                    continue
                if p not in added:
                    added[p] = _added(ctx, [p])
                columns |= added[p]
        unknown = _Unknown(new, columns)
        if _all_on(f, unknown):
            drop.add(id(f))
        elif f.related and all(r.path == f.path for r in f.related):
            # only the occurrences on the release's own tables go; the others, grouped again
            kept = [o for o in occurrences(f) if not unknown(o.key)]
            if len(kept) <= len(f.related):
                judged[id(f)] = one_per_rule(kept)
    return [g for f in findings if id(f) not in drop for g in judged.get(id(f), [f])]


def releases_of(ctx: Context, asked: Sequence[Finding], folders: Iterable[str]) -> dict[str, str]:
    """``path → the commit of the previous release`` for each asked file that git tells: the
    parent of the commit that added it, or that added it in another folder before a commit
    moved it here (appsemble's ``migrations/0.29.0.ts`` moved to ``migrations/main/`` by
    "resolve conflicts", whose parent already had the models the migration caught up with:
    round Z)."""
    assert ctx.git is not None
    paths = {f.path or "" for f in asked}
    out: dict[str, str] = {}
    if ctx.diff is not None:
        # (a `scope: all` entry judges a history: its base may be a tag of years ago, and
        # each file has its own previous release; cambiatus' timestamps, round AK)
        out = dict.fromkeys(of_changed_scope(ctx, paths & ctx.diff.added), ctx.diff.base)
    rest = paths - out.keys()
    if rest:
        commits, _, _ = origins_of(ctx, folders)
        out.update({p: f"{commits[p]}^" for p in rest if p in commits})
    return out
