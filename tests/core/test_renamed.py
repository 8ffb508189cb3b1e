"""An audit's older renames judged against their own release (checks.renamed), and the
multi-release word search under it (GitRepo.words_at)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks import renamed
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Finding, Severity
from rollback_gate.repo import GitRepo as Repo

MIGRATE = "db/migrate"
CREATE = (
    "class CreateOperations < ActiveRecord::Migration[6.0]\n  def change\n"
    "    create_table :operations do |t|\n      t.string :operation_type\n"
    "      t.references :family\n    end\n  end\nend\n"
)


def _rename(column: str, to: str) -> str:
    return (
        "class RenameIt < ActiveRecord::Migration[6.0]\n  def change\n"
        f"    rename_column :operations, :{column}, :{to}\n  end\nend\n"
    )


def _judged(
    git_repo: Any,
    entry: tuple[str, str],
    first: dict[str, str],
    code: dict[str, str],
    step: dict[str, str],
    rule: str,
    later: dict[str, str] | None = None,
) -> Finding:
    """The one ``rule`` finding of a `scope: all` audit of the migrations folder and
    framework ``entry``: ``first`` committed file by file after the config, then ``code``
    (the release before the step), the ``step``, and ``later`` (today's code)."""
    folder, framework = entry
    config = git_repo.migrations_config(folder, framework, scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **first})
    if code:
        git_repo.commit("code", code)
    git_repo.commit("step", step)
    if later:
        git_repo.commit("later", later)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [found] = [f for f in engine.check(ctx) if f.rule == rule]
    return found


def _audit(
    git_repo: Any, code: dict[str, str], step: str, later: dict[str, str], rule: str = "RG220"
) -> Finding:
    """The RG220 (or ``rule``) of ``step`` in a `scope: all` audit of a history whose
    release before it holds ``code``; ``later`` is committed after the step (today's code)."""
    first = {f"{MIGRATE}/20190101000000_create_operations.rb": CREATE}
    step_file = {f"{MIGRATE}/20190201000000_rename_it.rb": step}
    return _judged(git_repo, (MIGRATE, "rails"), first, code, step_file, rule, later)


MODEL = {"app/models/operation.rb": "class Operation < ApplicationRecord\nend\n"}


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        (MODEL, True),  # the model names the table, nothing names the column
        ({**MODEL, "app/views/ops/show.html.erb": "<%= @op.operation_type %>\n"}, False),
        ({**MODEL, "app/models/op2.rb": "# operation_type is read elsewhere\n"}, True),
        ({**MODEL, "spec/models/operation_spec.rb": "op.operation_type = 'x'\n"}, True),
        ({**MODEL, "app/models/opType.ts": "const t = op.operationType\n"}, False),
    ],
    ids=["unnamed", "view", "comment-only", "test-only", "camel-case"],
)
def test_an_audited_rename_of_a_column_its_own_release_never_named_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """abalone and parliamentary-questions (rounds BT, BU: five): an audit's renames of
    years ago were judged against no code, while the release each replaced named the old
    column nowhere (outside comments and tests): it neither read nor wrote it, P3."""
    rg220 = _audit(git_repo, code, _rename("operation_type", "action"), {})
    assert (rg220.severity is Severity.P3) is lowered
    assert ("names the old column nowhere" in rg220.message) is lowered


RETYPE = (
    "class RetypeIt < ActiveRecord::Migration[6.0]\n  def up\n"
    "    change_column :operations, :operation_type, :integer\n  end\n"
    "  def down\n    change_column :operations, :operation_type, :string\n  end\nend\n"
)


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        (MODEL, True),  # the model names the table, nothing names the column
        ({**MODEL, "app/views/ops/show.html.erb": "<%= @op.operation_type %>\n"}, False),
        ({**MODEL, "app/models/opType.ts": "const t = op.operationType\n"}, False),
    ],
    ids=["unnamed", "view", "camel-case"],
)
def test_an_audited_type_change_of_a_column_its_own_release_never_named_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """screenplay's ``pa_message.days_of_week`` (round CC, Ecto): made ``integer[]`` while
    the release before named the column nowhere (a stub controller its only code of the
    table): it neither wrote values the new type refuses nor read what it holds, P3."""
    rg223 = _audit(git_repo, code, RETYPE, {}, rule="RG223")
    assert (rg223.severity is Severity.P3) is lowered
    assert ("names the column nowhere" in rg223.message) is lowered


def test_the_release_judged_is_the_migration_s_own_not_today_s(git_repo: Any) -> None:
    """The code at the parent of the commit that added the migration is the release it
    replaced: today's code naming the old word again (another table's column) changes
    nothing, and code that named it then keeps the finding though today's does not."""
    later = {"app/models/kind.rb": "class Kind\n  attr_reader :operation_type\nend\n"}
    assert _audit(git_repo, MODEL, _rename("operation_type", "action"), later).severity is (
        Severity.P3
    )


def test_an_old_column_named_then_and_not_today_keeps_the_finding(git_repo: Any) -> None:
    view = {"app/views/ops/show.html.erb": "<%= @op.operation_type %>\n"}
    gone = {"app/views/ops/show.html.erb": "<%= @op.action %>\n"}
    rg220 = _audit(git_repo, {**MODEL, **view}, _rename("operation_type", "action"), gone)
    assert rg220.severity is not Severity.P3


def test_a_key_column_is_named_by_its_association(git_repo: Any) -> None:
    """abalone's family_id and moic's prison_offender_manager_id (rounds BU, BT): the
    previous release's `belongs_to :family` reads and writes `family_id` without naming
    it (a first version lowered both true positives; the after-maps caught it)."""
    model = "class Operation < ApplicationRecord\n  belongs_to :family\nend\n"
    code = {"app/models/operation.rb": model}
    assert _audit(git_repo, code, _rename("family_id", "cohort_id"), {}).severity is not Severity.P3


@pytest.mark.parametrize(
    ("config", "lowered"),
    [
        ("    config.load_defaults 6.1\n", True),
        ("    config.load_defaults 7.0\n", False),
        ("    config.load_defaults 7.1\n    config.active_record.partial_inserts = true\n", True),
        (
            '    config.load_defaults "7.0"\n    # config.active_record.partial_inserts = true\n',
            False,
        ),
    ],
    ids=["rails-6", "rails-7", "rails-7-partial", "rails-7-commented"],
)
def test_a_rails_7_app_inserts_every_column_it_never_names(
    git_repo: Any, config: str, lowered: bool
) -> None:
    """Rails 7's defaults turn partial inserts off: the previous release's INSERTs list
    every column its schema cache read at boot, the renamed one among them, wherever it
    inserts into the table its code names. Only an app that inserts changed columns
    only (before 7.0, or set back) never writes an old column it does not name."""
    app = "module App\n  class Application < Rails::Application\n" + config + "  end\nend\n"
    # (a release that makes rows of the table: one that makes none inserts no column)
    made = {"app/jobs/log.rb": "class Log\n  def run = Operation.create!(family: 1)\nend\n"}
    code = {**MODEL, **made, "config/application.rb": app}
    rg220 = _audit(git_repo, code, _rename("operation_type", "action"), {})
    assert (rg220.severity is Severity.P3) is lowered


