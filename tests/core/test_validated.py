"""RG224 and a Rails unique index the previous release's model already validated (manyfold,
round S): the model of the release before the migration's commit (``scope: all``) or of
the base (``scope: changed``), read as text from git."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks.history.unwritten import target
from rollback_gate.checks.history.validated import conflicts, validations
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Severity

FOLDER = "db/migrate"

MODELS = {
    "app/models/library.rb": (
        "class Library < ApplicationRecord\n"
        "  validates :path, presence: true, uniqueness: true\n"
        "end\n"
    ),
    "app/models/model_file.rb": (
        "class ModelFile < ApplicationRecord\n"
        "  belongs_to :model\n"
        "  validates :filename,\n"
        "    uniqueness: {scope: :model}\n"
        "end\n"
    ),
    "app/models/problem.rb": (
        "class Problem < ApplicationRecord\n"
        "  validates :category, uniqueness: {scope: :problematic}, if: :live?\n"
        "end\n"
    ),
    "app/models/legacy/person.rb": (
        "module Legacy\n  class Person < ApplicationRecord\n"
        '    self.table_name = "humans"\n'
        "    validates_uniqueness_of :email, scope: [:tenant_id]\n  end\nend\n"
    ),
}


def _migration(stamp: str, body: str) -> dict[str, str]:
    return {
        f"{FOLDER}/{stamp}_step.rb": (
            f"class Step{stamp} < ActiveRecord::Migration[7.1]\n  def change\n{body}  end\nend\n"
        )
    }


TABLES = _migration(
    "20240101000000",
    "    create_table :libraries do |t|\n      t.string :path\n    end\n"
    "    create_table :model_files do |t|\n      t.string :filename\n"
    "      t.bigint :model_id\n    end\n"
    "    create_table :problems do |t|\n      t.string :category\n"
    "      t.bigint :problematic_id\n    end\n"
    "    create_table :humans do |t|\n      t.string :email\n      t.bigint :tenant_id\n"
    "    end\n    create_table :users do |t|\n      t.string :email\n    end\n",
)
INDEXES = _migration(
    "20240201000000",
    "    add_index :libraries, :path, unique: true\n"
    "    add_index :model_files, [:model_id, :filename], unique: true\n"
    "    add_index :problems, [:problematic_id, :category], unique: true\n"
    "    add_index :humans, [:tenant_id, :email], unique: true\n"
    "    add_index :users, :email, unique: true\n",
)


ECTO = "priv/repo/migrations"


def _ecto(stamp: str, body: str) -> dict[str, str]:
    return {
        f"{ECTO}/{stamp}_step.exs": f"defmodule App.Repo.Migrations.M{stamp} do\n"
        f"  use Ecto.Migration\n\n  def change do\n{body}  end\nend\n"
    }


def _rg222_lines(root: Any) -> list[int]:
    found = [f for f in engine.check(prepare(CheckOptions(repo=root))) if f.rule == "RG222"]
    return sorted(x.line or 0 for f in found for x in (f, *f.related))


def _rg224_lines(ctx: Any) -> list[int]:
    found = [f for f in engine.check(ctx) if f.rule == "RG224"]
    return sorted(x.line or 0 for f in found for x in (f, *f.related))


def test_a_unique_index_the_old_model_validated_is_no_rg224(git_repo: Any) -> None:
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **TABLES, **MODELS, **INDEXES})
    # problems: validated only `if: :live?`; users: not validated
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == [5, 7]


@pytest.mark.parametrize(
    ("model", "reported"),
    [
        # search-gov (round CI): Authlogic's tokens, a callback's digest, has_secure_token
        ("  acts_as_authentic do |c|\n    c.login_field = :email\n  end\n", [3, 5]),
        (
            "  before_validation :generate_api_key\n\n  def generate_api_key\n"
            '    self.api_key = Digest::MD5.hexdigest("#{email}:#{Time.now}")'
            " if self.api_key.nil?\n  end\n",
            [4, 5],
        ),
        ("  has_secure_token :api_key\n", [4, 5]),
        ("  devise :database_authenticatable, :recoverable\n", [3, 4]),
        # (a callback that copies a value in, or sets it only sometimes: no token)
        (
            "  before_validation :copy\n\n  def copy\n    self.api_key = email\n  end\n",
            [3, 4, 5],
        ),
        (
            "  before_create :make\n\n  def make\n"
            "    self.api_key = SecureRandom.hex if admin?\n  end\n",
            [3, 4, 5],
        ),
    ],
    ids=["authlogic", "digest-callback", "has-secure-token", "devise", "copied", "sometimes"],
)
def test_a_unique_index_on_a_random_token_the_old_model_fills_is_no_rg224(
    git_repo: Any, model: str, reported: list[int]
) -> None:
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :users do |t|\n      t.string :email\n      t.string :api_key\n"
        "      t.string :persistence_token\n      t.string :reset_password_token\n    end\n",
    )
    indexes = _migration(
        "20240201000000",
        "    add_index :users, :api_key, unique: true\n"
        "    add_index :users, :persistence_token, unique: true\n"
        "    add_index :users, :reset_password_token, unique: true\n",
    )
    user = {"app/models/user.rb": f"class User < ApplicationRecord\n{model}end\n"}
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **user, **indexes})
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == reported


@pytest.mark.parametrize(
    ("modules", "reported"),
    [
        # identity-dashboard (round CP): Devise validates the (downcased) email unique
        (":database_authenticatable, :validatable", []),
        (":database_authenticatable,\n    :registerable, :validatable", []),
        (":database_authenticatable, :recoverable", [3]),
        # stocks-in-the-future (round CA, a true break): the email not required, so blanks
        # pass Devise's uniqueness (`allow_blank: true`) and the key refuses the second
        (":validatable\n\n  def email_required?\n    false\n  end", [3]),
    ],
    ids=["validatable", "over-lines", "not-validatable", "email-not-required"],
)
def test_a_unique_email_devise_validatable_keeps_is_no_rg224(
    git_repo: Any, modules: str, reported: list[int]
) -> None:
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000", "    create_table :users do |t|\n      t.string :email\n    end\n"
    )
    indexes = _migration("20240201000000", "    add_index :users, :email, unique: true\n")
    user = {"app/models/user.rb": f"class User < ApplicationRecord\n  devise {modules}\nend\n"}
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **user, **indexes})
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == reported


def test_an_app_moved_into_a_folder_since_is_read_where_it_was(git_repo: Any) -> None:
    """rdv-service-public (round CJ, four): the Rails app moved into `rails/` after the
    migrations shipped; at each one's release its models are read where they sat then."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **TABLES, **MODELS, **INDEXES})
    import shutil

    root = git_repo.root
    (root / "rails").mkdir()
    for top in ("app", "db"):
        shutil.move(str(root / top), str(root / "rails" / top))
    (root / "deploy-readiness.yml").write_text(
        git_repo.migrations_config(f"rails/{FOLDER}", "rails", scope="all")
    )
    git_repo.commit("the app moves into rails/")
    later = _migration("20240301000000", "    add_index :problems, :category, unique: true\n")
    git_repo.commit_each({f"rails/{p}": t for p, t in later.items()})
    # problems: validated only `if: :live?`; users: not validated; the later index too
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == [3, 5, 7]


def test_a_validation_the_same_commit_adds_is_no_guarantee(git_repo: Any) -> None:
    """The previous release is the commit before the migration's: a model that starts
    validating in the migration's own commit did not refuse the old duplicates."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **TABLES})
    git_repo.commit("models and indexes together", {**MODELS, **INDEXES})
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == [3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    "path",
    [
        "app/subsystems/school_district/models/district.rb",  # tutor-server (round BD)
        "app/models/school_district/district.rb",  # an engine's or a namespace's folder
        "app/models/district.rb",  # the app's own: `districts`, another table
    ],
)
def test_a_namespaced_model_validates_its_prefixed_table(git_repo: Any, path: str) -> None:
    """tutor-server: ``SchoolDistrict::Models::District`` validates the uniqueness of
    ``name``, the key ``school_district_districts`` draws; a model of ``app/models`` is
    no model of that table."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :school_district_districts do |t|\n      t.string :name\n    end\n",
    )
    index = _migration(
        "20240201000000", "    add_index :school_district_districts, :name, unique: true\n"
    )
    model = (
        "module SchoolDistrict\n  module Models\n    class District < ApplicationRecord\n"
        "      validates :name, presence: true, uniqueness: true\n    end\n  end\nend\n"
    )
    plain = "app/models/district.rb"
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, path: model, **index})
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == ([] if path != plain else [3])


def test_a_change_is_judged_against_the_base_models(git_repo: Any) -> None:
    config = git_repo.migrations_config(FOLDER, "rails", scope="changed")
    base = git_repo.commit_each({"deploy-readiness.yml": config, **TABLES, **MODELS})
    git_repo.commit("indexes", INDEXES)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    assert _rg224_lines(ctx) == [5, 7]


def test_validations_are_read_per_class_and_table() -> None:
    text = (
        "class Tag < ApplicationRecord\n"
        "  validates :name, :slug, uniqueness: { case_sensitive: false }\n"
        "  validates :code, uniqueness: { case_sensitive: true }\n"
        "  validates :label, uniqueness: true, allow_blank: true\n"
        "  validates :kind, presence: true\n"
        "  validates :owner, uniqueness: { scope: %i[team kind] }\n"
        "  validates :public, inclusion: { in: [true, false] }\n"
        "  validates :rank, inclusion: { in: [nil, 1, 2] }\n"
        "  validates :size, numericality: true, allow_nil: true\n"
        "  validates :sunetid, uniqueness: true, allow_nil: true\n"
        "end\n"
        "class Category < ApplicationRecord\n"
        "  validates_uniqueness_of :title\n"
        "  validates_presence_of :title, :slug\n"
        "end\n"
    )
    found = validations(text)
    # (a uniqueness that allows nil still holds: a unique key never refuses NULL twice,
    # sul-requests' sunetid, round CD; a numericality that allows it keeps no NOT NULL)
    assert found.unique == {
        "tags": [frozenset({"name"}), frozenset({"lower(name)"}), frozenset({"slug"}),
                 frozenset({"lower(slug)"}), frozenset({"owner", "team", "kind"}),
                 frozenset({"sunetid"})],
        "categories": [frozenset({"title"})],
    }  # fmt: skip
    assert found.required == {"tags": {"kind", "public"}, "categories": {"title", "slug"}}


def test_a_condition_inside_the_uniqueness_hash_limits_the_uniqueness_only() -> None:
    """rdv-service-public (round CJ): ``validates :name, presence: true, uniqueness: {
    scope: …, conditions: -> { where(deleted_at: nil) } }`` keeps ``name`` present, but
    its uniqueness holds for some rows only; a condition outside the hash limits both."""
    text = (
        "class Motif < ApplicationRecord\n"
        "  validates :name, presence: true, uniqueness: { scope: :org,"
        " conditions: -> { where(deleted_at: nil) } }\n"
        "  validates :code, presence: true, uniqueness: { scope: :org }, if: :live?\n"
        "end\n"
    )
    kept = validations(text)
    assert kept.required == {"motifs": {"name"}}
    assert kept.unique == {}


def test_a_statement_after_a_nested_class_is_the_outer_model_s() -> None:
    """fab-manager (round BO): ``AuthProvider`` holds a ``SimpleAuthProvider`` stub class
    and validates ``name`` after it; a one-line class closes on its own line."""
    text = (
        "class AuthProvider < ApplicationRecord\n"
        "  class SimpleAuthProvider < Object\n"
        "    def name\n      'x'\n    end\n"
        "  end\n\n"
        "  class Error < StandardError; end\n"
        "  validates :name, presence: true, uniqueness: true\n"
        "end\n"
    )
    found = validations(text)
    assert found.unique == {"auth_providers": [frozenset({"name"})]}
    assert found.required == {"auth_providers": {"name"}}


