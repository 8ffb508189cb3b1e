"""Folder detection names registered frameworks only, from the registry's folder rules."""

from __future__ import annotations

import pytest

from rollback_gate.migrations import FRAMEWORKS
from rollback_gate.migrations.undeclared import migration_folders

_JS = ("knex", "db-migrate", "sequelize", "typeorm")  # the JS frameworks named alike


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["app/db/migrate/20200101000000_a.rb"], [("app/db/migrate", ("rails",))]),
        (  # Rails' multiple databases: `migrations_paths: db/primary_migrate` (identity-idp)
            ["db/primary_migrate/20210223011217_a.rb", "db/worker_jobs_migrate/20220101_b.rb"],
            [("db/primary_migrate", ("rails",)), ("db/worker_jobs_migrate", ("rails",))],
        ),
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
            [("api/migrations", _JS)],
        ),
        (["p/migrations/20200101000000_a/migration.sql"], [("p/migrations", ("prisma",))]),
        (["vendor/x/db/migrate/1_a.rb", "tests/db/migrate/1_a.rb"], []),
        (  # one Alembic versions folder per dialect (found in the held-out evaluation)
            [
                "srv/db/_migrations/env.py",
                "srv/db/_migrations/versions/postgresql/2023_01_01_a.py",
                "srv/db/_migrations/versions/sqlite/2023_01_01_a.py",
            ],
            [
                ("srv/db/_migrations/versions/postgresql", ("alembic",)),
                ("srv/db/_migrations/versions/sqlite", ("alembic",)),
            ],
        ),
        (  # Alembic's version_locations under another name beside env.py (mergin-server)
            [
                "server/migrations/env.py",
                "server/migrations/community/07f2185e2428_case_insensitive_idx.py",
                "server/migrations/community/0e3fc92aeaaa_add_device_id.py",
                "server/tools/0e3fc92aeaaa_not_beside_env.py",
            ],
            [("server/migrations/community", ("alembic",))],
        ),
        (  # a plugin's own revisions, named by Alembic's default template (CTFd, round BY)
            ["CTFd/plugins/dynamic/migrations/93284ed9c099_add_prefix.py"],
            [("CTFd/plugins/dynamic/migrations", ("alembic",))],
        ),
        (  # an Invenio package's alembic/ folder, without env.py (rero-ils, round CI)
            [
                "rero_ils/alembic/0387b753585f_correct_subjects.py",
                "rero_ils/alembic/05555c03fe49_correct_holdings.py",
                "rero_ils/tools/05555c03fe49_not_in_alembic.py",
            ],
            [("rero_ils/alembic", ("alembic",))],
        ),
        (["app/migrations/0001_initial.py"], [("app/migrations", ("django",))]),
        (  # a folder named after the tool, dated names (uptime-kuma's knexMigrationsPath)
            ["db/knex_migrations/2023-08-16-0000-create-uptime.js"],
            [("db/knex_migrations", _JS)],
        ),
        (  # date and a sequence number (getodk central-backend)
            ["lib/model/migrations/20180118-01-initial-schema.js"],
            [("lib/model/migrations", _JS)],
        ),
        (  # a dashed date, an underscore and a sequence number (metriport's umzug, round I)
            ["packages/api/src/sequelize/migrations/2022-12-01_00_init.ts"],
            [("packages/api/src/sequelize/migrations", _JS)],
        ),
        (  # one TypeORM folder per dialect, 13-digit timestamps (standardnotes)
            [
                "packages/auth/migrations/mysql/1606470249553-init_database.ts",
                "packages/auth/migrations/sqlite/1606470249553-init_database.ts",
            ],
            [
                ("packages/auth/migrations/mysql", _JS),
                ("packages/auth/migrations/sqlite", _JS),
            ],
        ),
        (  # Liquibase changelogs named by version, beside each other
            ["schema/changelog-4.0.xml", "schema/changelog-4.1.xml", "schema/changelog-master.xml"],
            [("schema", ("liquibase",))],
        ),
        (  # a Laravel package's top-level migrations/ (fleetbase/core-api, round AR)
            ["migrations/2023_04_25_094301_create_users_table.php", "src/Models/User.php"],
            [("migrations", ("laravel",))],
        ),
        (  # … and named for their service first (cloudfoundry/app-autoscaler, round AR)
            [
                "api/db/api.db.changelog.yml",
                "api/db/servicebroker.db.changelog.yaml",
                "scheduler/db/scheduler.changelog-master.yaml",
            ],
            [("api/db", ("liquibase",)), ("scheduler/db", ("liquibase",))],
        ),
        (  # Ecto migrations compiled into the application (supabase/realtime)
            ["lib/realtime/tenants/repo/migrations/20211116024918_create_subscription.ex"],
            [("lib/realtime/tenants/repo/migrations", ("ecto",))],
        ),
        (  # JHipster: a master changelog including changelog/*.xml
            [
                "src/main/resources/config/liquibase/master.xml",
                "src/main/resources/config/liquibase/changelog/00000000000000_initial_schema.xml",
            ],
            [("src/main/resources/config/liquibase", ("liquibase",))],
        ),
        (  # a folder per database, named for it, of timestamped files (measure, round V)
            [
                "self-host/postgres/20240905133723_alter_events_table.sql",
                "self-host/clickhouse/20231117010312_create_events_table.sql",
                "self-host/config/20240905133723_settings.sql",  # no dialect's name
            ],
            [
                ("self-host/clickhouse", ("goose", "dbmate", "sql-migrate")),
                ("self-host/postgres", ("goose", "dbmate", "sql-migrate")),
            ],
        ),
        (  # … `pgsql` too (dora's goose folders, round AE: init declared only sqlite)
            [
                "db/schema/pgsql/20230720234842_init.sql",
                "db/schema/sqlite/20230720234842_init.sql",
            ],
            [
                ("db/schema/pgsql", ("goose", "dbmate", "sql-migrate")),
                ("db/schema/sqlite", ("goose", "dbmate", "sql-migrate")),
            ],
        ),
        (  # a date, a sequence number, underscores (palaute's umzug files, round AK)
            ["src/server/migrations/20210419_02_add_question_ids.js"],
            [("src/server/migrations", _JS)],
        ),
        (  # a sequence number and a dash (grouparoo's umzug, round V)
            ["core/src/migrations/000100-removeImportData.ts"],
            [("core/src/migrations", _JS)],
        ),
        (  # a sequence and a dot (ytgov/safety's Knex files, round BU: `init` found none)
            ["api/src/data/migrations/001.create-users-table.ts"],
            [("api/src/data/migrations", _JS)],
        ),
        (  # golang-migrate's files named for their dialect (transitland-lib, round BT)
            [
                "schema/postgres/migrations/20211206202419_init.up.pgsql",
                "schema/postgres/migrations/20211206202419_init.down.pgsql",
            ],
            [("schema/postgres/migrations", ("golang-migrate",))],
        ),
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
        "a/db/animals_migrate/1_a.rb",
        "b/migrations/0001_a.py",
        "b/pkg/alembic/0387b753585f_a.py",
        "c/priv/repo/migrations/1_a.exs",
        "d/database/migrations/2020_01_01_000000_a.php",
        "d/migrations/2020_01_01_000000_a.php",
        "e/sql/V1__a.sql",
        "f/db.changelog-master.xml",
        "g/migrations/20200101000000_a.ts",
        "h/migrations/1_a.sql",
    ]
    for _, names in migration_folders(files):
        assert set(names) <= set(FRAMEWORKS)