@pytest.mark.parametrize(
    ("defaults", "code", "lowered"),
    [
        ("6.1", {}, True),
        ("7.0", {}, False),
        ("6.1", {"app/models/kind.rb": "class Kind\n  def operation_type = 1\nend\n"}, False),
    ],
    ids=["rails-6", "rails-7", "named"],
)
def test_a_change_s_rename_follows_the_same_rails_rule(
    git_repo: Any, defaults: str, code: dict[str, str], lowered: bool
) -> None:
    """The same in a change (checks.dropped): the code uses the table (its model creates
    rows) and names neither column name: before 7.0's defaults its model writes no column
    it never names (P3), with them it writes every one (P1); a name said anywhere stays."""
    app = f"class Application < Rails::Application\n  config.load_defaults {defaults}\nend\n"
    base = git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails"),
            f"{MIGRATE}/20190101000000_create_operations.rb": CREATE,
            "app/models/operation.rb": "class Operation < ApplicationRecord\nend\n",
            "app/services/ops.rb": "Operation.create!\n",
            "config/application.rb": app,
            **code,
        },
    )
    step = _rename("operation_type", "action")
    git_repo.commit("pr", {f"{MIGRATE}/20190201000000_rename_it.rb": step})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    [rg220] = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert (rg220.severity is Severity.P3) is lowered


def test_a_change_s_rename_of_a_key_its_association_uses_stays(git_repo: Any) -> None:
    app = "class Application < Rails::Application\n  config.load_defaults 6.1\nend\n"
    model = "class Operation < ApplicationRecord\n  belongs_to :family\nend\n"
    base = git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails"),
            f"{MIGRATE}/20190101000000_create_operations.rb": CREATE,
            "app/models/operation.rb": model,
            "config/application.rb": app,
        },
    )
    step = _rename("family_id", "cohort_id")
    git_repo.commit("pr", {f"{MIGRATE}/20190201000000_rename_it.rb": step})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    [rg220] = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert rg220.severity is not Severity.P3


@pytest.mark.parametrize(
    ("code", "said"),
    [
        ({"app/health.rb": "def ok = true\n"}, "names the old table nowhere"),
        # (round CO: its model, which nothing else uses, reads and writes no row either)
        ({"app/models/category_tag.rb": "class CategoryTag\nend\n"},
         "only in its own model (app/models/category_tag.rb)"),
        ({"app/models/category_tag.rb": "class CategoryTag\nend\n",
          "app/models/category.rb": "class Category\n  has_many :category_tags\nend\n"}, ""),
    ],
    ids=["unnamed", "model", "associated"],
)  # fmt: skip
def test_an_audited_table_rename_its_own_release_never_named_is_p3(
    git_repo: Any, code: dict[str, str], said: str
) -> None:
    """speakerinnen_liste-like (round BU): a table renamed away that the release before
    names nowhere, or only as its model's class that nothing else uses."""
    create = (
        "class CreateTags < ActiveRecord::Migration[6.0]\n  def change\n"
        "    create_table :category_tags do |t|\n      t.integer :tag_id\n    end\n  end\nend\n"
    )
    rename = (
        "class RenameTags < ActiveRecord::Migration[6.0]\n  def change\n"
        "    rename_table :category_tags, :categories_tags\n  end\nend\n"
    )
    first = {f"{MIGRATE}/20140101000000_create_tags.rb": create}
    step = {f"{MIGRATE}/20140330183449_rename_tags.rb": rename}
    rg221 = _judged(git_repo, (MIGRATE, "rails"), first, code, step, "RG221")
    assert (rg221.severity is Severity.P3) is bool(said), rg221.message
    assert said in rg221.message


_DEFINE = (
    "export const ReaderStateTable = connection.define<ReaderState, Partial<Attrs>>("
    "'reader_state', {\n  id: { type: DataTypes.INTEGER, primaryKey: true },\n});\n"
)


@pytest.mark.parametrize(
    ("code", "to", "said"),
    [
        # openland (round CB): Sequelize queries the model's plural, the table's new name
        ({"src/tables/ReaderState.ts": _DEFINE}, "reader_states", "the table it reads"),
        ({"src/tables/ReaderState.ts": _DEFINE}, "reader_users", "is reader_states"),
        # the model's name is its table's
        ({"src/tables/ReaderState.ts": _DEFINE,
          "src/connection.ts": "new Sequelize(url, { define: { freezeTableName: true } });\n"},
         "reader_states", ""),
        ({"src/tables/ReaderState.ts": _DEFINE.replace("{\n", "{\n}, {\n  tableName: "
                                                        "'reader_state',\n")},
         "reader_states", ""),
        # raw SQL names the table too
        ({"src/tables/ReaderState.ts": _DEFINE,
          "src/q.ts": "db.query('SELECT * FROM reader_state');\n"}, "reader_states", ""),
    ],
    ids=["plural", "other", "frozen", "table-name", "raw"],
)  # fmt: skip
def test_a_sequelize_model_s_name_is_no_use_of_the_table_of_that_name(
    git_repo: Any, code: dict[str, str], to: str, said: str
) -> None:
    folder = "src/tables/migrations"
    create = (
        "module.exports = {\n  up: async (queryInterface, Sequelize) => {\n"
        "    await queryInterface.createTable('reader_state', { id: Sequelize.INTEGER });\n"
        "  },\n  down: async (queryInterface) => {\n"
        "    await queryInterface.dropTable('reader_state');\n  },\n};\n"
    )
    rename = (
        "module.exports = {\n  up: async (queryInterface) => {\n"
        f"    await queryInterface.renameTable('reader_state', '{to}');\n"
        "  },\n  down: async (queryInterface) => {\n"
        f"    await queryInterface.renameTable('{to}', 'reader_state');\n  }},\n}};\n"
    )
    first = {f"{folder}/20180101000000-create.js": create}
    step = {f"{folder}/20180108235128-rename.js": rename}
    rg221 = _judged(git_repo, (folder, "sequelize"), first, code, step, "RG221")
    assert (rg221.severity is Severity.P3) is bool(said)
    assert said in rg221.message


def test_words_at_reads_each_release_within_its_budget(git_repo: Any) -> None:
    """Each rev's files that ``keep`` accepts, comments aside; revs past the budget (in
    the order asked) are left out, and a word found in a ``final`` path is settled."""
    old = git_repo.commit(
        "one", {"a.rb": "x.note = 1\n", "b.rb": "# remark\n", "c.txt": "remark\n"}
    )
    new = git_repo.commit("two", {"a.rb": "x.remark = 1\n" + "y = 2\n" * 50})
    repo = Repo(git_repo.root)

    def rb(path: str) -> bool:
        return path.endswith(".rb")

    said = repo.words_at([new, old], {"note", "remark"}, rb, ("#",))
    assert said == {new: {"remark": {"a.rb"}}, old: {"note": {"a.rb"}}}
    # the newer rev's files alone fill the budget: the older is not answered
    assert repo.words_at([new, old], {"note"}, rb, ("#",), budget=330).keys() == {new}
    both = repo.words_at([old], {"remark"}, lambda p: True, final=lambda p: p == "zzz")
    assert both == {old: {"remark": {"b.rb", "c.txt"}}}