def test_a_rails_3_unique_index_the_old_model_validated_is_no_rg224(git_repo: Any) -> None:
    """foreman (round AO): ``add_index :roles, :name, :unique => true`` where the previous
    release's ``Role`` says ``validates :name, :presence => true, :uniqueness => true``."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :roles do |t|\n      t.string :name\n      t.string :code\n    end\n",
    )
    model = {
        "app/models/role.rb": "class Role < ApplicationRecord\n"
        "  validates :name, :presence => true, :uniqueness => true\nend\n"
    }
    indexes = _migration(
        "20240201000000",
        "    add_index :roles, :name, :unique => true\n"
        "    add_index :roles, :code, :unique => true\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **indexes})
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == [4]


def test_a_key_over_lower_of_a_case_insensitive_uniqueness_is_no_rg224(git_repo: Any) -> None:
    """OpenSplitTime (round CK): ``add_index :courses, "organization_id, lower(name)",
    unique: true`` where the previous release's ``Course`` says
    ``validates_uniqueness_of :name, case_sensitive: false``: no two rows it writes share
    ``lower(name)``, so none share the wider key. A case-sensitive uniqueness keeps no key
    over ``lower(code)`` ("A" and "a" pass it)."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :courses do |t|\n      t.string :name\n      t.string :code\n"
        "      t.bigint :organization_id\n    end\n",
    )
    model = {
        "app/models/course.rb": "class Course < ApplicationRecord\n"
        "  validates_uniqueness_of :name, case_sensitive: false\n"
        "  validates :code, uniqueness: true\nend\n"
    }
    indexes = _migration(
        "20240201000000",
        '    add_index :courses, "organization_id, lower(name)",\n'
        "              unique: true,\n"
        '              name: "index_courses_on_organization_id_and_lower_name"\n'
        '    add_index :courses, "organization_id, lower(code)", unique: true\n',
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **indexes})
    assert _rg224_lines(prepare(CheckOptions(repo=git_repo.root))) == [6]


def test_validations_in_hash_rocket_syntax_are_read() -> None:
    """foreman (round AO): Rails 3's ``validates :name, :presence => true, :uniqueness =>
    true`` (and ``:scope =>``, ``:inclusion => {…}``) say what the new syntax says; a
    ``:case_sensitive => true`` or ``:allow_nil => true`` one keeps nothing."""
    text = (
        "class Role < ApplicationRecord\n"
        "  validates :name, :presence => true, :uniqueness => true\n"
        "  validates :match, :uniqueness => {:scope => :lookup_key_id}\n"
        "  validates :builtin, :inclusion => { :in => 0..2 }\n"
        "  validates :code, :uniqueness => { :case_sensitive => true }\n"
        "  validates :size, :numericality => true, :allow_nil => true\n"
        "end\n"
    )
    found = validations(text)
    assert found.unique == {
        "roles": [frozenset({"name"}), frozenset({"match", "lookup_key_id"})],
    }
    assert found.required == {"roles": {"name", "builtin"}}


@pytest.mark.parametrize(
    ("model", "table"),
    [
        ("LibraryItem", "library_items"),
        ("Category", "categories"),
        ("Status", "statuses"),
        ("Address", "addresses"),
        ("Person", "people"),
        ("SalesPerson", "sales_people"),
        ("CallForPapers", "call_for_papers"),
        ("Key", "keys"),
    ],
)
def test_a_model_s_table_by_rails_convention(model: str, table: str) -> None:
    text = f"class {model} < ApplicationRecord\n  validates :code, uniqueness: true\nend\n"
    assert list(validations(text).unique) == [table]


def test_on_conflict_targets_are_read() -> None:
    text = (
        'const q = `\n  INSERT INTO project_fraud ("projectId", "qfRoundId")\n'
        '  VALUES ($1, $2)\n  ON CONFLICT ("projectId", "qfRoundId") DO NOTHING`;\n'
        "db.exec(`INSERT INTO public.rank (round, pid) SELECT 1, 2 ON CONFLICT (round, pid)"
        " DO UPDATE SET x = 1`);\n"
        "db.exec(`INSERT INTO other (a) VALUES (1) ON CONFLICT ON CONSTRAINT other_a_key"
        " DO NOTHING`);\n"
        "db.exec(`INSERT INTO lowered (a) VALUES (1) ON CONFLICT (lower(a)) DO NOTHING`);\n"
    )
    assert conflicts(text).unique == {
        "project_fraud": [frozenset({"projectid", "qfroundid"})],
        "rank": [frozenset({"round", "pid"})],
    }


GO = "db/migrations"


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        # impact-graph (round T): the previous release's upsert needs this very key
        (
            "const q = `INSERT INTO fraud (project_id, round_id) VALUES ($1, $2)\n"
            "  ON CONFLICT (project_id, round_id) DO NOTHING`\n",
            False,
        ),
        # a key over one column of the new one's implies it too
        (
            "const q = `INSERT INTO fraud (project_id) VALUES ($1)\n"
            "  ON CONFLICT (project_id) DO NOTHING`\n",
            False,
        ),
        # an upsert on other columns says nothing of this key
        (
            "const q = `INSERT INTO fraud (project_id, name) VALUES ($1, $2)\n"
            "  ON CONFLICT (project_id, name) DO NOTHING`\n",
            True,
        ),
        ("const q = `INSERT INTO fraud (project_id, round_id) VALUES ($1, $2)`\n", True),
    ],
)
def test_an_upsert_of_the_previous_release_needs_the_key_already(
    git_repo: Any, code: str, flagged: bool
) -> None:
    assert bool(_fraud_key(git_repo, {"app/fraud.ts": code})) is flagged


def _fraud_key(
    git_repo: Any, code: dict[str, str], scope: str = "changed", guard: str = ""
) -> list[int]:
    """RG224's lines for a unique key on an existing table ``fraud`` (made ``CREATE UNIQUE
    INDEX {guard}``), the previous release's code being ``code`` (under ``scope: all``, the
    commit that adds the key empties it)."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope=scope)
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{GO}/1_init.up.sql": "CREATE TABLE fraud (project_id int, round_id int);\n",
            f"{GO}/1_init.down.sql": "DROP TABLE fraud;\n",
            **code,
        }
    )
    emptied = {path: "" for path in code} if scope == "all" else {}
    git_repo.commit(
        "key",
        {
            f"{GO}/2_key.up.sql": (
                f"CREATE UNIQUE INDEX {guard}fraud_uq ON fraud (project_id, round_id);\n"
            ),
            f"{GO}/2_key.down.sql": "DROP INDEX fraud_uq;\n",
            **emptied,
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base if scope == "changed" else None))
    return _rg224_lines(ctx)


@pytest.mark.parametrize(
    ("where", "code", "flagged"),
    [
        # bitcoin-s (round BO): the previous release made the index itself at start-up
        (
            "app/dao.scala",
            'sqlu"CREATE UNIQUE INDEX IF NOT EXISTS fraud_uq ON $t (project_id, round_id)"\n',
            False,
        ),
        (
            "app/dao.go",
            'const ddl = "CREATE UNIQUE INDEX fraud_uq ON fraud (round_id, project_id)"\n',
            False,
        ),
        # … over other columns: another key
        (
            "app/dao.go",
            'const ddl = "CREATE UNIQUE INDEX fraud_uq ON fraud (project_id, kind)"\n',
            True,
        ),
        # a test's fixture schema runs in no release
        (
            "test/schema.go",
            'const ddl = "CREATE UNIQUE INDEX fraud_uq ON fraud (project_id, round_id)"\n',
            True,
        ),
    ],
)
def test_a_unique_index_the_previous_release_created_itself_is_no_rg224(
    git_repo: Any, where: str, code: str, flagged: bool
) -> None:
    assert bool(_fraud_key(git_repo, {where: code}, guard="IF NOT EXISTS ")) is flagged


def test_an_index_made_without_if_not_exists_is_no_index_the_code_made(git_repo: Any) -> None:
    """A migration that makes an index the previous release had made would fail on its
    databases: only ``IF NOT EXISTS`` makes one, and only then is the code asked."""
    ddl = (
        'const ddl = "CREATE UNIQUE INDEX fraud_uq ON fraud (project_id, round_id)"\n'
        # (read for an upsert of its own all the same)
        'const q = "INSERT INTO audit (id) VALUES ($1) ON CONFLICT (id) DO NOTHING"\n'
    )
    assert _fraud_key(git_repo, {"app/dao.go": ddl}) != []


def test_under_scope_all_the_index_its_release_created_is_found_in_that_release(
    git_repo: Any,
) -> None:
    """bitcoin-s V17 (round BO): the commit that made the index a migration took the
    start-up DDL out of the code, so only the release before it says so."""
    ddl = 'const ddl = "CREATE UNIQUE INDEX IF NOT EXISTS fraud_uq ON fraud (project_id)"\n'
    assert _fraud_key(git_repo, {"app/dao.go": ddl}, scope="all", guard="IF NOT EXISTS ") == []


def test_not_null_the_old_model_always_filled_is_no_rg222(git_repo: Any) -> None:
    """roadmap (round T): ``change_column_null … false`` where the previous release's
    model validates the column's inclusion in [true, false]; planningalerts (round V):
    ``validates :authority, presence: true`` keeps the association's ``authority_id``."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :notes do |t|\n      t.boolean :archived\n      t.text :body\n"
        "      t.text :title\n      t.bigint :authority_id\n    end\n",
    )
    model = {
        "app/models/note.rb": "class Note < ApplicationRecord\n"
        "  belongs_to :authority, optional: true\n"
        "  validates :archived, inclusion: { in: [true, false] }\n"
        "  validates :title, presence: true, if: :published?\n"
        "  validates :authority, presence: true\n"
        "end\n"
    }
    required = _migration(
        "20240201000000",
        "    change_column_null :notes, :archived, false, false\n"
        "    change_column_null :notes, :body, false, ''\n"
        "    change_column_null :notes, :title, false, ''\n"
        "    change_column_null :notes, :authority_id, false\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == [4, 5]


def test_a_typeorm_builder_key_the_previous_release_upserts_on(git_repo: Any) -> None:
    """impact-graph (round T): ``createUniqueConstraint(…, new TableUnique({columnNames}))``
    over the columns of the previous release's ``ON CONFLICT``."""
    folder = "migration"
    init = (
        "import { MigrationInterface, QueryRunner } from 'typeorm';\n\n"
        "export class Init1700000000000 implements MigrationInterface {\n"
        "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
        '    await queryRunner.query(`CREATE TABLE "matching" ("projectId" int, "roundId" int)`);\n'
        "  }\n\n  public async down(queryRunner: QueryRunner): Promise<void> {\n"
        '    await queryRunner.query(`DROP TABLE "matching"`);\n  }\n}\n'
    )
    key = (
        "import { MigrationInterface, QueryRunner, TableUnique } from 'typeorm';\n\n"
        "export class Key1700000000001 implements MigrationInterface {\n"
        "  public async up(queryRunner: QueryRunner): Promise<void> {\n"
        "    await queryRunner.createUniqueConstraint(\n      'matching',\n"
        "      new TableUnique({\n        name: 'unique_project_round',\n"
        "        columnNames: ['projectId', 'roundId'],\n      }),\n    );\n  }\n\n"
        "  public async down(queryRunner: QueryRunner): Promise<void> {\n"
        "    await queryRunner.dropUniqueConstraint('matching', 'unique_project_round');\n"
        "  }\n}\n"
    )
    upsert = (
        'const q = `INSERT INTO "matching" ("projectId", "roundId") VALUES ($1, $2)\n'
        '  ON CONFLICT ("projectId", "roundId") DO NOTHING`;\n'
    )
    for code, flagged in ((upsert, False), ("const q = 1;\n", True)):
        config = git_repo.migrations_config(folder, "typeorm", scope="changed")
        base = git_repo.commit_each(
            {
                "deploy-readiness.yml": config,
                f"{folder}/1700000000000-init.ts": init,
                "src/job.ts": code,
            }
        )
        git_repo.commit("key", {f"{folder}/1700000000001-key.ts": key})
        ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
        assert bool(_rg224_lines(ctx)) is flagged
        git_repo.git("rm", "-q", f"{folder}/1700000000001-key.ts")
        git_repo.commit("undo")


APP_7 = "module A\n  class Application\n    config.load_defaults 7.0\n  end\nend\n"
NOT_REQUIRED = "Rails.application.config.active_record.belongs_to_required_by_default = false\n"


@pytest.mark.parametrize(
    ("config", "required"),
    [
        ({"config/application.rb": APP_7}, True),
        ({"config/application.rb": "config.load_defaults 4.2\n"}, False),
        (
            {
                "config/application.rb": "config.load_defaults 6.1\n",
                "config/initializers/defaults.rb": NOT_REQUIRED,
            },
            False,
        ),
        ({}, False),  # nothing says so: not counted on
    ],
)
def test_a_required_belongs_to_keeps_its_column_set(
    git_repo: Any, config: dict[str, str], required: bool
) -> None:
    """codeocean (round U): ``belongs_to :contributor`` in the previous release's model, then
    ``change_column_null :submissions, :contributor_id, false``: Rails 5's defaults make
    the association required, so that release never left the column NULL."""
    rails = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :submissions do |t|\n      t.bigint :contributor_id\n"
        "      t.string :contributor_type\n"
        "      t.bigint :reviewer_id\n      t.bigint :team_id\n    end\n",
    )
    model = {
        "app/models/submission.rb": "class Submission < ApplicationRecord\n"
        "  belongs_to :contributor, polymorphic: true\n"
        "  belongs_to :reviewer, optional: true\n"
        "  belongs_to :group, foreign_key: :team_id\n"
        "end\n"
    }
    notnull = _migration(
        "20240201000000",
        "    change_column_null :submissions, :contributor_id, false\n"
        "    change_column_null :submissions, :contributor_type, false\n"
        "    change_column_null :submissions, :reviewer_id, false\n"
        "    change_column_null :submissions, :team_id, false\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": rails, **config, **tables, **model, **notnull})
    assert _rg222_lines(git_repo.root) == ([5] if required else [3, 4, 5, 6])


