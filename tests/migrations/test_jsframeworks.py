"""Knex, Sequelize, TypeORM and Laravel: what the data cases cannot express.

``framework: auto`` must tell the three JS frameworks apart (same ``up``/``down`` exports),
discovery must order migrations as the framework runs them, and findings must carry
line-independent keys and concrete messages.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from rollback_gate.migrations import load
from rollback_gate.migrations.base import MemorySource

KNEX = """exports.up = function (knex) {
  return knex.schema.alterTable('orders', (t) => { t.string('note'); });
};
exports.down = function () {};
"""
SEQUELIZE = """module.exports = {
  async up(queryInterface, Sequelize) {
    await queryInterface.addColumn('orders', 'note', Sequelize.STRING);
  },
  async down() {},
};
"""
TYPEORM = """import { MigrationInterface, QueryRunner } from 'typeorm';
export class Note1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ADD "note" text`);
  }
  async down(): Promise<void> {}
}
"""
LARAVEL = """<?php
return new class extends Illuminate\\Database\\Migrations\\Migration {
    public function up(): void { Schema::table('orders', fn ($t) => $t->text('note')->nullable()); }
    public function down(): void { }
};
"""
# db-migrate names its files as sequelize-cli does: told by its calls on `db` (pages-core,
# round AX: labelled Sequelize, its `allowNull` read as NOT NULL)
DB_MIGRATE = """exports.up = (db, callback) =>
  db.addColumn('orders', 'note', { type: 'text', allowNull: false }, callback);

exports.down = (db, callback) => callback();
"""
TREES = {
    "knex": {"db/migrations/20240101000000_note.js": KNEX},
    "db-migrate": {"db/migrations/20240101000000-note.js": DB_MIGRATE},
    "sequelize": {"db/migrations/20240101000000-note.js": SEQUELIZE},
    "typeorm": {"src/migrations/1700000000000-Note.ts": TYPEORM},
    "laravel": {"database/migrations/2024_01_01_000000_note.php": LARAVEL},
}
NAMES = tuple(TREES)


@pytest.mark.parametrize("name", NAMES)
def test_detect_tells_frameworks_apart(name: str) -> None:
    files: dict[str, str | bytes] = dict(TREES[name])
    source = MemorySource(files)
    counts = {other: load(other).detect(sorted(files), source) for other in NAMES}
    assert counts[name] == 1
    assert all(count == 0 for other, count in counts.items() if other != name), counts


def test_detect_falls_back_to_file_names() -> None:
    """A body without framework markers is placed by the naming convention."""
    body = "exports.up = (db) => db.run('x');\nexports.down = (db) => db.run('y');\n"
    files: dict[str, str | bytes] = {
        "m/20240101000000_a.js": body,
        "m/20240101000001-b.js": body,
        "m/1700000000000-C.js": body,
    }
    source = MemorySource(files)
    assert load("knex").detect(sorted(files), source) == 1
    assert load("sequelize").detect(sorted(files), source) == 1
    assert load("typeorm").detect(sorted(files), source) == 1


@pytest.mark.parametrize("name", NAMES)
def test_empty_down_names_table_and_column(name: str) -> None:
    files: dict[str, str | bytes] = dict(TREES[name])
    source = MemorySource(files)
    framework = load(name)
    (migration,) = framework.discover(sorted(files), source)
    (finding,) = list(framework.analyse(migration, source))
    assert finding.rule == "RG201"
    assert "orders.note" in finding.message
    assert "note" in finding.fix
    assert finding.key == "RG201:add_column:orders.note"


def test_discover_orders_and_versions() -> None:
    files: dict[str, str | bytes] = {
        "migrations/20240102000000_b.js": KNEX,
        "migrations/20240101000000_a.js": KNEX,
        "migrations/index.js": "module.exports = require('./x');\n",
        "migrations/helpers.js": "exports.column = () => 1;\n",
        "migrations/.migrationTemplate.js": KNEX,  # a generator's template (tamanu, round AG)
    }
    found = load("knex").discover(sorted(files), MemorySource(files))
    assert [m.version for m in found] == ["20240101000000", "20240102000000"]
    assert [m.name for m in found] == ["a", "b"]


def test_typeorm_orders_by_numeric_timestamp() -> None:
    files: dict[str, str | bytes] = {
        "m/1700000000000-Late.ts": TYPEORM,
        "m/999999999999-Early.ts": TYPEORM,
    }
    found = load("typeorm").discover(sorted(files), MemorySource(files))
    assert [m.version for m in found] == ["999999999999", "1700000000000"]


def test_laravel_versions_are_date_prefixes() -> None:
    files: dict[str, str | bytes] = {
        "database/migrations/2024_01_02_000000_b.php": LARAVEL,
        "database/migrations/2014_10_12_000000_create_users_table.php": LARAVEL,
    }
    found = load("laravel").discover(sorted(files), MemorySource(files))
    assert [m.version for m in found] == ["2014_10_12_000000", "2024_01_02_000000"]
    assert found[0].name == "create_users_table"


def test_keys_do_not_depend_on_lines() -> None:
    framework = load("knex")
    body = "exports.up = (knex) => knex.schema.dropTable('users');\nexports.down = () => {};\n"
    keys = []
    for prefix in ("", "\n\n// moved down\n"):
        files: dict[str, str | bytes] = {"m/20240101000000_x.js": prefix + body}
        source = MemorySource(files)
        (migration,) = framework.discover(sorted(files), source)
        keys.append(sorted(f.key for f in framework.analyse(migration, source)))
    assert keys[0] == keys[1] == ["RG201:drop_table:users", "RG203:drop_table:users"]


@pytest.mark.parametrize("name", NAMES)
def test_speed_sanity(name: str) -> None:
    """Hundreds of migrations per second even on a slow CI machine."""
    ((path, text),) = TREES[name].items()
    stem, _, ext = path.rpartition(".")
    files: dict[str, str | bytes] = {f"{stem}{i:04d}.{ext}": text for i in range(300)}
    source = MemorySource(files)
    framework = load(name)
    framework.analyse(framework.discover(sorted(files)[:1], source)[0], source)  # warm up
    start = time.perf_counter()
    migrations = framework.discover(sorted(files), source)
    findings = [f for m in migrations for f in framework.analyse(m, source)]
    elapsed = time.perf_counter() - start
    assert len(migrations) == 300 and len(findings) == 300
    assert elapsed < 1.5, f"{300 / elapsed:.0f} files/s"


@pytest.mark.parametrize(
    ("up", "severity"),
    [
        ("await queryInterface.sequelize.query('UPDATE users SET email = lower(email)');", "P2"),
        ("await queryInterface.bulkInsert('roles', [{ name: 'viewer' }]);", "P2"),
        ("await queryInterface.addColumn('users', 'age', Sequelize.INTEGER);", None),
        ("await helpers.migrateEverything(queryInterface);", None),
    ],
)
def test_empty_down_after_data_only_up_is_a_warning(up: str, severity: str | None) -> None:
    """A backfill nobody undoes is often intended: RG201 at P2, not the default P0."""
    text = (
        f"module.exports = {{\n  async up(queryInterface, Sequelize) {{\n    {up}\n  }},\n"
        "  async down() {},\n};\n"
    )
    files: dict[str, str | bytes] = {"m/20240101000000-x.js": text}
    source = MemorySource(files)
    framework = load("sequelize")
    (migration,) = framework.discover(sorted(files), source)
    (finding,) = list(framework.analyse(migration, source))
    assert finding.rule == "RG201"
    assert (finding.severity.value if finding.severity else None) == severity


@pytest.mark.parametrize(
    ("up", "severity"),
    [
        ("Status::whereNull('uri')->each(fn ($s) => $s->save());", "P2"),
        ("DB::table('users')->where('id', 1)->update(['admin' => true]);", "P2"),
        ("Schema::table('users', fn ($t) => $t->boolean('admin')->default(false));", None),
        ("Artisan::call('app:rebuild-schema');", None),
    ],
)
def test_laravel_empty_down_after_row_code_is_a_warning(up: str, severity: str | None) -> None:
    """Laravel changes the schema only through Schema::/DB::statement: other code is rows."""
    text = (
        "<?php\nreturn new class extends Migration {\n"
        f"    public function up(): void {{ {up} }}\n"
        "    public function down(): void { }\n};\n"
    )
    files: dict[str, str | bytes] = {"database/migrations/2024_01_01_000000_x.php": text}
    source = MemorySource(files)
    framework = load("laravel")
    (migration,) = framework.discover(sorted(files), source)
    (finding,) = list(framework.analyse(migration, source))
    assert finding.rule == "RG201"
    assert (finding.severity.value if finding.severity else None) == severity


def test_computed_names_are_printed_as_expressions() -> None:
    """A name known only at run time reads as its expression, not as a table name."""
    case = (
        Path(__file__).parent.parent / "data/migrations/knex/computed-names-printed-as-expressions"
    )
    name = "20240101120000_drop_sessions.js"
    files: dict[str, str | bytes] = {name: (case / name).read_text()}
    source = MemorySource(files)
    framework = load("knex")
    (migration,) = framework.discover(sorted(files), source)
    messages = sorted(f.message for f in framework.analyse(migration, source))
    assert messages == [
        "up() drops column ${name}.legacy: rolling back cannot bring its data back",
        "up() drops table ${prefix}_sessions: rolling back cannot bring its data back",
    ]


@pytest.mark.parametrize(
    ("given", "table"),
    [
        ("process.env.DATASTORE_SEQUELIZE_PREFIX || ''", "collections"),
        ("process.env.PREFIX ?? 'sd_'", "sd_collections"),
        ("process.env.PREFIX", "${table}"),  # no default: known at run time
        ("settings.prefix || ''", "${table}"),  # not a setting of the process
    ],
)
def test_a_prefix_from_the_environment_with_a_default_is_the_default(
    given: str, table: str
) -> None:
    """screwdriver-cd/data-schema (round AJ): ``const prefix = process.env.… || ''``, the
    table ``${prefix}collections``: named by its default, not as ``${table}``."""
    text = (
        f"const prefix = {given};\nconst table = `${{prefix}}collections`;\n"
        "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n"
        "    await queryInterface.addConstraint(table, ['userId', 'name'], {type: 'unique'});\n"
        "  },\n  down: async (queryInterface) => {\n"
        "    await queryInterface.removeConstraint(table, 'k');\n  },\n};\n"
    )
    files: dict[str, str | bytes] = {"migrations/20191111-add_uniquekey.js": text}
    source = MemorySource(files)
    framework = load("sequelize")
    (migration,) = framework.discover(sorted(files), source)
    (finding,) = [f for f in framework.analyse(migration, source) if f.rule == "RG224"]
    assert finding.message.endswith(f"existing table {table}")


@pytest.mark.parametrize(
    ("column", "rules"),
    [
        # licences (round R): the CHECK is over a column the step adds with a default
        ("t.string('state', 20).notNullable().defaultTo('PENDING');", []),
        ("", ["RG224"]),  # over a column the previous release writes
    ],
)
def test_a_knex_check_is_judged_by_its_expression(column: str, rules: list[str]) -> None:
    text = (
        "exports.up = async function up(knex) {\n"
        "  await knex.schema.alterTable('orders', (t) => {\n"
        f"    {column}\n"
        "    t.check(\"state IN ('PENDING', 'DONE')\", [], 'orders_state_check')\n"
        "  })\n}\n"
        "exports.down = async function down(knex) {\n"
        "  await knex.schema.alterTable('orders', (t) => { t.dropChecks('orders_state_check') })\n"
        "}\n"
    )
    assert _n1_rules("knex", "migrations/20260623100000_state.js", text) == rules


def _n1_rules(framework: str, path: str, text: str) -> list[str]:
    """The RG22x rules of the one migration ``text`` is, at ``path``."""
    source = MemorySource({path: text})
    fw = load(framework)
    (m,) = fw.discover([path], source)
    return [f.rule for f in fw.analyse(m, source) if f.rule.startswith("RG22")]


@pytest.mark.parametrize(
    ("new", "old", "rules"),
    [
        # tamanu's 032 (round AG): an enum made a STRING holds every label
        ("Sequelize.STRING", "Sequelize.ENUM(['suspected', 'confirmed'])", []),
        ("Sequelize.STRING(255)", "Sequelize.ENUM('suspected', 'confirmed')", []),
        ("Sequelize.STRING(5)", "Sequelize.ENUM('suspected', 'confirmed')", ["RG223"]),
        # labels from a constant are not known: as before, nothing said of the old type
        ("Sequelize.STRING(5)", "Sequelize.ENUM(STATUSES)", []),
    ],
)
def test_a_sequelize_enum_made_a_string_is_judged_by_its_labels(
    new: str, old: str, rules: list[str]
) -> None:
    text = (
        "module.exports = {\n"
        "  up: async (query, Sequelize) => {\n"
        f"    await query.changeColumn('diagnoses', 'certainty', {{ type: {new} }});\n"
        "  },\n"
        "  down: async (query, Sequelize) => {\n"
        f"    await query.changeColumn('diagnoses', 'certainty', {{ type: {old} }});\n"
        "  },\n"
        "};\n"
    )
    assert _n1_rules("sequelize", "migrations/20260623100000-certainty.js", text) == rules


@pytest.mark.parametrize(
    ("new", "old", "rules"),
    [
        # mentoring (round BO, a miss): integer ids made an array of strings
        ("Sequelize.ARRAY(Sequelize.STRING)", "Sequelize.ARRAY(Sequelize.INTEGER)", ["RG223"]),
        ("Sequelize.ARRAY(Sequelize.TEXT)", "Sequelize.ARRAY(Sequelize.STRING(50))", []),
        ("Sequelize.ARRAY(Sequelize.STRING(50))", "Sequelize.ARRAY(Sequelize.TEXT)", ["RG223"]),
        # elements of a type not read: the array's type is not known
        ("Sequelize.ARRAY(Sequelize.GEOMETRY)", "Sequelize.ARRAY(Sequelize.INTEGER)", []),
    ],
)
def test_a_sequelize_array_is_its_elements_type(new: str, old: str, rules: list[str]) -> None:
    text = (
        "module.exports = {\n"
        "  up: async (query, Sequelize) => {\n"
        f"    await query.changeColumn('sessions', 'visible_to', {{ type: {new} }});\n"
        "  },\n"
        "  down: async (query, Sequelize) => {\n"
        f"    await query.changeColumn('sessions', 'visible_to', {{ type: {old} }});\n"
        "  },\n"
        "};\n"
    )
    assert _n1_rules("sequelize", "migrations/20260623100000-visible.js", text) == rules


@pytest.mark.parametrize(
    ("new", "old", "rules"),
    [
        # citizenos (round AU): lengths from constants of the file, 100 made 1000
        ("Sequelize.STRING(MAX)", "Sequelize.STRING(MAX_OLD)", []),
        ("Sequelize.STRING(MAX_OLD)", "Sequelize.STRING(MAX)", ["RG223"]),
        ("Sequelize.STRING(MAX, true)", "Sequelize.STRING(MAX_OLD)", []),
        ("Sequelize.TEXT('tiny')", "Sequelize.TEXT", ["RG223"]),
        # a length known only at run time: not judged as Sequelize's default 255
        ("Sequelize.STRING(limits.title)", "Sequelize.STRING(300)", []),
    ],
)
def test_a_sequelize_length_is_read_from_the_file_s_constants(
    new: str, old: str, rules: list[str]
) -> None:
    text = (
        "'use strict';\n\nvar MAX_OLD = 100;\nconst MAX = 1000;\n\n"
        "module.exports = {\n"
        "  up: (queryInterface, Sequelize) => {\n"
        f"    return queryInterface.changeColumn('Topics', 'title', {{ type: {new} }});\n"
        "  },\n"
        "  down: (queryInterface, Sequelize) => {\n"
        f"    return queryInterface.changeColumn('Topics', 'title', {{ type: {old} }});\n"
        "  },\n"
        "};\n"
    )
    assert _n1_rules("sequelize", "migrations/20190131123024-title.js", text) == rules


@pytest.mark.parametrize(
    ("new", "rules"),
    [
        # near-contract-helper (round AG): the CHECK drawn again with more kinds allowed
        ("['email', 'phone', 'phrase', '2fa-email']", []),
        ("['email', 'phone']", ["RG224"]),  # one kind fewer: the previous release's rows
        ("{ [Op.ne]: 'x' }", ["RG224"]),  # an operator: not read, the finding stays
    ],
)
def test_a_sequelize_check_is_judged_by_its_where(new: str, rules: list[str]) -> None:
    def check(kinds: str) -> str:
        return (
            "queryInterface.removeConstraint('RecoveryMethods', 'kind_constraint')"
            ".then(() => queryInterface.addConstraint('RecoveryMethods', {\n"
            "  fields: ['kind'], name: 'kind_constraint', type: 'check',\n"
            f"  where: {{ kind: {kinds} }},\n"
            "}))"
        )

    text = (
        "module.exports = {\n"
        f"  up: (queryInterface) => {{\n    return {check(new)};\n  }},\n"
        f"  down: (queryInterface) => {{\n    return {check(repr(['email', 'phone', 'phrase']))};\n"
        "  },\n};\n"
    )
    path = "migrations/20200630005719-update-recoverymethod-contraint.js"
    assert _n1_rules("sequelize", path, text) == rules


HELPER = """'use strict';
let doTransaction = (tableName, queryInterface, operations) => {
  return queryInterface.sequelize.transaction(trx => {
    return Promise.all(operations.map(operation => {
      switch (operation.operation) {
      case 'add':
        return queryInterface.addColumn(tableName, operation.field, { type: operation.type });
      case 'renameTable':
        return queryInterface.renameTable(tableName, operation.newTableName);
      }
    }));
  });
};
module.exports = doTransaction;
"""


def test_operations_named_by_a_helper_s_data_are_unanalysable() -> None:
    """fs-open-forest-platform (round AV): every migration passed its operations as data
    to one helper, whose switch was read as every branch run on names such as
    `${operation.newTableName}`: fifteen RG221 that no migration makes. What the gate
    cannot read is RG205, not a guess."""
    path = "server/dba/migrations/04-addSigReason.js"
    text = (
        "'use strict';\nlet doTransaction = require('./modules/transaction');\n"
        "module.exports = {\n  up: function(queryInterface, Sequelize) {\n"
        "    let operations = [{ operation: 'add', field: 'signature', type: Sequelize.STRING }];\n"
        "    return doTransaction('applications', queryInterface, operations);\n  },\n"
        "  down: function(queryInterface, Sequelize) {\n"
        "    return queryInterface.removeColumn('applications', 'signature');\n  }\n};\n"
    )
    source = MemorySource({path: text, "server/dba/migrations/modules/transaction.js": HELPER})
    fw = load("sequelize")
    (m,) = fw.discover([path], source)
    found = list(fw.analyse(m, source))
    assert [f.rule for f in found] == ["RG205"]
    assert "operation.field" in found[0].message


@pytest.mark.parametrize(("created", "rules"), [(True, []), (False, ["RG224"])])
def test_a_shorthand_table_name_is_the_variable_s_value(created: bool, rules: list[str]) -> None:
    """ELEVATE's user service (round BP): ``{ tableName, schema: 'public' }`` names the
    table the file's ``const tableName`` holds, which the same step creates."""
    create = (
        "    await queryInterface.createTable(tableName, { id: Sequelize.INTEGER });\n"
        if created
        else ""
    )
    text = (
        "const tableName = 'registration_codes'\n\n"
        "module.exports = {\n"
        "  up: async (queryInterface, Sequelize) => {\n"
        f"{create}"
        "    await queryInterface.addIndex({ tableName, schema: 'public' }, ['code'], {\n"
        "      name: 'index_code', unique: true,\n    })\n"
        "  },\n"
        "  down: async (queryInterface) => {\n"
        "    await queryInterface.removeIndex({ tableName, schema: 'public' }, 'index_code')\n"
        "  },\n"
        "};\n"
    )
    assert _n1_rules("sequelize", "migrations/20260623100000-codes.js", text) == rules


def test_a_column_the_step_adds_is_not_required_before_it_whatever_the_down_step_says() -> None:
    """ELEVATE's user service (round BP, a miss): the column added nullable, filled and
    made NOT NULL; the down step restates it NOT NULL where it should drop it, which says
    nothing of a column no release had before this step."""
    text = (
        "module.exports = {\n"
        "  up: async (queryInterface, Sequelize) => {\n"
        "    await queryInterface.addColumn('templates', 'org_code', { type: Sequelize.STRING,"
        " allowNull: true })\n"
        "    await queryInterface.sequelize.query('UPDATE templates SET org_code = 1')\n"
        "    await queryInterface.changeColumn('templates', 'org_code', { type: Sequelize.STRING,"
        " allowNull: false })\n"
        "  },\n"
        "  down: async (queryInterface, Sequelize) => {\n"
        "    await queryInterface.changeColumn('templates', 'org_code', { type: Sequelize.STRING,"
        " allowNull: false })\n"
        "  },\n"
        "};\n"
    )
    assert _n1_rules("sequelize", "migrations/20260623100000-org-code.js", text) == ["RG222"]


@pytest.mark.parametrize(
    ("declared", "rules"),
    [("DataTypes.ENUM('A', 'B')", ["RG222"]), ("DataTypes.STRING(20)", ["RG222"])],
)
def test_a_type_the_module_declares_once_is_read_at_its_use(
    declared: str, rules: list[str]
) -> None:
    """aalto-grades (round CQ, a miss): `const department = DataTypes.ENUM(…)` at the top,
    `type: department` in the add (nullable), the backfill and the change to NOT NULL."""
    text = (
        "import { DataTypes } from 'sequelize';\n\n"
        f"const department = {declared};\n\n"
        "export default {\n  up: async (queryInterface) => {\n"
        "    await queryInterface.addColumn('course', 'department', { type: department,"
        " allowNull: true });\n"
        "    await queryInterface.sequelize.query(\"UPDATE course SET department = 'A'\");\n"
        "    await queryInterface.changeColumn('course', 'department', { type: department,"
        " allowNull: false });\n  },\n"
        "  down: async (queryInterface) => {\n"
        "    await queryInterface.removeColumn('course', 'department');\n  },\n};\n"
    )
    assert _n1_rules("sequelize", "migrations/00004-department.ts", text) == rules


@pytest.mark.parametrize(("dropped", "rules"), [(True, []), (False, ["RG224"])])
def test_a_project_s_remove_constraint_helper_drops_the_key_it_adds_back(
    dropped: bool, rules: list[str]
) -> None:
    """elcc-data-management (round BT): the project's own `removeConstraint(queryInterface,
    "fiscal_periods", {type: "FOREIGN KEY", fields})`, an imported MSSQL helper whose SQL
    is built at run time, drops the key the step then adds back: a key re-drawn, not one
    added. Without the drop, the key is new to the previous release."""
    drop = (
        "  await removeConstraint(queryInterface, 'fiscal_periods', {\n"
        "    type: 'FOREIGN KEY', fields: ['funding_period_id'],\n  })\n"
        if dropped
        else ""
    )
    text = (
        "import { removeConstraint } from '@/db/utils/mssql-remove-constraint'\n\n"
        "export async function up({ context: queryInterface }) {\n"
        f"{drop}"
        "  await queryInterface.addConstraint('fiscal_periods', {\n"
        "    fields: ['funding_period_id'], type: 'FOREIGN KEY',\n"
        "    references: { table: 'funding_periods', field: 'id' },\n  })\n"
        "}\n\n"
        "export async function down() {}\n"
    )
    assert _n1_rules("sequelize", "migrations/2025.12.24T23.01.11.non-null.ts", text) == rules


@pytest.mark.parametrize(
    ("altered", "rules"),
    [
        ("notNullable().alter()", ["RG222"]),  # restated without its default: dropped
        ("notNullable().defaultTo(0).alter()", []),
    ],
)
def test_a_knex_alter_restating_a_new_column_without_its_default_drops_it(
    altered: str, rules: list[str]
) -> None:
    """safety (round BU, a miss): `hazard_review` added nullable `.defaultTo(0)`, filled,
    then `.notNullable().alter()`: Knex's `alter()` restates the whole column, dropping a
    default it is not given again, so the previous release's inserts, which leave the
    column out, fail on the NOT NULL."""
    text = (
        "export async function up(knex) {\n"
        '  await knex.schema.alterTable("actions", function (table) {\n'
        '    table.integer("hazard_review").nullable().defaultTo(0);\n  });\n'
        '  await knex("actions").update({ hazard_review: 0 });\n'
        '  await knex.schema.alterTable("actions", function (table) {\n'
        f'    table.integer("hazard_review").{altered};\n  }});\n}}\n\n'
        "export async function down(knex) {\n"
        '  await knex.schema.alterTable("actions", (table) => table.dropColumn("hazard_review"));\n'
        "}\n"
    )
    assert _n1_rules("knex", "migrations/20240101000000_review.ts", text) == rules


@pytest.mark.parametrize(
    ("constraint", "dated", "float_args", "rules"),
    [
        # OGameX (round BX): Laravel 11's `float('metal')` is FLOAT(53), a double that
        # holds every integer the column held
        ("^11.0", "2025_01_18", "", []),
        ("^13.0", "2025_01_18", "", []),
        ("^10.10|^11.0", "2025_01_18", "", ["RG223"]),  # may run under 10: DOUBLE(8, 2)
        ("^9.0", "2025_01_18", "", ["RG223"]),
        ("^11.0", "2023_05_02", "", ["RG223"]),  # dated before 11: ran under its day's
        ("^11.0", "2025_01_18", ", 16", ["RG223"]),  # a single: 24 bits at most
    ],
)
def test_laravel_float_is_a_double_from_laravel_11(
    constraint: str, dated: str, float_args: str, rules: list[str]
) -> None:
    path = f"database/migrations/{dated}_221354_debris_to_float.php"
    up = f"$table->float('metal'{float_args})->default(0)->change();"
    down = "$table->integer('metal')->default(0)->change();"
    assert _laravel_n1(path, "debris_fields", up, down, constraint) == rules


def _laravel_n1(path: str, table: str, up: str, down: str, constraint: str) -> list[str]:
    """The RG22x rules of a Laravel migration of one ``Schema::table`` line each way, in
    a project whose ``composer.json`` requires ``laravel/framework`` ``constraint``."""
    text = (
        "<?php\nreturn new class extends Migration {\n    public function up(): void {\n"
        f"        Schema::table('{table}', function (Blueprint $table) {{\n"
        f"            {up}\n        }});\n    }}\n    public function down(): void {{\n"
        f"        Schema::table('{table}', function (Blueprint $table) {{\n"
        f"            {down}\n        }});\n    }}\n}};\n"
    )
    composer = json.dumps({"require": {"php": "^8.2", "laravel/framework": constraint}})
    files: dict[str, str | bytes] = {path: text, "composer.json": composer}
    source = MemorySource(files)
    fw = load("laravel")
    (m,) = fw.discover([path], source)
    return [f.rule for f in fw.analyse(m, source) if f.rule.startswith("RG22")]


@pytest.mark.parametrize(
    ("constraint", "dated", "chain", "rules"),
    [
        # Test-Correct (round CS): before Laravel 11, `->change()` changes only what the
        # chain says (Doctrine DBAL's column diff): the column stays nullable
        ("^9.0", "2025_01_18", "", []),
        ("^11.0", "2023_05_02", "", []),  # dated before 11: ran under its day's
        ("^11.0", "2025_01_18", "", ["RG222"]),  # 11 restates it: NOT NULL now
        ("^9.0", "2025_01_18", "->nullable(false)", ["RG222"]),
        ("^11.0", "2025_01_18", "->nullable()", []),
    ],
)
def test_laravel_change_keeps_what_it_does_not_say_before_laravel_11(
    constraint: str, dated: str, chain: str, rules: list[str]
) -> None:
    path = f"database/migrations/{dated}_101805_epp_to_string.php"
    up = f"$table->string('epp', 64){chain}->change();"
    down = "$table->string('epp', 32)->nullable()->change();"
    assert _laravel_n1(path, "test_takes", up, down, constraint) == rules


_WORKER = (
    "'use strict';\nconst table = { tableName: 'Worker', schema: 'cqc' };\n\n"
    "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n"
    "    await queryInterface.renameColumn(table, 'FluJabValue', 'LastYearFluJabValue');\n"
    "{readd}"
    "  },\n  down: async (queryInterface, Sequelize) => {\n"
    "    await queryInterface.renameColumn(table, 'LastYearFluJabValue', 'FluJabValue');\n"
    "  },\n};\n"
)


@pytest.mark.parametrize(
    ("readd", "rules"),
    [
        # SopraSteria-SFC (round BZ): renamed aside and added again with the enum Sequelize
        # made for it: the previous release still finds the column, of its type
        ("    await queryInterface.sequelize.query(`ALTER TABLE cqc.\"Worker\" ADD COLUMN "
         "\"FluJabValue\" cqc.\"enum_Worker_FluJabValue\" DEFAULT NULL;`);\n", []),
        ("", ["RG220"]),  # renamed away only
    ],
)  # fmt: skip
def test_a_sequelize_table_constant_object_names_its_table(readd: str, rules: list[str]) -> None:
    text = _WORKER.replace("{readd}", readd)
    path = "backend/migrations/20210831095955-updateFluVaccination.js"
    assert _n1_rules("sequelize", path, text) == rules
    if rules:
        source = MemorySource({path: text})
        fw = load("sequelize")
        (m,) = fw.discover([path], source)
        [rg220] = [f for f in fw.analyse(m, source) if f.rule == "RG220"]
        assert "cqc.Worker.FluJabValue" in rg220.message


