"""RG222 and a Rails ``change_column … null: false`` that only the earlier migrations show
is a change (osem, round T: a column added nullable, then made NOT NULL inside ``change``
with no down step to tell)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks.history.nullable import NULLABLE, REQUIRED, UNKNOWN, apply, events
from rollback_gate.gate import CheckOptions, prepare

FOLDER = "db/migrate"


def _migration(stamp: str, body: str, method: str = "change") -> dict[str, str]:
    return {
        f"{FOLDER}/{stamp}_step.rb": (
            f"class Step{stamp} < ActiveRecord::Migration[7.1]\n  def {method}\n{body}  end\nend\n"
        )
    }


HISTORY = {
    **_migration(
        "20170101000000",
        "    create_table :tracks do |t|\n      t.string :name, null: false\n"
        "      t.string :state\n      t.references :room\n      t.boolean :cfp\n"
        "      t.integer :size\n    end\n"
        "    create_table :conferences do |t|\n      t.string :title\n    end\n",
    ),
    **_migration(
        "20170201000000",
        "    add_column :conferences, :revision, :integer\n"
        "    change_column_null :tracks, :cfp, false, false\n"
        "    rename_column :tracks, :size, :capacity\n"
        "    execute 'ALTER TABLE tracks ALTER COLUMN room_id SET NOT NULL'\n",
    ),
}
CHANGE = _migration(
    "20170301000000",
    # state, revision (added nullable) and capacity (renamed, nullable): changes
    "    change_column :tracks, :state, :string, null: false, default: 'new'\n"
    "    change_column :conferences, :revision, :integer, null: false, default: 0\n"
    "    change_column :tracks, :capacity, :integer, null: false\n"
    # name, cfp: NOT NULL already; room_id: raw SQL, not known; the down step's own
    "    change_column :tracks, :name, :text, null: false\n"
    "    change_column :tracks, :cfp, :boolean, null: false, default: true\n"
    "    change_column :tracks, :room_id, :bigint, null: false\n",
)


def _rg222_lines(ctx: Any) -> list[int]:
    """The RG222 lines in the change's file (the history's own are findings too)."""
    (path,) = CHANGE
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    return sorted(x.line or 0 for f in found for x in (f, *f.related) if x.path == path)


@pytest.mark.parametrize("scope", ["all", "changed"])
def test_a_column_earlier_migrations_left_nullable_is_made_not_null(
    git_repo: Any, scope: str
) -> None:
    config = git_repo.migrations_config(FOLDER, "rails", scope=scope)
    base = git_repo.commit_each({"deploy-readiness.yml": config, **HISTORY})
    git_repo.commit("change", CHANGE)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    assert _rg222_lines(ctx) == [3, 4, 5]
    (finding,) = [f for f in engine.check(ctx) if f.rule == "RG222" and f.path in CHANGE]
    assert "nullable" in finding.message and "change_column_null" in finding.fix


def test_without_the_column_s_history_nothing_is_said(git_repo: Any) -> None:
    """The table came from a schema load (no create_table in the folder): unknown."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **CHANGE})
    assert _rg222_lines(prepare(CheckOptions(repo=git_repo.root))) == []


def test_events_follow_blocks_renames_and_drops() -> None:
    text = (
        "class X < ActiveRecord::Migration[7.1]\n  def up\n"
        "    change_table :tracks do |t|\n      t.string :note\n      t.change :state, :text\n"
        "      t.remove :size\n    end\n"
        "    rename_table :tracks, :talks\n"
        "    add_reference :talks, :user, null: false\n"
        "  end\n\n  def down\n    add_column :talks, :late, :text\n  end\nend\n"
    )
    states = {("tracks", "size"): NULLABLE, ("tracks", "state"): REQUIRED}
    apply(states, events(text))
    assert states == {
        ("talks", "note"): NULLABLE,
        ("talks", "state"): UNKNOWN,
        ("talks", "user_id"): REQUIRED,
    }


