"""db-migrate migrations: ``migrations/<timestamp>-<name>.js``.

Reads ``exports.up = function (db, callback) {…}`` (or ``(db) => db.addColumn(…)``,
returning promises) and ``exports.down`` with the same reader as Sequelize's: the calls
have the same names (``createTable``, ``addColumn``, ``removeColumn``, ``renameColumn``,
``changeColumn``, ``dropTable``, ``renameTable``, ``runSql``), but a column spec says
``notNull: true`` where Sequelize says ``allowNull: false``, and ``addIndex(table, name,
columns, unique)`` takes ``unique`` as its fourth argument.

* RG200 — no ``exports.down``: ``db-migrate down`` fails on this migration;
* RG201 — ``down`` does nothing while ``up`` changes something;
* RG202 — ``down`` throws or returns a rejected promise;
* RG203 — ``up`` drops a table or column, deletes rows, or narrows a type.

db-migrate runs files in file-name order; the version is the leading timestamp.
"""

from __future__ import annotations

from rollback_gate.migrations.base import Framework
from rollback_gate.migrations.js.framework import JsFramework, split_target
from rollback_gate.migrations.js.words import DB_MIGRATE_WORDS
from rollback_gate.migrations.sqlengine.model import Dialect, Statement


def inverse(stmt: Statement) -> str | None:
    """The db-migrate call that undoes ``stmt`` (None when there is no obvious one)."""
    table, column = split_target(stmt.target)
    kind = stmt.kind
    if kind == "create_table":
        return f"db.dropTable('{stmt.target}')"
    if kind == "add_column" and column:
        return f"db.removeColumn('{table}', '{column}')"
    if kind == "create_index":
        return f"db.removeIndex('{table}', …)"
    if kind == "alter_type" and column:
        return f"db.changeColumn('{table}', '{column}', <previous spec>)"
    if kind == "insert":
        return f"db.runSql('DELETE FROM {table} WHERE …')"
    if kind == "rename":
        return f"rename {stmt.target} back"
    return None


FRAMEWORK: Framework = JsFramework(
    "db-migrate",
    Dialect(
        "up()",
        "down()",
        inverse,
        add_down="`exports.down = function (db) {…}`",
        words=DB_MIGRATE_WORDS,
        # the app writes through Knex, pg or a Node ORM, which insert only the columns a
        # record sets: a default the step gives fills the rest (Unleash, round AY: four)
        defaults_fill=True,
    ),
)
