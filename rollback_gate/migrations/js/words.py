"""The RG220-RG224 expand/contract fixes in the words of Knex, Sequelize, TypeORM and
db-migrate.

Templates for :class:`rollback_gate.migrations.sqlengine.model.Words` (``{t}`` table,
``{c}`` column, ``{new}`` new name or type, ``{what}`` constraint); literal braces of
JavaScript objects are doubled.
"""

from __future__ import annotations

from rollback_gate.migrations.sqlengine.model import Words

_LATER = "read {new} in the next release; {drop} in a later one"

KNEX_WORDS = Words(
    rename_column=(
        "expand/contract: in this release add `table.<type>('{new}')` in "
        "`knex.schema.alterTable('{t}', …)`, write both columns and backfill "
        "(`knex('{t}').update({{ {new}: knex.ref('{c}') }})`); "
        + _LATER.format(new="{new}", drop="`table.dropColumn('{c}')`")
    ),
    rename_table=(
        "expand/contract: `knex.schema.createTable('{new}', …)` in this release, write both "
        "tables and backfill, switch reads in the next release, `knex.schema.dropTable('{t}')` "
        "in a later one"
    ),
    add_required=(
        "`table.<type>('{c}').notNullable().defaultTo(…)`, or add it nullable, backfill, and "
        "`table.<type>('{c}').notNullable().alter()` in a later release once every running "
        "version writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and make it not nullable "
        "(`table.dropNullable('{c}')`) in a later release, or give it a `.defaultTo(…)`"
    ),
    type_change=(
        "expand/contract: `table.<new type>('{c}_new')` in this release, write both and "
        "backfill, switch reads in the next release, `table.dropColumn('{c}')` in a later one; "
        "or change only to a wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it "
        "(`table.unique(…)`/`table.foreign(…)`) in a later release"
    ),
)

SEQUELIZE_WORDS = Words(
    rename_column=(
        "expand/contract: `queryInterface.addColumn('{t}', '{new}', {{ … }})` in this release, "
        "write both columns and backfill (`queryInterface.sequelize.query('UPDATE …')`); "
        + _LATER.format(new="{new}", drop="`queryInterface.removeColumn('{t}', '{c}')`")
    ),
    rename_table=(
        "expand/contract: `queryInterface.createTable('{new}', {{ … }})` in this release, write "
        "both tables and backfill, switch reads in the next release, "
        "`queryInterface.dropTable('{t}')` in a later one"
    ),
    add_required=(
        "`queryInterface.addColumn('{t}', '{c}', {{ type: …, allowNull: false, defaultValue: … "
        "}})`, or add it with `allowNull: true`, backfill, and `changeColumn` to `allowNull: "
        "false` in a later release once every running version writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and `changeColumn('{t}', "
        "'{c}', {{ …, allowNull: false }})` in a later release, or give it a `defaultValue`"
    ),
    type_change=(
        "expand/contract: `queryInterface.addColumn('{t}', '{c}_new', {{ type: … }})` in this "
        "release, write both and backfill, switch reads in the next release, "
        "`queryInterface.removeColumn('{t}', '{c}')` in a later one; or change only to a wider "
        "type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it (`queryInterface."
        "addConstraint('{t}', …)`/`addIndex(…, {{ unique: true }})`) in a later release"
    ),
)

DB_MIGRATE_WORDS = Words(
    rename_column=(
        "expand/contract: `db.addColumn('{t}', '{new}', {{ type: … }})` in this release, "
        "write both columns and backfill (`db.runSql('UPDATE …')`); "
        + _LATER.format(new="{new}", drop="`db.removeColumn('{t}', '{c}')`")
    ),
    rename_table=(
        "expand/contract: `db.createTable('{new}', {{ … }})` in this release, write both tables "
        "and backfill, switch reads in the next release, `db.dropTable('{t}')` in a later one"
    ),
    add_required=(
        "`db.addColumn('{t}', '{c}', {{ type: …, notNull: true, defaultValue: … }})`, or add it "
        "without `notNull`, backfill, and `changeColumn` to `notNull: true` in a later release "
        "once every running version writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and `db.changeColumn('{t}', "
        "'{c}', {{ …, notNull: true }})` in a later release, or give it a `defaultValue`"
    ),
    type_change=(
        "expand/contract: `db.addColumn('{t}', '{c}_new', {{ type: … }})` in this release, write "
        "both and backfill, switch reads in the next release, `db.removeColumn('{t}', '{c}')` in "
        "a later one; or change only to a wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it (`db.addIndex('{t}', …, "
        "true)`/`db.addForeignKey('{t}', …)`) in a later release"
    ),
)

TYPEORM_WORDS = Words(
    rename_column=(
        "expand/contract: `queryRunner.addColumn('{t}', new TableColumn({{ name: '{new}', … }}))` "
        "in this release, write both columns and backfill (`queryRunner.query('UPDATE …')`); "
        + _LATER.format(new="{new}", drop="`queryRunner.dropColumn('{t}', '{c}')`")
    ),
    rename_table=(
        "expand/contract: `queryRunner.createTable(new Table({{ name: '{new}', … }}))` in this "
        "release, write both tables and backfill, switch reads in the next release, "
        "`queryRunner.dropTable('{t}')` in a later one"
    ),
    add_required=(
        "add {c} with a default (`default: …`) or `isNullable: true`, backfill, and make it not "
        "nullable in a later release once every running version writes it (the entity keeps "
        "`nullable: true` until then)"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and set NOT NULL in a "
        "later release's migration, or give it a default"
    ),
    type_change=(
        "expand/contract: `queryRunner.addColumn('{t}', new TableColumn({{ name: '{c}_new', "
        "type: … }}))` in this release, write both and backfill, switch reads in the next "
        "release, `queryRunner.dropColumn('{t}', '{c}')` in a later one; or change only to a "
        "wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it in a later release's "
        "migration (PostgreSQL: `NOT VALID`, then `VALIDATE CONSTRAINT`)"
    ),
)
