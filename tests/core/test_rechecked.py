"""RG224 on a CHECK dropped and drawn again under its name, in a history without down steps:
no break when the expression an earlier file made is no looser (alf.io, round P)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks.history.order import natural

FOLDER = "db/migration"
MADE = (
    "CREATE TABLE promo_code (id int PRIMARY KEY, discount_type varchar(20) NOT NULL,\n"
    "  kind text CHECK (kind IN ('a', 'b')));\n"
    'ALTER TABLE promo_code ADD CONSTRAINT "check_discount_type"\n'
    "  CHECK (discount_type = 'FIXED' OR discount_type = 'PERCENT');\n"
)


def _redraw(name: str, expr: str) -> str:
    return (
        f'ALTER TABLE promo_code DROP CONSTRAINT "{name}";\n'
        f'ALTER TABLE promo_code ADD CONSTRAINT "{name}" CHECK ({expr});\n'
    )


def _rg224(git_repo: Any, later: dict[str, str], with_git: bool = True) -> list[str]:
    files = {f"{FOLDER}/V1_2__init.sql": MADE, **later}
    return git_repo.history_paths("RG224", FOLDER, "flyway", files, with_git)


WIDER = "discount_type = 'FIXED' OR discount_type = 'PERCENT' or discount_type = 'NONE'"


@pytest.mark.parametrize("with_git", [True, False])
@pytest.mark.parametrize(
    ("expr", "breaks"),
    [
        (WIDER, False),  # a value more: looser
        ("discount_type IN ('PERCENT', 'FIXED')", False),  # the same, written otherwise
        ("discount_type = 'FIXED'", True),  # a value fewer: tighter
        # every value the old rule allowed is not '': looser, told by trying each value
        ("discount_type <> ''", False),
        ("discount_type <> 'FIXED'", True),  # FIXED no longer allowed: tighter
        ("length(discount_type) > 2", True),  # not comparable: stays
    ],
)
def test_a_check_redrawn_under_its_name(
    git_repo: Any, expr: str, breaks: bool, with_git: bool
) -> None:
    later = {f"{FOLDER}/V2__widen.sql": _redraw("check_discount_type", expr)}
    assert bool(_rg224(git_repo, later, with_git)) is breaks


def test_a_column_check_is_found_under_the_name_postgresql_gives_it(git_repo: Any) -> None:
    later = {f"{FOLDER}/V2__kind.sql": _redraw("promo_code_kind_check", "kind IN ('a', 'b', 'c')")}
    assert _rg224(git_repo, later) == []


def test_the_latest_definition_before_the_file_is_the_old_one(git_repo: Any) -> None:
    """V1_2_1 tightens it (a finding), V1_3 widens it back to the first one's: looser than
    V1_2_1's, whatever V1_2 said. Flyway orders ``1.2 < 1.2.1 < 1.3``."""
    later = {
        f"{FOLDER}/V1_2_1__tighten.sql": _redraw("check_discount_type", "discount_type = 'FIXED'"),
        f"{FOLDER}/V1_3__widen.sql": _redraw("check_discount_type", WIDER),
    }
    assert _rg224(git_repo, later) == [f"{FOLDER}/V1_2_1__tighten.sql"]


def test_a_check_dropped_with_its_table_is_not_the_old_one(git_repo: Any) -> None:
    later = {
        f"{FOLDER}/V2__again.sql": "DROP TABLE promo_code;\n"
        "CREATE TABLE promo_code (id int PRIMARY KEY, discount_type varchar(20));\n",
        f"{FOLDER}/V3__widen.sql": "INSERT INTO promo_code VALUES (1, 'X');\n"
        + _redraw("check_discount_type", WIDER),
    }
    assert _rg224(git_repo, later) == [f"{FOLDER}/V3__widen.sql"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("V204_2.0.0.38__add.sql", "V204_2.0.0.38.1__rebuild.sql"),  # alf.io
        ("V1_2__x.sql", "V1_2_1__y.sql"),
        ("V2__b.sql", "V10__a.sql"),
        ("0009_x.py", "0010_a.py"),
        ("20230906_y/migration.sql", "20230907_x/migration.sql"),
    ],
)
def test_migration_order_follows_the_version_a_name_starts_with(first: str, second: str) -> None:
    assert natural(f"db/{first}") < natural(f"db/{second}")