def test_a_concern_s_belongs_to_is_its_including_model_s(git_repo: Any) -> None:
    """codeocean (round U): ``belongs_to :contributor, polymorphic: true`` sits in the
    ``ContributorCreation`` concern that ``Submission`` includes."""
    rails = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :submissions do |t|\n      t.bigint :contributor_id\n"
        "      t.string :contributor_type\n      t.text :note\n    end\n",
    )
    code = {
        "config/application.rb": APP_7,
        "app/models/concerns/contributor_creation.rb": "module ContributorCreation\n"
        "  extend ActiveSupport::Concern\n\n  included do\n"
        "    belongs_to :contributor, polymorphic: true\n  end\nend\n",
        "app/models/submission.rb": "class Submission < ApplicationRecord\n"
        "  include Creation, ContributorCreation\nend\n",
    }
    notnull = _migration(
        "20240201000000",
        "    change_column_null :submissions, :contributor_id, false\n"
        "    change_column_null :submissions, :contributor_type, false\n"
        "    change_column_null :submissions, :note, false\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": rails, **code, **tables, **notnull})
    assert _rg222_lines(git_repo.root) == [5]


def test_a_model_deleted_since_is_read_at_its_release(git_repo: Any) -> None:
    """planningalerts (round V): under ``scope: all`` the models are searched in today's
    tree; ``Councillor`` was deleted since, so its validation went unread. The model Rails'
    convention names for the table is read at the release all the same."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :councillors do |t|\n      t.bigint :authority_id\n    end\n"
        "    create_table :notes do |t|\n      t.text :body\n    end\n",
    )
    model = {
        "app/models/councillor.rb": "class Councillor < ApplicationRecord\n"
        "  validates :authority, presence: true\nend\n",
        "app/models/note.rb": "class Note < ApplicationRecord\n"
        "  validates :body, presence: true\nend\n",
    }
    required = {
        **_migration(
            "20240201000000", "    change_column_null :councillors, :authority_id, false\n"
        ),
        **_migration("20240301000000", "    change_column_null :notes, :body, false\n"),
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == []  # two releases: the models of today's tree
    (git_repo.root / "app/models/councillor.rb").unlink()
    git_repo.commit("councillors go")
    assert _rg222_lines(git_repo.root) == []


ALEMBIC = "alembic/versions"


def _revision(rev: str, down: str | None, upgrade: str) -> dict[str, str]:
    return {
        f"{ALEMBIC}/{rev}_step.py": f'revision = "{rev}"\ndown_revision = {down!r}\n\n\n'
        f"def upgrade():\n{upgrade}\n\ndef downgrade():\n    pass\n"
    }


def test_a_column_the_old_orm_model_defaults_is_no_rg222(git_repo: Any) -> None:
    """h (round V): ``alter_column("user", "pubid", nullable=False)`` where the previous
    release's SQLAlchemy model says ``pubid = Column(…, default=…)``: its inserts always
    wrote one; ``nullable=False`` (h's ``authority``): the models' schema refused NULL to
    its code. A ``server_default=`` alone, or ``default=None``, is no such guarantee."""
    config = git_repo.migrations_config(ALEMBIC, "alembic", scope="all")
    tables = _revision(
        "a1",
        None,
        "    op.create_table('user', sa.Column('id', sa.Integer()),\n"
        "                    sa.Column('pubid', sa.Text()), sa.Column('nipsa', sa.Boolean()),\n"
        "                    sa.Column('name', sa.Text()),\n"
        "                    sa.Column('email', sa.Text()), sa.Column('authority', sa.Text()))\n",
    )
    model = {
        "h/models/user.py": "import sqlalchemy as sa\n\n\nclass User(Base):\n"
        "    __tablename__ = 'user'\n    id = sa.Column(sa.Integer, primary_key=True)\n"
        "    pubid = sa.Column(sa.Text, default=lambda: 'x')\n"
        "    nipsa = sa.Column(sa.Boolean, default=False)\n"
        "    name = sa.Column(sa.Text, default=None)\n"
        "    email = sa.Column(sa.Text, server_default='')\n"
        "    authority = sa.Column(sa.Text, nullable=False)\n"
    }
    required = _revision(
        "b2",
        "a1",
        "    op.alter_column('user', 'pubid', nullable=False)\n"
        "    op.alter_column('user', 'nipsa', nullable=False)\n"
        "    op.alter_column('user', 'name', nullable=False)\n"
        "    op.alter_column('user', 'email', nullable=False)\n"
        "    op.alter_column('user', 'authority', nullable=False)\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == [8, 9]


def test_a_sqlalchemy_2_column_mapped_without_optional_is_no_rg222(git_repo: Any) -> None:
    """c2cgeoportal (round CG): ``name: Mapped[str] = mapped_column(Unicode)`` is NOT NULL
    in SQLAlchemy 2 (it reads ``nullable`` from the annotation), so the previous release's
    models refused NULL to its code; ``Mapped[str | None]``, ``Mapped[Optional[str]]`` and
    ``mapped_column(nullable=True)`` do not."""
    config = git_repo.migrations_config(ALEMBIC, "alembic", scope="all")
    columns = ("name", "label", "note", "memo", "kind", "title")
    tables = _revision(
        "a1",
        None,
        "    op.create_table('dimension', sa.Column('id', sa.Integer()),\n"
        + "".join(f"        sa.Column('{c}', sa.Text()),\n" for c in columns)
        + "    )\n",
    )
    model = {
        "geo/models.py": "from typing import Optional\n"
        "from sqlalchemy.orm import Mapped, mapped_column\n\n\nclass Dimension(Base):\n"
        "    __tablename__ = 'dimension'\n"
        "    id: Mapped[int] = mapped_column(primary_key=True)\n"
        "    name: Mapped[str] = mapped_column(Unicode)\n"
        "    label: Mapped['str']\n"
        "    note: Mapped[str | None] = mapped_column(Unicode)\n"
        "    memo: Mapped[Optional[str]] = mapped_column(Unicode)\n"
        "    kind: Mapped[str] = mapped_column(Unicode, nullable=True)\n"
        "    title: Mapped[str] = Column(Unicode)\n"
    }
    required = _revision(
        "b2",
        "a1",
        "".join(f"    op.alter_column('dimension', '{c}', nullable=False)\n" for c in columns),
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == [8, 9, 10, 11]


@pytest.mark.parametrize(
    ("tablename", "expected"), [("", []), ("    __tablename__ = 'other'\n", [6])]
)
def test_a_flask_sqlalchemy_model_names_its_table_after_the_class(
    git_repo: Any, tablename: str, expected: list[int]
) -> None:
    """copr (round AJ): ``class BuildChroot(db.Model)`` without ``__tablename__`` maps
    ``build_chroot`` (Flask-SQLAlchemy's name), and its ``default=`` fills every insert: a
    NOT NULL on it is no RG222. A class that names another table says nothing of it."""
    config = git_repo.migrations_config(ALEMBIC, "alembic", scope="all")
    tables = _revision(
        "a1", None, "    op.create_table('build_chroot', sa.Column('status', sa.Integer()))\n"
    )
    model = {
        "coprs/models.py": "from coprs import db\n\n\nclass BuildChroot(db.Model):\n"
        f"{tablename}    id = db.Column(db.Integer, primary_key=True)\n"
        "    status = db.Column(db.Integer, default=1)\n"
    }
    required = _revision(
        "b2", "a1", "    op.alter_column('build_chroot', 'status', nullable=False)\n"
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == expected


def test_an_orm_model_moved_since_is_found_at_its_release(git_repo: Any) -> None:
    """tacker (round W): under ``scope: all`` the SQLAlchemy models are searched in today's
    tree, read at each release; ``vm_db.py``, which declared ``device_id`` NOT NULL, has
    moved since, so the releases left unexplained are searched again (one ``git grep``)."""
    config = git_repo.migrations_config(ALEMBIC, "alembic", scope="all")
    tables = _revision(
        "a1",
        None,
        "    op.create_table('devices', sa.Column('id', sa.Integer()),\n"
        "                    sa.Column('device_id', sa.Text()), sa.Column('name', sa.Text()))\n",
    )
    model = {
        "tacker/db/vm/vm_db.py": "import sqlalchemy as sa\n\n\nclass Device(Base):\n"
        "    __tablename__ = 'devices'\n    id = sa.Column(sa.Integer, primary_key=True)\n"
        "    device_id = sa.Column(sa.Text, nullable=False)\n"
        "    name = sa.Column(sa.Text)\n"
    }
    required = {
        **_revision("b2", "a1", "    op.alter_column('devices', 'device_id', nullable=False)\n"),
        **_revision("c3", "b2", "    op.alter_column('devices', 'name', nullable=False)\n"),
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == [6]
    (git_repo.root / "tacker/db/models").mkdir(parents=True)
    git_repo.git("mv", "tacker/db/vm/vm_db.py", "tacker/db/models/vm.py")
    git_repo.commit("models move")
    assert _rg222_lines(git_repo.root) == [6]
    git_repo.git("rm", "-q", "tacker/db/models/vm.py")
    git_repo.commit("models go")
    assert _rg222_lines(git_repo.root) == [6]


def test_a_revision_only_a_merge_commit_added_is_judged_without_a_release(
    git_repo: Any,
) -> None:
    """notifications-api (round AD): ``0097_notnull_inbound_provider.py`` was added by a
    merge commit alone (a conflict resolved by adding it), so no commit of the log added
    it and it has no release: the judge stopped with a KeyError (exit 4)."""
    config = git_repo.migrations_config(ALEMBIC, "alembic", scope="all")
    tables = _revision(
        "a1",
        None,
        "    op.create_table('t', sa.Column('w', sa.Text()), sa.Column('x', sa.Text()))\n",
    )
    model = {"app/models.py": "class T(Base):\n    __tablename__ = 't'\n    y = Column(Text)\n"}
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model})
    git_repo.commit("b2", _revision("b2", "a1", "    op.alter_column('t', 'w', nullable=False)\n"))
    git_repo.git("checkout", "-q", "-b", "side", "HEAD~1")
    git_repo.commit("side", {"app/side.py": "x = 1\n"})
    git_repo.git("checkout", "-q", "-")
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "side")
    git_repo.write(_revision("c3", "b2", "    op.alter_column('t', 'x', nullable=False)\n"))
    git_repo.git("add", "-A")
    git_repo.git("commit", "-q", "-m", "merge side")
    git_repo.commit("d4", _revision("d4", "c3", "    op.alter_column('t', 'z', nullable=False)\n"))
    assert _rg222_lines(git_repo.root) == [6, 6, 6]


def test_an_ecto_field_with_a_default_is_no_rg222(git_repo: Any) -> None:
    """mobilizon (round U): ``field(:visibility, …, default: :public)`` in the previous
    release's schema, then NOT NULL on the column: Ecto always wrote the default."""
    config = git_repo.migrations_config(ECTO, "ecto", scope="all")

    tables = _ecto(
        "20240101000000",
        "    create table(:events) do\n      add :visibility, :string\n"
        "      add :title, :string\n    end\n",
    )
    schema = {
        "lib/app/event.ex": "defmodule App.Event do\n  use Ecto.Schema\n\n"
        '  schema "events" do\n    field(:visibility, :string, default: "public")\n'
        "    field :title, :string, default: nil\n  end\nend\n"
    }
    required = _ecto(
        "20240201000000",
        "    alter table(:events) do\n      modify :visibility, :string, null: false\n"
        "      modify :title, :string, null: false\n    end\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **schema, **required})
    assert _rg222_lines(git_repo.root) == [7]


@pytest.mark.parametrize(
    ("stamps", "flagged"),
    [
        ("    timestamps()\n", []),
        ("    timestamps(inserted_at: :created_at)\n", [6]),  # its own name for one
        ("    timestamps(updated_at: false)\n", [7]),
        ("", [6, 7]),
    ],
)
def test_an_ecto_schemas_timestamps_are_no_rg222(
    git_repo: Any, stamps: str, flagged: list[int]
) -> None:
    """cambiatus (round AK): NOT NULL on ``products.inserted_at`` and ``updated_at`` where
    the previous release's schema says ``timestamps()``: Ecto sets both on every insert."""
    config = git_repo.migrations_config(ECTO, "ecto", scope="all")

    tables = _ecto(
        "20240101000000",
        "    create table(:products) do\n      add :title, :string\n"
        "      add :inserted_at, :naive_datetime\n"
        "      add :updated_at, :naive_datetime\n    end\n",
    )
    schema = {
        "lib/app/product.ex": "defmodule App.Product do\n  use Ecto.Schema\n\n"
        f'  schema "products" do\n    field :title, :string\n{stamps}  end\nend\n'
    }
    required = _ecto(
        "20240201000000",
        "    alter table(:products) do\n      modify :inserted_at, :naive_datetime, null: false\n"
        "      modify :updated_at, :naive_datetime, null: false\n    end\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **schema, **required})
    assert _rg222_lines(git_repo.root) == flagged


@pytest.mark.parametrize("scope", ["all", "changed"])
def test_under_scope_all_the_previous_release_is_the_files_own_not_the_base(
    git_repo: Any, scope: str
) -> None:
    """cambiatus (round AK): ``scope: all`` found an old base (a tag); its schema had no
    ``timestamps()`` yet, the one just before the migration had. A history's file is
    judged against its own previous release; a change's (``scope: changed``) against the
    base, which is the release the change replaces."""
    config = git_repo.migrations_config(ECTO, "ecto", scope=scope)

    def schema(stamps: str) -> dict[str, str]:
        return {
            "lib/app/product.ex": "defmodule App.Product do\n  use Ecto.Schema\n\n"
            f'  schema "products" do\n    field :title, :string\n{stamps}  end\nend\n'
        }

    tables = _ecto(
        "20240101000000",
        "    create table(:products) do\n      add :title, :string\n"
        "      add :updated_at, :naive_datetime\n    end\n",
    )
    base = git_repo.commit("tag", {"deploy-readiness.yml": config, **tables, **schema("")})
    git_repo.commit("stamps", schema("    timestamps(inserted_at: false)\n"))
    git_repo.commit(
        "required",
        _ecto("20240201000000", "    alter table(:products) do\n"
                  "      modify :updated_at, :naive_datetime, null: false\n    end\n"),
    )  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert bool(found) is (scope == "changed")


@pytest.mark.parametrize(
    ("config", "held"),
    [
        ({"config/application.rb": "config.load_defaults 6.1\n"}, True),
        ({"config/application.rb": APP_7}, False),  # 7.0 writes every attribute
        (
            {
                "config/application.rb": "config.load_defaults 6.1\n",
                "config/initializers/ar.rb": "# config.active_record.partial_inserts = true\n"
                "Rails.application.config.active_record.partial_writes = false\n",
            },
            False,
        ),
        (
            {
                "config/application.rb": APP_7,
                "config/initializers/ar.rb": "config.active_record.partial_inserts = true\n",
            },
            True,
        ),
        ({}, False),  # nothing says so: not counted on
        # no load_defaults (Rails before 5.1, or never called): ActiveRecord's own
        # defaults insert only what a record sets (publishing-api on 4.2, round AE)
        (
            {
                "config/application.rb": "module App\n  class Application < Rails::Application\n"
                "  end\nend\n"
            },
            True,
        ),
    ],
)
def test_a_default_the_step_sets_helps_where_rails_inserts_only_what_it_sets(
    git_repo: Any, config: dict[str, str], held: bool
) -> None:
    """pupilfirst (round W): ``change_column_default :assignments, :archived, from: nil, to:
    false`` then ``change_column_null … false`` under ``load_defaults 6.1``: ActiveRecord
    inserts only the attributes a record sets, so the previous release's INSERTs leave
    ``archived`` out and the default fills it. From 7.0 on it writes NULL there."""
    rails = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :assignments do |t|\n      t.boolean :archived\n"
        "      t.boolean :milestone\n      t.integer :rank\n    end\n",
    )
    required = {
        f"{FOLDER}/20240201000000_step.rb": "class Step < ActiveRecord::Migration[6.1]\n"
        "  def up\n"
        "    change_column_default :assignments, :archived, from: nil, to: false\n"
        "    change_column_null :assignments, :archived, false\n"
        "    change_column_default :assignments, :milestone, from: nil, to: nil\n"
        "    change_column_null :assignments, :milestone, false\n"
        "    change_column_null :assignments, :rank, false\n"
        "  end\n\n  def down\n"
        "    change_column_default :assignments, :rank, from: nil, to: 0\n"
        "  end\nend\n"
    }
    git_repo.commit_each({"deploy-readiness.yml": rails, **config, **tables, **required})
    assert _rg222_lines(git_repo.root) == ([6, 7] if held else [4, 6, 7])


@pytest.mark.parametrize(
    ("text", "defaulted"),
    [
        ("change_column_default :t, :c, false\n", True),
        ("change_column_default(:t, :c, from: nil, to: 0)\n", True),
        ("change_column_default :t, :c, from: 1, to: nil\n", False),
        ("change_column_default :t, :c, nil\n", False),
        ("change_column :t, :c, :integer, default: 0, null: false\n", True),
        ("change_column :t, :c, :integer, null: false\n", False),
        ("change_column_default :t, :other, 0\n", False),
        ("def up\nend\n\ndef down\n  change_column_default :t, :c, 0\nend\n", False),
    ],
)
def test_the_up_step_s_default(text: str, defaulted: bool) -> None:
    from rollback_gate.checks.history.validated import step_default

    assert step_default(text, "t", "c") is defaulted


def test_a_column_the_old_jpa_entity_never_leaves_null_is_no_rg222(git_repo: Any) -> None:
    """dhis2 (round Y): NOT NULL set on a column the previous release's entity declared
    ``nullable = false`` (or ``@NotNull``, an ``@Id``, a Java primitive, a Kotlin type
    without ``?``): the app never wrote NULL there. A plain ``String``, a column the
    entity does not map, or the inverse side of a relation (``mappedBy``: its column is
    another table's; hmpps-interventions-service, round U) stays a finding, and so does a
    `team_id` where the entity requires a plain column `team` (teammates, round BO)."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    tables = {
        f"{folder}/V1__tables.sql": "CREATE TABLE person (id BIGINT, user_name TEXT,\n"
        "    first_name TEXT, active BOOLEAN, nick TEXT, org_id BIGINT, extra TEXT,\n"
        "    team TEXT, team_id BIGINT);\n"
        "CREATE TABLE vilkar (id BIGINT, status TEXT, note TEXT, referral_id BIGINT);\n"
    }
    entities = {
        "src/main/java/app/Person.java": "package app;\n\n@Entity\n"
        '@Table(name = "person")\npublic class Person {\n'
        "    @Id private Long id;\n"
        '    @Column(name = "user_name", nullable = false) private String userName;\n'
        "    @NotNull private String firstName;\n"
        "    private boolean active;\n"
        "    private String nick;\n"
        "    @ManyToOne(optional = false) private Org org;\n"
        "    @Column(nullable = false) private String team;\n}\n",
        "src/main/kotlin/app/Vilkar.kt": "package app\n\n@Entity\n"
        '@Table(name = "vilkar")\nclass Vilkar(\n'
        "    @Id val id: Long? = null,\n"
        "    val status: String,\n"
        "    val note: String? = null,\n"
        '    @OneToOne(mappedBy = "vilkar") val referral: Referral,\n)\n',
    }
    required = {
        f"{folder}/V2__required.sql": "ALTER TABLE person ALTER COLUMN user_name SET NOT NULL;\n"
        "ALTER TABLE person ALTER COLUMN first_name SET NOT NULL;\n"
        "ALTER TABLE person ALTER COLUMN active SET NOT NULL;\n"
        "ALTER TABLE person ALTER COLUMN org_id SET NOT NULL;\n"
        "ALTER TABLE person ALTER COLUMN nick SET NOT NULL;\n"
        "ALTER TABLE person ALTER COLUMN extra SET NOT NULL;\n"
        "ALTER TABLE vilkar ALTER COLUMN status SET NOT NULL;\n"
        "ALTER TABLE vilkar ALTER COLUMN note SET NOT NULL;\n"
        "ALTER TABLE vilkar ALTER COLUMN referral_id SET NOT NULL;\n"
        "ALTER TABLE person ALTER COLUMN team_id SET NOT NULL;\n"
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **entities, **required})
    assert _rg222_lines(git_repo.root) == [5, 6, 8, 9, 10]


def test_a_column_the_old_jpa_entity_sets_before_persisting_is_no_rg222(git_repo: Any) -> None:
    """credhub (round AK): ``uuid`` set NOT NULL where the previous release's entity gives
    it a value in a ``@PrePersist`` method (``if (uuid == null) uuid = UUID.randomUUID()``):
    JPA runs it before every insert. A column the method does not set stays a finding."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    tables = {
        f"{folder}/V1__tables.sql": "CREATE TABLE named_secret (id BIGINT, uuid BYTEA,\n"
        "    name TEXT);\n"
    }
    entity = {
        "src/main/java/app/NamedSecret.java": "package app;\n\n@Entity\n"
        '@Table(name = "named_secret")\npublic class NamedSecret {\n'
        "    @Id private Long id;\n    private UUID uuid;\n    private String name;\n\n"
        "    @PrePersist\n    public void updateUuid() {\n"
        "        if (uuid == null) {\n            uuid = UUID.randomUUID();\n        }\n"
        "    }\n}\n"
    }
    required = {
        f"{folder}/V2__required.sql": "ALTER TABLE named_secret ALTER COLUMN uuid SET NOT NULL;\n"
        "ALTER TABLE named_secret ALTER COLUMN name SET NOT NULL;\n"
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **entity, **required})
    assert _rg222_lines(git_repo.root) == [2]


def test_a_column_the_old_entity_s_superclass_never_leaves_null_is_no_rg222(
    git_repo: Any,
) -> None:
    """avni-server (round CH): ``version`` added NOT NULL to tables whose previous entities
    extend ``OrganisationAwareEntity``, which extends the ``@MappedSuperclass`` CHSEntity
    with ``@Column(name = "version") private int version``: JPA writes the primitive on
    every insert. A column only the superclass's plain ``String`` maps, or a table whose
    entity extends nothing, stays a finding."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    tables = {
        f"{folder}/V1__tables.sql": "CREATE TABLE message_receiver (id BIGINT);\n"
        "CREATE TABLE standalone (id BIGINT);\n"
    }
    java = "src/main/java/app"
    entities = {
        f"{java}/CHSEntity.java": "package app;\n\n@MappedSuperclass\npublic class CHSEntity {\n"
        "    @Id private Long id;\n"
        '    @Column(name = "version")\n    private int version;\n'
        "    private String note;\n}\n",
        f"{java}/OrganisationAwareEntity.java": "package app;\n\n@MappedSuperclass\n"
        "public class OrganisationAwareEntity extends CHSEntity {\n"
        "    private Long organisationId;\n}\n",
        f"{java}/MessageReceiver.java": "package app;\n\n@Entity\n"
        '@Table(name = "message_receiver")\n'
        "public class MessageReceiver extends OrganisationAwareEntity {\n"
        "    private String kind;\n}\n",
        f"{java}/Standalone.java": "package app;\n\n@Entity\n"
        '@Table(name = "standalone")\npublic class Standalone {\n'
        "    @Id private Long id;\n}\n",
    }
    added = {
        f"{folder}/V2__version.sql": "ALTER TABLE message_receiver\n"
        "    ADD COLUMN version INT NOT NULL;\n"
        "ALTER TABLE message_receiver ADD COLUMN note TEXT NOT NULL;\n"
        "ALTER TABLE standalone ADD COLUMN version INT NOT NULL;\n"
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **entities, **added})
    assert _rg222_lines(git_repo.root) == [3, 4]


def test_a_jpa_entity_moved_since_is_read_at_its_release(git_repo: Any) -> None:
    """avni-server (round CH): the entities moved from ``avni-server-api/`` to
    ``avni-server-data/`` after the migration shipped; at its release the file named as
    today's entity is read where it was then. A column the entity leaves nullable stays a
    finding."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    tables = {f"{folder}/V1__tables.sql": "CREATE TABLE users (id BIGINT, is_admin BOOLEAN,\n"
              "    nick TEXT);\n"}  # fmt: skip
    entity = (
        'package app;\n\n@Entity\n@Table(name = "users")\npublic class User {\n'
        "    @Id private Long id;\n    private boolean isAdmin;\n    private String nick;\n}\n"
    )
    old = "api/src/main/java/app/User.java"
    required = {
        f"{folder}/V2__required.sql": "ALTER TABLE users ALTER COLUMN is_admin SET NOT NULL;\n"
        "ALTER TABLE users ALTER COLUMN nick SET NOT NULL;\n"
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, old: entity, **required})
    (git_repo.root / "data/src/main/java/app").mkdir(parents=True)
    (git_repo.root / old).rename(git_repo.root / "data/src/main/java/app/User.java")
    git_repo.commit("the entities move to their own module")
    # (a later release's finding: the audit judges two releases, searching today's tree)
    later = {f"{folder}/V3__later.sql": "ALTER TABLE users ADD COLUMN code TEXT NOT NULL;\n"}
    git_repo.commit_each(later)
    assert _rg222_lines(git_repo.root) == [1, 2]


