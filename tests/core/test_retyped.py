"""RG223 without a down step to show the old type: the earlier migration files show it
(ftl, round P: dbmate's empty down sections, bytea columns given a domain AS BYTEA)."""

from __future__ import annotations

from typing import Any

import pytest

FOLDER = "db/migrations"


def _dbmate(up: str) -> str:
    return f"-- migrate:up\n{up}\n-- migrate:down\n"


INIT = _dbmate(
    "CREATE TABLE events (id bigint PRIMARY KEY, payload bytea NOT NULL, body json,\n"
    "  ref int, total text);\n"
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS total bigint;\n"  # a no-op: total is text
)


def _rg223(git_repo: Any, later: dict[str, str], with_git: bool = True) -> list[str]:
    files = {f"{FOLDER}/20240101000000_init.sql": INIT, **later}
    return git_repo.history_paths("RG223", FOLDER, "dbmate", files, with_git)


RENAMED = {f"{FOLDER}/20240102000000_rename.sql": _dbmate("ALTER TABLE events RENAME TO timeline;")}
DOMAIN = {f"{FOLDER}/20240103000000_domain.sql": _dbmate("CREATE DOMAIN secret AS BYTEA;")}
RULED = {
    f"{FOLDER}/20240103000000_domain.sql": _dbmate(
        "CREATE DOMAIN secret AS BYTEA CHECK (length(VALUE) > 16);"
    )
}
LAST = f"{FOLDER}/20240104000000_retype.sql"


@pytest.mark.parametrize("with_git", [True, False])
@pytest.mark.parametrize(
    ("earlier", "change", "breaks"),
    [
        (DOMAIN, "ALTER TABLE timeline ALTER COLUMN payload TYPE secret;", False),
        (RULED, "ALTER TABLE timeline ALTER COLUMN payload TYPE secret;", True),  # a rule more
        ({}, "ALTER TABLE timeline ALTER COLUMN body TYPE jsonb;", False),  # json → jsonb
        ({}, "ALTER TABLE timeline ALTER COLUMN payload TYPE jsonb USING payload::jsonb;", True),
        ({}, "ALTER TABLE timeline ALTER COLUMN ref TYPE uuid USING NULL;", True),
        ({}, "ALTER TABLE timeline ALTER COLUMN total TYPE bigint USING total::bigint;", True),
    ],
    ids=["domain", "domain-with-check", "widened", "retyped", "int-to-uuid", "if-not-exists"],
)
def test_the_old_type_from_earlier_files(
    git_repo: Any, earlier: dict[str, str], change: str, breaks: bool, with_git: bool
) -> None:
    later = {**RENAMED, **earlier, LAST: _dbmate(change)}
    assert _rg223(git_repo, later, with_git) == ([LAST] if breaks else [])


def test_a_domain_the_step_creates(git_repo: Any) -> None:
    change = (
        "CREATE DOMAIN secret AS BYTEA;\nALTER TABLE timeline ALTER COLUMN payload TYPE secret;"
    )
    assert _rg223(git_repo, {**RENAMED, LAST: _dbmate(change)}) == []


def test_a_down_section_is_not_history(git_repo: Any) -> None:
    """goose/dbmate keep both steps in one file: the down step's type is no old type."""
    flip = "-- migrate:up\n\n-- migrate:down\nALTER TABLE events ALTER COLUMN ref TYPE uuid;\n"
    retype = _dbmate("ALTER TABLE events ALTER COLUMN ref TYPE uuid USING NULL;")
    later = {f"{FOLDER}/20240102000000_noop.sql": flip, LAST: retype}
    assert _rg223(git_repo, later) == [LAST]