def test_a_sequelize_table_renamed_by_its_object_form_is_a_rename() -> None:
    """SopraSteria-SFC (round BZ): ``renameTable({ tableName, schema }, 'Notes', { schema
    })`` was read as no rename, its options taken for the old name; the new name is in
    the options' schema."""
    text = (
        "module.exports = {\n  up: (queryInterface, Sequelize) => queryInterface.renameTable(\n"
        "    { tableName: 'RegistrationNotes', schema: 'cqc' }, 'Notes', { schema: 'cqc' }),\n"
        "  down: (queryInterface) => queryInterface.renameTable(\n"
        "    { tableName: 'Notes', schema: 'cqc' }, 'RegistrationNotes', { schema: 'cqc' }),\n};\n"
    )
    path = "backend/migrations/20210927124124-rename.js"
    source = MemorySource({path: text})
    fw = load("sequelize")
    (m,) = fw.discover([path], source)
    [rg221] = [f for f in fw.analyse(m, source) if f.rule == "RG221"]
    assert "cqc.RegistrationNotes to cqc.Notes" in rg221.message, rg221.message


@pytest.mark.parametrize(
    ("column", "rules"),
    [
        # therr-app's invite token (round CC): a fresh uuid in every row, none repeated
        ("t.uuid('token').notNullable().defaultTo(knex.raw('uuid_generate_v4()'))", []),
        ("t.uuid('token').notNullable().defaultTo(knex.fn.uuid())", []),
        # a constant: every row the previous release writes holds the same value
        ("t.string('token').notNullable().defaultTo('x')", ["RG224"]),
    ],
    ids=["raw-uuid", "fn-uuid", "constant"],
)
def test_a_knex_key_over_a_column_the_step_adds_with_a_default(
    column: str, rules: list[str]
) -> None:
    text = (
        "exports.up = (knex) => knex.schema.alterTable('invites', (t) => {\n"
        f"  {column};\n  t.unique(['token']);\n}});\n"
        "exports.down = (knex) => knex.schema.alterTable('invites', (t) => {\n"
        "  t.dropUnique(['token']);\n  t.dropColumn('token');\n});\n"
    )
    assert _n1_rules("knex", "migrations/20260703000001_token.js", text) == rules


