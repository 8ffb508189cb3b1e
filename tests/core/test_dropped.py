"""RG225 dropped-while-used, and RG203 lowered to P3 for the contract step, on real git repos.

The code at the base is read with ``git grep`` over the object database; each case is a
drop plus the application code the previous release runs.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks.dropped import Drop
from rollback_gate.checks.history.order import model_name
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Finding, Related, Severity

GO = "db/migrations"
DROP_NOTE = {
    f"{GO}/000002_drop_note.up.sql": "ALTER TABLE orders DROP COLUMN note;\n",
    f"{GO}/000002_drop_note.down.sql": "ALTER TABLE orders ADD COLUMN note text;\n",
}
RAILS_DROP = {
    "db/migrate/20240101000000_remove_note.rb": "class RemoveNote < ActiveRecord::Migration[7.1]\n"
    "  def change\n    remove_column :orders, :note, :text\n  end\nend\n"
}
DJANGO_DROP = {
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": "from django.db import migrations, models\n\n"
    "class Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n"
    "    operations = [migrations.CreateModel(name='Order', fields=[('id', models.AutoField("
    "primary_key=True)), ('note', models.TextField())])]\n",
    "shop/migrations/0002_remove_note.py": "from django.db import migrations\n\n"
    "class Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n"
    "    operations = [migrations.RemoveField(model_name='order', name='note')]\n",
}


def _run(git_repo: Any, base_files: dict[str, str], pr_files: dict[str, str], path: str, fw: str):  # type: ignore[no-untyped-def]
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": git_repo.migrations_config(path, fw), **base_files}
    )
    git_repo.commit("pr", pr_files)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    found = list(engine.check(ctx))
    return {f.rule: f for f in found if f.rule in ("RG203", "RG225")}, ctx.notes


INIT = {f"{GO}/000001_init.up.sql": "CREATE TABLE orders (id int, note text);\n",
        f"{GO}/000001_init.down.sql": "DROP TABLE orders;\n"}  # fmt: skip


@pytest.mark.parametrize(("name", "used"), [("Label", False), ("FieldNote", True)])
def test_ent_s_generated_label_is_no_use_of_a_column(git_repo: Any, name: str, used: bool) -> None:
    """e2b's infra (round AZ): ent's generated package says ``Label = "access_token"``, the
    entity type's name; the dropped column of that name is used by no field constant."""
    code = {
        "ent/note/note.go": f'package note\n\nconst (\n\t{name} = "note"\n\tTable = "orders"\n)\n'
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert ("RG225" in got) is used


def test_a_column_a_table_is_rebuilt_without_is_asked_though_its_copy_reads_it(
    git_repo: Any,
) -> None:
    """plandex (round BP, a miss): ``custom_models`` renamed aside and made again without
    columns the previous release writes; the copy's SELECT from the old table names them
    after the rename, which is no column brought back."""
    rebuild = {
        f"{GO}/000002_rebuild.up.sql": (
            "ALTER TABLE orders RENAME TO orders_legacy;\n"
            "CREATE TABLE orders (id int, total int);\n"
            "INSERT INTO orders (id, total) SELECT id, length(note) FROM orders_legacy;\n"
        ),
        f"{GO}/000002_rebuild.down.sql": "SELECT 1;\n",
    }
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, rebuild, GO, "golang-migrate")
    assert [(r.path, r.line) for r in got["RG225"].related] == [("app/orders.go", 3)]


def test_a_column_the_code_still_reads_is_rg225(git_repo: Any) -> None:
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    rg225 = got["RG225"]
    assert rg225.severity is None  # the catalog's P0
    assert (rg225.path, rg225.line) == (f"{GO}/000002_drop_note.up.sql", 1)
    assert "app/orders.go:3" in rg225.message
    assert [(r.path, r.line) for r in rg225.related] == [("app/orders.go", 3)]
    assert got["RG203"].severity is None  # still P1: data is lost too


@pytest.mark.parametrize(
    ("query", "used"),
    [
        # exposure-notifications-server (round Y): the column list on its own lines
        ("SELECT\n\t\tid, total,\n\t\tnote, kind\n\tFROM\n\t\torders\n\tWHERE id = $1", True),
        ("SELECT\n\t\tid, note\n\tFROM orders", True),
        # the same words in a list far from any statement on the table
        ("id, note,\nkind\n\n\n\n\n\nSELECT id FROM orders", False),
    ],
)
def test_a_column_in_a_multi_line_sql_list_is_a_use(git_repo: Any, query: str, used: bool) -> None:
    code = {"app/orders.go": f"package app\n\nconst q = `\n{query}`\n"}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert ("RG225" in got) is used


def test_the_contract_step_lowers_rg203_to_p3(git_repo: Any) -> None:
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got
    assert got["RG203"].severity is not None and got["RG203"].severity.value == "P3"
    assert "contract step" in got["RG203"].message