@pytest.mark.parametrize(("together", "lines"), [(True, []), (False, [3])])
def test_a_column_the_release_added_made_not_null_with_a_default(
    git_repo: Any, together: bool, lines: list[int]
) -> None:
    """supermarket (round AV): one pull request adds `readme` and makes it `null: false,
    default: ''`: the previous release never writes it, so the default fills its INSERTs.
    Added by an earlier release, the column is the previous release's, which may write
    NULL there."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    base = git_repo.commit_each(
        {"deploy-readiness.yml": config, **{k: v for k, v in HISTORY.items() if "0101" in k}}
    )
    add = _migration("20170201000000", "    add_column :tracks, :readme, :text\n")
    required = _migration(
        "20170301000000", "    change_column :tracks, :readme, :text, null: false, default: ''\n"
    )
    if together:
        git_repo.commit("release", {**add, **required})
    else:
        git_repo.commit("one", add)
        git_repo.commit("two", required)
    git_repo.commit("later", {"README.md": "x\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    (path,) = required
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert sorted(x.line or 0 for f in found for x in (f, *f.related) if x.path == path) == lines


_CREATE_SUBMISSIONS = _migration(
    "20200716130243",
    "    create_table :submissions do |t|\n      t.integer :state, default: 0, null: false\n"
    "      t.float :amount\n      t.string :code, limit: 10\n    end\n",
)
_RENAMED = _migration("20200805121536", "    rename_table :submissions, :reports\n")


@pytest.mark.parametrize(
    ("change", "method", "rg223"),
    [
        # beis (round CC): an integer enum stored as a string, in `change`
        ("change_column :reports, :state, :string, default: 'inactive'", "change", True),
        # a float made a decimal (round CA), an `up` without a down
        ("change_column :reports, :amount, :decimal, precision: 10, scale: 2", "up", True),
        ("change_column :reports, :state, :bigint", "change", False),  # a widening
        ("change_column :reports, :code, :string, limit: 20", "change", False),
        ("change_column :reports, :code, :text", "change", False),
        ("change_column :reports, :unknown, :string", "change", False),  # no history
    ],
    ids=["int-string", "float-decimal", "int-bigint", "longer", "text", "unseen"],
)
def test_a_rails_type_change_whose_old_type_only_earlier_files_show(
    git_repo: Any, change: str, method: str, rg223: bool
) -> None:
    """beis' ``reports.state`` (round CC) and a Rails ``float`` made ``decimal`` (round CA):
    ``change_column`` in ``change`` (or an ``up`` alone) says no old type, which the
    folder's earlier files give, the table's ``rename_table`` followed back (the create
    file names only ``submissions``). Not a widening: RG223, in Rails' words."""
    files = {**_CREATE_SUBMISSIONS, **_RENAMED, **_migration("20200814134116", f"    {change}\n",
                                                              method)}  # fmt: skip
    found = git_repo.history_paths("RG223", FOLDER, "rails", dict(files))
    assert found == ([f"{FOLDER}/20200814134116_step.rb"] if rg223 else [])


def test_a_rails_type_change_with_a_down_step_is_the_analyser_s(git_repo: Any) -> None:
    """With a ``down`` the file says the old type itself: the history is not asked (a
    ``down`` restoring a widening type is the analyser's word, as before)."""
    body = (
        "    change_column :reports, :state, :string\n  end\n  def down\n"
        "    change_column :reports, :state, :text\n"
    )
    files = {**_CREATE_SUBMISSIONS, **_RENAMED, **_migration("20200814134116", body, "up")}
    assert git_repo.history_paths("RG223", FOLDER, "rails", dict(files)) == []