def test_words_at_takes_no_part_of_a_kebab_case_name(git_repo: Any) -> None:
    """eWater (round CO): ``motive``, a renamed column, said only in a Blade view's
    ``id="create-motive"``, an HTML id: no use. A subtraction spaced out, a property, a
    string and SQL (where ``total-motive`` may be arithmetic) still are."""
    views = {
        "kebab.blade.php": '<form id="create-motive"><div class="motive-row x-motive-y">\n',
        "spaced.php": "$n = $a - motive;\n",
        "arrow.php": "echo $row->motive;\n",
        "quoted.js": "const k = 'motive-less' + 'motive';\n",
        "report.sql": "SELECT total-motive FROM t;\n",  # (SQL: may be arithmetic)
    }
    rev = git_repo.commit("views", views)
    said = Repo(git_repo.root).words_at([rev], {"motive"}, lambda p: True, final=lambda p: False)
    assert said == {rev: {"motive": {"spaced.php", "arrow.php", "quoted.js", "report.sql"}}}


def test_a_pull_request_s_release_is_its_merge_s_first_parent(git_repo: Any) -> None:
    """A branch changed the code first and added the migration after: the commit before
    the migration no longer names the old column, the main line's release before the
    merge still does. That release is the one replaced: the finding stays."""
    view = {"app/views/ops/show.html.erb": "<%= @op.operation_type %>\n"}
    git_repo.commit_each(
        {
            "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails", scope="all"),
            f"{MIGRATE}/20190101000000_create_operations.rb": CREATE,
        }
    )
    git_repo.commit("code", {**MODEL, **view})
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.commit("code first", {"app/views/ops/show.html.erb": "<%= @op.action %>\n"})
    step = _rename("operation_type", "action")
    git_repo.commit("rename", {f"{MIGRATE}/20190201000000_rename_it.rb": step})
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [rg220] = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert rg220.severity is not Severity.P3


@pytest.mark.parametrize(
    ("create", "code", "column"),
    [
        (
            "t.integer :websites_count",
            "  belongs_to :operation, counter_cache: true\n",
            "websites_count",
        ),
        ("t.integer :lock_version", "", "lock_version"),
        ("t.timestamps", "", "created_at"),
    ],
    ids=["counter-cache", "lock-version", "timestamps"],
)
def test_a_column_rails_writes_by_itself_is_used_unnamed(
    git_repo: Any, create: str, code: str, column: str
) -> None:
    """contacts-admin (round BQ: two true positives a first version lowered): a counter
    cache's `<children>_count`, the optimistic lock's `lock_version` and the timestamps
    are written by ActiveRecord, named in no code."""
    table = CREATE.replace("t.string :operation_type", create)
    website = f"class Website < ApplicationRecord\n{code}end\n"
    git_repo.commit_each(
        {
            "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails", scope="all"),
            f"{MIGRATE}/20190101000000_create_operations.rb": table,
        }
    )
    git_repo.commit("code", {**MODEL, "app/models/website.rb": website})
    step = _rename(column, "renamed")
    git_repo.commit("rename", {f"{MIGRATE}/20190201000000_rename_it.rb": step})
    [rg220] = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG220"
    ]
    assert rg220.severity is not Severity.P3


FLYWAY = "src/main/resources/db/migration"
JOOQ = (
    "import org.jooq.DSLContext;\n"
    "class Users { Object all(DSLContext c) { return c.selectFrom(WEB_USER); } }\n"
)
PLAIN = 'class Users { String q = "SELECT id FROM web_user"; }\n'


@pytest.mark.parametrize(("code", "lowered"), [(JOOQ, False), (PLAIN, True)], ids=["jooq", "plain"])
@pytest.mark.parametrize("audit", [True, False], ids=["audit", "change"])
def test_jooq_s_generated_tables_read_every_column(
    git_repo: Any, code: str, lowered: bool, audit: bool
) -> None:
    """steve (round BO: a true positive a first version lowered): jOOQ's classes, generated
    at build time and not in the tree, select every column of `WEB_USER`, `api_token`
    among them, which no committed code names. Code that names the table by plain SQL
    reads the columns it names."""
    scope = "all" if audit else "changed"
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": git_repo.migrations_config(FLYWAY, "flyway", scope=scope),
            f"{FLYWAY}/V1__init.sql": "CREATE TABLE web_user (id int, api_token text);\n",
            "src/main/java/Users.java": code,
        }
    )
    sql = "ALTER TABLE web_user RENAME COLUMN api_token TO api_password;\n"
    git_repo.commit("rename", {f"{FLYWAY}/V2__rename.sql": sql})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=None if audit else base))
    [rg220] = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert (rg220.severity is Severity.P3) is lowered


def test_a_namespaced_key_is_named_by_its_association_s_last_words(git_repo: Any) -> None:
    """tutor-server (round BD): `belongs_to :reading_try_another_pool` reads and writes
    `content_reading_try_another_pool_id`, its namespace's prefix before the name."""
    create = CREATE.replace("t.references :family", "t.integer :content_reading_pool_id")
    model = "class Operation < ApplicationRecord\n  belongs_to :reading_pool\nend\n"
    git_repo.commit_each(
        {
            "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails", scope="all"),
            f"{MIGRATE}/20190101000000_create_operations.rb": create,
        }
    )
    git_repo.commit("code", {"app/models/operation.rb": model})
    step = _rename("content_reading_pool_id", "content_context_pool_id")
    git_repo.commit("rename", {f"{MIGRATE}/20190201000000_rename_it.rb": step})
    [rg220] = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG220"
    ]
    assert rg220.severity is not Severity.P3


