"""RG222 and an Alembic ``nullable=False`` restated over a column an earlier revision left
NOT NULL (octavia, fides: round N), followed through the revision graph, not file names."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

VERSIONS = "alembic/versions"


def _revision(rev: str, parent: str | None, body: str) -> dict[str, str]:
    down = "None" if parent is None else repr(parent)
    return {
        f"{VERSIONS}/{rev}_step.py": "import sqlalchemy as sa\nfrom alembic import op\n\n"
        f"revision = {rev!r}\ndown_revision = {down}\n\n\n"
        f"def upgrade():\n{body}\n\ndef downgrade():\n    op.execute('SELECT 1')\n"
    }


# Names sort against the graph: "f…" is the root, "a…" its child, so order by name is wrong.
HISTORY = {
    **_revision(
        "f00d",
        None,
        "    op.create_table('sni', sa.Column('id', sa.Integer, primary_key=True),\n"
        "        sa.Column('container', sa.String(36), nullable=False),\n"
        "        sa.Column('kind', sa.Integer, nullable=False),\n"
        "        sa.Column('size', sa.Integer, nullable=False),\n"
        "        sa.Column('note', sa.String(36)))\n"
        "    op.create_table('pool', sa.Column('algo', sa.String(36)),\n"
        "        sa.PrimaryKeyConstraint('algo'))\n"
        "    op.create_table('member', sa.Column('weight', sa.Integer, nullable=False))\n"
        "    op.create_table('old_name', sa.Column('flag', sa.Boolean, nullable=False))\n",
    ),
    **_revision(
        "e00d",
        "f00d",
        "    op.alter_column('member', 'weight', existing_type=sa.Integer, nullable=True)\n"
        # a type change without existing_nullable=False: MySQL's MODIFY frees it (quay)
        "    op.alter_column('sni', 'kind', existing_type=sa.Integer, type_=sa.BigInteger)\n"
        "    op.alter_column('sni', 'size', existing_type=sa.Integer, type_=sa.BigInteger,\n"
        "                    existing_nullable=False)\n"
        "    op.rename_table('old_name', 'new_name')\n"
        "    op.drop_column('sni', 'note')\n"
        "    op.add_column('sni', sa.Column('note', sa.Text()))\n",
    ),
    **_revision(
        "a00d",
        "e00d",
        # restated: created NOT NULL in f00d (a primary key for pool.algo), kept under the
        # table's new name
        "    op.alter_column('sni', 'container', type_=sa.String(128), nullable=False)\n"
        "    with op.batch_alter_table('pool') as batch_op:\n"
        "        batch_op.alter_column('algo', type_=sa.String(255), nullable=False)\n"
        "    op.alter_column('new_name', 'flag', nullable=False)\n"
        # new: freed in e00d; re-created nullable in e00d; never NOT NULL
        "    op.alter_column('member', 'weight', nullable=False)\n"
        "    op.alter_column('sni', 'note', nullable=False)\n"
        "    op.alter_column('sni', 'id', nullable=False)\n"
        "    op.alter_column('sni', 'kind', nullable=False)\n"
        "    op.alter_column('sni', 'size', nullable=False)\n",
    ),
}


def _rg222(ctx: Any) -> list[str]:
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    return sorted(k.split(":set_required:")[1].split(":")[0] for f in found
                  for k in (f.key, *(r.key for r in f.related)))  # fmt: skip


def _history(git_repo: Any, files: dict[str, str], scope: str = "all") -> str:
    """Each revision in a commit of its own (files one commit adds are one release), the
    last commit's id."""
    config = git_repo.migrations_config(VERSIONS, "alembic", scope=scope)
    last = git_repo.commit("config", {"deploy-readiness.yml": config})
    for path, text in files.items():
        last = git_repo.commit(path, {path: text})
    return str(last)


def test_not_null_restated_over_an_earlier_revisions_not_null_is_no_rg222(git_repo: Any) -> None:
    _history(git_repo, HISTORY)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert _rg222(ctx) == ["member.weight", "sni.kind", "sni.note"]


