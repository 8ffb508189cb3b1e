"""Folder detection names registered frameworks only, from the registry's folder rules."""

from __future__ import annotations

import pytest

from rollback_gate.migrations import FRAMEWORKS
from rollback_gate.migrations.undeclared import migration_folders


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["app/db/migrate/20200101000000_a.rb"], [("app/db/migrate", ("rails",))]),
        (["svc/alembic/versions/ab12_x.py"], [("svc/alembic/versions", ("alembic",))]),
        (["svc/versions/ab12_x.py", "svc/env.py"], [("svc/versions", ("alembic",))]),
        (["svc/versions/ab12_x.py"], []),  # a versions/ folder that is not Alembic's
        (
            ["db/m/000001_a.up.sql", "db/m/000001_a.down.sql"],
            [("db/m", ("golang-migrate",))],
        ),
        (["db/migrations/00001_a.sql"], [("db/migrations", ("goose", "dbmate", "sql-migrate"))]),
        (
            ["api/migrations/20200101000000_a.js"],
            [("api/migrations", ("knex", "sequelize", "typeorm"))],
        ),
        (["p/migrations/20200101000000_a/migration.sql"], [("p/migrations", ("prisma",))]),
        (["vendor/x/db/migrate/1_a.rb", "tests/db/migrate/1_a.rb"], []),
    ],
)
def test_folders_and_frameworks(
    files: list[str], expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    assert migration_folders(files) == expected


def test_every_name_is_a_registry_key() -> None:
    every_rule = [rule for r in FRAMEWORKS.values() for rule in r.folders]
    assert every_rule, "the registry declares no folder rules"
    files = [
        "a/db/migrate/1_a.rb",
        "b/migrations/0001_a.py",
        "c/priv/repo/migrations/1_a.exs",
        "d/database/migrations/2020_01_01_000000_a.php",
        "e/sql/V1__a.sql",
        "f/db.changelog-master.xml",
        "g/migrations/20200101000000_a.ts",
        "h/migrations/1_a.sql",
    ]
    for _, names in migration_folders(files):
        assert set(names) <= set(FRAMEWORKS)
