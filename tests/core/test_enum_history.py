"""RG223 and a PostgreSQL enum swapped for one holding every old label: the old labels are
only in earlier Prisma migrations (langfuse, round I), whether git lists the files or they
are read."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Finding, Severity

PRISMA = "prisma/migrations"


def _file(stamp: str, sql: str) -> dict[str, str]:
    return {f"{PRISMA}/{stamp}/migration.sql": sql}


FILES = {
    **_file(
        "20260518092907_add_monitors",
        "CREATE TYPE \"Severity\" AS ENUM ('UNKNOWN', 'OK', 'ALERT');\n"
        "CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'PAUSED', 'BROKEN');\n"
        'CREATE TABLE "monitors" ("id" TEXT PRIMARY KEY, "severity" "Severity", '
        '"status" "Status");\n',
    ),
    **_file("20260519000000_add_value", "ALTER TYPE \"Severity\" ADD VALUE 'NO_DATA';\n"),
    # reordered through a *_new type renamed into place: every label kept
    **_file(
        "20260521000000_reorder",
        "CREATE TYPE \"Severity_new\" AS ENUM ('NO_DATA', 'UNKNOWN', 'OK', 'ALERT');\n"
        'ALTER TABLE "monitors" ALTER COLUMN "severity" TYPE "Severity_new" '
        'USING ("severity"::text::"Severity_new");\n'
        'ALTER TYPE "Severity" RENAME TO "Severity_old";\n'
        'ALTER TYPE "Severity_new" RENAME TO "Severity";\n'
        'DROP TYPE "Severity_old";\n',
    ),
    # renamed away first, created again with one label more
    **_file(
        "20260522113010_add_paused",
        'ALTER TYPE "Severity" RENAME TO "Severity_old";\n'
        "CREATE TYPE \"Severity\" AS ENUM ('PAUSED', 'NO_DATA', 'UNKNOWN', 'OK', 'ALERT');\n"
        "ALTER TABLE monitors\n"
        '  ALTER COLUMN severity TYPE "Severity" USING severity::text::"Severity";\n'
        'DROP TYPE "Severity_old";\n',
    ),
    # a label gone: the previous release still writes BROKEN
    **_file(
        "20260523000000_drop_broken",
        'ALTER TYPE "Status" RENAME TO "Status_old";\n'
        "CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'PAUSED');\n"
        'ALTER TABLE "monitors" ALTER COLUMN "status" TYPE "Status" '
        'USING ("status"::text::"Status");\n'
        'DROP TYPE "Status_old";\n',
    ),
    # the label the earlier ADD VALUE brought is dropped: not every old label is kept
    **_file(
        "20260524000000_no_data_gone",
        'ALTER TYPE "Severity" RENAME TO "Severity_old";\n'
        "CREATE TYPE \"Severity\" AS ENUM ('PAUSED', 'UNKNOWN', 'OK', 'ALERT');\n"
        'ALTER TABLE "monitors" ALTER COLUMN "severity" TYPE "Severity" '
        'USING ("severity"::text::"Severity");\n'
        'DROP TYPE "Severity_old";\n',
    ),
    # datapm (round L): parked in a VARCHAR, the type dropped and created again, one more
    **_file(
        "20260525000000_park_and_grow",
        'ALTER TABLE "monitors" ALTER COLUMN "status" TYPE VARCHAR(255);\n'
        'DROP TYPE "Status";\n'
        "CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'PAUSED', 'DONE');\n"
        'ALTER TABLE "monitors" ALTER COLUMN "status" TYPE "Status" USING (status::"Status");\n',
    ),
    # … and with a label gone
    **_file(
        "20260526000000_park_and_shrink",
        'ALTER TABLE "monitors" ALTER COLUMN "status" TYPE VARCHAR(255);\n'
        'DROP TYPE "Status";\n'
        "CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'DONE');\n"
        'ALTER TABLE "monitors" ALTER COLUMN "status" TYPE "Status" USING (status::"Status");\n',
    ),
}


@pytest.mark.parametrize("with_git", [True, False])
def test_an_enum_swapped_for_one_with_every_old_label_is_no_rg223(
    git_repo: Any, with_git: bool
) -> None:
    config = git_repo.migrations_config(PRISMA, "prisma", scope="all")
    # (the code writes the labels dropped: the findings stay at P1)
    code = {
        "src/status.ts": 'export const LABELS = ["BROKEN", "NO_DATA", "DONE"];\n'
        "export const monitors = prisma.monitor.findMany("
        "{ select: { status: true, severity: true } });\n"
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **code, **FILES})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    got = sorted(
        ((f.path or "", f.line), f.message) for f in engine.check(ctx) if f.rule == "RG223"
    )
    assert [at for at, _ in got] == [
        (f"{PRISMA}/20260523000000_drop_broken/migration.sql", 3),
        (f"{PRISMA}/20260524000000_no_data_gone/migration.sql", 3),
        (f"{PRISMA}/20260526000000_park_and_shrink/migration.sql", 4),
    ]
    # said with the labels it drops, not as an old type not seen (ironfish, round AI)
    assert got[0][1].endswith("(it drops the label 'BROKEN' the enum status had)")
    assert got[1][1].endswith("(it drops the label 'NO_DATA' the enum severity had)")


TWICE = {
    **_file(
        "20260601000000_add_invoices",
        "CREATE TYPE \"InvoiceStatus\" AS ENUM ('PENDING', 'PAID');\n"
        'CREATE TABLE "Invoice" ("id" TEXT PRIMARY KEY, "status" "InvoiceStatus");\n',
    ),
    # OpenPipe (round AK): one file swaps twice, a label added, the rows moved, one dropped
    **_file(
        "20260602000000_pending_to_unpaid",
        'ALTER TYPE "InvoiceStatus" RENAME TO "InvoiceStatus_old";\n'
        "CREATE TYPE \"InvoiceStatus\" AS ENUM ('UNPAID', 'PAID', 'PENDING');\n"
        'ALTER TABLE "Invoice" ALTER COLUMN "status" TYPE "InvoiceStatus" '
        'USING ("status"::text::"InvoiceStatus");\n'
        'UPDATE "Invoice" SET "status" = \'UNPAID\' WHERE "status" = \'PENDING\';\n'
        'DROP TYPE "InvoiceStatus_old";\n'
        'ALTER TYPE "InvoiceStatus" RENAME TO "InvoiceStatus_old";\n'
        "CREATE TYPE \"InvoiceStatus\" AS ENUM ('UNPAID', 'PAID');\n"
        'ALTER TABLE "Invoice" ALTER COLUMN "status" TYPE "InvoiceStatus" '
        'USING ("status"::text::"InvoiceStatus");\n'
        'DROP TYPE "InvoiceStatus_old";\n',
    ),
}


def test_a_file_swapping_an_enum_twice_is_judged_per_swap(git_repo: Any) -> None:
    config = git_repo.migrations_config(PRISMA, "prisma", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **TWICE})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG223"]
    # the first swap keeps every label; the second drops the one the first still had
    assert [(f.line, [r.line for r in f.related]) for f in found] == [(8, [])]
    assert "from enum('UNPAID','PAID','PENDING') to enum('UNPAID','PAID')" in found[0].message


def _unsend(labels: str) -> dict[str, str]:
    return {
        **_file(
            "20260601000000_init",
            "CREATE TYPE \"EmailStatus\" AS ENUM ('QUEUED', 'SENT');\n"
            'CREATE TABLE "Email" ("id" TEXT PRIMARY KEY, "status" "EmailStatus");\n',
        ),
        **_file("20260602000000_add", "ALTER TYPE \"EmailStatus\" ADD VALUE 'FAILED';\n"),
        # unsend (round AM): the new type made first, the column parked in text, the old
        # type dropped, the new one renamed into its name, the column retyped to it
        **_file(
            "20260603000000_reorder",
            f'CREATE TYPE "EmailStatusV2" AS ENUM ({labels});\n'
            'ALTER TABLE "Email" ALTER COLUMN "status" TYPE text USING "status"::text;\n'
            'DROP TYPE "EmailStatus";\n'
            'ALTER TYPE "EmailStatusV2" RENAME TO "EmailStatus";\n'
            'ALTER TABLE "Email" ALTER COLUMN "status" TYPE "EmailStatus" '
            'USING "status"::text::"EmailStatus";\n',
        ),
    }


@pytest.mark.parametrize(
    ("labels", "reported"),
    [("'FAILED', 'QUEUED', 'SENT'", False), ("'QUEUED', 'SENT'", True)],
)
def test_an_enum_made_anew_and_renamed_into_place_is_judged_by_its_labels(
    git_repo: Any, labels: str, reported: bool
) -> None:
    config = git_repo.migrations_config(PRISMA, "prisma", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **_unsend(labels)})
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"
    ]
    assert bool(found) is reported


def _knex(stamp: str, up: str) -> dict[str, str]:
    return {
        f"db/migrations/{stamp}.ts": 'import * as Knex from "knex"\n\n'
        f"export async function up(knex: Knex): Promise<void> {{\n{up}}}\n\n"
        "export async function down(knex: Knex): Promise<void> {\n"
        '  await knex.raw("select 1")\n}\n'
    }


@pytest.mark.parametrize(
    ("labels", "reported"),
    [("'assistant', 'teacher', 'reviewer'", False), ("'teacher', 'reviewer'", True)],
)
def test_a_knex_native_enum_s_labels_are_the_old_ones(
    git_repo: Any, labels: str, reported: bool
) -> None:
    """quizzes (round AM): ``t.enu("role", [...], {useNative: true, enumName: "role_enum"})``
    made the type; a later file swaps in one with a label more."""
    files = {
        **_knex(
            "20200611163151_create_tables",
            '  await knex.schema.createTable("user_course_role", (t) => {\n'
            '    t.enu("role", ["assistant", "teacher"], { useNative: true, '
            'enumName: "role_enum" })\n  })\n',
        ),
        **_knex(
            "20210112135114_reviewer_role",
            f"  await knex.raw(`create type role_enum_new as enum ({labels})`)\n"
            '  await knex.raw("alter table user_course_role alter column role set data type '
            'role_enum_new using (role::text::role_enum_new)")\n'
            '  await knex.raw("drop type role_enum")\n'
            '  await knex.raw("alter type role_enum_new rename to role_enum")\n',
        ),
    }
    config = git_repo.migrations_config("db/migrations", "knex", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"
    ]
    assert bool(found) is reported


def test_an_earlier_file_s_down_section_does_not_drop_the_enum(git_repo: Any) -> None:
    """goose: the file that made the enum drops it in its ``-- +goose Down`` section, which
    runs only on a rollback; the swap after it still finds the old labels."""
    folder = "migrations"
    files = {
        f"{folder}/00001_mood.sql": "-- +goose Up\nCREATE TYPE mood AS ENUM ('sad', 'ok');\n"
        "CREATE TABLE people (id int, mood mood);\n\n"
        "-- +goose Down\nDROP TABLE people;\nDROP TYPE mood;\n",
        f"{folder}/00002_swap.sql": "-- +goose Up\n"
        "CREATE TYPE mood_new AS ENUM ('sad', 'ok', 'happy');\n"
        "ALTER TABLE people ALTER COLUMN mood TYPE mood_new USING mood::text::mood_new;\n"
        "DROP TYPE mood;\nALTER TYPE mood_new RENAME TO mood;\n\n"
        "-- +goose Down\nSELECT 1;\n",
    }
    config = git_repo.migrations_config(folder, "goose", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **files})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    assert [f.path for f in found if f.rule == "RG223"] == []


def _revision(rev: str, parent: str | None, up: str) -> str:
    return (
        f'"""{rev}"""\nfrom alembic import op\n\nrevision = "{rev}"\n'
        f'down_revision = {parent!r}\n\n\ndef upgrade():\n    op.execute(\n        """{up}"""\n'
        "    )\n\n\ndef downgrade():\n    pass\n"
    )


_SWAP = (
    'alter type "apis" rename to "apis_old";\n'
    "create type \"apis\" as enum ('A', 'B', 'D');\n"
    'alter table "instruments" alter column kind type "apis" using kind::text::"apis";\n'
    'drop type "apis_old";\n'
)


def test_an_alembic_enum_s_labels_are_its_ancestors_not_the_files_named_before(
    git_repo: Any,
) -> None:
    """skyportal (round BA): revisions are named by hashes, so a revision of a later year
    may sort first; the labels the enum had are the ones its ancestors gave it, parents
    first. Here ``0aa`` adds 'C' after the swap ``bb2`` made: no label was dropped."""
    folder = "alembic/versions"
    files = {
        f"{folder}/cc1_init.py": _revision(
            "cc1",
            None,
            "create type \"apis\" as enum ('A', 'B'); "
            'create table "instruments" (id int primary key, kind "apis");',
        ),
        f"{folder}/bb2_swap.py": _revision("bb2", "cc1", _SWAP),
        f"{folder}/0aa_add_c.py": _revision("0aa", "bb2", "alter type \"apis\" add value 'C';"),
    }
    assert git_repo.history_paths("RG223", folder, "alembic", files) == []


_LOOKUP = (
    "ALTER TABLE line ALTER status TYPE text;\nDROP TYPE line_status;\n"
    "CREATE TABLE line_status_type (value text NOT NULL PRIMARY KEY);\n"
    "INSERT INTO line_status_type (value) VALUES ('NEW'), ('PAID'){more};\n{then}"
    "ALTER TABLE line\n    ADD FOREIGN KEY (status) REFERENCES line_status_type (value);\n"
)


@pytest.mark.parametrize(
    ("more", "then", "rg224"),
    [
        (", ('SENT')", "", False),  # every label the enum had, and one more
        ("", "", True),  # 'SENT', which the previous release writes, is not there
        # … or the lookup's values change after (`ON UPDATE CASCADE`): V443 of round BH
        (", ('SENT')", "UPDATE line_status_type SET value = 'GONE' WHERE value = 'SENT';\n", True),
    ],
)
def test_a_foreign_key_to_a_lookup_seeded_with_the_enum_s_labels(
    git_repo: Any, more: str, then: str, rg224: bool
) -> None:
    """mulighetsrommet (round BH, four): a column turned from an enum into text, a lookup
    table created and seeded with every label, a foreign key to it: the previous release
    wrote only those labels, so the key rejects none of its values (its casts to the
    dropped type break it: RG223 says that)."""
    folder = "db/migration"
    files = {
        f"{folder}/V1__line.sql": "CREATE TYPE line_status AS ENUM ('NEW', 'PAID');\n"
        "CREATE TABLE line (id int PRIMARY KEY, status line_status);\n",
        f"{folder}/V2__sent.sql": "ALTER TYPE line_status ADD VALUE 'SENT';\n",
        f"{folder}/V3__lookup.sql": _LOOKUP.format(more=more, then=then),
    }
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    assert [f.path for f in found if f.rule == "RG224"] == ([f"{folder}/V3__lookup.sql"] * rg224)


@pytest.mark.parametrize(
    ("listed", "rg224"),
    [
        ("'rest', 'soap', 'odata'", False),  # every label the enum had, and one more
        ("'rest', 'soap'", True),  # 'odata', which the previous release writes, is refused
    ],
)
def test_a_check_listing_the_enum_s_labels_on_a_column_made_text(
    git_repo: Any, listed: str, rg224: bool
) -> None:
    """compass (round BI): `api_protocol` turned from its enum into text, a `CHECK
    (api_protocol IN (…))` listing every label, the type dropped (another beside it: the
    one named as the column is the column's)."""
    folder = "migrations"
    files = {
        f"{folder}/20220101000000_apis.up.sql": (
            "CREATE TYPE api_protocol AS ENUM ('rest', 'soap');\n"
            "CREATE TYPE visibility AS ENUM ('public', 'private');\n"
            "CREATE TABLE apis (id int PRIMARY KEY, api_protocol api_protocol,\n"
            "    visibility visibility);\n"
        ),
        f"{folder}/20220101000000_apis.down.sql": "DROP TABLE apis;\n",
        f"{folder}/20220201000000_odata.up.sql": "ALTER TYPE api_protocol ADD VALUE 'odata';\n",
        f"{folder}/20220201000000_odata.down.sql": "SELECT 1;\n",
        f"{folder}/20220823141813_text.up.sql": "ALTER TABLE apis\n"
        "ALTER COLUMN api_protocol TYPE text USING api_protocol::text;\n"
        "ALTER TABLE apis\n"
        f"ADD CONSTRAINT api_protocol_check CHECK (api_protocol IN ({listed}));\n"
        "DROP TYPE api_protocol;\nDROP TYPE visibility CASCADE;\n",
        f"{folder}/20220823141813_text.down.sql": "SELECT 1;\n",
    }
    config = git_repo.migrations_config(folder, "golang-migrate", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    assert [f.path for f in found if f.rule == "RG224"] == (
        [f"{folder}/20220823141813_text.up.sql"] * rg224
    )


RAILS = "db/migrate"
_RAILS_SWAP = (
    "class Swap < ActiveRecord::Migration[7.2]\n  def up\n    execute <<-SQL\n"
    "      ALTER TYPE routing_label RENAME TO routing_label_old;\n"
    "      CREATE TYPE routing_label AS ENUM ('genuine', 'greetings');\n"
    "      ALTER TABLE answers ALTER COLUMN routing_label TYPE routing_label\n"
    "        USING routing_label::text::routing_label;\n"
    "      DROP TYPE routing_label_old;\n    SQL\n  end\nend\n"
)


_RAILS_DOWN = (
    "  def down\n    execute <<-SQL\n"
    "      ALTER TYPE routing_label RENAME TO routing_label_old;\n"
    "      CREATE TYPE routing_label AS ENUM ('genuine', 'not_govuk', 'greetings');\n"
    "      ALTER TABLE answers ALTER COLUMN routing_label TYPE routing_label\n"
    "        USING routing_label::text::routing_label;\n"
    "      DROP TYPE routing_label_old;\n    SQL\n  end\nend\n"
)


@pytest.mark.parametrize("down", [False, True])
@pytest.mark.parametrize("written", [True, False])
def test_labels_the_previous_release_never_names_are_dropped_at_p3(
    git_repo: Any, written: bool, down: bool
) -> None:
    """govuk-chat (round BR: three false RG223s): the enum made by Rails'
    ``create_enum "routing_label", %w[…]`` and given a label by ``add_enum_value``;
    swapped for one without ``not_govuk``, which the previous release's code names
    nowhere (its schema.rb aside): it writes none, P3. Named in its code, it stays. The
    same where a down step writes the old labels out (round CD: the message showed the
    old type, and the labels it drops were never asked of the code)."""
    create = (
        "class Create < ActiveRecord::Migration[7.2]\n  def change\n"
        '    create_enum "routing_label", %w[\n      genuine\n      not_govuk\n    ]\n'
        "    create_table :answers do |t|\n"
        '      t.enum :routing_label, enum_type: "routing_label"\n    end\n  end\nend\n'
    )
    added = (
        "class Add < ActiveRecord::Migration[7.2]\n  def change\n"
        '    add_enum_value :routing_label, "greetings"\n  end\nend\n'
    )
    model = "class Answer < ApplicationRecord\n  enum :routing_label, {\n"
    model += '    genuine: "genuine",\n    greetings: "greetings",\n'
    model += '    not_govuk: "not_govuk",\n' if written else ""
    model += "  }\nend\n"
    config = git_repo.migrations_config(RAILS, "rails", scope="all")
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{RAILS}/20240101000000_create.rb": create,
            f"{RAILS}/20240102000000_add.rb": added,
            "app/models/answer.rb": model,
            "db/schema.rb": 'create_enum "routing_label", ["genuine", "not_govuk", "greetings"]\n',
            f"{RAILS}/20240103000000_swap.rb": _RAILS_SWAP.removesuffix("end\n") + _RAILS_DOWN
            if down
            else _RAILS_SWAP,
        }
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    (f,) = [f for f in engine.check(ctx) if f.rule == "RG223"]
    assert "(it drops the label 'not_govuk' the enum routing_label had)" in f.message
    assert (f.severity is Severity.P3) is not written


def test_an_enum_column_named_type_is_judged_by_its_enum(git_repo: Any) -> None:
    """transcom/mymove (round BR: two false RG223s): `ALTER COLUMN type TYPE param_type`
    names the enum after the column's own name `type`; parked in a VARCHAR, dropped and
    made again with one label more, the enum is a widening."""
    folder = "migrations"
    config = git_repo.migrations_config(folder, "golang-migrate", scope="all")
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{folder}/1_init.up.sql": "CREATE TYPE param_type AS ENUM ('STRING', 'DATE');\n"
            "CREATE TABLE param_keys (id int, type param_type NOT NULL);\n",
            f"{folder}/2_more.up.sql": "ALTER TABLE param_keys ALTER type TYPE VARCHAR(255);\n"
            "DROP TYPE IF EXISTS param_type;\n"
            "CREATE TYPE param_type AS ENUM ('STRING', 'DATE', 'UUID');\n"
            "ALTER TABLE param_keys ALTER COLUMN type TYPE param_type USING (type::param_type);\n",
        }
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f for f in engine.check(ctx) if f.rule == "RG223"] == []


