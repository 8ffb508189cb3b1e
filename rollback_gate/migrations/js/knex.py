"""Knex migrations: ``migrations/<timestamp>_<name>.js|.ts|.cjs|.mjs`` exporting up/down.

Every export style Knex loads is read (``exports.up = …``, ``module.exports = {up, down}``,
``export async function up(knex)``, ``export const down = …``). The up step's builder
calls (``knex.schema.createTable/alterTable/dropTable``, ``table.dropColumn``,
``table.string('c', 50).alter()``, ``knex('t').del()``, ``knex.raw(sql)``) are read as the
SQL they run, so that:

* RG200 — no ``down`` export: Knex refuses to load the migration set, or a hand-rolled
  runner skips the rollback;
* RG201 — ``exports.down = () => {}`` / ``return Promise.resolve()`` while up changes
  something;
* RG202 — down throws or returns ``Promise.reject(…)``;
* RG203 — up drops a table or column, deletes or truncates rows, or narrows a column
  (``string('c', 20).alter()`` where down restores ``string('c', 50)``).

Knex runs files in file-name order; the version is the leading timestamp.
"""

from __future__ import annotations

from rollback_gate.migrations.base import Framework
from rollback_gate.migrations.js.framework import JsFramework, split_target
from rollback_gate.migrations.js.words import KNEX_WORDS
from rollback_gate.migrations.sqlengine.model import Dialect, Statement


def inverse(stmt: Statement) -> str | None:
    """The Knex call that undoes ``stmt`` (None when there is no obvious one)."""
    table, column = split_target(stmt.target)
    kind = stmt.kind
    if kind == "create_table":
        return f"knex.schema.dropTable('{stmt.target}')"
    if kind == "add_column" and column:
        return f"knex.schema.alterTable('{table}', (t) => t.dropColumn('{column}'))"
    if kind == "create_index":
        return f"knex.schema.alterTable('{table}', (t) => t.dropIndex(…))"
    if kind == "alter_type" and column:
        return f"knex.schema.alterTable('{table}', (t) => t.<previous type>('{column}').alter())"
    if kind == "insert":
        return f"knex('{table}').whereIn(…).del() for the rows up() inserted"
    if kind == "rename":
        return f"rename {stmt.target} back"
    return None


FRAMEWORK: Framework = JsFramework(
    "knex",
    Dialect(
        "up()",
        "down()",
        inverse,
        add_down="`exports.down = async (knex) => {…}`",
        words=KNEX_WORDS,
        defaults_fill=True,
    ),
)