def test_a_column_the_old_hibernate_mapping_says_not_null_is_no_rg222(git_repo: Any) -> None:
    """dhis2's ``Option.hbm.xml`` (round Y): ``<property name="code" not-null="true"/>``
    in the previous release, then a Liquibase ``addNotNullConstraint`` on the column. In a
    changelog of several changeSets the commit that added the file is no release of each
    (openmrs's per-version files, round U): left as found."""
    folder = "src/main/resources/db/changelog"
    config = git_repo.migrations_config(folder, "liquibase", scope="all")

    def changelog(body: str) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
            f"{body}</databaseChangeLog>\n"
        )

    def required(changeset: str, column: str) -> str:
        return (
            f'  <changeSet id="{changeset}" author="a">\n'
            f'    <addNotNullConstraint tableName="optionvalue" columnName="{column}"/>\n'
            "  </changeSet>\n"
        )

    master = {
        f"{folder}/db.changelog-master.xml": changelog(
            "".join(
                f'  <include file="changes/00{n}.xml" relativeToChangelogFile="true"/>\n'
                for n in (1, 2, 3)
            )
        ),
        f"{folder}/changes/001.xml": changelog(
            '  <changeSet id="1" author="a">\n    <createTable tableName="optionvalue">\n'
            '      <column name="id" type="bigint"/>\n      <column name="code" type="text"/>\n'
            '      <column name="name" type="text"/>\n    </createTable>\n  </changeSet>\n'
        ),
    }
    mapping = {
        "src/main/resources/org/app/Option.hbm.xml": "<hibernate-mapping>\n"
        '  <class name="org.app.Option" table="optionvalue">\n'
        '    <id name="id" column="id"/>\n'
        '    <property name="code" not-null="true"/>\n'
        '    <property name="name"/>\n  </class>\n</hibernate-mapping>\n'
    }
    later = {
        f"{folder}/changes/002.xml": changelog(required("2", "code")),
        f"{folder}/changes/003.xml": changelog(required("3", "name") + required("4", "code")),
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **master, **mapping, **later})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    assert sorted((f.path, f.line) for f in found if f.rule == "RG222") == [
        (f"{folder}/changes/003.xml", 4),
        (f"{folder}/changes/003.xml", 7),
    ]


