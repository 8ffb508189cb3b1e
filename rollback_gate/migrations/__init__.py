"""Migration framework analysers, one module each, collected in one registry.

``FRAMEWORKS`` maps the config name to the module that defines ``FRAMEWORK``; modules are
imported on first use so that the CLI starts fast. Adding a framework touches its module,
one line here and its tests.
"""

from __future__ import annotations

import importlib

from rollback_gate.migrations.base import Framework

FRAMEWORKS: dict[str, str] = {
    "alembic": "rollback_gate.migrations.alembic",
    "django": "rollback_gate.migrations.django",
    "rails": "rollback_gate.migrations.rails",
    "golang-migrate": "rollback_gate.migrations.golang_migrate",
    "goose": "rollback_gate.migrations.goose",
    "dbmate": "rollback_gate.migrations.dbmate",
    "sql-migrate": "rollback_gate.migrations.sql_migrate",
    "flyway": "rollback_gate.migrations.flyway",
    "liquibase": "rollback_gate.migrations.liquibase",
    "knex": "rollback_gate.migrations.knex",
    "sequelize": "rollback_gate.migrations.sequelize",
    "typeorm": "rollback_gate.migrations.typeorm",
    "laravel": "rollback_gate.migrations.laravel",
    "ecto": "rollback_gate.migrations.ecto",
    "prisma": "rollback_gate.migrations.prisma",
}


def load(name: str) -> Framework:
    """The analyser for framework ``name`` (a key of ``FRAMEWORKS``)."""
    module = importlib.import_module(FRAMEWORKS[name])
    framework: Framework = module.FRAMEWORK
    return framework