# The layouts of issue 10 (real projects whose folders were missed).
@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # version folders (Ghost / knex-migrator)
            [
                "ghost/core/core/server/data/migrations/versions/5.0/2022-05-01-10-00-a.js",
                "ghost/core/core/server/data/migrations/versions/5.1/2022-06-01-10-00-b.js",
                "ghost/core/core/server/data/migrations/utils/schema.js",
            ],
            [
                (
                    "ghost/core/core/server/data/migrations/versions",
                    _JS,
                )
            ],
        ),
        (  # a capitalised JS folder (bcgov/PIMS, round AD)
            [
                "express-api/src/typeorm/Migrations/1707763864013-CreateTables.ts",
                "express-api/src/typeorm/Migrations/1707780132021-StatusEnum.ts",
            ],
            [("express-api/src/typeorm/Migrations", _JS)],
        ),
        (  # one priv folder per Ecto repo (blockscout's chains, round AD)
            [
                "apps/explorer/priv/repo/migrations/20181107164103_eip6.exs",
                "apps/explorer/priv/celo/migrations/20241029131554_modify.exs",
                "apps/explorer/priv/celo/migrations/20241030000000_more.exs",
                "apps/explorer/priv/static/images/20241029131554_logo.exs",
            ],
            [
                ("apps/explorer/priv/celo/migrations", ("ecto",)),
                ("apps/explorer/priv/repo/migrations", ("ecto",)),
            ],
        ),
        (  # a folder Django's MIGRATION_MODULES names (DefectDojo, round AC) …
            [
                "dojo/models.py",
                "dojo/db_migrations/__init__.py",
                "dojo/db_migrations/0001_initial.py",
                "dojo/db_migrations/0002_auto_20190503_1817.py",
                # … not South's, nor one beside no models.py
                "legacy/models.py",
                "legacy/south_migrations/0001_initial.py",
                "legacy/south_migrations/0002_more.py",
                "tools/data_migrations/0001_fix.py",
                "tools/data_migrations/0002_fix.py",
            ],
            [("dojo/db_migrations", ("django",))],
        ),
        (  # one folder per dialect
            [
                "internal/db/migrations/postgres/001_init.sql",
                "internal/db/migrations/mysql/001_init.sql",
                "internal/db/migrations/sqlite/001_init.sql",
            ],
            [
                ("internal/db/migrations/mysql", ("goose", "dbmate", "sql-migrate")),
                ("internal/db/migrations/postgres", ("goose", "dbmate", "sql-migrate")),
                ("internal/db/migrations/sqlite", ("goose", "dbmate", "sql-migrate")),
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
                ("billing/src/main/resources/db/changelog", ("liquibase",)),
                ("orders/src/main/resources/db/changelog", ("liquibase",)),
            ],
        ),
        (  # a master changelog anywhere under src/main/resources (openmrs-core)
            [
                "api/src/main/resources/liquibase-update-to-latest.xml",
                "api/src/main/resources/hibernate.cfg.xml",
                "api/src/main/resources/org/openmrs/liquibase/snapshots/x/liquibase-x-2.1.x.xml",
            ],
            [("api/src/main/resources", ("liquibase",))],
        ),
        (  # Dropwizard's one changelog, src/main/resources/migrations.xml (pay-connector,
            # round AG; RSAPI's in a module, round AH); not any config named alike
            [
                "src/main/resources/migrations.xml",
                "src/main/resources/config.yml",
                "adapter/src/main/resources/migrations.xml",
            ],
            [
                ("adapter/src/main/resources", ("liquibase",)),
                ("src/main/resources", ("liquibase",)),
            ],
        ),
        (  # … and a bundle's of several, <name>.migrations.xml (dpc-app, round AU), not
            # a JSON file named alike
            [
                "dpc-api/src/main/resources/migrations/auth.migrations.xml",
                "dpc-aggregation/src/main/resources/migrations/queue.migrations.xml",
                "dpc-web/src/main/resources/seed_migrations.json",
            ],
            [
                ("dpc-aggregation/src/main/resources/migrations", ("liquibase",)),
                ("dpc-api/src/main/resources/migrations", ("liquibase",)),
            ],
        ),
        (  # a Django app labelled docs (djangoproject.com, round AG), not migrations
            # a documentation folder shows as examples
            [
                "docs/migrations/0001_initial.py",
                "docs/migrations/0002_document_release.py",
                "docs/examples/migrations/0001_initial.py",
            ],
            [("docs/migrations", ("django",))],
        ),
        (  # a Gradle test source set's migrations are the tests' (rd-professional-api,
            # round AG); a Django app whose name starts with "test" is no test
            [
                "src/main/resources/db/migration/V1__init.sql",
                "src/integrationTest/resources/db/testmigration/V1__seed.sql",
                "src/main/resources/db/testmigration/V2__seed.sql",
                "testimonials/migrations/0001_initial.py",
            ],
            [
                ("src/main/resources/db/migration", ("flyway",)),
                ("testimonials/migrations", ("django",)),
            ],
        ),
        (  # Flyway scans a location's subfolders: an archive/ folder is the location's
            # (evaka, round AY); one named for a database is a location of its own
            [
                "db/migration/V600__a.sql",
                "db/migration/archive/V1__init.sql",
                "other/db/migration/V2__b.sql",
                "other/db/migration/postgres/V1__init.sql",
            ],
            [
                ("db/migration", ("flyway",)),
                ("other/db/migration", ("flyway",)),
                ("other/db/migration/postgres", ("flyway",)),
            ],
        ),
        (  # Prisma folders without timestamps
            ["prisma/migrations/01_init/migration.sql", "prisma/migrations/02_x/migration.sql"],
            [("prisma/migrations", ("prisma",))],
        ),
        (  # a TypeScript project keeping migrations under migration/
            ["src/database/migration/1700000000000-Init.ts"],
            [("src/database/migration", _JS)],
        ),
        (  # a numbered stub alone is not a Django app; an initial migration is
            ["legacy/migrations/0001_warning.py", "shop/migrations/0001_initial.py"],
            [("shop/migrations", ("django",))],
        ),
        (  # umzug migrations named by release (audiobookshelf)
            ["server/migrations/v2.15.0-series-unique.js", "server/migrations/v2.17.0-uuid.js"],
            [("server/migrations", _JS)],
        ),
        (  # knex migrations named a version alone, one folder per dialect (Wiki.js)
            [
                "server/db/migrations/2.0.0.js",
                "server/db/migrations/2.5.128.js",
                "server/db/migrations-sqlite/2.0.0.js",
                "server/db/beta/migrations/2.0.0-beta.99.js",
            ],
            [
                ("server/db/beta/migrations", _JS),
                ("server/db/migrations", _JS),
                ("server/db/migrations-sqlite", _JS),
            ],
        ),
        (  # a second Ecto folder run with --migrations-path (firezone)
            ["priv/repo/manual_migrations/20240101000000_backfill.exs"],
            [("priv/repo/manual_migrations", ("ecto",))],
        ),
        (  # but a lone data migration in a migrations package is (Flagsmith oauth2_metadata)
            ["oauth/migrations/__init__.py", "oauth/migrations/0001_create_cli_app.py"],
            [("oauth/migrations", ("django",))],
        ),
        (  # a Hibernate mapping named like a changelog is none (dhis2, round Y); a master
            # changelog in a resources folder named for migrations is (OpenClinica, round X)
            [
                "core/src/main/resources/org/dhis/datavalue/DataValueChangelog.hbm.xml",
                "web/src/main/resources/migration/master.xml",
                "web/src/main/resources/migration/3.0/2009-03-30-NA01.xml",
            ],
            [("web/src/main/resources/migration", ("liquibase",))],
        ),
    ],
)
def test_layouts_found(files: list[str], expected: list[tuple[str, tuple[str, ...]]]) -> None:
    assert migration_folders(files) == expected