def _sequelize(path: str, up: str) -> dict[str, str]:
    """A sequelize-cli migration at ``path`` whose up step is ``up``, its down step empty."""
    return {
        path: "module.exports = {\n"
        f"  async up(queryInterface, Sequelize) {{\n{up}  }},\n"
        "  async down(queryInterface, Sequelize) {},\n};\n"
    }


def test_a_column_the_old_sequelize_model_never_leaves_null_is_no_rg222(git_repo: Any) -> None:
    """appsemble 0.29.0 (round Z): the migration brings the columns into line with models
    that said ``@AllowNull(false)`` (Sequelize refuses NULL before its INSERT) or gave a
    ``@Default``; a column the model left nullable, or ``@Default(null)``, stays. Models
    moved since are read where the release had them."""
    folder = "migrations"
    config = git_repo.migrations_config(folder, "sequelize", scope="all")

    def migration(name: str, up: str) -> dict[str, str]:
        return _sequelize(f"{folder}/{name}.js", up)

    tables = migration(
        "20240101000000-tables",
        "    await queryInterface.createTable('Resource', {\n"
        "      id: { type: Sequelize.INTEGER, primaryKey: true },\n"
        "      data: { type: Sequelize.JSONB }, kind: { type: Sequelize.STRING },\n"
        "      note: { type: Sequelize.STRING }, seen: { type: Sequelize.BOOLEAN },\n"
        "    });\n",
    )
    model = {
        "src/models/Resource.ts": "@Table({ tableName: 'Resource' })\n"
        "export class Resource extends Model {\n"
        "  @PrimaryKey\n  @Column(DataType.INTEGER)\n  id: number;\n\n"
        "  @AllowNull(false)\n  @Column(DataType.JSONB)\n  data: any;\n\n"
        "  @Default('plain')\n  @Column(DataType.STRING)\n  kind: string;\n\n"
        "  @Column(DataType.STRING)\n  note: string;\n\n"
        "  @Default(null)\n  @Column(DataType.BOOLEAN)\n  seen: boolean;\n}\n"
    }
    required = migration(
        "20240201000000-required",
        "    await queryInterface.sequelize.query(`\n"
        '      ALTER TABLE "Resource" ALTER COLUMN "data" SET NOT NULL;\n'
        '      ALTER TABLE "Resource" ALTER COLUMN "kind" SET NOT NULL;\n'
        '      ALTER TABLE "Resource" ALTER COLUMN "note" SET NOT NULL;\n'
        '      ALTER TABLE "Resource" ALTER COLUMN "seen" SET NOT NULL;\n'
        "    `);\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == [6, 7]
    # … and where the models moved since (appsemble's `models/apps/`), read at its release
    (git_repo.root / "src/models/apps").mkdir()
    git_repo.git("mv", "src/models/Resource.ts", "src/models/apps/Resource.ts")
    git_repo.commit("models move")
    assert _rg222_lines(git_repo.root) == [6, 7]


def test_a_migration_moved_here_is_judged_at_the_release_that_wrote_it(git_repo: Any) -> None:
    """appsemble (round Z): "resolve conflicts" moved ``migrations/0.29.0.ts`` and its
    neighbours to ``migrations/main/``; by then the models had caught up with the
    migration. The previous release is the one before the commit that wrote it."""
    config = git_repo.migrations_config("migrations/main", "sequelize", scope="all")

    def migration(name: str, sql: str) -> dict[str, str]:
        up = f"    await queryInterface.sequelize.query(`{sql}`);\n"
        return _sequelize(f"migrations/{name}.js", up)

    def model(allow_null: bool) -> dict[str, str]:
        mark = "" if allow_null else "  @AllowNull(false)\n"
        return {
            "src/models/User.ts": "@Table({ tableName: 'User' })\n"
            "export class User extends Model {\n"
            "  @AllowNull(false)\n  @Column\n  name: string;\n\n"
            f"{mark}  @Column\n  zone: string;\n}}\n"
        }

    git_repo.commit(
        "tables",
        {
            "deploy-readiness.yml": config,
            **migration("0.1.0", 'CREATE TABLE "User" ("name" text, "zone" text)'),
            **model(allow_null=True),
            # (a writer: a table no code writes is P3 whatever its models say)
            "src/users.ts": "export const add = (name: string) => User.create({ name })\n",
        },
    )
    git_repo.commit(
        "required",
        migration(
            "0.2.0",
            'ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;\n'
            'ALTER TABLE "User" ALTER COLUMN "zone" SET NOT NULL;',
        ),
    )
    git_repo.commit("models catch up", model(allow_null=False))
    (git_repo.root / "migrations/main").mkdir()
    for name in ("0.1.0", "0.2.0"):
        git_repo.git("mv", f"migrations/{name}.js", f"migrations/main/{name}.js")
    git_repo.commit("resolve conflicts")
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    assert [x.message for f in found if f.rule == "RG222" for x in (f, *f.related)] == [
        "up() sets NOT NULL on User.zone"
    ]


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        # every INSERT of the previous release names the column: it never leaves it out
        (
            {
                "database/query/evals.sql": "-- name: Insert :one\nINSERT INTO rule_evaluations"
                " (id, rule_instance_id, entity) VALUES ($1, $2, $3) RETURNING *;\n",
                "internal/evals.go": "const q = `INSERT INTO rule_evaluations(id, entity,\n"
                "  rule_instance_id) VALUES ($1, $2, $3)`\n",
            },
            False,
        ),
        # one that leaves it out, or writes every column by position: the break stays
        (
            {
                "database/query/evals.sql": "INSERT INTO rule_evaluations (id, rule_instance_id)"
                " VALUES ($1, $2);\nINSERT INTO rule_evaluations (id) VALUES ($1);\n"
            },
            True,
        ),
        ({"internal/evals.go": 'const q = "INSERT INTO rule_evaluations VALUES ($1, $2)"\n'}, True),
        ({}, True),  # no INSERT seen: nothing known
        # a test's INSERT is no release's
        (
            {
                "database/query/evals.sql": "INSERT INTO rule_evaluations (id, rule_instance_id)"
                " VALUES ($1, $2);\n",
                "internal/evals_test.go": 'q := "INSERT INTO rule_evaluations (id) VALUES (1)"\n',
            },
            False,
        ),
    ],
    ids=["all-name-it", "one-leaves-it-out", "positional", "none", "test-insert"],
)
def test_not_null_every_insert_of_the_previous_release_names_is_no_rg222(
    git_repo: Any, code: dict[str, str], flagged: bool
) -> None:
    """minder (round AB): a column the app writes first (dual-write), backfills, then makes
    NOT NULL; its sqlc queries and Go code are the previous release's every INSERT."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope="changed")
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{GO}/1_init.up.sql": "CREATE TABLE rule_evaluations (id int, entity text,"
            " rule_instance_id int);\n",
            f"{GO}/1_init.down.sql": "DROP TABLE rule_evaluations;\n",
            **code,
        }
    )
    git_repo.commit(
        "not null",
        {
            f"{GO}/2_nn.up.sql": "ALTER TABLE rule_evaluations ALTER COLUMN rule_instance_id"
            " SET NOT NULL;\n",
            f"{GO}/2_nn.down.sql": "ALTER TABLE rule_evaluations ALTER COLUMN rule_instance_id"
            " DROP NOT NULL;\n",
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("field", "flagged"),
    [
        ("Json", False),
        ("Json?", True),
        # dyrectorio (round AL): optional, but the client fills it on every create
        ("DateTime? @updatedAt", False),
        ("DateTime? @default(now())", False),
        ('String? @default("")', True),
        ("DateTime? @default(dbgenerated())", True),
    ],
)
def test_not_null_on_a_field_the_previous_prisma_schema_requires(
    git_repo: Any, field: str, flagged: bool
) -> None:
    """typebot (round AB): ``SET NOT NULL`` on columns the previous release's
    ``schema.prisma`` already declared required: its client writes a value on every create."""
    table = 'CREATE TABLE "Typebot" ("id" TEXT, "variables" JSONB);\n'
    schema = f"model Typebot {{\n  id        String @id\n  variables {field}\n}}\n"
    change = 'ALTER TABLE "Typebot" ALTER COLUMN "variables" SET NOT NULL;\n'
    assert _prisma_rg222(git_repo, table, schema, change) is flagged


@pytest.mark.parametrize(("field", "flagged"), [("String", False), ("String?", True), (None, True)])
def test_a_column_added_not_null_the_previous_prisma_schema_already_requires(
    git_repo: Any, field: str | None, flagged: bool
) -> None:
    """comp (round AJ): ``ADD COLUMN "organizationId" TEXT NOT NULL`` where the previous
    release's schema already declared ``organizationId String``: its client writes it on
    every create (the migration brings the database up to the schema). Optional in the
    schema, or not there at all, the previous release leaves it out."""
    declared = f"  organizationId {field}\n" if field else ""
    table = 'CREATE TABLE "Context" ("id" TEXT);\n'
    schema = f"model Context {{\n  id String @id\n{declared}}}\n"
    change = 'ALTER TABLE "Context" ADD COLUMN "organizationId" TEXT NOT NULL;\n'
    assert _prisma_rg222(git_repo, table, schema, change) is flagged


def _prisma_rg222(git_repo: Any, table: str, schema: str, change: str) -> bool:
    """Whether a Prisma migration ``change`` on top of ``table`` is RG222 where the base's
    ``schema.prisma`` says ``schema``."""
    folder = "prisma/migrations"
    config = git_repo.migrations_config(folder, "prisma", scope="changed")
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{folder}/20220101000000_init/migration.sql": table,
            "prisma/schema.prisma": schema,
        }
    )
    git_repo.commit("change", {f"{folder}/20230201100009_change/migration.sql": change})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    return bool([f for f in engine.check(ctx) if f.rule == "RG222"])


@pytest.mark.parametrize(
    ("config", "flagged"),
    [
        ({}, [4]),
        ({"config/initializers/ar.rb": "ActiveRecord::Base.record_timestamps = false\n"}, [3, 4]),
    ],
)
def test_not_null_on_timestamps_activerecord_fills(
    git_repo: Any, config: dict[str, str], flagged: list[int]
) -> None:
    """coursemology2 (round AB), pupilfirst (round W): ``change_column_null :users,
    :created_at, false``: ActiveRecord sets created_at and updated_at on every create, unless
    the app turns its timestamps off; another column stays."""
    cfg = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20140101000000",
        "    create_table :users do |t|\n      t.text :name\n      t.timestamps null: true\n"
        "    end\n",
    )
    required = _migration(
        "20150425030128",
        "    change_column_null :users, :created_at, false\n"
        "    change_column_null :users, :name, false\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": cfg, **config, **tables, **required})
    assert _rg222_lines(git_repo.root) == flagged


def test_not_null_on_timestamps_the_step_adds_is_still_rg222(git_repo: Any) -> None:
    """rdv-service-public (round CJ, a true break hidden): ``add_timestamps :rdvs_users,
    null: true``, a backfill, then NOT NULL on both: the previous release's schema cache
    has no such columns, so its INSERTs leave them out."""
    cfg = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20140101000000", "    create_table :rdvs_users do |t|\n      t.text :name\n    end\n"
    )
    required = _migration(
        "20150425030128",
        "    add_timestamps :rdvs_users, null: true\n"
        "    change_column_null :rdvs_users, :created_at, false\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": cfg, **tables, **required})
    assert _rg222_lines(git_repo.root) == [4]


def test_not_null_on_the_keys_of_a_has_and_belongs_to_many_join_table(git_repo: Any) -> None:
    """rdv-service-public (round CJ): NOT NULL on ``agents_users``' keys, the join table of
    ``Agent has_and_belongs_to_many :users``: ActiveRecord writes both keys of every join
    row. Another column of it stays a finding."""
    cfg = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20140101000000",
        "    create_table :agents_users, id: false do |t|\n      t.bigint :agent_id\n"
        "      t.bigint :user_id\n      t.string :note\n    end\n",
    )
    agent = {"app/models/agent.rb": "class Agent < ApplicationRecord\n"
             "  has_and_belongs_to_many :users\nend\n"}  # fmt: skip
    required = _migration(
        "20150425030128",
        "    change_column_null :agents_users, :agent_id, false\n"
        "    change_column_null :agents_users, :user_id, false\n"
        "    change_column_null :agents_users, :note, false\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": cfg, **tables, **agent, **required})
    assert _rg222_lines(git_repo.root) == [5]


def test_columns_a_create_callback_always_sets_are_required() -> None:
    """caseflow (round AK): ``before_create :temporarily_set_appeal_type``, whose method
    says ``self.appeal_type = Appeal.name``; a set under an ``if``, to ``nil``, or by a
    callback that runs only ``if:``/``on: :update`` guarantees nothing."""
    text = (
        "class VbmsUploadedDocument < CaseflowRecord\n"
        "  before_create :temporarily_set_appeal_type, :stamp\n"
        "  after_initialize :defaults\n"
        "  before_save :maybe, if: :published?\n"
        "  before_validation :on_update, on: :update\n\n"
        "  private\n\n"
        "  def temporarily_set_appeal_type\n    self.appeal_type = Appeal.name\n  end\n\n"
        "  def stamp\n"
        "    # comment\n    self.stamped_at ||= Time.zone.now\n    self.gone = nil\n"
        "    if kind\n      self.kind_set = true\n    end\n"
        "    self.other = 1 if kind\n"
        "  end\n\n"
        "  def defaults\n    self.state ||= 'new'\n  end\n\n"
        "  def maybe\n    self.maybe = 1\n  end\n\n"
        "  def on_update\n    self.updated = 1\n  end\n"
        "end\n"
    )
    assert validations(text).required == {
        "vbms_uploaded_documents": {"appeal_type", "stamped_at", "state"}
    }


def test_a_create_callback_s_one_line_block_is_read() -> None:
    """classroom (round BH): ``before_validation(on: :create) { ensure_last_active_at_presence
    }`` calls one method, which says ``self.last_active_at ||= Time.zone.now``; a block may
    set the column itself; one that sets it to ``nil`` or runs only on update does not."""
    text = (
        "class User < ApplicationRecord\n"
        "  before_validation(on: :create) { ensure_last_active_at_presence }\n"
        "  before_create { self.token ||= SecureRandom.hex }\n"
        "  before_save { self.cleared = nil }\n"
        "  before_validation(on: :update) { self.updated = 1 }\n\n"
        "  def ensure_last_active_at_presence\n    self.last_active_at ||= Time.zone.now\n  end\n"
        "end\n"
    )
    assert validations(text).required == {"users": {"last_active_at", "token"}}


def test_a_model_with_only_a_create_callback_is_read(git_repo: Any) -> None:
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000", "    create_table :uploads do |t|\n      t.text :kind\n    end\n"
    )
    model = {
        "app/models/upload.rb": "class Upload < ApplicationRecord\n"
        "  before_create :set_kind\n\n  def set_kind\n    self.kind = 'A'\n  end\nend\n"
    }
    required = _migration("20240201000000", "    change_column_null :uploads, :kind, false\n")
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == []


def _django_migration(number: str, deps: str, operations: str) -> str:
    return (
        "from django.db import migrations, models\n\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = [('judge', '{deps}')]\n"
        if deps
        else "from django.db import migrations, models\n\n\n"
        "class Migration(migrations.Migration):\n    initial = True\n    dependencies = []\n"
    ) + f"    operations = [\n{operations}    ]\n"


@pytest.mark.parametrize(
    "models_path", ["judge/models.py", "judge/models/contest.py", "judge/entity/contest.py"]
)
def test_a_field_the_old_django_model_already_declares_is_no_rg222(
    git_repo: Any, models_path: str
) -> None:
    """DMOJ (round AL): the model gained ``is_locked`` one commit before its migration, on
    a line of direct commits; that release's inserts write the field (Django writes every
    field the model declares). One the model did not declare, or declares ``null=True``,
    is still a break; so is one of another app's model of the same name. The model may sit
    in any module of its app, which its ``models.py`` imports (juntagrico's
    ``juntagrico/entity/member.py``, round CQ)."""
    config = git_repo.migrations_config("judge/migrations", "django", scope="all")
    initial = _django_migration(
        "0001", "",
        "        migrations.CreateModel(name='Contest', fields=[\n"
        "            ('id', models.AutoField(primary_key=True)),\n"
        "            ('name', models.CharField(max_length=20))]),\n",
    )  # fmt: skip
    model = (
        "from django.db import models\n\n\nclass Contest(models.Model):\n"
        "    name = models.CharField(max_length=20)\n"
        "    is_locked = models.BooleanField(default=False)\n"
        "    note = models.BooleanField(default=False, null=True)\n"
    )
    other_app = (
        "from django.db import models\n\n\nclass Contest(models.Model):\n"
        "    is_rated = models.BooleanField(default=False)\n"
    )
    added = _django_migration(
        "0002", "0001_initial",
        "        migrations.AddField(model_name='contest', name='is_locked',\n"
        "            field=models.BooleanField(default=False)),\n"
        "        migrations.AddField(model_name='contest', name='note',\n"
        "            field=models.BooleanField(default=False)),\n"
        "        migrations.AddField(model_name='contest', name='is_rated',\n"
        "            field=models.BooleanField(default=False)),\n",
    )  # fmt: skip
    git_repo.commit_each({
        "deploy-readiness.yml": config,
        "judge/migrations/0001_initial.py": initial,
        "judge/__init__.py": "",
        models_path: model,
        "judge/forms.py": "class ContestForm(forms.ModelForm):\n    pass\n",
        "other/models.py": other_app,
        "judge/migrations/0002_contest_lock.py": added,
    })  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    columns = sorted(
        ".".join(target(k)) for f in found for k in (f.key, *(r.key for r in f.related))
    )
    assert [f.path for f in found] == ["judge/migrations/0002_contest_lock.py"]
    assert columns == ["judge_contest.is_rated", "judge_contest.note"]


@pytest.mark.parametrize(
    ("field", "rg222"), [("AjaxForeignKey(User)", False), ("AjaxForeignKey(User, null=True)", True)]
)
def test_a_project_s_own_foreign_key_field_declares_its_id_column(
    git_repo: Any, field: str, rg222: bool
) -> None:
    """ESP-Website (round CH): ``author = AjaxForeignKey(ESPUser)``, a project's key class,
    maps ``author_id`` NOT NULL; the history reset's ``AddField`` of ``author`` records a
    column the previous release already wrote."""
    config = git_repo.migrations_config("judge/migrations", "django", scope="all")
    initial = _django_migration(
        "0001", "",
        "        migrations.CreateModel(name='Comment', fields=[\n"
        "            ('id', models.AutoField(primary_key=True))]),\n",
    )  # fmt: skip
    added = _django_migration(
        "0002", "0001_initial",
        "        migrations.AddField(model_name='comment', name='author',\n"
        "            field=models.ForeignKey(to='auth.user', on_delete=models.CASCADE)),\n",
    )  # fmt: skip
    model = (
        f"from django.db import models\n\n\nclass Comment(models.Model):\n    author = {field}\n"
    )
    git_repo.commit_each({
        "deploy-readiness.yml": config,
        "judge/migrations/0001_initial.py": initial,
        "judge/__init__.py": "",
        "judge/models.py": model,
        "judge/views.py": "from judge.models import Comment\n\nComment.objects.create()\n",
        "judge/migrations/0002_comment_author.py": added,
    })  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG222" and f.severity is not Severity.P3]
    assert bool(found) is rg222


def test_a_namespaced_model_s_table_is_its_last_name_s() -> None:
    """scihist_digicoll: ``class Admin::QueueItemComment`` maps ``queue_item_comments``
    (a Python class pattern of the same module once shadowed the Ruby one)."""
    text = (
        "class Admin::QueueItemComment < ApplicationRecord\n"
        "  belongs_to :digitization_queue_item\nend\n"
    )
    assert validations(text, belongs_required=True).required == {
        "queue_item_comments": {"digitization_queue_item_id"}
    }


def test_a_model_file_that_no_longer_names_the_table_is_read_at_its_release(
    git_repo: Any,
) -> None:
    """simple-login (round AO): ``class GenEmail(db.Model)`` declared ``mailbox_id`` NOT NULL
    a release before the migration did; today the same ``app/models.py`` holds ``Alias``
    instead, so it names no ``gen_email``. The releases left unexplained read it as it was."""
    config = git_repo.migrations_config(ALEMBIC, "alembic", scope="all")
    tables = _revision(
        "a1",
        None,
        "    op.create_table('gen_email', sa.Column('id', sa.Integer()),\n"
        "                    sa.Column('mailbox_id', sa.Integer()),\n"
        "                    sa.Column('note', sa.Text()))\n",
    )
    model = {
        "app/models.py": "from app.extensions import db\n\n\nclass GenEmail(db.Model):\n"
        "    id = db.Column(db.Integer, primary_key=True)\n"
        "    mailbox_id = db.Column(db.ForeignKey('mailbox.id'), nullable=False)\n"
        "    note = db.Column(db.Text)\n"
    }
    required = {
        **_revision("b2", "a1", "    op.alter_column('gen_email', 'mailbox_id', nullable=False)\n"),
        **_revision(
            "c3", "b2", "    # the note\n    op.alter_column('gen_email', 'note', nullable=False)\n"
        ),
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **model, **required})
    assert _rg222_lines(git_repo.root) == [7]
    (git_repo.root / "app/models.py").write_text(
        "from app.extensions import db\n\n\nclass Alias(db.Model):\n"
        "    __tablename__ = 'alias'\n    id = db.Column(db.Integer, primary_key=True)\n"
    )
    git_repo.commit("GenEmail becomes Alias")
    assert _rg222_lines(git_repo.root) == [7]


def test_a_python_model_file_names_the_tables_its_classes_map() -> None:
    """The releases of a `scope: all` run read the model files that name their tables; a
    Flask-SQLAlchemy class names its own (``GenEmail`` maps ``gen_email``), a Django one
    ``<app label>_<model>``."""
    from rollback_gate.checks.history.validated import _names

    flask = "class GenEmail(db.Model):\n    id = db.Column(db.Integer)\n"
    django = "from django.db import models\n\nclass Contest(models.Model):\n    pass\n"
    assert "gen_email" in _names("app/models.py", flask)
    assert "judge_contest" in _names("judge/models.py", django)


def test_a_jpa_entity_without_a_table_name_maps_its_class_s_table(git_repo: Any) -> None:
    """calculate-release-dates-api (round AO): ``@Entity @Table class ComparisonPerson``
    names no table; Spring Boot's naming maps ``comparison_person`` (Hibernate's own,
    ``comparisonperson``). Its ``val latestBookingId: Long`` is never NULL."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    tables = {
        f"{folder}/V1__tables.sql": "CREATE TABLE comparison_person (id BIGINT,\n"
        "    latest_booking_id BIGINT, note TEXT);\n"
        "CREATE TABLE other_person (id BIGINT, latest_booking_id BIGINT);\n"
    }
    entities = {
        "src/main/kotlin/app/ComparisonPerson.kt": "package app\n\n@Entity\n@Table\n"
        "data class ComparisonPerson(\n    @Id val id: Long? = null,\n"
        "    val latestBookingId: Long,\n    val note: String? = null,\n)\n",
    }
    required = {
        f"{folder}/V2__booking.sql": "ALTER TABLE comparison_person"
        " ALTER COLUMN latest_booking_id SET NOT NULL;\n",
        f"{folder}/V3__others.sql": "ALTER TABLE comparison_person"
        " ALTER COLUMN note SET NOT NULL;\n"
        "ALTER TABLE other_person ALTER COLUMN latest_booking_id SET NOT NULL;\n",
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **entities, **required})
    assert _rg222_lines(git_repo.root) == [1, 2]