def test_a_changed_revision_is_judged_against_the_whole_history(git_repo: Any) -> None:
    head = "a00d_step.py"
    earlier = {k: v for k, v in HISTORY.items() if not k.endswith(head)}
    base = _history(git_repo, earlier, scope="changed")
    git_repo.commit("change", {k: v for k, v in HISTORY.items() if k.endswith(head)})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    assert _rg222(ctx) == ["member.weight", "sni.kind", "sni.note"]


def test_a_sibling_branch_is_no_ancestor(git_repo: Any) -> None:
    """zou (round F): a squashed root creates the column NOT NULL beside the legacy chain
    that made it nullable; the legacy revision's NOT NULL is judged by its own ancestors
    (the squash sorts between them in the graph's order)."""
    files = {
        **_revision("aaaa", None, "    op.create_table('person', sa.Column('kind', sa.Text))\n"),
        **_revision(
            "abzz", None,
            "    op.create_table('person', sa.Column('kind', sa.String(9), nullable=False))\n",
        ),
        **_revision("bbbb", "aaaa", "    op.alter_column('person', 'kind', nullable=False)\n"),
    }  # fmt: skip
    _history(git_repo, files)
    assert _rg222(prepare(CheckOptions(repo=git_repo.root))) == ["person.kind"]


def test_a_table_of_another_schema_is_another_table(git_repo: Any) -> None:
    """indico (round L): ``users.tokens.scopes`` created NOT NULL says nothing of
    ``oauth.tokens.scopes``."""
    files = {
        **_revision(
            "a1", None,
            "    op.create_table('tokens', sa.Column('scopes', sa.Text, nullable=False),\n"
            "                    schema='users')\n",
        ),
        **_revision(
            "b2", "a1",
            "    op.alter_column('tokens', 'scopes', nullable=False, schema='oauth')\n"
            "    op.alter_column('tokens', 'scopes', nullable=False, schema='users')\n",
        ),
    }  # fmt: skip
    _history(git_repo, files)
    assert _rg222(prepare(CheckOptions(repo=git_repo.root))) == ["oauth.tokens.scopes"]


def test_tables_an_upgrade_helper_creates_are_history(git_repo: Any) -> None:
    """keep (round Q): the first revision's ``upgrade()`` calls ``_upgrade()``, which creates
    every table; a later ``nullable=False`` on its NOT NULL column restates it."""
    root = _revision("b00d", None, "    _upgrade()\n")
    path = f"{VERSIONS}/b00d_step.py"
    root[path] = root[path].replace(
        "def upgrade():",
        "def _upgrade():\n"
        "    with op.batch_alter_table('workflow') as batch_op:\n"
        "        batch_op.execute('SELECT 1')\n"
        "    op.create_table('workflow', sa.Column('last_updated', sa.DateTime, nullable=False),\n"
        "        sa.Column('note', sa.Text))\n\n\n"
        "def upgrade():",
    )
    later = _revision(
        "c00d", "b00d",
        "    with op.batch_alter_table('workflow') as batch_op:\n"
        "        batch_op.alter_column('last_updated', existing_type=sa.DateTime,\n"
        "                              nullable=False)\n"
        "        batch_op.alter_column('note', existing_type=sa.Text, nullable=False)\n",
    )  # fmt: skip
    _history(git_repo, {**root, **later})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert _rg222(ctx) == ["workflow.note"]


def test_an_earlier_revision_with_its_own_rg222_is_history(git_repo: Any) -> None:
    """prefect (round S): the data migration sets ``work_pool_id`` NOT NULL (a finding of
    its own); the clean-up revision after it restates ``nullable=False`` in batch mode."""
    files = {
        **_revision("a1", None, "    op.create_table('work_queue', sa.Column('pool', sa.Text))\n"),
        **_revision(
            "b2", "a1",
            "    with op.batch_alter_table('work_queue') as batch_op:\n"
            "        batch_op.alter_column('pool', nullable=False)\n",
        ),
        **_revision(
            "c3", "b2",
            "    with op.batch_alter_table('work_queue') as batch_op:\n"
            "        batch_op.alter_column('pool', existing_type=sa.Text, nullable=False)\n",
        ),
    }  # fmt: skip
    _history(git_repo, files)
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG222"
    ]
    assert [f.path.rsplit("/", 1)[-1] for f in found if f.path] == ["b2_step.py"]