EXACTLY_ONE = "(a IS NOT NULL AND b IS NULL) OR (b IS NOT NULL AND a IS NULL)"
ONE_OF_THREE = (
    "(a IS NOT NULL AND b IS NULL AND c IS NULL) OR (b IS NOT NULL AND a IS NULL AND c IS NULL)"
    " OR (c IS NOT NULL AND a IS NULL AND b IS NULL)"
)


@pytest.mark.parametrize(
    ("added", "breaks"),
    [
        ("ADD COLUMN IF NOT EXISTS c uuid REFERENCES other (id)", False),  # NULL in old rows
        ("ADD COLUMN c uuid DEFAULT gen_random_uuid()", True),  # old rows hold a value
        ("ADD COLUMN c int NOT NULL", True),  # not NULL in old rows either way
        ("ADD COLUMN d uuid", True),  # another column: c is not NULL for old rows
    ],
)
def test_a_check_tightened_only_over_a_column_the_step_adds(
    git_repo: Any, added: str, breaks: bool
) -> None:
    """su-se-bakover (round S) re-draws "exactly one of a, b" as "exactly one of a, b, c"
    over the column c the step adds: the previous release leaves c NULL, so every row it
    writes that met the old CHECK meets the new one."""
    files = {
        f"{FOLDER}/V1__init.sql": "CREATE TABLE vedtak (id int, a uuid, b uuid, c uuid);\n"
        f"ALTER TABLE vedtak ADD CONSTRAINT one_of CHECK ({EXACTLY_ONE});\n",
        f"{FOLDER}/V2__c.sql": "ALTER TABLE vedtak DROP COLUMN c;\n",
        f"{FOLDER}/V3__klage.sql": f"ALTER TABLE vedtak {added};\n"
        "ALTER TABLE vedtak DROP CONSTRAINT one_of;\n"
        f"ALTER TABLE vedtak ADD CONSTRAINT one_of CHECK ({ONE_OF_THREE});\n",
    }
    found = git_repo.history_paths("RG224", FOLDER, "flyway", files, True)
    assert bool(found) is breaks


def _rails(name: str, body: str) -> str:
    return f"class {name} < ActiveRecord::Migration[8.0]\n  def change\n{body}  end\nend\n"


@pytest.mark.parametrize("with_git", [True, False])
def test_a_rails_not_null_check_on_a_required_column_is_no_rg224(
    git_repo: Any, with_git: bool
) -> None:
    """dawarich (round AR): ``add_check_constraint :users, "email IS NOT NULL"`` where
    devise made ``email`` ``null: false``: no row the previous release writes is NULL
    there. ``admin`` was added nullable: its CHECK stays; so does one on a column made
    nullable again since, and one that asks more than NOT NULL."""
    folder = "db/migrate"
    files = {
        f"{folder}/20220325100310_devise_create_users.rb": _rails(
            "DeviseCreateUsers",
            "    create_table :users do |t|\n      t.string :email, null: false, default: ''\n"
            "      t.string :name, null: false\n    end\n"
            "    add_column :users, :admin, :boolean, default: false\n",
        ),
        f"{folder}/20230101000000_relax_name.rb": _rails(
            "RelaxName", "    change_column_null :users, :name, true\n"
        ),
        f"{folder}/20241226202204_add_users_constraints.rb": _rails(
            "AddUsersConstraints",
            "    add_check_constraint :users, 'email IS NOT NULL', name: 'a', validate: false\n",
        ),
        f"{folder}/20241226202205_more_constraints.rb": _rails(
            "MoreConstraints",
            "    add_check_constraint :users, 'admin IS NOT NULL', name: 'b', validate: false\n"
            "    add_check_constraint :users, 'name IS NOT NULL', name: 'c'\n"
            "    add_check_constraint :users, \"email <> ''\", name: 'd'\n",
        ),
    }
    assert git_repo.history_paths("RG224", folder, "rails", files, with_git) == [
        f"{folder}/20241226202205_more_constraints.rb"
    ]