@pytest.mark.parametrize("with_git", [True, False])
@pytest.mark.parametrize(
    ("change", "breaks"),
    [
        ("ALTER TABLE timeline ALTER COLUMN total TYPE varchar(36);", True),  # text → 36
        ("ALTER TABLE timeline ALTER COLUMN ref TYPE smallint;", True),  # int → smallint
        ("ALTER TABLE timeline ALTER COLUMN ref TYPE bigint;", False),  # a widening
        ("ALTER TABLE timeline ALTER COLUMN total TYPE varchar(36) USING left(total, 36);", True),
        ("ALTER TABLE elsewhere ALTER COLUMN code TYPE varchar(36);", False),  # no type known
    ],
    ids=["shorter-string", "smaller-int", "wider", "using", "unknown"],
)
def test_a_narrowing_only_earlier_files_show(
    git_repo: Any, change: str, breaks: bool, with_git: bool
) -> None:
    """uaa V2_0_4 (round U): ``origin_key`` made ``VARCHAR(255)`` by V2_0_0, ``VARCHAR(36)``
    here, in a history without down steps: a narrowing the step alone cannot tell from a
    widening (a string of unknown length made 36 long may be either), so it was silent."""
    later = {**RENAMED, LAST: _dbmate(change)}
    assert _rg223(git_repo, later, with_git) == ([LAST] if breaks else [])


