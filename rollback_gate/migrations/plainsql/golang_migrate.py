"""golang-migrate: ``{version}_{title}.up.sql`` with a ``{version}_{title}.down.sql`` beside it
(also ``{version}.up.sql`` without a title, as tools with its layout name them).

The down file is the whole reversal: a missing one is RG200 (``migrate down`` fails on
that version), an empty or comment-only one is RG201 while the up file changes
something (``migrate down`` "succeeds" and leaves the schema as it was). Destructive
statements in the up file are RG203. Versions order numerically (``2`` before ``10``;
timestamps work the same). Files are grouped by their full stem, so tools that reuse
the naming with a dialect suffix (``0001_init.postgres.up.sql``) work too; an up file and
a down file alone under two titles of one version are paired, as golang-migrate does.
A ``{version}_{title}.sql`` file without ``.up``/``.down`` is one golang-migrate skips
without a word: RG205, so that a migration nobody runs, or a folder another tool migrates
(fider's 49 files, round AO), is not passed over in silence.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.base import (
    Framework,
    FrameworkBase,
    Migration,
    Source,
    VerifyMode,
    unanalysable,
)
from rollback_gate.migrations.plainsql.verdict import Part, verdict, version_key
from rollback_gate.models import Finding

# The title is optional: golang-migrate wants one, but tools with its layout do not
# (maragudk/migrate's `0157.up.sql`: harness, round T, 66 files that were never read)
# (and a SQL file named for its dialect, which golang-migrate runs as any other: its name's
# extension is free; transitland-lib's `.up.pgsql`, round BT)
_FILE = lazyre.compile(r"^(\d+)(?:_(.*))?\.(up|down)\.(sql|pgsql|psql)$", re.IGNORECASE)
# gobuffalo/pop (Ory) reuses the naming with a dialect infix: 0001_init.postgres.up.sql,
# falling back to the dialect-less 0001_init.down.sql for every dialect (Ory also marks
# non-transactional files with .autocommit.up.sql).
_DIALECTS = frozenset(
    {"postgres", "cockroach", "mysql", "sqlite", "sqlite3", "mssql", "autocommit"}
)


# a file named as a migration but without ``.up``/``.down``: golang-migrate skips it without
# a word (fider's 49 files from 2018 on, round AO: its own migrator runs them)
_STRAY = lazyre.compile(r"^(\d+)_(.+)\.sql$", re.IGNORECASE)


def _match(path: str) -> re.Match[str] | None:
    return _FILE.match(posixpath.basename(path))


def _stray(path: str) -> re.Match[str] | None:
    """A ``{version}_{title}.sql`` file golang-migrate never runs (not an up or down file)."""
    name = posixpath.basename(path)
    return None if _FILE.match(name) else _STRAY.match(name)


def _parts(path: str, m: re.Match[str]) -> tuple[str, str, str]:
    """``(stem without suffixes, suffixes or "", direction)`` of a matched file.

    The suffixes are the dialect and ``autocommit`` labels, dot-joined (``cockroach``,
    ``cockroach.autocommit``).
    """
    stem = path[: -len(f".{m.group(3)}.{m.group(4)}")]
    labels: list[str] = []
    while True:
        base, _, last = stem.rpartition(".")
        if not (base and last.lower() in _DIALECTS and "_" in posixpath.basename(base)):
            break
        labels.insert(0, last.lower())
        stem = base
    return stem, ".".join(labels), m.group(3).lower()


def _pair_by_version(groups: dict[str, list[tuple[str, str, str]]]) -> None:
    """golang-migrate pairs an up and a down file by version, not by title: an up file
    alone under its title and a down file alone under another title, with the same version
    in the same folder, are one migration (ente's ``30_add_magic_metadata.up.sql`` and
    ``30_drop_magic_metadata.down.sql``). Merged into the up file's group, in place."""
    by_version: dict[tuple[str, str], list[str]] = {}
    for stem in groups:
        number = re.match(r"\d+", posixpath.basename(stem))
        if number is not None:
            key = (posixpath.dirname(stem), number.group().lstrip("0"))
            by_version.setdefault(key, []).append(stem)
    for stems in by_version.values():
        if len(stems) != 2:
            continue
        directions = [{d for d, _, _ in groups[s]} for s in stems]
        if {"up"} in directions and {"down"} in directions:
            up, down = stems if directions[0] == {"up"} else stems[::-1]
            groups[up].extend(groups.pop(down))


