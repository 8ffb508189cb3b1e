"""Sequelize migrations (sequelize-cli, umzug): ``migrations/<timestamp>-<name>.js``.

Reads ``module.exports = { async up(queryInterface, Sequelize) {…}, async down(…) {…} }``
in all its styles (methods, ``up: (queryInterface, Sequelize) => …`` arrows, shorthand
references to local functions, ``export const up`` for umzug with TypeScript), including
``queryInterface.sequelize.transaction(async (t) => …)`` wrappers.

* RG200 — no ``down``: ``db:migrate:undo`` fails on this migration;
* RG201 — down is empty (the generated ``/* Add reverting commands here. */`` skeleton)
  while up changes something;
* RG202 — down throws or returns ``Promise.reject(…)``;
* RG203 — up calls ``dropTable``, ``removeColumn``, ``bulkDelete``, raw ``DROP``/
  ``DELETE``/``TRUNCATE`` through ``queryInterface.sequelize.query``, or narrows a column
  with ``changeColumn`` (the down step's ``changeColumn`` tells the old type).

sequelize-cli runs files in file-name order; the version is the leading timestamp.
"""

from __future__ import annotations

from rollback_gate.migrations.base import Framework
from rollback_gate.migrations.js.framework import JsFramework, split_target
from rollback_gate.migrations.js.words import SEQUELIZE_WORDS
from rollback_gate.migrations.sqlengine.model import Dialect, Statement


def inverse(stmt: Statement) -> str | None:
    """The queryInterface call that undoes ``stmt`` (None when there is no obvious one)."""
    table, column = split_target(stmt.target)
    kind = stmt.kind
    if kind == "create_table":
        return f"await queryInterface.dropTable('{stmt.target}')"
    if kind == "add_column" and column:
        return f"await queryInterface.removeColumn('{table}', '{column}')"
    if kind == "create_index":
        return f"await queryInterface.removeIndex('{table}', …)"
    if kind == "alter_type" and column:
        return f"await queryInterface.changeColumn('{table}', '{column}', <previous definition>)"
    if kind == "insert":
        return f"await queryInterface.bulkDelete('{table}', <the rows up() inserted>)"
    if kind == "rename":
        return f"rename {stmt.target} back"
    return None


FRAMEWORK: Framework = JsFramework(
    "sequelize",
    Dialect(
        "up()",
        "down()",
        inverse,
        add_down="`async down(queryInterface, Sequelize) {…}`",
        words=SEQUELIZE_WORDS,
        defaults_fill=True,
    ),
)