def test_a_django_swap_is_judged_by_the_name_it_takes_over(git_repo: Any) -> None:
    """open-city-profile (round BN: a true positive a first version lowered): `code_new`
    added by one migration of the release, `code` removed and `code_new` renamed `code` by
    the next. The previous release never named `code_new`, but read and wrote `code`,
    whose values the swap replaces: the rename stays."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    initial = (
        head + "    initial = True\n    dependencies = []\n"
        "    operations = [migrations.CreateModel(name='Order', fields=[('id', models.AutoField("
        "primary_key=True)), ('code', models.TextField())])]\n"
    )
    swap = {
        "shop/migrations/0002_code_new.py": head + "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.AddField('order', 'code_new', SearchField(null=True))]\n",
        "shop/migrations/0003_swap.py": head + "    dependencies = [('shop', '0002_code_new')]\n"
        "    operations = [migrations.RemoveField('order', 'code'),\n"
        "                  migrations.RenameField('order', 'code_new', 'code')]\n",
    }
    git_repo.commit_each(
        {
            "deploy-readiness.yml": git_repo.migrations_config("shop/migrations", "django", "all"),
            "shop/__init__.py": "",
            "shop/migrations/__init__.py": "",
            "shop/migrations/0001_initial.py": initial,
            "shop/models.py": "class Order(models.Model):\n    code = models.TextField()\n",
        }
    )
    git_repo.commit("swap", swap)
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG220"
    ]
    assert found
    assert all(f.severity is not Severity.P3 for f in found)
    assert any("was added by an earlier migration of the release" in f.message for f in found)


def test_a_folder_moved_away_and_back_is_judged_by_the_release_that_first_wrote_it(
    git_repo: Any,
) -> None:
    """scrumlr (round BX): its migrations moved from database/ to initialize/, on to
    databaseinitialize/ and back to initialize/; the move back added each file a second
    time under that name, and the rename of ``allow_editing`` was judged against the
    release of the move before it, whose code had long stopped naming the old column."""
    first, home = "server/database/sql", "server/initialize/sql"
    git_repo.commit_each(
        {
            "server/board.go": 'const q = "SELECT allow_editing FROM boards"\n',
            f"{first}/1_boards.up.sql": "CREATE TABLE boards (id int, allow_editing bool);\n",
            f"{first}/1_boards.down.sql": "DROP TABLE boards;\n",
            f"{first}/2_lock.up.sql": "ALTER TABLE boards RENAME COLUMN allow_editing TO locked;\n",
            f"{first}/2_lock.down.sql": "ALTER TABLE boards RENAME locked TO allow_editing;\n",
        }
    )
    git_repo.commit("code", {"server/board.go": 'const q = "SELECT locked FROM boards"\n'})
    for where, to in (
        (first, home),
        (home, "server/elsewhere/sql"),
        ("server/elsewhere/sql", home),
    ):
        (git_repo.root / to).parent.mkdir(parents=True, exist_ok=True)
        git_repo.git("mv", where, to)
        git_repo.commit(f"move {where} to {to}")
    git_repo.commit(
        "config",
        {"deploy-readiness.yml": git_repo.migrations_config(home, "golang-migrate", scope="all")},
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [rg220] = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert rg220.severity is not Severity.P3, rg220.message


@pytest.mark.parametrize(
    ("framework", "folder", "name", "rename", "lowered"),
    [
        # treetracker-wallet-api (round BY): db-migrate names no model by a last word
        ("db-migrate", "database/migrations", "20201209065300-rename.js",
         "exports.up = function (db) {\n  return db.renameTable('entity_trust_log',"
         " 'wallet_trust_log');\n};\nexports.down = function (db) {\n  return"
         " db.renameTable('wallet_trust_log', 'entity_trust_log');\n};\n", True),
        # … a Rails model in a module may be (`Entity::Trust::Log`): still a use
        ("rails", MIGRATE, "20201209065300_rename.rb",
         "class RenameIt < ActiveRecord::Migration[6.0]\n  def change\n"
         "    rename_table :entity_trust_log, :wallet_trust_log\n  end\nend\n", False),
    ],
)  # fmt: skip
def test_a_table_s_last_word_is_a_model_name_in_ruby_and_python_only(
    git_repo: Any, framework: str, folder: str, name: str, rename: str, lowered: bool
) -> None:
    config = git_repo.migrations_config(folder, framework, scope="all")
    first = (
        ("20200101000000-create.js", "exports.up = function (db) {\n  return db.createTable("
         "'entity_trust_log', {id: 'int'});\n};\n")
        if framework == "db-migrate"
        else ("20200101000000_create.rb", CREATE.replace(":operations", ":entity_trust_log"))
    )  # fmt: skip
    git_repo.commit("config", {"deploy-readiness.yml": config, f"{folder}/{first[0]}": first[1]})
    git_repo.commit("code", {"server/app.js": "const log = require('loglevel');\nlog.info('up')\n",
                             "app/models/entity/trust/log.rb": "class Log\nend\n"})  # fmt: skip
    git_repo.commit("rename", {f"{folder}/{name}": rename})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [rg221] = [f for f in engine.check(ctx) if f.rule == "RG221"]
    assert (rg221.severity is Severity.P3) is lowered, rg221.message


@pytest.mark.parametrize(("named", "lowered"), [(False, True), (True, False)])
def test_a_rename_added_releases_after_the_last_tag_is_judged_by_its_own_release(
    git_repo: Any, named: bool, lowered: bool
) -> None:
    """tolstoy (round BY): an audit's base fell back to a tag a year old; the renames added
    since were the change's, judged against the tag, whose code could not vouch for a
    release long after it, so none was lowered. Each is now judged by its own release."""
    git_repo.commit_each(
        {
            "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails", scope="all"),
            f"{MIGRATE}/20190101000000_create_operations.rb": CREATE,
        }
    )
    git_repo.git("tag", "v1")
    view = "<%= @op.operation_type %>\n" if named else "<%= @op.action %>\n"
    git_repo.commit("code", {**MODEL, "app/views/ops/show.html.erb": view})
    git_repo.commit(
        "rename", {f"{MIGRATE}/20190201000000_rename_it.rb": _rename("operation_type", "action")}
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert ctx.diff is not None and ctx.diff.how.startswith("last tag")
    [rg220] = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert (rg220.severity is Severity.P3) is lowered, rg220.message


_CHANGELOG = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
    '  <changeSet id="1" author="a">\n    <createTable tableName="INTYG">\n'
    '      <column name="ID" type="bigint"/>\n      <column name="KLAR_DATUM" type="date"/>\n'
    "    </createTable>\n  </changeSet>\n{more}</databaseChangeLog>\n"
)
_RENAME_CHANGESET = (
    '  <changeSet id="2" author="a">\n    <renameColumn tableName="INTYG" '
    'oldColumnName="KLAR_DATUM" newColumnName="KLART_DATUM" columnDataType="date"/>\n'
    "  </changeSet>\n"
)


@pytest.mark.parametrize(("named", "lowered"), [(False, True), (True, False)])
def test_a_changelog_s_rename_is_judged_by_the_release_its_changeset_came_in(
    git_repo: Any, named: bool, lowered: bool
) -> None:
    """webcert (round CC): one ``changelog.xml`` holds every release's changeSets, so the
    commit that first added the file is no release of a later changeSet. Its rename is
    judged by the code before the commit that brought that changeSet: P3 where that code
    names the old column nowhere, as a Flyway file's is."""
    code = 'class Utkast { @Column(name = "%s") Date d; }\n' % (
        "KLAR_DATUM" if named else "KLART_DATUM"
    )
    log = "db/changelog.xml"
    first, step = ({log: _CHANGELOG.format(more=more)} for more in ("", _RENAME_CHANGESET))
    code_file = {"src/Utkast.java": code}
    rg220 = _judged(git_repo, ("db", "liquibase"), first, code_file, step, "RG220")
    assert (rg220.severity is Severity.P3) is lowered


_KNEX = "migrations"


def _knex(name: str, body: str) -> dict[str, str]:
    return {
        f"{_KNEX}/{name}.js": f"exports.up = (knex) => {body};\n"
        "exports.down = (knex) => knex.schema.dropTable('apiKeys');\n"
    }


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        ({}, True),  # therr-app (round CC): no code names the table
        ({"src/keys.js": "module.exports = (db) => db('apiKeys').insert({ owner: 1 });\n"}, False),
        ({"src/keys.js": "// apiKeys are made by hand\n"}, True),  # a comment is no use
    ],
    ids=["unnamed", "inserted", "comment"],
)
def test_an_audited_not_null_on_a_table_its_own_release_never_named_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """therr-app's ``apiKeys`` (round CC), sst's Prisma tables (round CD): a NOT NULL
    added to a table the release before named nowhere in code: it wrote no row there, so
    none of its INSERTs fails. In a query builder's folder (and Prisma's) code must name a
    table to write it; the ORMs that write join tables no code names are not asked."""
    first = _knex(
        "20240101000000_keys",
        "knex.schema.createTable('apiKeys', (t) => { t.increments('id'); t.integer('owner'); })",
    )
    step = _knex("20240201000000_prefix", "knex.schema.alterTable('apiKeys', (t) => "
                 "{ t.string('keyPrefix').notNullable(); })")  # fmt: skip
    rg222 = _judged(git_repo, (_KNEX, "knex"), first, code, step, "RG222")
    assert (rg222.severity is Severity.P3) is lowered
    assert ("names the table nowhere" in rg222.message) is lowered