class GolangMigrate(FrameworkBase):
    """The ``golang-migrate`` analyser."""

    name = "golang-migrate"
    verify: VerifyMode | None = "sql"

    def sql_pair(self, migration: Migration, source: Source) -> tuple[str, str | None]:
        """The up SQL and the down SQL (None when there is no down file) of ``migration``.

        For a migration with dialect variants (``.postgres.up.sql``), the first variant.
        """
        pairs = _pairs(migration)
        if not pairs:
            raise ValueError(f"{migration.path}: golang-migrate never runs it (no up file)")
        up_path, down_path = pairs[0]
        up = source.read_text(up_path, lenient=True)
        return up, (source.read_text(down_path, lenient=True) if down_path else None)

    def detect(self, paths: Sequence[str], source: Source) -> int:
        return sum(1 for p in paths if (m := _match(p)) and m.group(3).lower() == "up")

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        groups: dict[str, list[tuple[str, str, str]]] = {}
        stray: list[Migration] = []
        for path in paths:
            m = _match(path)
            if m is not None:
                stem, dialect, direction = _parts(path, m)
                groups.setdefault(stem, []).append((direction, dialect, path))
            elif (other := _STRAY.match(posixpath.basename(path))) is not None:
                stray.append(Migration(self.name, other.group(1), other.group(2), path, (path,)))
        _pair_by_version(groups)
        # One folder per schema version, its files numbered within it (boundary's
        # `postgres/81/02_target_base_table_updates.up.sql`, round W): the folder's number
        # leads the version, `81.02`, so that the history sorts and `since:` compares as
        # that tool applies it
        versioned = {posixpath.dirname(stem) for stem in groups}
        by_folder = len(versioned) > 1 and all(posixpath.basename(d).isdigit() for d in versioned)
        migrations = []
        for stem, members in groups.items():
            version = _FILE.match(posixpath.basename(members[0][2]))
            assert version is not None
            # Up files first (dialect-less before dialects), then the down files.
            ordered = tuple(p for _, _, p in sorted(members, key=lambda x: (x[0] != "up", x[1])))
            title = posixpath.basename(stem)[len(version.group(1)) + 1 :]
            number = version.group(1)
            if by_folder:
                number = f"{posixpath.basename(posixpath.dirname(stem))}.{number}"
            migrations.append(Migration(self.name, number, title, ordered[0], ordered))
        return sorted([*migrations, *stray], key=lambda m: version_key(m.version, m.path))

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        pairs = _pairs(migration)
        if not pairs and _stray(migration.path):
            renamed = f"{migration.path[: -len('.sql')]}.up.sql"
            yield unanalysable(
                migration.path,
                "it is named as a migration, but golang-migrate never runs it: it runs "
                "`{version}_{title}.up.sql` and `.down.sql` files only",
                impact="this change never reaches a database that golang-migrate migrates, "
                "or the folder is migrated by another tool, whose rollback the gate does not "
                "judge",
                fix=f"rename it to {posixpath.basename(renamed)} (with a .down.sql beside it), or "
                "declare the framework that runs this folder's files",
                key=f"RG205:golang-migrate:{migration.version}:not-run",
            )
            return
        if not pairs:
            yield unanalysable(
                migration.path,
                f"migration {migration.version} has a down file but no up file",
                impact="golang-migrate refuses a version whose up file is missing",
                fix=f"restore the up file beside {migration.path} or delete the orphaned down file",
                key=f"RG205:golang-migrate:{migration.version}:orphan",
            )
            return
        seen: set[tuple[str, str | None, int | None, str]] = set()
        for up_path, down_path in pairs:
            up = Part(up_path, source.read_text(up_path, lenient=True))
            down = None
            if down_path is not None:
                down = Part(down_path, source.read_text(down_path, lenient=True))
            ext = up_path.rpartition(".")[2]
            expected = up_path[: -len(f".up.{ext}")] + f".down.{ext}"
            for finding in verdict(
                self.name,
                migration.version,
                up,
                down,
                missing=f"no down file ({posixpath.basename(expected)})",
                create_down=f"create {expected} with",
            ):
                # Dialect variants share one down file: report its problem once.
                ident = (finding.rule, finding.path, finding.line, finding.key)
                if ident not in seen:
                    seen.add(ident)
                    yield finding


def _pairs(migration: Migration) -> list[tuple[str, str | None]]:
    """``(up file, its down file or None)`` for every dialect variant of ``migration``."""
    ups: dict[str, str] = {}
    downs: dict[str, str] = {}
    for path in migration.files:
        m = _match(path)
        if m is not None:
            _, dialect, direction = _parts(path, m)
            (ups if direction == "up" else downs)[dialect] = path
    pairs = []
    for labels, up in ups.items():
        # x.cockroach.autocommit.up.sql falls back to x.cockroach.down.sql, then x.down.sql.
        parts = labels.split(".") if labels else []
        fallbacks = [".".join(parts[:k]) for k in range(len(parts), -1, -1)]
        pairs.append((up, next((downs[f] for f in fallbacks if f in downs), None)))
    return pairs


FRAMEWORK: Framework = GolangMigrate()