_PUPIL_ENTITY = (
    "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n"
    "import { State } from './State';\n\n@Entity()\nexport class Pupil {\n"
    "    @PrimaryGeneratedColumn()\n    id: number;\n\n"
    "    @Column({\n        %s,\n        default: State.OTHER\n"
    "    })\n    state: State;\n}\n"
)
_SPRINT = (
    "import { MigrationInterface, QueryRunner } from 'typeorm';\n\n"
    "export class CoursesSprint1591375579714 implements MigrationInterface {\n"
    "    public async up(queryRunner: QueryRunner): Promise<any> {\n"
    '        await queryRunner.query(`ALTER TABLE "pupil" DROP COLUMN "state"`);\n'
    "        await queryRunner.query(`CREATE TYPE \"pupil_state_enum\" AS ENUM('bw', 'by',"
    " 'other')`);\n"
    '        await queryRunner.query(`ALTER TABLE "pupil" ADD "state" "pupil_state_enum" NOT'
    " NULL DEFAULT 'other'`);\n    }\n\n"
    "    public async down(queryRunner: QueryRunner): Promise<any> {\n"
    '        await queryRunner.query(`ALTER TABLE "pupil" DROP COLUMN "state"`);\n'
    '        await queryRunner.query(`DROP TYPE "pupil_state_enum"`);\n'
    '        await queryRunner.query(`ALTER TABLE "pupil" ADD "state" character varying NOT'
    " NULL DEFAULT 'other'`);\n    }\n}\n"
)
_FIRST = (
    "import { MigrationInterface, QueryRunner } from 'typeorm';\n\n"
    "export class Init1590000000000 implements MigrationInterface {\n"
    "    public async up(queryRunner: QueryRunner): Promise<any> {\n"
    '        await queryRunner.query(`CREATE TABLE "pupil" ("id" SERIAL NOT NULL, "state"'
    ' character varying NOT NULL DEFAULT \'other\', CONSTRAINT "PK_p" PRIMARY KEY ("id"))`);\n'
    "    }\n\n    public async down(queryRunner: QueryRunner): Promise<any> {\n"
    '        await queryRunner.query(`DROP TABLE "pupil"`);\n    }\n}\n'
)