def test_a_narrowing_said_with_the_type_the_earlier_files_gave(git_repo: Any) -> None:
    from rollback_gate.checks import migrations as engine
    from rollback_gate.gate import CheckOptions, prepare

    later = {**RENAMED, LAST: _dbmate("ALTER TABLE timeline ALTER COLUMN total TYPE varchar(36);")}
    _rg223(git_repo, later)
    [f] = [f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"]
    assert "from text to varchar(36)" in f.message
    assert "maybe" not in f.message and "not visible" not in f.message


def test_a_column_renamed_since_keeps_the_type_it_was_made_with(git_repo: Any) -> None:
    """keyworker-api (round AS): ``snapshot_date TIMESTAMP`` made, its table and then the
    column renamed, then ``TYPE date``: the finding says the type the earlier files show,
    not that none is visible."""
    from rollback_gate.checks import migrations as engine
    from rollback_gate.gate import CheckOptions, prepare

    column = {f"{FOLDER}/20240103000000_column.sql": _dbmate(
        "ALTER TABLE timeline\n  RENAME COLUMN payload TO body_bytes;"
    )}  # fmt: skip
    change = "ALTER TABLE timeline ALTER COLUMN body_bytes TYPE uuid USING NULL;"
    _rg223(git_repo, {**RENAMED, **column, LAST: _dbmate(change)})
    [f] = [f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG223"]
    assert "from bytea to uuid" in f.message
    assert "not visible" not in f.message


@pytest.mark.parametrize("with_git", [True, False])
def test_a_domain_another_folder_of_the_config_creates(git_repo: Any, with_git: bool) -> None:
    """fluidity-app (round AA): ``CREATE DOMAIN uint256 NUMERIC(78, 0)`` in the shared
    folder, ``bigint`` columns made ``uint256`` by another folder's migrations: a widening;
    back to ``bigint`` narrows."""
    import shutil

    from rollback_gate.checks import migrations as engine
    from rollback_gate.gate import CheckOptions, prepare

    shared, timescale = "database/100-up-sql-shared", "database/102-up-timescale"
    config = (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        f"  - path: {shared}\n    framework: dbmate\n    scope: all\n"
        f"  - path: {timescale}\n    framework: dbmate\n    scope: all\n"
    )
    widen = "ALTER TABLE lootbox ALTER COLUMN volume TYPE uint256;"
    back = "ALTER TABLE lootbox ALTER COLUMN volume TYPE bigint;"
    git_repo.commit_each({
        "deploy-readiness.yml": config,
        f"{shared}/20220701151154-numeric.sql": _dbmate("CREATE DOMAIN uint256 NUMERIC(78, 0);"),
        f"{timescale}/20220801000000-lootbox.sql": _dbmate(
            "CREATE TABLE lootbox (id bigint PRIMARY KEY, volume bigint NOT NULL);"
        ),
        f"{timescale}/20230605110239-volume.sql": _dbmate(widen),
        f"{timescale}/20230606110239-volume-back.sql": _dbmate(back),
    })  # fmt: skip
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f.path for f in engine.check(ctx) if f.rule == "RG223"]
    assert found == [f"{timescale}/20230606110239-volume-back.sql"]


@pytest.mark.parametrize(("new", "breaks"), [("TEXT[]", False), ("TEXT", True)])
def test_an_array_of_an_enum_made_an_array_of_text(git_repo: Any, new: str, breaks: bool) -> None:
    """comp (round AJ, Prisma): ``"Departments"[]``, an array of an enum an earlier file
    created, made ``TEXT[]``: each label is a string, a widening; an array made one string
    is not."""
    earlier = {
        f"{FOLDER}/20240102000000_enum.sql": _dbmate(
            "CREATE TYPE \"Departments\" AS ENUM ('it', 'hr');\n"
            'ALTER TABLE events ADD COLUMN "visible" "Departments"[]\n'
            '  DEFAULT ARRAY[]::"Departments"[];'
        )
    }
    change = f'ALTER TABLE events ALTER COLUMN "visible" TYPE {new} USING "visible"::{new};'
    assert _rg223(git_repo, {**earlier, LAST: _dbmate(change)}) == ([LAST] if breaks else [])


@pytest.mark.parametrize(("new", "breaks"), [("TIMESTAMP(6)", False), ("TIMESTAMP(0)", True)])
def test_a_timestamp_given_more_precision_is_a_widening(
    git_repo: Any, new: str, breaks: bool
) -> None:
    """genie (round AN): `TIMESTAMP(3) WITHOUT TIME ZONE` made `TIMESTAMP(6) WITHOUT TIME
    ZONE`; the type read from the earlier file is written `timestamp(3)without time zone`,
    which the type parser did not take for a timestamp."""
    later = {
        f"{FOLDER}/20240102000000_stamped.sql": _dbmate(
            "CREATE TABLE apps (id bigint, created TIMESTAMP(3) WITHOUT TIME ZONE NOT NULL);"
        ),
        LAST: _dbmate(f"ALTER TABLE apps ALTER COLUMN created TYPE {new} WITHOUT TIME ZONE;"),
    }
    assert _rg223(git_repo, later) == ([LAST] if breaks else [])


@pytest.mark.parametrize(
    ("labels", "added", "breaks"),
    [
        ("'a', 'b', 'c'", "", False),
        ("'a', 'c'", "", True),
        # veganhacktivists (round AU): a label added since, which the new enum leaves out
        ("'a', 'b', 'c'", "ALTER TYPE public.t_kind_enum ADD VALUE 'd';", True),
    ],
)
def test_an_enum_swapped_for_another_is_judged_by_the_labels(
    git_repo: Any, labels: str, added: str, breaks: bool
) -> None:
    """opal-fines-service (round AV): the baseline's ``public.t_kind_enum`` (its name read
    as ``public . t_kind_enum``) swapped for a new enum with every label and more. Labels
    added since are not followed here: such an enum is judged as before."""
    earlier = {
        f"{FOLDER}/20240102000000_enum.sql": _dbmate(
            "CREATE TYPE public.t_kind_enum AS ENUM ('a', 'b');\n"
            "ALTER TABLE events ADD COLUMN kind public.t_kind_enum;"
        )
    }
    if added:  # (in a file of its own, which names no table)
        earlier[f"{FOLDER}/20240103000000_value.sql"] = _dbmate(added)
    change = (
        f"CREATE TYPE t_kind_more_enum AS ENUM ({labels});\n"
        "ALTER TABLE events ALTER COLUMN kind TYPE t_kind_more_enum"
        " USING kind::TEXT::t_kind_more_enum;"
    )
    assert _rg223(git_repo, {**earlier, LAST: _dbmate(change)}) == ([LAST] if breaks else [])


_TS = """import {{ MigrationInterface, QueryRunner }} from 'typeorm';

export class M{n} implements MigrationInterface {{
  public async up(queryRunner: QueryRunner): Promise<void> {{
    await queryRunner.query(`{sql}`);
  }}

  public async down(_queryRunner: QueryRunner): Promise<void> {{}}
}}
"""


@pytest.mark.parametrize(("new", "breaks"), [("double precision", False), ("uuid", True)])
def test_a_typeorm_file_s_old_type_from_the_sql_of_earlier_files(
    git_repo: Any, new: str, breaks: bool
) -> None:
    """121-platform (round AZ): ``paymentAmountMultiplier`` was made ``integer`` by the
    first TypeORM file's SQL; a later one with an empty down step makes it ``double
    precision`` (a ``USING`` cast, which alone makes a change with no old type shown a
    finding), which holds every integer: no RG223. ``uuid`` holds none of them."""
    folder = "src/migration"
    files = {
        f"{folder}/1632823002006-Init.ts": _TS.format(
            n=1,
            sql='CREATE TABLE "registration" ("id" SERIAL NOT NULL, '
            '"paymentAmountMultiplier" integer NOT NULL DEFAULT 1)',
        ),
        f"{folder}/1758782235042-Multiplier.ts": _TS.format(
            n=2,
            sql=f'ALTER TABLE "registration" ALTER COLUMN "paymentAmountMultiplier" TYPE {new} '
            f'USING "paymentAmountMultiplier"::{new}',
        ),
    }
    assert bool(git_repo.history_paths("RG223", folder, "typeorm", files)) is breaks


def _db_migrate(git_repo: Any, name: str) -> dict[str, str]:
    """db-migrate's `create --sql-file` step (its SQL in `sqls/<name>-up.sql`) and the
    template's empty down file."""
    return {
        f"migrations/{name}.js": git_repo.db_migrate_step(name),
        f"migrations/sqls/{name}-down.sql": "/* Replace with your SQL commands */\n",
    }


@pytest.mark.parametrize("with_git", [True, False])
def test_a_db_migrate_sql_file_step_s_history_is_its_sqls(git_repo: Any, with_git: bool) -> None:
    """water-abstraction-tactical-crm (round BD): `metadata json` made by the first step's
    `sqls/…-up.sql`, `jsonb` by a later one's (an empty down file: the old type only the
    history shows). The sqls files sort after their own step, not after every step."""
    files = {
        **_db_migrate(git_repo, "20171201091402-crm"),
        "migrations/sqls/20171201091402-crm-up.sql": "CREATE TABLE document_header "
        "(id int, metadata json, ref int);\n",
        **_db_migrate(git_repo, "20180212081214-jsonb"),
        "migrations/sqls/20180212081214-jsonb-up.sql": "ALTER TABLE document_header "
        'ALTER COLUMN "metadata" TYPE jsonb USING "metadata"::jsonb;\n',
    }
    assert git_repo.history_paths("RG223", "migrations", "db-migrate", files, with_git) == []


@pytest.mark.parametrize(
    ("framework", "folder", "name", "breaks"),
    [
        # uci-apis (round BF): Prisma reads and writes both as one DateTime
        ("prisma", "prisma/migrations", "{stamp}_retype/migration.sql", False),
        # elsewhere a date's reader may get another type (Django's DateField, round AM)
        ("dbmate", "db/migrations", "{stamp}_retype.sql", True),
    ],
)
def test_a_date_made_a_timestamp_is_a_widening_for_prisma_only(
    git_repo: Any, framework: str, folder: str, name: str, breaks: bool
) -> None:
    def file(stamp: str, sql: str) -> tuple[str, str]:
        path = f"{folder}/{name.format(stamp=stamp)}".replace("_retype", f"_{stamp[-2:]}")
        return path, _dbmate(sql) if framework == "dbmate" else sql + "\n"

    first = file("20240101000000", 'CREATE TABLE "Bot" ("id" TEXT, "startDate" DATE);')
    last = file(
        "20240102000000", 'ALTER TABLE "Bot" ALTER COLUMN "startDate" SET DATA TYPE TIMESTAMP(3);'
    )
    found = git_repo.history_paths("RG223", folder, framework, dict([first, last]))
    assert found == ([last[0]] if breaks else [])


@pytest.mark.parametrize(("added", "breaks"), [("json", True), ("text", False)])
def test_a_column_dropped_and_added_again_is_judged_by_the_type_earlier_files_gave(
    git_repo: Any, added: str, breaks: bool
) -> None:
    """hoop 000033 (round BG): ``dbrole_jobs.status`` dropped and added again as JSON, no
    down step to show its VARCHAR: the earlier files show it, and the previous release's
    strings are no JSON. The same type again is no change."""
    change = f"ALTER TABLE events DROP COLUMN total;\nALTER TABLE events ADD COLUMN total {added};"
    assert _rg223(git_repo, {LAST: _dbmate(change)}) == ([LAST] if breaks else [])


_RAILS_DATE = (
    "class CreateEvents < ActiveRecord::Migration[6.0]\n  def change\n"
    "    create_table :events do |t|\n      t.date :day\n    end\n  end\nend\n"
)


def _rails_retype(up: str) -> str:
    return (
        f"class Retype < ActiveRecord::Migration[6.0]\n  def up\n    {up}\n  end\n"
        "  def down\n    change_column :events, :day, :date\n  end\nend\n"
    )


_TYPEORM_RETYPE = (
    "import { MigrationInterface, QueryRunner } from 'typeorm';\n"
    "export class Retype1700000000001 implements MigrationInterface {\n"
    "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
    '    await queryRunner.query(`ALTER TABLE "event" ALTER COLUMN "day" TYPE TIMESTAMP`);\n'
    "  }\n"
    "  public async down(queryRunner: QueryRunner): Promise<void> {\n"
    '    await queryRunner.query(`ALTER TABLE "event" ALTER COLUMN "day" TYPE date`);\n'
    "  }\n}\n"
)
_KNEX_RETYPE = (
    "exports.up = (knex) => knex.schema.alterTable('events', (t) => {\n"
    "  t.timestamp('day').alter();\n});\n"
    "exports.down = (knex) => knex.schema.alterTable('events', (t) => {\n"
    "  t.date('day').alter();\n});\n"
)
_LARAVEL_RETYPE = (
    "<?php\nuse Illuminate\\Database\\Migrations\\Migration;\n"
    "use Illuminate\\Database\\Schema\\Blueprint;\nuse Illuminate\\Support\\Facades\\Schema;\n"
    "return new class extends Migration {\n    public function up(): void\n    {\n"
    "        Schema::table('events', function (Blueprint $table) {\n"
    "            $table->dateTime('day')->change();\n        });\n    }\n"
    "    public function down(): void\n    {\n"
    "        Schema::table('events', function (Blueprint $table) {\n"
    "            $table->date('day')->change();\n        });\n    }\n};\n"
)
_ALEMBIC_RETYPE = (
    'revision = "b2"\ndown_revision = None\n\nimport sqlalchemy as sa\nfrom alembic import op\n\n\n'
    "def upgrade():\n"
    '    op.alter_column("events", "day", type_=sa.DateTime(), existing_type=sa.Date())\n\n\n'
    "def downgrade():\n"
    '    op.alter_column("events", "day", type_=sa.Date(), existing_type=sa.DateTime())\n'
)


_RAILS_CREATE = "db/migrate/20240101000000_create_events.rb"
_RAILS_LAST = "db/migrate/20240102000000_retype.rb"
_USING = "\"timestamp USING day + interval '9 hours'\""


@pytest.mark.parametrize(
    ("framework", "files", "breaks"),
    [
        # apply-for-qualified-teacher-status (round BD): Active Record casts the timestamp
        # by its schema cache's `date`
        (
            "rails",
            {
                _RAILS_CREATE: _RAILS_DATE,
                _RAILS_LAST: _rails_retype("change_column :events, :day, :datetime"),
            },
            False,
        ),
        # a USING that is more than the cast changes the values the previous release reads
        (
            "rails",
            {
                _RAILS_CREATE: _RAILS_DATE,
                _RAILS_LAST: _rails_retype(f"change_column :events, :day, {_USING}"),
            },
            True,
        ),
        # bibliotheque-numerique (round BN): a TypeORM `date` property reads YYYY-MM-DD
        ("typeorm", {"src/migrations/1700000000001-Retype.ts": _TYPEORM_RETYPE}, False),
        ("knex", {"migrations/20240102000000_retype.js": _KNEX_RETYPE}, False),
        # Eloquent's attributes without a cast are the database's strings
        ("laravel", {"database/migrations/2024_01_02_000000_retype.php": _LARAVEL_RETYPE}, True),
        # SQLAlchemy's Date hands the code a datetime (ros-backend, round BB)
        ("alembic", {"alembic/versions/b2_retype.py": _ALEMBIC_RETYPE}, True),
    ],
    ids=["rails", "rails-using", "typeorm", "knex", "laravel", "alembic"],
)
def test_a_date_made_a_timestamp_where_the_reader_still_reads_a_date(
    git_repo: Any, framework: str, files: dict[str, str], breaks: bool
) -> None:
    folder = next(iter(files)).rsplit("/", 1)[0]
    found = git_repo.history_paths("RG223", folder, framework, dict(files))
    assert found == ([list(files)[-1]] if breaks else [])


@pytest.mark.parametrize(("app", "breaks"), [("go.mod", False), ("package.json", True)])
def test_a_go_app_s_date_made_a_timestamp_is_read_as_a_time(
    git_repo: Any, app: str, breaks: bool
) -> None:
    """monetr (round BV): `date` made `timestamptz` in a Go app's golang-migrate folder:
    Go's drivers read both into a `time.Time`, and every date the previous release writes
    is a timestamp's midnight. Another app's reader of the same folder is not known."""
    folder = "schema"
    files: dict[str, str | bytes] = {
        app: "module example.com/app\n" if app == "go.mod" else "{}\n",
        f"{folder}/1_init.up.sql": "CREATE TABLE transactions (id bigint, date DATE);\n",
        f"{folder}/1_init.down.sql": "DROP TABLE transactions;\n",
        f"{folder}/2_dates.up.sql": "ALTER TABLE transactions ALTER COLUMN date TYPE timestamptz;",
        f"{folder}/2_dates.down.sql": "ALTER TABLE transactions ALTER COLUMN date TYPE DATE;\n",
    }
    found = git_repo.history_paths("RG223", folder, "golang-migrate", files)
    assert found == ([f"{folder}/2_dates.up.sql"] if breaks else [])


def _knex_decimal(new: str) -> str:
    return (
        "exports.up = (knex) => knex.schema.alterTable('users', (table) => {\n"
        f"  {new}.alter();\n}});\n"
        "exports.down = (knex) => knex.schema.alterTable('users', (table) => {\n"
        "  table.decimal('locale').alter();\n});\n"
    )


@pytest.mark.parametrize(
    ("framework", "new", "breaks"),
    [
        # therr-app (round CC): node-postgres hands Knex a DECIMAL as its text already
        ("knex", "table.string('locale')", False),
        ("knex", "table.string('locale', 10)", False),
        ("knex", "table.string('locale', 6)", True),  # shorter than 8 digits, point, sign
        ("knex", "table.integer('locale')", True),
    ],
    ids=["varchar-255", "varchar-10", "varchar-6", "integer"],
)
def test_a_decimal_made_a_string_where_the_reader_reads_its_text(
    git_repo: Any, framework: str, new: str, breaks: bool
) -> None:
    folder = "migrations"
    files: dict[str, str | bytes] = {
        f"{folder}/20240102000000_retype.js": _knex_decimal(new),
    }
    found = git_repo.history_paths("RG223", folder, framework, files)
    assert found == ([f"{folder}/20240102000000_retype.js"] if breaks else [])


FLYWAY = "db/migration"


@pytest.mark.parametrize(
    ("change", "breaks"),
    [
        # TIS-TCS (round CE, a miss): made varchar(255) by an earlier file, back to bigint
        ("ALTER TABLE Post CHANGE oldPostId oldPostId bigint(20);", True),
        ("ALTER TABLE `Post`\nMODIFY `oldPostId` bigint(20) NOT NULL;", True),
        # restated as it is, or wider: no change
        ("ALTER TABLE Post MODIFY oldPostId varchar(255) NOT NULL;", False),
        ("ALTER TABLE Post MODIFY oldPostId text;", False),
        # a column no earlier file shows: not known, no finding
        ("ALTER TABLE Post MODIFY unknownColumn bigint(20);", False),
        # MySQL's BOOLEAN is TINYINT(1)
        ("ALTER TABLE Post MODIFY active boolean NOT NULL;", False),
    ],
    ids=["change", "modify", "restated", "wider", "unknown", "boolean"],
)
def test_a_mysql_restated_column_is_judged_by_the_type_earlier_files_gave(
    git_repo: Any, change: str, breaks: bool
) -> None:
    files = {
        f"{FLYWAY}/V1__init.sql": "CREATE TABLE `Post` (`id` bigint(20) NOT NULL, "
        "`oldPostId` bigint(20), `active` tinyint(1), PRIMARY KEY (`id`));\n",
        f"{FLYWAY}/V2__strings.sql": "ALTER TABLE `Post` DROP COLUMN `oldPostId`;\n"
        "ALTER TABLE `Post` ADD COLUMN `oldPostId` varchar(255);\n",
        f"{FLYWAY}/V3__back.sql": change + "\n",
    }
    found = git_repo.history_paths("RG223", FLYWAY, "flyway", files)
    assert [p for p in found if p.endswith("V3__back.sql")] == (
        [f"{FLYWAY}/V3__back.sql"] if breaks else []
    )


_RAILS_STRING = (
    "class CreateDocuments < ActiveRecord::Migration[6.0]\n  def change\n"
    "    create_table :documents do |t|\n      t.string :url\n    end\n  end\nend\n"
)


def _rails_lengthen(limit: int) -> str:
    return (
        "class Lengthen < ActiveRecord::Migration[6.0]\n  def up\n"
        f"    change_column :documents, :url, :string, limit: {limit}\n  end\n"
        "  def down\n    change_column :documents, :url, :string\n  end\nend\n"
    )


@pytest.mark.parametrize(
    ("app", "limit", "breaks"),
    [
        # search-gov (round CI): a `:string` without a limit is varchar(255) on MySQL
        ({"config/database.yml": "default: &default\n  adapter: mysql2\n"}, 2000, False),
        ({"Gemfile": "gem 'rails'\ngem 'mysql2'\n"}, 2000, False),
        ({"config/database.yml": "default: &default\n  adapter: mysql2\n"}, 100, True),
        ({"config/database.yml": "default: &default\n  adapter: postgresql\n"}, 2000, True),
        ({"Gemfile": "gem 'rails'\ngem 'mysql2'\ngem 'pg'\n"}, 2000, True),
        ({}, 2000, True),
    ],
    ids=["mysql", "mysql-gem", "mysql-shorter", "postgresql", "both-gems", "not-known"],
)
def test_a_rails_string_given_a_limit_of_255_or_more_on_mysql_is_a_widening(
    git_repo: Any, app: dict[str, str], limit: int, breaks: bool
) -> None:
    files = {
        **app,
        "db/migrate/20240101000000_create_documents.rb": _RAILS_STRING,
        "db/migrate/20240102000000_lengthen.rb": _rails_lengthen(limit),
    }
    found = git_repo.history_paths("RG223", "db/migrate", "rails", files)
    assert found == (["db/migrate/20240102000000_lengthen.rb"] if breaks else [])