_PRISMA_DIR = "prisma/migrations"
_SCHEMA = (
    "model Exam {\n  id Int @id\n  risks ExamToRisk[]\n}\n"
    "model ExamToRisk {\n  id Int @id\n  examId Int\n  exam Exam @relation(fields: [examId], "
    "references: [id])\n}\n"
)


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        ("export const n = 1;\n", True),
        # a nested write through the relation `risks` names no ExamToRisk, and writes one
        ("prisma.exam.create({ data: { risks: { create: [{}] } } });\n", False),
        ("prisma.examToRisk.create({ data: {} });\n", False),
    ],
    ids=["unnamed", "nested", "direct"],
)
def test_a_prisma_model_is_written_through_the_relations_to_it(
    git_repo: Any, code: str, lowered: bool
) -> None:
    """sst-project-api (round CD): ``ExamToRisk`` given a NOT NULL column while the
    release before wrote no row of it. Prisma's client writes a model by its name or
    through a relation field of another model (read from that release's schema)."""
    create = 'CREATE TABLE "ExamToRisk" (id int PRIMARY KEY, "examId" int);\n'
    first = {
        "prisma/schema.prisma": _SCHEMA,
        f"{_PRISMA_DIR}/20220801000000_init/migration.sql": create,
    }
    step = {f"{_PRISMA_DIR}/20220816145918_exam_risk/migration.sql":
            'ALTER TABLE "ExamToRisk" ADD COLUMN "companyId" TEXT NOT NULL;\n'}  # fmt: skip
    rg222 = _judged(git_repo, (_PRISMA_DIR, "prisma"), first, {"src/exam.ts": code}, step, "RG222")
    assert (rg222.severity is Severity.P3) is lowered


def test_a_folder_split_since_the_release_is_held_by_the_folder_it_had_then(
    git_repo: Any,
) -> None:
    """TIS-TCS (round CE): its Flyway folder was split into ``schema/`` and ``data/`` long
    after a rename shipped; the release before the rename held the file's first folder,
    not today's, and its code named the old column nowhere."""
    first, home = "db/migration", "db/migration/schema"
    git_repo.commit_each(
        {
            "src/Post.java": '@Table(name = "post_view")\nclass PostView {\n  String office;\n}\n',
            f"{first}/V1__view.sql": "CREATE TABLE post_view (id int, managing_office text);\n",
        }
    )
    git_repo.commit(
        "rename",
        {
            f"{first}/V2__owner.sql": "ALTER TABLE post_view RENAME "
            "COLUMN managing_office TO office;\n"
        },
    )
    (git_repo.root / home).mkdir(parents=True)
    for name in ("V1__view.sql", "V2__owner.sql"):
        git_repo.git("mv", f"{first}/{name}", f"{home}/{name}")
    git_repo.commit(
        "split", {"deploy-readiness.yml": git_repo.migrations_config(home, "flyway", scope="all")}
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [rg220] = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert rg220.severity is Severity.P3, rg220.message


ECTO = "priv/repo/migrations"
ECTO_CREATE = (
    "defmodule App.Repo.Migrations.Create do\n  use Ecto.Migration\n\n  def change do\n"
    "    create table(:imported_cases) do\n      add :boat_engine_working, :boolean\n"
    "    end\n  end\nend\n"
)
ECTO_RENAME = (
    "defmodule App.Repo.Migrations.Rename do\n  use Ecto.Migration\n\n  def change do\n"
    "    rename table(:imported_cases), :boat_engine_working, to: :boat_engine_failure\n"
    "  end\nend\n"
)


def _ecto_schema(field: str) -> str:
    return (
        "defmodule App.ImportedCase do\n  use Ecto.Schema\n\n"
        f'  schema "imported_cases" do\n    field :{field}, :boolean\n  end\nend\n'
    )


@pytest.mark.parametrize(
    ("field", "lowered"), [("boat_engine_failure", True), ("boat_engine_working", False)]
)
def test_a_rename_to_the_name_its_release_s_model_already_maps_is_p3(
    git_repo: Any, field: str, lowered: bool
) -> None:
    """civilcasemanager (round CE): the previous release's Ecto schema already said
    ``field :boat_engine_failure``; a template still said the old word. The rename brings
    the database to the code. Where the model maps the old name, it stays a break."""
    code = {
        "lib/app/imported_case.ex": _ecto_schema(field),
        "lib/app_web/case.html.heex": "<p>boat_engine_working</p>\n",
    }
    found = _judged(
        git_repo, (ECTO, "ecto"), {f"{ECTO}/20240101000000_create.exs": ECTO_CREATE}, code,
        {f"{ECTO}/20240201000000_rename.exs": ECTO_RENAME}, "RG220",
    )  # fmt: skip
    assert (found.severity is Severity.P3) is lowered, found.message
    if lowered:
        assert "importedcase's boat_engine_failure" in found.message


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # db-service (round CQ): no schema, query or join names `centres`
        # (its column's word said elsewhere: the key's own rule, round CK's, does not lower it)
        ({"lib/app/health.ex": "defmodule App.Health do\n  def code, do: 200\nend\n"}, True),
        ({"lib/app/centre.ex": 'defmodule App.Centre do\n  use Ecto.Schema\n\n'
          '  schema "centres" do\n    field :code, :string\n  end\nend\n'}, False),
        ({"lib/app/load.ex": 'defmodule App.Load do\n  def run(rows), do: '
          'Repo.insert_all("centres", Enum.map(rows, &%{code: &1}))\nend\n'}, False),
    ],
    ids=["unnamed", "schema", "insert-all"],
)  # fmt: skip
def test_an_audited_ecto_key_on_a_table_its_release_never_named_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """Ecto writes a table only by its name (a schema's, a join's `join_through:`, a
    schemaless `insert_all`): one no code of the release names got no row from it."""
    create = (
        "defmodule App.Repo.Migrations.Create do\n  use Ecto.Migration\n\n  def change do\n"
        "    create table(:centres) do\n      add :code, :string\n    end\n  end\nend\n"
    )
    key = (
        "defmodule App.Repo.Migrations.Key do\n  use Ecto.Migration\n\n  def change do\n"
        "    create unique_index(:centres, [:code])\n  end\nend\n"
    )
    found = _judged(
        git_repo, (ECTO, "ecto"), {f"{ECTO}/20240101000000_create.exs": create}, code,
        {f"{ECTO}/20240201000000_key.exs": key}, "RG224",
    )  # fmt: skip
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize(
    ("path", "lowered"),
    [
        ("shop/models.py", True),
        ("other/models.py", False),
        # juntagrico (round CQ): `models.py` imports its models from the app's `entity/`
        ("shop/entity/stop.py", True),
        ("other/entity/stop.py", False),
    ],
)
def test_a_django_model_maps_its_own_app_s_table_only(
    git_repo: Any, path: str, lowered: bool
) -> None:
    """Traffic-Stops (round CE, a true positive a first version lowered): ``nc/models.py``'s
    ``Stop`` already said ``date``; ``md_stop`` is ``md/models.py``'s ``Stop``, which said
    ``stop_date``. A model of another app by the same name is no model of the table."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    initial = (
        head + "    initial = True\n    dependencies = []\n"
        "    operations = [migrations.CreateModel(name='Stop', fields=[('id', models.AutoField("
        "primary_key=True)), ('stop_date', models.DateField())])]\n"
    )
    rename = (
        head + "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.RenameField('stop', 'stop_date', 'date')]\n"
    )
    model = (
        "from django.db import models\n\nclass Stop(models.Model):\n    date = models.DateField()\n"
    )
    code = {
        path: model,
        "shop/admin.py": "list_display = ['stop_date']\n",
    }
    first = {
        "shop/__init__.py": "",
        "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py": initial,
    }
    found = _judged(
        git_repo, ("shop/migrations", "django"), first, code,
        {"shop/migrations/0002_rename.py": rename}, "RG220",
    )  # fmt: skip
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize(
    ("field", "lowered"),
    [
        ("models.DateField(null=True)", True),  # the new type itself
        ("models.DateTimeField(null=True)", False),  # the old one: it writes times
    ],
)
def test_a_type_change_to_the_type_its_release_s_model_already_declares_is_p3(
    git_repo: Any, field: str, lowered: bool
) -> None:
    """market-access-api's barriers 0030 (round CD), TANF-app's search_indexes 0017 (round
    CE): ``status_date`` made a date where the previous release's model, and its
    django-simple-history copy, already declared a ``DateField``: that release wrote dates."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    initial = (
        head + "    initial = True\n    dependencies = []\n"
        "    operations = [migrations.CreateModel(name='Barrier', fields=[('id', models."
        "AutoField(primary_key=True)), ('status_date', models.DateTimeField(null=True))])]\n"
    )
    alter = (
        head + "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.AlterField('barrier', 'status_date', "
        "models.DateField(null=True))]\n"
    )
    model = (
        "from django.db import models\nfrom simple_history.models import HistoricalRecords\n\n"
        f"class Barrier(models.Model):\n    status_date = {field}\n"
        "    history = HistoricalRecords()\n"
    )
    found = _shop_judged(git_repo, initial, model, {"0002_date": alter})
    assert (found.severity is Severity.P3) is lowered, found.message
    if lowered:
        assert "barrier's status_date date" in found.message