@pytest.mark.parametrize(
    ("column_type", "lowered"),
    [
        # Lern-Fair (round BX): the entity declared the enum before the migration made it
        ("type: 'enum',\n        enum: State", True),
        # … a string column there: the previous release writes any text
        ("type: 'varchar'", False),
    ],
)
def test_an_enum_the_previous_release_s_entity_declared_is_written_by_its_labels_only(
    git_repo: Any, column_type: str, lowered: bool
) -> None:
    folder = "common/migration"
    config = git_repo.migrations_config(folder, "typeorm", scope="all")
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{folder}/1590000000000-Init.ts": _FIRST,
            "common/entity/Pupil.ts": _PUPIL_ENTITY % column_type,
            f"{folder}/1591375579714-CoursesSprint.ts": _SPRINT,
        }
    )
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"
    ]
    assert [f.severity is Severity.P3 for f in found] == [lowered], found


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # Lern-Fair (round BX): the label only a key of a type map, and the enum in Prisma's
        # schema, which declares it: the previous release writes it nowhere
        ({"common/log.ts": "type Logs = {\n    BROKEN: { text: string };\n};\n"}, True),
        ({"common/log.ts": "await logTransaction('BROKEN', user)\n"}, False),
        ({"common/log.ts": "monitor.status = Status.BROKEN\n"}, False),
        ({"common/log.graphql": "enum Status {\n  BROKEN\n}\n"}, False),
        # metiers-numeriques (round CG): a key of a map to display labels, whose keys the
        # admin forms offer as options and write
        ({"common/labels.ts": "export const LABEL = {\n  BROKEN: 'En panne',\n}\n"}, False),
        # jedonnemonavis (round CH): a second app's migrations, in its own folder, are no code
        (
            {
                "webapp-form/prisma/migrations/20240208134812_x/migration.sql": (
                    "CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'BROKEN');\n"
                )
            },
            True,
        ),
    ],
)
def test_a_dropped_label_a_script_names_only_as_a_key_is_written_nowhere(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    rg223 = _prisma_swap(git_repo, code, "enum Status {\n  ACTIVE\n  PAUSED\n  BROKEN\n}\n")
    assert (rg223.severity is Severity.P3) is lowered, rg223.message


def _prisma_swap(git_repo: Any, code: dict[str, str], schema: str) -> Finding:
    """The RG223 of a Prisma swap of ``Status`` without ``BROKEN``, after a commit of
    ``code`` beside ``schema`` (the previous release's ``schema.prisma``)."""
    config = git_repo.migrations_config(PRISMA, "prisma", scope="all")
    init = _file(
        "20260518092907_add_monitors",
        "CREATE TYPE \"Status\" AS ENUM ('ACTIVE', 'PAUSED', 'BROKEN');\n"
        'CREATE TABLE "monitors" ("id" TEXT PRIMARY KEY, "status" "Status");\n',
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **init})
    git_repo.commit("code", {**code, "prisma/schema.prisma": schema})
    swap = {k: v for k, v in FILES.items() if "drop_broken" in k}
    git_repo.commit("swap", swap)
    [rg223] = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"
    ]
    return rg223