PRISMA = "prisma/migrations"
SQL_HISTORY = {
    f"{PRISMA}/20230706201223_add_evaluations/migration.sql": (
        'CREATE TABLE "Evaluation" (\n    "id" UUID NOT NULL,\n    "name" TEXT NOT NULL,\n'
        '    "matchString" TEXT NOT NULL,\n    "note" TEXT,\n    "kind" TEXT NOT NULL,\n'
        '    "code" TEXT,\n    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")\n);\n'
    ),
    f"{PRISMA}/20230710000000_free_kind/migration.sql": (
        'ALTER TABLE "Evaluation" ALTER COLUMN "kind" DROP NOT NULL;\n'
        'ALTER TABLE "Evaluation" ADD COLUMN "weight" INTEGER NOT NULL DEFAULT 1;\n'
    ),
    # OpenPipe (round AK): NOT NULL columns renamed, then NOT NULL set on the new names
    f"{PRISMA}/20230717203031_add_gpt4_eval/migration.sql": (
        'ALTER TABLE "Evaluation" RENAME COLUMN "matchString" TO "value";\n'
        'ALTER TABLE "Evaluation" RENAME COLUMN "name" TO "label";\n'
        'ALTER TABLE "Evaluation" ALTER COLUMN "label" SET NOT NULL;\n'
        'ALTER TABLE "Evaluation" ALTER COLUMN "value" SET NOT NULL;\n'
        'ALTER TABLE "Evaluation" ALTER COLUMN "id" SET NOT NULL;\n'
        'ALTER TABLE "Evaluation" ALTER COLUMN "weight" SET NOT NULL;\n'
        # nullable before: each a break
        'ALTER TABLE "Evaluation" ALTER COLUMN "note" SET NOT NULL;\n'
        'ALTER TABLE "Evaluation" ALTER COLUMN "kind" SET NOT NULL;\n'
    ),
}


def test_sql_not_null_over_a_column_an_earlier_file_left_not_null_is_no_rg222(
    git_repo: Any,
) -> None:
    config = git_repo.migrations_config(PRISMA, "prisma", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **SQL_HISTORY})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert _rg222(ctx) == ["evaluation.kind", "evaluation.note"]


GO = "db/migrations"


def test_sql_tables_named_with_their_schema_are_followed(git_repo: Any) -> None:
    files = {
        f"{GO}/000001_users.up.sql": (
            "CREATE TABLE public.users (id INT PRIMARY KEY, name TEXT NOT NULL, nick TEXT);\n"
        ),
        f"{GO}/000001_users.down.sql": "DROP TABLE public.users;\n",
        f"{GO}/000002_required.up.sql": (
            "ALTER TABLE ONLY public.users ALTER COLUMN name SET NOT NULL;\n"
            'ALTER TABLE "public"."users" ALTER COLUMN nick SET NOT NULL;\n'
        ),
        f"{GO}/000002_required.down.sql": "SELECT 1;\n",
    }
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert _rg222(ctx) == ["public.users.nick"]


def _typeorm(name: str, *up: str) -> str:
    queries = "".join(f"        await queryRunner.query(`{q}`);\n" for q in up)
    return (
        'import { MigrationInterface, QueryRunner } from "typeorm";\n\n'
        f"export class {name} implements MigrationInterface {{\n"
        f"    public async up(queryRunner: QueryRunner): Promise<void> {{\n{queries}    }}\n\n"
        "    public async down(queryRunner: QueryRunner): Promise<void> {\n"
        '        await queryRunner.query(`ALTER TABLE "sessions" DROP COLUMN "x"`);\n'
        "    }\n}\n"
    )


