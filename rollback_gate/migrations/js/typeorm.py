"""TypeORM migrations: ``<timestamp>-<Name>.ts`` classes implementing ``MigrationInterface``.

Reads ``export class Name1700000000000 implements MigrationInterface { async up(queryRunner)
{…} async down(queryRunner) {…} }`` and the compiled forms (``module.exports = class …``,
``exports.Name = Name`` with ``__awaiter`` bodies). Generated migrations are raw SQL in
``queryRunner.query(`…`)``: every string is split and classified by :mod:`.sql`, so the
SQLite table rebuild (create ``temporary_x``, copy the rows, drop ``x``, rename) is not
mistaken for data loss, while ``ALTER TABLE … DROP COLUMN`` is.

* RG200 — no ``down`` method: ``migration:revert`` fails;
* RG201 — ``public async down(): Promise<void> {}`` while up changes something;
* RG202 — down throws;
* RG203 — up drops a table or column (SQL or ``queryRunner.dropTable/dropColumn``),
  ``clearTable``, ``DELETE``/``TRUNCATE``, ``queryRunner.manager.delete(…)``, or narrows a
  column type that the down step restores.

TypeORM orders migrations by the timestamp at the end of the class name, which the
generator also puts at the start of the file name; the version is that timestamp.
"""

from __future__ import annotations

import posixpath

from rollback_gate.migrations.base import Framework, Migration
from rollback_gate.migrations.js.framework import JsFramework, split_target
from rollback_gate.migrations.js.words import TYPEORM_WORDS
from rollback_gate.migrations.sqlengine.model import Dialect, Statement


def inverse(stmt: Statement) -> str | None:
    """The queryRunner call that undoes ``stmt`` (None when there is no obvious one)."""
    table, column = split_target(stmt.target)
    kind = stmt.kind
    if kind == "create_table":
        return f'await queryRunner.query(`DROP TABLE "{stmt.target}"`)'
    if kind == "add_column" and column:
        return f'await queryRunner.query(`ALTER TABLE "{table}" DROP COLUMN "{column}"`)'
    if kind == "create_index":
        return f"await queryRunner.query(`DROP INDEX …`) for the index on {table}"
    if kind == "alter_type" and column:
        return (
            f'await queryRunner.query(`ALTER TABLE "{table}" ALTER COLUMN "{column}" '
            "TYPE <previous type>`)"
        )
    if kind == "insert":
        return (
            f'await queryRunner.query(`DELETE FROM "{table}" WHERE …`) for the rows up() inserted'
        )
    if kind == "rename":
        return f"rename {stmt.target} back"
    return None


def _order(m: Migration) -> tuple[object, ...]:
    return (int(m.version) if m.version.isdigit() else float("inf"), posixpath.basename(m.path))


FRAMEWORK: Framework = JsFramework(
    "typeorm",
    Dialect(
        "up()",
        "down()",
        inverse,
        add_down="`public async down(queryRunner: QueryRunner): Promise<void> {…}`",
        words=TYPEORM_WORDS,
        defaults_fill=True,
    ),
    order=_order,
)