def test_a_rails_column_typed_by_an_earlier_file_of_the_release_is_new(git_repo: Any) -> None:
    """A column the same commit added is new to the previous release: its type change in
    a later file of that commit breaks nothing that release wrote."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **_CREATE_SUBMISSIONS})
    git_repo.commit("release", {
        **_migration("20200801000000", "    add_column :submissions, :kind, :integer\n"),
        **_migration("20200802000000", "    change_column :submissions, :kind, :string\n"),
    })  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG223"] == []


LARAVEL = "database/migrations"


_NULLABLE = "$table->char('kabupaten_id', 4)->nullable();"


@pytest.mark.parametrize(
    ("made", "change", "framework", "rg222"),
    [
        # OpenDK (round CD): nullable char(4) restated string(5) without nullable()
        ("$table->char('kabupaten_id', 4)->nullable(true);", "->change();", "^11.0", True),
        ("$table->char('kabupaten_id', 4);", "->change();", "^11.0", False),  # NOT NULL
        (_NULLABLE, "->nullable()->change();", "^11.0", False),
        (_NULLABLE, "->default('0')->change();", "^11.0", False),
        # Test-Correct (round CS): before Laravel 11 the column kept its nullness
        ("$table->char('kabupaten_id', 4)->nullable(true);", "->change();", "^10.0", False),
        (_NULLABLE, "->nullable(false)->change();", "^10.0", True),
        # (Test-Correct, round CS: commented out, it says nothing)
        (_NULLABLE, "->nullable()->change();\n// $table->string('kabupaten_id')"
         "->nullable(false)->change();", "^10.0", False),
    ],
    ids=[
        "nullable-made-required", "required-already", "still-nullable", "with-default",
        "laravel-10-keeps", "laravel-10-says-so", "commented-out",
    ],
)  # fmt: skip
def test_a_laravel_change_without_nullable_over_a_nullable_column(
    git_repo: Any, made: str, change: str, framework: str, rg222: bool
) -> None:
    """Laravel 11's ``->change()`` restates the whole column: NOT NULL unless ``nullable()``.
    Over a column the folder's earlier migrations left nullable it is RG222 (OpenDK's
    ``das_penduduk``: the previous release's import inserts rows without the column);
    the table's ``Schema::rename`` is followed back. Before Laravel 11, Doctrine DBAL
    changed only what the chain says."""
    create = (
        "        Schema::create('penduduk', function (Blueprint $table) {\n"
        f"            $table->increments('id');\n            {made}\n        }});\n"
    )
    rename = "        Schema::rename('penduduk', 'das_penduduk');\n"
    alter = (
        "        Schema::table('das_penduduk', function (Blueprint $table) {\n"
        f"            $table->string('kabupaten_id', 5){change}\n        }});\n"
    )
    files = {
        **git_repo.laravel_migration(LARAVEL, "2018_02_07_041730_create_penduduk_table", create),
        **git_repo.laravel_migration(LARAVEL, "2018_03_01_000000_rename_penduduk", rename),
        **git_repo.laravel_migration(LARAVEL, "2024_07_19_225118_alter_table_penduduk", alter),
        "composer.json": json.dumps({"require": {"laravel/framework": framework}}),
    }
    found = git_repo.history_paths("RG222", LARAVEL, "laravel", dict(files))
    assert found == ([f"{LARAVEL}/2024_07_19_225118_alter_table_penduduk.php"] if rg222 else [])


@pytest.mark.parametrize(("old", "expected"), [("null: false", []), ("", [7])])
def test_a_column_swapped_in_is_judged_by_the_one_it_replaces(
    git_repo: Any, old: str, expected: list[int]
) -> None:
    """buy-for-your-school (round CE): ``raw_jsonb`` added, ``raw`` removed, ``raw_jsonb``
    renamed ``raw`` and made NOT NULL. The previous release writes ``raw`` as before: NOT
    NULL already, it wrote a value every time; nullable, it may write none."""
    column = f"t.binary :raw, {old}" if old else "t.binary :raw"
    create = _migration(
        "20200101000000", f"    create_table :steps do |t|\n      {column}\n    end\n"
    )
    swap = _migration(
        "20200201000000",
        "    add_column :steps, :raw_jsonb, :jsonb\n    execute 'UPDATE steps SET raw_jsonb = 1'\n"
        "    remove_column :steps, :raw\n    rename_column :steps, :raw_jsonb, :raw\n"
        "    change_column :steps, :raw, :jsonb, null: false\n",
        method="up",
    )
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **create, **swap})
    found = [
        f for f in engine.check(prepare(CheckOptions(repo=git_repo.root))) if f.rule == "RG222"
    ]
    assert [f.line for f in found if f.path in swap] == expected
