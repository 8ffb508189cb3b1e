"""RG224 and a unique index re-drawn under a name that does not say it was unique: only an
earlier migration file tells (rocketadmin's TypeORM ``IDX_…``, familie-tilbake's automatic
``…_idx``, round I), whether git lists the files or they are read."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

FLYWAY = "db/migration"
FLYWAY_FILES = {
    f"{FLYWAY}/V1__base.sql": (
        "CREATE TABLE fagsak (id BIGINT PRIMARY KEY, ekstern_id VARCHAR, ytelse VARCHAR,\n"
        "    kode VARCHAR, slett BOOLEAN);\n"
        "CREATE UNIQUE INDEX ON fagsak (ekstern_id);\n"
        "CREATE UNIQUE INDEX fagsak_kode_live ON fagsak (kode, ytelse) WHERE slett = false;\n"
        "CREATE TABLE behandling (id BIGINT PRIMARY KEY, fagsak_id BIGINT, status VARCHAR);\n"
        "CREATE UNIQUE INDEX i_arbeid ON behandling (fagsak_id) WHERE status <> 'FERDIG';\n"
        "CREATE TABLE sak (id BIGINT PRIMARY KEY, a VARCHAR, b VARCHAR,\n"
        "    CONSTRAINT sak_ab UNIQUE (a, b));\n"
        "CREATE TABLE pool (id BIGINT PRIMARY KEY, connector VARCHAR, protocol_id VARCHAR);\n"
        "CREATE UNIQUE INDEX pool_protocolid ON pool (connector, protocol_id);\n"
    ),
    # re-drawn looser under PostgreSQL's automatic name: no finding
    f"{FLYWAY}/V2__loosen.sql": (
        "DROP INDEX fagsak_ekstern_id_idx;\nCREATE UNIQUE INDEX ON fagsak (ekstern_id, ytelse);\n"
    ),
    # the same WHERE dropped: the new index holds rows the old one let through
    f"{FLYWAY}/V3__no_where.sql": (
        "DROP INDEX fagsak_kode_live;\nCREATE UNIQUE INDEX by_code ON fagsak (kode, ytelse);\n"
    ),
    # familie-ef-sak V128 (round N): the key narrowed to fewer rows (its WHERE holds the
    # old one's terms and one more), the old one dropped after by its bare name
    f"{FLYWAY}/V4__narrower_where.sql": (
        "CREATE UNIQUE INDEX idx_i_arbeid ON behandling (fagsak_id)\n"
        "    WHERE (status <> 'FERDIG' AND status <> 'VENT');\nDROP INDEX i_arbeid;\n"
    ),
    # … and with a term the old WHERE did not have in place of its own: another key
    f"{FLYWAY}/V5__other_where.sql": (
        "CREATE UNIQUE INDEX paa_vent ON behandling (fagsak_id) WHERE status = 'VENT';\n"
    ),
    # tighter: (a) alone where the constraint was (a, b)
    f"{FLYWAY}/V10__tighter.sql": (
        "ALTER TABLE sak DROP CONSTRAINT sak_ab;\nCREATE UNIQUE INDEX sak_a ON sak (a);\n"
    ),
    # firefly 000081 (round Q): the key dropped, its column renamed in the same file and
    # the key drawn again over the new name: the same key
    f"{FLYWAY}/V11__renamed.sql": (
        "DROP INDEX pool_protocolid;\nALTER TABLE pool RENAME COLUMN protocol_id TO locator;\n"
        "CREATE UNIQUE INDEX pool_locator ON pool (connector, locator);\n"
    ),
    # … a key over the renamed column alone would be tighter, but the rename is the break
    # (RG220): the previous release writes no column of that name (round AA)
    f"{FLYWAY}/V12__renamed_tighter.sql": (
        "ALTER TABLE pool RENAME COLUMN connector TO plugin;\n"
        "CREATE UNIQUE INDEX pool_plugin ON pool (plugin);\n"
    ),
    # internationally-educated-nurses (round AS): IF NOT EXISTS over a name the table's
    # index has makes nothing, whatever it says; under a new name it makes a key
    f"{FLYWAY}/V13__if_not_exists.sql": (
        "CREATE UNIQUE INDEX IF NOT EXISTS pool_locator ON pool (locator) WHERE id > 0;\n"
    ),
    f"{FLYWAY}/V14__if_not_exists_new.sql": (
        "CREATE UNIQUE INDEX IF NOT EXISTS pool_loc ON pool (locator);\n"
    ),
}


def _flyway_rg224(git_repo: Any, files: dict[str, str], with_git: bool) -> list[Any]:
    """The RG224 findings of a Flyway audit of ``files``, each committed alone (with
    ``with_git`` false, the files read without git)."""
    config = git_repo.migrations_config(FLYWAY, "flyway", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    return [f for f in engine.check(ctx) if f.rule == "RG224"]


def _rails(version: str) -> Callable[[str, str], str]:
    """A Rails migration of ``version`` named ``name`` whose ``change`` is ``body``."""

    def rb(name: str, body: str) -> str:
        return (
            f"class {name} < ActiveRecord::Migration[{version}]\n  def change\n{body}  end\nend\n"
        )

    return rb


def _rg224(root: Any) -> list[tuple[str, int | None]]:
    ctx = prepare(CheckOptions(repo=root))
    return sorted((f.path or "", f.line) for f in engine.check(ctx) if f.rule == "RG224")


@pytest.mark.parametrize("with_git", [True, False])
def test_a_unique_index_redrawn_under_an_automatic_name_is_no_rg224(
    git_repo: Any, with_git: bool
) -> None:
    config = git_repo.migrations_config(FLYWAY, "flyway", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **FLYWAY_FILES})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    assert _rg224(git_repo.root) == [
        (f"{FLYWAY}/V10__tighter.sql", 2),
        (f"{FLYWAY}/V14__if_not_exists_new.sql", 1),
        (f"{FLYWAY}/V3__no_where.sql", 2),
        (f"{FLYWAY}/V5__other_where.sql", 1),
    ]


TYPEORM = "src/migrations"


def _typeorm(name: str, up: list[str], down: list[str]) -> str:
    def body(sql: list[str]) -> str:
        return "".join(f"        await queryRunner.query(`{s}`);\n" for s in sql)

    return (
        'import { MigrationInterface, QueryRunner } from "typeorm";\n\n'
        f"export class {name} implements MigrationInterface {{\n"
        "    public async up(queryRunner: QueryRunner): Promise<void> {\n"
        f"{body(up)}"
        "    }\n\n"
        "    public async down(queryRunner: QueryRunner): Promise<void> {\n"
        f"{body(down)}"
        "    }\n}\n"
    )


def test_a_typeorm_index_renamed_by_its_generator_is_no_rg224(git_repo: Any) -> None:
    """rocketadmin (round I): TypeORM drops ``IDX_user_secrets_company_slug`` and makes it
    again as ``IDX_f39a47…`` over the same columns; its down step makes the old one again.
    beabee (round J): a unique constraint over a column that is already the table's primary
    key (renamed since) is implied. A unique index over other columns stays a finding."""
    create = (
        'CREATE TABLE "user_secrets" ("id" integer PRIMARY KEY, "companyId" integer, '
        '"slug" text, "kind" text)'
    )
    old = (
        'CREATE UNIQUE INDEX "IDX_user_secrets_company_slug" ON "user_secrets" '
        '("companyId", "slug")'
    )
    new = 'CREATE UNIQUE INDEX "IDX_f39a47aac503" ON "user_secrets" ("companyId", "slug")'
    payment = (
        'CREATE TABLE "payment_data" ("memberId" uuid NOT NULL, "data" jsonb, '
        'CONSTRAINT "PK_a1bac83e" PRIMARY KEY ("memberId"))'
    )
    files = {
        f"{TYPEORM}/1763724061000-CreateUserSecret.ts": _typeorm(
            "CreateUserSecret1763724061000", [create, old, payment], ['DROP TABLE "user_secrets"']
        ),
        f"{TYPEORM}/1768915268048-Regenerate.ts": _typeorm(
            "Regenerate1768915268048",
            ['DROP INDEX "public"."IDX_user_secrets_company_slug"', new],
            ['DROP INDEX "public"."IDX_f39a47aac503"', old],
        ),
        f"{TYPEORM}/1769000000000-KindKey.ts": _typeorm(
            "KindKey1769000000000",
            [
                'DROP INDEX "public"."IDX_9b1c2d"',
                'CREATE UNIQUE INDEX "IDX_kind" ON "user_secrets" ("kind")',
            ],
            ['DROP INDEX "public"."IDX_kind"'],
        ),
        f"{TYPEORM}/1769400000000-Rename.ts": _typeorm(
            "Rename1769400000000",
            ['ALTER TABLE "payment_data" RENAME COLUMN "memberId" TO "contactId"'],
            ['ALTER TABLE "payment_data" RENAME COLUMN "contactId" TO "memberId"'],
        ),
        f"{TYPEORM}/1769500000000-Later.ts": _typeorm(
            "Later1769500000000",
            [
                'CREATE UNIQUE INDEX "IDX_slug" ON "user_secrets" ("slug")',
                'ALTER TABLE "payment_data" ADD CONSTRAINT "UQ_a2c17e" UNIQUE ("contactId")',
            ],
            ['DROP INDEX "public"."IDX_slug"'],
        ),
    }
    config = git_repo.migrations_config(TYPEORM, "typeorm", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [
        (f"{TYPEORM}/1769000000000-KindKey.ts", 6),
        (f"{TYPEORM}/1769500000000-Later.ts", 5),
    ]


def test_a_rails_unique_index_removed_by_name_is_looked_up(git_repo: Any) -> None:
    """lago-api 20251003171653 (round J): a ``change`` removes by name a unique index that
    the first migration's SQL made over (mapping_type, integration_id), so the partial
    unique index over those columns and one more is the key re-drawn; a plain index an
    earlier ``add_index`` made, removed, is no key."""
    folder = "db/migrate"
    files = {
        f"{folder}/20250101000000_init.rb": (
            "class Init < ActiveRecord::Migration[7.1]\n  def up\n    execute <<~SQL\n"
            "      CREATE TABLE maps (id bigint, mapping_type int, integration_id int,"
            " organization_id int, code text);\n"
            "      CREATE UNIQUE INDEX index_maps_on_type_and_int ON public.maps USING btree"
            " (mapping_type, integration_id);\n    SQL\n"
            "    add_index :maps, :code\n  end\n\n  def down\n"
            "    raise ActiveRecord::IrreversibleMigration\n  end\nend\n"
        ),
        f"{folder}/20250201000000_redraw.rb": (
            "class Redraw < ActiveRecord::Migration[7.1]\n  def change\n"
            "    add_index :maps,\n      [:mapping_type, :integration_id, :organization_id],\n"
            '      where: "code IS NULL",\n      unique: true\n'
            "    remove_index :maps, [:mapping_type, :integration_id],"
            ' name: "index_maps_on_type_and_int"\n  end\nend\n'
        ),
        f"{folder}/20250301000000_code.rb": (
            "class Code < ActiveRecord::Migration[7.1]\n  def change\n"
            "    remove_index :maps, :code\n"
            "    add_index :maps, :code, unique: true\n  end\nend\n"
        ),
    }
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [(f"{folder}/20250301000000_code.rb", 4)]


def test_the_walk_follows_wheres_dropped_tables_columns_and_primary_keys(git_repo: Any) -> None:
    """Round J's re-checks: a partial key is another key when its WHERE's quoted value
    differs (ente 56); a table dropped and created again (Rails ``drop_table``, feedbin)
    loses its keys, and so does a dropped column; dropping the primary key by PostgreSQL's
    name keeps the table's unique keys (familie-ba-sak V169, V177: implied)."""
    folder = "migrations"
    files = {
        f"{folder}/1_init.up.sql": (
            "CREATE TABLE collections (id SERIAL PRIMARY KEY, owner_id INT, type TEXT,\n"
            "  code TEXT, UNIQUE (code));\n"
            "CREATE UNIQUE INDEX fav ON collections (owner_id) WHERE (type = 'favorites');\n"
            "CREATE UNIQUE INDEX by_type ON collections (type);\n"
        ),
        f"{folder}/2_drops.up.sql": (
            "ALTER TABLE collections DROP CONSTRAINT collections_pkey;\n"
            "ALTER TABLE collections DROP COLUMN type;\n"
            "ALTER TABLE collections ADD COLUMN type TEXT;\n"
        ),
        f"{folder}/3_keys.up.sql": (
            "CREATE UNIQUE INDEX uncat ON collections (owner_id) WHERE (type = 'uncategorized');\n"
            "CREATE UNIQUE INDEX by_type2 ON collections (type);\n"
        ),
        f"{folder}/4_code.up.sql": "CREATE UNIQUE INDEX by_code ON collections (code);\n",
    }
    for name in list(files):
        files[name.replace(".up.", ".down.")] = "SELECT 1;\n"
    config = git_repo.migrations_config(folder, "golang-migrate", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    found = _rg224(git_repo.root)
    assert [p for p, _ in found] == [f"{folder}/3_keys.up.sql"]
    ctx = prepare(CheckOptions(repo=git_repo.root))
    (finding,) = [f for f in engine.check(ctx) if f.rule == "RG224"]
    assert sorted([finding.line, *(r.line for r in finding.related)]) == [1, 2]


def test_a_rails_table_dropped_and_created_again_has_no_keys(git_repo: Any) -> None:
    folder = "db/migrate"
    rb = _rails("4.2")

    files = {
        f"{folder}/20121010042043_create_users.rb": rb(
            "CreateUsers",
            "    create_table :users do |t|\n      t.string :email\n    end\n"
            "    add_index :users, :email, unique: true\n",
        ),
        f"{folder}/20130226190942_remove_users.rb": rb("RemoveUsers", "    drop_table :users\n"),
        f"{folder}/20130226191831_create_users.rb": rb(
            "CreateUsers2", "    create_table :users do |t|\n      t.string :email\n    end\n"
        ),
        f"{folder}/20130227065820_add_account_stuff.rb": rb(
            "AddAccountStuff", "    add_index :users, :email, unique: true\n"
        ),
    }
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [(f"{folder}/20130227065820_add_account_stuff.rb", 3)]


def test_a_rails_where_with_quoted_values_is_read_whole(git_repo: Any) -> None:
    """lago-api 20250731144632 (round J re-check): ``where: "reason = 'starting' AND …"``
    is another key than the one ``where: "reason = 'terminating'"`` draws."""
    folder = "db/migrate"

    def rb(name: str, where: str) -> str:
        return (
            f"class {name} < ActiveRecord::Migration[8.0]\n  def change\n"
            "    add_index :invoice_subscriptions, [:subscription_id, :reason],\n"
            f'      unique: true,\n      where: "{where}"\n  end\nend\n'
        )

    files = {
        f"{folder}/20250101000000_init.rb": (
            "class Init < ActiveRecord::Migration[8.0]\n  def change\n"
            "    create_table :invoice_subscriptions do |t|\n      t.integer :subscription_id\n"
            "      t.string :reason\n    end\n  end\nend\n"
        ),
        f"{folder}/20250201000000_terminating.rb": rb("Terminating", "reason = 'terminating'"),
        f"{folder}/20250301000000_starting.rb": rb("Starting", "reason = 'starting'"),
    }
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert [p for p, _ in _rg224(git_repo.root)] == [
        f"{folder}/20250201000000_terminating.rb",
        f"{folder}/20250301000000_starting.rb",
    ]


def test_ecto_keys_are_followed_and_only_implied_occurrences_go(git_repo: Any) -> None:
    """philomena 20211009011024 (round J): ``create index(:image_sources, [:image_id,
    :source], unique: true)`` restates the unique index 20200503002523 made; the CHECK the
    same migration adds stays, now the finding's first occurrence, with no "more"."""
    folder = "priv/repo/migrations"
    files = {
        f"{folder}/20200503002523_create_image_sources.exs": (
            "defmodule Repo.Migrations.CreateImageSources do\n  use Ecto.Migration\n\n"
            "  def change do\n    create table(:image_sources) do\n      add :image_id, :integer\n"
            "      add :source, :string\n    end\n\n"
            '    create unique_index("image_sources", [:image_id, :source])\n  end\nend\n'
        ),
        f"{folder}/20211009011024_rewrite_source_changes.exs": (
            "defmodule Repo.Migrations.RewriteSourceChanges do\n  use Ecto.Migration\n\n"
            "  def up do\n    create index(:image_sources, [:image_id, :source],\n"
            '             name: "index_image_source_on_image_id_and_source",\n'
            "             unique: true\n           )\n\n"
            "    create constraint(:image_sources, :length_must_be_valid,\n"
            '             check: "length(source) >= 8")\n  end\n\n'
            "  def down do\n    drop index(:image_sources, [:image_id, :source],\n"
            '           name: "index_image_source_on_image_id_and_source")\n  end\nend\n'
        ),
    }
    config = git_repo.migrations_config(folder, "ecto", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    (finding,) = [f for f in engine.check(ctx) if f.rule == "RG224"]
    assert (finding.path, finding.line) == (
        f"{folder}/20211009011024_rewrite_source_changes.exs",
        10,
    )
    assert "CHECK" in finding.message and "more" not in finding.message
    assert finding.related == ()


def test_a_rails_key_declared_in_create_table_is_followed(git_repo: Any) -> None:
    """exercism/website (round K): ``t.string :stripe_id, index: {unique: true}`` in the
    create_table block; a later ``remove_index`` of it and a unique index over it and one
    more column re-draw the key looser. A plain ``t.index`` is no key."""
    folder = "db/migrate"
    rb = _rails("7.0")

    files = {
        f"{folder}/20230101000000_create_subscriptions.rb": rb(
            "CreateSubscriptions",
            "    create_table :subscriptions do |t|\n"
            "      t.string :stripe_id, null: false, index: {unique: true}\n"
            "      t.string :provider\n      t.index :provider\n    end\n",
        ),
        f"{folder}/20230414135530_add_provider.rb": rb(
            "AddProvider",
            "    remove_index :subscriptions, :stripe_id\n"
            "    add_index :subscriptions, [:stripe_id, :provider], unique: true\n",
        ),
        f"{folder}/20230501000000_provider_key.rb": rb(
            "ProviderKey",
            "    remove_index :subscriptions, :provider\n"
            "    add_index :subscriptions, :provider, unique: true\n",
        ),
    }
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [(f"{folder}/20230501000000_provider_key.rb", 4)]


def test_knex_keys_are_followed(git_repo: Any) -> None:
    """central-ledger (round O): ``t.unique([...])`` over a column an earlier file made the
    primary key (``.primary()``, ``t.increments()``) or over an earlier ``t.unique()``'s
    columns is implied; over other columns, or after the earlier key was dropped with
    ``dropUnique``, it is a new key."""
    folder = "migrations"

    def knex(name: str, body: str) -> dict[str, str]:
        return {
            f"{folder}/{name}.js": "exports.up = function (knex) {\n"
            f"  return knex.schema.{body}\n}}\n\n"
            "exports.down = function (knex) {\n  return knex.schema.dropTable('x')\n}\n"
        }

    files = {
        **knex(
            "100100_limit",
            "createTable('limit', (t) => {\n    t.increments('limitId').primary()\n"
            "    t.string('code', 36).notNullable()\n    t.integer('kind')\n  })",
        ),
        **knex(
            "100200_check",
            "createTable('check', (t) => {\n    t.string('checkId', 36).primary().notNullable()\n"
            "    t.string('hash')\n    t.integer('kind')\n  })",
        ),
        **knex("100300_model", "table('limit', (t) => {\n    t.unique(['kind', 'code'])\n  })"),
        # implied: the primary key, the earlier unique key's columns
        **knex(
            "200100_limit-composite",
            "table('limit', (t) => {\n    t.unique(['code', 'limitId'], 'limit_uq')\n"
            "    t.unique(['code', 'kind', 'limitId'])\n  })",
        ),
        **knex(
            "200200_check-hash", "table('check', (t) => {\n    t.unique(['checkId', 'hash'])\n  })"
        ),
        **knex(
            "200300_model", "table('limit', (t) => {\n    t.unique(['code', 'kind', 'x'])\n  })"
        ),
        # new keys: other columns; the earlier key dropped first
        **knex(
            "300100_check-kind", "table('check', (t) => {\n    t.unique(['hash', 'kind'])\n  })"
        ),
        **knex(
            "300200_model-again",
            "table('limit', (t) => {\n    t.dropUnique(['kind', 'code'])\n  })",
        ),
        **knex(
            "300300_model-new", "table('limit', (t) => {\n    t.unique(['code', 'kind', 'y'])\n  })"
        ),
    }
    config = git_repo.migrations_config(folder, "knex", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [
        (f"{folder}/100300_model.js", 3),
        (f"{folder}/300100_check-kind.js", 3),
        (f"{folder}/300300_model-new.js", 3),
    ]


def test_a_key_drawn_again_over_other_columns_stays(git_repo: Any) -> None:
    """trigger.dev (round L) and hcb (round M): a unique key dropped and drawn again over
    other columns may be tighter or looser, which only the domain tells: it stays RG224."""
    folder = "db/migrate"

    def rails(stamp: str, body: str) -> dict[str, str]:
        return {
            f"{folder}/{stamp}_step{stamp[-2:]}.rb": f"class Step{stamp[-2:]} < "
            f"ActiveRecord::Migration[8.0]\n  def change\n{body}  end\nend\n"
        }

    files = {
        **rails("20250101000001", "    create_table :sources do |t|\n      t.string :key\n"
                "      t.bigint :endpoint_id\n      t.bigint :environment_id\n    end\n"),
        **rails("20250101000002", "    add_index :sources, [:key, :endpoint_id], unique: true\n"),
        **rails("20250101000003", "    remove_index :sources, [:key, :endpoint_id]\n"
                "    add_index :sources, [:key, :environment_id], unique: true\n"),
    }  # fmt: skip
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert [p for p, _ in _rg224(git_repo.root)] == [
        f"{folder}/20250101000002_step02.rb",
        f"{folder}/20250101000003_step03.rb",
    ]


def test_alembic_keys_are_followed_through_the_revision_graph(git_repo: Any) -> None:
    """letta 39577145c45d (round O): a unique constraint over an earlier one's columns and
    more is implied; revisions are ordered by their graph (a hash may start with a digit,
    and a sibling branch is no ancestor); one over other columns is new."""
    versions = "alembic/versions"

    def revision(rev: str, parent: str | None, body: str) -> dict[str, str]:
        return {
            f"{versions}/{rev}_step.py": f"revision = {rev!r}\ndown_revision = {parent!r}\n\n\n"
            f"def upgrade():\n{body}\n\ndef downgrade():\n    op.execute('SELECT 1')\n"
        }

    files = {
        **revision("9f00", None, "    op.create_table('tools', sa.Column('id', sa.Integer,"
                   " primary_key=True), sa.Column('name', sa.Text), sa.Column('org', sa.Text),\n"
                   "        sa.Column('project', sa.Text),\n"
                   "        sa.UniqueConstraint('name', 'org', name='uix_name_org'))\n"),
        **revision("1a00", "9f00", "    op.create_unique_constraint('uix_org_project_name',"
                   " 'tools', ['org', 'project', 'name'])\n"),
        **revision("0b00", "1a00", "    op.create_unique_constraint('uix_project', 'tools',"
                   " ['project'])\n"),
        **revision("2c00", "0b00", "    with op.batch_alter_table('tools') as batch_op:\n"
                   "        batch_op.create_unique_constraint('uix_id_org', ['id', 'org'])\n"),
    }  # fmt: skip
    config = git_repo.migrations_config(versions, "alembic", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert [p for p, _ in _rg224(git_repo.root)] == [f"{versions}/0b00_step.py"]


def test_escaped_backquotes_and_a_key_added_after_other_actions(git_repo: Any) -> None:
    """owid-grapher (round P): MySQL written in a JS template string quotes names with
    ``\\``` ``, and the key drawn again over one column more is the last action of an
    ALTER TABLE; the new one is implied by UNIQUE(filename)."""
    files = {
        f"{TYPEORM}/1673967387686-AddImages.ts": _typeorm(
            "AddImages",
            [
                "CREATE TABLE \\`images\\` (\\`id\\` int NOT NULL, \\`filename\\` varchar(255) "
                "NOT NULL, PRIMARY KEY (\\`id\\`), UNIQUE(\\`filename\\`))"
            ],
            ["DROP TABLE images"],
        ),
        f"{TYPEORM}/1734369183234-Versions.ts": _typeorm(
            "Versions",
            [
                "ALTER TABLE images DROP KEY filename",
                "ALTER TABLE images ADD COLUMN version INT NOT NULL DEFAULT 0, "
                "ADD CONSTRAINT uk_images_filename_version UNIQUE (filename, version)",
            ],
            ["ALTER TABLE images DROP COLUMN version"],
        ),
        f"{TYPEORM}/1747000000000-Tighter.ts": _typeorm(
            "Tighter",
            [
                "ALTER TABLE images ADD COLUMN note text, "
                "ADD CONSTRAINT uk_images_version UNIQUE (version)"
            ],
            ["ALTER TABLE images DROP COLUMN note"],
        ),
    }
    config = git_repo.migrations_config(TYPEORM, "typeorm", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert [p for p, _ in _rg224(git_repo.root)] == [f"{TYPEORM}/1747000000000-Tighter.ts"]


def test_mysql_backquoted_names_and_named_unique_indexes(git_repo: Any) -> None:
    """ncps (round AD): an ORM's baseline re-draws each MySQL unique key under its own
    name, ``ALTER TABLE `config` COLLATE …, MODIFY COLUMN `key` …, ADD UNIQUE INDEX
    `configentry_key` (`key`)``: the backquoted names are no statement's end, and ``ADD
    UNIQUE INDEX <name> (…)`` names its index. A key over another column stays."""
    folder = "migrations/mysql"
    init = (
        "-- +goose Up\nCREATE TABLE config (\n    `id` BIGINT AUTO_INCREMENT PRIMARY KEY,\n"
        "    `key` VARCHAR(255) NOT NULL,\n    `value` TEXT NOT NULL,\n"
        "    UNIQUE KEY `idx_config_key` (`key`)\n) ENGINE = InnoDB;\n"
        "CREATE TABLE chunks (\n    id BIGINT AUTO_INCREMENT PRIMARY KEY,\n"
        "    hash VARCHAR(64) NOT NULL UNIQUE,\n    size INT NOT NULL\n);\n"
        "-- +goose Down\nDROP TABLE config;\n"
    )
    baseline = (
        "-- +goose Up\nALTER TABLE `config` COLLATE utf8mb4_bin, MODIFY COLUMN `key` "
        "varchar(255) NOT NULL, ADD UNIQUE INDEX `configentry_key` (`key`);\n"
        "ALTER TABLE `chunks` ADD UNIQUE INDEX `chunk_hash` (`hash`);\n"
        "ALTER TABLE `chunks` ADD UNIQUE INDEX `chunk_size` (`size`);\n"
        "-- +goose Down\nSELECT 1;\n"
    )
    config = git_repo.migrations_config(folder, "goose", scope="all")
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{folder}/20260101000000_init.sql": init,
            f"{folder}/20260521021523_baseline.sql": baseline,
        }
    )
    assert _rg224(git_repo.root) == [(f"{folder}/20260521021523_baseline.sql", 4)]


def test_a_schema_given_by_a_placeholder(git_repo: Any) -> None:
    """Flyway's `${schema}.t` and a JS template's `"${tenantHash}".t` (verifywise, round
    P): the table is `t`, its keys followed like any other's."""
    files = {
        f"{FLYWAY}/V1__base.sql": (
            "CREATE TABLE ${schema}.api_keys (id BIGINT PRIMARY KEY,\n"
            "    key_hash VARCHAR(255) NOT NULL UNIQUE, owner VARCHAR, active BOOLEAN);\n"
        ),
        f"{FLYWAY}/V2__partial.sql": (
            "CREATE UNIQUE INDEX api_keys_active ON ${schema}.api_keys (key_hash)\n"
            "    WHERE active = true;\n"
        ),
        f"{FLYWAY}/V3__owner.sql": (
            'CREATE UNIQUE INDEX api_keys_owner ON "${schema}".api_keys (owner);\n'
        ),
    }
    config = git_repo.migrations_config(FLYWAY, "flyway", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert [p for p, _ in _rg224(git_repo.root)] == [f"{FLYWAY}/V3__owner.sql"]


def test_each_folder_has_its_own_history(git_repo: Any) -> None:
    """WebAPI (round P's re-run): one folder per dialect, each making the same key; the
    key of `oracle/` implies nothing of the table `sqlserver/` makes."""
    config = git_repo.migrations_config("db/oracle", "flyway", scope="all") + (
        "  - path: db/sqlserver\n    framework: flyway\n    scope: all\n"
    )
    files: dict[str, str] = {
        "deploy-readiness.yml": config,
        "db/oracle/V1__base.sql": "CREATE TABLE source (id INT, source_key VARCHAR(50));\n",
        # made in a way the walk does not read: the table's keys are not known
        "db/sqlserver/V1__base.sql": "SELECT id, source_key INTO source FROM legacy;\n",
    }
    for dialect in ("oracle", "sqlserver"):
        files[f"db/{dialect}/V2__key.sql"] = (
            "ALTER TABLE source ADD CONSTRAINT source_key_unique UNIQUE (source_key);\n"
        )
    git_repo.commit_each(files)
    assert [p for p, _ in _rg224(git_repo.root)] == [
        "db/oracle/V2__key.sql",
        "db/sqlserver/V2__key.sql",
    ]


def test_alembic_keys_an_upgrade_helper_makes_are_followed(git_repo: Any) -> None:
    """keep (round Q): ``upgrade()`` calls ``_upgrade()``, which creates the table with its
    unique key; a later key over those columns and more is implied."""
    versions = "alembic/versions"
    root = (
        "revision = 'a1'\ndown_revision = None\n\n\n"
        "def _upgrade():\n"
        "    op.create_table('enrichment', sa.Column('id', sa.Integer, primary_key=True),\n"
        "        sa.Column('tenant', sa.Text), sa.Column('fingerprint', sa.Text),\n"
        "        sa.Column('kind', sa.Text), sa.UniqueConstraint('fingerprint'))\n\n\n"
        "def upgrade():\n    _upgrade()\n\n\n"
        "def downgrade():\n    op.drop_table('enrichment')\n"
    )
    later = (
        "revision = 'b2'\ndown_revision = 'a1'\n\n\n"
        "def upgrade():\n"
        "    op.create_unique_constraint('uc_tenant_fingerprint', 'enrichment',"
        " ['tenant', 'fingerprint'])\n"
        "    op.create_unique_constraint('uc_kind', 'enrichment', ['kind'])\n\n\n"
        "def downgrade():\n    op.execute('SELECT 1')\n"
    )
    files = {f"{versions}/a1_root.py": root, f"{versions}/b2_keys.py": later}
    config = git_repo.migrations_config(versions, "alembic", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [(f.path, f.line, len(f.related)) for f in engine.check(ctx) if f.rule == "RG224"]
    assert found == [(f"{versions}/b2_keys.py", 7, 0)]  # uc_kind only


@pytest.mark.parametrize(("columns", "reported"), [("['a', 'b']", False), ("['a']", True)])
def test_alembic_key_columns_named_by_a_module_constant_are_read(
    git_repo: Any, columns: str, reported: bool
) -> None:
    """lemur's 449c3d5c7299 (round BY): ``op.create_unique_constraint(CONSTRAINT_NAME,
    TABLE, COLUMNS)`` with module-level constants, over the columns an earlier revision's
    unique index already held: implied, as the same call written with literals is."""
    versions = "alembic/versions"
    first = (
        "revision = 'a1'\ndown_revision = None\n\n\n"
        "def upgrade():\n    op.create_index('t_ix', 't', ['a', 'b'], unique=True)\n\n\n"
        "def downgrade():\n    op.drop_index('t_ix', table_name='t')\n"
    )
    later = (
        "revision = 'b2'\ndown_revision = 'a1'\n\n"
        f"NAME = 'uq_t_ab'\nTABLE = 't'\nCOLUMNS = {columns}\n\n\n"
        "def upgrade():\n    op.create_unique_constraint(NAME, TABLE, COLUMNS)\n\n\n"
        "def downgrade():\n    op.drop_constraint(NAME, TABLE)\n"
    )
    files = {f"{versions}/a1_index.py": first, f"{versions}/b2_key.py": later}
    config = git_repo.migrations_config(versions, "alembic", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f.path for f in engine.check(ctx) if f.rule == "RG224"]
    assert (f"{versions}/b2_key.py" in found) is reported, found


def test_a_unique_index_over_expressions_redrawn_in_another_order_is_no_rg224(
    git_repo: Any,
) -> None:
    """exposure-notifications-server 000059 (round Y): a unique index over ``(LOWER(b),
    LOWER(f))`` made again over ``(LOWER(f), LOWER(b))``, the old one dropped after: the
    same key. One expression fewer is tighter, and so is ``a + b``, which is no column; a
    column renamed is followed into the expressions that read it; a key dropped by its
    name in a file that names no table is gone."""
    files = {
        f"{FLYWAY}/V1__base.sql": (
            "CREATE TABLE export (id BIGINT PRIMARY KEY, f TEXT, b TEXT, a INT, c INT);\n"
        ),
        f"{FLYWAY}/V2__key.sql": (
            "CREATE UNIQUE INDEX uidx_b_f ON export (LOWER(b), LOWER(f));\n"
            "CREATE UNIQUE INDEX uidx_a ON export (a);\n"
            "CREATE UNIQUE INDEX uidx_lower_b ON export (LOWER(b));\n"
        ),
        # uaa's V1_8_2 (round U): dropped by its name alone, in a file naming no table
        f"{FLYWAY}/V2_5__drop.sql": "DROP INDEX IF EXISTS uidx_lower_b;\n",
        f"{FLYWAY}/V3__redrawn.sql": (
            'CREATE UNIQUE INDEX export_f_b ON export (lower("f"), LOWER( b ));\n'
            "DROP INDEX IF EXISTS uidx_b_f;\n"
        ),
        f"{FLYWAY}/V4__tighter.sql": "CREATE UNIQUE INDEX export_f ON export (LOWER(f));\n",
        f"{FLYWAY}/V5__sum.sql": "CREATE UNIQUE INDEX export_sum ON export (a + c);\n",
        f"{FLYWAY}/V6__renamed.sql": (
            "ALTER TABLE export RENAME COLUMN f TO filename;\n"
            "CREATE UNIQUE INDEX export_fn_b ON export (LOWER(b), LOWER(filename));\n"
        ),
        f"{FLYWAY}/V7__lower_b_c.sql": "CREATE UNIQUE INDEX export_b_c ON export (LOWER(b), c);\n",
    }
    config = git_repo.migrations_config(FLYWAY, "flyway", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [
        (f"{FLYWAY}/V2__key.sql", 1),
        (f"{FLYWAY}/V4__tighter.sql", 1),
        (f"{FLYWAY}/V5__sum.sql", 1),
        (f"{FLYWAY}/V7__lower_b_c.sql", 1),
    ]


def test_a_partial_key_over_the_operator_expressions_of_a_full_one_is_no_rg224(
    git_repo: Any,
) -> None:
    """koski V61 (round BN): a unique index over ``(oppija_oid, (data->'o'->>'oid'), …)``
    drawn again with ``WHERE mitatoity = false``, the full one dropped after it: looser.
    Another JSON key in the same place is another key."""
    files = {
        f"{FLYWAY}/V1__base.sql": "CREATE TABLE oo (id INT PRIMARY KEY, oid TEXT, data JSONB);\n",
        f"{FLYWAY}/V2__key.sql": (
            "create unique index oo_idx on oo(oid, (data->'o'->>'oid'), (data->>'lähde'));\n"
        ),
        f"{FLYWAY}/V3__partial.sql": (
            "create unique index if not exists oo_p on oo(oid, (data -> 'o' ->> 'oid'),"
            " (data->>'lähde')) where m = false;\n"
            "drop index oo_idx;\n"
        ),
        f"{FLYWAY}/V4__other.sql": "create unique index oo_t on oo(oid, (data->>'tyyppi'));\n",
    }
    config = git_repo.migrations_config(FLYWAY, "flyway", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [(f"{FLYWAY}/V2__key.sql", 1), (f"{FLYWAY}/V4__other.sql", 1)]


def test_a_key_over_a_column_an_expression_key_of_it_implies_is_no_rg224(git_repo: Any) -> None:
    """caseflow (round AK): ``t.index "upper((css_id)::text)", unique: true``, then a
    unique index on ``css_id``: equal ids have equal upper cases, so the old key already
    rejects every row the new one would. An expression of two columns implies nothing."""
    folder = "db/migrate"
    rb = _rails("6.0")

    files = {
        f"{folder}/20200318204112_init_schema.rb": rb(
            "InitSchema",
            '    create_table "users", force: :cascade do |t|\n'
            '      t.string "css_id", null: false\n      t.string "a"\n      t.string "b"\n'
            '      t.index "upper((css_id)::text)", name: "index_users_unique_css_id",'
            " unique: true\n"
            '      t.index "lower(a || b)", name: "index_users_ab", unique: true\n'
            "    end\n",
        ),
        f"{folder}/20210907174359_add_user_css_id_index.rb": rb(
            "AddUserCssIdIndex", "    add_index(:users, :css_id, unique: true)\n"
        ),
        f"{folder}/20210908000000_add_a_index.rb": rb(
            "AddAIndex", "    add_index :users, :a, unique: true\n"
        ),
    }
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [(f"{folder}/20210908000000_add_a_index.rb", 3)]


def _changelog(change_set: str, body: str) -> str:
    return (
        '<?xml version="1.1" encoding="UTF-8"?>\n'
        '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
        f'  <changeSet id="{change_set}" author="a">\n{body}  </changeSet>\n'
        "</databaseChangeLog>\n"
    )


def test_liquibase_keys_are_followed(git_repo: Any) -> None:
    """natural-history-collection-api (round AO): changelog 67 made ``unique_name`` over
    ``LOWER(name)`` in SQL; 131 drops it and makes a unique index over ``LOWER(name)`` and
    ``LOWER(_group)``: looser. A key over columns the old one did not hold stays, and so
    does one made after a ``<rollback>`` that only names the old key."""
    folder = "db/changelog"
    files = {
        f"{folder}/065-tables.xml": _changelog(
            "65", "    <sql>CREATE TABLE preparation_type (id int, name text, _group text);</sql>\n"
        ),
        f"{folder}/067-unique.xml": _changelog(
            "67",
            "    <sql>\n      CREATE UNIQUE index unique_name on preparation_type(LOWER(name));\n"
            "    </sql>\n",
        ),
        f"{folder}/131-group.xml": _changelog(
            "131",
            '    <dropIndex indexName="unique_name" tableName="preparation_type"/>\n'
            '    <createIndex indexName="preparation_type_name_group_unique"\n'
            '                 tableName="preparation_type" unique="true">\n'
            '      <column name="LOWER(name)"/>\n      <column name="LOWER(_group)"/>\n'
            "    </createIndex>\n"
            "    <rollback>\n"
            '      <createIndex indexName="unique_group" tableName="preparation_type"'
            ' unique="true">\n        <column name="_group"/>\n      </createIndex>\n'
            "    </rollback>\n",
        ),
        f"{folder}/132-group-only.xml": _changelog(
            "132",
            '    <addUniqueConstraint tableName="preparation_type" columnNames="_group"'
            ' constraintName="unique_group_only"/>\n',
        ),
    }
    config = git_repo.migrations_config(folder, "liquibase", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [
        (f"{folder}/067-unique.xml", 5),  # (a key on a table of an earlier release)
        (f"{folder}/132-group-only.xml", 4),
    ]


def test_a_liquibase_key_dropped_with_its_columns_and_drawn_again_is_no_rg224(
    git_repo: Any,
) -> None:
    """network-modification-server (round AP): Hibernate-generated changelogs named
    ``changelog_<timestamp>.xml`` drop ``UK_9lu63…`` (``uniqueColumns="variations_id"``) and
    add a key of another name over the same column: the same key; a key over a column no
    earlier key held stays. A key the table already had (``UC_…``, an earlier changelog)
    implies one over the same column drawn again."""
    folder = "src/main/resources/db/changelog/changesets"
    files = {
        f"{folder}/changelog_20230101T000000Z.xml": _changelog(
            "1",
            "    <sql>CREATE TABLE scaling (id int, variations_id int, other_id int);</sql>\n"
            '    <addUniqueConstraint columnNames="current_id" constraintName="UC_LIMITS"'
            ' tableName="limits"/>\n',
        ),
        f"{folder}/changelog_20230816T150718Z.xml": _changelog(
            "2",
            '    <dropUniqueConstraint constraintName="UK_9lu63p3qb820hkpqidugkg1w9"'
            ' tableName="scaling" uniqueColumns="variations_id"/>\n'
            '  </changeSet>\n  <changeSet id="2b" author="a">\n'
            '    <addUniqueConstraint columnNames="variations_id"'
            ' constraintName="scaling_variations_id_index" tableName="scaling"/>\n'
            '  </changeSet>\n  <changeSet id="2c" author="a">\n'
            '    <addUniqueConstraint columnNames="other_id"'
            ' constraintName="scaling_other_id_index" tableName="scaling"/>\n',
        ),
        f"{folder}/changelog_20251021T105347Z.xml": _changelog(
            "3",
            '    <addUniqueConstraint columnNames="current_id" constraintName="uc_limits_current"'
            ' tableName="limits"/>\n',
        ),
    }
    config = git_repo.migrations_config("src/main/resources/db/changelog", "liquibase", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    found = _rg224(git_repo.root)
    assert [(p.rsplit("/", 1)[1], line) for p, line in found] == [
        ("changelog_20230101T000000Z.xml", 5),  # (limits: a table of an earlier release)
        ("changelog_20230816T150718Z.xml", 10),
    ]


def test_a_rails_key_made_in_a_helper_after_the_down_step_is_followed(git_repo: Any) -> None:
    """support-api (round AQ): ``def up`` calls a helper written after ``def down``, and
    the helper makes the unique index on ``(content_item_id, organisation_id)``; years
    later a key over the same columns in the other order is the same key."""
    folder = "db/migrate"
    files = {
        f"{folder}/20150101000000_create.rb": "class Create < ActiveRecord::Migration[5.0]\n"
        "  def change\n    create_table :items_orgs do |t|\n      t.bigint :item_id\n"
        "      t.bigint :org_id\n      t.bigint :other_id\n    end\n  end\nend\n",
        f"{folder}/20150915134640_dedupe.rb": "class Dedupe < ActiveRecord::Migration[5.0]\n"
        "  def up\n    dedupe\n  end\n\n  def down\n"
        "    remove_index :items_orgs, name: :index_items_orgs_unique\n  end\n\n"
        "  def dedupe\n    add_index :items_orgs, %i[item_id org_id],"
        " name: :index_items_orgs_unique, unique: true\n  end\nend\n",
        f"{folder}/20260615132016_summary.rb": "class Summary < ActiveRecord::Migration[8.1]\n"
        "  def change\n    add_index :items_orgs, %i[org_id item_id], unique: true\n"
        "    add_index :items_orgs, %i[org_id other_id], unique: true\n  end\nend\n",
    }
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [
        (f"{folder}/20150915134640_dedupe.rb", 11),
        (f"{folder}/20260615132016_summary.rb", 4),
    ]


def test_a_key_over_a_column_renamed_in_one_changelog_is_the_same_key(git_repo: Any) -> None:
    """tolgee (round AQ): one ``schema.xml`` holds every release. A later release renames
    ``key.repository_id`` to ``project_id``, drops ``source_repository_id_name`` and draws
    it again over ``(project_id, name)``: the key an earlier release made over
    ``(repository_id, name)``, under the new name (the rename is the break, RG220). A key
    over ``name`` alone is new; so is one over ``(tag, name)`` where a release before
    dropped the key over ``tag`` (git blame dates the drop)."""
    folder = "src/main/resources/db/changelog"

    def cs(n: int, body: str) -> str:
        return f'  <changeSet id="{n}" author="a">\n    {body}\n  </changeSet>\n'

    def unique(columns: str, name: str) -> str:
        return (
            f'<addUniqueConstraint columnNames="{columns}" constraintName="{name}"'
            ' tableName="key"/>'
        )

    first = cs(1, '<createTable tableName="key"><column name="id" type="int"/>'
                  '<column name="repository_id" type="int"/><column name="name" type="text"/>'
                  '<column name="tag" type="text"/></createTable>')  # fmt: skip
    first += cs(2, unique("repository_id, name", "source_repository_id_name"))
    first += cs(3, unique("tag", "key_tag"))
    second = cs(4, '<dropUniqueConstraint constraintName="key_tag" tableName="key"/>')
    third = cs(5, '<renameColumn tableName="key" oldColumnName="repository_id"'
                  ' newColumnName="project_id"/>')  # fmt: skip
    third += cs(6, '<dropUniqueConstraint constraintName="source_repository_id_name"'
                   ' tableName="key"/>')  # fmt: skip
    third += cs(7, unique("project_id, name", "source_repository_id_name"))
    third += cs(8, unique("tag, name", "key_tag_name"))
    third += cs(9, unique("name", "key_name"))
    head = '<?xml version="1.0"?>\n<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns">\n'
    end = "</databaseChangeLog>\n"
    path = f"{folder}/schema.xml"
    config = git_repo.migrations_config(folder, "liquibase", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, path: head + first + end})
    git_repo.commit_each({path: head + first + second + end})
    git_repo.commit_each({path: head + first + second + third + end})
    lines = (head + first + second + third).splitlines()
    at = {n: i for i, t in enumerate(lines, 1) for n in ("key_name", "key_tag_name") if n in t}
    assert _rg224(git_repo.root) == [(path, at["key_tag_name"]), (path, at["key_name"])]


def test_sequelize_keys_are_followed(git_repo: Any) -> None:
    """izing.open.io (round AR): ``Contacts.number`` made ``unique: true`` with its table;
    a key over ``(number, tenantId)`` a year later is implied. A key over ``tenantId``
    alone is new, and so is one over ``number`` after the old key was removed by name."""
    folder = "src/database/migrations"

    def js(up: str) -> str:
        return (
            "module.exports = {\n  up: (queryInterface, Sequelize) => {\n"
            f"    return {up};\n  }},\n  down: () => Promise.resolve()\n}};\n"
        )

    files = {
        f"{folder}/20200717144403-create-contacts.js": js(
            'queryInterface.createTable("Contacts", {\n'
            "      id: { type: Sequelize.INTEGER, primaryKey: true },\n"
            "      number: { type: Sequelize.STRING, allowNull: false, unique: true },\n"
            "      tenantId: { type: Sequelize.INTEGER,\n"
            "        references: { model: 'Tenants', key: 'id' } }\n"
            "    })"
        ),
        f"{folder}/20201222035938-contact-number-tenant.js": js(
            'queryInterface.addConstraint("Contacts", ["number", "tenantId"], {\n'
            '      type: "unique", name: "unique_constraint_contact_number_tenant" })'
        ),
        f"{folder}/20201222035939-contact-tenant.js": js(
            'queryInterface.addIndex("Contacts", ["tenantId"], { unique: true })'
        ),
    }
    config = git_repo.migrations_config(folder, "sequelize", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert [p for p, _ in _rg224(git_repo.root)] == [f"{folder}/20201222035939-contact-tenant.js"]


def test_sequelize_files_run_in_the_order_of_their_names_as_text(git_repo: Any) -> None:
    """near-explorer (round CG): umzug sorts ``20190609122532-create-transaction.js``
    before ``20190802-01-add-indices.js`` (as text; as numbers the shorter would come
    first): the unique index over ``hash`` is implied by the primary key the table was
    made with, and only the one over ``height`` is new."""
    folder = "backend/migrations"

    def js(up: str) -> str:
        return (
            "module.exports = {\n  up: (queryInterface, Sequelize) => {\n"
            f"    return {up};\n  }},\n  down: () => Promise.resolve()\n}};\n"
        )

    create = js(
        'queryInterface.createTable("blocks", {\n'
        "      hash: { type: Sequelize.STRING, allowNull: false, primaryKey: true },\n"
        "      height: { type: Sequelize.BIGINT, allowNull: false }\n    })"
    )
    index = (
        "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n"
        '    await queryInterface.addIndex("blocks", {\n      fields: ["hash"],\n'
        "      unique: true\n    });\n\n"
        '    await queryInterface.addIndex("blocks", {\n      fields: ["height"],\n'
        "      unique: true\n    });\n  },\n  down: () => Promise.resolve()\n};\n"
    )
    files = {
        f"{folder}/20190609122531-create-block.js": create,
        f"{folder}/20190802-01-add-indices.js": index,
    }
    config = git_repo.migrations_config(folder, "sequelize", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    height = next(n for n, t in enumerate(index.splitlines(), 1) if "height" in t)
    assert _rg224(git_repo.root) == [(f"{folder}/20190802-01-add-indices.js", height - 1)]


def test_a_key_made_before_its_table_was_renamed_is_its_key(git_repo: Any) -> None:
    """odd-platform V0_0_58 (round BA): ``role_name_unique`` was made on ``role``, which a
    later file renamed ``title``; dropped by that name and drawn again on ``title`` with the
    same ``WHERE`` (its qualifier now the new name), it is the same key. The first file
    names no ``title``: the files are found through the rename."""
    files = {
        f"{FLYWAY}/V36__role.sql": (
            "CREATE TABLE role (id BIGINT PRIMARY KEY, name VARCHAR, is_deleted BOOLEAN);\n"
            "CREATE UNIQUE INDEX IF NOT EXISTS role_name_unique ON role (name)"
            " WHERE role.is_deleted IS FALSE;\n"
        ),
        f"{FLYWAY}/V53__rename.sql": "ALTER TABLE role RENAME TO title;\n",
        f"{FLYWAY}/V58__redraw.sql": (
            "DROP INDEX IF EXISTS role_name_unique;\n"
            "CREATE UNIQUE INDEX IF NOT EXISTS title_name_unique ON title (name)"
            " WHERE title.is_deleted IS FALSE;\n"
        ),
    }
    assert git_repo.history_paths("RG224", FLYWAY, "flyway", files) == []


@pytest.mark.parametrize(
    ("column", "finding"),
    [
        ("db_id SERIAL", False),
        ("db_id bigserial NOT NULL", False),
        ("db_id INT GENERATED ALWAYS AS IDENTITY", False),
        ("db_id INT GENERATED BY DEFAULT AS IDENTITY", True),  # code may write its own
        ("db_id INTEGER", True),
    ],
)
def test_a_unique_key_over_a_sequence_s_column_is_no_rg224(
    git_repo: Any, column: str, finding: bool
) -> None:
    """automate (round BB): ``db_id SERIAL``, made UNIQUE years later to become the
    primary key. The previous release leaves it to its sequence: no duplicate to reject."""
    files = {
        f"{FLYWAY}/V26__projects.sql": f"CREATE TABLE iam_projects (\n  {column},\n"
        "  id TEXT PRIMARY KEY,\n  name TEXT NOT NULL\n);\n",
        f"{FLYWAY}/V54__unique.sql": "ALTER TABLE iam_projects\n    ADD UNIQUE (db_id);\n",
    }
    config = git_repo.migrations_config(FLYWAY, "flyway", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == ([(f"{FLYWAY}/V54__unique.sql", 1)] if finding else [])


@pytest.mark.parametrize("with_git", [True, False])
def test_a_key_drawn_after_a_drop_if_exists_of_its_name_is_new_unless_it_existed(
    git_repo: Any, with_git: bool
) -> None:
    """water-abstraction-tactical-idm (round BE): ``DROP CONSTRAINT IF EXISTS
    user_name_unique`` and then ``ADD CONSTRAINT user_name_unique UNIQUE (user_name)``
    dropped nothing (no migration had made it): a new key. One an earlier migration made
    is re-drawn; on a table no migration made, the drop is taken to re-draw it."""
    files = {
        f"{FLYWAY}/V1__users.sql": (
            "CREATE TABLE users (id BIGINT PRIMARY KEY, user_name VARCHAR, handle VARCHAR,\n"
            "    email VARCHAR, CONSTRAINT users_email_unique UNIQUE (email));\n"
        ),
        f"{FLYWAY}/V2__new.sql": (
            "ALTER TABLE users DROP CONSTRAINT IF EXISTS user_name_unique;\n"
            "ALTER TABLE users ADD CONSTRAINT user_name_unique UNIQUE (user_name);\n"
        ),
        f"{FLYWAY}/V3__existed.sql": (
            "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_unique;\n"
            "ALTER TABLE users ADD CONSTRAINT users_email_unique UNIQUE (email);\n"
        ),
        f"{FLYWAY}/V4__unknown_table.sql": (
            "ALTER TABLE legacy DROP CONSTRAINT IF EXISTS legacy_code_unique;\n"
            "ALTER TABLE legacy ADD CONSTRAINT legacy_code_unique UNIQUE (code);\n"
        ),
        f"{FLYWAY}/V5__index.sql": (
            "DROP INDEX IF EXISTS users_handle_key;\n"
            "CREATE UNIQUE INDEX users_handle_key ON users (handle);\n"
        ),
    }
    found = _flyway_rg224(git_repo, files, with_git)
    assert sorted((f.path, f.line) for f in found) == [
        (f"{FLYWAY}/V2__new.sql", 2),
        (f"{FLYWAY}/V5__index.sql", 2),
    ]
    assert all("no earlier migration made it" in f.message for f in found)


def test_the_if_exists_note_is_the_sql_engine_s() -> None:
    """``redrawn`` finds the SQL engine's note by its text, without importing the engine."""
    from rollback_gate.checks.history import redrawn
    from rollback_gate.migrations.sqlengine import compat

    assert redrawn.IF_EXISTED == compat.IF_EXISTED


@pytest.mark.parametrize("one_release", [True, False])
def test_a_key_an_earlier_file_of_the_release_dropped_implies_a_looser_one(
    git_repo: Any, one_release: bool
) -> None:
    """caseflow-efolder (round BH): one commit drops the unique index on
    ``records.version_id`` in one file and draws ``(version_id, manifest_source_id)`` in
    the next: the previous release's rows obeyed the narrower key, so the new one rejects
    none of them. Shipped a release apart, the drop let duplicates in first: RG224."""
    folder = "db/migrate"

    def rails(stamp: str, body: str) -> dict[str, str]:
        return {
            f"{folder}/{stamp}_step{stamp[-2:]}.rb": f"class Step{stamp[-2:]} < "
            f"ActiveRecord::Migration[5.1]\n  def change\n{body}  end\nend\n"
        }

    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({
        "deploy-readiness.yml": config,
        **rails("20180101000001", "    create_table :records do |t|\n"
                "      t.string :version_id\n      t.bigint :manifest_source_id\n    end\n"),
        **rails("20180101000002", "    add_index :records, :version_id, unique: true\n"),
    })  # fmt: skip
    drop = rails("20180412192820", "    remove_index :records, column: :version_id\n")
    looser = rails(
        "20180412192848",
        "    add_index :records, [:version_id, :manifest_source_id], unique: true\n",
    )
    if one_release:
        git_repo.commit("one pull request", {**drop, **looser})
    else:
        git_repo.commit_each({**drop, **looser})
    first = (f"{folder}/20180101000002_step02.rb", 3)  # (a key on an existing table)
    expected = [first] if one_release else [first, (f"{folder}/20180412192848_step48.rb", 3)]
    assert _rg224(git_repo.root) == expected


@pytest.mark.parametrize("keyed_first", [True, False])
def test_liquibase_changelogs_named_in_no_order_are_followed_as_included(
    git_repo: Any, keyed_first: bool
) -> None:
    """dgc-gateway (round BH): the master includes ``add-validation-rule-table.xml`` (the
    table and its key ``(version, rule_id)``) before ``add-revocation-batch-table.xml``,
    which adds ``(rule_id, version)`` again: implied. Names that tell no order are read in
    the master's order (here against the alphabet)."""
    folder = "db/changelog"
    key = '    <addUniqueConstraint tableName="rule" columnNames="version, rule_id"/>\n'
    files = {
        f"{folder}/db.changelog-master.xml": (
            '<?xml version="1.1" encoding="UTF-8"?>\n'
            '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
            '  <include file="z-rule-table.xml" relativeToChangelogFile="true"/>\n'
            '  <include file="a-batch-table.xml" relativeToChangelogFile="true"/>\n'
            "</databaseChangeLog>\n"
        ),
        f"{folder}/z-rule-table.xml": _changelog(
            "1",
            '    <createTable tableName="rule">\n'
            '      <column name="id" type="BIGINT"/>\n'
            '      <column name="rule_id" type="VARCHAR(100)"/>\n'
            '      <column name="version" type="VARCHAR(30)"/>\n'
            "    </createTable>\n" + (key if keyed_first else ""),
        ),
        f"{folder}/a-batch-table.xml": _changelog(
            "2",
            '    <addUniqueConstraint columnNames="rule_id, version" constraintName="uc_rule"'
            ' tableName="rule"/>\n',
        ),
    }
    config = git_repo.migrations_config(folder, "liquibase", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    expected = [] if keyed_first else [(f"{folder}/a-batch-table.xml", 4)]
    assert _rg224(git_repo.root) == expected


@pytest.mark.parametrize("renamed", [True, False])
def test_ecto_table_renames_are_followed(git_repo: Any, renamed: bool) -> None:
    """vutuv (round BI): the unique index made on ``competences``, the table renamed
    ``user_skills``, the index dropped by its old name and drawn again over the same
    columns: an index renamed, no new key. Without the rename the key was on another
    table: RG224."""
    folder = "priv/repo/migrations"

    def exs(stamp: str, body: str) -> dict[str, str]:
        return {
            f"{folder}/{stamp}_m{stamp[-2:]}.exs": f"defmodule Repo.Migrations.M{stamp[-2:]} do\n"
            f"  use Ecto.Migration\n\n  def change do\n{body}  end\nend\n"
        }

    new = "user_skills" if renamed else "user_skill_links"
    files = {
        **exs("20160718104700", "    create table(:competences) do\n      add :user_id, :integer\n"
              "      add :skill_id, :integer\n    end\n"),
        **exs("20160720153312",
              "    create index(:competences, [:user_id, :skill_id], unique: true)\n"),
        **exs("20160720175213", "    rename table(:competences), to: table(:user_skills)\n"),
        **exs("20160804132327",
              f"    drop index(:{new}, [:user_id, :skill_id],"
              " name: :competences_user_id_skill_id_index)\n"
              f"    create index(:{new}, [:user_id, :skill_id], unique: true)\n"),
    }  # fmt: skip
    config = git_repo.migrations_config(folder, "ecto", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    found = [p for p, _ in _rg224(git_repo.root)]
    assert (f"{folder}/20160804132327_m27.exs" in found) is not renamed


@pytest.mark.parametrize("with_git", [True, False])
def test_a_unique_index_redrawn_under_its_name_over_an_expression_is_judged_by_the_old_key(
    git_repo: Any, with_git: bool
) -> None:
    """dogehouse (round BQ: a miss): ``users_username_index``, made over ``username``,
    dropped and drawn again under its name over ``lower(username)`` refuses ``Ben`` beside
    ``ben``: tighter. One drawn again over the expression it already had, or one whose old
    key no migration shows, is re-drawn, no finding."""
    files = {
        f"{FLYWAY}/V1__users.sql": (
            "CREATE TABLE users (id BIGINT PRIMARY KEY, username TEXT, email TEXT, code TEXT);\n"
            "CREATE UNIQUE INDEX users_username_index ON users (username);\n"
            "CREATE UNIQUE INDEX users_email_index ON users (lower(email));\n"
        ),
        f"{FLYWAY}/V2__lower.sql": (
            "DROP INDEX users_username_index;\n"
            "CREATE UNIQUE INDEX users_username_index ON users (lower(username));\n"
        ),
        f"{FLYWAY}/V3__same.sql": (
            "DROP INDEX users_email_index;\n"
            "CREATE UNIQUE INDEX users_email_index ON users (lower(email));\n"
        ),
        f"{FLYWAY}/V4__unseen.sql": (
            "DROP INDEX users_code_index;\n"
            "CREATE UNIQUE INDEX users_code_index ON users (lower(code));\n"
        ),
        # tiltakspenger (round BL): over a JSON path the data moved to, not the old
        # column's values folded: not known to be tighter
        f"{FLYWAY}/V5__moved.sql": (
            "DROP INDEX users_email_index;\n"
            "CREATE UNIQUE INDEX users_email_index ON users ((data -> 'emails' ->> 0));\n"
        ),
    }
    found = _flyway_rg224(git_repo, files, with_git)
    assert [(f.path, f.line) for f in found] == [(f"{FLYWAY}/V2__lower.sql", 2)]
    assert "over (lower(username)), where the key it replaces was over (username)" in (
        found[0].message
    )


def test_the_expression_note_is_the_sql_engine_s() -> None:
    from rollback_gate.checks.history import redrawn
    from rollback_gate.migrations.sqlengine import compat

    assert redrawn.EXPRESSION == compat.EXPRESSION


@pytest.mark.parametrize("with_git", [True, False])
def test_a_key_a_table_is_rebuilt_with_is_judged_by_the_keys_it_had(
    git_repo: Any, with_git: bool
) -> None:
    """bitcoin-s (round BO: a miss): SQLite rebuilds ``wallet_address_tags`` (copied aside,
    dropped, made again, copied back) with the primary key ``(address, tag_type)``, which
    its ``id`` key did not imply: a second tag of a type on an address is refused. Rebuilt
    with the key it had (Prisma's ``new_T`` renamed into place), over a column the rebuild
    adds, or a table no earlier migration made: no finding."""
    files = {
        f"{FLYWAY}/V1__base.sql": (
            'CREATE TABLE "tags" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
            '    "address" TEXT NOT NULL, "tag_name" TEXT NOT NULL, "tag_type" TEXT NOT NULL);\n'
            'CREATE TABLE "User" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT NOT NULL);\n'
        ),
        f"{FLYWAY}/V2__tag_pk.sql": (
            'CREATE TABLE "tags_temp" ("address" TEXT NOT NULL, "tag_name" TEXT NOT NULL,\n'
            '    "tag_type" TEXT NOT NULL);\n'
            'INSERT INTO "tags_temp" SELECT "address", "tag_name", "tag_type" FROM "tags";\n'
            'DROP TABLE "tags";\n'
            'CREATE TABLE "tags" ("address" TEXT NOT NULL, "tag_name" TEXT NOT NULL,\n'
            '    "tag_type" TEXT NOT NULL,\n'
            '    constraint "pk_tags" primary key ("address", "tag_type"));\n'
            'INSERT INTO "tags" SELECT "address", "tag_name", "tag_type" FROM "tags_temp";\n'
            'DROP TABLE "tags_temp";\n'
        ),
        f"{FLYWAY}/V3__prisma_same_key.sql": (
            "PRAGMA foreign_keys=OFF;\n"
            'CREATE TABLE "new_User" ("id" TEXT NOT NULL PRIMARY KEY, "email" TEXT,\n'
            "    \"slug\" TEXT NOT NULL DEFAULT '' UNIQUE);\n"
            'INSERT INTO "new_User" ("id", "email") SELECT "id", "email" FROM "User";\n'
            'DROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";\n'
            "PRAGMA foreign_keys=ON;\n"
        ),
        f"{FLYWAY}/V4__prisma_new_key.sql": (
            'CREATE TABLE "new_User" ("id" TEXT NOT NULL, "email" TEXT, "slug" TEXT NOT NULL,\n'
            '    PRIMARY KEY ("email"));\n'
            'INSERT INTO "new_User" ("id", "email", "slug") SELECT "id", "email", "slug"\n'
            '    FROM "User";\n'
            'DROP TABLE "User";\nALTER TABLE "new_User" RENAME TO "User";\n'
        ),
        f"{FLYWAY}/V5__unknown.sql": (
            'CREATE TABLE "new_legacy" ("code" TEXT NOT NULL PRIMARY KEY);\n'
            'INSERT INTO "new_legacy" ("code") SELECT "code" FROM "legacy";\n'
            'DROP TABLE "legacy";\nALTER TABLE "new_legacy" RENAME TO "legacy";\n'
        ),
    }
    found = _flyway_rg224(git_repo, files, with_git)
    assert sorted((f.path, f.line) for f in found) == [
        (f"{FLYWAY}/V2__tag_pk.sql", 5),
        (f"{FLYWAY}/V4__prisma_new_key.sql", 1),
    ]
    said = {f.path: f.message for f in found}
    assert (
        "rebuilds the table with the key (address, tag_type), which none of the keys it had "
        "implies: (id)"
    ) in said[f"{FLYWAY}/V2__tag_pk.sql"]
    assert (
        "PRIMARY KEY constraint to existing table user"
        in (said[f"{FLYWAY}/V4__prisma_new_key.sql"])
    )


@pytest.mark.parametrize("with_git", [True, False])
def test_a_second_rebuild_knows_the_first_renamed_the_key_s_column(
    git_repo: Any, with_git: bool
) -> None:
    """fdm-monster (round BW): TypeORM rebuilds `floor` twice in one step, the first time
    copying `floor` into `order` under `UNIQUE ("order")`; the second rebuild's
    `UNIQUE ("order")` is the key the first carried across, no new one."""
    rebuild = (
        'CREATE TABLE "temporary_floor" ("id" integer PRIMARY KEY NOT NULL,\n'
        '    "order" integer NOT NULL, CONSTRAINT "UQ_1" UNIQUE ("order"));\n'
        'INSERT INTO "temporary_floor"("id", "order") SELECT "id", "{col}" FROM "floor";\n'
        'DROP TABLE "floor";\nALTER TABLE "temporary_floor" RENAME TO "floor";\n'
    )
    files = {
        f"{FLYWAY}/V1__base.sql": (
            'CREATE TABLE "floor" ("id" integer PRIMARY KEY NOT NULL,\n'
            '    "floor" integer NOT NULL, CONSTRAINT "UQ_0" UNIQUE ("floor"));\n'
        ),
        f"{FLYWAY}/V2__order.sql": rebuild.format(col="floor") + rebuild.format(col="order"),
    }
    assert _flyway_rg224(git_repo, files, with_git) == []


def test_the_rebuilt_note_is_the_sql_engine_s() -> None:
    from rollback_gate.checks.history import redrawn
    from rollback_gate.migrations.sqlengine import compat

    assert redrawn.REBUILT == compat.REBUILT


@pytest.mark.parametrize(
    ("key", "reported"), [("image_id, version", False), ("name, version", True)]
)
def test_a_table_rebuilt_with_a_key_over_columns_it_never_had_is_no_rg224(
    git_repo: Any, key: str, reported: bool
) -> None:
    """gitness' 0072 (round BX, two): ``artifacts`` rebuilt through ``artifacts_temp`` with
    ``UNIQUE (image_id, version)``, columns the table never had: the previous release
    writes neither. A key over a column it had is judged as before."""
    files = {
        f"{FLYWAY}/V1__base.sql": (
            "CREATE TABLE artifacts (id SERIAL PRIMARY KEY, name TEXT NOT NULL,\n"
            "    registry_id INTEGER NOT NULL, CONSTRAINT u_name UNIQUE (registry_id, name));\n"
        ),
        f"{FLYWAY}/V2__rebuild.sql": (
            "CREATE TABLE artifacts_temp (id SERIAL PRIMARY KEY, name TEXT,\n"
            "    version TEXT NOT NULL, image_id INTEGER NOT NULL,\n"
            f"    CONSTRAINT u_version UNIQUE ({key}));\n"
            "INSERT INTO artifacts_temp (id, name, version, image_id)\n"
            "    SELECT a.id, a.name, a.name, a.registry_id FROM artifacts a;\n"
            "DROP TABLE artifacts;\nALTER TABLE artifacts_temp RENAME TO artifacts;\n"
        ),
    }
    found = _flyway_rg224(git_repo, files, True)
    assert bool(found) is reported, found


def test_laravel_keys_are_followed(git_repo: Any) -> None:
    """simutrans-portal (round CA): ``$t->unique([...], 'uk_x')`` over the columns of a key
    the table was made with, in another order or under another name, is implied; so is
    one over a column made ``->unique()`` or the primary key (``$t->id()``). After
    ``dropUnique`` (by columns or by name), a table renamed or a column dropped, a key is
    new."""
    folder = "database/migrations"

    def laravel(name: str, how: str, table: str, body: str) -> dict[str, str]:
        return {
            f"{folder}/{name}.php": "<?php\n\nuse Illuminate\\Database\\Migrations\\Migration;\n"
            "use Illuminate\\Database\\Schema\\Blueprint;\n"
            "use Illuminate\\Support\\Facades\\Schema;\n\n"
            "return new class extends Migration\n{\n    public function up(): void\n    {\n"
            f"        Schema::{how}('{table}', function (Blueprint $t) {{\n{body}"
            "        });\n    }\n\n    public function down(): void\n    {\n"
            f"        Schema::dropIfExists('{table}_x');\n    }}\n}};\n"
        }

    files = {
        **laravel(
            "2020_01_01_000000_create_counts",
            "create",
            "view_counts",
            "            $t->id();\n            $t->unsignedBigInteger('article_id');\n"
            "            $t->string('type');\n            $t->string('period');\n"
            "            $t->string('slug')->unique();\n"
            "            $t->unique(['article_id', 'type', 'period']);\n",
        ),
        # implied: the same columns in another order, under a name; the slug; the id
        **laravel(
            "2020_02_01_000000_same_key",
            "table",
            "view_counts",
            "            $t->unique(['type', 'period', 'article_id'], 'uk_x');\n",
        ),
        **laravel(
            "2020_03_01_000000_slug_key",
            "table",
            "view_counts",
            "            $t->unique(['slug', 'type']);\n            $t->unique(['id', 'type']);\n",
        ),
        # new: the key dropped by its columns first, then a key over some of them
        **laravel(
            "2020_04_01_000000_drop_key",
            "table",
            "view_counts",
            "            $t->dropUnique(['article_id', 'type', 'period']);\n"
            "            $t->dropUnique('uk_x');\n",
        ),
        **laravel(
            "2020_05_01_000000_new_key",
            "table",
            "view_counts",
            "            $t->unique(['article_id', 'type', 'period']);\n",
        ),
        # new: the slug's column dropped and made again
        **laravel(
            "2020_06_01_000000_slug_gone",
            "table",
            "view_counts",
            "            $t->dropColumn('slug');\n            $t->string('slug')->nullable();\n",
        ),
        **laravel(
            "2020_07_01_000000_slug_again",
            "table",
            "view_counts",
            "            $t->unique(['slug', 'period']);\n",
        ),
    }
    config = git_repo.migrations_config(folder, "laravel", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [
        (f"{folder}/2020_05_01_000000_new_key.php", 12),
        (f"{folder}/2020_07_01_000000_slug_again.php", 12),
    ]


def test_a_key_in_a_template_with_escaped_backquotes_is_read() -> None:
    """popo-nest-api (round CL): TypeORM's MySQL statements name tables in backquotes,
    escaped in the JavaScript template (``\\`nickname\\```); the key and its line are read
    as in plain SQL, and ``"a, lower(b)"`` in a Rails index as SQL's items (OpenSplitTime,
    round CK)."""
    from rollback_gate.checks.history.redrawn import key_made

    text = (
        "export class Step implements MigrationInterface {\n"
        "  public async up(q: QueryRunner): Promise<void> {\n"
        "    await q.query(`CREATE UNIQUE INDEX \\`IDX_1\\` ON \\`fcm_key\\` "
        "(\\`user_uuid\\`, \\`push_key\\`)`);\n  }\n}\n"
    )
    assert key_made(text, 3, "fcm_key") == ("user_uuid", "push_key")
    rails = '    add_index :courses, "organization_id, lower(name)", unique: true\n'
    assert key_made(rails, 1, "courses") == ("organization_id", "lower(name)")


@pytest.mark.parametrize(
    ("added", "reported"),
    [
        # datalens-us (round CQ): the key column added as the table's primary key
        ("ALTER TABLE entries ADD COLUMN entry_id BIGINT NOT NULL PRIMARY KEY;", False),
        ("ALTER TABLE entries ADD COLUMN IF NOT EXISTS entry_id bigint UNIQUE;", False),
        (
            "ALTER TABLE entries ADD COLUMN note text, ADD COLUMN entry_id bigint PRIMARY KEY;",
            False,
        ),
        # … added as no key: the new key may refuse rows
        ("ALTER TABLE entries ADD COLUMN entry_id BIGINT NOT NULL;", True),
    ],
    ids=["primary", "unique", "second-action", "no-key"],
)
def test_a_key_over_a_column_added_as_a_key_is_no_rg224(
    git_repo: Any, added: str, reported: bool
) -> None:
    files = {
        f"{FLYWAY}/V1__entries.sql": "CREATE TABLE entries (tenant_id text, name text);\n",
        f"{FLYWAY}/V2__entry_id.sql": added + "\n",
        f"{FLYWAY}/V3__key.sql": (
            "ALTER TABLE entries ADD CONSTRAINT uq UNIQUE (entry_id, tenant_id);\n"
        ),
    }
    assert bool(_flyway_rg224(git_repo, files, with_git=True)) is reported


def test_a_change_s_key_over_a_column_the_base_added_as_its_primary_key_is_none(
    git_repo: Any,
) -> None:
    """datalens-us (round CQ), as a change: the base added `entry_id` as the table's
    primary key, inline; the change's key over it and another column refuses no row."""
    home = "db/migrations"
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": git_repo.migrations_config(home, "golang-migrate"),
            f"{home}/000001_a.up.sql": "CREATE TABLE entries (tenant_id text, name text);\n",
            f"{home}/000001_a.down.sql": "DROP TABLE entries;\n",
            f"{home}/000002_b.up.sql": "ALTER TABLE entries ADD COLUMN entry_id BIGINT"
            " NOT NULL PRIMARY KEY;\n",
            f"{home}/000002_b.down.sql": "ALTER TABLE entries DROP COLUMN entry_id;\n",
            "src/q.js": 'const q = "INSERT INTO entries (entry_id, tenant_id) VALUES ($1, $2)"\n',
        }
    )
    git_repo.commit(
        "pr",
        {
            f"{home}/000003_c.up.sql": "CREATE UNIQUE INDEX uq ON entries (entry_id, tenant_id);\n",
            f"{home}/000003_c.down.sql": "DROP INDEX uq;\n",
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    assert [f for f in engine.check(ctx) if f.rule == "RG224"] == []