@pytest.mark.parametrize("singular", [True, False])
def test_an_app_that_does_not_pluralize_its_tables_validates_them(
    git_repo: Any, singular: bool
) -> None:
    """publish-teacher-training (round BC): ``config.active_record.pluralize_table_names =
    false``, tables ``user`` and ``course``: ``User`` validating its names kept them set,
    where the convention looked for ``users``."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    table = "user" if singular else "users"
    app = {
        "config/application.rb": "module App\n  class Application < Rails::Application\n"
        "    config.load_defaults 5.2\n"
        + ("    config.active_record.pluralize_table_names = false\n" if singular else "")
        + "  end\nend\n",
        "app/models/user.rb": "class User < ApplicationRecord\n"
        "  validates :first_name, presence: true\nend\n",
    }
    tables = _migration(
        "20240101000000", f"    create_table :{table} do |t|\n      t.string :first_name\n    end\n"
    )
    required = _migration(
        "20240201000000", f"    change_column_null :{table}, :first_name, false\n"
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **app, **tables, **required})
    assert _rg222_lines(git_repo.root) == []


def test_an_association_kept_present_keeps_its_foreign_key_set(git_repo: Any) -> None:
    """publish-teacher-training (round BC): ``validates :course, presence: true`` over
    ``belongs_to :course, foreign_key: :ucas_course_code`` keeps ``ucas_course_code`` set,
    not ``course_id``, which the previous release never wrote: that NOT NULL breaks it."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    model = {
        "app/models/enrichment.rb": "class Enrichment < ApplicationRecord\n"
        "  belongs_to :course,\n             foreign_key: :ucas_course_code,\n"
        "             primary_key: :course_code\n"
        "  validates :course, presence: true\nend\n",
    }
    tables = _migration(
        "20240101000000",
        "    create_table :enrichments do |t|\n      t.string :ucas_course_code\n"
        "      t.bigint :course_id\n    end\n",
    )
    required = _migration(
        "20240201000000",
        "    change_column_null :enrichments, :ucas_course_code, false\n"
        "    change_column_null :enrichments, :course_id, false\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **model, **tables, **required})
    assert _rg222_lines(git_repo.root) == [4]


def test_a_validated_association_keeps_its_key_not_a_column_of_its_name() -> None:
    """preservation_catalog (round BI, a miss): ``belongs_to :status`` and ``validates
    :status, presence: true`` keep ``status_id`` set; an integer column ``status`` the
    migration adds and makes NOT NULL is not one the previous release writes."""
    text = (
        "class PreservedCopy < ApplicationRecord\n  belongs_to :status\n  belongs_to :endpoint\n"
        "  validates :status, presence: true\n  validates :version, presence: true\nend\n"
    )
    kept = validations(text)
    assert kept.required == {"preserved_copies": {"status_id", "version"}}
    assert kept.requires("preserved_copies", "status_id")
    assert not kept.requires("preserved_copies", "status")


def test_a_validated_alias_keeps_the_column_it_aliases() -> None:
    """auction_center (round CR): ``alias_attribute :country_code,
    :alpha_two_country_code`` and ``validates :country_code, presence: true`` keep
    ``alpha_two_country_code`` set, which a migration then makes NOT NULL; another class's
    alias of the same name is not this one's."""
    text = (
        "class BillingProfile < ApplicationRecord\n"
        "  alias_attribute :country_code, :alpha_two_country_code\n"
        "  validates :country_code, presence: true\n"
        "  validates :name, uniqueness: true\nend\n"
        "class Other < ApplicationRecord\n  validates :country_code, presence: true\nend\n"
    )
    kept = validations(text)
    assert kept.requires("billing_profiles", "alpha_two_country_code")
    assert not kept.requires("billing_profiles", "country_code")
    assert kept.requires("others", "country_code")


def test_a_format_validation_that_refuses_the_empty_string_refuses_nil() -> None:
    """morph (round BN): ``validates :name, format: { with: /\\AMORPH_[A-Z0-9_]+\\z/ }``
    matches ``nil.to_s``, the empty string, and fails: the previous release never saves a
    NULL name. A pattern the empty string matches (``\\d*``) lets nil through."""
    text = (
        "class Variable < ApplicationRecord\n"
        "  validates :name, format: { with: /\\AMORPH_[A-Z0-9_]+\\z/, message: 'x' }\n"
        "  validates :code, format: { with: /\\A\\d*\\z/ }\n"
        "  validates :tag, :format => { :with => /[a-z]+/i }\n"
        "  validates :note, format: { with: /\\A[[:alpha:]]+\\z/ }\n"
        "end\n"
    )
    assert validations(text).required == {"variables": {"name", "tag"}}


def _go_not_null(git_repo: Any, table: str, column: str, code: dict[str, str]) -> list[Any]:
    """The RG222 findings of a golang-migrate change that sets NOT NULL on ``column`` of
    ``table`` (made nullable by the base), whose base holds ``code``."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope="changed")
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{GO}/1_init.up.sql": f"CREATE TABLE {table} (id uuid, {column} text);\n",
            f"{GO}/1_init.down.sql": f"DROP TABLE {table};\n",
            **code,
        }
    )
    git_repo.commit(
        "not null",
        {
            f"{GO}/2_nn.up.sql": f"ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL;\n",
            f"{GO}/2_nn.down.sql": f"ALTER TABLE {table} ALTER COLUMN {column} DROP NOT NULL;\n",
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    return [f for f in engine.check(ctx) if f.rule == "RG222"]


@pytest.mark.parametrize(
    ("field", "flagged"),
    [
        ('Locator string `json:"locator" db:"locator"`', False),
        ('Locator unit.Cents `db:"locator"`', False),
        ('Locator *string `json:"locator" db:"locator"`', True),
        ('Locator nulls.String `db:"locator"`', True),
        ('Locator string `json:"locator"`', True),  # no db tag: not known as its column
        # … and a model without TableName(), in a file that imports pop: its table is
        # pop's name for it, `moves`
        ('Locator string `db:"locator"`\n}\n\nimport "github.com/gobuffalo/pop/v5"\n', False),
    ],
)
def test_not_null_on_a_column_a_pop_model_writes_as_a_plain_value_is_no_rg222(
    git_repo: Any, field: str, flagged: bool
) -> None:
    """transcom/mymove (round BR: six): `Move.Locator` is a Go `string` of a pop model (its
    `TableName()` names `moves`): pop inserts every field, a zero value where the code set
    none, so the previous release never writes NULL. A pointer or a nullable wrapper may be
    NULL."""
    model = f'package models\n\ntype Move struct {{\n\tID uuid.UUID `db:"id"`\n\t{field}\n}}\n'
    if "pop" not in field:
        model += (
            "\n// TableName overrides the table name used by Pop.\n"
            'func (m Move) TableName() string {\n\treturn "moves"\n}\n'
        )
    found = _go_not_null(git_repo, "moves", "locator", {"pkg/models/move.go": model})
    assert bool(found) is flagged


@pytest.mark.parametrize(
    "orm", ["github.com/gobuffalo/pop/v5 v5.3.4", "github.com/jmoiron/sqlx v1.3.5"]
)
def test_a_struct_of_a_pop_app_maps_the_table_named_after_it(git_repo: Any, orm: str) -> None:
    """transcom/mymove (round BR): most model files name no `TableName()` and import no pop
    (a struct and its validations); where go.mod requires pop, `Tariff400ngZip3` maps
    `tariff400ng_zip3s`. An sqlx app's structs are scan targets its own INSERTs may not fill."""
    model = (
        'package models\n\ntype Tariff400ngZip3 struct {\n\tID uuid.UUID `db:"id"`\n'
        '\tZip3 string `db:"zip3"`\n}\n'
    )
    code = {
        "go.mod": f"module example.com/app\n\ngo 1.21\n\nrequire {orm}\n",
        "pkg/models/tariff400ng_zip3.go": model,
    }
    found = _go_not_null(git_repo, "tariff400ng_zip3s", "zip3", code)
    assert bool(found) is ("sqlx" in orm)


@pytest.mark.parametrize(
    ("changesets", "flagged"),
    [
        # teslamate (round BZ): the module's one changeset requires both fields
        ("    |> cast(attrs, [:vin, :title])\n    |> validate_required([:vin, :title])\n", []),
        # … a second changeset that requires only one: the other may be inserted NULL
        ("    |> cast(attrs, [:vin, :title])\n    |> validate_required([:vin, :title])\n"
         "  end\n\n  def import_changeset(event, attrs) do\n    event\n"
         "    |> cast(attrs, [:vin, :title])\n    |> validate_required([:vin])\n", [7]),
        ("    |> cast(attrs, [:vin, :title])\n", [6, 7]),  # nothing required
    ],
)  # fmt: skip
def test_an_ecto_field_every_changeset_requires_is_no_rg222(
    git_repo: Any, changesets: str, flagged: list[int]
) -> None:
    config = git_repo.migrations_config(ECTO, "ecto", scope="all")
    tables = _ecto(
        "20240101000000",
        "    create table(:events) do\n      add :vin, :string\n      add :title, :string\n"
        "    end\n",
    )
    schema = {
        "lib/app/event.ex": "defmodule App.Event do\n  use Ecto.Schema\n"
        "  import Ecto.Changeset\n\n"
        '  schema "events" do\n    field :vin, :string\n    field :title, :string\n  end\n\n'
        f"  def changeset(event, attrs) do\n    event\n{changesets}  end\nend\n"
    }
    required = _ecto(
        "20240201000000",
        "    alter table(:events) do\n      modify :vin, :string, null: false\n"
        "      modify :title, :string, null: false\n    end\n",
    )
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **schema, **required})
    assert _rg222_lines(git_repo.root) == flagged