def test_a_column_made_an_array_of_its_release_s_declared_type_is_no_fit(git_repo: Any) -> None:
    """open-discussions' 0084 (round CI, a true positive wrongly lowered): ``department``
    ``varchar(256)`` made ``varchar(256)[]`` by RunSQL, where the previous release's model
    declared ``CharField(max_length=256)``: it writes a string the array refuses."""
    head = "from django.db import migrations, models\n\nclass Migration(migrations.Migration):\n"
    initial = (
        head + "    initial = True\n    dependencies = []\n"
        "    operations = [migrations.CreateModel(name='Course', fields=[('id', models."
        "AutoField(primary_key=True)), ('department', models.CharField(max_length=256, "
        "null=True))])]\n"
    )
    alter = (
        head + "    dependencies = [('shop', '0001_initial')]\n"
        "    operations = [migrations.RunSQL(\n"
        "        sql='ALTER TABLE shop_course ALTER COLUMN department TYPE varchar(256)[] "
        "USING array[department]',\n        reverse_sql='SELECT 1')]\n"
    )
    model = (
        "from django.db import models\n\n"
        "class Course(models.Model):\n"
        "    department = models.CharField(max_length=256, null=True)\n"
    )
    found = _shop_judged(git_repo, initial, model, {"0002_array": alter})
    assert found.severity is not Severity.P3, found.message


def _shop_judged(git_repo: Any, initial: str, model: str, step: dict[str, str]) -> Finding:
    """The RG223 of the Django app ``shop``'s ``step`` (name → text) in an audit, its first
    migration ``initial``, its release's ``shop/models.py`` ``model``."""
    first = {
        "shop/__init__.py": "",
        "shop/migrations/__init__.py": "",
        "shop/migrations/0001_initial.py": initial,
    }
    steps = {f"shop/migrations/{name}.py": text for name, text in step.items()}
    return _judged(
        git_repo, ("shop/migrations", "django"), first, {"shop/models.py": model}, steps, "RG223"
    )


@pytest.mark.parametrize(
    ("old", "entity", "lowered"),
    [
        # talent-cloud (round CJ): a quoted name the SQL reader spells `driver_license_s_`
        ("driver_license(s)", "@Column({ name: 'driver_license(s)' })\n  licenses: string;", False),
        ("driver_license_s", "@Column()\n  other: string;", True),
    ],
)
@pytest.mark.parametrize("framework", ["flyway", "typeorm"])
def test_a_quoted_old_name_the_reader_spells_otherwise_is_not_searched(
    git_repo: Any, old: str, entity: str, lowered: bool, framework: str
) -> None:
    head = 'CREATE TABLE personnel (id int, "{old}" text)'
    rename = f'ALTER TABLE "personnel" RENAME COLUMN "{old}" TO "driver_licenses"'
    code = {
        "src/personnel.entity.ts": "@Entity('personnel')\nexport class Personnel {\n"
        f"  {entity}\n}}\n"
    }
    if framework == "flyway":
        first = {"sql/V1__init.sql": head.format(old=old) + ";\n"}
        step = {"sql/V2__rename.sql": rename + ";\n"}
        entry = ("sql", "flyway")
    else:  # (the SQL's "names" inside a JavaScript `template`)
        first = _typeorm_step("1600000000000-Init", head.format(old=old))
        step = _typeorm_step("1700000000000-Rename", rename)
        entry = (TYPEORM, "typeorm")
    found = _judged(git_repo, entry, first, code, step, "RG220")
    assert (found.severity is Severity.P3) is lowered, found.message


def _typeorm_step(name: str, up: str) -> dict[str, str]:
    """A TypeORM migration ``<name>.ts`` whose ``up`` runs the SQL ``up``."""
    return {
        f"{TYPEORM}/{name}.ts": "import { MigrationInterface, QueryRunner } from 'typeorm';\n"
        f"export class M{name.split('-')[0]} implements MigrationInterface {{\n"
        f"  public async up(q: QueryRunner): Promise<void> {{\n    await q.query(`{up}`);\n"
        "  }\n  public async down(q: QueryRunner): Promise<void> {\n"
        "    await q.query(`SELECT 1`);\n  }\n}\n"
    }


@pytest.mark.parametrize(
    ("member", "lowered"),
    [
        # appreg-api (round CK): the entity already wrote the column as `text[]`
        ('@Column(columnDefinition = "text[]")\n    private List<String> aliasNames;', True),
        # pip-data-management (round CK): the definition held in a constant of the class
        (
            'private static final String DEFINITION = "text[]";\n'
            "    @Column(columnDefinition = DEFINITION)\n    private List<String> aliasNames;",
            True,
        ),
        ("@Column\n    private String aliasNames;", False),
    ],
)
def test_a_type_change_to_the_jpa_column_definition_of_its_release_is_p3(
    git_repo: Any, member: str, lowered: bool
) -> None:
    first = {"sql/V1__init.sql": "CREATE TABLE court (id bigint, alias_names varchar(255));\n"}
    entity = (
        'package app;\n\n@Entity\n@Table(name = "court")\npublic class Court {\n'
        f"    @Id private Long id;\n    {member}\n}}\n"
    )
    step = {"sql/V2__aliases.sql": "ALTER TABLE court ALTER COLUMN alias_names TYPE text[];\n"}
    found = _judged(
        git_repo, ("sql", "flyway"), first, {"src/main/java/app/Court.java": entity}, step, "RG223"
    )
    assert (found.severity is Severity.P3) is lowered, found.message


