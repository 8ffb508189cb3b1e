"""Prisma Migrate: ``migrations/<timestamp>_<name>/migration.sql``.

Prisma Migrate has no down migrations: it rolls forward. Its documented way back is a
``down.sql`` generated with ``prisma migrate diff`` and kept beside ``migration.sql``;
this analyser treats that file as the down step. So:

* no ``down.sql`` in the migration folder → RG200, with the exact ``prisma migrate diff``
  command in the fix;
* an empty ``down.sql`` while ``migration.sql`` changes something → RG201;
* destructive statements in ``migration.sql`` → RG203. Prisma's SQLite "redefine table"
  pattern (``INSERT INTO "new_T" SELECT … FROM "T"; DROP TABLE "T";``) copies the rows
  first and is not reported; Prisma's own ``-- DropColumn`` / ``-- DropTable`` are.

``migration_lock.toml`` and anything outside a ``<digits>_<name>`` folder are ignored.
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
from rollback_gate.migrations.plainsql.verdict import TwoFileSql, verdict, version_key
from rollback_gate.models import Finding

# (a name may be empty: `prisma migrate dev --name ""` writes `20240814125034_`, which
# Prisma runs like any other; mirlo's, round Q, was never analysed)
_FOLDER = lazyre.compile(r"^(\d+)_(.*)$")


def _folder(path: str) -> re.Match[str] | None:
    if posixpath.basename(path) != "migration.sql":
        return None
    return _FOLDER.match(posixpath.basename(posixpath.dirname(path)))


class Prisma(TwoFileSql):
    """The ``prisma`` analyser."""

    name = "prisma"

    def forward_only(self, paths: Sequence[str]) -> str | None:
        if any(posixpath.basename(p) == "down.sql" for p in paths):
            return None
        return "Prisma Migrate only rolls forward and the folder holds no down.sql"

    def label(self, migration: Migration) -> str:
        return posixpath.basename(posixpath.dirname(migration.path))  # the folder's name

    def detect(self, paths: Sequence[str], source: Source) -> int:
        return sum(1 for p in paths if _folder(p))

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        present = set(paths)
        migrations = []
        for path in paths:
            m = _folder(path)
            if m is None:
                continue
            down = posixpath.join(posixpath.dirname(path), "down.sql")
            files = (path, down) if down in present else (path,)
            migrations.append(Migration(self.name, m.group(1), m.group(2), path, files))
        return sorted(migrations, key=lambda m: version_key(m.version, m.path))

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        up, down = self.parts(migration, source)
        folder = posixpath.dirname(migration.path)
        yield from verdict(
            self.name,
            migration.version,
            up,
            down,
            missing="no down.sql beside migration.sql",
            create_down=f"before applying the migration, generate {folder}/down.sql with "
            "`npx prisma migrate diff --from-schema-datamodel prisma/schema.prisma "
            f"--to-schema-datasource prisma/schema.prisma --script > {folder}/down.sql`; "
            "it should contain",
            one_way="or, when rollbacks are done by restoring a backup or a forward fix "
            "(Prisma Migrate only rolls forward), declare `since:` for the migrations you "
            "accept as one-way, or waive RG200 with that reason",
        )


FRAMEWORK: Framework = Prisma()
