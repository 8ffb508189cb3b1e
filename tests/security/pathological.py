"""Long pathological inputs: repetitions that make a backtracking regex quadratic.

Shared by the stall tests and ``benchmarks/fuzz.py``. Each unit is repeated up to
``size`` bytes; the units are the shapes that broke patterns before (blank lines, runs of
spaces, a keyword repeated without its closing token, unterminated quotes and comments).
"""

from __future__ import annotations

UNITS: tuple[str, ...] = (
    "\n",
    " ",
    "\t \n",
    "a",
    "class a ",
    "class a<",
    "set ",
    "lbp_",
    "`",
    "'",
    '"',
    "--",
    "/*",
    "(",
    "SELECT ",
    "rollback-gate: ignore[",
    "a=",
    "-- changeset a ",
    "BEGIN RAISE EXCEPTION ",
    "import a\n",
    "0_",
    "extends a ",
    "<",
)


def blob(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


# Framework -> (files for one migration, with {X} where the long text goes).
MIGRATIONS: dict[str, dict[str, str]] = {
    "alembic": {
        "versions/a1_x.py": 'revision = "a1"\ndown_revision = None\n'
        "def upgrade():\n    op.drop_table('t')\n{X}\ndef downgrade():\n    pass\n"
    },
    "django": {
        "app/migrations/0001_x.py": "from django.db import migrations\n{X}\n"
        "class Migration(migrations.Migration):\n    dependencies = []\n    operations = []\n"
    },
    "rails": {
        "db/migrate/20200101000000_x.rb": "class X < ActiveRecord::Migration[7.0]\n{X}\n"
        "  def change\n    drop_table :t\n  end\nend\n"
    },
    "golang-migrate": {"m/1_x.up.sql": "DROP TABLE t;\n{X}\n", "m/1_x.down.sql": "{X}\n"},
    "goose": {"m/1_x.sql": "-- +goose Up\nDROP TABLE t;\n{X}\n-- +goose Down\n{X}\n"},
    "dbmate": {"m/1_x.sql": "-- migrate:up\nDROP TABLE t;\n{X}\n-- migrate:down\n{X}\n"},
    "sql-migrate": {"m/1_x.sql": "-- +migrate Up\nDROP TABLE t;\n{X}\n-- +migrate Down\n"},
    "flyway": {"m/V1__x.sql": "DROP TABLE t;\n{X}\n"},
    "liquibase": {
        "m/db.changelog-master.sql": "-- liquibase formatted sql\n-- changeset a:1\n"
        "DROP TABLE t;\n{X}\n-- rollback {X}\n"
    },
    "knex": {
        "m/20200101000000_x.js": "exports.up = function(knex) {\n"
        "return knex.schema.dropTable('t'); };\n{X}\nexports.down = function(knex) {};\n"
    },
    "sequelize": {
        "m/20200101000000-x.js": "module.exports = { up: async (queryInterface) => {\n"
        "await queryInterface.dropTable('t');\n{X}\n}, down: async () => {} };\n"
    },
    "typeorm": {
        "m/1600000000000-x.ts": "export class X1600000000000 implements MigrationInterface {\n"
        "async up(queryRunner) { await queryRunner.query('DROP TABLE t'); }\n{X}\n"
        "async down(queryRunner) {} }\n"
    },
    "laravel": {
        "database/migrations/2020_01_01_000000_x.php": "<?php\nreturn new class extends "
        "Migration {\npublic function up() { Schema::drop('t'); }\n{X}\n"
        "public function down() {} };\n"
    },
    "ecto": {
        "priv/repo/migrations/20200101000000_x.exs": "defmodule X do\nuse Ecto.Migration\n"
        "def up do\ndrop table(:t)\nend\n{X}\ndef down do\nend\nend\n"
    },
    "prisma": {"m/20200101000000_x/migration.sql": "DROP TABLE t;\n{X}\n"},
}
