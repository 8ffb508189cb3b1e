"""Migration framework analysers, one module each, collected in one registry.

``FRAMEWORKS`` maps the config name to the module that defines ``FRAMEWORK``; modules are
imported on first use so that the CLI starts fast. Adding a framework touches its module,
one line here and its tests.
"""

from __future__ import annotations

import importlib

from rollback_gate.migrations.base import Framework

FRAMEWORKS: dict[str, str] = {
    "alembic": "rollback_gate.migrations.python.alembic",
    "django": "rollback_gate.migrations.python.django",
    "rails": "rollback_gate.migrations.dsl.rails",
    "golang-migrate": "rollback_gate.migrations.plainsql.golang_migrate",
    "goose": "rollback_gate.migrations.plainsql.goose",
    "dbmate": "rollback_gate.migrations.plainsql.dbmate",
    "sql-migrate": "rollback_gate.migrations.plainsql.sql_migrate",
    "flyway": "rollback_gate.migrations.plainsql.flyway",
    "liquibase": "rollback_gate.migrations.liquibase.framework",
    "knex": "rollback_gate.migrations.js.knex",
    "sequelize": "rollback_gate.migrations.js.sequelize",
    "typeorm": "rollback_gate.migrations.js.typeorm",
    "laravel": "rollback_gate.migrations.php.laravel",
    "ecto": "rollback_gate.migrations.dsl.ecto",
    "prisma": "rollback_gate.migrations.plainsql.prisma",
}


def load(name: str) -> Framework:
    """The analyser for framework ``name`` (a key of ``FRAMEWORKS``)."""
    module = importlib.import_module(FRAMEWORKS[name])
    framework: Framework = module.FRAMEWORK
    return framework