@pytest.mark.parametrize(("fields", "lowered"), [("id,\n        note,", False), ("id,", True)])
def test_a_column_named_only_as_a_bare_word_beside_its_table_is_not_retired(
    git_repo: Any, fields: str, lowered: bool
) -> None:
    """assistant-pilot (round BO): Knex inserts objects whose shorthand property is the
    column, in a service injected with its table's client: a bare word, no column-like
    use, yet no evidence that the code stopped using the column (P1, not P3)."""
    service = (
        "export class Orders {\n"
        "  constructor(@InjectKnexClient('orders') private db: KnexClient<'orders'>) {}\n\n"
        "  save(items: Item[]) {\n"
        "    return this.db.insert(\n"
        "      items.map((item) => ({\n"
        f"        {fields}\n"
        "      })),\n    );\n  }\n}\n"
    )
    got, _ = _run(git_repo, {**INIT, "app/orders.ts": service}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got
    severity = got["RG203"].severity
    assert (severity is not None and severity.value == "P3") is lowered


_TYPEORM_DROP = (
    "import { MigrationInterface, QueryRunner } from 'typeorm';\n\n"
    "export class DropNote1700000000001 implements MigrationInterface {\n"
    "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
    '    await queryRunner.query(`ALTER TABLE "order-items" DROP COLUMN "note"`);\n'
    "  }\n\n"
    "  public async down(queryRunner: QueryRunner): Promise<void> {\n"
    '    await queryRunner.query(`ALTER TABLE "order-items" ADD "note" character varying`);\n'
    "  }\n}\n"
)


@pytest.mark.parametrize(
    ("declared", "used"), [("  @Column({ name: 'note' })\n  note: string;\n", True), ("", False)]
)
def test_a_hyphenated_table_is_found_as_its_entity_spells_it(
    git_repo: Any, declared: str, used: bool
) -> None:
    """cirmo-dpia (round BO): the SQL reader spells ``"pia-intake"`` ``pia_intake``; the
    entity says ``@Entity('pia-intake')``, so the column it maps is in use (RG225), and
    one it no longer maps is the contract step (P3)."""
    entity = (
        "import { Column, Entity } from 'typeorm';\n\n@Entity('order-items')\n"
        "export class OrderItemEntity {\n  @Column({ name: 'total' })\n  total: number;\n"
        f"{declared}}}\n"
    )
    base = {
        "src/entities/order-item.entity.ts": entity,
        "src/orders.service.ts": (
            "export class OrdersService {\n"
            "  constructor(\n    @InjectRepository(OrderItemEntity)\n"
            "    private items: Repository<OrderItemEntity>,\n  ) {}\n"
            "}\n"
        ),
    }
    change = {"src/migrations/1700000000001-DropNote.ts": _TYPEORM_DROP}
    got, _ = _run(git_repo, base, change, "src/migrations", "typeorm")
    assert ("RG225" in got) is used
    if used:
        assert [(r.path, r.line) for r in got["RG225"].related] == [
            ("src/entities/order-item.entity.ts", 8)
        ]
    else:
        severity = got["RG203"].severity
        assert severity is not None and severity.value == "P3"


@pytest.mark.parametrize(
    ("constant", "used"),
    [
        ("TABLE_ORDERS", True),  # frontier (round AG): goqu's Insert(TABLE_BILLING_PRODUCTS)
        ("OrdersTable", True),
        ("name", False),  # a variable that happens to hold the name: not the table's
    ],
)
def test_a_column_beside_a_constant_holding_its_table_s_name_is_a_use(
    git_repo: Any, constant: str, used: bool
) -> None:
    """The query names the table through a constant, the column as a key: P0, not a
    contract step lowered to P3 with a note that the code no longer uses the column."""
    code = {
        "app/tables.go": f'package app\n\nconst {constant} = "orders"\n',
        "app/orders.go": (
            "package app\n\nfunc create(p Purchase) {\n"
            f"\tq := dialect.Insert({constant}).Rows(goqu.Record{{\n"
            '\t\t"id":   p.ID,\n\t\t"note": p.Note,\n\t})\n}\n'
        ),
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert ("RG225" in got) is used
    if used:
        assert [(r.path, r.line) for r in got["RG225"].related] == [("app/orders.go", 6)]


def test_a_table_no_code_names_is_not_vouched_for(git_repo: Any) -> None:
    got, _ = _run(git_repo, INIT, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got
    assert got["RG203"].severity is None  # P1: its users may live in another repository


@pytest.mark.parametrize(
    "elsewhere",
    [
        {
            "tests/orders_test.go": 'const q = "SELECT note FROM orders"\n',
            "README.md": "orders.note is going away\n",
            # sample programs beside the app (pixie's api_key_example, round BG)
            "src/api/examples/orders_example.go": 'const q = "SELECT note FROM orders"\n',
        },
        {  # schema dumps, and migration scripts kept outside the migration folders
            "priv/repo/structure.sql": "CREATE TABLE orders (id int, note text);\n",
            "scripts/multi-tenant-migration.sql": "UPDATE orders SET note = '' FROM orders;\n",
            "ckan/migration/env.py": "if table == 'orders' and col == 'note':\n    pass\n",
            "other/migrations/0001_initial.py": "fields=[('note', models.TextField())]\n",
            "db/legacy-migration-scripts/00-tables.sql": "CREATE TABLE orders (note text);\n",
        },
        {  # tests beside the code (nango's orders.integration.test.ts), seed data
            "app/orders.integration.test.ts": 'const q = "SELECT note FROM orders";\n',
            "app/orders_spec.rb": 'q = "SELECT note FROM orders"\n',
            "app/test_orders.py": 'Q = "SELECT note FROM orders"\n',
            "db/seeders/20240101-orders.js": 'const q = "SELECT note FROM orders";\n',
        },
        {  # seed scripts and vendored or third-party code (rounds I: langfuse, fat_free_crm,
            # rocketadmin)
            "packages/shared/scripts/seeder/orders.ts": 'const q = "SELECT note FROM orders";\n',
            "db/seeds/fields.rb": 'q = "SELECT note FROM orders"\n',
            "db/seeds.rb": 'q = "SELECT note FROM orders"\n',
            ".yarn/releases/yarn-3.4.1.cjs": 'const q = "SELECT note FROM orders";\n',
            "vendor/lib/orders.go": 'const q = "SELECT note FROM orders"\n',
        },
        {  # third-party libraries committed with the app (licences' jQuery, round R)
            "assets/javascripts/jquery-1.11.3.js": "var orders = {note: 1};\n",
            "public/js/app.min.js": 'const q = "SELECT note FROM orders";\n',
            "static/bower_components/x/orders.js": 'const q = "SELECT note FROM orders";\n',
            "web/third_party/orders.js": 'const q = "SELECT note FROM orders";\n',
            "web/dist/main.bundle.js": 'const q = "SELECT note FROM orders";\n',
        },
        {  # database dumps and install scripts, compiled bundles (round Y: LiteFarm,
            # libreplan, ploi-core)
            "packages/api/db/initdb.d/000-init.sql": "CREATE TABLE orders (note text);\n",
            "scripts/database/install.sql": "INSERT INTO orders (note) VALUES ('x');\n",
            "backup/prod_dump_2020.sql": "COPY orders (id, note) FROM stdin;\n",
            "public/js/13.js": 'const q = "SELECT note FROM orders";\n',
            "public/build/assets/app.js": 'const q = "SELECT note FROM orders";\n',
        },
        {  # generated: a golden schema dump, ER diagrams, sqlc's models (round BB: nomulus,
            # liwords)
            "db/sql/schema/nomulus.golden.sql": "CREATE TABLE orders (note text);\n",
            "db/sql/er_diagram/full.html": "<td>orders</td><td>note</td>\n",
            "pkg/stores/models/models.go": "// Code generated by sqlc. DO NOT EDIT.\n"
            'package models\n\ntype Order struct {\n\tNote string `json:"note"`\n}\n',
        },
    ],
    ids=[
        "tests-and-docs",
        "dumps-and-migration-scripts",
        "tests-beside-the-code",
        "seeds-vendored",
        "third-party-libraries",
        "dumps-installs-bundles",
        "generated",
    ],
)
def test_tests_docs_dumps_and_the_config_are_not_running_code(
    git_repo: Any, elsewhere: dict[str, str]
) -> None:
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id FROM orders"\n', **elsewhere}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got


def test_a_models_go_sqlc_did_not_generate_is_code(git_repo: Any) -> None:
    """A ``models.go`` of the project's own (gorm's structs write every field) names the
    column in use; only sqlc's generated one is left out."""
    models = 'package models\n\ntype Order struct {\n\tNote string `json:"note"`\n}\n'
    code = {"app/orders.go": 'const q = "SELECT id FROM orders"\n', "pkg/models.go": models}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "pkg/models.go:4" in got["RG225"].message


@pytest.mark.parametrize(
    ("model", "rule", "severity"),
    [
        ("class Order < ApplicationRecord\nend\n", "RG225", None),  # AR writes every column
        (
            'class Order < ApplicationRecord\n  self.ignored_columns += ["note"]\nend\n',
            "RG203",
            "P3",
        ),
        (  # human-essentials: a namespaced model, its table named, a `%w[…]` over lines
            'module Shop\n  class Purchase < ApplicationRecord\n    self.table_name = "orders"\n'
            "    self.ignored_columns += %w[\n      legacy\n      note\n    ]\n  end\nend\n",
            "RG203",
            "P3",
        ),
        (  # govuk-chat (round BR): the column on the line that closes the list
            'module Shop\n  class Purchase < ApplicationRecord\n    self.table_name = "orders"\n'
            "    self.ignored_columns = %w[legacy\n                              note]\n"
            "  end\nend\n",
            "RG203",
            "P3",
        ),
        (  # the same model without the column ignored: ActiveRecord writes it
            'module Shop\n  class Purchase < ApplicationRecord\n    self.table_name = "orders"\n'
            "  end\nend\n",
            "RG225",
            None,
        ),
        (  # another column ignored: this one is still read and written
            'class Order < ApplicationRecord\n  self.ignored_columns += ["legacy"]\n'
            "  def summary\n    read_attribute(:note)\n  end\nend\n",
            "RG225",
            None,
        ),
        (  # signon (round O): a project's helper from before ignored_columns
            "class Order < ActiveRecord::Base\n  deprecated_columns :note\n\n"
            "  def summary\n    note = Order.first\n  end\nend\n",
            "RG203",
            "P3",
        ),
        ("class Order < ActiveRecord::Base\n  ignore_columns :legacy, :note\nend\n", "RG203", "P3"),
        (  # prison-visits-2 (round BC): Rails 4's way, the columns method overridden
            "class Order < ActiveRecord::Base\n  def self.columns\n"
            "    super.reject { |c| c.name == 'note' }\n  end\n\n"
            "  def summary\n    note = 'x'\n  end\nend\n",
            "RG203",
            "P3",
        ),
    ],
)
def test_rails_retires_a_column_with_ignored_columns(
    git_repo: Any, model: str, rule: str, severity: str | None
) -> None:
    got, _ = _run(git_repo, {"app/models/order.rb": model}, RAILS_DROP, "db/migrate", "rails")
    assert rule in got
    f = got[rule]
    assert (f.severity.value if f.severity else None) == severity
    if rule == "RG225" and "note" not in model:  # cited as the model ActiveRecord maps
        assert f.related[0].path == "app/models/order.rb"
        assert "ignored_columns" in f.related[0].message


def test_a_rails_model_named_in_the_plural_maps_its_table(git_repo: Any) -> None:
    """osem 20140514140013 (round T): ``class CallForPapers`` is the model of
    ``call_for_papers`` (Rails makes the plural plural again to the same name)."""
    model = (
        "class CallForPapers < ActiveRecord::Base\n"
        "  attr_accessible :start_date, :rating_desc\nend\n"
    )
    drop = {
        "db/migrate/20240101000000_remove_rating_desc.rb": "class R < ActiveRecord::Migration\n"
        "  def up\n    remove_column :call_for_papers, :rating_desc\n  end\n\n"
        "  def down\n    add_column :call_for_papers, :rating_desc, :text\n  end\nend\n"
    }
    base = {"app/models/call_for_papers.rb": model}
    got, _ = _run(git_repo, base, drop, "db/migrate", "rails")
    assert "RG225" in got
    assert got["RG225"].related[0].path == "app/models/call_for_papers.rb"


@pytest.mark.parametrize(
    ("model", "expected"),
    [
        ("class Order(models.Model):\n    note = models.TextField()\n", "RG225"),
        ("class Order(models.Model):\n    total = models.IntegerField()\n", "P3"),
        # taiga: a many-to-many field the model inherits from a mixin in another file
        ("from notes import NotedMixin\n\nclass Order(NotedMixin, models.Model):\n"
         "    total = models.IntegerField()\n\n"
         "class NotedMixin(models.Model):\n    note = models.ManyToManyField('Note')\n"
         "    class Meta:\n        abstract = True\n", "not P3"),
        # openwisp-controller (round I): a base class from a package outside the repository
        # may declare the column; one of the repository's own that does not, does not
        ("from openwisp_users.mixins import OrgMixin\n\nclass Order(OrgMixin, models.Model):\n"
         "    total = models.IntegerField()\n", "not P3"),
        ("from shop.mixins import OrgMixin\n\nclass Order(OrgMixin, models.Model):\n"
         "    total = models.IntegerField()\n", "P3"),
    ],
)  # fmt: skip
def test_django_field_removed_from_the_model_first(
    git_repo: Any, model: str, expected: str
) -> None:
    base = {**{k: v for k, v in DJANGO_DROP.items() if "0002" not in k}, "shop/models.py": model}
    pr = {k: v for k, v in DJANGO_DROP.items() if "0002" in k}
    got, _ = _run(git_repo, base, pr, "shop/migrations", "django")
    if expected == "RG225":
        assert "RG225" in got and got["RG225"].related[0].path == "shop/models.py"
    elif expected == "not P3":
        assert "RG225" in got or got["RG203"].severity is None
    else:
        assert "RG225" not in got and got["RG203"].severity is not None
        assert got["RG203"].severity.value == "P3"


def test_without_git_nothing_is_lowered_and_a_note_says_so(tmp_path: Any) -> None:
    root = tmp_path / "repo"
    for path, text in {
        "deploy-readiness.yml": "version: 1\nservice: api\nrollback: {strategy: manual}\n"
        f"migrations:\n  - path: {GO}\n    framework: golang-migrate\n    scope: changed\n",
        **INIT,
        **DROP_NOTE,
    }.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    ctx = prepare(CheckOptions(repo=root))
    found = {f.rule: f for f in engine.check(ctx)}
    assert "RG225" not in found and found["RG203"].severity is None
    assert any("RG225 not checked" in n for n in ctx.notes)


@pytest.mark.parametrize(
    ("table", "model"),
    [("orders", "Order"), ("legacy_orders", "LegacyOrder"), ("categories", "Category"),
     ("addresses", "Address"), ("boxes", "Box"), ("glass", "Glass"),
     ("casa_cases", "CasaCase"), ("purchases", "Purchase"), ("statuses", "Status"),
     ("batches", "Batch"), ("analysis", "Analysis"),
     # Autolab (round Y): ActiveSupport says `assessment_user_data` is `AssessmentUserDatum`
     ("assessment_user_data", "AssessmentUserDatum"), ("metadata", "Metadata")],
)  # fmt: skip
def test_model_names(table: str, model: str) -> None:
    assert model_name(table) == model


def test_only_migrations_of_the_change_are_compared_with_the_base(git_repo: Any) -> None:
    """`scope: all` re-judges old migrations: the base is not the release they replaced."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    config = git_repo.migrations_config(GO, "golang-migrate").replace(
        "scope: changed", "scope: all"
    )
    git_repo.commit("old", {"deploy-readiness.yml": config, **INIT, **DROP_NOTE, **code})
    base = git_repo.commit("unrelated", {"app/other.go": "package app\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    got = {f.rule: f for f in engine.check(ctx)}
    assert "RG225" not in got and got["RG203"].severity is None


@pytest.mark.parametrize("how", ["edited", "renamed"])
def test_a_migration_that_existed_at_the_base_is_not_compared(git_repo: Any, how: str) -> None:
    """An edit (an import reordered) or a rename of an old migration does not make it new:
    its drop ran against a release long gone (Netflix/dispatch's renamed revision files)."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    git_repo.commit(
        "old",
        {
            "deploy-readiness.yml": git_repo.migrations_config(GO, "golang-migrate"),
            **INIT,
            **DROP_NOTE,
        },
    )
    base = git_repo.commit("code", code)
    up = f"{GO}/000002_drop_note.up.sql"
    if how == "edited":
        git_repo.commit("pr", {up: "-- tidied\n" + DROP_NOTE[up]})
    else:
        git_repo.git("mv", up, f"{GO}/000002_remove_note.up.sql")
        git_repo.git("mv", up.replace(".up.", ".down."), f"{GO}/000002_remove_note.down.sql")
        git_repo.git("commit", "-qm", "rename")
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    got = {f.rule: f for f in engine.check(ctx)}
    assert "RG225" not in got and "RG204" in got


@pytest.mark.parametrize(
    "files",
    [
        # data, styles and locales name words, not columns
        {"web/i18n/en.json": '{"orders": "Orders", "note": "Note"}\n'},
        # a schema dump and seed data (subway, round M), Laravel's model factories
        {
            "database/db_init/schema.sql": "CREATE TABLE orders (id int, note text);\n",
            "database/db_init/test_seeds.sql": "INSERT INTO orders (id, note) VALUES (1, 'a');\n",
            "database/factories/OrderFactory.php": "<?php\nreturn ['note' => 'x'];\n",
            # Laravel's `schema:dump` (solidtime, round T)
            "database/schema/pgsql_test-schema.sql": "CREATE TABLE orders (id int, note text);\n",
        },
        # a field of another model that comes before this one's
        {
            "prisma/schema.prisma": "model Customer {\n  id Int @id\n  note String\n}\n\n"
            + "\n" * 5
            + "model Order {\n  id Int @id\n}\n",
            "app/q.ts": "prisma.order.findMany()\n",
        },
    ],
    ids=["not-code", "dumps-and-seeds", "another-models-field"],
)
def test_a_name_match_is_not_a_use(git_repo: Any, files: dict[str, str]) -> None:
    got, _ = _run(git_repo, {**INIT, **files}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got


@pytest.mark.parametrize(
    ("code", "used"),
    [
        # arcane (round AF): an event's name, not the column
        ('const EventAutoNote EventType = "system.note"\n', False),
        ('db.Select("orders.note").Find(&rows)\n', True),
    ],
    ids=["event-name", "table-and-column"],
)
def test_a_quoted_dotted_key_is_the_column_only_beside_its_table(
    git_repo: Any, code: str, used: bool
) -> None:
    # (the file names the table's model too: `EventTypeProjectDeploy`, lines above)
    files = {
        "app/events.go": f'package app\n\nconst OrderCreate EventType = "order.create"\n{code}'
    }
    got, _ = _run(git_repo, {**INIT, **files}, DROP_NOTE, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("code", "used"),
    [
        ('get "/http_pull_consumers/:id_or_name/receive", PullController, :receive\n', False),
        ('<script src="https://js.stripe.com/v3/http_pull_consumers-table.js"></script>\n', False),
        ('query = from(c in "http_pull_consumers", select: c.id)\n', True),
        ('sql = "SELECT id FROM http_pull_consumers-- every one"\n', True),
    ],
    ids=["url-route", "kebab-file-name", "query", "sql-comment-after"],
)
def test_a_table_name_in_a_url_path_or_a_kebab_name_is_no_use(
    git_repo: Any, code: str, used: bool
) -> None:
    """sequin's router, langfuse's Stripe script (round I): a path segment or a kebab-case
    name is not the table."""
    table = "http_pull_consumers"
    init = {f"{GO}/000001_init.up.sql": f"CREATE TABLE {table} (id int);\n",
            f"{GO}/000001_init.down.sql": f"DROP TABLE {table};\n"}  # fmt: skip
    drop = {f"{GO}/000002_drop.up.sql": f"DROP TABLE {table};\n",
            f"{GO}/000002_drop.down.sql": f"CREATE TABLE {table} (id int);\n"}  # fmt: skip
    got, _ = _run(git_repo, {**init, "lib/web/router.ex": code}, drop, GO, "golang-migrate")
    assert ("RG225" in got) is used


def test_a_column_named_far_from_its_table_is_not_lowered(git_repo: Any) -> None:
    """Not a use, but not evidence of retirement either: RG203 stays P1."""
    code = {"app/orders.go": 'package app\n\nvar t = "orders"\n' + "\n" * 80 + 'var n = "note"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got and got["RG203"].severity is None


def test_a_column_added_back_by_the_same_step_is_still_there(git_repo: Any) -> None:
    """Dropped and added again (redash's `queries.schedule`), or another renamed into its
    place: the previous release still finds a column of that name."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    readd = {
        f"{GO}/000002_drop_note.up.sql": "ALTER TABLE orders DROP COLUMN note;\n"
        "ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAULT '';\n",
        f"{GO}/000002_drop_note.down.sql": "SELECT 1;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, readd, GO, "golang-migrate")
    assert "RG203" in got and "RG225" not in got


ECTO = "priv/repo/migrations"


@pytest.mark.parametrize(
    ("path", "framework", "change"),
    [
        (GO, "golang-migrate", {
            f"{GO}/000002_move.up.sql": "ALTER TABLE orders DROP COLUMN note;\n"
            "ALTER TABLE invoices ADD COLUMN note text;\n",
            f"{GO}/000002_move.down.sql": "SELECT 1;\n",
        }),
        (ECTO, "ecto", {  # glific: `active_profile_id` left profiles for contacts
            f"{ECTO}/20240101000000_move.exs": "defmodule M do\n  use Ecto.Migration\n\n"
            "  def change do\n    alter table(:orders) do\n      remove :note, :text\n    end\n\n"
            "    alter table(:invoices) do\n      add :note, :text\n    end\n  end\nend\n",
        }),
    ],
)  # fmt: skip
def test_a_column_of_that_name_added_to_another_table_is_no_re_add(
    git_repo: Any, path: str, framework: str, change: dict[str, str]
) -> None:
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, change, path, framework)
    assert "RG225" in got


@pytest.mark.parametrize(
    ("path", "framework", "change"),
    [
        (ECTO, "ecto", {  # edgehog (round AC): update_campaigns merged into campaigns
            f"{ECTO}/20240101000000_merge.exs": "defmodule M do\n  use Ecto.Migration\n\n"
            "  def up do\n    execute \"INSERT INTO campaigns (id, name) SELECT id, name "
            "FROM update_campaigns\"\n    drop table(:update_campaigns)\n  end\n\n"
            "  def down do\n    create table(:update_campaigns) do\n      add :name, :text\n"
            "    end\n  end\nend\n",
        }),
        ("db/migrate", "rails", {
            "db/migrate/20240101000000_merge.rb": "class Merge < ActiveRecord::Migration[7.1]\n"
            "  def up\n    execute \"INSERT INTO campaigns (id, name) SELECT id, name FROM "
            "update_campaigns\"\n    drop_table :update_campaigns\n  end\n\n"
            "  def down\n    create_table :update_campaigns\n  end\nend\n",
        }),
    ],
)  # fmt: skip
def test_a_table_dropped_after_its_rows_were_copied_out_is_still_asked(
    git_repo: Any, path: str, framework: str, change: dict[str, str]
) -> None:
    """The rows live on in another table, so no data is lost (no RG203), but the previous
    release still maps the table it reads them from: RG225."""
    code = {
        "lib/app/update_campaign.ex": "defmodule App.UpdateCampaign do\n"
        '  schema "update_campaigns" do\n    field :name, :string\n  end\nend\n',
        "app/models/update_campaign.rb": "class UpdateCampaign < ApplicationRecord\nend\n",
        "app/jobs/roll.rb": "class Roll\n  def go\n    UpdateCampaign.where(done: false)\n"
        "  end\nend\n",
        # (the schema module used: one only declared is a dead model, bolt round BP)
        "lib/app/roll.ex": "defmodule App.Roll do\n"
        "  def go, do: Repo.all(App.UpdateCampaign)\nend\n",
    }
    got, _ = _run(git_repo, code, change, path, framework)
    assert "RG225" in got and "RG203" not in got
    assert "update_campaigns" in got["RG225"].message


ENGINE_DROP = {
    "db/migrate/20240101000000_remove_note.rb": "class RemoveNote < ActiveRecord::Migration[7.1]\n"
    "  def change\n    remove_column :spree_taxons, :note, :text\n  end\nend\n"
}


@pytest.mark.parametrize(
    ("model", "rule"),
    [
        ("module Spree\n  class Taxon < Spree::Base\n  end\nend\n", "RG225"),
        ("module Spree\n  class Taxon < Spree::Base\n"
         "    self.ignored_columns += [\"note\"]\n  end\nend\n", "P3"),
    ],
)  # fmt: skip
def test_a_rails_engine_model_is_found_by_its_namespace(
    git_repo: Any, model: str, rule: str
) -> None:
    """solidus: `spree_taxons` is `Spree::Taxon` in app/models/spree/taxon.rb."""
    base = {"core/app/models/spree/taxon.rb": model, "core/app/models/taxon_helper.rb": "x\n"}
    got, _ = _run(git_repo, base, ENGINE_DROP, "db/migrate", "rails")
    if rule == "RG225":
        assert got["RG225"].related[0].path == "core/app/models/spree/taxon.rb"
    else:
        assert "RG225" not in got and got["RG203"].severity is not None


LARAVEL_DROP = {
    "database/migrations/2024_12_10_122143_drop_resale_license.php": "<?php\n\n"
    "use Illuminate\\Database\\Migrations\\Migration;\n"
    "use Illuminate\\Database\\Schema\\Blueprint;\nuse Illuminate\\Support\\Facades\\Schema;\n\n"
    "return new class extends Migration\n{\n    public function up(): void\n    {\n"
    "        Schema::table('instance_settings', function (Blueprint $table) {\n"
    "            $table->dropColumn('resale_license');\n        });\n    }\n\n"
    "    public function down(): void\n    {\n"
    "        Schema::table('instance_settings', function (Blueprint $table) {\n"
    "            $table->string('resale_license')->nullable();\n        });\n    }\n};\n"
}


def test_an_eloquent_model_named_in_the_plural(git_repo: Any) -> None:
    """coolify: `instance_settings` is the model `InstanceSettings`, Eloquent's other way."""
    code = {
        "app/Models/InstanceSettings.php": "<?php\nclass InstanceSettings extends Model\n{\n}\n",
        "app/Livewire/Settings.php": "<?php\n$settings = InstanceSettings::get();\n"
        "if ($settings->resale_license) {\n}\n",
    }
    got, _ = _run(git_repo, code, LARAVEL_DROP, "database/migrations", "laravel")
    assert "RG225" in got


LARAVEL_DROP_STAMPS = {
    "database/migrations/2020_06_02_105953_drop_timestamps.php": "<?php\n\n"
    "use Illuminate\\Database\\Migrations\\Migration;\n"
    "use Illuminate\\Database\\Schema\\Blueprint;\nuse Illuminate\\Support\\Facades\\Schema;\n\n"
    "return new class extends Migration\n{\n    public function up(): void\n    {\n"
    "        Schema::table('standings', function (Blueprint $table) {\n"
    "            $table->dropTimestamps();\n        });\n    }\n\n"
    "    public function down(): void\n    {\n"
    "        Schema::table('standings', function (Blueprint $table) {\n"
    "            $table->timestamps();\n        });\n    }\n};\n"
}


@pytest.mark.parametrize(
    ("switch", "verdict"), [("", "RG225"), ("    public $timestamps = false;\n", "P3")]
)
def test_eloquent_writes_the_timestamps_it_is_not_told_to_leave_out(
    git_repo: Any, switch: str, verdict: str
) -> None:
    """seat-web (round AI): ``dropTimestamps()`` on a table whose model the base saves: every
    save of the previous release writes ``created_at`` and ``updated_at``, named nowhere."""
    code = {
        "app/Models/Standing.php": "<?php\nclass Standing extends Model\n{\n"
        f"    protected $fillable = ['entity_id'];\n{switch}}}\n",
        "app/Http/Controllers/StandingsController.php": "<?php\n"
        "Standing::firstOrNew(['entity_id' => $id])->save();\n",
    }
    got, _ = _run(git_repo, code, LARAVEL_DROP_STAMPS, "database/migrations", "laravel")
    if verdict == "RG225":
        assert "Eloquent writes created_at on every save" in got["RG225"].related[0].message
    else:
        assert "RG225" not in got
        assert got["RG203"].severity is Severity.P3
        # what the search found, not more (round AI: "no longer this column" was said of
        # columns an ORM writes without naming them)
        assert "names this column nowhere" in got["RG203"].message


PRISMA_DROP = {
    f"{GO}/000002_drop.up.sql": 'DROP TABLE "PromptHistory";\n',
    f"{GO}/000002_drop.down.sql": 'CREATE TABLE "PromptHistory" (id int);\n',
}


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ({}, "RG203"),  # only the schema names it: another model's relation field
        ({"app/history.ts": "await prisma.promptHistory.create({ data })\n"}, "RG225"),
    ],
)
def test_a_prisma_relation_field_is_no_use_of_a_dropped_table(
    git_repo: Any, code: dict[str, str], rule: str
) -> None:
    """inbox-zero: `promptHistory PromptHistory[]` on User was all that named the model."""
    schema = {
        "prisma/schema.prisma": "model User {\n  id Int @id\n  promptHistory PromptHistory[]\n}\n\n"
        "model PromptHistory {\n  id Int @id\n  userId Int\n}\n",
    }
    init = {
        f"{GO}/000001_init.up.sql": 'CREATE TABLE "PromptHistory" (id int);\n',
        f"{GO}/000001_init.down.sql": 'DROP TABLE "PromptHistory";\n',
    }
    got, _ = _run(git_repo, {**init, **schema, **code}, PRISMA_DROP, GO, "golang-migrate")
    assert ("RG225" in got) is (rule == "RG225")


def test_a_trailing_comment_is_not_a_use_of_the_column(git_repo: Any) -> None:
    """nango: `null, // records.sync_job_id is no longer used`."""
    code = {
        "app/orders.go": 'package app\n\nconst q = "SELECT id FROM orders" // note: gone\n',
        "app/orders.py": 'Q = "SELECT id FROM orders"  # orders.note is gone\n',
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got and got["RG203"].severity is not None


def test_a_table_created_again_by_a_later_migration_of_the_change_is_still_there(
    git_repo: Any,
) -> None:
    """hydra: pop's split files drop a table in one and create it again in the next."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    change = {
        f"{GO}/20211019000001000017_rebuild.up.sql": "DROP TABLE orders;\n",
        f"{GO}/20211019000001000017_rebuild.down.sql": "SELECT 1;\n",
        f"{GO}/20211019000001000018_rebuild.up.sql": "CREATE TABLE orders (id int, note text);\n",
        f"{GO}/20211019000001000018_rebuild.down.sql": "DROP TABLE orders;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert "RG203" in got and "RG225" not in got


@pytest.mark.parametrize(
    ("after", "back"),
    [
        # anitya 6ac0e42df937 (round T): a column of another table named like it
        ("UPDATE invoices SET checked = TRUE WHERE orders = 'x';\n", False),
        ("CREATE TABLE orders (id int, note text);\n", True),
        ("ALTER TABLE orders_new RENAME TO orders;\n", True),
        # (the rename over two lines: homebox, pocket-id, round AF)
        ("ALTER TABLE orders_new\n    RENAME TO orders;\n", True),
        # (the name on a line of its own; made again without `note`, the column is gone:
        # test_rebuilt)
        ("CREATE TABLE\n  orders\n  (id int, note text);\n", True),
    ],
)
def test_a_dropped_table_comes_back_only_when_made_again(
    git_repo: Any, after: str, back: bool
) -> None:
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    change = {
        f"{GO}/000002_drop.up.sql": "DROP TABLE orders;\n" + after,
        f"{GO}/000002_drop.down.sql": "SELECT 1;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert ("RG225" in got) is not back


def test_a_dropped_id_is_never_the_contract_step(git_repo: Any) -> None:
    """philomena (round J): ``remove :id`` while the Ecto schema keeps its implicit primary
    key; an ORM reads and writes ``id`` without naming it, so RG203 stays P1."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT note FROM orders"\n'}
    drop = {
        f"{GO}/000002_drop_id.up.sql": "ALTER TABLE orders DROP COLUMN id;\n",
        f"{GO}/000002_drop_id.down.sql": "ALTER TABLE orders ADD COLUMN id int;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, drop, GO, "golang-migrate")
    assert got["RG203"].severity is None


def test_a_table_an_earlier_migration_of_the_change_creates_is_new(git_repo: Any) -> None:
    """peppermint (round J): one change creates ``notifications`` and a later migration of
    it drops ``notifications.title``; the previous release never had the table, whatever
    its code names ``title``. A table the base already had stays asked."""
    code = {
        "app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'
        'const n = "SELECT title FROM notifications"\n',
    }
    change = {
        f"{GO}/000002_notifications.up.sql": "CREATE TABLE notifications (id int, title text);\n",
        f"{GO}/000002_notifications.down.sql": "DROP TABLE notifications;\n",
        f"{GO}/000003_drop_title.up.sql": "ALTER TABLE notifications DROP COLUMN title;\n"
        "ALTER TABLE orders DROP COLUMN note;\n",
        f"{GO}/000003_drop_title.down.sql": "ALTER TABLE orders ADD COLUMN note text;\n"
        "ALTER TABLE notifications ADD COLUMN title text;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert "notifications" not in got["RG225"].message
    assert "orders.note" in got["RG225"].message


@pytest.mark.parametrize(
    ("adds", "asked"),
    [
        ("ALTER TABLE orders ADD COLUMN title text;", False),
        # (an add only if it is not there may find the base's column)
        ("ALTER TABLE orders ADD COLUMN IF NOT EXISTS title text;", True),
        ("ALTER TABLE other ADD COLUMN title text;", True),
        ("UPDATE orders SET note = 'title';", True),
        ("ALTER TABLE orders ADD COLUMN title text;\nCREATE INDEX IF NOT EXISTS i ON x (y);", True),
    ],
)
def test_a_column_an_earlier_migration_of_the_change_adds_is_new(
    git_repo: Any, adds: str, asked: bool
) -> None:
    """asistent-medical-comunitar (round BN): one change adds ``reports.title`` and a later
    migration of it drops the column; the previous release never had it, whatever its code
    names ``title``. A column added to another table, or only if it does not exist, or a
    word in a statement, is no add."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, title FROM orders"\n'}
    change = {
        f"{GO}/000002_add.up.sql": f"{adds}\n",
        f"{GO}/000002_add.down.sql": "SELECT 1;\n",
        f"{GO}/000003_drop.up.sql": "ALTER TABLE orders DROP COLUMN title;\n",
        f"{GO}/000003_drop.down.sql": "ALTER TABLE orders ADD COLUMN title text;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert ("RG225" in got) is asked


@pytest.mark.parametrize("new_app", [True, False])
def test_a_django_model_an_earlier_migration_of_the_change_creates_is_new(
    git_repo: Any, new_app: bool
) -> None:
    """karrot's meet app (round T): one change adds the app, whose 0001 creates ``Room``,
    and a later migration that removes ``room.name``; ``"NAME"`` in the settings'
    DATABASES is no use of a table the previous release never had."""
    code = {
        "config/settings.py": 'DATABASES = {"default": {"NAME": "shop"}}\n',
        "shop/views.py": 'from shop.models import Order\n\nnotes = Order.objects.values("note")\n',
    }
    first = {k: v for k, v in DJANGO_DROP.items() if "0002" not in k}
    second = {k: v for k, v in DJANGO_DROP.items() if "0002" in k}
    base, pr = (code, {**first, **second}) if new_app else ({**code, **first}, second)
    got, _ = _run(git_repo, base, pr, "shop/migrations", "django")
    assert ("RG225" in got) is not new_app


@pytest.mark.parametrize(
    ("after", "restored"),
    [
        # bookwyrm 0211 (round K): a ForeignKey to the model named like the column
        (
            "migrations.AddField(model_name='order', name='status', "
            "field=models.ForeignKey(to='shop.note', on_delete=models.CASCADE))",
            False,
        ),
        # the field moved to another model is gone from this one
        ("migrations.AddField(model_name='invoice', name='note', field=models.TextField())", False),
        # tabbycat notifications 0012: a choices label spells it
        (
            "migrations.AlterField(model_name='order', name='kind', field=models.CharField("
            "choices=[('note', 'custom note')], max_length=5))",
            False,
        ),
        (
            "migrations.AddField(model_name='order', name='note', field=models.TextField("
            "null=True))",
            True,
        ),
        ("migrations.RenameField('order', 'remark', 'note')", True),
        # a ForeignKey added under the name: its column is note_id
        (
            "migrations.AddField(model_name='order', name='note', "
            "field=models.ForeignKey(to='shop.memo', on_delete=models.CASCADE))",
            False,
        ),
        # karrot places 0043-0046 (round T): a ForeignKey the change added, renamed into
        # the dropped CharField's name, brings back note_id, not note
        (
            "migrations.AddField(model_name='order', name='note_next', "
            "field=models.ForeignKey(to='shop.memo', null=True, on_delete=models.CASCADE)),\n"
            "        migrations.RenameField('order', 'note_next', 'note')",
            False,
        ),
    ],
)
def test_a_django_field_comes_back_only_by_an_operation_that_makes_it(
    git_repo: Any, after: str, restored: bool
) -> None:
    model = "class Order(models.Model):\n    note = models.TextField()\n"
    drop = (
        DJANGO_DROP["shop/migrations/0002_remove_note.py"]
        .replace(
            "    operations = [migrations.RemoveField(model_name='order', name='note')]\n",
            "    operations = [\n        migrations.RemoveField(model_name='order', name='note'),\n"
            f"        {after},\n    ]\n",
        )
        .replace("from django.db import migrations\n", "from django.db import migrations, models\n")
    )
    base = {**{k: v for k, v in DJANGO_DROP.items() if "0002" not in k}, "shop/models.py": model}
    got, _ = _run(git_repo, base, {"shop/migrations/0002_remove_note.py": drop},
                  "shop/migrations", "django")  # fmt: skip
    assert ("RG225" not in got) is restored


@pytest.mark.parametrize(
    ("field", "restored"),
    [
        # signbank's dictionary 0038 then 0044 (round CA, a miss): a ForeignKey of its own
        # class, added by an earlier release, renamed into the dropped CharField's name
        ("signbank.fields.FieldChoiceForeignKey(to='shop.memo', null=True, "
         "on_delete=models.SET_NULL)", False),
        ("models.ForeignKey(to='shop.memo', null=True, on_delete=models.SET_NULL)", False),
        # a plain field swapped in: the column `note` is there again
        ("models.TextField(null=True)", True),
    ],
)  # fmt: skip
def test_a_field_an_earlier_release_added_brings_back_the_column_it_makes(
    git_repo: Any, field: str, restored: bool
) -> None:
    model = "class Order(models.Model):\n    note = models.TextField()\n"
    earlier = (
        "from django.db import migrations, models\nimport signbank.fields\n\n"
        "class Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.AddField(model_name='order', name='note_fk', "
        f"field={field})]\n"
    )
    drop = (
        "from django.db import migrations\n\n"
        "class Migration(migrations.Migration):\n    dependencies = [('shop', '0002_note_fk')]\n"
        "    operations = [\n        migrations.RemoveField(model_name='order', name='note'),\n"
        "        migrations.RenameField('order', 'note_fk', 'note'),\n    ]\n"
    )
    base = {
        **{k: v for k, v in DJANGO_DROP.items() if "0002" not in k},
        "shop/migrations/0002_note_fk.py": earlier,
        "shop/models.py": model,
    }
    got, _ = _run(git_repo, base, {"shop/migrations/0003_swap.py": drop},
                  "shop/migrations", "django")  # fmt: skip
    assert ("RG225" not in got) is restored


def test_a_second_drop_of_the_name_is_no_re_add(git_repo: Any) -> None:
    """readthedocs: `RemoveField` of the field, then of its historical model's copy, each
    written over several lines: the second names the field but drops it too."""
    model = "class Order(models.Model):\n    note = models.TextField()\n"
    drop = DJANGO_DROP["shop/migrations/0002_remove_note.py"].replace(
        "    operations = [migrations.RemoveField(model_name='order', name='note')]\n",
        "    operations = [\n        migrations.RemoveField(\n            model_name='order',\n"
        "            name='note',\n        ),\n        migrations.RemoveField(\n"
        "            model_name='historicalorder',\n            name='note',\n        ),\n    ]\n",
    )
    base = {**{k: v for k, v in DJANGO_DROP.items() if "0002" not in k}, "shop/models.py": model}
    pr = {"shop/migrations/0002_remove_note.py": drop}
    got, _ = _run(git_repo, base, pr, "shop/migrations", "django")
    assert "RG225" in got


def test_a_bare_word_is_not_a_use_of_the_column(git_repo: Any) -> None:
    """A parameter or a type that happens to share the column's name (rudder's `error`,
    healthchecks' `rw`), a comment or a docstring's `:param note:` (pretalx) is not the
    previous release reading the column."""
    code = {
        "app/orders.go": "package app\n\n// orders: note is kept here\n"
        "func load(note string) error { return nil }\n",
        "app/orders.py": 'TABLE = "orders"\n\ndef load(note):\n'
        '    """Load.\n\n    :param note: the note\n    """\n',
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" not in got


def test_names_match_in_any_case(git_repo: Any) -> None:
    """The gate folds the names it reads from SQL; the code keeps Prisma's camelCase
    (documenso's `documentMetaId`)."""
    drop = {
        f"{GO}/000002_drop.up.sql": 'ALTER TABLE "Document" DROP COLUMN "documentMetaId";\n',
        f"{GO}/000002_drop.down.sql": 'ALTER TABLE "Document" ADD COLUMN "documentMetaId" text;\n',
    }
    init = {
        f"{GO}/000001_init.up.sql": 'CREATE TABLE "Document" (id int, "documentMetaId" text);\n',
        f"{GO}/000001_init.down.sql": 'DROP TABLE "Document";\n',
    }
    code = {"prisma/schema.prisma": "model Document {\n  id Int @id\n  documentMetaId String\n}\n"}
    got, _ = _run(git_repo, {**init, **code}, drop, GO, "golang-migrate")
    assert "RG225" in got
    assert [(r.path, r.line) for r in got["RG225"].related] == [("prisma/schema.prisma", 3)]


def test_a_drop_written_over_several_lines_is_not_its_own_re_add(git_repo: Any) -> None:
    """`makemigrations` writes `RemoveField(` with `name=` on the next line: that line is
    the drop itself, not the column added back (netbox, healthchecks)."""
    model = "class Order(models.Model):\n    note = models.TextField()\n"
    base = {**{k: v for k, v in DJANGO_DROP.items() if "0002" not in k}, "shop/models.py": model}
    pr = {
        "shop/migrations/0002_remove_note.py": "from django.db import migrations\n\n"
        "class Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [\n        migrations.RemoveField(\n            model_name='order',\n"
        "            name='note',\n        ),\n    ]\n"
    }
    got, _ = _run(git_repo, base, pr, "shop/migrations", "django")
    assert "RG225" in got


def test_a_type_or_exported_name_is_not_the_column(git_repo: Any) -> None:
    """Names match in any case, but `Error` (a Go field, a type) and a bare `error` are not
    the dropped column `error` (rudder-server's wh_schemas.error), even on a line that
    names the model; a quoted "error" is."""
    init = {
        f"{GO}/000001_init.up.sql": "CREATE TABLE wh_schemas (id int, error text);\n",
        f"{GO}/000001_init.down.sql": "DROP TABLE wh_schemas;\n",
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "ALTER TABLE wh_schemas DROP COLUMN error;\n",
        f"{GO}/000002_drop.down.sql": "ALTER TABLE wh_schemas ADD COLUMN error text;\n",
    }
    code = {
        "repo/schema.go": "package repo\n\n"
        "func (sh *WhSchema) Insert(s *WhSchema) (int64, error) {\n"
        "\treturn 0, fmt.Errorf(s.Error)\n}\n",
        "api/grpc.go": "package api\n\nvar x = WhSchema{Error: item.Error}\n",
    }
    got, _ = _run(git_repo, {**init, **code}, drop, GO, "golang-migrate")
    assert "RG225" not in got
    quoted = {
        "repo/q.go": 'package repo\n\n// WhSchema\nconst q = `SELECT "error" FROM wh_schemas`\n'
    }
    again = {k.replace("000002", "000003"): v for k, v in drop.items()}
    got, _ = _run(git_repo, quoted, again, GO, "golang-migrate")
    assert "RG225" in got


def test_a_java_field_is_a_use(git_repo: Any) -> None:
    """A JPA entity maps a column to a field of that name (fineract's `@Version private
    Long version;`)."""
    entity = {
        "src/Order.java": '@Table(name = "orders")\npublic class Order {\n'
        "    @Version\n    private Long note;\n}\n"
    }
    got, _ = _run(git_repo, {**INIT, **entity}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" in got and got["RG225"].related[0].path == "src/Order.java"


def test_a_column_far_along_a_long_line_is_found(git_repo: Any) -> None:
    """SQL built in one Java string runs to kilobytes on one line (fineract's
    LoanReadPlatformServiceImpl): the reference is past the first few hundred characters."""
    columns = ", ".join(f"o.c{i} as c{i}" for i in range(60))
    code = {"src/Read.java": f'String sql = "select {columns}, o.note as note from orders o";\n'}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "RG225" in got


def test_a_use_in_a_file_whose_path_is_not_ascii_is_found(git_repo: Any) -> None:
    """git quotes such paths unless asked not to (familie-ba-sak's
    `søknadreferanse/SøknadReferanse.kt`, round H)."""
    code = {"app/søknad/Søknad.kt": 'val q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert [(r.path, r.line) for r in got["RG225"].related] == [("app/søknad/Søknad.kt", 1)]


def test_a_table_named_outside_ascii_is_searched(git_repo: Any) -> None:
    """familie-tilbake (round I): `DROP TABLE tilbakekreving_påvent`, which the code at the
    base still selects from."""
    table = "tilbakekreving_påvent"
    init = {f"{GO}/000001_init.up.sql": f"CREATE TABLE {table} (id int);\n",
            f"{GO}/000001_init.down.sql": f"DROP TABLE {table};\n"}  # fmt: skip
    drop = {f"{GO}/000002_drop.up.sql": f"DROP TABLE {table};\n",
            f"{GO}/000002_drop.down.sql": f"CREATE TABLE {table} (id int);\n"}  # fmt: skip
    code = {"src/Repo.kt": f'val q = "SELECT * FROM {table}"\n'}
    got, _ = _run(git_repo, {**init, **code}, drop, GO, "golang-migrate")
    assert [(r.path, r.line) for r in got["RG225"].related] == [("src/Repo.kt", 1)]


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ("const ledgerTransaction = await load(id);\n", "RG203"),
        ("const rows = await models.LedgerTransaction.findAll();\n", "RG225"),
    ],
)
def test_a_pascal_case_tables_model_is_its_class_as_spelt(
    git_repo: Any, code: str, rule: str
) -> None:
    """opencollective (Sequelize, round H): `LedgerTransactions` dropped; a variable
    `ledgerTransaction` is no use of its model `LedgerTransaction`."""
    init = {f"{GO}/000001_init.up.sql": 'CREATE TABLE "LedgerTransactions" (id int);\n',
            f"{GO}/000001_init.down.sql": 'DROP TABLE "LedgerTransactions";\n'}  # fmt: skip
    table = '"LedgerTransactions"'
    drop = {f"{GO}/000002_drop.up.sql": f"DROP TABLE {table};\n",
            f"{GO}/000002_drop.down.sql": f"CREATE TABLE {table} (id int);\n"}  # fmt: skip
    got, _ = _run(git_repo, {**init, "server/lib/ledger.js": code}, drop, GO, "golang-migrate")
    assert ("RG225" in got) is (rule == "RG225")


DJANGO_DELETE_MODEL = {
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": "from django.db import migrations, models\n\n"
    "class Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n"
    "    operations = [migrations.CreateModel(name='ShoppingList', fields=[('id', "
    "models.AutoField(primary_key=True))])]\n",
}
DJANGO_DELETED = {
    "shop/migrations/0002_delete.py": "from django.db import migrations\n\n"
    "class Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n"
    "    operations = [migrations.DeleteModel(name='ShoppingList')]\n",
}


@pytest.mark.parametrize(
    ("path", "code", "used"),
    [
        ("shop/views.py", "items = ShoppingList.objects.all()\n", True),
        ("vue/ShoppingListView.vue", '<div dom="#shoppinglist"></div>\n', False),
        ("vue/api.ts", "export interface ShoppingList {\n  id: number\n}\n", False),
    ],
)
def test_a_django_model_is_used_from_python_only(
    git_repo: Any, path: str, code: str, used: bool
) -> None:
    """recipes (round H): the names in a Vue template or a generated TypeScript client
    query nothing."""
    files = {**DJANGO_DELETE_MODEL, path: code}
    got, _ = _run(git_repo, files, DJANGO_DELETED, "shop/migrations", "django")
    assert ("RG225" in got) is used


def test_a_rails_down_written_def_self_down_is_not_the_up_steps_re_add(git_repo: Any) -> None:
    """redmine (round H): `def self.down` re-adds the column; the up step does not."""
    drop = {
        "db/migrate/20210728131544_drop_note.rb": "class DropNote < ActiveRecord::Migration[6.1]\n"
        "  def self.up\n    remove_column :orders, :note\n  end\n\n"
        "  def self.down\n    add_column :orders, :note, :boolean, :default => true\n  end\nend\n"
    }
    code = {"lib/loader.rb": "Order.create!(:name => 'x', :note => true)\n"}
    got, _ = _run(git_repo, code, drop, "db/migrate", "rails")
    assert "RG225" in got


# -- The base's ORM models: what the model maps is the use (issue 9, round C) ---------------

SQLA_MIXIN = "class TimeStampMixin(object):\n    note = Column(Text)\n"


@pytest.mark.parametrize(
    ("files", "verdict"),
    [
        pytest.param(  # outline: a getter and other models' fields spell the word
            {
                "server/models/Order.ts": '@Table({ tableName: "orders", modelName: "order" })\n'
                "class Order extends IdModel {\n  @Column\n  total: number;\n\n"
                "  get note() {\n    return this.total;\n  }\n}\n",
                "server/models/Invoice.ts": '@Table({ tableName: "invoices" })\n'
                "class Invoice extends IdModel {\n  @Column\n  note: string;\n}\n",
                "app/views.ts": "const x = order.note;\n",
            },
            "P3",
            id="sequelize-typescript-getter",
        ),
        pytest.param(  # hexpm: a schema without the field, the word used as a JSON key
            {
                "lib/shop/order.ex": 'defmodule Shop.Order do\n  schema "orders" do\n'
                "    field :total, :integer\n    timestamps()\n  end\nend\n",
                "lib/shop/view.ex": "def render(order), do: %{note: order.total}\n",
            },
            "P3",
            id="ecto-schema-without-field",
        ),
        pytest.param(  # transport-site (round N): TypedEctoSchema's typed_schema
            {
                "lib/shop/order.ex": 'defmodule Shop.Order do\n  typed_schema "orders" do\n'
                "    field :total, :integer\n    timestamps()\n  end\nend\n",
                "lib/shop/view.ex": "def render(order), do: %{note: order.total}\n",
            },
            "P3",
            id="ecto-typed-schema-without-field",
        ),
        pytest.param(  # documenso: the Prisma model lost the field first
            {
                "prisma/schema.prisma": "model Order {\n  id Int @id\n  total Int\n"
                '  @@map("orders")\n}\n',
                "src/cookie.ts": "const order = { note: undefined };\n",
            },
            "P3",
            id="prisma-model-without-field",
        ),
        pytest.param(  # dispatch: a SQLAlchemy model named after its table, a hasattr
            {
                "app/models.py": "class Order(Base):\n    id = Column(Integer, primary_key=True)\n",
                "app/service.py": "if hasattr(order, 'note'):\n    pass\n",
            },
            "P3",
            id="sqlalchemy-class-without-column",
        ),
        pytest.param(  # the same model declaring it: the declaration is the reference
            {
                "app/models.py": "class Order(Base):\n    __tablename__ = 'orders'\n"
                "    note = Column('note', Text)\n"
            },
            "RG225",
            id="sqlalchemy-declares-it",
        ),
        pytest.param(  # standardnotes: TypeORM maps the property to the column by name
            {
                "src/Order.ts": "@Entity({ name: 'orders' })\nexport class TypeORMOrder {\n"
                "  @Column({\n    name: 'note',\n    type: 'text',\n  })\n"
                "  declare theNote: string\n}\n"
            },
            "RG225",
            id="typeorm-column-name",
        ),
        pytest.param(  # hexpm: Ecto's explicit table, the model named otherwise
            {
                "lib/hexpm/oauth/token.ex": 'defmodule Hexpm.OAuth.Token do\n  schema "orders" do\n'
                + "    field :x, :string\n" * 40
                + "    field :note, :string\n  end\nend\n"
            },
            "RG225",
            id="ecto-declares-it-far-from-the-name",
        ),
        pytest.param(  # named in the model's block in a way not read as a column
            {
                "app/models.py": "class Order(Base):\n    __tablename__ = 'orders'\n"
                "    id = Column(Integer)\n    note = deferred(Column(Text))\n"
            },
            "RG225",
            id="sqlalchemy-unread-declaration",
        ),
        pytest.param(  # kratos: a Go struct's db tag, its table named by TableName()
            {
                "app/order.go": "package app\n\ntype Order struct {\n"
                '\tID int `db:"id"`\n\tNote string `db:"note"`\n}\n\n'
                'func (Order) TableName() string { return "orders" }\n'
            },
            "RG225",
            id="go-struct-db-tag",
        ),
        pytest.param(
            {
                "app/order.go": "package app\n\ntype Order struct {\n"
                '\tID int `db:"id"`\n}\n\nfunc (Order) TableName() string { return "orders" }\n',
                "app/view.go": 'package app\n\nvar x = map[string]string{"note": ""}\n',
            },
            "P3",
            id="go-struct-without-it",
        ),
        pytest.param(  # the model's mixin declares it: the model maps it (round BU)
            {
                "app/mixins.py": SQLA_MIXIN,
                "app/models.py": "class Order(Base, TimeStampMixin):\n"
                "    __tablename__ = 'orders'\n    id = Column(Integer)\n",
            },
            "RG225",
            id="sqlalchemy-mixin-declares-it",
        ),
        pytest.param(  # a mixin of other models may lend it to this one: not vouched for
            {
                "app/mixins.py": SQLA_MIXIN,
                "app/models.py": "class Order(Base, AuditMixin):\n"
                "    __tablename__ = 'orders'\n    id = Column(Integer)\n",
            },
            "P1",
            id="sqlalchemy-another-mixin-declares-it",
        ),
        pytest.param(  # raw SQL reads a column whatever the model maps
            {
                "prisma/schema.prisma": "model orders {\n  id Int @id\n}\n",
                "src/report.ts": "const rows = await db.$queryRaw`SELECT note FROM orders`;\n",
            },
            "RG225",
            id="raw-sql-beside-the-model",
        ),
    ],
)
def test_the_base_model_decides_what_the_orm_uses(
    git_repo: Any, files: dict[str, str], verdict: str
) -> None:
    got, _ = _run(git_repo, {**INIT, **files}, DROP_NOTE, GO, "golang-migrate")
    if verdict == "RG225":
        assert "RG225" in got
    else:
        assert "RG225" not in got
        severity = got["RG203"].severity
        assert (severity.value if severity else "P1") == verdict


def test_an_ecto_typed_schema_s_belongs_to_is_its_key_s_use(git_repo: Any) -> None:
    """teiserver (round X): ``remove :clan_id`` where ``App.Account.User``'s
    ``typed_schema "account_users"`` says ``belongs_to :clan``: no line names ``clan_id``,
    so the schema's own line had to open the model."""
    init = {
        f"{GO}/000001_init.up.sql": "CREATE TABLE account_users (id int, clan_id int);\n",
        f"{GO}/000001_init.down.sql": "DROP TABLE account_users;\n",
        "lib/app/account/user.ex": "defmodule App.Account.User do\n"
        '  typed_schema "account_users" do\n    field :name, :string\n'
        "    belongs_to :clan, App.Clans.Clan\n  end\nend\n",
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "ALTER TABLE account_users DROP COLUMN clan_id;\n",
        f"{GO}/000002_drop.down.sql": "ALTER TABLE account_users ADD COLUMN clan_id int;\n",
    }
    got, _ = _run(git_repo, init, drop, GO, "golang-migrate")
    assert "lib/app/account/user.ex:4" in got["RG225"].message


@pytest.mark.parametrize(
    ("sql", "verdict"),
    [
        # daily-api (round X): a key of the JSON the statement builds, not the column
        ("INSERT INTO orders (id, flags) SELECT 1, jsonb_build_object('note', 'x')", "P3"),
        ("INSERT INTO orders (id, note) VALUES (1, 'x')", "RG225"),
        ('SELECT "note" FROM orders', "RG225"),
    ],
)
def test_a_string_literal_on_a_sql_line_is_no_column(git_repo: Any, sql: str, verdict: str) -> None:
    code = {
        "app/models.py": "class Order(Base):\n    __tablename__ = 'orders'\n"
        "    id = Column(Integer, primary_key=True)\n",
        "app/jobs.py": f'def copy(db):\n    db.execute(\n        """{sql}"""\n    )\n',
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    if verdict == "RG225":
        assert "RG225" in got
    else:
        assert "RG225" not in got
        assert got["RG203"].severity is Severity.P3


CHANNELS = {
    f"{ECTO}/20240101000000_create.exs": "defmodule C do\n  use Ecto.Migration\n\n"
    "  def change do\n    create table(:deployment_channels) do\n"
    "      add :name, :string\n    end\n  end\nend\n"
}
DROP_CHANNELS = {
    f"{ECTO}/20250101000000_drop.exs": "defmodule D do\n  use Ecto.Migration\n\n"
    "  def up do\n    drop table(:deployment_channels)\n  end\n\n"
    "  def down do\n    create table(:deployment_channels) do\n"
    "      add :name, :string\n    end\n  end\nend\n"
}


@pytest.mark.parametrize(
    ("code", "used"),
    [
        # edgehog (round AC): a parameter, and an assign in a template, named like the table
        ("  def calculate(deployment_channels, opts) do\n    deployment_channels\n  end\n", False),
        ("  <%= for c <- @deployment_channels do %>\n", False),
        ('  def ids, do: Repo.all(from c in "deployment_channels", select: c.id)\n', True),
        ("  has_many :deployment_channels, Channel\n", True),
        ("  def list, do: Repo.all(DeploymentChannel)\n", True),
    ],
)
def test_an_elixir_variable_named_like_a_dropped_table_is_no_use_of_it(
    git_repo: Any, code: str, used: bool
) -> None:
    base = {**CHANNELS, "lib/app/rollout.ex": f"defmodule App.Rollout do\n{code}end\n"}
    got, _ = _run(git_repo, base, DROP_CHANNELS, ECTO, "ecto")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("elsewhere", "used"),
    [
        # bolt (round BP): the schema module alone, used by nothing any more
        ("defmodule App.Other do\n  def x, do: 1\nend\n", False),
        (
            "defmodule App.Other do\n  def all, do: Repo.all(App.Schema.DeploymentChannel)\nend\n",
            True,
        ),
    ],
)
def test_an_ecto_schema_module_only_declared_is_no_use_of_its_table(
    git_repo: Any, elsewhere: str, used: bool
) -> None:
    schema = (
        "defmodule App.Schema.DeploymentChannel do\n  use Ecto.Schema\n\n"
        '  schema "deployment_channels" do\n    field(:name, :string)\n  end\nend\n'
    )
    base = {
        **CHANNELS,
        "lib/app/schema/deployment_channel.ex": schema,
        "lib/app/other.ex": elsewhere,
    }
    got, _ = _run(git_repo, base, DROP_CHANNELS, ECTO, "ecto")
    assert ("RG225" in got) is used


def test_a_column_the_migration_renamed_another_into_is_not_asked(git_repo: Any) -> None:
    """foodsoft (round AD): ``rename_column :messages, :body, :body_old``, the values moved,
    then ``remove_column :messages, :body_old``: the previous release never had
    ``body_old`` (the rename is RG220's), so a name like it in the code is no use."""
    drop = {
        "db/migrate/20240101000000_move_body.rb": "class MoveBody < ActiveRecord::Migration[7.0]\n"
        "  def up\n    rename_column :messages, :body, :body_old\n"
        "    remove_column :messages, :body_old\n  end\n\n"
        "  def down\n    add_column :messages, :body_old, :text\n  end\nend\n"
    }
    code = {"app/models/notify.rb": "class Notify\n  def go\n    Message.create!(body_old: 1)\n"
            "  end\nend\n"}  # fmt: skip
    got, _ = _run(git_repo, code, drop, "db/migrate", "rails")
    assert "RG225" not in got and "RG203" in got


def test_a_rails_drop_over_several_lines_is_not_its_own_return(git_repo: Any) -> None:
    """content-publisher (round X): ``remove_column :whitehall_migrations,`` with
    ``:start_time,`` on the next line: that line was read as the column named again after
    the drop (added back), so the drop was never asked RG225."""
    drop = {
        "db/migrate/20200114140323_remove_start.rb": "class RemoveStart < "
        "ActiveRecord::Migration[6.0]\n  def change\n    remove_column :orders,\n"
        "                  :note,\n                  :datetime\n  end\nend\n"
    }
    code = {"lib/importer.rb": "Order.create!(name: 'x',\n              note: Time.current)\n"}
    got, _ = _run(git_repo, code, drop, "db/migrate", "rails")
    assert "RG225" in got


def test_one_rg225_per_migration_with_a_table_copied_out_first(git_repo: Any) -> None:
    """daily-api (round X): a table whose rows the step copies out before dropping it is
    asked RG225 apart from the step's other drops; the two were two RG225 findings on one
    migration, where contract 1.1 wants one, the other places related."""
    init = {
        **INIT,
        f"{GO}/000002_legacy.up.sql": "CREATE TABLE legacy (id int);\n",
        f"{GO}/000002_legacy.down.sql": "DROP TABLE legacy;\n",
        "app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'
        'const r = "SELECT id FROM legacy"\n',
    }
    drop = {
        f"{GO}/000003_drop.up.sql": "INSERT INTO archive SELECT * FROM legacy;\n"
        "DROP TABLE legacy;\nALTER TABLE orders DROP COLUMN note;\n",
        f"{GO}/000003_drop.down.sql": "CREATE TABLE legacy (id int);\n"
        "ALTER TABLE orders ADD COLUMN note text;\n",
    }
    config = git_repo.migrations_config(GO, "golang-migrate")
    base = git_repo.commit("base", {"deploy-readiness.yml": config, **init})
    git_repo.commit("pr", drop)
    found = list(engine.check(prepare(CheckOptions(repo=git_repo.root, base=base))))
    rg225 = [f for f in found if f.rule == "RG225"]
    assert len(rg225) == 1
    said = [rg225[0].message, *(r.message for r in rg225[0].related)]
    assert any("drops table legacy" in m for m in said)
    assert any("column orders.note" in m for m in said)


@pytest.mark.parametrize(
    ("code", "used"),
    [
        ({}, False),
        # raw SQL still names the old table
        ({"lib/report.rb": 'Conn.execute("SELECT count(*) FROM documents")\n'}, True),
    ],
)
def test_a_rails_model_named_like_the_table_that_maps_another_is_no_use(
    git_repo: Any, code: dict[str, str], used: bool
) -> None:
    """content-publisher (round X): ``class Document`` says ``self.table_name =
    "versioned_documents"``; dropping the old ``documents`` table breaks none of its uses,
    nor the association, route or I18n key ``documents``."""
    drop = {
        "db/migrate/20190122104549_drop_old.rb": "class DropOld < ActiveRecord::Migration[5.2]\n"
        "  def change\n    drop_table :documents\n  end\nend\n"
    }
    base = {
        "app/models/document.rb": "class Document < ApplicationRecord\n"
        '  self.table_name = "versioned_documents"\n  has_many :editions\nend\n',
        "app/models/edition.rb": "class Edition < ApplicationRecord\n"
        "  belongs_to :document\n  has_many :documents\nend\n",
        "app/controllers/documents_controller.rb": "class DocumentsController\n"
        "  def show\n    @document = Document.find(params[:id])\n"
        '    flash[:x] = I18n.t("documents.show.title")\n  end\nend\n',
        **code,
    }
    got, _ = _run(git_repo, base, drop, "db/migrate", "rails")
    assert ("RG225" in got) is used


def test_a_jpa_subclass_in_its_parent_s_table_maps_its_columns(git_repo: Any) -> None:
    """OpenClinica (round X): ``HideActionBean``, ``@Entity @DiscriminatorValue("5")``,
    extends ``RuleActionBean`` (``@Table(name = "rule_action")``, single-table
    inheritance, JPA's default) and maps ``oids`` there: the drop was lowered to P3."""
    code = {
        "src/main/java/app/Order.java": '@Entity\n@Table(name = "orders")\n'
        "public class Order {\n    @Id private Long id;\n}\n",
        "src/main/java/app/HeldOrder.java": '@Entity\n@DiscriminatorValue("5")\n'
        "public class HeldOrder extends Order {\n"
        '    @Column(name = "note")\n    private String note;\n}\n',
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "HeldOrder.java:4" in got["RG225"].message


@pytest.mark.parametrize(
    ("annotation", "verdict"),
    [
        ('@DiscriminatorColumn(name = "note")\n', "RG225"),
        ('@DiscriminatorColumn(name = "kind", discriminatorType = STRING)\n', "P3"),
    ],
)
def test_a_jpa_discriminator_column_is_mapped(git_repo: Any, annotation: str, verdict: str) -> None:
    """hmpps-approved-premises (round AR): ``LostBedsEntity``, ``@DiscriminatorColumn(name =
    "service")`` on ``lost_beds``: JPA writes the column on every insert, and the drop of
    ``lost_beds.service`` was not RG225."""
    code = {
        "src/main/java/app/Order.java": f'@Entity\n@Table(name = "orders")\n{annotation}'
        "public abstract class Order {\n    @Id private Long id;\n}\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    if verdict == "RG225":
        assert "Order.java:3" in got["RG225"].message
    else:
        assert "RG225" not in got and got["RG203"].severity == Severity.P3


@pytest.mark.parametrize(
    ("mapping", "verdict"),
    [
        ('    <property name="note" length="160" />\n', "RG225"),  # the column is its name
        ('    <property name="memo" column="note" />\n', "RG225"),
        ('    <many-to-one name="owner" class="app.User">\n      <column name="note" />\n'
         "    </many-to-one>\n", "RG225"),
        # a collection's key is its own table's, and the class maps no `note`: P3
        ('    <set name="tags" table="order_tags">\n      <key column="note" />\n'
         '      <element column="tag" type="string" />\n    </set>\n', "P3"),
    ],
)  # fmt: skip
def test_a_hibernate_xml_mapping_is_the_model(git_repo: Any, mapping: str, verdict: str) -> None:
    """dhis2 (round Y): ``User.hbm.xml`` maps ``userinfo.twoFA``; the drop was lowered to
    P3 as if no code used it."""
    code = {
        "src/main/resources/app/Order.hbm.xml": '<?xml version="1.0"?>\n<hibernate-mapping>\n'
        '  <class name="app.Order" table="orders">\n    <id name="id" column="orderid" />\n'
        f"{mapping}  </class>\n</hibernate-mapping>\n",
        "src/main/java/app/OrderStore.java": "class OrderStore {\n"
        '  String q = "SELECT o FROM Order o WHERE o.id = :id"; // orders\n}\n',
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    if verdict == "RG225":
        assert "Order.hbm.xml" in got["RG225"].message
    else:
        assert "RG225" not in got
        assert got["RG203"].severity is Severity.P3


def test_a_mybatis_mapper_is_code(git_repo: Any) -> None:
    """gbif/registry (round AI): ``DatasetDataPackageMapper.xml`` inserts into and selects
    from the table the step drops; the drop had no RG225."""
    code = {
        "src/main/resources/app/OrderMapper.xml": '<?xml version="1.0"?>\n<mapper namespace="app.'
        'OrderMapper">\n  <insert id="create">\n    INSERT INTO orders (id, note)\n'
        "    VALUES (#{id}, #{note})\n  </insert>\n</mapper>\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert "OrderMapper.xml:4" in got["RG225"].message


def test_a_django_key_is_named_by_its_field(git_repo: Any) -> None:
    """healthchecks: `RemoveField(name='user')` drops `user_id`; the model's
    `user = models.ForeignKey(…)` is the reference."""
    drop = {
        "shop/migrations/0002_remove_note.py": DJANGO_DROP[
            "shop/migrations/0002_remove_note.py"
        ].replace("name='note'", "name='owner'"),
    }
    base = {**DJANGO_DROP, "shop/migrations/0002_remove_note.py": None}
    base["shop/migrations/0001_initial.py"] = base["shop/migrations/0001_initial.py"].replace(
        "('note', models.TextField())",
        "('owner', models.ForeignKey(on_delete=models.CASCADE, to='auth.user'))",
    )
    base["shop/models.py"] = (
        "from django.db import models\n\nclass Order(models.Model):\n"
        "    owner = models.ForeignKey('auth.User', on_delete=models.CASCADE)\n"
    )
    del base["shop/migrations/0002_remove_note.py"]
    got, _ = _run(git_repo, base, drop, "shop/migrations", "django")
    assert "RG225" in got and got["RG225"].related[0].path == "shop/models.py"


def test_a_model_that_maps_another_table_is_not_a_use_of_this_one(git_repo: Any) -> None:
    """nerves_hub: `DeviceConnection` maps `latest_device_connections`, not the dropped
    `device_connections`."""
    init = {f"{GO}/000001_init.up.sql": "CREATE TABLE device_connections (id int);\n",
            f"{GO}/000001_init.down.sql": "DROP TABLE device_connections;\n"}  # fmt: skip
    drop = {f"{GO}/000002_drop.up.sql": "DROP TABLE device_connections;\n",
            f"{GO}/000002_drop.down.sql": "CREATE TABLE device_connections (id int);"}  # fmt: skip
    code = {"lib/device_connection.ex": "defmodule App.DeviceConnection do\n"
            '  schema "latest_device_connections" do\n    field :x, :string\n  end\nend\n',
            "lib/use.ex": "alias App.DeviceConnection\n"}  # fmt: skip
    got, _ = _run(git_repo, {**init, **code}, drop, GO, "golang-migrate")
    assert "RG225" not in got


@pytest.mark.parametrize(
    ("table", "path", "model"),
    [
        ("code_references_featureflag", "api/code_references/migrations/0003_x.py", "featureflag"),
        ("shop_productvariant", "shop/migrations/0002_x.py", "productvariant"),
        ("shop_order", "elsewhere/0002_x.py", "order"),  # no app folder: the first word
        # a label that namespaces the folder (data-hub-api's `omis_payment`, round BB)
        ("omis_payment_payment", "datahub/omis/payment/migrations/0002_x.py", "payment"),
        ("omis_payment_payment_line", "datahub/omis/payment/migrations/0002_x.py", "paymentline"),
    ],
)
def test_django_model_names_take_the_app_label_from_the_folder(
    table: str, path: str, model: str
) -> None:
    """Flagsmith's `code_references` app: the label holds a `_`."""
    assert Drop(table, "x", Related(path, 1, ""), "django").model == model


def _labelled(operation: str) -> dict[str, str]:
    """A Django app in ``forum/threads`` whose AppConfig says ``label = "acme_threads"``
    (Misago, adhocracy-plus: round O): its migrations name the label, not the folder."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    return {
        "forum/threads/migrations/__init__.py": "",
        "forum/threads/migrations/0001_initial.py": head
        + "    initial = True\n    dependencies = [('acme_users', '0001_initial')]\n"
        "    operations = [migrations.CreateModel(name='Post', fields=[('id', models.AutoField("
        "primary_key=True)), ('note', models.TextField()), ('mentions', models.ManyToManyField("
        "to='acme_users.User'))])]\n",
        "forum/threads/migrations/0002_drop.py": head
        + "    dependencies = [('acme_threads', '0001_initial')]\n"
        f"    operations = [{operation}]\n",
    }


@pytest.mark.parametrize(
    ("operation", "model", "expected"),
    [
        ("migrations.RemoveField(model_name='post', name='note')",
         "    note = models.TextField()\n", "RG225"),
        ("migrations.RemoveField(model_name='post', name='note')",
         "    title = models.TextField()\n", "P3"),
        # a many-to-many field's join table, used through the field (kitsune, round O)
        ("migrations.RemoveField(model_name='post', name='mentions')",
         "    mentions = models.ManyToManyField('acme_users.User')\n", "RG225"),
        ("migrations.DeleteModel(name='Post')", "    note = models.TextField()\n", "RG225"),
        # … removed and added again `through=` a model: the join table goes all the same
        # (analytics-platform-control-panel's `admins`, round BI: three misses) …
        ("migrations.RemoveField(model_name='post', name='mentions'),\n        migrations.AddField("
         "model_name='post', name='mentions', field=models.ManyToManyField("
         "to='acme_users.User', through='acme_threads.Mention'))",
         "    mentions = models.ManyToManyField('acme_users.User')\n", "RG225"),
        # … but added again as it was, the same join table is made again
        ("migrations.RemoveField(model_name='post', name='mentions'),\n        migrations.AddField("
         "model_name='post', name='mentions', field=models.ManyToManyField("
         "to='acme_users.User'))",
         "    mentions = models.ManyToManyField('acme_users.User')\n", "restored"),
    ],
)  # fmt: skip
def test_django_drops_are_judged_by_the_model_the_migration_names(
    git_repo: Any, operation: str, model: str, expected: str
) -> None:
    files = _labelled(operation)
    base = {k: v for k, v in files.items() if "0002" not in k}
    base["forum/threads/models.py"] = (
        "from django.db import models\n\nclass Post(models.Model):\n" + model
    )
    base["forum/threads/views.py"] = "from .models import Post\n\nposts = Post.objects.all()\n"
    pr = {k: v for k, v in files.items() if "0002" in k}
    got, _ = _run(git_repo, base, pr, "forum/threads/migrations", "django")
    if expected == "P3":
        assert "RG225" not in got
        assert got["RG203"].severity is not None and got["RG203"].severity.value == "P3"
    elif expected == "restored":
        assert "RG225" not in got, got
    else:
        assert "RG225" in got, got


DROP_LEDGER = {
    f"{GO}/000001_init.up.sql": "CREATE TABLE pledge_transactions (id int);\n",
    f"{GO}/000001_init.down.sql": "DROP TABLE pledge_transactions;\n",
}
PLEDGE_MODEL = "class PledgeTransaction(RecordModel):\n    pass\n"
DROP_LEDGER_PR = {
    f"{GO}/000002_drop.up.sql": "DROP TABLE pledge_transactions;\n",
    f"{GO}/000002_drop.down.sql": "CREATE TABLE pledge_transactions (id int);\n",
}


@pytest.mark.parametrize(
    ("code", "used"),
    [
        pytest.param(  # polar 681e6eb622: declared and exported, nothing queries it
            {
                "app/models/pledge_transaction.py": PLEDGE_MODEL
                + "    __tablename__ = 'pledge_transactions'\n",
                "app/models/__init__.py": "from .pledge_transaction import PledgeTransaction\n"
                '__all__ = [\n    "PledgeTransaction",\n]\n',
            },
            False,
            id="dead-python-model",
        ),
        pytest.param(  # pixelfed 01fd26a29: an empty Eloquent model
            {
                "app/PledgeTransaction.php": "<?php\nnamespace App;\n"
                "use Illuminate\\Database\\Eloquent\\Model;\n"
                "class PledgeTransaction extends Model\n{\n}\n"
            },
            False,
            id="dead-php-model",
        ),
        pytest.param(
            {
                "app/models/pledge_transaction.py": PLEDGE_MODEL,
                "app/service.py": "from app.models import PledgeTransaction\n\n"
                "def list_all(session):\n    return session.query(PledgeTransaction).all()\n",
            },
            True,
            id="queried-model",
        ),
    ],
)
def test_a_model_nothing_uses_is_no_use_of_its_table(
    git_repo: Any, code: dict[str, str], used: bool
) -> None:
    got, _ = _run(git_repo, {**DROP_LEDGER, **code}, DROP_LEDGER_PR, GO, "golang-migrate")
    assert ("RG225" in got) is used
    assert got["RG203"].severity is None  # a table is never vouched for as unused


@pytest.mark.parametrize(
    ("annotation", "used"),
    [("", False), ("@Entity\n", True), ('@Table(name = "worker_instance")\n', True)],
)
def test_a_plain_jvm_class_named_like_the_model_is_not_its_mapping(
    git_repo: Any, annotation: str, used: bool
) -> None:
    """kestra V1_20: `WorkerInstance` survives as a queue message class after the table's
    repository was removed; nothing maps the worker_instance table."""
    init = {f"{GO}/000001_init.up.sql": "CREATE TABLE worker_instance (id int);\n",
            f"{GO}/000001_init.down.sql": "DROP TABLE worker_instance;\n"}  # fmt: skip
    drop = {f"{GO}/000002_drop.up.sql": "DROP TABLE worker_instance;\n",
            f"{GO}/000002_drop.down.sql": "CREATE TABLE worker_instance (id int);"}  # fmt: skip
    code = {
        "src/WorkerInstance.java": f"{annotation}public class WorkerInstance {{\n    int id;\n}}\n",
        "src/Queue.java": "class Queue {\n    WorkerInstance w = new WorkerInstance();\n}\n",
    }
    got, _ = _run(git_repo, {**init, **code}, drop, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("declaration", "used"),
    [
        ("export interface ManualPaymentData {\n  amount: number\n}\n", False),
        # beabee's PaymentData.ts: an entity and, beside it, the interface named like ours
        (
            "@Entity()\nexport class PaymentData {\n  @Column() data: ManualPaymentData\n}\n\n"
            "export interface ManualPaymentData {\n  amount: number\n}\n",
            False,
        ),
        # beabee's gocardless.ts: another library's type under an alias, declared nowhere
        ("import { Payment as ManualPaymentData } from 'gocardless-nodejs'\n", False),
        ("@Entity()\nexport class ManualPaymentData {\n  @Column() amount: number\n}\n", True),
        # daily-api (round X): class decorators over several lines between @Entity and it
        (
            "@Entity()\n@Index('IDX_manual_payment_data_unique', ['amount'], {\n"
            "  unique: true,\n})\n@Index('IDX_trgm', { synchronize: false })\n"
            "export class ManualPaymentData {\n  @Column() amount: number\n}\n",
            True,
        ),
    ],
)
def test_a_typescript_interface_named_like_the_entity_is_not_its_mapping(
    git_repo: Any, declaration: str, used: bool
) -> None:
    """beabee (round J): after the entity went, ``interface ManualPaymentData`` still
    types a JSON payload; nothing maps the manual_payment_data table."""
    folder = "src/migrations"

    def ts(name: str, up: str, down: str) -> str:
        return (
            'import { MigrationInterface, QueryRunner } from "typeorm";\n\n'
            f"export class {name} implements MigrationInterface {{\n"
            f"  public async up(q: QueryRunner): Promise<void> {{\n"
            f"    await q.query(`{up}`);\n  }}\n"
            f"  public async down(q: QueryRunner): Promise<void> {{\n    await q.query(`{down}`);\n"
            "  }\n}\n"
        )

    table = 'CREATE TABLE "manual_payment_data" ("id" integer)'
    init = {f"{folder}/1600000000000-Init.ts": ts("Init1600000000000", table, "SELECT 1")}
    drop = {
        f"{folder}/1700000000000-Drop.ts": ts(
            "Drop1700000000000", 'DROP TABLE "manual_payment_data"', table
        )
    }
    code = {
        "src/models/ManualPaymentData.ts": declaration,
        "src/api/payments.ts": "import { ManualPaymentData } from '../models/ManualPaymentData'\n"
        "export const read = (d: ManualPaymentData) => d.amount\n",
    }
    got, _ = _run(git_repo, {**init, **code}, drop, folder, "typeorm")
    assert ("RG225" in got) is used


USERS = {
    f"{GO}/000001_init.up.sql": "CREATE TABLE users (id int, email text, api_key_hash text);\n",
    f"{GO}/000001_init.down.sql": "DROP TABLE users;\n",
}
DROP_API_KEY = {
    f"{GO}/000002_drop.up.sql": "ALTER TABLE users DROP COLUMN api_key_hash;\n",
    f"{GO}/000002_drop.down.sql": "ALTER TABLE users ADD COLUMN api_key_hash text;\n",
}


@pytest.mark.parametrize(
    ("model", "code", "verdict"),
    [
        (  # postmangovsg (round K): sequelize-typescript, `underscored: true`
            "@Table({ tableName: 'users', underscored: true })\n"
            "export class User extends Model {\n  @Column\n  apiKeyHash: string\n}\n",
            "export const check = (u: User) => u.apiKeyHash !== undefined\n",
            "RG225",
        ),
        (  # the model without it, the camelCase word nowhere: the contract step
            "@Table({ tableName: 'users', underscored: true })\n"
            "export class User extends Model {\n  @Column\n  email: string\n}\n",
            "export const check = (u: User) => u.email !== undefined\n",
            "P3",
        ),
    ],
)
def test_a_snake_case_column_is_found_in_camel_case(
    git_repo: Any, model: str, code: str, verdict: str
) -> None:
    files = {"src/models/User.ts": model, "src/api/users.ts": code}
    got, _ = _run(git_repo, {**USERS, **files}, DROP_API_KEY, GO, "golang-migrate")
    if verdict == "RG225":
        assert "src/models/User.ts" in got["RG225"].message
    else:
        assert "RG225" not in got and got["RG203"].severity.value == "P3"


@pytest.mark.parametrize(
    ("schema", "code", "used"),
    [
        ("", "const theme = useMantineTheme();\n", False),  # zipline (round J)
        ("model Theme {\n  id Int @id\n}\n", "const t = await prisma.theme.findMany();\n", True),
        ("", 'const t = await prisma.$queryRaw`SELECT * FROM "Theme"`;\n', True),
        # civitai (round S): the schema the client is built from is not all in the tree,
        # and a client's delegate called is a use all the same; a theme object's is not
        ("", "const t = await dbRead.theme.findMany({ where: {} });\n", True),
        ("", "const t = props.theme.create({ primary: 'red' });\n", False),
    ],
)
def test_a_prisma_table_without_its_model_is_used_only_by_sql(
    git_repo: Any, schema: str, code: str, used: bool
) -> None:
    """A table the schema at the base no longer models has no client property: a word
    spelt like it is not a use, raw SQL still is."""
    folder = "prisma/migrations"
    init = {f"{folder}/20220101000000_init/migration.sql": 'CREATE TABLE "Theme" (id int);\n'}
    drop = {f"{folder}/20220227012541_removal/migration.sql": 'DROP TABLE "Theme";\n'}
    files = {
        "prisma/schema.prisma": "model User {\n  id Int @id\n  systemTheme String\n}\n" + schema,
        "src/components/Table.tsx": code,
    }
    got, _ = _run(git_repo, {**init, **files}, drop, folder, "prisma")
    assert ("RG225" in got) is used


# a table `ledgers` made, then dropped by the change
LEDGERS = {f"{GO}/000001_init.up.sql": "CREATE TABLE ledgers (id int);\n",
           f"{GO}/000001_init.down.sql": "DROP TABLE ledgers;\n"}  # fmt: skip
LEDGERS_DROP = {f"{GO}/000002_drop.up.sql": "DROP TABLE ledgers;\n",
                f"{GO}/000002_drop.down.sql": "CREATE TABLE ledgers (id int);\n"}  # fmt: skip


@pytest.mark.parametrize(
    ("code", "used"),
    [
        ("logger.info({ message: 'Get ledgers by channel', action: 'list' })\n", False),
        ("throw new Error('the uploaded ledgers file is too large')\n", False),
        ("const q = 'SELECT id FROM ledgers WHERE owner = $1'\n", True),
        ("const rows = await knex('ledgers').select('id')\n", True),
        # a label of two words (digital_marketplace's 'Street Address', round AA)
        ("validateGenericString(name, 'Ledgers Name')\n", False),
        # prose with a word SQL also has (caseflow-efolder's tour text, round BH)
        ("const tip = { content: 'Exports from Express now include ledgers.' }\n", False),
        ("const tip = 'Select the ledgers to move, then Save'\n", False),
        # … and lower-case SQL is still SQL
        ("const q = 'select id from ledgers where owner = $1'\n", True),
        ("const q = 'delete from ledgers where id = $1'\n", True),
    ],
)
def test_a_table_named_in_a_sentence_is_not_a_use(git_repo: Any, code: str, used: bool) -> None:
    """postmangovsg (round K): a log or error message naming the dropped table is prose."""
    got, _ = _run(git_repo, {**LEDGERS, "src/app.ts": code}, LEDGERS_DROP, GO, "golang-migrate")
    assert ("RG225" in got) is used


MOVE_NOTE = {
    f"{GO}/000002_move_note.up.sql": "ALTER TABLE orders ADD COLUMN remark text;\n"
    "UPDATE orders SET remark = note;\nALTER TABLE orders DROP COLUMN note;\n",
    f"{GO}/000002_move_note.down.sql": "ALTER TABLE orders ADD COLUMN note text;\n"
    "UPDATE orders SET note = remark;\nALTER TABLE orders DROP COLUMN remark;\n",
}


@pytest.mark.parametrize(("uses", "rule"), [(True, "RG225"), (False, None)])
def test_a_column_dropped_after_its_values_were_copied_out(
    git_repo: Any, uses: bool, rule: str | None
) -> None:
    """rallly 20230329173551: `UPDATE … SET start = … "value"`, then DROP COLUMN "value".
    No data is lost (no RG203), but the previous release still reads the column."""
    query = "SELECT id, note FROM orders" if uses else "SELECT id FROM orders"
    code = {"app/orders.go": f'package app\n\nconst q = "{query}"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, MOVE_NOTE, GO, "golang-migrate")
    assert "RG203" not in got  # the values live on in `remark`
    assert (rule in got) if rule else not got


def test_a_schema_placeholder_before_the_table_is_not_the_name(git_repo: Any) -> None:
    """OHDSI WebAPI: `DROP TABLE ${ohdsiSchema}.cohort_features`, a Flyway placeholder."""
    init = {"sql/V1__init.sql": "CREATE TABLE cohort_features (id int);\n",
            "sql/U1__init.sql": "DROP TABLE cohort_features;\n"}  # fmt: skip
    table = "${ohdsiSchema}.cohort_features"
    drop = {"sql/V2__drop.sql": f"DROP TABLE {table};\n",
            "sql/U2__drop.sql": f"CREATE TABLE {table} (id int);\n"}  # fmt: skip
    code = {"src/Tasklet.java": 'class T {\n  String q = "SELECT * FROM cohort_features";\n}\n'}
    got, _ = _run(git_repo, {**init, **code}, drop, "sql", "flyway")
    assert "RG225" in got


PRISMA = "prisma/migrations"
PRISMA_SCHEMA = (
    "model Build {\n  id Int @id\n  breakpoints Json\n}\n\n"
    "model Breakpoints {\n  id Int @id\n  values Json\n}\n\n"
    'model Notification {\n  id Int @id\n  fromUser String? @map("from_user") @ignore\n'
    '  urlMeta Json? @map("url_meta")\n}\n'
)
PRISMA_INIT = {
    f"{PRISMA}/20230101000000_init/migration.sql": 'CREATE TABLE "Breakpoints" (id int);\n'
    'CREATE TABLE "Notification" (id int, from_user text, url_meta jsonb);\n',
    "prisma/schema.prisma": PRISMA_SCHEMA,
}


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        # the word elsewhere: another model's field, a hook, a label (webstudio, round L)
        (
            'const bp = build.breakpoints;\nuseSetBreakpoints(bp);\nconst label = "Breakpoints";\n',
            "RG203",
        ),
        ("const all = await prisma.breakpoints.findMany();\n", "RG225"),
        ("const all = await tx.Breakpoints\n", "RG203"),
        ('await db.$queryRaw`SELECT * FROM "Breakpoints"`;\n', "RG225"),
        # a query builder's method given the table (isomer's Kysely, round BN: a miss)
        ("db.selectFrom('Navbar').innerJoin('Breakpoints', 'id', 'x')\n", "RG225"),
        ('await trx.insertInto("Breakpoints").values(v).execute()\n', "RG225"),
        ("const page = { label: 'Breakpoints' }\n", "RG203"),
    ],
)
def test_a_prisma_table_is_used_through_its_client_or_raw_sql(
    git_repo: Any, code: str, rule: str
) -> None:
    drop = {
        f"{PRISMA}/20230520112258_drop_breakpoints/migration.sql": 'DROP TABLE "Breakpoints";\n'
    }
    got, _ = _run(git_repo, {**PRISMA_INIT, "app/page.ts": code}, drop, PRISMA, "prisma")
    assert ("RG225" in got) is (rule == "RG225")


def test_a_prisma_field_marked_ignore_is_retired(git_repo: Any) -> None:
    """teable (round L): `@ignore` keeps a field out of the client; dropping its column is
    the contract step, while a mapped field's column is still used."""
    code = {"app/n.ts": "await prisma.notification.findMany({ select: { urlMeta: true } });\n"}
    drop = {
        f"{PRISMA}/20240716070632_drop_from_user/migration.sql": (
            'ALTER TABLE "Notification" DROP COLUMN "from_user";\n'
        )
    }
    got, _ = _run(git_repo, {**PRISMA_INIT, **code}, drop, PRISMA, "prisma")
    assert "RG225" not in got and got["RG203"].severity is Severity.P3


PASSPORT_DROP = {
    "database/migrations/2024_01_01_000000_drop_passport.php": "<?php\n"
    "return new class extends Migration\n{\n    public function up(): void\n    {\n"
    "        Schema::dropIfExists('oauth_access_tokens');\n    }\n\n"
    "    public function down(): void\n    {\n"
    "        Schema::create('oauth_access_tokens', function (Blueprint $table) {\n"
    "            $table->string('id', 100)->primary();\n        });\n    }\n};\n"
}


@pytest.mark.parametrize(
    ("manifest", "used"),
    [
        # anonaddy (round AC): Passport reads its oauth_* tables from vendor/
        ('{\n  "require": {\n    "php": "^8.2",\n    "laravel/passport": "^12.0"\n  }\n}\n', True),
        (
            '{\n  "require": {"php": "^8.2"},\n  "require-dev": {"laravel/passport": "^12"}\n}\n',
            False,
        ),
        ("not json", False),
    ],
)
def test_a_table_a_required_package_uses_is_still_used(
    git_repo: Any, manifest: str, used: bool
) -> None:
    got, _ = _run(git_repo, {"composer.json": manifest}, PASSPORT_DROP, "database/migrations",
                  "laravel")  # fmt: skip
    assert ("RG225" in got) is used
    if used:
        assert got["RG225"].related[0].path == "composer.json"
        assert got["RG225"].related[0].line == 4


def test_a_gem_s_tables_are_used_while_the_gemfile_requires_it(git_repo: Any) -> None:
    drop = {
        "db/migrate/20240101000000_drop_doorkeeper.rb": "class DropDoorkeeper < "
        "ActiveRecord::Migration[7.1]\n  def up\n    drop_table :oauth_access_grants\n  end\n\n"
        "  def down\n    create_table :oauth_access_grants\n  end\nend\n"
    }
    gemfile = "source 'https://rubygems.org'\n# gem 'devise'\ngem 'doorkeeper', '~> 5.6'\n"
    got, _ = _run(git_repo, {"Gemfile": gemfile}, drop, "db/migrate", "rails")
    assert "RG225" in got and got["RG225"].related[0].line == 3


def test_a_table_named_after_a_configured_prefix_is_searched_by_its_own_name(
    git_repo: Any,
) -> None:
    """lunar (round L): `$this->prefix.'instance_settings'` is the table the code's model
    maps; the prefix is configuration."""
    drop = {
        path: text.replace("'instance_settings'", "$this->prefix.'instance_settings'")
        for path, text in LARAVEL_DROP.items()
    }
    code = {
        "app/Models/InstanceSettings.php": "<?php\nclass InstanceSettings extends Model\n{\n}\n",
        "app/Livewire/Settings.php": "<?php\n$settings = InstanceSettings::get();\n"
        "if ($settings->resale_license) {\n}\n",
    }
    got, _ = _run(git_repo, code, drop, "database/migrations", "laravel")
    assert "RG225" in got
    assert "${this_prefix}instance_settings.resale_license" in got["RG203"].message


ALEMBIC = "alembic/versions"
ALEMBIC_DROP = {
    f"{ALEMBIC}/a1_init.py": 'revision = "a1"\ndown_revision = None\n\n\n'
    "def upgrade():\n    op.create_table('commits', sa.Column('id', sa.Integer()))\n\n\n"
    "def downgrade():\n    op.drop_table('commits')\n",
    f"{ALEMBIC}/b2_drop.py": 'revision = "b2"\ndown_revision = "a1"\n\n\n'
    "def upgrade():\n    op.drop_table('commits')\n\n\n"
    "def downgrade():\n    op.create_table('commits', sa.Column('id', sa.Integer()))\n",
}


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        # aim (round M): a method and a variable named like the table or its model
        ("class Repo:\n    def commit(self):\n        commits = self.log()\n", "RG203"),
        (
            "class Commit(Base):\n    __tablename__ = 'commits'\n\nq = session.query(Commit)\n",
            "RG225",
        ),
        ('rows = conn.execute("SELECT id FROM commits")\n', "RG225"),
        # aleph (round U): a dict's key spelt like the table is no use of it
        ("query = {'commits': {'author': name}}\n", "RG203"),
        ('query = {"commits" : 1}\n', "RG203"),
        ("keys = ['commits']\n", "RG225"),  # (a string alone may be a table's name)
        # meltano (round BW): an enum's member, all capitals, is a constant, no model
        ("class Kind(enum.Enum):\n    COMMIT = enum.auto()\n\nk = Kind.COMMIT\n", "RG203"),
        ("c = Commit.query.first()\n", "RG225"),
    ],
)
def test_python_names_a_model_capitalised_and_a_table_in_a_string(
    git_repo: Any, code: str, rule: str
) -> None:
    base = {k: v for k, v in ALEMBIC_DROP.items() if "b2_" not in k}
    drop = {k: v for k, v in ALEMBIC_DROP.items() if "b2_" in k}
    got, _ = _run(git_repo, {**base, "app/repo.py": code}, drop, ALEMBIC, "alembic")
    assert ("RG225" in got) is (rule == "RG225")


@pytest.mark.parametrize(
    ("where", "rule"), [("docs/src/Page.js", "RG203"), ("app/page.js", "RG225")]
)
def test_a_documentation_site_s_pages_are_no_code(git_repo: Any, where: str, rule: str) -> None:
    """meltano (round BW): its Docusaurus site's `role="dialog"` named no dropped table."""
    base = {k: v for k, v in ALEMBIC_DROP.items() if "b2_" not in k}
    drop = {k: v for k, v in ALEMBIC_DROP.items() if "b2_" in k}
    code = {where: 'const q = "SELECT id FROM commits"\n'}
    got, _ = _run(git_repo, {**base, **code}, drop, ALEMBIC, "alembic")
    assert ("RG225" in got) is (rule == "RG225")


def test_an_alembic_table_named_by_a_loop_variable_is_no_table_of_that_name(
    git_repo: Any,
) -> None:
    """neutron (round AC): ``for table, model in TABLE_MODELS: op.drop_table(table)``
    drops the tables of a list the analyser does not read, not a table called "table",
    which the base code says in every other file."""
    base = {k: v for k, v in ALEMBIC_DROP.items() if "b2_" not in k}
    drop = {
        f"{ALEMBIC}/b2_drop.py": 'revision = "b2"\ndown_revision = "a1"\n\n'
        "TABLE_MODELS = [(t, sa.Table(t, sa.MetaData())) for t in load()]\n\n\n"
        "def upgrade():\n    for table, model in TABLE_MODELS:\n"
        "        op.drop_table(table)\n\n\n"
        "def downgrade():\n    pass\n"
    }
    code = {"app/ovs.py": "ARGS = ['--columns', 'table']\n"}
    got, _ = _run(git_repo, {**base, **code}, drop, ALEMBIC, "alembic")
    assert "RG225" not in got
    assert "{table}" in got["RG203"].message


RAILS_TABLE_DROP = {
    "db/migrate/20140824234126_drop_reminders.rb": "class DropReminders < "
    "ActiveRecord::Migration[4.2]\n  def change\n    drop_table :reminders\n  end\nend\n"
}


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        # planner (round O): a mailer method and its calls named like the model
        (
            "class Mailer\n  def reminder(session)\n  end\nend\n\n"
            "Mailer.reminder(session).deliver\n",
            "RG203",
        ),
        ("class Invite < ActiveRecord::Base\n  belongs_to :reminder\nend\n", "RG225"),
        ("class Invite\n  def later\n    Reminder.where(sent: false)\n  end\nend\n", "RG225"),
    ],
)
def test_ruby_names_a_model_capitalised_or_as_a_symbol(git_repo: Any, code: str, rule: str) -> None:
    got, _ = _run(git_repo, {"app/invite.rb": code}, RAILS_TABLE_DROP, "db/migrate", "rails")
    assert ("RG225" in got) is (rule == "RG225")


def test_an_alembic_column_copied_into_another_then_dropped_is_still_asked(
    git_repo: Any,
) -> None:
    """onyx (round O): ``UPDATE persona SET builtin = default_persona`` then the drop: no
    data lost (no RG203), but the previous release still reads the old column."""
    base = {
        f"{ALEMBIC}/a1_init.py": 'revision = "a1"\ndown_revision = None\n\n\n'
        "def upgrade():\n    op.create_table('persona', sa.Column('id', sa.Integer()),\n"
        "        sa.Column('default_persona', sa.Boolean()))\n\n\n"
        "def downgrade():\n    op.drop_table('persona')\n",
        "app/models.py": "class Persona(Base):\n    __tablename__ = 'persona'\n"
        "    default_persona = Column(Boolean)\n",
    }
    drop = {
        f"{ALEMBIC}/b2_builtin.py": 'revision = "b2"\ndown_revision = "a1"\n\n\n'
        "def upgrade():\n    op.add_column('persona', sa.Column('builtin', sa.Boolean()))\n"
        "    op.execute('UPDATE persona SET builtin = default_persona')\n"
        "    op.drop_column('persona', 'default_persona')\n\n\n"
        "def downgrade():\n    op.add_column('persona', sa.Column('default_persona',"
        " sa.Boolean()))\n    op.drop_column('persona', 'builtin')\n",
    }
    got, _ = _run(git_repo, base, drop, ALEMBIC, "alembic")
    assert "RG203" not in got
    assert "persona.default_persona" in got["RG225"].message


LIQUIBASE = "db/changelog"


def _changeset(ident: str, body: str) -> str:
    return f'  <changeSet id="{ident}" author="a">\n{body}  </changeSet>\n'


def _changelog(*sets: str) -> str:
    return '<?xml version="1.0"?>\n<databaseChangeLog>\n' + "".join(sets) + "</databaseChangeLog>\n"


def test_a_liquibase_column_moved_out_before_its_drop_is_still_asked_rg225(git_repo: Any) -> None:
    """mystamps (round L): an UPDATE copies released_at into release_year, then dropColumn;
    no data is lost (no RG203), but the previous release still maps the column."""
    create = _changeset(
        "1",
        '    <createTable tableName="series"><column name="id" type="int"/>'
        '<column name="released_at" type="date"/><column name="release_year" type="int"/>'
        "</createTable>\n",
    )
    move = _changeset(
        "2",
        "    <sql>UPDATE series SET release_year = released_at</sql>\n"
        '    <dropColumn tableName="series" columnName="released_at"/>\n'
        "    <rollback><sql>SELECT 1</sql></rollback>\n",
    )
    code = {
        "src/Series.java": '@Entity\n@Table(name = "series")\nclass Series {\n'
        '    @Column(name = "released_at") LocalDate releasedAt;\n}\n'
    }
    base = {f"{LIQUIBASE}/changelog.xml": _changelog(create), **code}
    got, _ = _run(git_repo, base, {f"{LIQUIBASE}/changelog.xml": _changelog(create, move)},
                  LIQUIBASE, "liquibase")  # fmt: skip
    assert "RG225" in got and "RG203" not in got


@pytest.mark.parametrize(
    ("sql", "rule"),
    [
        # transport-site (round N): the model no longer maps it, raw SQL in lower case does
        (
            "    from resource r\n    join orders o on o.id = r.order_id\n"
            "    left join notes n on n.id = o.note\n",
            "RG225",
        ),
        ("    # the order's note is shown elsewhere\n    note = fetch(order)\n", "P3"),
    ],
)
def test_raw_sql_in_lower_case_still_uses_a_column_the_model_dropped(
    git_repo: Any, sql: str, rule: str
) -> None:
    code = {
        "lib/shop/order.ex": 'defmodule Shop.Order do\n  typed_schema "orders" do\n'
        "    field :total, :integer\n  end\nend\n",
        "lib/shop/report.ex": 'def report do\n  """\n  select o.id\n' + sql + '  """\nend\n',
        "lib/shop/view.ex": "def render(order), do: Repo.get(Shop.Order, order.id)\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    if rule == "RG225":
        assert "RG225" in got
    else:
        assert "RG225" not in got and got["RG203"].severity is Severity.P3


@pytest.mark.parametrize(
    ("relation", "rule"),
    [
        # regulated-professions-register (round N): the entity still holds the relation,
        # TypeORM still reads and writes its industryId
        ("  @ManyToOne(() => Industry, { eager: true })\n  industry: Industry;\n", "RG225"),
        ("  @Column()\n  name: string;\n", "P3"),  # the relation went first: the contract step
    ],
)
def test_a_typeorm_relation_maps_its_id_column(git_repo: Any, relation: str, rule: str) -> None:
    go = {
        f"{GO}/000001_init.up.sql": "CREATE TABLE professions"
        ' (id int, "industryId" int, name text);\n',
        f"{GO}/000001_init.down.sql": "DROP TABLE professions;\n",
    }
    drop = {
        f"{GO}/000002_drop.up.sql": 'ALTER TABLE professions DROP COLUMN "industryId";\n',
        f"{GO}/000002_drop.down.sql": 'ALTER TABLE professions ADD COLUMN "industryId" int;\n',
    }
    code = {
        "src/professions/profession.entity.ts": "@Entity('professions')\n"
        f"export class Profession {{\n  @PrimaryGeneratedColumn()\n  id: number;\n{relation}}}\n",
        "src/professions/service.ts": "export const all = () => repo.find(Profession)\n",
    }
    got, _ = _run(git_repo, {**go, **code}, drop, GO, "golang-migrate")
    if rule == "RG225":
        assert "RG225" in got
    else:
        assert "RG225" not in got and got["RG203"].severity is Severity.P3


ALEMBIC_RUNS = {
    f"{ALEMBIC}/a1_init.py": 'revision = "a1"\ndown_revision = None\n\n\n'
    "def upgrade():\n    op.create_table('agents_runs', sa.Column('id', sa.Integer()))\n\n\n"
    "def downgrade():\n    op.drop_table('agents_runs')\n",
    f"{ALEMBIC}/b2_drop.py": 'revision = "b2"\ndown_revision = "a1"\n\n\n'
    "def upgrade():\n    op.drop_table('agents_runs')\n\n\n"
    "def downgrade():\n    op.create_table('agents_runs', sa.Column('id', sa.Integer()))\n",
}


@pytest.mark.parametrize(
    ("service", "rule"),
    [
        ("from app.orm import AgentsRuns\n\nq = select(AgentsRuns)\n", "RG225"),
        ("from app.orm import Agent\n\nq = select(Agent)\n", "RG203"),  # only the model file
    ],
)
def test_a_sqlalchemy_model_named_in_the_plural(git_repo: Any, service: str, rule: str) -> None:
    """letta (round O): `agents_runs` is mapped by `class AgentsRuns`, not `AgentsRun`; the
    code that selects it is the previous release's use of the table."""
    base = {k: v for k, v in ALEMBIC_RUNS.items() if "b2_" not in k}
    drop = {k: v for k, v in ALEMBIC_RUNS.items() if "b2_" in k}
    code = {
        "app/orm.py": "class AgentsRuns(Base):\n    __tablename__ = 'agents_runs'\n"
        "    id = Column(Integer, primary_key=True)\n",
        "app/runs.py": service,
    }
    got, _ = _run(git_repo, {**base, **code}, drop, ALEMBIC, "alembic")
    assert ("RG225" in got) is (rule == "RG225")


@pytest.mark.parametrize(
    ("path", "code", "used"),
    [
        # blurts-server (round P): a Knex table-type map declares, it runs nothing
        ("src/knex-tables.d.ts", "interface Tables {\n  orders: OrderRow;\n}\n", False),
        ("src/knex-tables.ts", "const rows = await knex('orders').select('id');\n", True),
        # candlepin (round P): a Liquibase customChange class is run by the changelog
        (
            "src/main/java/org/candlepin/liquibase/OrdersTask.java",
            'class OrdersTask {\n  String q = "SELECT id FROM orders";\n}\n',
            False,
        ),
    ],
    ids=["d.ts", "ts", "liquibase-task"],
)
def test_declarations_and_migration_tasks_are_no_use(
    git_repo: Any, path: str, code: str, used: bool
) -> None:
    drop = {f"{GO}/000002_drop.up.sql": "DROP TABLE orders;\n",
            f"{GO}/000002_drop.down.sql": "CREATE TABLE orders (id int);\n"}  # fmt: skip
    got, _ = _run(git_repo, {**INIT, path: code}, drop, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    "remove",
    [
        "    change_table :orders, bulk: true do |t|\n      t.remove :note, type: :text\n    end\n",
        "    remove_columns :orders, :note, :legacy, type: :text\n",
        "    remove_reference :orders, :note, index: true\n",
    ],
    ids=["t.remove", "remove_columns", "remove_reference"],
)
def test_every_rails_way_to_remove_a_column_is_asked(git_repo: Any, remove: str) -> None:
    """hitobito (round P): `t.remove` in `change_table` (``remove_columns``) was never
    asked RG225, and four columns the controllers still read got no finding."""
    column = "note_id" if "reference" in remove else "note"
    code = {
        "app/models/order.rb": "class Order < ApplicationRecord\nend\n",
        "app/controllers/orders_controller.rb": "class OrdersController\n  def index\n"
        f"    Order.where({column}: nil)\n  end\nend\n",
    }
    drop = {
        "db/migrate/20240101000000_remove_note.rb": "class RemoveNote < "
        f"ActiveRecord::Migration[7.1]\n  def change\n{remove}  end\nend\n"
    }
    got, _ = _run(git_repo, code, drop, "db/migrate", "rails")
    assert "RG225" in got


def test_a_rails_join_table_dropped_is_asked(git_repo: Any) -> None:
    """`drop_join_table` was never asked: its key names `table <name>`."""
    code = {
        "app/models/role.rb": "class Role < ApplicationRecord\n"
        '  has_and_belongs_to_many :users, join_table: "roles_users"\nend\n'
    }
    drop = {
        "db/migrate/20240101000000_drop_roles_users.rb": "class DropRolesUsers < "
        "ActiveRecord::Migration[7.1]\n  def change\n"
        "    drop_join_table :roles, :users\n  end\nend\n"
    }
    got, _ = _run(git_repo, code, drop, "db/migrate", "rails")
    assert "RG225" in got


RAILS_CODE = {"app/models/order.rb": "class Order < ApplicationRecord\n  validates :note\nend\n"}


def _rails_change(body: str, name: str = "20240101000000_remove_note") -> dict[str, str]:
    return {f"db/migrate/{name}.rb": f"class M{name[:14]} < ActiveRecord::Migration[7.1]\n"
            f"  def change\n{body}  end\nend\n"}  # fmt: skip


@pytest.mark.parametrize(
    ("change", "rule"),
    [
        (  # maybe (round R): the drop in `dir.up`, the column back in `dir.down`, which
            # never runs on deploy
            _rails_change(
                "    reversible do |dir|\n      dir.up do\n"
                "        remove_column :orders, :note\n      end\n"
                "      dir.down do\n        add_column :orders, :note, :string\n      end\n"
                "    end\n"
            ),
            "RG225",
        ),
        (  # … written with braces
            _rails_change(
                "    reversible do |dir|\n      dir.up { remove_column :orders, :note }\n"
                "      dir.down { add_column :orders, :note, :string }\n    end\n"
            ),
            "RG225",
        ),
        (  # maybe: a column of that name of another table renamed in the same step
            _rails_change(
                "    remove_column :orders, :note, :string\n"
                "    rename_column :order_prices, :note, :remark\n"
            ),
            "RG225",
        ),
        (  # maybe: another column renamed into the dropped one's name by a later
            # migration of the change: the previous release finds a column of that name
            {
                **_rails_change(
                    "    remove_column :orders, :note, :string\n"
                    "    add_column :orders, :draft_note, :string\n"
                ),
                **_rails_change(
                    "    add_column :order_prices, :x, :string\n"
                    "    rename_column :orders, :draft_note, :note\n",
                    "20240102000000_rename_draft",
                ),
            },
            "RG203",
        ),
    ],
    ids=["dir-down-block", "dir-down-braces", "other-table-renamed", "renamed-into-place"],
)
def test_rails_lines_that_do_not_bring_the_column_back(
    git_repo: Any, change: dict[str, str], rule: str
) -> None:
    got, _ = _run(git_repo, RAILS_CODE, change, "db/migrate", "rails")
    assert rule in got and (rule == "RG225" or "RG225" not in got), got


@pytest.mark.parametrize(
    ("base_up", "head_up", "rule"),
    [
        (  # harbor (round R): a drop appended to the schema file of the release in the making
            "ALTER TABLE orders ADD COLUMN total int;\n",
            "ALTER TABLE orders ADD COLUMN total int;\nALTER TABLE orders DROP COLUMN note;\n",
            "RG225",
        ),
        (  # an edit of a file that dropped the column already: judged as that file was
            "ALTER TABLE orders DROP COLUMN note;\n",
            "-- reviewed\nALTER TABLE orders DROP COLUMN note;\n",
            None,
        ),
    ],
    ids=["drop-written-by-the-edit", "drop-there-before"],
)
def test_a_drop_an_edit_writes_is_asked_like_a_new_one(
    git_repo: Any, base_up: str, head_up: str, rule: str | None
) -> None:
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    up = f"{GO}/000002_release.up.sql"
    base = {**INIT, **code, up: base_up, f"{GO}/000002_release.down.sql": "SELECT 1;\n"}
    got, _ = _run(git_repo, base, {up: head_up}, GO, "golang-migrate")
    assert "RG203" in got or "RG225" in got
    assert ("RG225" in got) == (rule == "RG225"), got


def test_a_table_named_like_the_dropped_column_is_not_the_column_back(git_repo: Any) -> None:
    """openlane (round R): ent drops ``groups.finding_editors`` and creates a join table
    ``finding_editors`` in the same step: the column is gone, the base code uses it."""
    code = {"app/groups.go": 'package app\n\nconst q = "SELECT finding_editors FROM groups"\n'}
    init = {f"{GO}/000001_init.up.sql": "CREATE TABLE groups (id int, finding_editors text);\n",
            f"{GO}/000001_init.down.sql": "DROP TABLE groups;\n"}  # fmt: skip
    change = {
        f"{GO}/000002_edges.up.sql": 'ALTER TABLE "groups" DROP COLUMN "finding_editors";\n'
        '-- create "finding_editors" table\n'
        'CREATE TABLE "finding_editors" ("finding_id" varchar, "group_id" varchar);\n',
        f"{GO}/000002_edges.down.sql": 'DROP TABLE "finding_editors";\n',
    }
    got, _ = _run(git_repo, {**init, **code}, change, GO, "golang-migrate")
    assert "RG225" in got


@pytest.mark.parametrize(
    ("path", "framework", "change"),
    [
        (GO, "golang-migrate", {
            f"{GO}/000002_rename.up.sql": "ALTER TABLE orders RENAME TO purchases;\n"
            "ALTER TABLE purchases DROP COLUMN note;\n",
            f"{GO}/000002_rename.down.sql": "SELECT 1;\n",
        }),
        ("db/migrate", "rails", _rails_change(
            "    rename_table :orders, :purchases\n    remove_column :purchases, :note, :text\n"
        )),
    ],
    ids=["sql", "rails"],
)  # fmt: skip
def test_a_column_dropped_after_its_table_was_renamed_is_looked_for_by_the_old_name(
    git_repo: Any, path: str, framework: str, change: dict[str, str]
) -> None:
    """changelog.com (round R): ``topics`` renamed ``channels``, then ``channels.website``
    dropped: the base code maps ``topics.website``."""
    code = {
        "app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n',
        "app/models/order.rb": "class Order < ApplicationRecord\n  validates :note\nend\n",
    }
    base = {**INIT, **code} if framework != "rails" else code
    got, _ = _run(git_repo, base, change, path, framework)
    assert "RG225" in got


BASE_ENTITY = (
    "@MappedSuperclass\npublic abstract class BaseEntity<T extends Serializable> {\n"
    "    private Date lastModified;\n\n"
    '    @Column(name = "last_modified")\n    public Date getLastModified() {\n'
    "        return lastModified;\n    }\n}\n"
)
EVENT_ENTITY = (
    '@Entity\n@Table(name = "event")\npublic class EventEntity extends {base} {{\n'
    "    private String label;\n\n"
    '    @Column(name = "label")\n    public String getLabel() {{ return label; }}\n}}\n'
)
# A DAO of another table whose bind parameter, and a DTO whose field, spell the column
EVENT_ELSEWHERE = {
    "src/dao/TagDao.java": 'class TagDao {\n    String q = "INSERT INTO tag (name, event) '
    'VALUES (:name, :last_modified)";\n}\n',
    "src/dto/EventDto.java": "public class EventDto {\n    private Date lastModified;\n}\n",
}


def _event_drop(git_repo: Any, code: dict[str, str]):  # type: ignore[no-untyped-def]
    create = _changeset(
        "1",
        '    <createTable tableName="event"><column name="id" type="int"/>'
        '<column name="label" type="text"/><column name="last_modified" type="date"/>'
        "</createTable>\n",
    )
    drop = _changeset("2", '    <dropColumn tableName="event" columnName="last_modified"/>\n')
    base = {f"{LIQUIBASE}/changelog.xml": _changelog(create), **code}
    return _run(git_repo, base, {f"{LIQUIBASE}/changelog.xml": _changelog(create, drop)},
                LIQUIBASE, "liquibase")  # fmt: skip


def test_a_column_a_jpa_entity_inherits_from_its_mapped_superclass_is_rg225(
    git_repo: Any,
) -> None:
    """ORCID 6f466eb69b: `event.last_modified` was mapped by BaseEntity, which EventEntity
    extends: lowered to P3 as the contract step before, while the release fails on it."""
    code = {
        "src/entities/BaseEntity.java": BASE_ENTITY,
        "src/entities/EventEntity.java": EVENT_ENTITY.format(base="BaseEntity<Long>"),
        **EVENT_ELSEWHERE,
    }
    got, _ = _event_drop(git_repo, code)
    assert [(r.path, r.line) for r in got["RG225"].related] == [("src/entities/BaseEntity.java", 5)]
    assert "inherits" in got["RG225"].related[0].message


def test_a_jpa_entity_that_no_longer_maps_a_column_settles_it(git_repo: Any) -> None:
    """ORCID (round R): the entity and every class it extends were read and none maps the
    column, so a bind parameter of another table's query and a DTO field are no uses."""
    plain = BASE_ENTITY.replace("@MappedSuperclass\n", "").replace(
        '    @Column(name = "last_modified")\n', ""
    )
    code = {
        "src/entities/BaseEntity.java": plain.replace("lastModified", "created"),
        "src/entities/EventEntity.java": EVENT_ENTITY.format(base="BaseEntity<Long>"),
        **EVENT_ELSEWHERE,
    }
    got, _ = _event_drop(git_repo, code)
    assert "RG225" not in got
    assert got["RG203"].severity is not None and got["RG203"].severity.value == "P3"


_GOAL_KT = (
    '@Entity\n@Table(name = "goal")\nclass GoalEntity(\n  var title: String,\n\n'
    "{}  var notes: String? = null,\n)\n"
)
_GOAL_JAVA = (
    '@Entity\n@Table(name = "goal")\npublic class GoalEntity {{\n    private String title;\n'
    "{}    private String notes;\n}}\n"
)


@pytest.mark.parametrize(
    ("path", "entity", "verdict"),
    [
        ("src/GoalEntity.kt", _GOAL_KT.format("  @Transient\n"), "P3"),
        ("src/GoalEntity.java", _GOAL_JAVA.format("    @Transient\n"), "P3"),
        ("src/GoalEntity.kt", _GOAL_KT.format(""), "RG225"),  # mapped: a use
        ("src/GoalEntity.java", _GOAL_JAVA.format(""), "RG225"),
    ],
    ids=["kotlin-transient", "java-transient", "kotlin-mapped", "java-mapped"],
)
def test_a_jpa_member_marked_transient_maps_no_column(
    git_repo: Any, path: str, entity: str, verdict: str
) -> None:
    """hmpps-education-and-work-plan-api (round AZ): ``@Transient var notes`` in the entity
    is state JPA leaves out on purpose; the name written there is no use of the column."""
    create = _changeset(
        "1",
        '    <createTable tableName="goal"><column name="id" type="int"/>'
        '<column name="title" type="text"/><column name="notes" type="text"/></createTable>\n',
    )
    drop = _changeset("2", '    <dropColumn tableName="goal" columnName="notes"/>\n')
    base = {f"{LIQUIBASE}/changelog.xml": _changelog(create), path: entity}
    got, _ = _run(git_repo, base, {f"{LIQUIBASE}/changelog.xml": _changelog(create, drop)},
                  LIQUIBASE, "liquibase")  # fmt: skip
    if verdict == "RG225":
        assert "RG225" in got
    else:
        assert "RG225" not in got
        assert got["RG203"].severity is not None and got["RG203"].severity.value == verdict


@pytest.mark.parametrize(
    "base",
    ["AuditedEntity", "BaseEntity<Long>"],
    ids=["a-library-superclass", "embedded-state"],
)
def test_a_jpa_entity_whose_state_is_not_all_read_is_judged_by_names(
    git_repo: Any, base: str
) -> None:
    """A superclass no file of the tree declares (a library's), or an @Embedded object,
    may map the column: the DTO's field then counts as a use (fail closed)."""
    entity = EVENT_ENTITY.format(base=base)
    if base.startswith("BaseEntity"):
        entity = entity.replace(
            "    private String label;", "    @Embedded\n    private Audit audit;"
        )
    code = {
        "src/entities/BaseEntity.java": "public class BaseEntity<T> {\n}\n",
        "src/entities/EventEntity.java": entity,
        **EVENT_ELSEWHERE,
    }
    got, _ = _event_drop(git_repo, code)
    assert got["RG203"].severity is None or got["RG203"].severity.value != "P3"


def test_a_jpql_property_spelt_in_camel_case_is_not_raw_sql(git_repo: Any) -> None:
    """ORCID 3c850a9ad0: `update ProfileEntity set lastModified = …` is JPQL over a property
    the entity no longer has, not SQL naming the column."""
    code = {
        "src/entities/BaseEntity.java": "public class BaseEntity<T> {\n}\n",
        "src/entities/EventEntity.java": EVENT_ENTITY.format(base="BaseEntity<Long>"),
        "src/dao/EventDao.java": 'class EventDao {\n    String table = "event";\n'
        '    String q = "update EventEntity set lastModified = now() where id = :id";\n}\n',
    }
    got, _ = _event_drop(git_repo, code)
    assert "RG225" not in got


def test_a_class_annotated_with_the_tables_name_is_its_model(git_repo: Any) -> None:
    """traccar 7d4fabd57 (round R): `@StorageName("tc_users")` over `class User`, whose
    field sits a hundred lines below the annotation: its own storage layer maps it."""
    filler = "".join(f"    public void helper{n}() {{\n    }}\n" for n in range(20))
    code = {
        "src/model/User.java": '@StorageName("tc_users")\npublic class User {\n'
        + filler
        + "    private boolean twelveHourFormat;\n}\n"
    }
    create = _changeset(
        "1",
        '    <createTable tableName="tc_users"><column name="id" type="int"/>'
        '<column name="twelvehourformat" type="boolean"/></createTable>\n',
    )
    drop = _changeset("2", '    <dropColumn tableName="tc_users" columnName="twelvehourformat"/>\n')
    base = {f"{LIQUIBASE}/changelog.xml": _changelog(create), **code}
    got, _ = _run(git_repo, base, {f"{LIQUIBASE}/changelog.xml": _changelog(create, drop)},
                  LIQUIBASE, "liquibase")  # fmt: skip
    assert [(r.path, r.line) for r in got["RG225"].related] == [("src/model/User.java", 43)]


def test_a_liquibase_column_added_to_another_table_is_no_re_add(git_repo: Any) -> None:
    """traccar 30bafaed4 (round R): `geofenceids` dropped from tc_devices and added to
    tc_positions in one changeSet; the devices' column is gone all the same."""
    code = {"src/model/Device.java": '@StorageName("tc_devices")\npublic class Device {\n'
            "    private List<Long> geofenceIds;\n}\n"}  # fmt: skip
    create = _changeset(
        "1",
        '    <createTable tableName="tc_devices"><column name="id" type="int"/>'
        '<column name="geofenceids" type="text"/></createTable>\n',
    )
    move = _changeset(
        "2",
        '    <dropColumn tableName="tc_devices" columnName="geofenceids" />\n'
        '    <addColumn tableName="tc_positions">\n'
        '      <column name="geofenceids" type="VARCHAR(128)" />\n    </addColumn>\n',
    )
    base = {f"{LIQUIBASE}/changelog.xml": _changelog(create), **code}
    got, _ = _run(git_repo, base, {f"{LIQUIBASE}/changelog.xml": _changelog(create, move)},
                  LIQUIBASE, "liquibase")  # fmt: skip
    assert "RG225" in got


def test_a_yaml_drop_is_not_its_own_return(git_repo: Any) -> None:
    """datashare (round T): a YAML ``- dropColumn:`` names its column on a line below its
    key, which was read as the column added back; the rows were copied to another table
    in the changeSet before, whose own ``prj_id`` is no return either."""
    code = {"src/Repo.java": 'class Repo { String q = "SELECT prj_id FROM user_history"; }\n'}
    create = _yaml_table("user_history", "prj_id", "varchar(96)")
    move = (
        "  - changeSet:\n      id: 2\n      author: m\n      changes:\n"
        "        - createTable:\n            tableName: user_history_project\n"
        "            columns:\n              - column: {name: prj_id, type: varchar(96)}\n"
        "  - changeSet:\n      id: 3\n      author: m\n      changes:\n        sql:\n"
        "          INSERT INTO user_history_project (prj_id) SELECT prj_id FROM user_history\n"
        "  - changeSet:\n      id: 4\n      author: m\n      changes:\n"
        "        - dropColumn:\n            tableName: user_history\n"
        "            columnName: prj_id\n"
    )
    got = _yaml_changed(git_repo, code, create, move)
    assert "RG225" in got and "RG203" not in got


def _yaml_table(table: str, column: str, typ: str) -> str:
    """A YAML changelog whose one changeSet creates ``table`` with ``id`` and ``column``."""
    return (
        "databaseChangeLog:\n  - changeSet:\n      id: 1\n      author: m\n"
        f"      changes:\n        - createTable:\n            tableName: {table}\n"
        "            columns:\n              - column: {name: id, type: int}\n"
        f"              - column: {{name: {column}, type: {typ}}}\n"
    )


def _yaml_changed(git_repo: Any, code: dict[str, str], create: str, more: str) -> dict[str, Any]:
    """RG203 and RG225 of a change appending ``more`` changeSets to the changelog
    ``create``, against a base holding ``code``."""
    base = {f"{LIQUIBASE}/changelog.yml": create, **code}
    got, _ = _run(git_repo, base, {f"{LIQUIBASE}/changelog.yml": create + more},
                  LIQUIBASE, "liquibase")  # fmt: skip
    return dict(got)


def test_a_sqlite_rebuild_drops_no_table_the_previous_release_has(git_repo: Any) -> None:
    """taproot-assets 000029 (round S): the table renamed to `_old`, made again under its
    own name, the rows copied, `_old` dropped: the previous release finds its table."""
    change = {
        f"{GO}/000002_rebuild.up.sql": "ALTER TABLE orders RENAME TO orders_old;\n"
        "CREATE TABLE orders (id int, note text NOT NULL DEFAULT '');\n"
        "INSERT INTO orders SELECT id, note FROM orders_old;\n"
        "DROP TABLE orders_old;\n",
        f"{GO}/000002_rebuild.down.sql": "SELECT 1;\n",
    }
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert "RG225" not in got


@pytest.mark.parametrize("end", [";\n", "", "\n\nSELECT 1;\n"])
def test_a_sql_drop_written_over_several_lines_is_not_its_own_return(
    git_repo: Any, end: str
) -> None:
    """su-se-bakover V178 (round S): `ALTER TABLE\\n dokument\\nDROP COLUMN\\n bestillbrev`,
    without a semicolon at the file's end: the column alone on the statement's last line
    is no column added back."""
    change = {
        f"{GO}/000002_drop_note.up.sql": f"ALTER TABLE\n    orders\nDROP COLUMN\n    note{end}",
        f"{GO}/000002_drop_note.down.sql": "ALTER TABLE orders ADD COLUMN note text;\n",
    }
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert "RG225" in got


def _sequelize_drop(git_repo: Any, table: str, column: str, code: dict[str, str], also: str = ""):  # type: ignore[no-untyped-def]
    """A Sequelize migration removing ``table.column`` (and running ``also``) over ``code``."""
    up = (
        "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n"
        f"    await queryInterface.removeColumn('{table}', '{column}');\n{also}  }},\n"
        "  down: async () => {},\n};\n"
    )
    got, _ = _run(git_repo, code, {"db/migrations/20220609044825-drop.js": up},
                  "db/migrations", "sequelize")  # fmt: skip
    return got


def test_a_sequelize_column_of_that_name_added_to_another_table_is_no_re_add(
    git_repo: Any,
) -> None:
    """github-for-jira (round S): `githubAppId` removed from Installations while the same
    step adds `gitHubAppId` to Subscriptions; the base model still maps the first."""
    code = {
        "src/models/installation.ts": "export class Installation extends Model {\n"
        "  declare githubAppId?: number;\n}\n"
        "Installation.init({ githubAppId: { type: DataTypes.INTEGER } },"
        " { tableName: 'Installations', sequelize });\n"
    }
    also = (
        "    await queryInterface.addColumn('Subscriptions', 'gitHubAppId', "
        "{ type: Sequelize.INTEGER });\n"
    )
    assert "RG225" in _sequelize_drop(git_repo, "Installations", "githubAppId", code, also)


def test_a_table_named_on_the_next_line_of_its_call_is_another_tables_context(
    git_repo: Any,
) -> None:
    """manila (round S): a later migration of the change creates another table with a
    column of the dropped name, the table's name on the line after `op.create_table(`."""
    change = {
        **DROP_NOTE,
        f"{GO}/000003_notes.up.sql": "CREATE TABLE\n    notes_archive (\n    id int,\n"
        "    note text\n);\n",
        f"{GO}/000003_notes.down.sql": "DROP TABLE notes_archive;\n",
    }
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert "RG225" in got


def test_an_alembic_table_named_on_the_next_line_is_another_tables_context(
    git_repo: Any,
) -> None:
    """manila e1949a93157a (round S): `op.create_table(\\n    'mappings',` with a column of
    the dropped name, in a later migration of the change."""
    folder = "alembic/versions"
    drop = (
        'revision = "b2"\ndown_revision = "a1"\n\nfrom alembic import op\n\n\n'
        'def upgrade():\n    op.drop_column("orders", "note")\n\n\n'
        'def downgrade():\n    op.add_column("orders", sa.Column("note", sa.Text()))\n'
    )
    later = (
        'revision = "c3"\ndown_revision = "b2"\n\nfrom alembic import op\nimport sqlalchemy as sa'
        "\n\n\ndef upgrade():\n    op.create_table(\n        'notes_archive',\n"
        "        sa.Column('id', sa.Integer),\n        sa.Column('note', sa.Text),\n    )\n\n\n"
        "def downgrade():\n    op.drop_table('notes_archive')\n"
    )
    init = (
        'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa'
        "\n\n\ndef upgrade():\n    op.create_table('orders', sa.Column('note', sa.Text))\n\n\n"
        "def downgrade():\n    op.drop_table('orders')\n"
    )
    code = {"app/queries.py": 'Q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(
        git_repo,
        {f"{folder}/a1_init.py": init, **code},
        {f"{folder}/b2_drop.py": drop, f"{folder}/c3_later.py": later},
        folder,
        "alembic",
    )
    assert "RG225" in got


@pytest.mark.parametrize(("spelt", "used"), [("gitHubBaseUrl", False), ("githubBaseUrl", True)])
def test_a_case_sensitive_column_is_matched_as_spelt(git_repo: Any, spelt: str, used: bool) -> None:
    """github-for-jira 20220808010636 (round S): Sequelize's quoted `githubBaseUrl` is
    dropped; `gitHubBaseUrl` in the code is another column."""
    code = {
        "src/models/subscription.ts": "export class Subscription extends Model {\n"
        f"  declare {spelt}?: string;\n}}\n"
        "Subscription.init({ x: DataTypes.STRING }, { tableName: 'Subscriptions', sequelize });\n"
    }
    assert ("RG225" in _sequelize_drop(git_repo, "Subscriptions", "githubBaseUrl", code)) is used


@pytest.mark.parametrize(
    ("line", "used"),
    [
        ("const find = async (subs: Sub[], githubAppId?: number): Promise<void> => {};", False),
        ("function find(subs: Sub[], githubAppId: number) {}", False),
        ("  githubAppId?: number;", True),
        # the next line of github-for-jira's: a variable named like the table, in another
        # case, is not the quoted `Installations` table
        ("const installations = await getInstallations(subs, log, githubAppId);", False),
        ('const rows = await db.query(`SELECT "githubAppId" FROM "Installations"`);', True),
    ],
    ids=["arrow-parameter", "function-parameter", "property", "variable", "sql"],
)
def test_a_typescript_parameter_is_no_use_of_the_column(
    git_repo: Any, line: str, used: bool
) -> None:
    """github-for-jira ebb633cf (round S): `githubAppId?: number` in a function's
    parameters is a value passed in; in a class or interface it may be the model's."""
    code = {
        "src/installations.ts": f"// the Installations table\nclass Installations {{\n{line}\n}}\n"
    }
    assert ("RG225" in _sequelize_drop(git_repo, "Installations", "githubAppId", code)) is used


def test_the_base_search_matches_by_suffix_and_folder_as_globs_do(git_repo: Any) -> None:
    """Issue 13: `**/*.py` is asked as git's plain `*.py` (a fast tail comparison) and
    `db/migrate/**` as a literal folder; the same files match at every depth, in a
    checked folder below the repository's top too, and other globs keep git's glob."""
    from rollback_gate.repo import GitRepo

    files = {
        "svc/app.py": "note = 1\n",
        "svc/a/b/deep.py": "note = 2\n",
        "svc/a/notes.txt": "note\n",
        "svc/db/migrate/001_x.py": "note = 3\n",
        "svc/a/test/t.py": "note = 4\n",
        "svc/a/b/x_test.py": "note = 5\n",
        "other/out.py": "note = 6\n",
    }
    sha = git_repo.commit("code", files)
    repo = GitRepo(git_repo.root / "svc")
    assert repo._pathspec("**/*.py") == ":(top)svc/*.py"
    assert repo._pathspec("db/migrate/**", exclude=True) == ":(top,exclude)svc/db/migrate/"
    assert repo._pathspec("**/test/**", exclude=True) == ":(top,exclude,glob)svc/**/test/**"
    found = repo.grep_lines(
        sha, ["note"], ["db/migrate/**", "**/test/**", "**/*_test.py"], include=["**/*.py"]
    )
    assert sorted(p for p, _, _ in found) == ["a/b/deep.py", "app.py"]
    # the glob excludes matched in Python instead (git's glob magic is the slow part)
    from rollback_gate.tree import glob_regex

    later = repo.grep_lines(
        sha,
        ["note"],
        ["db/migrate/**", "**/test/**", "**/*_test.py"],
        include=["**/*.py"],
        glob_matcher=lambda glob: glob_regex(glob).match,
    )
    assert later == found


def test_the_search_folds_the_case_of_letters_outside_ascii(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``git grep -i`` folds ASCII letters only (in the C locale CI jobs run in): a word
    written with ``Å`` is looked for in both cases (familie-tilbake's class
    ``ÅrsakTotrinnsvurdering``, round AI)."""
    from rollback_gate.repo import GitRepo

    files = {
        "src/Årsak.kt": "data class ÅrsakTotrinnsvurdering(val id: UUID)\n",
        "src/Repo.kt": "interface R : InsertUpdateRepository<ÅrsakTotrinnsvurdering>\n",
        "src/Other.kt": "val årsaktotrinnsvurdering = 1\n",
    }
    sha = git_repo.commit("code", files)
    monkeypatch.setenv("LC_ALL", "C")
    found = GitRepo(git_repo.root).grep_lines(sha, ["årsaktotrinnsvurdering"])
    assert sorted(p for p, _, _ in found) == ["src/Other.kt", "src/Repo.kt", "src/Årsak.kt"]


@pytest.mark.parametrize(
    ("home", "bind", "used"),
    [
        ("communication", "from {home}.models import Email", False),
        ("shop", "from {home}.models import Email", True),
        ("communication", "Email = get_model('{home}', 'Email')", False),
        ("shop", "Email = get_model('{home}', 'Email')", True),
    ],
    ids=["other-app", "same-app", "other-app-get-model", "same-app-get-model"],
)
def test_a_django_model_of_that_name_in_another_app_is_no_use(
    git_repo: Any, home: str, bind: str, used: bool
) -> None:
    """openedx/ecommerce customer 0007 (round S): `customer_email` is dropped; the code
    uses `communication.Email`, a model of another app, whose table is another."""
    init = (
        "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
        "    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel("
        "name='Email', fields=[('id', models.AutoField(primary_key=True))])]\n"
    )
    drop = (
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.DeleteModel(name='Email')]\n"
    )
    # (Oscar's apps are a package's: a model bound by get_model may be declared nowhere here)
    declared = (
        {}
        if "get_model" in bind and home != "shop"
        else {
            f"{home}/models.py": "from django.db import models\n\n\nclass Email(models.Model):\n"
            "    subject = models.TextField()\n"
        }
    )
    code = {
        **declared,
        "notify/utils.py": bind.format(home=home) + "\n\n\ndef send():\n"
        "    return Email.objects.create(subject='x')\n",
    }
    base = {"shop/migrations/__init__.py": "", "shop/migrations/0001_initial.py": init, **code}
    got, _ = _run(git_repo, base, {"shop/migrations/0002_delete_email.py": drop},
                  "shop/migrations", "django")  # fmt: skip
    assert ("RG225" in got) is used


def test_a_jpa_superclass_named_alike_in_two_modules_is_not_known(git_repo: Any) -> None:
    """Two `BaseEntity` classes in two modules, one mapping the column: which one the
    entity extends is not read, so the column is judged by names (not lowered)."""
    other = (
        BASE_ENTITY.replace("@MappedSuperclass\n", "")
        .replace('    @Column(name = "last_modified")\n', "")
        .replace("lastModified", "created")
    )
    code = {
        "a/src/entities/BaseEntity.java": other,
        "b/src/entities/BaseEntity.java": BASE_ENTITY,
        "b/src/entities/EventEntity.java": EVENT_ENTITY.format(base="BaseEntity<Long>"),
        **EVENT_ELSEWHERE,
    }
    got, _ = _event_drop(git_repo, code)
    assert got["RG203"].severity is None or got["RG203"].severity.value != "P3"


@pytest.mark.parametrize("twin", ["db/postgres", "db/mysql"])
def test_a_twin_folders_down_step_creates_no_table_for_the_other(git_repo: Any, twin: str) -> None:
    """prefect 7655f31c5157 (round S): the PostgreSQL and SQLite twins both drop a table;
    the first's down step creates it again, which made the second's drop look like one
    of a table the change had just made. Whichever folder sorts first, both are asked."""
    other = "db/sqlite" if twin == "db/postgres" else "db/pg"
    create, drop = "CREATE TABLE orders (id int, note text);", "DROP TABLE orders;"
    base = {f"{f}/00001_init.sql": f"-- +goose Up\n{create}\n-- +goose Down\n{drop}\n"
            for f in (twin, other)}  # fmt: skip
    change = {f"{f}/00002_drop.sql": f"-- +goose Up\n{drop}\n-- +goose Down\n{create}\n"
              for f in (twin, other)}  # fmt: skip
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    entries = "".join(f"  - path: {f}\n    framework: goose\n" for f in (twin, other))
    config = (
        "version: 1\nservice: s\nrollback:\n  strategy: manual\n  runbook: R.md\n"
        f"migrations:\n{entries}"
    )
    sha = git_repo.commit("base", {"deploy-readiness.yml": config, "R.md": "x\n", **base, **code})
    git_repo.commit("pr", change)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=sha))
    rg225 = sorted(f.path for f in engine.check(ctx) if f.rule == "RG225")
    assert rg225 == sorted(f"{f}/00002_drop.sql" for f in (twin, other))


RENAME_NOTE = {
    f"{GO}/000002_rename_note.up.sql": "ALTER TABLE orders RENAME COLUMN note TO remark;\n",
    f"{GO}/000002_rename_note.down.sql": "ALTER TABLE orders RENAME COLUMN remark TO note;\n",
}


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        # the code already says the new name: it never ran before the rename, so it is
        # not the release being replaced, which read the old one (indra, round S)
        ('const q = "SELECT id, remark FROM orders"\n', None),
        ('const q = "SELECT id FROM orders"\n', "P3"),  # the column is not read at all
        ('const q = "SELECT id, note FROM orders"\n', None),  # still read: P1
        # the table named nowhere either: P3 as RG221's, another repository's code may
        # still read it (pages-core, round AX)
        ('const q = "SELECT id FROM customers"\n', "P3"),
    ],
)
def test_a_rename_of_a_column_the_code_no_longer_uses_is_lowered_to_p3(
    git_repo: Any, code: str, severity: str | None
) -> None:
    """oneuptime (round S): the previous release cannot read or write a column its code
    does not name, so renaming it cannot break it; as a drop's RG203, the RG220 is lowered
    to P3 where the code still uses the table, or names neither it nor the column."""
    base = git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": git_repo.migrations_config(GO, "golang-migrate"),
            **INIT,
            "app/orders.go": f"package app\n\n{code}",
        },
    )
    git_repo.commit("pr", RENAME_NOTE)
    found = [f for f in engine.check(prepare(CheckOptions(repo=git_repo.root, base=base)))]
    [rg220] = [f for f in found if f.rule == "RG220"]
    assert (rg220.severity.value if rg220.severity else None) == severity
    unused = "neither the table nor the column" in rg220.message
    assert ("neither name" in rg220.message or unused) is (severity == "P3")
    assert unused is ("customers" in code)
    assert not any(f.rule == "RG225" for f in found)


@pytest.mark.parametrize(
    ("code", "severity"),
    [
        # controlcenter (round BH): a Laravel pivot table, named by no code, whose column
        # the models reach through `withPivot('allow_mae_bundling')`: still read
        ("$this->belongsToMany(Rating::class)->withPivot('allow_mae_bundling');\n", "P1"),
        ("if ($rating->pivot->allow_mae_bundling) { return; }\n", "P1"),
        ("$this->belongsToMany(Rating::class);\n", "P3"),  # the column named nowhere
    ],
)
def test_a_rename_on_a_table_no_code_names_stays_where_the_column_is_named(
    git_repo: Any, code: str, severity: str
) -> None:
    folder = "database/migrations"

    def php(body: str, down: str) -> str:
        return (
            "<?php\nuse Illuminate\\Database\\Migrations\\Migration;\n"
            "use Illuminate\\Database\\Schema\\Blueprint;\n"
            "use Illuminate\\Support\\Facades\\Schema;\n\n"
            "return new class extends Migration\n{\n"
            f"    public function up()\n    {{\n{body}    }}\n\n"
            f"    public function down()\n    {{\n{down}    }}\n}};\n"
        )

    create = php(
        "        Schema::create('area_rating', function (Blueprint $table) {\n"
        "            $table->id();\n            $table->boolean('allow_mae_bundling');\n"
        "        });\n",
        "        Schema::dropIfExists('area_rating');\n",
    )
    rename = php(
        "        Schema::table('area_rating', function (Blueprint $table) {\n"
        "            $table->renameColumn('allow_mae_bundling', 'allow_bundling');\n"
        "        });\n",
        "        Schema::table('area_rating', function (Blueprint $table) {\n"
        "            $table->renameColumn('allow_bundling', 'allow_mae_bundling');\n"
        "        });\n",
    )
    base = git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": git_repo.migrations_config(folder, "laravel"),
            f"{folder}/2022_01_01_000000_create_area_rating.php": create,
            "app/Models/Area.php": f"<?php\nclass Area extends Model\n{{\n    {code}}}\n",
        },
    )
    git_repo.commit("pr", {f"{folder}/2022_11_18_210255_add_rating_req_hours.php": rename})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root, base=base)))
    [rg220] = [f for f in found if f.rule == "RG220"]
    assert (rg220.severity.value if rg220.severity else "P1") == severity  # (None: the rule's)


@pytest.mark.parametrize(
    ("code", "used"),
    [
        (  # a Flyway Java migration ran once, as a migration (uaa, round U)
            "import org.springframework.jdbc.core.JdbcTemplate;\n"
            "public class BootstrapZones implements SpringJdbcMigration {\n"
            '  String q = "SELECT * FROM zone_links";\n}\n',
            False,
        ),
        (
            "public class V3__Links extends BaseJavaMigration {\n"
            '  String q = "SELECT * FROM zone_links";\n}\n',
            False,
        ),
        (  # the application's own class that reads the table
            'public class Zones {\n  String q = "SELECT * FROM zone_links";\n}\n',
            True,
        ),
    ],
)
def test_a_jvm_migration_class_is_not_the_applications_code(
    git_repo: Any, code: str, used: bool
) -> None:
    init = {"sql/V1__init.sql": "CREATE TABLE zone_links (id int);\n",
            "sql/U1__init.sql": "DROP TABLE zone_links;\n"}  # fmt: skip
    drop = {"sql/V2__drop.sql": "DROP TABLE zone_links;\n",
            "sql/U2__drop.sql": "CREATE TABLE zone_links (id int);\n"}  # fmt: skip
    got, _ = _run(git_repo, {**init, "src/Zones.java": code}, drop, "sql", "flyway")
    assert ("RG225" in got) is used


def test_an_import_path_names_no_column(git_repo: Any) -> None:
    """uaa V3_5_1 (round U): ``users.authority`` was cited from ``import
    org.springframework.security.core.authority.AuthorityUtils``."""
    init = {"sql/V1__init.sql": "CREATE TABLE users (id int, authority int);\n",
            "sql/U1__init.sql": "DROP TABLE users;\n"}  # fmt: skip
    drop = {"sql/V2__drop.sql": "ALTER TABLE users DROP COLUMN authority;\n",
            "sql/U2__drop.sql": "ALTER TABLE users ADD COLUMN authority int;\n"}  # fmt: skip
    code = {
        "src/Users.java": "import org.springframework.security.core.authority.AuthorityUtils;\n"
        'class Users {\n  String q = "SELECT id FROM users";\n}\n'
    }
    got, _ = _run(git_repo, {**init, **code}, drop, "sql", "flyway")
    assert "RG225" not in got
    assert got["RG203"].severity == Severity.P3  # the table still read, the column not


@pytest.mark.parametrize(
    ("code", "used"),
    [
        # bulk-scan-processor V054 (round AC): the package is a folder, not the table
        ("package uk.gov.reform.services.errornotifications;\n\nclass ErrorMapping {}\n", False),
        ("import uk.gov.reform.services.errornotifications.Mapping;\nclass A {}\n", False),
        (
            "package uk.gov.reform.services.errornotifications;\n\nclass ErrorMapping {\n"
            '  String q = "SELECT id FROM error_notifications";\n}\n',
            True,
        ),
    ],
)
def test_a_package_named_like_a_dropped_table_is_no_use_of_it(
    git_repo: Any, code: str, used: bool
) -> None:
    init = {"sql/V1__init.sql": "CREATE TABLE error_notifications (id int);\n",
            "sql/U1__init.sql": "DROP TABLE error_notifications;\n"}  # fmt: skip
    drop = {"sql/V2__drop.sql": "DROP TABLE error_notifications;\n",
            "sql/U2__drop.sql": "CREATE TABLE error_notifications (id int);\n"}  # fmt: skip
    got, _ = _run(git_repo, {**init, "src/ErrorMapping.java": code}, drop, "sql", "flyway")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("options", "used"),
    [
        ("{'proxy': True}", True),  # a proxy makes no table: the deleted one is gone
        ("{'managed': False}", True),
        ("{'ordering': ['id']}", False),  # a table again, under the same name
    ],
)
def test_a_model_created_again_as_a_proxy_brings_no_table_back(
    git_repo: Any, options: str, used: bool
) -> None:
    """kpi help/0003 (round U): ``DeleteModel('InAppMessageFile')``, then ``CreateModel``
    of the same name with ``proxy: True``: the table is gone while the base still uses it."""
    again = {
        "shop/migrations/0002_delete.py": "from django.db import migrations, models\n\n"
        "class Migration(migrations.Migration):\n    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.DeleteModel(name='ShoppingList'),\n"
        "        migrations.CreateModel(name='ShoppingList', fields=[], "
        f"options={options}, bases=('shop.list',))]\n",
    }
    files = {**DJANGO_DELETE_MODEL, "shop/views.py": "items = ShoppingList.objects.all()\n"}
    got, _ = _run(git_repo, files, again, "shop/migrations", "django")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    "dump", ["db/schema-drupal.rb", "db/schema_legacy.rb", "db/cache_schema.rb", "db/schema.rb"]
)
def test_a_rails_schema_dump_is_not_code(git_repo: Any, dump: str) -> None:
    """plots2 (round U): ``db/schema-drupal.rb``, a dump of a second database, was cited as
    the use of a dropped table."""
    base = {dump: 'ActiveRecord::Schema.define do\n  create_table "orders" do |t|\n'
            '    t.text "note"\n  end\nend\n'}  # fmt: skip
    drop = {
        "db/migrate/20240101000000_drop_orders.rb": "class DropOrders < ActiveRecord::Migration\n"
        "  def up\n    drop_table :orders\n  end\n\n"
        "  def down\n    create_table :orders\n  end\nend\n"
    }
    got, _ = _run(git_repo, base, drop, "db/migrate", "rails")
    assert "RG203" in got and "RG225" not in got


@pytest.mark.parametrize(("used", "rule"), [(True, "RG225"), (False, "RG203")])
def test_a_rails_model_named_otherwise_uses_its_table(git_repo: Any, used: bool, rule: str) -> None:
    """plots2 (round U): ``DrupalContentFieldImageGallery`` says ``self.table_name =
    'content_field_image_gallery'``, and ``node.rb`` queries it: the table is in use. A
    model nothing uses queries nothing (the dead ``DrupalNodeCounter``)."""
    model = (
        "class DrupalContentFieldImageGallery < ApplicationRecord\n"
        "  self.table_name = 'content_field_image_gallery'\nend\n"
    )
    node = "class Node < ApplicationRecord\n  def gallery\n"
    node += "    DrupalContentFieldImageGallery.where(nid: nid)\n" if used else "    []\n"
    node += "  end\nend\n"
    base = {"app/models/drupal_content_field_image_gallery.rb": model, "app/models/node.rb": node}
    drop = {
        "db/migrate/20220904050613_delete_gallery.rb": "class DeleteIt < ActiveRecord::Migration\n"
        "  def up\n    drop_table :content_field_image_gallery\n  end\n\n"
        "  def down\n    create_table :content_field_image_gallery\n  end\nend\n"
    }
    got, _ = _run(git_repo, base, drop, "db/migrate", "rails")
    assert rule in got
    if used:
        assert got["RG225"].related[0].path == "app/models/node.rb"


@pytest.mark.parametrize(
    ("line", "variable"),
    [
        ("        for (String authority : authorities) {", True),  # uaa (round U)
        ('    String authority = rs.getString("x");', True),
        ("    void grant(final String authority, int n) {", True),
        ("    Map<String, String> authority = new HashMap<>();", True),
        ("    private String authority;", False),  # a field: may be mapped
        ("    user.authority = 1;", False),
    ],
)
def test_a_java_variable_declared_with_its_type_is_no_column(line: str, variable: bool) -> None:
    from rollback_gate.checks.dropped import references

    lines = [("src/Grants.java", 1, line + " // FROM users")]
    found = references(lines, {"users"}, {"authority"})
    assert (("src/Grants.java", 1, "authority") not in found) is variable


@pytest.mark.parametrize(
    ("line", "column"),
    [
        # k9-los-api (round BP): Kotlin's `data class`, no column `data`
        ("data class IdTokenLocal(val jwt: String) // FROM saksbehandler", False),
        ("enum class Status { OPEN } // FROM saksbehandler", False),
        ('    val sql = "INSERT INTO saksbehandler (id, data) VALUES (?, ?)"', True),
    ],
)
def test_a_kotlin_class_modifier_is_no_column(line: str, column: bool) -> None:
    from rollback_gate.checks.dropped import references

    found = references([("src/Token.kt", 1, line)], {"saksbehandler"}, {"data", "enum"})
    assert any(w in ("data", "enum") for _, _, w in found) is column


@pytest.mark.parametrize(
    ("module", "text", "used"),
    [
        # kyma-environment-broker (round BQ): a block comment's sentence, and an e2e tool
        ("app/archive.go", "/**\nIt deletes the data from orders and other tables.\n*/\n", False),
        ("testing/e2e/assert.go", 'const q = "SELECT id FROM orders"\n', False),
        ("app/archive.go", 'const q = "DELETE FROM orders WHERE id = $1"\n', True),
    ],
)
def test_a_sentence_or_an_end_to_end_tool_is_no_use_of_a_table(
    git_repo: Any, module: str, text: str, used: bool
) -> None:
    drop = {
        f"{GO}/000002_drop_orders.up.sql": "DROP TABLE orders;\n",
        f"{GO}/000002_drop_orders.down.sql": "CREATE TABLE orders (id int, note text);\n",
    }
    got, _ = _run(git_repo, {**INIT, module: f"package app\n\n{text}"}, drop, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(("module", "used"), [("app/tests.py", False), ("app/orders.py", True)])
def test_a_django_app_s_tests_module_is_no_running_code(
    git_repo: Any, module: str, used: bool
) -> None:
    """open-prices (round BP): RG225's evidence was ``products/tests.py``."""
    code = {module: 'Q = "SELECT id, note FROM orders"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, DROP_NOTE, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("dropped", "model", "rule"),
    [
        # h (round V): a Python attribute is the column's own name; `user_id` is not the
        # dropped `userid`, nor `userid` the dropped `user_id` (the model no longer maps it)
        ("userid", "    user_id = sa.Column(sa.Integer)\n", "RG203"),
        ("user_id", "    userid = sa.Column(sa.UnicodeText)\n", "RG203"),
        ("user_id", "    user_id = sa.Column(sa.Integer)\n", "RG225"),
    ],
)
def test_a_python_model_maps_a_column_by_its_own_spelling(
    git_repo: Any, dropped: str, model: str, rule: str
) -> None:
    init = (
        'revision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n'
        "    op.create_table('token', sa.Column('id', sa.Integer()),\n"
        f"                    sa.Column('{dropped}', sa.Text()))\n"
        "\n\ndef downgrade():\n    op.drop_table('token')\n"
    )
    drop = (
        'revision = "b2"\ndown_revision = "a1"\n\n\n'
        f"def upgrade():\n    op.drop_column('token', '{dropped}')\n\n\n"
        f"def downgrade():\n    op.add_column('token', sa.Column('{dropped}', sa.Text()))\n"
    )
    code = (
        f"class Token(Base):\n    __tablename__ = 'token'\n    id = sa.Column(sa.Integer)\n{model}"
    )
    base = {f"{ALEMBIC}/a1_init.py": init, "app/models.py": code}
    got, _ = _run(git_repo, base, {f"{ALEMBIC}/b2_drop.py": drop}, ALEMBIC, "alembic")
    assert ("RG225" in got) is (rule == "RG225")


def test_an_index_on_the_table_the_column_was_copied_into_is_no_re_add(git_repo: Any) -> None:
    """medusa (round W): the column copied into a new table, dropped, and the new table's
    index named over it; the previous release still reads ``orders.note``."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    drop = {
        f"{GO}/000002_move_note.up.sql": "CREATE TABLE order_notes (note text, order_id int);\n"
        "INSERT INTO order_notes (note, order_id) SELECT note, id FROM orders;\n"
        "ALTER TABLE orders DROP COLUMN note;\n"
        "CREATE INDEX IF NOT EXISTS order_notes_note ON order_notes (note);\n",
        f"{GO}/000002_move_note.down.sql": "ALTER TABLE orders ADD COLUMN note text;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, drop, GO, "golang-migrate")
    assert "RG225" in got and "app/orders.go:3" in got["RG225"].message


@pytest.mark.parametrize(
    ("later", "used"),
    [
        (
            "/*\n  Warnings:\n  - A unique constraint covering the columns `[note,id]` on the "
            "table `orders_archive` will be added.\n*/\n"
            "CREATE UNIQUE INDEX k ON orders_archive (note, id);\n",
            True,
        ),
        ("ALTER TABLE orders ADD COLUMN note text;\n", False),
    ],
)
def test_a_later_migration_names_a_column_only_on_a_table_it_changes(
    git_repo: Any, later: str, used: bool
) -> None:
    """stack (round W): a later Prisma migration of the change opens with a ``/* Warnings
    … */`` block that names ``[note, …]``; it adds nothing back. One that adds the column
    again to its table does."""
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    change = {
        **DROP_NOTE,
        f"{GO}/000003_later.up.sql": later,
        f"{GO}/000003_later.down.sql": "SELECT 1;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, change, GO, "golang-migrate")
    assert ("RG225" in got) is used


def test_an_alembic_batch_in_a_later_revision_adds_the_column_back(git_repo: Any) -> None:
    """A later revision of the change that adds the column back inside ``with
    op.batch_alter_table("commits") as batch:`` names its table on the ``with`` line: the
    column is still there for the previous release."""
    base = {
        f"{ALEMBIC}/a1_init.py": 'revision = "a1"\ndown_revision = None\n\n\n'
        "def upgrade():\n    op.create_table('commits', sa.Column('id', sa.Integer()),\n"
        "                    sa.Column('note', sa.Text()))\n\n\n"
        "def downgrade():\n    op.drop_table('commits')\n",
        "app/repo.py": 'rows = conn.execute("SELECT id, note FROM commits")\n',
    }
    change = {
        f"{ALEMBIC}/b2_drop.py": 'revision = "b2"\ndown_revision = "a1"\n\n\n'
        "def upgrade():\n    op.drop_column('commits', 'note')\n\n\n"
        "def downgrade():\n    op.add_column('commits', sa.Column('note', sa.Text()))\n",
        f"{ALEMBIC}/c3_back.py": 'revision = "c3"\ndown_revision = "b2"\n\n\n'
        "def upgrade():\n    with op.batch_alter_table('commits') as batch:\n"
        "        batch.add_column(sa.Column('note', sa.Text()))\n\n\n"
        "def downgrade():\n    pass\n",
    }
    got, _ = _run(git_repo, base, change, ALEMBIC, "alembic")
    assert "RG225" not in got


@pytest.mark.parametrize("imported", [True, False], ids=["spring-data", "plain"])
def test_a_spring_data_aggregate_maps_its_table(git_repo: Any, imported: bool) -> None:
    """hmpps-incentives-api V1_16 (round Z): ``DROP TABLE iep_prison`` while the base's
    Spring Data R2DBC aggregate ``IepPrison`` (an ``@Id``, no ``@Table``: the table is
    named by the class) is read and written through its repository: RG225, where the class
    had been taken for a DTO. Without Spring Data's annotations imported, such a class
    stays plain."""
    folder = "src/main/resources/db/migration"
    source = "org.springframework.data.annotation" if imported else "app.annotations"
    code = {
        "src/main/kotlin/app/jpa/IepPrison.kt": f"package app.jpa\n\nimport {source}.Id\n\n"
        "data class IepPrison(\n  @Id\n  val id: Int = 0,\n  val iepCode: String,\n)\n",
        "src/main/kotlin/app/jpa/IepPrisonRepository.kt": "package app.jpa\n\n"
        "interface IepPrisonRepository : CoroutineCrudRepository<IepPrison, Int>\n",
        "src/main/kotlin/app/Service.kt": "package app\n\n"
        "class Service(private val repo: IepPrisonRepository) {\n"
        "  suspend fun levels(): List<IepPrison> = repo.findAll().toList()\n}\n",
    }
    base = {f"{folder}/V1__init.sql": "CREATE TABLE iep_prison (id int, iep_code text);\n"}
    drop = {f"{folder}/V2__drop.sql": "DROP TABLE iep_prison;\n"}
    got, _ = _run(git_repo, {**base, **code}, drop, folder, "flyway")
    assert ("RG225" in got) is imported


PARTNER_DROP = {
    "db/migrate/20250811094943_drop_partner_requests.rb": (
        "class DropPartnerRequests < ActiveRecord::Migration[7.1]\n  def up\n"
        "    drop_table :partner_requests\n  end\n\n  def down\n"
        "    raise ActiveRecord::IrreversibleMigration\n  end\nend\n"
    )
}


@pytest.mark.parametrize(
    ("files", "used"),
    [
        (
            {"app/controllers/partners_controller.rb": "@partner_requests = @partner.requests\n"},
            False,
        ),
        (
            {
                "app/models/user.rb": (
                    "class User\n  scope :partner_requests, -> { where(x: 1) }\nend\n"
                )
            },
            False,
        ),
        ({"config/routes.rb": "resources :partners do\n  get :partner_requests\nend\n"}, False),
        (
            {
                "app/models/partner_request.rb": "class PartnerRequest < ApplicationRecord\nend\n",
                "app/controllers/requests_controller.rb": "@r = PartnerRequest.where(x: 1)\n",
            },
            True,
        ),
    ],
    ids=["instance-variable", "scope", "route", "model"],
)
def test_a_rails_name_of_the_code_s_own_is_not_the_table(
    git_repo: Any, files: dict[str, str], used: bool
) -> None:
    """human-essentials (round AA): ``@partner_requests`` holds another table's rows, ``scope
    :partner_users`` is a scope of ``users``, and a route is a route."""
    got, _ = _run(git_repo, files, PARTNER_DROP, "db/migrate", "rails")
    assert ("RG225" in got) is used


_USER_ENTITY = (
    'package x;\n\nimport javax.persistence.*;\n\n@Entity\n@Table(name = "users")\n'
    'public class User {\n{id}\n  @Column(name = "email")\n  private String email;\n\n'
    "  public String getMobile() {\n    return contacts.isEmpty() ? null : contacts.get(0);\n"
    "  }\n}\n"
)


@pytest.mark.parametrize(
    ("id_member", "used"),
    [
        ("  @Id\n  private Long id;", False),  # field access: the getter maps nothing
        ("  private Long id;\n\n  @Id\n  public Long getId() {\n    return id;\n  }", True),
    ],
    ids=["field-access", "property-access"],
)
def test_a_jpa_getter_maps_a_column_only_under_property_access(
    git_repo: Any, id_member: str, used: bool
) -> None:
    """hmpps-auth V3_20 (round AB): ``users.mobile`` dropped; the entity's ``@Id`` is on a
    field, so JPA maps fields only, and ``getMobile()`` (read from the user's contacts)
    maps no column."""
    init = {"sql/V1__init.sql": "CREATE TABLE users (id int, email text, mobile text);\n",
            "sql/U1__init.sql": "DROP TABLE users;\n"}  # fmt: skip
    drop = {"sql/V2__drop.sql": "ALTER TABLE users DROP COLUMN mobile;\n",
            "sql/U2__drop.sql": "ALTER TABLE users ADD COLUMN mobile text;\n"}  # fmt: skip
    code = {"src/main/java/x/User.java": _USER_ENTITY.replace("{id}", id_member)}
    got, _ = _run(git_repo, {**init, **code}, drop, "sql", "flyway")
    assert ("RG225" in got) is used


def test_a_nested_class_s_field_is_not_the_entity_s(git_repo: Any) -> None:
    """hmpps-auth (round AB): ``User``'s nested ``UserBuilder`` keeps a ``mobile`` field the
    entity itself no longer maps: no use of ``users.mobile``."""
    init = {"sql/V1__init.sql": "CREATE TABLE users (id int, email text, mobile text);\n",
            "sql/U1__init.sql": "DROP TABLE users;\n"}  # fmt: skip
    drop = {"sql/V2__drop.sql": "ALTER TABLE users DROP COLUMN mobile;\n",
            "sql/U2__drop.sql": "ALTER TABLE users ADD COLUMN mobile text;\n"}  # fmt: skip
    entity = (
        'package x;\n\nimport javax.persistence.*;\n\n@Entity\n@Table(name = "users")\n'
        'public class User {\n    @Id\n    private Long id;\n\n    @Column(name = "email")\n'
        "    private String email;\n\n    public static class UserBuilder {\n"
        "        private String email;\n        private String mobile;\n    }\n}\n"
    )
    got, _ = _run(git_repo, {**init, "src/main/java/x/User.java": entity}, drop, "sql", "flyway")
    assert "RG225" not in got
    assert got["RG203"].severity == Severity.P3


def test_a_rails_model_nested_two_namespaces_deep_is_found(git_repo: Any) -> None:
    """coursemology2 (round AB, a miss): ``course_monitoring_heartbeats`` is
    ``Course::Monitoring::Heartbeat`` in app/models/course/monitoring/heartbeat.rb;
    dropping its ``seb_hash`` while ActiveRecord still writes every column is RG225."""
    drop = {
        "db/migrate/20240101000000_remove_seb_hash.rb": (
            "class RemoveSebHash < ActiveRecord::Migration[7.1]\n  def up\n"
            "    remove_column :course_monitoring_heartbeats, :seb_hash\n  end\n\n"
            "  def down\n    add_column :course_monitoring_heartbeats, :seb_hash, :string\n"
            "  end\nend\n"
        )
    }
    model = "class Course::Monitoring::Heartbeat < ApplicationRecord\n  belongs_to :session\nend\n"
    base = {"app/models/course/monitoring/heartbeat.rb": model}
    got, _ = _run(git_repo, base, drop, "db/migrate", "rails")
    assert got["RG225"].related[0].path == "app/models/course/monitoring/heartbeat.rb"


def test_a_rails_model_of_a_module_named_in_words_is_found(git_repo: Any) -> None:
    """fab-manager (round BO, a miss): ``open_api_calls_count_tracings`` is
    ``OpenAPI::CallsCountTracing`` in app/models/open_api/calls_count_tracing.rb."""
    drop = {
        "db/migrate/20240101000000_drop_tracings.rb": (
            "class DropTracings < ActiveRecord::Migration[7.1]\n  def change\n"
            "    drop_table :open_api_calls_count_tracings\n  end\nend\n"
        )
    }
    model = "class OpenAPI::CallsCountTracing < ApplicationRecord\n  belongs_to :client\nend\n"
    base = {"app/models/open_api/calls_count_tracing.rb": model}
    got, _ = _run(git_repo, base, drop, "db/migrate", "rails")
    assert got["RG225"].related[0].path == "app/models/open_api/calls_count_tracing.rb"


@pytest.mark.parametrize(
    ("table", "model", "file"),
    [
        ("stats_intervals", "Interval", "interval"),
        ("stats_period_caches", "PeriodCache", "period_cache"),
    ],
)
def test_a_rails_model_in_its_namespace_s_own_models_folder_is_found(
    git_repo: Any, table: str, model: str, file: str
) -> None:
    """tutor-server (round BD, two misses): ``stats_intervals`` is ``Stats::Models::
    Interval`` in app/subsystems/stats/models/interval.rb, which the controllers still
    query; ``…_period_caches`` is ``PeriodCache``'s (ActiveSupport singularizes ``caches``
    as ``cach``)."""
    drop = {
        "db/migrate/20210419211921_remove_stats.rb": "class RemoveStats < "
        f"ActiveRecord::Migration[5.2]\n  def change\n    drop_table :{table}\n"
        "  end\nend\n"
    }
    base = {
        f"app/subsystems/stats/models/{file}.rb": "module Stats\n  module Models\n"
        f"    class {model} < ApplicationRecord\n    end\n  end\nend\n",
        "app/controllers/stats_controller.rb": "class StatsController\n  def index\n"
        f"    render json: Stats::Models::{model}.order(:starts_at)\n  end\nend\n",
    }
    got, _ = _run(git_repo, base, drop, "db/migrate", "rails")
    assert "RG225" in got


@pytest.mark.parametrize(
    ("path", "used"),
    [
        ("frontend/src/lib/types/user.type.ts", False),
        ("web/src/routes/user-form.svelte", False),
        ("server/src/users.ts", True),  # a TypeScript server: the field may be the column's
    ],
)
def test_a_camel_case_field_in_browser_code_is_no_use_of_the_column(
    git_repo: Any, path: str, used: bool
) -> None:
    # pocket-id (round AF): the Go backend already used `callback_urls`; only the front
    # end's stale `callbackURL` type named the dropped `callback_url`
    files = {
        "backend/users.go": 'package app\n\nconst q = "SELECT id, email FROM users"\n',
        path: "export type User = {\n  email: string\n  apiKeyHash: string\n}\n",
    }
    got, _ = _run(git_repo, {**USERS, **files}, DROP_API_KEY, GO, "golang-migrate")
    assert ("RG225" in got) is used


def test_references_in_models_come_first_and_in_tests_last() -> None:
    """The finding shows its first reference: a model or entity if there is one, code
    before generated code, tests and fixtures (farmbot's front-end fixture, conbench,
    round AP)."""
    from rollback_gate.checks.dropped import _models_first

    found = {
        "frontend/__test_support__/fake_state/resources.ts": 281,
        "app/mutations/devices/seeders/abstract_seeder.rb": 82,
        "conbench/entities/run.py": 88,
        "spec/models/device_spec.rb": 3,
        "app/models/device.rb": 12,
        "lib/client_test.go": 9,
        # (chirpstack-network-server, round CO: generated protocol buffers after the rest)
        "api/ns/ns.pb.go": 40,
        "internal/storage/device.go": 30,
    }
    assert [p for p, _ in _models_first(found)] == [
        "app/models/device.rb",
        "conbench/entities/run.py",
        "spec/models/device_spec.rb",
        "app/mutations/devices/seeders/abstract_seeder.rb",
        "internal/storage/device.go",
        "api/ns/ns.pb.go",
        "frontend/__test_support__/fake_state/resources.ts",
        "lib/client_test.go",
    ]


def test_columns_a_knex_step_copies_into_a_new_table_are_not_added_back(git_repo: Any) -> None:
    """MediaTracker (round AR): the step deletes some rows (``.where(…).delete()``), drops
    ``seen.action`` and ``seen.progress``, then ``knex.batchInsert('progress', …)`` writes
    rows with those names into the table it created: the columns did not come back to
    ``seen``, and the previous release's entity lists both (RG225 named ``type`` alone)."""
    folder = "migrations"
    init = (
        "export async function up(knex) {\n  await knex.schema.createTable('seen', (t) => {\n"
        "    t.increments('id');\n    t.string('type');\n    t.string('action');\n"
        "    t.double('progress');\n  });\n}\n"
        "export async function down(knex) {\n  await knex.schema.dropTable('seen');\n}\n"
    )
    step = (
        "export async function up(knex) {\n"
        "  await knex.schema.createTable('progress', (t) => {\n    t.increments('id');\n"
        "    t.string('action');\n    t.double('progress');\n  });\n"
        "  const rows = await knex('seen').where('type', 'progress');\n"
        "  await knex('seen').where('type', 'progress').delete();\n"
        "  await knex.schema.alterTable('seen', (table) => {\n"
        "    table.dropColumn('type');\n    table.dropColumn('action');\n"
        "    table.dropColumn('progress');\n  });\n"
        "  await knex.batchInsert(\n    'progress',\n"
        "    rows.map((item) => ({ action: item.action, progress: item.progress })),\n"
        "    30\n  );\n}\n"
        "export async function down(knex) {\n  await knex.schema.dropTable('progress');\n}\n"
    )
    code = {
        "src/entity/seen.ts": "export const seenColumns = <const>[\n  'id',\n  'type',\n"
        "  'progress',\n  'action',\n];\nexport const table = 'seen';\n",
    }
    got, _ = _run(
        git_repo,
        {f"{folder}/20230101000000_init.ts": init, **code},
        {f"{folder}/20230501000000_progress.ts": step},
        folder,
        "knex",
    )
    assert "column seen.type, column seen.action, column seen.progress" in got["RG225"].message
    drops = [r.message for r in got["RG203"].related]
    assert any("drops column seen.action" in m for m in drops)


@pytest.mark.parametrize(
    ("statement", "rg225"),
    [
        # veganhacktivists (round AU): Prisma's enum swap, one statement
        ('ALTER TABLE "orders" DROP COLUMN "note",\nADD COLUMN "note" text NOT NULL;\n', False),
        ("ALTER TABLE orders DROP COLUMN note, ADD COLUMN note_2 text;\n", True),
        ("ALTER TABLE orders ADD COLUMN note_2 text, DROP COLUMN note;\n", True),
    ],
)
def test_a_column_added_back_by_the_statement_that_drops_it(
    git_repo: Any, statement: str, rg225: bool
) -> None:
    code = {"app/orders.go": 'package app\n\nconst q = "SELECT id, note FROM orders"\n'}
    drop = {
        f"{GO}/000002_swap.up.sql": statement,
        f"{GO}/000002_swap.down.sql": "SELECT 1;\n",
    }
    got, _ = _run(git_repo, {**INIT, **code}, drop, GO, "golang-migrate")
    assert ("RG225" in got) is rg225


@pytest.mark.parametrize(
    ("code", "severity"), [("SELECT id FROM orders", None), ("SELECT 1", "P3")]
)
def test_a_table_renamed_that_the_base_code_names_nowhere_is_p3(
    git_repo: Any, code: str, severity: str | None
) -> None:
    """send-letter-service, rd-location-ref-api (round AV): tables the previous release
    never reads or writes, renamed; as a drop of such a table is (RG203 at P3)."""
    base_files = {**INIT, "app/orders.go": f'package app\n\nconst q = "{code}"\n'}
    rename = {
        f"{GO}/000002_rename.up.sql": "ALTER TABLE orders RENAME TO purchases;\n",
        f"{GO}/000002_rename.down.sql": "ALTER TABLE purchases RENAME TO orders;\n",
    }
    config = git_repo.migrations_config(GO, "golang-migrate")
    base = git_repo.commit("base", {"deploy-readiness.yml": config, **base_files})
    git_repo.commit("pr", rename)
    found = list(engine.check(prepare(CheckOptions(repo=git_repo.root, base=base))))
    (rg221,) = [f for f in found if f.rule == "RG221"]
    assert (rg221.severity.value if rg221.severity else None) == severity
    assert ("names the table nowhere" in rg221.message) is (severity == "P3")


@pytest.mark.parametrize(
    ("code", "used"),
    [
        ({}, False),  # the entity alone: nothing queries the table
        (
            {
                "src/main/java/app/ConnectionRepository.java": "package app;\n\n"
                "import app.UserConnection;\n\n"
                "public interface ConnectionRepository\n"
                "        extends JpaRepository<UserConnection, Long> {}\n"
            },
            True,
        ),
    ],
)
def test_a_dropped_table_s_entity_named_otherwise_is_looked_for(
    git_repo: Any, code: dict[str, str], used: bool
) -> None:
    """xm-uaa (round AX): ``@Table(name = "social_connection") class
    SocialUserConnection``, used by its repository and a service: the drop of
    ``social_connection`` was RG203 at P1 alone, for no class of the conventional name
    ``SocialConnection`` is used."""
    init = {
        **INIT,
        f"{GO}/000001_init.up.sql": "CREATE TABLE orders (id int, note text);\n"
        "CREATE TABLE social_connection (id int);\n",
        "src/main/java/app/UserConnection.java": "package app;\n\n@Entity\n"
        '@Table(name = "social_connection")\npublic class UserConnection {\n'
        "    @Id private Long id;\n}\n",
        **code,
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "DROP TABLE social_connection;\n",
        f"{GO}/000002_drop.down.sql": "CREATE TABLE social_connection (id int);\n",
    }
    got, _ = _run(git_repo, init, drop, GO, "golang-migrate")
    if used:
        assert "ConnectionRepository.java:6" in got["RG225"].message
        assert "uses UserConnection, the model of table social_connection" in (
            got["RG225"].related[0].message
        )
    else:
        assert "RG225" not in got


def test_an_elixir_alias_of_a_model_named_otherwise_is_no_use_but_its_calls_are(
    git_repo: Any,
) -> None:
    """coderplanets_server (round AS, mapped again): ``alias Delivery.{…, Record}`` names
    the schema of ``delivery_records``; the use is ``Record |> ORM.find_by(…)`` below."""
    init = {
        **INIT,
        f"{GO}/000001_init.up.sql": "CREATE TABLE orders (id int, note text);\n"
        "CREATE TABLE delivery_records (id int);\n",
        "lib/app/delivery/record.ex": "defmodule App.Delivery.Record do\n  use Ecto.Schema\n\n"
        '  schema "delivery_records" do\n    field :user_id, :integer\n  end\nend\n',
        "lib/app/delivery/utils.ex": "defmodule App.Delivery.Utils do\n"
        "  alias App.Delivery.{Mention, Record}\n\n"
        "  def fetch(id), do: Record |> Repo.get(id)\nend\n",
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "DROP TABLE delivery_records;\n",
        f"{GO}/000002_drop.down.sql": "CREATE TABLE delivery_records (id int);\n",
    }
    got, _ = _run(git_repo, init, drop, GO, "golang-migrate")
    assert "lib/app/delivery/utils.ex:4" in got["RG225"].message


@pytest.mark.parametrize("right_after_the_tag", [True, False])
def test_a_last_tag_base_vouches_only_for_the_release_right_after_it(
    git_repo: Any, right_after_the_tag: bool
) -> None:
    """bluebottle (round AS), Horreum (round AW): a history audit falls back to the last
    tag as its base. A table rename the next commit made is judged against the tag's code;
    one a later commit made ran after releases the tag never saw (here the one whose code
    used ``legacy``): "the code at the base names the table nowhere" says nothing of it, and
    it stays P1."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    made = {
        f"{GO}/000002_legacy.up.sql": "CREATE TABLE legacy (id int);\n",
        f"{GO}/000002_legacy.down.sql": "DROP TABLE legacy;\n",
    }
    git_repo.commit("init", {"deploy-readiness.yml": config, **INIT, **made})
    git_repo.git("tag", "v1")
    if not right_after_the_tag:
        git_repo.commit("use", {"app/legacy.go": 'const q = "SELECT * FROM legacy"\n'})
        (git_repo.root / "app/legacy.go").unlink()
    git_repo.commit(
        "rename",
        {
            f"{GO}/000003_rename.up.sql": "ALTER TABLE legacy RENAME TO archive;\n",
            f"{GO}/000003_rename.down.sql": "ALTER TABLE archive RENAME TO legacy;\n",
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert ctx.diff is not None and ctx.diff.how == "last tag v1"
    [rg221] = [f for f in engine.check(ctx) if f.rule == "RG221"]
    assert (rg221.severity == Severity.P3) is right_after_the_tag


@pytest.mark.parametrize(
    ("model", "severity"),
    [
        # the association's column is the new name: the rename repairs the old release
        ("  belongs_to :edited_by, class_name: 'User'\n", "P3"),
        ("  belongs_to :edited_by, class_name: 'User', foreign_key: :editor_id\n", None),
        ("  def edited_by\n    self[:edited_by]\n  end\n", None),  # the old column, read
    ],
)
def test_a_rename_into_the_column_a_belongs_to_expects_repairs_the_previous_release(
    git_repo: Any, model: str, severity: str | None
) -> None:
    """kitsu-server and rauversion (round AY): ``posts.edited_by`` renamed ``edited_by_id``
    while the previous release's ``Post`` said ``belongs_to :edited_by``, whose column is
    ``edited_by_id``: it never read the old column, and the rename is no break to it."""
    rename = {
        "db/migrate/20180831221128_rename_edited_by.rb": "class RenameEditedBy < "
        "ActiveRecord::Migration[5.1]\n  def change\n"
        "    rename_column :posts, :edited_by, :edited_by_id\n  end\nend\n"
    }
    code = {
        # another model's association of the name, first in the grep's order: not the table's
        "app/models/comment.rb": "class Comment < ApplicationRecord\n"
        "  belongs_to :edited_by, class_name: 'User'\nend\n",
        "app/models/post.rb": f"class Post < ApplicationRecord\n{model}end\n",
        "app/controllers/posts_controller.rb": "class PostsController\n"
        "  def update\n    post.edited_by = User.current\n  end\nend\n",
    }
    got = _rg220(git_repo, code, rename)
    assert (got.severity.value if got.severity else None) == severity
    assert ("`belongs_to :edited_by`" in got.message) is (severity == "P3")


def _rg220(git_repo: Any, code: dict[str, str], change: dict[str, str]) -> Finding:
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": git_repo.migrations_config("db/migrate", "rails"), **code}
    )
    git_repo.commit("pr", change)
    found = engine.check(prepare(CheckOptions(repo=git_repo.root, base=base)))
    [rg220] = [f for f in found if f.rule == "RG220"]
    return rg220


@pytest.mark.parametrize(
    "path",
    [
        "app/models/order.rb", "db/migrate/2024_x.rb", "lib/legacy-migration-scripts/00.sql",
        "src/orders.test.ts", "a/b/test/c.py", "conftest.py", "pkg/x/conftest.py",
        "db/seeds.rb", "db/x_seed_data.sql", "migration.sql", "web/jquery-1.11.3.js",
        "api/orders.spec.js", "x/migrationsfoo/y.py", "src/main/MigrationTest.java",
        "initdb.d/000.sql", "a/initdb.d/x/y.sql", "docs/a.md", "README.MD", "x.min.js",
    ],
)  # fmt: skip
def test_the_gate_s_own_excludes_match_as_a_regex_as_on_the_linear_matcher(path: str) -> None:
    """The search's excludes of non-code paths are the gate's own globs, read as regexes
    (the linear matcher config globs run on cost 0.7 s of a history audit's 1.5 s over
    backstage2's thousands of hits): both readings agree."""
    from rollback_gate.checks.dropped import _NOT_CODE
    from rollback_gate.tree import glob_regex

    for glob in _NOT_CODE:
        fast = glob_regex(glob, trusted=True)
        assert isinstance(fast, type(re.compile("")))
        assert bool(fast.match(path)) is bool(glob_regex(glob).match(path)), glob


@pytest.mark.parametrize(
    ("models", "severity"),
    [
        # the previous release reads and writes the join table through the field
        ("    groups = models.ManyToManyField('auth.Group')\n", None),
        # … and one whose model no longer has the field does not
        ("    name = models.CharField(max_length=10)\n", "P3"),
    ],
)
def test_a_django_join_table_renamed_by_sql_is_used_through_its_field(
    git_repo: Any, models: str, severity: str | None
) -> None:
    """netbox's ``users_objectpermission_groups`` (session 31's regression map), renamed by
    ``RunSQL`` when the many-to-many field moved to ``Group``: no code names the join
    table, the previous release uses it through ``ObjectPermission.groups``."""
    app = "users/migrations"
    init = (
        "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
        "    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel("
        "name='ObjectPermission', fields=[('id', models.AutoField(primary_key=True))])]\n"
    )
    rename = (
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('users', '0001_initial')]\n    operations = [migrations.RunSQL("
        "'ALTER TABLE users_objectpermission_groups RENAME TO users_group_object_permissions')]\n"
    )
    code = {
        f"{app}/__init__.py": "",
        f"{app}/0001_initial.py": init,
        "users/models.py": "from django.db import models\n\n\n"
        f"class ObjectPermission(models.Model):\n{models}",
        "users/auth.py": "from users.models import ObjectPermission\n\n\ndef perms(user):\n"
        "    return ObjectPermission.objects.filter(Q(groups__user=user))\n",
    }
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": git_repo.migrations_config(app, "django"), **code}
    )
    git_repo.commit("pr", {f"{app}/0002_flip.py": rename})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root, base=base)))
    [rg221] = [f for f in found if f.rule == "RG221"]
    assert (rg221.severity.value if rg221.severity else None) == severity


@pytest.mark.parametrize(
    ("initializer", "severity"),
    [
        ("  ActionText::RichText.ignored_columns += %w[body]\n", "P3"),
        ("  ActionText::RichText.ignored_columns += %w[embeds]\n", None),  # another column
        ("  ActionMailbox::InboundEmail.ignored_columns += %w[body]\n", None),  # another class
    ],
)
def test_a_gem_s_model_retires_a_column_where_its_class_is_named_in_full(
    git_repo: Any, initializer: str, severity: str | None
) -> None:
    """teaching-vacancies (round BB): ``action_text_rich_texts.body`` dropped after an
    initializer said ``ActionText::RichText.ignored_columns += %w[body]``: the contract
    step of an expand/contract change, though no code of the app names the table."""
    code = {
        "config/initializers/action_text.rb": "Rails.application.config.after_initialize do\n"
        f"{initializer}end\n",
        "app/models/note.rb": "class Note < ApplicationRecord\n  has_rich_text :content\nend\n",
    }
    drop = {
        "db/migrate/20251128000000_drop_body.rb": "class DropBody < ActiveRecord::Migration[8.0]"
        "\n  def change\n    remove_column :action_text_rich_texts, :body, :text\n  end\nend\n"
    }
    got, _ = _run(git_repo, code, drop, "db/migrate", "rails")
    assert (got["RG203"].severity.value if got["RG203"].severity else None) == severity


def test_a_django_migration_may_drop_another_app_s_table(git_repo: Any) -> None:
    """safe-transaction-service (round BC): a ``history`` migration's ``RunSQL`` drops
    ``notifications_firebasedevice``, whose model the ``notifications`` app of the base
    still has and uses: RG225. The model lives in another app than the migration, yet it is
    that table's by Django's default name."""
    app = "history/migrations"
    drop = (
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('history', '0001_initial')]\n    operations = [migrations.RunSQL("
        "'DROP TABLE IF EXISTS notifications_firebasedevice CASCADE;')]\n"
    )
    code = {
        f"{app}/__init__.py": "",
        f"{app}/0001_initial.py": "from django.db import migrations\n\n"
        "class Migration(migrations.Migration):\n    operations = []\n",
        "notifications/models.py": "from django.db import models\n\n\n"
        "class FirebaseDevice(models.Model):\n    cloud_messaging_token = models.CharField()\n",
        "notifications/views.py": "from .models import FirebaseDevice\n\n\ndef devices():\n"
        "    return FirebaseDevice.objects.filter(cloud_messaging_token__isnull=False)\n",
    }
    got, _ = _run(git_repo, code, {f"{app}/0002_drop.py": drop}, app, "django")
    assert "notifications/views.py:5" in got["RG225"].message


@pytest.mark.parametrize("shadowed", [True, False])
def test_a_module_s_own_constant_of_that_name_is_no_use_of_the_table(
    git_repo: Any, shadowed: bool
) -> None:
    """a-just (round BC): each Sequelize model says ``const tableName = '<its table>'``;
    the dropped ``tproxs`` model's constant made every other model's ``tableName`` a use."""
    code = {
        "api/models/Tproxs.js": "const tableName = 'tproxs'\n\nexport default s => s.define(\n"
        "  tableName,\n  {},\n)\n",
        "api/models/Activities.js": (
            "const tableName = 'Activities'\n\n"
            if shadowed
            else "import { tableName } from './t'\n\n"
        )
        + "export default s => s.define(\n  tableName,\n  {},\n)\n",
    }
    drop = {
        "db/migrations/20230512-remove-tprox.js": "module.exports = {\n"
        "  up: async (queryInterface) => {\n    await queryInterface.dropTable('tproxs')\n  },\n"
        "  down: async () => {},\n}\n"
    }
    got, _ = _run(git_repo, code, drop, "db/migrations", "sequelize")
    cited = got["RG225"].message if "RG225" in got else ""
    assert ("Activities.js" in cited) is not shadowed


def test_a_db_migrate_sql_file_s_down_file_brings_nothing_back(git_repo: Any) -> None:
    """water-abstraction-tactical-crm (round BD): the down file `sqls/<name>-down.sql`,
    sorted after the step's own `.js`, adds the column back on a rollback only; read as a
    later migration of the change, it hid a drop the previous release still writes."""
    name = "20181207115121-document-header-drop-verified"
    code = {
        "src/lib/crm.js": "let query = 'UPDATE crm.document_header SET ';\n"
        "if ('verified' in request.payload.set) {\n  set.push(` verified= $1 `);\n}\n"
    }
    base = {
        "migrations/20180101000000-init.js": "exports.up = function (db) {\n"
        "  return db.runSql('CREATE TABLE crm.document_header (id int, verified int)');\n};\n"
        "exports.down = function (db) {\n"
        "  return db.runSql('DROP TABLE crm.document_header');\n};\n",
        **code,
    }
    change = {
        f"migrations/{name}.js": git_repo.db_migrate_step(name),
        f"migrations/sqls/{name}-up.sql": "alter table crm.document_header\n"
        "  drop column verified;\n",
        f"migrations/sqls/{name}-down.sql": "alter table crm.document_header\n"
        "  add column verified integer;\n",
    }
    got, _ = _run(git_repo, base, change, "migrations", "db-migrate")
    assert "RG225" in got
    assert "src/lib/crm.js" in got["RG225"].message


@pytest.mark.parametrize(
    ("member", "verdict"),
    [
        ("@OneToOne\n    private FlexibleArea flexibleArea;", "RG225"),
        ("@ManyToOne(fetch = FetchType.LAZY)\n    private FlexibleArea flexibleArea;", "RG225"),
        # a join column of its own name: `flexible_area_pk` is not it
        ('@ManyToOne\n    @JoinColumn(name = "area_ref")\n    private FlexibleArea flexibleArea;',
         "P3"),
        ("private String flexibleArea;", "P3"),  # a plain field: no join column
    ],
)  # fmt: skip
def test_a_jpa_relation_maps_its_default_join_column(
    git_repo: Any, member: str, verdict: str
) -> None:
    """uttu (round BD): ``@OneToOne FlexibleArea flexibleArea`` joins through
    ``flexible_area_pk`` (the member and the referenced key's column, ``pk``, not ``id``):
    its drop was lowered to P3 as a column no code names."""
    init = {
        f"{GO}/000001_init.up.sql": "CREATE TABLE orders (id int, flexible_area_pk int);\n",
        f"{GO}/000001_init.down.sql": "DROP TABLE orders;\n",
    }
    code = {
        "src/main/java/app/Order.java": '@Entity\n@Table(name = "orders")\n'
        f"public class Order {{\n    @Id private Long id;\n    {member}\n}}\n",
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "ALTER TABLE orders DROP COLUMN flexible_area_pk;\n",
        f"{GO}/000002_drop.down.sql": "ALTER TABLE orders ADD COLUMN flexible_area_pk int;\n",
    }
    got, _ = _run(git_repo, {**init, **code}, drop, GO, "golang-migrate")
    if verdict == "RG225":
        assert "Order.java" in got["RG225"].message
    else:
        assert "RG225" not in got and got["RG203"].severity == Severity.P3


@pytest.mark.parametrize(
    ("script", "cited"),
    [
        # SurfSense (round BD): the docstring's sentence was cited first
        ('"""One-shot cutover: turn ``orders`` rows into Artifacts.\n\nRun it once.\n"""\n'
         'ROWS = "SELECT id FROM orders"\n', "app/cutover.py:5"),
        ('"""One-shot cutover: turn ``orders`` rows into Artifacts."""\n', None),
        ('def f(cursor):\n    cursor.execute(\n        """SELECT id FROM orders"""\n    )\n',
         "app/cutover.py:3"),  # a query passed alone on its line is a use
    ],
)  # fmt: skip
def test_a_docstring_naming_a_table_is_no_use_of_it(
    git_repo: Any, script: str, cited: str | None
) -> None:
    drop = {
        f"{GO}/000002_drop.up.sql": "DROP TABLE orders;\n",
        f"{GO}/000002_drop.down.sql": "CREATE TABLE orders (id int, note text);\n",
    }
    got, _ = _run(git_repo, {**INIT, "app/cutover.py": script}, drop, GO, "golang-migrate")
    if cited is None:
        assert "RG225" not in got
    else:
        assert cited in got["RG225"].message


@pytest.mark.parametrize(
    "other",
    [
        # a later step's UPDATE names `'admin'` as a value
        ("20180724104315-add-external-id",
         "update idm.users set role = 'external' where role = 'admin';\n"),
        # an earlier step's SQL file, sorted after every step by name, reads the column
        ("20180718133110-add-application",
         "alter table idm.users add column application varchar;\n"
         "update idm.users set application = 'a' where admin = 1;\n"),
    ],
)  # fmt: skip
def test_a_db_migrate_step_s_neighbours_bring_no_dropped_column_back(
    git_repo: Any, other: tuple[str, str]
) -> None:
    """water-abstraction-tactical-idm (round BE): one release of three `--sql-file` steps
    drops `idm.users.admin`, which the base's admin login still reads; the other steps'
    SQL files read as the column coming back."""
    name, sql = other
    drop = "20180720134957-remove-admin"
    base = {
        "migrations/20180101000000-init.js": "exports.up = function (db) {\n"
        "  return db.runSql('CREATE TABLE idm.users (id int, user_name text, admin int)');\n};\n"
        "exports.down = function (db) {\n  return db.runSql('DROP TABLE idm.users');\n};\n",
        "src/lib/idm.js": "const q = `select * from idm.users where user_name=$1 and admin=1`;\n",
    }
    change = {
        f"migrations/{drop}.js": git_repo.db_migrate_step(drop),
        f"migrations/sqls/{drop}-up.sql": "alter table idm.users\n  drop column admin;\n",
        f"migrations/sqls/{drop}-down.sql": "alter table idm.users add column admin int;\n",
        f"migrations/{name}.js": git_repo.db_migrate_step(name),
        f"migrations/sqls/{name}-up.sql": sql,
        f"migrations/sqls/{name}-down.sql": "select 1;\n",
    }
    got, _ = _run(git_repo, base, change, "migrations", "db-migrate")
    assert "src/lib/idm.js" in got["RG225"].message


@pytest.mark.parametrize("later_down", [False, True])
def test_an_alembic_engine_s_downgrade_function_is_a_down_step(
    git_repo: Any, later_down: bool
) -> None:
    """keylime (round BF): a revision for several databases dispatches ``upgrade(engine_
    name)`` to ``upgrade_<engine>()`` and ``downgrade(…)`` to ``downgrade_<engine>()``; the
    column its ``downgrade_cloud_verifier()`` (or a later revision's) adds back is no
    column the up step restores."""
    engines = (
        "def upgrade(engine_name):\n    globals()[f'upgrade_{engine_name}']()\n\n\n"
        "def downgrade(engine_name):\n    globals()[f'downgrade_{engine_name}']()\n\n\n"
    )
    base = {
        f"{ALEMBIC}/a1_init.py": 'revision = "a1"\ndown_revision = None\n\n\n' + engines
        + "def upgrade_verifier():\n    op.create_table('verifiermain',"
        " sa.Column('agent_id', sa.String()), sa.Column('allowlist', sa.Text()))\n\n\n"
        "def downgrade_verifier():\n    op.drop_table('verifiermain')\n",
        "app/verifier_db.py": "class VerfierMain(Base):\n    __tablename__ = 'verifiermain'\n"
        "    agent_id = Column(String(80), primary_key=True)\n    allowlist = Column(Text())\n",
    }  # fmt: skip
    back = (
        "def downgrade_verifier():\n    with op.batch_alter_table('verifiermain') as b:\n"
        "        b.add_column(sa.Column('allowlist', sa.Text()))\n"
    )
    drop = {
        f"{ALEMBIC}/b2_drop.py": 'revision = "b2"\ndown_revision = "a1"\n\n\n' + engines
        + "def upgrade_verifier():\n    with op.batch_alter_table('verifiermain') as b:\n"
        "        b.drop_column('allowlist')\n\n\n" + ("def downgrade_verifier():\n    pass\n"
        if later_down else back),
    }  # fmt: skip
    if later_down:
        drop[f"{ALEMBIC}/c3_more.py"] = (
            'revision = "c3"\ndown_revision = "b2"\n\n\n' + engines
            + "def upgrade_verifier():\n    pass\n\n\n" + back
        )  # fmt: skip
    got, _ = _run(git_repo, base, drop, ALEMBIC, "alembic")
    assert "RG225" in got
    assert "app/verifier_db.py" in got["RG225"].message


@pytest.mark.parametrize("right_after_the_tag", [True, False])
@pytest.mark.parametrize("step", ["rename", "drop"])
def test_a_last_tag_base_lowers_a_column_s_rename_or_drop_only_right_after_it(
    git_repo: Any, right_after_the_tag: bool, step: str
) -> None:
    """fp-sak (round BF): the audit's base was a 2020 tag; a 2024 rename of a column that
    the tag's code never named (it was added, and mapped by an entity's ``@JoinColumn``,
    since) was lowered to P3 as unused by the previous release. Only a migration the
    commit right after the tag added is lowered so, a drop's RG203 too; a note says why
    the others keep their severity (a rename's own release, which names the column here,
    judges it since: :mod:`rollback_gate.checks.renamed`, tolstoy, round BY)."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    git_repo.commit("init", {"deploy-readiness.yml": config, **INIT,
                             "app/orders.go": 'const q = "SELECT id FROM orders"\n'})  # fmt: skip
    git_repo.git("tag", "v1")
    if not right_after_the_tag:
        git_repo.commit("use", {"app/extra.go": 'const e = "SELECT note FROM orders"\n'})
    sql = (
        "ALTER TABLE orders RENAME COLUMN note TO remark;\n"
        if step == "rename"
        else "ALTER TABLE orders DROP COLUMN note;\n"
    )
    git_repo.commit(step, {f"{GO}/000002_{step}.up.sql": sql,
                           f"{GO}/000002_{step}.down.sql": "SELECT 1;\n"})  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert ctx.diff is not None and ctx.diff.how == "last tag v1"
    rule = "RG220" if step == "rename" else "RG203"
    [found] = [f for f in engine.check(ctx) if f.rule == rule]
    assert (found.severity == Severity.P3) is right_after_the_tag
    said = any("keep their severity" in n for n in ctx.notes)
    assert said is not right_after_the_tag


ENTITY = (
    '@Entity(name = "Historikkinnslag")\n@Table(name = "HISTORIKKINNSLAG2")\n'
    "public class Historikkinnslag {\n"
    '    @OneToMany(mappedBy = "historikkinnslag")\n    private List<Linje> linjer;\n'
    '    public String toString() { return "Historikkinnslag{" + id + "}"; }\n}\n'
)


@pytest.mark.parametrize(
    ("code", "used"),
    [
        # fp-sak (round BF): the class named like the table maps HISTORIKKINNSLAG2; its
        # import, its JPQL and its toString() name the class; a variable is a value
        ({"src/Repo.java": "import no.nav.historikk.Historikkinnslag;\n\nclass Repo {\n"
          '    List<Historikkinnslag> hent() { return em.createQuery("select h from '
          'Historikkinnslag h", Historikkinnslag.class).getResultList(); }\n'
          "    void vurder() { var risikoklassifisering = tjeneste.hent(); }\n}\n"}, False),
        # native SQL names the table
        ({"src/Native.java": 'class Native { String q = "select * from HISTORIKKINNSLAG"; }\n'},
         True),
        ({"src/Native.kt": 'val q = """\n    SELECT id FROM historikkinnslag\n"""\n'}, True),
    ],
)  # fmt: skip
def test_java_names_a_table_in_sql_or_a_string_and_a_class_capitalised(
    git_repo: Any, code: dict[str, str], used: bool
) -> None:
    init = {
        **INIT,
        f"{GO}/000001_init.up.sql": "CREATE TABLE HISTORIKKINNSLAG (id int);\n"
        "CREATE TABLE RISIKOKLASSIFISERING (id int);\n",
        "src/Historikkinnslag.java": ENTITY,
        **code,
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "drop table HISTORIKKINNSLAG;\n"
        "drop table RISIKOKLASSIFISERING;\n",
        f"{GO}/000002_drop.down.sql": "SELECT 1;\n",
    }
    got, _ = _run(git_repo, init, drop, GO, "golang-migrate")
    assert ("RG225" in got) is used


def test_a_hidden_folder_s_schema_dump_is_no_use(git_repo: Any) -> None:
    """veilarbportefolje (round BF): ``.intelliJ_ddl/DDL.sql``, an IDE's schema dump, named
    the dropped column; nothing else did."""
    init = {
        **INIT,
        ".intelliJ_ddl/DDL.sql": "CREATE TABLE orders (id int, note text, landgruppe text);\n",
        "app/orders.go": 'const q = "SELECT id FROM orders"\n',
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "ALTER TABLE orders DROP COLUMN landgruppe;\n",
        f"{GO}/000002_drop.down.sql": "ALTER TABLE orders ADD COLUMN landgruppe text;\n",
    }
    got, _ = _run(git_repo, init, drop, GO, "golang-migrate")
    assert "RG225" not in got


@pytest.mark.parametrize(
    ("code", "used"),
    [
        # pixie (round BG): a header's or a flag's name, beside the table's
        ('rows := db.Query("SELECT id FROM api_keys", md["pixie-api-key"])\n', False),
        ('flag.String("--api-key", "", "api_keys")\n', False),
        ('const q = "SELECT total-key FROM api_keys"\n', True),  # two words: arithmetic
        ('const q = "SELECT key FROM api_keys WHERE id = $1"\n', True),
    ],
)
def test_a_column_s_name_in_a_kebab_case_name_is_no_use(
    git_repo: Any, code: str, used: bool
) -> None:
    init = {
        **INIT,
        f"{GO}/000001_init.up.sql": "CREATE TABLE api_keys (id int, key text, hash text);\n",
        "app/keys.go": f'package app\n\nconst t = "SELECT id FROM api_keys"\n{code}',
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "ALTER TABLE api_keys DROP COLUMN key;\n",
        f"{GO}/000002_drop.down.sql": "ALTER TABLE api_keys ADD COLUMN key text;\n",
    }
    got, _ = _run(git_repo, init, drop, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("field", "severity"),
    [
        ("    uuid = models.CharField(max_length=36, null=True)\n", None),  # still declared
        ("    code = models.CharField(max_length=36, null=True)\n", "P3"),  # removed first
    ],
)
def test_a_django_rename_on_a_db_table_model_is_judged_by_its_field(
    git_repo: Any, field: str, severity: str | None
) -> None:
    """tilavarauspalvelu (rounds BF, BG): the RG220 names the table the model's
    ``db_table`` gives (``recurring_reservation``) and its field; the code search looks
    for the field of that model, as for any Django rename."""
    app = "booking/migrations"
    init = (
        "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
        "    initial = True\n    dependencies = []\n    operations = [migrations.CreateModel("
        "name='Reservation', fields=[('id', models.AutoField(primary_key=True)),"
        " ('uuid', models.CharField(max_length=36, null=True))],"
        " options={'db_table': 'recurring_reservation'})]\n"
    )
    rename = (
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('booking', '0001_initial')]\n    operations = [migrations."
        "RenameField(model_name='reservation', old_name='uuid', new_name='ext_uuid')]\n"
    )
    files = {
        f"{app}/__init__.py": "",
        f"{app}/0001_initial.py": init,
        "booking/models.py": "from django.db import models\n\n\nclass Reservation(models.Model):\n"
        f"{field}\n    class Meta:\n        db_table = 'recurring_reservation'\n",
        "booking/views.py": "from booking.models import Reservation\n\n\ndef find(key):\n"
        "    return Reservation.objects.filter(pk=key)\n",
    }
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": git_repo.migrations_config(app, "django"), **files}
    )
    git_repo.commit("pr", {f"{app}/0002_rename.py": rename})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root, base=base)))
    [rg220] = [f for f in found if f.rule == "RG220"]
    assert rg220.message.startswith(
        "RenameField renames column recurring_reservation.uuid to ext_uuid"
        " (field booking.reservation.uuid)"
    )
    assert (rg220.severity.value if rg220.severity else None) == severity


@pytest.mark.parametrize(
    ("path", "code", "used"),
    [
        # classroom (round BH): a method of the model that takes an argument
        ("app/controllers/a.rb", "@s ||= current_order.note(current_user)\n", False),
        ("src/routes.ts", "res.note(404).json({ ok: false })\n", False),
        ("app/views.py", "text = order.note(request.user)\n", False),
        # a reader, with or without its empty parentheses, and a writer
        ("app/controllers/a.rb", "@s = current_order.note\n", True),
        ("app/controllers/a.rb", "@s = current_order.note()\n", True),
        ("src/routes.ts", "order.note = body.text\n", True),
        # a Java builder's setter is the column written (Lombok's @Builder)
        ("src/main/java/A.java", "Order o = Order.builder().note(text).build();\n", True),
    ],
    ids=["ruby-method", "js-method", "python-method", "reader", "reader-call", "writer", "builder"],
)
def test_a_member_called_with_arguments_is_a_method_not_the_column(
    git_repo: Any, path: str, code: str, used: bool
) -> None:
    """A Ruby, JavaScript or Python attribute takes no arguments: ``x.note(user)`` calls a
    method of that name (classroom's ``status(user)``, round BH)."""
    code = f"o = Order.find(id)\n{code}"  # (beside the model: where a column's name counts)
    got, _ = _run(git_repo, {**INIT, path: code}, DROP_NOTE, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("code", "used"),
    [
        ("return new OrderData(id: $o->id, note: $o->summary);\n", False),
        ("return new OrderData(\n    note: $summary,\n);\n", False),
        ("$o->note = $summary;\n", True),
        ("$o->update(['note' => $summary]);\n", True),
    ],
    ids=["named-argument", "named-argument-own-line", "property", "array-key"],
)
def test_a_php_named_argument_is_not_the_column(git_repo: Any, code: str, used: bool) -> None:
    """dashbrd (round BJ): ``new CollectionData(volume: $volume)`` names a parameter of a
    data object; PHP's arrays and models name a column otherwise."""
    code = f"<?php\n$o = Order::find($id);\n{code}"
    got, _ = _run(
        git_repo, {**INIT, "app/Data/OrderData.php": code}, DROP_NOTE, GO, "golang-migrate"
    )
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("code", "used"),
    [
        ("@ApiTags('Ledgers')\nexport class LedgersController {}\n", False),
        ("@Controller('ledgers')\nexport class LedgersController {}\n", False),
        ("@Get('/ledgers')\nlist() {}\n", False),
        ("@Get('/ledgers')\nlist() {\n  return knex('ledgers').select('id')\n}\n", True),
    ],
    ids=["api-tags", "controller", "route", "route-and-query"],
)
def test_a_route_decorator_s_string_is_not_the_table(git_repo: Any, code: str, used: bool) -> None:
    """entourage-job-back (round BJ): NestJS's ``@ApiTags('CVs')`` named the dropped table
    ``CVs``; a route or an API tag is no query (the handler's own query is one)."""
    files = {**LEDGERS, "src/ledgers.controller.ts": code}
    got, _ = _run(git_repo, files, LEDGERS_DROP, GO, "golang-migrate")
    assert ("RG225" in got) is used


@pytest.mark.parametrize("renamed_back", [True, False])
def test_a_django_run_sql_that_renames_a_column_into_the_dropped_one_s_name(
    git_repo: Any, renamed_back: bool
) -> None:
    """courtlistener's search 0045 (round BK): one RunSQL drops `volume` and renames
    `volume_new` to it, a type swapped by hand: the previous release still finds the
    column. Without the rename, the drop is asked as any."""
    rename = (
        "        ALTER TABLE shop_order RENAME COLUMN note_new TO note;\n" if renamed_back else ""
    )
    step = (
        "from django.db import migrations\n\nclass Migration(migrations.Migration):\n"
        "    dependencies = [('shop', '0001_initial')]\n    operations = [\n"
        "        migrations.RunSQL(\n"
        "            sql='ALTER TABLE shop_order ADD COLUMN note_new text;',\n"
        "            reverse_sql='ALTER TABLE shop_order DROP COLUMN note_new;',\n        ),\n"
        '        migrations.RunSQL(\n            sql="""\n'
        "        ALTER TABLE shop_order DROP COLUMN note;\n"
        f'{rename}            """,\n            reverse_sql=migrations.RunSQL.noop,\n        ),\n'
        "    ]\n"
    )
    model = "class Order(models.Model):\n    note = models.TextField()\n"
    base = {**{k: v for k, v in DJANGO_DROP.items() if "0002" not in k}, "shop/models.py": model}
    got, _ = _run(
        git_repo, base, {"shop/migrations/0002_swap.py": step}, "shop/migrations", "django"
    )
    assert ("RG225" in got) is not renamed_back


@pytest.mark.parametrize(
    ("extends", "lowered"),
    [(" extends Base", False), (" extends BaseEntity", True), ("", True)],
)
def test_a_typeorm_entity_that_extends_a_class_of_the_project_is_never_lowered(
    git_repo: Any, extends: str, lowered: bool
) -> None:
    """innovation-service-api (round BR: a miss): every entity extends ``Base``, a plain
    class (no ``@Entity``) whose ``@Column({ name: "is_deleted" })`` each entity maps; its
    drop is no contract step. An entity extending TypeORM's own ``BaseEntity``, or nothing,
    and mapping no such column, is."""
    go = {
        f"{GO}/000001_init.up.sql": (
            "CREATE TABLE innovation (id int, name text, is_deleted bool);\n"
        ),
        f"{GO}/000001_init.down.sql": "DROP TABLE innovation;\n",
    }
    drop = {
        f"{GO}/000002_drop.up.sql": "ALTER TABLE innovation DROP COLUMN is_deleted;\n",
        f"{GO}/000002_drop.down.sql": "ALTER TABLE innovation ADD COLUMN is_deleted bool;\n",
    }
    code = {
        "src/entity/Base.entity.ts": 'import { Column } from "typeorm";\n\nexport class Base {\n'
        '  @Column({ name: "is_deleted", nullable: false, default: false })\n'
        "  isDeleted: boolean;\n}\n",
        "src/entity/Innovation.entity.ts": '@Entity("innovation")\n'
        f"export class Innovation{extends} {{\n  @PrimaryGeneratedColumn()\n  id: number;\n\n"
        '  @Column({ name: "name" })\n  name: string;\n}\n',
        "src/service.ts": "export const all = () => repo.find(Innovation, { isDeleted: false })\n",
    }
    got, _ = _run(git_repo, {**go, **code}, drop, GO, "golang-migrate")
    assert (got["RG203"].severity is Severity.P3) is lowered


def test_a_sequelize_model_is_the_variable_its_define_is_assigned_to(git_repo: Any) -> None:
    """lunch (round BS, a miss): `const WhitelistEmail = sequelize.define('whitelist_email',
    …)` makes the model of `whitelist_emails` (Sequelize pluralises the name), and the API
    calls `WhitelistEmail.create(…)`: the table's drop is RG225. The variable is a model the
    repository declares, not another library's class."""
    code = {
        "src/models/WhitelistEmail.js": "import { sequelize, DataTypes } from './db';\n\n"
        "const WhitelistEmail = sequelize.define('whitelist_email', {\n"
        "  email: { type: DataTypes.STRING, unique: true },\n});\n\n"
        "export default WhitelistEmail;\n",
        "src/api/whitelistEmails.js": "import { WhitelistEmail } from '../models';\n\n"
        "export const add = (email) => WhitelistEmail.create({ email });\n",
    }
    drop = {
        "db/migrations/20170320203350-DropWhitelistEmails.js": "module.exports = {\n"
        "  up: (queryInterface) => queryInterface.dropTable('whitelist_emails'),\n"
        "  down: () => Promise.resolve(),\n}\n"
    }
    got, _ = _run(git_repo, code, drop, "db/migrations", "sequelize")
    assert "RG225" in got
    assert "src/" in got["RG225"].message


def test_rg225_cites_a_line_naming_a_dropped_column_before_a_model_s_use(git_repo: Any) -> None:
    """parliamentary-questions (round BT): of two columns one migration drops, only the
    second is named by the code (`lib/export/base.rb`); the first is used through its
    Rails model only. The message cited another model's `belongs_to :pq`, which reads as no
    use; it cites the line naming the column, the model's uses stay in `related`."""
    code = {
        "app/models/pq.rb": "class Pq < ApplicationRecord\nend\n",
        "app/models/action_officers_pq.rb": "class ActionOfficersPq < ApplicationRecord\n"
        "  belongs_to :pq\nend\n",
        "lib/export/base.rb": "class Base\n  def row(pq)\n    [pq.uin,\n     pq.finance_interest]\n"
        "  end\nend\n",
    }
    drop = {
        "db/migrate/20241014155428_remove_finance_interest_columns.rb": (
            "class RemoveFinanceInterestColumns < ActiveRecord::Migration[7.1]\n  def up\n"
            "    change_table :pqs, bulk: true do |t|\n      t.remove :seen_by_finance\n"
            "      t.remove :finance_interest\n    end\n  end\n\n  def down\n"
            "    change_table :pqs, bulk: true do |t|\n"
            "      t.boolean :seen_by_finance, default: false\n      t.boolean :finance_interest\n"
            "    end\n  end\nend\n"
        )
    }
    got, _ = _run(git_repo, code, drop, "db/migrate", "rails")
    assert "(lib/export/base.rb:4)" in got["RG225"].message
    assert any("uses the model of pqs" in r.message for r in got["RG225"].related)


def test_a_later_changeset_s_id_naming_the_dropped_column_is_no_return(git_repo: Any) -> None:
    """cwa-quick-test-backend (round BT, a miss): `dropColumn` of `quick_test.dcc`, then a
    changeSet `id: add-dcc-column` adding `dcc` to `quick_test_archive`; its id was read as
    the column named again on the dropped one's table, so the code still reading it was
    never asked for. A changeSet changes no table until it names one."""
    code = {"src/Repo.java": 'class Repo { String q = "SELECT dcc FROM quick_test"; }\n'}
    create = _yaml_table("quick_test", "dcc", "varchar(2024)")
    move = (
        "  - changeSet:\n      id: remove-dcc-column\n      author: m\n      changes:\n"
        "        - dropColumn:\n            tableName: quick_test\n"
        "            columnName: dcc\n"
        "  - changeSet:\n      id: add-dcc-column\n      author: m\n      changes:\n"
        "        - addColumn:\n            tableName: quick_test_archive\n"
        "            columns:\n              - column:\n                  name: dcc\n"
        "                  type: varchar(2024)\n"
    )
    got = _yaml_changed(git_repo, code, create, move)
    assert "RG225" in got
    assert "src/Repo.java" in got["RG225"].message


def test_a_sequelize_7_model_s_attributes_are_its_columns(git_repo: Any) -> None:
    """elcc-data-management (round BT, a miss): Sequelize 7's `@Attribute(DataTypes.INTEGER)`
    and `@NotNull` above `declare amountInCents: number` map `amount_in_cents`; no column
    of the model was read, so the drop of one it maps was no RG225. `@ColumnName("c")`
    names the column outright."""
    code = {
        "api/src/models/payment.ts": "import { DataTypes, Model } from '@sequelize/core'\n"
        "import { Attribute, ColumnName, NotNull, Table } from "
        "'@sequelize/core/decorators-legacy'\n\n"
        "@Table({ paranoid: false })\n"
        "export class Payment extends Model {\n"
        "  @Attribute(DataTypes.INTEGER)\n  @NotNull\n  declare amountInCents: number\n\n"
        "  @Attribute(DataTypes.STRING)\n  @ColumnName('legacy_ref')\n  declare reference: string\n"
        "}\n",
    }
    drop = {
        "db/migrations/2025.12.01T11.30.00.money.ts": "export async function up({ context: qi }) "
        "{\n  await qi.removeColumn('payments', 'amount_in_cents')\n"
        "  await qi.removeColumn('payments', 'legacy_ref')\n}\n\n"
        "export async function down() {}\n"
    }
    got, _ = _run(git_repo, code, drop, "db/migrations", "sequelize")
    assert "RG225" in got
    assert "api/src/models/payment.ts:8" in got["RG225"].message
    assert any("legacy_ref" in r.message for r in got["RG225"].related)


@pytest.mark.parametrize(
    ("use", "used"),
    [
        ("\ttracker.Hit(r, nil)\n", False),  # a method of that name
        ("\thits := []Hit{}\n\t_ = hits\n", True),  # the table's struct
    ],
)
def test_a_go_method_named_like_a_dropped_table_is_no_use_of_it(
    git_repo: Any, use: str, used: bool
) -> None:
    """pirsch (round BU): `DROP TABLE hit`, and a demo program calls `tracker.Hit(r,
    nil)`, a method, cited as the table's use. A struct of that name is one."""
    init = {f"{GO}/000001_init.up.sql": "CREATE TABLE hit (id int);\n",
            f"{GO}/000001_init.down.sql": "DROP TABLE hit;\n"}  # fmt: skip
    code = {"demos/backend/main.go": f"package main\n\nfunc handle() {{\n{use}}}\n"}
    drop = {f"{GO}/000002_drop_hits.up.sql": "DROP TABLE hit;\n",
            f"{GO}/000002_drop_hits.down.sql": "CREATE TABLE hit (id int);\n"}  # fmt: skip
    got, _ = _run(git_repo, {**init, **code}, drop, GO, "golang-migrate")
    assert ("RG225" in got) is used


def test_a_view_selecting_a_dropped_column_brings_none_back(git_repo: Any) -> None:
    """pirsch (round BU, a miss): `ALTER TABLE event DROP COLUMN entry_path`, then `CREATE
    MATERIALIZED VIEW sessions … AS SELECT … entry_path … FROM hit`: the view's query
    was read as the column named again on the dropped one's table, so the base's insert
    into `event` was never asked for."""
    drop = {
        f"{GO}/000002_view.up.sql": "ALTER TABLE orders DROP COLUMN note;\n\n"
        "CREATE MATERIALIZED VIEW order_notes\nAS\n    SELECT id,\n    note\n"
        "    FROM order_archive;\n",
        f"{GO}/000002_view.down.sql": "DROP VIEW order_notes;\n",
    }
    code = {"app/orders.go": 'package app\n\nconst q = "INSERT INTO orders (note) VALUES ($1)"\n'}
    got, _ = _run(git_repo, {**INIT, **code}, drop, GO, "golang-migrate")
    assert "RG225" in got


def test_an_alembic_helper_defined_after_the_drop_runs_where_it_is_called(git_repo: Any) -> None:
    """flexmeasures (round BU, a miss): `upgrade()` calls a backup of `commits.note` first
    and drops the column last; the backup, defined after `upgrade()`, writes the SQL that
    would restore it, and was read as the column named again after its drop. The rest of
    the dropping function is what runs after it."""
    base = {
        f"{ALEMBIC}/a1_init.py": 'revision = "a1"\ndown_revision = None\n\n\n'
        "def upgrade():\n    op.create_table('commits', sa.Column('id', sa.Integer()),\n"
        "                    sa.Column('note', sa.Text()))\n\n\n"
        "def downgrade():\n    op.drop_table('commits')\n",
        "app/repo.py": "class Commit(Base):\n    __tablename__ = 'commits'\n"
        "    note = Column(Text)\n",
    }
    drop = {
        f"{ALEMBIC}/b2_drop.py": 'revision = "b2"\ndown_revision = "a1"\n\n\n'
        "def upgrade():\n    backup()\n    op.drop_column('commits', 'note')\n\n\n"
        "def downgrade():\n    op.add_column('commits', sa.Column('note', sa.Text()))\n\n\n"
        "def backup():\n    for cid, note in read_notes():\n"
        "        print(f'UPDATE commits SET note = {note!r} WHERE id = {cid};')\n"
    }
    got, _ = _run(git_repo, base, drop, ALEMBIC, "alembic")
    assert "RG225" in got


@pytest.mark.parametrize(("base", "used"), [("BaseModel", True), ("BaseDto", False)])
def test_a_model_extending_the_project_s_base_model_is_no_dto(
    git_repo: Any, base: str, used: bool
) -> None:
    """traditional-knowledge (round BU, a miss): `class UserPermission extends
    BaseModel<…>`, the project's own Sequelize base, and `UserPermission.create(…)` in a
    controller; read as a plain class (a DTO named like the model), its uses were none, so
    the drop of `user_permissions` was no RG225. A class extending another base is one."""
    code = {
        "api/src/models/user-permission.ts": f"export class UserPermission extends {base}<\n"
        "  InferAttributes<UserPermission>\n> {\n  declare userId: number | null\n}\n",
        "api/src/controllers/integration-controller.ts": "import { UserPermission } from "
        "'@/models'\n\nexport const add = (userId) => UserPermission.create({ userId })\n",
    }
    drop = {
        "db/migrations/20250521161607_drop.ts": "export async function up(knex) {\n"
        "  await knex.schema.dropTable('user_permissions')\n}\n\n"
        "export async function down() {}\n"
    }
    got, _ = _run(git_repo, code, drop, "db/migrations", "knex")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(("bases", "used"), [("NoteMixin, models.Model", True),
                                             ("models.Model", False)])  # fmt: skip
def test_a_django_model_inherits_the_fields_of_an_abstract_base_of_another_app(
    git_repo: Any, bases: str, used: bool
) -> None:
    """codabench (round BU, misses): `class Competition(ChaHubSaveMixin, models.Model)`,
    the abstract mixin in the `chahub` app declaring `chahub_timestamp`, which its
    `save()` writes for every model of it; the model itself declares none of them, so
    their drop was "unmapped". A model that does not derive from the mixin is so."""
    code = {
        "chahub/models.py": "from django.db import models\n\n\nclass NoteMixin(models.Model):\n"
        "    note = models.TextField(null=True)\n\n    class Meta:\n        abstract = True\n\n"
        "    def save(self, *args, **kwargs):\n        self.note = 'x'\n"
        "        super().save(*args, **kwargs)\n",
        "shop/models.py": "from django.db import models\n\nfrom chahub.models import NoteMixin\n"
        f"\n\nclass Order({bases}):\n    title = models.TextField()\n",
    }
    base = {k: v for k, v in DJANGO_DROP.items() if "0002" not in k}
    pr = {k: v for k, v in DJANGO_DROP.items() if "0002" in k}
    got, _ = _run(git_repo, {**base, **code}, pr, "shop/migrations", "django")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(
    ("use", "rule"),
    [
        ("    Order.where(id: id).pick(:note)\n", "RG225"),
        ("    Order.where(id: id).update_all(note: text)\n", "RG225"),
        ('    Order.connection.execute("UPDATE orders SET note = NULL")\n', "RG225"),
        ("    note = Order.find(id).title\n", "RG203"),  # a local variable: no query
    ],
)
def test_a_query_naming_an_ignored_column_still_uses_it(git_repo: Any, use: str, rule: str) -> None:
    """e621ng (round BV, a miss): `self.ignored_columns += %w[fav_string]` retires the
    attribute, but the favourites manager still runs `pick(:fav_string)` and
    `update_all(fav_string: …)`, queries `ignored_columns` does not cover: RG225, where the
    column was read as named nowhere (P3)."""
    code = {
        "app/models/order.rb": "class Order < ApplicationRecord\n"
        '  self.ignored_columns += ["note"]\nend\n',
        "app/logical/note_manager.rb": f"class NoteManager\n  def run(id, text)\n{use}  end\nend\n",
    }
    got, _ = _run(git_repo, code, RAILS_DROP, "db/migrate", "rails")
    assert rule in got


@pytest.mark.parametrize(
    ("field", "used"),
    [
        ("  creatorEmail Email? @relation(fields: [creatorEmailId], references: [id])\n", False),
        ("  creatorEmail String?\n", True),
    ],
)
def test_a_prisma_relation_field_is_no_column(git_repo: Any, field: str, used: bool) -> None:
    """gitpoap-backend (round BV): the dropped `Claim.creatorEmail` column has a relation
    field of its name in the base's schema, `creatorEmail Email? @relation(…)`, whose key
    is `creatorEmailId`: cited as the column's use. A scalar field of that name is one."""
    schema = (
        "model Email {\n  id Int @id\n}\n\n"
        f"model Claim {{\n  id Int @id\n  creatorEmailId Int?\n{field}}}\n"
    )
    init = {
        f"{PRISMA}/20221001000000_init/migration.sql": 'CREATE TABLE "Email" (id int);\n'
        'CREATE TABLE "Claim" (id int, "creatorEmail" text, "creatorEmailId" int);\n',
        "prisma/schema.prisma": schema,
        "src/claims.ts": "export const f = (c) => prisma.claim.create({ data: c });\n",
    }
    drop = {
        f"{PRISMA}/20221108031755_fix/migration.sql": 'ALTER TABLE "Claim" '
        'DROP COLUMN "creatorEmail";\n'
    }
    got, _ = _run(git_repo, init, drop, PRISMA, "prisma")
    assert ("RG225" in got) is used


@pytest.mark.parametrize(("field", "rule"), [("    note: Optional[str] = None\n", "RG225"),
                                             ("    title: str\n", "RG203")])  # fmt: skip
def test_a_sqlmodel_table_inherits_the_annotated_fields_of_its_bases(
    git_repo: Any, field: str, rule: str
) -> None:
    """gpustack (round BV, lowered to P3 wrongly): SQLModel's `class
    ModelSpecBase(SQLModel)` declares `embedding_only: Annotated[bool, …]`, a field of
    every table class deriving from it (`Model(ModelBase, table=True)` through `ModelBase`);
    read as naming no column, the drop was "the contract step"."""
    base = {
        f"{ALEMBIC}/a1_init.py": 'revision = "a1"\ndown_revision = None\n\n\n'
        "def upgrade():\n    op.create_table('orders', sa.Column('id', sa.Integer()),\n"
        "                    sa.Column('note', sa.Text()), sa.Column('title', sa.Text()))\n\n\n"
        "def downgrade():\n    op.drop_table('orders')\n",
        "app/models.py": "from typing import Optional\n\nfrom sqlmodel import Field, SQLModel\n\n\n"
        f"class OrderSpec(SQLModel):\n{field}\n\nclass OrderBase(OrderSpec):\n"
        "    title: str = ''\n\n\n"
        "class Order(OrderBase, table=True):\n    __tablename__ = 'orders'\n"
        "    id: int = Field(primary_key=True)\n",
        "app/routes.py": "from app.models import Order\n\n\ndef orders(session):\n"
        "    return session.query(Order).all()\n",
    }
    drop = {
        f"{ALEMBIC}/b2_drop.py": 'revision = "b2"\ndown_revision = "a1"\n\n\n'
        "def upgrade():\n    op.drop_column('orders', 'note')\n\n\n"
        "def downgrade():\n    op.add_column('orders', sa.Column('note', sa.Text()))\n"
    }
    got, _ = _run(git_repo, base, drop, ALEMBIC, "alembic")
    assert rule in got
    if rule == "RG203":
        assert got["RG203"].severity is not None and got["RG203"].severity.value == "P3"
