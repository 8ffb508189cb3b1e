"""Flyway: ``V<version>__<description>.sql``, undone by ``U<version>__<description>.sql``.

Versions use ``.`` or ``_`` between parts (``V1_2__x.sql`` is version 1.2) and compare
numerically part by part (``V1.10`` after ``V1.9``; ``V001`` is ``V1``), as Flyway does.
The undo file (Flyway Teams) is the down step, matched by version:

* no ``U`` file → RG200. Most Flyway repositories have none, because undo needs the Teams
  edition; the finding is still right — without one, rolling back means restoring a
  backup or writing a new forward migration — and the fix says how to settle it: write
  the U file, or declare ``since:`` / a waiver for the history you accept as one-way;
* an empty ``U`` file while ``V`` does something → RG201; a refusing one → RG202;
* destructive statements in ``V`` → RG203; unterminated quotes → RG205.

Not analysed: ``R__*.sql`` repeatable migrations (no version: Flyway re-applies them
whenever their checksum changes, so the previous release's file *is* their rollback),
and ``B<version>__*.sql`` baseline migrations (only applied to empty databases, never
on top of a live schema that a rollback would have to restore). ``${placeholders}``
are left as they are.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.base import (
    Framework,
    Migration,
    Source,
)
from rollback_gate.migrations.plainsql.verdict import TwoFileSql, verdict
from rollback_gate.models import Finding

# The description is optional: `V6.5.0.4.sql` is a versioned migration (dataverse has 32),
# and so is `V1_176__.sql`, its separator there and no description (harja's 961 of them,
# read as no migration before: round CF, a miss)
_FILE = lazyre.compile(r"^([VU])(\d+(?:[._]\d+)*)(?:__(.*))?\.sql$")
# With `sqlMigrationPrefix` set empty (`spring.flyway.sql-migration-prefix: ""`) a versioned
# migration is its version alone: `20220803121537__premises_tables.sql` (hmpps, round S).
# Read so only in a folder without a V… file: no other framework names files `<n>__x.sql`.
_BARE = lazyre.compile(r"^()(\d+(?:[._]\d+)*)__(.+)\.sql$")


def _matches(paths: Sequence[str]) -> list[tuple[str, re.Match[str]]]:
    """Each path with its name's match: ``V…``/``U…`` files, else prefix-less ones."""
    named = [(p, m) for p in paths if (m := _FILE.match(posixpath.basename(p)))]
    if any(m[1] == "V" for _, m in named):
        return named
    bare = [(p, m) for p in paths if (m := _BARE.match(posixpath.basename(p)))]
    return [*named, *bare]


def _key(version: str) -> tuple[int, ...]:
    parts = tuple(int(p) for p in re.split(r"[._]", version))
    # Trailing zero parts do not change a Flyway version: 1.0 == 1.
    while len(parts) > 1 and parts[-1] == 0:
        parts = parts[:-1]
    return parts


class Flyway(TwoFileSql):
    """The ``flyway`` analyser."""

    name = "flyway"

    def detect(self, paths: Sequence[str], source: Source) -> int:
        return sum(1 for _, m in _matches(paths) if m[1] != "U")

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        # Two files of one version (Flyway refuses to migrate then) are both read, not one
        # silently kept (kitodo's second 2.123 dropped a column still mapped: round S).
        versioned: dict[tuple[int, ...], list[tuple[str, str, str]]] = {}
        undo: dict[tuple[int, ...], str] = {}
        for path, m in _matches(paths):
            if m.group(1) != "U":
                entry = (m.group(2).replace("_", "."), m.group(3) or "", path)
                versioned.setdefault(_key(m.group(2)), []).append(entry)
            else:
                undo[_key(m.group(2))] = path
        migrations = []
        for key in sorted(versioned):
            for version, desc, path in sorted(versioned[key], key=lambda e: e[2]):
                files = (path, undo[key]) if key in undo else (path,)
                migrations.append(Migration(self.name, version, desc, path, files))
        return migrations

    def forward_only(self, paths: Sequence[str]) -> str | None:
        if any((m := _FILE.match(posixpath.basename(p))) and m[1] == "U" for p in paths):
            return None
        return "the folder holds no U…__ undo migration (Flyway rolls forward without them)"

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        up, down = self.parts(migration, source)
        folder = posixpath.dirname(migration.path)
        undo_path = posixpath.join(folder, "U" + posixpath.basename(migration.path)[1:])
        yield from verdict(
            self.name,
            migration.version,
            up,
            down,
            missing=f"no undo migration (U{migration.version}__…sql)",
            create_down=f"create {undo_path} (Flyway undo) with",
            one_way="or, when rollbacks are done by restoring a backup or a forward fix "
            "(Flyway without Teams has no undo), declare `since:` for the versions you "
            "accept as one-way, or waive RG200 with that reason",
        )


FRAMEWORK: Framework = Flyway()