@pytest.mark.parametrize(
    ("chain", "rules"), [(".nullable().unique().alter()", ["RG224"]), (".nullable().alter()", [])]
)
def test_a_knex_unique_chained_on_an_altered_column_adds_a_key(
    chain: str, rules: list[str]
) -> None:
    """therr-app's ``table.string('userName').nullable().unique().alter()`` on the existing
    ``users`` (round CC, a miss): the key the previous release's duplicate names break."""
    text = (
        "exports.up = (knex) => knex.schema.alterTable('users', (table) => {\n"
        f"  table.string('userName'){chain};\n}});\n"
        "exports.down = (knex) => knex.schema.alterTable('users', (table) => {\n"
        "  table.dropUnique('userName');\n});\n"
    )
    assert _n1_rules("knex", "migrations/20240721150113_user.js", text) == rules


@pytest.mark.parametrize(("recreate", "rules"), [(True, []), (False, ["RG221"])])
def test_sql_kept_in_a_typeorm_class_field_is_read(recreate: bool, rules: list[str]) -> None:
    """bluebubbles-server's ContactTables (round CD): the rebuild's SQL sits in class
    fields (``createContactTable = `CREATE TABLE …```, ``${this.columns}``), so
    ``query(this.createContactTable)`` makes the renamed table again: a rebuild in place,
    not a rename (RG221)."""
    again = "    await queryRunner.query(this.createContact);\n" if recreate else ""
    text = (
        "import { MigrationInterface, QueryRunner } from 'typeorm';\n"
        "export class Contacts1654432080899 implements MigrationInterface {\n"
        "  columns = 'id, name';\n"
        '  createContact = `CREATE TABLE "contact" ("id" integer PRIMARY KEY, "name" text)`;\n'
        "  async up(queryRunner: QueryRunner): Promise<void> {\n"
        '    await queryRunner.query(`ALTER TABLE "contact" RENAME TO "contact_old"`);\n'
        f"{again}"
        "    await queryRunner.query(\n"
        '      `INSERT INTO "contact" (${this.columns})'
        ' SELECT ${this.columns} FROM "contact_old"`);\n'
        '    await queryRunner.query(`DROP TABLE "contact_old"`);\n'
        "  }\n"
        "  async down(queryRunner: QueryRunner): Promise<void> {}\n"
        "}\n"
    )
    assert _n1_rules("typeorm", "src/migrations/1654432080899-Contacts.ts", text) == rules