@pytest.mark.parametrize(
    ("schema", "lowered"),
    [
        # avoqado-server, OpenSea-API (round CS): the swap catches the database up with the
        # schema, whose enum no longer had the label: the client writes it nowhere
        ("enum Status {\n  ACTIVE\n  PAUSED\n}\n", True),
        ("enum Status {\n  ACTIVE\n  PAUSED\n  BROKEN\n}\n", False),
        ('enum MonitorStatus {\n  ACTIVE\n  PAUSED\n\n  @@map("Status")\n}\n', True),
        ('enum Status {\n  ACTIVE\n  PAUSED\n  OUT @map("BROKEN")\n}\n', False),
        ("enum Other {\n  ACTIVE\n}\n", False),  # (the type not declared: not known)
    ],
    ids=["without", "with", "mapped-type", "mapped-label", "undeclared"],
)
def test_a_label_the_previous_prisma_schema_no_longer_declares_is_unwritten(
    git_repo: Any, schema: str, lowered: bool
) -> None:
    code = {"common/log.ts": "monitor.status = Status.BROKEN\n"}  # (said: the schema settles it)
    rg223 = _prisma_swap(git_repo, code, schema)
    assert (rg223.severity is Severity.P3) is lowered, rg223.message
    assert ("Prisma schema declares the enum" in rg223.message) is lowered