TYPEORM = "src/migrations"


@pytest.mark.parametrize(
    ("declared", "lowered"),
    [
        ("@Column()\n  siteTiming: string;", True),  # TypeORM's string: character varying
        ('@Column({ type: "time" })\n  siteTiming: string;', False),  # the old type
        ('@Column({ type: "enum", enum: Timing })\n  siteTiming: Timing;', False),  # not said
    ],
)
def test_a_typeorm_entity_s_declared_type_is_what_its_release_wrote(
    git_repo: Any, declared: str, lowered: bool
) -> None:
    """cogenterp (round CE): ``jobsites.siteTiming`` dropped as a ``time`` and added back
    as ``character varying``, where the previous release's entity already said
    ``@Column() siteTiming: string``."""

    create = _typeorm_step("1680000000000-Create", 'CREATE TABLE "jobsites" ("id" SERIAL NOT NULL, '
                  '"siteTiming" time)')  # fmt: skip
    change = _typeorm_step(
        "1688749574412-Timing",
        'ALTER TABLE "jobsites" DROP COLUMN "siteTiming"`);\n'
        '    await q.query(`ALTER TABLE "jobsites" ADD "siteTiming" character varying',
    )
    entity = (
        'import { Entity, Column } from "typeorm";\n\n@Entity("jobsites")\n'
        f"export class Jobsite {{\n  {declared}\n}}\n"
    )
    found = _judged(
        git_repo, (TYPEORM, "typeorm"), create, {"src/jobsite.entity.ts": entity}, change, "RG223"
    )
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize("read", [True, False])
@pytest.mark.parametrize(("declared", "lowered"), [("DATEONLY", True), ("STRING", False)])
def test_a_sequelize_model_s_declared_type_is_what_its_release_wrote(
    git_repo: Any, declared: str, lowered: bool, read: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """otz-server (round CE): ``patients.dob`` made a timestamp where the previous
    release's ``Patient.init`` already declared ``DataTypes.DATEONLY``: it wrote dates.
    Its release lay past the audit's reading budget (``read=False``): its models are read
    all the same."""
    if not read:
        monkeypatch.setattr(renamed, "WORDS_RELEASES", 0)
    folder = "migrations"

    def step(name: str, up: str, down: str = "") -> dict[str, str]:
        return {
            f"{folder}/{name}.js": "module.exports = {\n  async up(queryInterface, Sequelize) {\n"
            f"    {up}\n  }},\n  async down(queryInterface, Sequelize) {{\n    {down}\n  }}\n}};\n"
        }

    create = step(
        "20240101000000-create",
        "await queryInterface.createTable('patients', { id: { type: Sequelize.UUID, "
        "primaryKey: true }, dob: { type: Sequelize.STRING } })",
    )
    change = step(
        "20240614092505-alter-dob",
        "await queryInterface.changeColumn('patients', 'dob', { type: Sequelize.DATE })",
        "await queryInterface.changeColumn('patients', 'dob', { type: Sequelize.STRING })",
    )
    model = (
        "const { DataTypes, Model } = require('sequelize')\nclass Patient extends Model {}\n"
        f"Patient.init({{ dob: {{ type: DataTypes.{declared} }} }}, "
        "{ sequelize, tableName: 'patients' })\nmodule.exports = Patient\n"
    )
    found = _judged(
        git_repo, (folder, "sequelize"), create, {"src/patient.js": model}, change, "RG223"
    )
    assert (found.severity is Severity.P3) is lowered, found.message


LARAVEL = "database/migrations"


@pytest.mark.parametrize(
    ("code", "table", "lowered"),
    [
        # cnme-backend (round CF): an empty model, nothing else names it
        ({"app/Models/Etapa.php": "<?php\nclass Etapa extends Model {}\n"}, "etapas", True),
        # a controller that creates rows
        ({"app/Models/Etapa.php": "<?php\nclass Etapa extends Model {}\n",
          "app/Http/Controllers/EtapaController.php": "<?php\n$e = new Etapa();\n"},
         "etapas", False),
        # no model at all (a join table its models write unnamed): never lowered
        ({"app/Models/Etapa.php": "<?php\nclass Etapa extends Model {}\n"}, "etapa_kit", False),
        # eWater (round CO): no model, a name no join table has, said by no code
        ({"app/Models/Etapa.php": "<?php\nclass Etapa extends Model {}\n"}, "municipios", True),
    ],
    ids=["model-only", "written", "join-table", "no-join-table"],
)  # fmt: skip
def test_an_audited_not_null_on_a_table_only_its_model_names_is_p3(
    git_repo: Any, code: dict[str, str], table: str, lowered: bool
) -> None:
    create = git_repo.laravel_migration(
        LARAVEL,
        "2019_01_01_000000_create",
        f"        Schema::create('{table}', function (Blueprint $table) {{ "
        "$table->increments('id'); });\n",
    )
    step = git_repo.laravel_migration(
        LARAVEL,
        "2019_02_01_000000_columns",
        f"        Schema::table('{table}', function (Blueprint $table) {{ "
        "$table->string('nome'); });\n",
    )
    found = _judged(git_repo, (LARAVEL, "laravel"), create, code, step, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message
    if lowered and table == "etapas":
        assert "only in its own model (app/Models/Etapa.php)" in found.message
    if lowered and table == "municipios":
        assert "names the table nowhere" in found.message


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # psuv (round CO): an empty model, nothing else names it
        ({"app/Models/CierreMesa.php": "<?php\nclass CierreMesa extends Model {}\n"}, True),
        # a controller that reads its rows
        ({"app/Models/CierreMesa.php": "<?php\nclass CierreMesa extends Model {}\n",
          "app/Http/Controllers/CierreController.php": "<?php\n$c = CierreMesa::all();\n"},
         False),
        # another model's association to it
        ({"app/Models/CierreMesa.php": "<?php\nclass CierreMesa extends Model {}\n",
          "app/Models/Mesa.php": "<?php\nclass Mesa extends Model {\n"
          "    public function cierres() { return $this->hasMany(CierreMesa::class); }\n}\n"},
         False),
    ],
    ids=["model-only", "read", "associated"],
)  # fmt: skip
def test_an_audited_table_rename_only_its_model_names_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    create = git_repo.laravel_migration(
        LARAVEL,
        "2019_01_01_000000_create",
        "        Schema::create('cierre_mesas', function (Blueprint $table) { "
        "$table->increments('id'); });\n",
    )
    step = git_repo.laravel_migration(
        LARAVEL,
        "2019_02_01_000000_rename",
        "        Schema::rename('cierre_mesas', 'cierres');\n",
    )
    found = _judged(git_repo, (LARAVEL, "laravel"), create, code, step, "RG221")
    assert (found.severity is Severity.P3) is lowered, found.message
    if lowered:
        assert "only in its own model (app/Models/CierreMesa.php)" in found.message


_VERSIONS = "migrations/versions"


def _revision(rev: str, down: str | None, body: str) -> dict[str, str]:
    return {
        f"{_VERSIONS}/{rev}_step.py": (
            f"revision = {rev!r}\ndown_revision = {down!r}\n\nfrom alembic import op\n"
            f"import sqlalchemy as sa\n\n\ndef upgrade():\n{body}\n\ndef downgrade():\n    pass\n"
        )
    }