def test_a_not_null_the_release_takes_off_and_puts_back_is_no_rg222(git_repo: Any) -> None:
    """retro-board (round AU): one TypeORM migration of a pull request drops the NOT NULL
    that `created_by_id` had since 2020, the next sets it again: the previous release ran
    with it NOT NULL, so it never wrote NULL there. A TypeORM migration's SQL is read from
    its `queryRunner.query(…)` strings."""
    folder = "backend/src/db/migrations"
    config = git_repo.migrations_config(folder, "typeorm", scope="all")
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            f"{folder}/1583055056512-Init.ts": _typeorm(
                "Init1583055056512",
                'CREATE TABLE "sessions" ("id" uuid NOT NULL, "created_by_id" uuid NOT NULL, '
                '"note" text)',
            ),
        },
    )
    git_repo.commit(
        "moderator",
        {
            f"{folder}/1689787951867-Free.ts": _typeorm(
                "Free1689787951867",
                'ALTER TABLE "sessions" ALTER COLUMN "created_by_id" DROP NOT NULL',
            ),
            f"{folder}/1695539888278-Back.ts": _typeorm(
                "Back1695539888278",
                'ALTER TABLE "sessions" ALTER COLUMN "created_by_id" SET NOT NULL',
                'ALTER TABLE "sessions" ALTER COLUMN "note" SET NOT NULL',
            ),
        },
    )
    git_repo.commit("later", {"README.md": "x\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base="HEAD~1"))
    assert _rg222(ctx) == ["sessions.note"]


@pytest.mark.parametrize(
    ("made", "kept"),
    [
        ('"verified" boolean NOT NULL DEFAULT false', []),  # (NOT NULL already: restated)
        ('"verified" boolean DEFAULT false', []),  # the default fills what TypeORM leaves out
        ('"verified" boolean', ["verification.verified"]),
        ('"verified" boolean DEFAULT NULL', ["verification.verified"]),
    ],
)
def test_not_null_on_a_column_an_earlier_file_gave_a_default(
    git_repo: Any, made: str, kept: list[str]
) -> None:
    """socio-crypto-server (round AY): `DEFAULT false` in the CREATE TABLE of an earlier
    release, then SET NOT NULL: TypeORM, Sequelize, Knex and db-migrate's apps insert only
    what a record sets, and the database gives the rest its default."""
    folder = "src/migrations"
    config = git_repo.migrations_config(folder, "typeorm", scope="all")
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            f"{folder}/1637677231083-Verification.ts": _typeorm(
                "Verification1637677231083", f'CREATE TABLE "verification" ("id" uuid, {made})'
            ),
        },
    )
    git_repo.commit(
        "auth",
        {
            f"{folder}/1640353892412-Auth.ts": _typeorm(
                "Auth1640353892412",
                'ALTER TABLE "verification" ALTER COLUMN "verified" SET NOT NULL',
            ),
        },
    )
    git_repo.commit("later", {"README.md": "x\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base="HEAD~1"))
    assert _rg222(ctx) == kept


_KNEX_MADE = """exports.up = (knex) =>
  knex.schema.createTable("codings", (table) => {
    table.increments("id")
    table.string("code", 25)%s
  })
exports.down = (knex) => knex.schema.dropTable("codings")
"""
_KNEX_ALTERED = """exports.up = (knex) =>
  knex.schema.alterTable("codings", (table) => {
    table.string("code", 26).notNullable().alter()
  })
exports.down = (knex) =>
  knex.schema.alterTable("codings", (table) => {
    table.string("code", 25).alter()
  })
"""
_SEQUELIZE_MADE = """module.exports = {
  up: (queryInterface, Sequelize) => queryInterface.createTable("codings", {
    id: { type: Sequelize.INTEGER, primaryKey: true, autoIncrement: true },
    code: { type: Sequelize.STRING(25)%s },
  }),
  down: (queryInterface) => queryInterface.dropTable("codings"),
}
"""
_SEQUELIZE_ALTERED = """module.exports = {
  up: (queryInterface, Sequelize) =>
    queryInterface.changeColumn("codings", "code", {
      type: Sequelize.STRING(26), allowNull: false,
    }),
  down: (queryInterface, Sequelize) =>
    queryInterface.changeColumn("codings", "code", { type: Sequelize.STRING(25), allowNull: true }),
}
"""


@pytest.mark.parametrize(
    ("framework", "made", "altered", "required", "kept"),
    [
        ("knex", _KNEX_MADE, _KNEX_ALTERED, ".notNullable()", []),
        ("knex", _KNEX_MADE, _KNEX_ALTERED, "", ["codings.code"]),
        ("sequelize", _SEQUELIZE_MADE, _SEQUELIZE_ALTERED, ", allowNull: false", []),
        ("sequelize", _SEQUELIZE_MADE, _SEQUELIZE_ALTERED, "", ["codings.code"]),
    ],
    ids=["knex-restated", "knex-nullable", "sequelize-restated", "sequelize-nullable"],
)
def test_a_js_builder_restating_the_not_null_its_table_was_made_with_is_no_rg222(
    git_repo: Any, framework: str, made: str, altered: str, required: str, kept: list[str]
) -> None:
    """Travel-Authorization (round BS): Knex's `.alter()` restates the whole column, so a
    string made longer says `.notNullable()` again; the column was NOT NULL since the
    `createTable` of an earlier release. Sequelize's `changeColumn` the same way. A column
    made nullable is still a finding."""
    folder = "db/migrations"
    config = git_repo.migrations_config(folder, framework, scope="all")
    first, second = (
        ("20231227225506_codings.js", "20240115160048_resize.js")
        if framework == "knex"
        else ("20231227225506-codings.js", "20240115160048-resize.js")
    )
    git_repo.commit("start", {"deploy-readiness.yml": config, f"{folder}/{first}": made % required})
    git_repo.commit("resize", {f"{folder}/{second}": altered})
    git_repo.commit("later", {"README.md": "x\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base="HEAD~1"))
    assert _rg222(ctx) == kept


@pytest.mark.parametrize(
    ("framework", "default", "kept"),
    [
        ("prisma", ',\nALTER COLUMN "added" SET DEFAULT CURRENT_TIMESTAMP', []),
        ("prisma", "", ["resource_contributors.added"]),
        (
            "flyway",
            ',\nALTER COLUMN "added" SET DEFAULT CURRENT_TIMESTAMP',
            ["resource_contributors.added"],
        ),
    ],
    ids=["prisma-defaulted", "prisma-bare", "flyway-defaulted"],
)
def test_a_default_the_file_gives_fills_what_prisma_s_client_leaves_out(
    git_repo: Any, framework: str, default: str, kept: list[str]
) -> None:
    """la-base (round BT): Prisma's `SET NOT NULL, ALTER COLUMN "added" SET DEFAULT
    CURRENT_TIMESTAMP` in one statement. Prisma's client inserts only the fields a record
    sets, so the database's default fills the rest; an app whose code is plain SQL
    (Flyway) may write NULL itself."""
    if framework == "prisma":
        folder = "prisma/migrations"
        first, second = (f"{folder}/20230101000000_init/migration.sql",
                         f"{folder}/20231002125129_added/migration.sql")  # fmt: skip
    else:
        folder = "db/migration"
        first, second = f"{folder}/V1__init.sql", f"{folder}/V2__added.sql"
    config = git_repo.migrations_config(folder, framework, scope="all")
    made = 'CREATE TABLE "resource_contributors" ("id" TEXT NOT NULL, "added" TIMESTAMP(3));\n'
    git_repo.commit("start", {"deploy-readiness.yml": config, first: made})
    required = f'ALTER TABLE "resource_contributors" ALTER COLUMN "added" SET NOT NULL{default};\n'
    git_repo.commit("added", {second: required})
    git_repo.commit("later", {"README.md": "x\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base="HEAD~1"))
    assert _rg222(ctx) == kept


@pytest.mark.parametrize(
    ("code", "kept"),
    [
        ("const q = 'UPDATE cartobio_operators SET parcelles = NULL WHERE id = $1'\n",
         ["cartobio_operators.parcelles"]),
        ("await knex('cartobio_operators').update({ parcelles: null })\n",
         ["cartobio_operators.parcelles"]),
        ("const q = 'SELECT parcelles FROM cartobio_operators'\n", []),
    ],
)  # fmt: skip
def test_a_default_fills_no_null_the_previous_release_writes(
    git_repo: Any, code: str, kept: list[str]
) -> None:
    """cartobio-api (round BF): a db-migrate `addColumn(…, {defaultValue})` gave
    `parcelles` a default an earlier release, so an INSERT that leaves it out gets it; but
    the previous release's `deleteRecord` runs `UPDATE … SET parcelles = NULL`, which the
    NOT NULL refuses. Read since its `addColumn` is (round BT), the default hid that."""
    folder = "migrations"
    config = git_repo.migrations_config(folder, "db-migrate", scope="all")
    made = (
        "exports.up = function (db) {\n"
        "  return db.addColumn('cartobio_operators', 'parcelles', {\n"
        "    type: 'jsonb', defaultValue: '{}',\n  })\n}\n"
        "exports.down = function (db) {\n"
        "  return db.removeColumn('cartobio_operators', 'parcelles')\n}\n"
    )
    required = (
        "exports.up = function (db) {\n"
        '  return db.runSql(\'ALTER TABLE "cartobio_operators" ALTER COLUMN "parcelles" '
        "SET NOT NULL')\n}\n"
        "exports.down = function (db) {\n  return null\n}\n"
    )
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            f"{folder}/20220301103320-parcels.js": made,
            "lib/providers/cartobio.js": code,
        },
    )
    git_repo.commit("required", {f"{folder}/20231213163820-parcels-not-null.js": required})
    git_repo.commit("later", {"README.md": "x\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base="HEAD~1"))
    assert _rg222(ctx) == kept


FLYWAY = "db/migration"


@pytest.mark.parametrize(
    ("earlier", "found"),
    [
        # TIS-TCS (round CE, a miss): added nullable by an earlier file, restated NOT NULL
        ("ALTER TABLE `Post` ADD COLUMN `trainingId` varchar(255);", True),
        # NOT NULL already: a restatement
        ("ALTER TABLE `Post` ADD COLUMN `trainingId` varchar(255) NOT NULL;", False),
        # freed by an earlier MODIFY without NOT NULL
        ("ALTER TABLE `Post` ADD COLUMN `trainingId` varchar(255) NOT NULL;\n"
         "ALTER TABLE `Post` MODIFY `trainingId` varchar(255);", True),
        # no earlier file shows the column: not known, no finding
        ("ALTER TABLE `Post` ADD COLUMN `other` int;", False),
    ],
    ids=["added-nullable", "not-null-already", "freed", "unknown"],
)  # fmt: skip
def test_a_mysql_modify_restating_not_null_is_judged_by_the_earlier_files(
    git_repo: Any, earlier: str, found: bool
) -> None:
    files = {
        f"{FLYWAY}/V1__init.sql": "CREATE TABLE `Post` (`id` bigint(20) NOT NULL, "
        "PRIMARY KEY (`id`));\n",
        f"{FLYWAY}/V2__column.sql": earlier + "\n",
        f"{FLYWAY}/V3__required.sql": "ALTER TABLE `Post`\n"
        "MODIFY `trainingId` bigint(20) NOT NULL;\n",
    }
    paths = git_repo.history_paths("RG222", FLYWAY, "flyway", files)
    last = f"{FLYWAY}/V3__required.sql"
    assert (last in paths) is found