@pytest.mark.parametrize(("added", "breaks"), [("ADD COLUMN c uuid", False), ("", True)])
def test_a_count_of_nulls_given_a_column_the_step_adds(
    git_repo: Any, added: str, breaks: bool
) -> None:
    """evaka V484 (round AY): `num_nonnulls(a, b) <= 1` re-drawn as `num_nonnulls(a, b, c)
    <= 1` over the column c the step adds: NULL in every row the previous release writes,
    so each meets the new rule as it met the old one; over an old column c, it may not."""
    old_c = "" if added else ", c uuid"
    files = {
        f"{FOLDER}/V1__init.sql": f"CREATE TABLE attachment (id int, a uuid, b uuid{old_c});\n"
        "ALTER TABLE attachment ADD CONSTRAINT created_for CHECK (num_nonnulls(a, b) <= 1);\n",
        f"{FOLDER}/V2__invoice.sql": (f"ALTER TABLE attachment {added};\n" if added else "")
        + "ALTER TABLE attachment DROP CONSTRAINT created_for;\n"
        "ALTER TABLE attachment ADD CONSTRAINT created_for CHECK (num_nonnulls(a, b, c) <= 1);\n",
    }
    found = git_repo.history_paths("RG224", FOLDER, "flyway", files, True)
    assert bool(found) is breaks


def test_a_check_made_in_a_subfolder_of_the_location_is_the_earlier_one(git_repo: Any) -> None:
    """evaka V420 (round AY): Flyway orders a location's versions across its subfolders;
    the CHECK `archive/V244` made is the one `V420` re-draws (in PostgreSQL's `= ANY
    ('{…}'::t[])` spelling: looser). Ordered by folder first, V420 came before V244."""
    files = {
        f"{FOLDER}/archive/V244__init.sql": "CREATE TABLE payment (id int, status text, n int,\n"
        "  CONSTRAINT check$payment_state CHECK (status = 'DRAFT' OR n IS NOT NULL));\n",
        f"{FOLDER}/V420__confirm.sql": "ALTER TABLE public.payment\n"
        "  DROP CONSTRAINT check$payment_state,\n"
        "  ADD CONSTRAINT check$payment_state CHECK (\n"
        "    (status = ANY ('{DRAFT,CONFIRMED}'::text[])) OR (n IS NOT NULL));\n",
    }
    assert git_repo.history_paths("RG224", FOLDER, "flyway", files, True) == []


_TS = """import {{ MigrationInterface, QueryRunner }} from 'typeorm';

export class M{n} implements MigrationInterface {{
  public async up(queryRunner: QueryRunner): Promise<void> {{
{up}  }}

  public async down(_queryRunner: QueryRunner): Promise<void> {{}}
}}
"""


def _ts(n: int, *sql: str) -> str:
    return _TS.format(n=n, up="".join(f"    await queryRunner.query(`{s}`);\n" for s in sql))


_ATTRIBUTE = '"121-service"."attribute"'


@pytest.mark.parametrize(
    ("names", "breaks"),
    [("'id'", False), ("'id', 'status', 'declinedDate'", True)],
    ids=["looser", "tighter"],
)
def test_a_typeorm_check_drawn_under_a_new_name_is_judged_against_the_one_it_replaces(
    git_repo: Any, names: str, breaks: bool
) -> None:
    """121-platform (round AZ): TypeORM names a CHECK by its expression, so a new list of
    reserved names is a new constraint where the step drops the old one; with an empty
    down step the old one is in the earlier file that made it (in a schema whose quoted
    name holds a hyphen). No looser than it: no RG224."""
    folder = "src/migration"
    files = {
        f"{folder}/1700000000000-Init.ts": _ts(
            1,
            f'CREATE TABLE {_ATTRIBUTE} ("id" SERIAL NOT NULL, "name" character varying NOT '
            "NULL, CONSTRAINT \"CHK_a\" CHECK (\"name\" NOT IN ('id', 'status')))",
        ),
        f"{folder}/1700000000001-Names.ts": _ts(
            2,
            f'ALTER TABLE {_ATTRIBUTE} DROP CONSTRAINT "CHK_a"',
            f'ALTER TABLE {_ATTRIBUTE} ADD CONSTRAINT "CHK_b" CHECK ("name" NOT IN ({names}))',
        ),
    }
    found = git_repo.history_paths("RG224", folder, "typeorm", files)
    assert bool(found) is breaks