_USER_MODEL = (
    "from app.db import Base, Column, Integer, String\n\n\nclass User(Base):\n"
    '    __tablename__ = "users"\n    id = Column(Integer, primary_key=True)\n'
    "    name = Column(String){more}\n"
)
_SIGN_UP = "from app.models import User\n\n\ndef sign_up(s, name):\n    s.add(User(name=name))\n"


@pytest.mark.parametrize(
    ("default", "columns", "model", "lowered"),
    [
        # lear (round CK): `users.idp_userid`, named by no code of the release
        ("", '["idp_userid"]', "", True),
        # … and as one of the key's columns, beside one the release writes
        ("", '["name", "idp_userid"]', "", True),
        # a release whose model maps it writes it (or may)
        ("", '["idp_userid"]', "\n    idp_userid = Column(String)", False),
        # a column with a default: every row the release wrote holds the same value
        (", server_default='x'", '["idp_userid"]', "", False),
    ],
    ids=["unnamed", "composite", "mapped", "defaulted"],
)
def test_an_audited_unique_key_over_a_column_its_release_never_named_is_p3(
    git_repo: Any, default: str, columns: str, model: str, lowered: bool
) -> None:
    """lear (round CK): a unique key over a column no code of the release before it
    names (outside migrations, tests and comments): every row that release wrote holds
    NULL there, and a unique key never refuses NULL twice. Not where it names the column,
    nor where a migration gives the column a default (every row the same value). Not in a
    Knex, Rails or Laravel folder either, whose code may write a column it never names
    (``insert(row)``, ``create(params.permit!)``: test_unbuilt's Knex keys)."""
    create = _revision(
        "a1", None,
        '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True),\n'
        '                    sa.Column("name", sa.String()),\n'
        f'                    sa.Column("idp_userid", sa.String(){default}))\n',
    )  # fmt: skip
    step = _revision("b2", "a1", f'    op.create_unique_constraint("uq", "users", {columns})\n')
    code = {"app/models.py": _USER_MODEL.format(more=model), "app/signup.py": _SIGN_UP}
    rg224 = _judged(git_repo, (_VERSIONS, "alembic"), create, code, step, "RG224")
    assert (rg224.severity is Severity.P3) is lowered, rg224.message
    assert ("a unique key never refuses twice" in rg224.message) is lowered


@pytest.mark.parametrize(
    ("default", "lowered"),
    [
        # marble (round CO): a random id per row, which no code of the release writes
        (" DEFAULT uuid_generate_v4()", True),
        ("", True),
        # one value for every row the release wrote: the key refuses the second
        (" DEFAULT '00000000-0000-0000-0000-000000000000'", False),
        # … said on the line of the random one, but the column's own default is the fixed one
        (" DEFAULT 'x', other uuid DEFAULT gen_random_uuid()", False),
    ],
    ids=["random", "none", "fixed", "fixed-beside-random"],
)
def test_an_audited_unique_key_over_a_column_with_a_random_default_is_p3(
    git_repo: Any, default: str, lowered: bool
) -> None:
    """A unique key over a column an earlier migration gave a per-row default and no
    code of the release names: every row that release wrote has a value of its own."""
    home = "db/migrations"
    create = {
        f"{home}/000001_create.up.sql": (
            f"CREATE TABLE configs (id bigint PRIMARY KEY, name text, stable_id uuid{default});\n"
        ),
        f"{home}/000001_create.down.sql": "DROP TABLE configs;\n",
    }
    step = {
        f"{home}/000002_key.up.sql": "CREATE UNIQUE INDEX uq ON configs (stable_id);\n",
        f"{home}/000002_key.down.sql": "DROP INDEX uq;\n",
    }
    insert = 'const q = "INSERT INTO configs (id, name) VALUES ($1, $2)"\n'
    code = {"repo/configs.go": f"package repo\n\n{insert}"}
    rg224 = _judged(git_repo, (home, "golang-migrate"), create, code, step, "RG224")
    assert (rg224.severity is Severity.P3) is lowered, rg224.message


def test_an_unread_release_keeps_its_unique_key(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release past the audit's code-reading budget says nothing of the key's columns:
    its RG224 stays (DSpace's ``workspaceitem.item_id``, lowered by a first version)."""
    original = Repo.words_at
    monkeypatch.setattr(
        Repo, "words_at", lambda self, *a, **k: original(self, *a, **{**k, "budget": 1})
    )
    create = _revision(
        "a1", None,
        '    op.create_table("users", sa.Column("id", sa.Integer(), primary_key=True),\n'
        '                    sa.Column("name", sa.String()),\n'
        '                    sa.Column("idp_userid", sa.String()))\n',
    )  # fmt: skip
    step = _revision("b2", "a1", '    op.create_unique_constraint("uq", "users", ["idp_userid"])\n')
    code = {"app/models.py": _USER_MODEL.format(more=""), "app/signup.py": _SIGN_UP}
    rg224 = _judged(git_repo, (_VERSIONS, "alembic"), create, code, step, "RG224")
    assert rg224.severity is not Severity.P3, rg224.message


_MAPPINGS = (
    '    op.create_table("t_mappings", sa.Column("id_mapping", sa.Integer(), primary_key=True),\n'
    '                    sa.Column("is_public", sa.Boolean()))\n'
    '    op.create_table("dict_fields", sa.Column("id", sa.Integer(), primary_key=True))\n'
)
# the release's other code: another table's `is_public`, and `fields` as any code says it
_OTHER_CODE = {
    "app/models.py": "class Module(Base):\n    __tablename__ = 't_modules'\n"
    "    is_public = Column(Boolean)\n    fields = relationship('Field')\n",
}


@pytest.mark.parametrize(
    ("rule", "step", "code", "lowered"),
    [
        # GeoNature (round CS): the import module's tables, which no code of the release
        # names: not `fields` past a prefix (a SQLAlchemy model says `__tablename__`)
        ("RG221", '    op.rename_table("dict_fields", "bib_fields")\n', {}, True),
        # … nor a column whose word another table's model says
        (
            "RG220",
            '    op.alter_column("t_mappings", "is_public", new_column_name="public")\n',
            {},
            True,
        ),
        (
            "RG220",
            '    op.alter_column("t_mappings", "is_public", new_column_name="public")\n',
            {"app/mapping.py": "class Mapping(Base):\n    __tablename__ = 't_mappings'\n"},
            False,
        ),
        (
            "RG221",
            '    op.rename_table("dict_fields", "bib_fields")\n',
            {"app/field.py": "class Field(Base):\n    __tablename__ = 'dict_fields'\n"},
            False,
        ),
    ],
    ids=["table-unnamed", "column-of-no-named-table", "column-of-a-model", "table-modelled"],
)
def test_an_alembic_rename_on_a_table_its_release_names_nowhere_is_p3(
    git_repo: Any, rule: str, step: str, code: dict[str, str], lowered: bool
) -> None:
    first = _revision("a1", None, _MAPPINGS)
    found = _judged(
        git_repo,
        (_VERSIONS, "alembic"),
        first,
        {**_OTHER_CODE, **code},
        _revision("b2", "a1", step),
        rule,
    )
    assert (found.severity is Severity.P3) is lowered, found.message
