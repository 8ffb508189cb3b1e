"""Migration framework analysers, grouped by family, collected in one registry.

``FRAMEWORKS`` maps each config name to its :class:`Registration`: the module that defines
``FRAMEWORK`` (imported on first use, so that the CLI starts fast) and the file-name
patterns of its folders, which folder detection needs for every framework without
importing any analyser. Everything else about a framework lives on its ``FRAMEWORK``
object (:class:`~rollback_gate.migrations.base.Framework`). Adding a framework touches
its module, one entry here and its tests.

Subpackages: ``sqlengine`` (the shared SQL engine), ``plainsql`` (frameworks of plain SQL
files), ``python`` (Alembic, Django), ``dsl`` (Rails, Ecto), ``js`` (Knex, Sequelize,
TypeORM), ``php`` (Laravel), ``liquibase``. Beside them: ``base`` (the protocol),
``treesitter`` (grammar loading), ``inline`` (inline waivers), ``undeclared`` (folder
detection).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from rollback_gate.migrations.base import FolderRule, Framework

_M = "rollback_gate.migrations"


@dataclass(frozen=True)
class Registration:
    """What must be known of a framework without importing its analyser."""

    module: str
    folders: tuple[FolderRule, ...] = ()
    # whether the default ``reversal`` depends on the folder's files (the analyser's
    # ``forward_only``); False: always ``down``, known without importing the analyser
    reversal_from_files: bool = False


# Shared by frameworks whose files look alike; ``detect`` (which reads files) tells them apart.
# migrations/, knex_migrations/, and one folder per dialect (migrations/mysql); timestamps
# as 20240101120000_x.js, 1606470249553-x.ts (TypeORM), 2023-08-16-0000-x.js (uptime-kuma)
# or 20180118-01-x.js (getodk central), by release, v2.15.0-x.js (audiobookshelf, umzug),
# or by sequence, 001_x.js (Jellystat's knex migrationSource; v02a_x.js: PoracleJS',
# round BF; 00-x.ts: graphprotocol's indexer, round AI; 001.create-users-table.ts:
# ytgov/safety, round BU, where `init` found none), by umzug's own timestamp,
# 2021.07.01T15.57.60.x.ts (sso-requests),
# or named a version alone,
# 2.0.0.js, 2.0.0-beta.127.js, in migrations/ and migrations-sqlite/ (Wiki.js' own
# migrationSource: round R)
_JS_DIALECT = r"(?:postgres(?:ql)?|pg|mysql|mariadb|sqlite3?|mssql)"
_JS_FILES = FolderRule(
    # (`Migrations`: bcgov/PIMS' src/typeorm/Migrations, round AD)
    rf"^(?P<dir>(?:.*/)?[^/]*[Mm]igrations?(?:[-_]{_JS_DIALECT}|/{_JS_DIALECT})?)"
    r"/(?:(?:\d{12,14}[-_]|\d{4}-\d\d-\d\d[-_]|\d{8}[-_]\d\d[-_]|v\d+\.\d+\.\d+-"
    r"|v?\d{2,6}[a-z]?(?:[-_]|\.(?=[A-Za-z]))"
    r"|\d{4}\.\d\d\.\d\dT\d\d\.\d\d\.\d\d\.)[^/]+"
    r"|v?\d+\.\d+\.\d+(?:-[\w.]+)?)\.(?:[cm]?js|ts)$",
    9,
)
# version folders: migrations/versions/5.0/2022-05-01-10-00-x.js (Ghost, knex-migrator)
_JS_VERSIONS = FolderRule(
    r"^(?P<dir>(?:.*/)?migrations?/versions)/[^/]+/\d[^/]*\.(?:[cm]?js|ts)$", 9
)
# (sql-migrate's own `new` writes 20170426134008-init.sql: goalert, round K)
_SQL_FILES = FolderRule(r"^(?P<dir>(?:.*/)?[^/]*migrat[^/]*)/\d+[-_][^/]+\.sql$", 10)
# one folder per dialect: db/migrations/{postgres,mysql,sqlite}/001_x.sql
_SQL_DIALECT_FILES = FolderRule(
    r"^(?P<dir>(?:.*/)?[^/]*migrat[^/]*/(?:postgres(?:ql)?|pg(?:sql)?|mysql|mariadb|sqlite3?|"
    r"mssql|sqlserver|oracle|cockroach(?:db)?|clickhouse))/\d+[^/]*\.sql$",
    10,
)
# a folder per database, named for it, of timestamped files: self-host/postgres/
# 20240905133723_x.sql (measure's dbmate folders, round V; dora's db/schema/pgsql, round AE)
_SQL_DATABASE_FILES = FolderRule(
    r"^(?P<dir>(?:.*/)?(?:postgres(?:ql)?|pgsql|mysql|mariadb|sqlite3?|clickhouse|cockroach(?:db)?))"
    r"/\d{14}_[^/]+\.sql$",
    10,
)
# … or a folder of them in the database folder: database/100-up-sql-shared/
# 20220701151154-numeric.sql (fluidity-app's dbmate folders, round AA); the files' own
# markers (`-- migrate:up`) tell whose they are, and a folder with none is no migrations
_SQL_IN_DATABASE = FolderRule(
    r"^(?P<dir>(?:.*/)?(?:db|database)/[^/]+)/\d{14}[-_][^/]+\.sql$",
    10,
)
# … or in a folder of the migrations folder: migrations/idm/20240612185201_x.sql (simple-idm's
# goose files, one folder per service: round BG, `init` found none); their markers tell
_SQL_IN_MIGRATIONS = FolderRule(
    r"^(?P<dir>(?:.*/)?[^/]*migrations?/[^/]+)/\d{14}[-_][^/]+\.sql$",
    10,
)
# … or numbered alone, in the migrations folder or one of its folders: db/migrations/
# state/0001.sql (zkevm-node's sql-migrate folders, one per database, round CQ: `init` found
# none); their markers tell
_SQL_NUMBERED = FolderRule(r"^(?P<dir>(?:.*/)?[^/]*migrations?(?:/[^/]+)?)/\d{3,}\.sql$", 10)
_SQL = (
    _SQL_FILES,
    _SQL_DIALECT_FILES,
    _SQL_DATABASE_FILES,
    _SQL_IN_DATABASE,
    _SQL_IN_MIGRATIONS,
    _SQL_NUMBERED,
)
# files named by the release they ship in, one folder deeper: migrations/main/0.30.0.ts
# and migrations/apps/0.29.0.ts (appsemble, round Z: `init` found none), or by a
# timestamp: src/migrations/tasks/20191110222844_init.ts beside src/migrations/knexfile.ts
# (digital_marketplace, round AA)
_JS_RELEASES = FolderRule(
    r"^(?P<dir>(?:.*/)?[^/]*migrations?/[^/]+)"
    r"/(?:v?\d+\.\d+\.\d+(?:-[\w.]+)?|\d{12,14}[-_][^/]+)\.(?:[cm]?js|ts)$",
    9,
)
_JS = (_JS_FILES, _JS_VERSIONS, _JS_RELEASES)

FRAMEWORKS: dict[str, Registration] = {
    "alembic": Registration(
        f"{_M}.python.alembic",
        (
            FolderRule(
                r"^(?P<dir>(?:.*/)?versions)/[^/]+\.py$",
                0,
                home=r"(^|/)_?(alembic|revisions|migrations?)(/|$)",
                beside="env.py",
            ),
            # a version_locations folder of another name beside env.py, its files named by
            # Alembic's default template, <12-hex revision>_<slug> (mergin-server's
            # migrations/community, round P)
            FolderRule(
                r"^(?P<dir>(?:.*/)?[^/]+)/[0-9a-f]{12}_[^/]+\.py$",
                0,
                beside="env.py",
            ),
            # revisions kept in the folder itself, named by Alembic's file_template with a
            # date or a revision id first (flaskbb: migrations/201501082314_8ad96e49dc6_init.py),
            # or by its default one, as a plugin's own revisions are (CTFd's
            # plugins/dynamic_challenges/migrations/93284ed9c099_….py, round BY)
            FolderRule(r"^(?P<dir>(?:.*/)?migrations)/\d{8,14}_[0-9a-f]{6,}_[^/]+\.py$", 0),
            FolderRule(r"^(?P<dir>(?:.*/)?migrations)/[0-9a-f]{12}_[^/]+\.py$", 0),
            # an Invenio package's `alembic/` folder, which its `invenio_db.alembic` entry
            # point names and which holds no env.py (rero-ils' rero_ils/alembic, round CI)
            FolderRule(r"^(?P<dir>(?:.*/)?alembic)/[0-9a-f]{12}_[^/]+\.py$", 0),
            # one versions folder per dialect: _migrations/versions/{postgresql,sqlite}/
            FolderRule(
                r"^(?P<dir>(?:.*/)?versions/(?:postgres(?:ql)?|pg|mysql|mariadb|sqlite3?|"
                r"mssql|oracle))/[^/]+\.py$",
                0,
                home=r"(^|/)_?(alembic|revisions|migrations?)/versions$",
                beside="../env.py",
            ),
        ),
    ),
    "django": Registration(
        f"{_M}.python.django",
        (
            FolderRule(r"^(?P<dir>(?:.*/)?migrations)/\d{4}_[^/]+\.py$", 1),
            # a folder MIGRATION_MODULES names, beside the app's models.py (DefectDojo's
            # dojo/db_migrations, round AC); not South's south_migrations
            FolderRule(
                r"^(?P<dir>(?:.*/)?(?!south_)[a-z0-9]+_migrations)/\d{4}_[^/]+\.py$",
                1,
                beside="models.py",
            ),
        ),
    ),
    "rails": Registration(
        f"{_M}.dsl.rails",
        (
            FolderRule(r"^(?P<dir>(?:.*/)?db/migrate)/\d+_[^/]+\.rb$", 2),
            # one folder per database (`migrations_paths: db/animals_migrate`, the Rails
            # guides' name; identity-idp's db/primary_migrate, round AO)
            FolderRule(r"^(?P<dir>(?:.*/)?db/\w+_migrate)/\d+_[^/]+\.rb$", 2),
        ),
    ),
    "golang-migrate": Registration(
        f"{_M}.plainsql.golang_migrate",
        (FolderRule(r"^(?P<dir>(?:.*/)?[^/]+)/\d+_[^/]+\.up\.(?:sql|pgsql|psql)$", 3),),
    ),
    "goose": Registration(f"{_M}.plainsql.goose", _SQL),
    "dbmate": Registration(f"{_M}.plainsql.dbmate", _SQL),
    "sql-migrate": Registration(f"{_M}.plainsql.sql_migrate", _SQL),
    "flyway": Registration(
        f"{_M}.plainsql.flyway",
        (
            FolderRule(r"^(?P<dir>(?:.*/)?[^/]+)/V\d+(?:[._]\d+)*(?:__[^/]+)?\.sql$", 7),
            # an empty `sqlMigrationPrefix`: `20220803121537__premises_tables.sql`, under
            # Flyway's own `db/migration` (hmpps-approved-premises-api, round S)
            FolderRule(
                r"^(?P<dir>(?:.*/)?db/migration(?:/[^/]+)?)/\d+(?:[._]\d+)*__[^/]+\.sql$", 7
            ),
        ),
        reversal_from_files=True,
    ),
    "liquibase": Registration(
        f"{_M}.liquibase.framework",
        (
            # (named for a service first too: app-autoscaler's api/db/api.db.changelog.yml,
            # scheduler/db/scheduler.changelog-master.yaml, round AR)
            FolderRule(
                r"^(?P<dir>(?:.*/)?[^/]+)/(?:[\w-]+\.)?db\.changelog[^/]*\.(?:xml|ya?ml|json|sql)$",
                8,
            ),
            # versioned changelog files beside each other: schema/changelog-4.1.xml …
            FolderRule(
                r"^(?P<dir>(?:.*/)?[^/]+)/(?:[\w-]+\.)?changelog[-_][^/]*\.(?:xml|ya?ml|json)$", 8
            ),
            # the changelog folder of a (multi-module) Maven/Gradle build, and a master
            # changelog anywhere under src/main/resources (api/src/main/resources/liquibase-*.xml)
            FolderRule(r"^(?P<dir>(?:.*/)?db/changelog)/(?:[^/]+/)*[^/]+\.(?:xml|ya?ml|json)$", 8),
            # JHipster's layout: config/liquibase/master.xml including changelog/*.xml
            FolderRule(r"^(?P<dir>(?:.*/)?liquibase)/master\.(?:xml|ya?ml|json)$", 8),
            # … and a master.xml in a resources folder named for migrations (OpenClinica's
            # migration/master.xml including 2.5/, 3.0/ … 3.14/ and amethyst/, round X)
            FolderRule(
                r"(?i)^(?P<dir>(?:.*/)?src/main/resources(?:/[^/]+)*/(?:migrations?|db|database"
                r"|changelogs?|schema))/master\.(?:xml|ya?ml|json)$",
                8,
            ),
            FolderRule(
                # (not a Hibernate mapping: dhis2's DataValueChangelog.hbm.xml, round Y);
                # dockstore's resources/migrations.1.20.0.xml (round AA), and Dropwizard's
                # own name, migrations.xml (pay-connector, round AG; RSAPI, round AH), and
                # a bundle's of several, auth.migrations.xml (dpc-app, round AU)
                r"(?i)^(?P<dir>(?:.*/)?src/main/resources(?:/[^/]+)*)/(?![^/]*\.hbm\.xml$)"
                r"(?:(?:[^/]*(?:changelog|liquibase)[^/]*|migrations?(?:[._-][^/]*)?)"
                r"\.(?:xml|ya?ml|json)|[\w-]+[._]migrations\.(?:xml|ya?ml))$",
                8,
            ),
        ),
    ),
    "knex": Registration(f"{_M}.js.knex", _JS),
    "db-migrate": Registration(f"{_M}.js.dbmigrate", _JS),
    "sequelize": Registration(f"{_M}.js.sequelize", _JS),
    "typeorm": Registration(f"{_M}.js.typeorm", _JS),
    "laravel": Registration(
        f"{_M}.php.laravel",
        (
            FolderRule(
                # (a package's src/Database/Migrations too: krayin/laravel-crm, round J)
                r"^(?P<dir>(?:.*/)?[Dd]atabase/[Mm]igrations)/\d{4}_\d\d_\d\d_\d{6}_[^/]+\.php$",
                5,
            ),
            # … and a package's top-level migrations/ (fleetbase/core-api, round AR)
            FolderRule(r"^(?P<dir>(?:.*/)?migrations)/\d{4}_\d\d_\d\d_\d{6}_[^/]+\.php$", 6),
        ),
    ),
    "ecto": Registration(
        f"{_M}.dsl.ecto",
        # priv/repo/migrations, and further folders passed with --migrations-path
        # (firezone's priv/repo/manual_migrations)
        (
            FolderRule(r"^(?P<dir>(?:.*/)?priv/repo/[^/]*migrations)/\d+_[^/]+\.exs$", 4),
            # one repo's priv folder per Ecto repo (`Explorer.Repo.Celo` → priv/celo:
            # blockscout's 21 chain folders, round AD)
            FolderRule(r"^(?P<dir>(?:.*/)?priv/[a-z0-9_]+/[^/]*migrations)/\d{14}_[^/]+\.exs$", 4),
            FolderRule(r"^(?P<dir>(?:.*/)?[^/]*migrations)/\d+_[^/]+\.ex$", 4),
        ),
    ),
    "prisma": Registration(
        f"{_M}.plainsql.prisma",
        # Prisma names the folder as the schema's config says (formbricks keeps
        # packages/database/migration): a `<digits>_<name>/migration.sql` is enough.
        (FolderRule(r"^(?P<dir>(?:.*/)?[^/]+)/\d+_[^/]+/migration\.sql$", 6),),
        reversal_from_files=True,
    ),
}


def load(name: str) -> Framework:
    """The analyser for framework ``name`` (a key of ``FRAMEWORKS``)."""
    module = importlib.import_module(FRAMEWORKS[name].module)
    framework: Framework = module.FRAMEWORK
    return framework