def test_a_check_of_its_own_name_taken_away_with_its_columns_is_no_old_one(git_repo: Any) -> None:
    """evaka's V205 (round AY): the step drops an EXCLUDE constraint and adds it again,
    drops the columns an old CHECK of the same name ran over (PostgreSQL drops the CHECK
    with them) and adds them with another type, then adds the CHECK: not re-drawn looser,
    a new rule over new columns, RG224."""
    made = (
        "CREATE TABLE reservation (id int PRIMARY KEY, child_id int, start_time timestamptz,\n"
        "  end_time timestamptz, CONSTRAINT start_before_end CHECK (start_time < end_time),\n"
        "  CONSTRAINT no_overlap EXCLUDE USING gist (child_id WITH =));\n"
    )
    later = (
        "ALTER TABLE reservation DROP CONSTRAINT no_overlap;\n"
        "ALTER TABLE reservation DROP COLUMN start_time, DROP COLUMN end_time;\n"
        "ALTER TABLE reservation ADD COLUMN start_time time, ADD COLUMN end_time time;\n"
        "ALTER TABLE reservation ADD CONSTRAINT start_before_end CHECK (start_time < end_time);\n"
        "ALTER TABLE reservation ADD CONSTRAINT no_overlap EXCLUDE USING gist (child_id WITH =);\n"
    )
    files = {f"{FOLDER}/V1__init.sql": made, f"{FOLDER}/V2__times.sql": later}
    assert git_repo.history_paths("RG224", FOLDER, "flyway", files) == [f"{FOLDER}/V2__times.sql"]


@pytest.mark.parametrize(
    ("added", "breaks"),
    [
        ("access_type VARCHAR NULL DEFAULT 'PUBLIC'", False),  # the old rows hold 'PUBLIC'
        ("access_type VARCHAR NULL DEFAULT ''", True),  # … '' fails the new term
        ("access_type VARCHAR NULL", False),  # NULL: `<> ''` is unknown, which passes
        ("access_type VARCHAR NOT NULL DEFAULT 'PUBLIC'", False),
    ],
)
def test_a_column_the_file_adds_with_a_default_holds_it_in_the_old_rows(
    git_repo: Any, added: str, breaks: bool
) -> None:
    """ArachneCentralAPI (round BC): a CHECK drawn again with one more term over a column
    the same file adds with ``DEFAULT 'PUBLIC'``: the previous release leaves the column to
    its default, which meets the term, so the rule asks nothing more of its rows."""
    made = (
        "CREATE TABLE data_sources (id int PRIMARY KEY, published boolean, model text);\n"
        "ALTER TABLE data_sources ADD CONSTRAINT ds_not_blank\n"
        "  CHECK (published = FALSE OR (model <> ''));\n"
    )
    later = (
        f"ALTER TABLE data_sources\n    ADD COLUMN IF NOT EXISTS {added};\n"
        "ALTER TABLE data_sources DROP CONSTRAINT ds_not_blank;\n"
        "ALTER TABLE data_sources ADD CONSTRAINT ds_not_blank\n"
        "    CHECK (published = FALSE OR (model <> '' AND access_type <> ''));\n"
    )
    files = {f"{FOLDER}/V1__init.sql": made, f"{FOLDER}/V2__access.sql": later}
    assert bool(git_repo.history_paths("RG224", FOLDER, "flyway", files)) is breaks