_TYPEORM_STEP = (
    "import {{ MigrationInterface, QueryRunner }} from 'typeorm';\n\n"
    "export class Step{stamp} implements MigrationInterface {{\n"
    "  public async up(queryRunner: QueryRunner): Promise<void> {{\n{body}  }}\n\n"
    "  public async down(queryRunner: QueryRunner): Promise<void> {{\n{down}  }}\n}}\n"
)


def _typeorm_query(sql: str) -> str:
    return f"    await queryRunner.query(`{sql}`);\n"


def test_a_typeorm_entity_naming_no_table_maps_its_class_s_table(git_repo: Any) -> None:
    """popo-nest-api (round CL), MySQL: ``CHANGE \\`content\\` … NOT NULL`` (backquotes
    escaped in the template) on a column the previous release's ``@Entity() class FcmKey``
    (table ``fcm_key``, TypeORM's default name) declares ``@Column('text', { nullable:
    false })``: its inserts always wrote it. Its unique keys stay, ``unique: true`` and an
    owning ``@OneToOne`` alike: a migration that adds one was generated because the
    database lacked it, and nothing checked it before an insert (jpal-backend's
    ``youth.email``, round CJ, a true break)."""
    folder = "src/migrations"
    create = _TYPEORM_STEP.format(
        stamp="1700000000000",
        down="",
        body=_typeorm_query(
            "CREATE TABLE \\`fcm_key\\` (\\`id\\` int, \\`user_uuid\\` varchar(36), "
            "\\`push_key\\` varchar(255), \\`token\\` varchar(255), \\`content\\` text NULL)"
        )
        + _typeorm_query("CREATE TABLE \\`nickname\\` (\\`id\\` int, \\`user_uuid\\` varchar(36))"),
    )
    entities = {
        "src/fcm-key.entity.ts": (
            "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n"
            "@Entity()\nexport class FcmKey {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n"
            "  @Column({ name: 'user_uuid', nullable: false })\n  userUuid: string;\n\n"
            "  @Column({ name: 'push_key', nullable: false, unique: true })\n"
            "  pushKey: string;\n\n  @Column({ nullable: true })\n  token: string;\n\n"
            "  @Column('text', { nullable: false })\n  content: string;\n}\n"
        ),
        "src/nickname.entity.ts": (
            "import { Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn } from 'typeorm';\n"
            "import { User } from './user.entity';\n\n@Entity()\nexport class Nickname {\n"
            "  @PrimaryGeneratedColumn()\n  id: number;\n\n"
            "  @OneToOne(() => User, (user) => user.nickname)\n"
            "  @JoinColumn({ name: 'user_uuid' })\n  user: User;\n}\n"
        ),
    }
    step = _TYPEORM_STEP.format(
        stamp="1700000000001",
        body="".join(
            _typeorm_query(q)
            for q in (
                "CREATE UNIQUE INDEX \\`IDX_1\\` ON \\`nickname\\` (\\`user_uuid\\`)",
                "CREATE UNIQUE INDEX \\`IDX_2\\` ON \\`fcm_key\\` "
                "(\\`user_uuid\\`, \\`push_key\\`)",
                "CREATE UNIQUE INDEX \\`IDX_3\\` ON \\`fcm_key\\` (\\`token\\`)",
                "ALTER TABLE \\`fcm_key\\` CHANGE \\`content\\` \\`content\\` text NOT NULL",
            )
        ),
        down=_typeorm_query(
            "ALTER TABLE \\`fcm_key\\` CHANGE \\`content\\` \\`content\\` text NULL"
        ),
    )
    config = git_repo.migrations_config(folder, "typeorm", scope="all")
    git_repo.commit_each(
        {"deploy-readiness.yml": config, f"{folder}/1700000000000-create.ts": create}
    )
    git_repo.commit("entities", entities)
    git_repo.commit("step", {f"{folder}/1700000000001-step.ts": step})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule in ("RG222", "RG224")]
    assert sorted((f.rule, x.line) for f in found for x in (f, *f.related)) == [
        ("RG224", 5),
        ("RG224", 6),
        ("RG224", 7),
    ]