def test_every_rule_example_is_a_candidate() -> None:
    """The cheap pre-test (:func:`_candidate`) must let through every file a folder rule
    matches: each path below matches some rule (checked), each rule has an example here
    (a rule added without one fails), and each example passes the pre-test."""
    from rollback_gate.migrations.undeclared import _candidate, _match, _rules

    examples = [
        "a/db/migrate/1_a.rb",
        "a/db/animals_migrate/1_a.rb",
        "b/migrations/0001_a.py",
        "c/priv/repo/migrations/1_a.exs",
        "c/priv/app_x/migrations/20200101000000_a.exs",
        "c/lib/migrations/1_a.ex",
        "d/database/migrations/2020_01_01_000000_a.php",
        "d/migrations/2020_01_01_000000_a.php",
        "e/sql/V1__a.sql",
        "e/db/migration/pg/1_1__a.sql",
        "f/db.changelog-master.xml",
        "f/api.db.changelog.yml",
        "f/changelog_2024.yaml",
        "f/quartz.changelog-master.yaml",
        "f/db/changelog/sub/any.json",
        "f/liquibase/master.yml",
        "f/src/main/resources/db/MASTER.XML",
        "f/src/main/resources/x/Liquibase-all.yaml",
        "f/src/main/resources/x/migrations.xml",
        "g/migrations/20200101000000_a.ts",
        "g/migrations/v2.15.0-a.js",
        "g/migrations/2.0.0.js",
        "g/migrations/00-a.ts",
        "g/migrations/v02a_a.js",
        "g/migrations/2021.07.01T15.57.60.a.ts",
        "g/migration/versions/5.0/2022-05-01-a.js",
        "g/migrations/beta/v1.2.3.cjs",
        "h/migrations/1_a.sql",
        "h/migrations/pg/1a.sql",
        "h/postgres/20200101000000_a.sql",
        "h/db/main/20200101000000-a.sql",
        "h/migrations/idm/20200101000000_a.sql",
        "h/db/migrations/state/0001.sql",
        "i/m/1_a.up.sql",
        "j/alembic/versions/anything.py",
        "j/x/abcdef012345_a.py",
        "j/pkg/alembic/abcdef012345_a.py",
        "j/migrations/20200101_abcdef_a.py",
        "m/migrations/abcdef012345_a.py",
        "j/alembic/versions/postgres/a.py",
        "k/app_migrations/0001_a.py",
        "l/p/20200101000000_a/migration.sql",
        "j/env.py",
        "j/alembic/env.py",
        "k/models.py",
    ]
    files = set(examples)
    hits = {p: _match(p, files) for p in examples}
    used = {id(hit[1]) for hit in hits.values() if hit is not None}
    assert not [r.pattern.pattern for r in _rules() if id(r) not in used]  # every rule shown
    assert not [p for p, hit in hits.items() if hit is not None and not _candidate(p)]


def test_a_workflow_named_like_a_changelog_is_no_migration_folder() -> None:
    """backend.ai's `.github/workflows/changelog-sync.yml` read as a Liquibase changelog
    made an undeclared migration folder (RG206) of the workflows."""
    files = [".github/workflows/changelog-sync.yml", ".github/workflows/ci.yml"]
    assert migration_folders(files) == []


def test_a_folder_of_sql_files_numbered_alone_is_a_migration_folder() -> None:
    """zkevm-node (round CQ): sql-migrate's `db/migrations/state/0001.sql`, one folder per
    database, files named by their number alone: `init` proposed none."""
    files = [f"db/migrations/{db}/{n:04d}.sql" for db in ("state", "pool") for n in (1, 2, 3)]
    found = dict(migration_folders([*files, "db/migrations/state/0002_test.go"]))
    assert set(found) == {"db/migrations/state", "db/migrations/pool"}
    assert "sql-migrate" in found["db/migrations/state"]