@pytest.mark.parametrize(("expr", "breaks"), [(WIDER, False), ("discount_type = 'FIXED'", True)])
def test_a_flyway_check_drawn_under_a_new_name_is_judged_against_the_dropped_one(
    git_repo: Any, expr: str, breaks: bool
) -> None:
    """tiltakspenger's V116 (round BL): `meldekort_eller_behandling` dropped and its terms
    over a dropped column left out of `meldekort_eller_behandling_kilde`: looser than the
    one it replaces, whatever name it takes."""
    later = {
        f"{FOLDER}/V2__renamed.sql": (
            'ALTER TABLE promo_code DROP CONSTRAINT "check_discount_type";\n'
            f'ALTER TABLE promo_code ADD CONSTRAINT "check_discount_type_kind" CHECK ({expr});\n'
        )
    }
    assert bool(_rg224(git_repo, later)) is breaks


@pytest.mark.parametrize(
    ("labels", "breaks"),
    [
        ("'proposal', 'vote', 'notification'", False),  # a label more: looser
        ("'proposal'", True),  # one dropped: tighter
    ],
)
@pytest.mark.parametrize("native", [False, True])
def test_a_knex_enu_check_is_the_old_one(
    git_repo: Any, labels: str, breaks: bool, native: bool
) -> None:
    """g-old (round BQ): ``t.enu('type', [...])`` made ``activities_type_check``; later
    steps re-draw it with a label more. A native enum (``useNative: true``) is a type of its
    own, no CHECK to compare with: the re-drawn CHECK stays a finding."""
    folder = "migrations"
    options = ", { useNative: true, enumName: 'activity_type' }" if native else ""
    create = (
        "exports.up = (knex) => knex.schema.createTable('activities', (t) => {\n"
        "  t.increments();\n"
        f"  t.enu('type', ['proposal', 'vote']{options});\n"
        "});\n"
        "exports.down = (knex) => knex.schema.dropTable('activities');\n"
    )
    redraw = (
        "exports.up = (knex) => knex.schema.raw(`\n"
        '  ALTER TABLE "activities" DROP CONSTRAINT "activities_type_check",\n'
        '  ADD CONSTRAINT "activities_type_check" CHECK (type IN (' + labels + "))`);\n"
        "exports.down = () => Promise.resolve();\n"
    )
    files = {
        f"{folder}/20170101000000_create.js": create,
        f"{folder}/20170817151612_redraw.js": redraw,
    }
    found = git_repo.history_paths("RG224", folder, "knex", files)
    assert found == ([f"{folder}/20170817151612_redraw.js"] if breaks or native else [])


@pytest.mark.parametrize(
    ("labels", "breaks"),
    [
        ("'SETUP', 'DEACTIVATED', 'MISSED'", False),  # a label more: looser
        ("'DEACTIVATED'", True),  # one taken away: tighter
    ],
)
def test_a_liquibase_check_dropped_and_drawn_again_by_two_changesets(
    git_repo: Any, labels: str, breaks: bool
) -> None:
    """esup (round CK, three): a formatted-SQL changelog drops the CHECK in changeSet -1 and
    draws it again in -2; judged against the one an earlier changelog made."""
    head = "--liquibase formatted sql\n\n"
    made = (
        head + "--changeset a:1\nCREATE TABLE log (id int, kind varchar(40)\n"
        "  CHECK (kind IN ('DEACTIVATED', 'MISSED')));\n--rollback DROP TABLE log;\n"
    )
    redrawn = (
        head + "--changeset a:2-1\nALTER TABLE log DROP CONSTRAINT log_kind_check;\n"
        "--rollback SELECT 1;\n\n--changeset a:2-2\nALTER TABLE log ADD CONSTRAINT log_kind_check\n"
        f"  CHECK (kind IN ({labels}));\n--rollback SELECT 1;\n"
    )
    files = {
        "db/master.xml": '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog '
        'xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
        '  <includeAll path="changes/" relativeToChangelogFile="true"/>\n</databaseChangeLog>\n',
        "db/changes/1_init.sql": made,
        "db/changes/2_kind.sql": redrawn,
    }
    found = git_repo.history_paths("RG224", "db", "liquibase", files)
    assert found == (["db/changes/2_kind.sql"] if breaks else [])
