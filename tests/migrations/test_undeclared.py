"""Finding migration folders by file name (RG206 and ``init``): the layouts of issue 10."""

from __future__ import annotations

import pytest

from rollback_gate.migrations.undeclared import migration_folders


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # version folders (Ghost / knex-migrator)
            [
                "ghost/core/core/server/data/migrations/versions/5.0/2022-05-01-10-00-a.js",
                "ghost/core/core/server/data/migrations/versions/5.1/2022-06-01-10-00-b.js",
                "ghost/core/core/server/data/migrations/utils/schema.js",
            ],
            [("ghost/core/core/server/data/migrations/versions", "javascript")],
        ),
        (  # one folder per dialect
            [
                "internal/db/migrations/postgres/001_init.sql",
                "internal/db/migrations/mysql/001_init.sql",
                "internal/db/migrations/sqlite/001_init.sql",
            ],
            [
                ("internal/db/migrations/mysql", "sql"),
                ("internal/db/migrations/postgres", "sql"),
                ("internal/db/migrations/sqlite", "sql"),
            ],
        ),
        (  # Liquibase in the modules of a multi-module build
            [
                "orders/src/main/resources/db/changelog/changes/001-init.xml",
                "orders/src/main/resources/db/changelog/master.yaml",
                "billing/src/main/resources/db/changelog/2024/01-x.yaml",
                "billing/src/test/resources/db/changelog/test.yaml",
            ],
            [
                ("billing/src/main/resources/db/changelog", "liquibase"),
                ("orders/src/main/resources/db/changelog", "liquibase"),
            ],
        ),
        (  # a master changelog anywhere under src/main/resources (openmrs-core)
            [
                "api/src/main/resources/liquibase-update-to-latest.xml",
                "api/src/main/resources/hibernate.cfg.xml",
                "api/src/main/resources/org/openmrs/liquibase/snapshots/x/liquibase-x-2.1.x.xml",
            ],
            [("api/src/main/resources", "liquibase")],
        ),
        (  # Prisma folders without timestamps
            ["prisma/migrations/01_init/migration.sql", "prisma/migrations/02_x/migration.sql"],
            [("prisma/migrations", "prisma")],
        ),
        (  # a TypeScript project keeping migrations under migration/
            ["src/database/migration/1700000000000-Init.ts"],
            [("src/database/migration", "javascript")],
        ),
        (  # a numbered stub alone is not a Django app; an initial migration is
            ["legacy/migrations/0001_warning.py", "shop/migrations/0001_initial.py"],
            [("shop/migrations", "django")],
        ),
    ],
)
def test_layouts_found(files: list[str], expected: list[tuple[str, str]]) -> None:
    assert migration_folders(files) == expected