@pytest.mark.parametrize(
    ("dossier", "lowered"),
    [
        # every association to the rows says `dependent:`, scoped or not
        (
            "  has_many :follows, -> { active }, dependent: :destroy\n"
            "  has_many :previous_follows, -> { inactive }, class_name: 'Follow',"
            " dependent: :destroy\n",
            True,
        ),
        # one does not: its rows may be left pointing nowhere
        (
            "  has_many :follows, -> { active }, dependent: :destroy\n"
            "  has_many :previous_follows, -> { inactive }, class_name: 'Follow'\n",
            False,
        ),
        ("  has_many :follows\n", False),
        # another key: not the association the foreign key is over
        ("  has_many :follows, foreign_key: :owner_id, dependent: :destroy\n", False),
        ("", False),
    ],
    ids=["all-dependent", "one-not", "none", "other-key", "no-association"],
)
def test_a_rails_foreign_key_whose_parent_clears_its_rows_is_p3(
    git_repo: Any, dossier: str, lowered: bool
) -> None:
    """demarches-simplifiees (round CL): ``add_foreign_key :follows, :dossiers`` where the
    previous release's ``Dossier`` says ``dependent: :destroy`` on every association to
    ``follows``: its deletes take the rows along, so the key rejects only an id it makes
    up, as one that cascades would (P3)."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    tables = _migration(
        "20240101000000",
        "    create_table :dossiers do |t|\n      t.string :name\n    end\n"
        "    create_table :follows do |t|\n      t.bigint :dossier_id\n"
        "      t.bigint :owner_id\n    end\n",
    )
    models = {
        "app/models/dossier.rb": f"class Dossier < ApplicationRecord\n{dossier}end\n",
        "app/models/follow.rb": "class Follow < ApplicationRecord\n  belongs_to :dossier\nend\n",
        "app/controllers/follows_controller.rb": "Follow.create!(dossier_id: params[:id])\n",
    }
    key = _migration("20240201000000", "    add_foreign_key :follows, :dossiers\n")
    git_repo.commit_each({"deploy-readiness.yml": config, **tables, **models, **key})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [found] = [f for f in engine.check(ctx) if f.rule == "RG224"]
    assert (found.severity is Severity.P3) is lowered, found.message
    assert ("`dependent:` on every association" in found.message) is lowered


_IMPORT = "src/main/kotlin/Import.kt"
_SKIPPING = (
    "class VirksomhetRepository(private val session: Session) {\n"
    '    fun lagre(orgnr: String) = session.run(queryOf(\n        """\n'
    "        INSERT INTO virksomhet (orgnr, navn)\n        VALUES (:orgnr, :navn)\n"
    '        ON CONFLICT DO NOTHING\n        """, mapOf("orgnr" to orgnr)))\n}\n'
)
_PLAIN_INSERT = 'val q = """insert into virksomhet (orgnr) values (?)"""\n'
_OTHER_TARGET = (
    'val q = """insert into virksomhet (orgnr) values (?) on conflict (navn) do nothing"""\n'
)
_ENTITY = '@Entity\n@Table(name = "virksomhet")\nclass V(val id: Long)\n'


@pytest.mark.parametrize(
    ("more", "flagged"),
    [
        ({}, False),
        ({_IMPORT: _PLAIN_INSERT}, True),  # another insert fails on a duplicate
        # one that skips a conflict on another key only: the new key may still refuse it
        ({_IMPORT: _OTHER_TARGET}, True),
        ({_IMPORT: _ENTITY}, True),  # an entity may write the table too
    ],
    ids=["only-skipping", "insert-without", "other-target", "entity"],
)
def test_a_key_every_insert_of_a_sql_only_jvm_app_skips(
    git_repo: Any, more: dict[str, str], flagged: bool
) -> None:
    """lydia-api (round CM): a Flyway unique key on a table the previous release's Kotlin
    code writes only by ``INSERT … ON CONFLICT DO NOTHING``, in an app that writes its
    tables with SQL of its own (no entity, repository or insert builder): a duplicate is
    skipped, never an error, so no insert of it fails on the key."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    create = {f"{folder}/V1__v.sql": "CREATE TABLE virksomhet (orgnr text, navn text);\n"}
    code = {"src/main/kotlin/VirksomhetRepository.kt": _SKIPPING, **more}
    step = {f"{folder}/V2__u.sql": "ALTER TABLE virksomhet ADD CONSTRAINT u UNIQUE (orgnr);\n"}
    git_repo.commit_each({"deploy-readiness.yml": config, **create})
    git_repo.commit("code", code)
    git_repo.commit("step", step)
    assert bool(_rg224_lines(prepare(CheckOptions(repo=git_repo.root)))) is flagged
