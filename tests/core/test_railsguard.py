"""Rails steps guarded by ``table_exists?``/``column_exists?``: ActiveStorage's copied
migrations (cfp-app and homeland, round AG) change nothing where the folder's earlier
migrations show the guard false."""

from __future__ import annotations

from typing import Any

import pytest

FOLDER = "db/migrate"
_SERVICE_NAME = """# This migration comes from active_storage (originally 20190112182829)
class AddServiceNameToActiveStorageBlobs < ActiveRecord::Migration[6.0]
  def up
    return unless table_exists?(:active_storage_blobs)

    unless column_exists?(:active_storage_blobs, :service_name)
      add_column :active_storage_blobs, :service_name, :string

      if configured_service = ActiveStorage::Blob.service.name
        ActiveStorage::Blob.unscoped.update_all(service_name: configured_service)
      end

      change_column :active_storage_blobs, :service_name, :string, null: false
    end
  end

  def down
    return unless table_exists?(:active_storage_blobs)

    remove_column :active_storage_blobs, :service_name
  end
end
"""


def _blobs(with_service_name: bool) -> str:
    column = "      t.string :service_name, null: false\n" if with_service_name else ""
    return (
        "class CreateActiveStorageTables < ActiveRecord::Migration[5.2]\n  def change\n"
        "    create_table :active_storage_blobs do |t|\n      t.string :key, null: false\n"
        f"{column}    end\n  end\nend\n"
    )


_USERS = (
    "class CreateUsers < ActiveRecord::Migration[6.0]\n  def change\n"
    "    create_table :users do |t|\n      t.string :name\n    end\n  end\nend\n"
)

_KEY_STEP = (
    "class AddForeignKeyConstraintToActiveStorageAttachmentsForBlobId"
    " < ActiveRecord::Migration[6.0]\n  def up\n"
    "    return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)\n\n"
    "    if table_exists?(:active_storage_blobs)\n"
    "      add_foreign_key :active_storage_attachments, :active_storage_blobs,"
    " column: :blob_id\n    end\n  end\nend\n"
)


@pytest.mark.parametrize(
    ("earlier", "reported"),
    [
        # cfp-app: the table was made with the column, NOT NULL already: the step is skipped
        ({"20220418061215_create_active_storage_tables.rb": _blobs(True)}, False),
        # homeland: no migration ever made the table
        ({}, False),
        # an application whose table lacks the column: the step runs, the finding stands
        ({"20220418061215_create_active_storage_tables.rb": _blobs(False)}, True),
    ],
)
@pytest.mark.parametrize("returns", [False, True])
def test_a_step_its_guard_skips_changes_nothing(
    git_repo: Any, earlier: dict[str, str], reported: bool, returns: bool
) -> None:
    """… the guard written as a block, or (rubytoolbox, round BC: the upgrade's later
    text) as `return if column_exists?(…)` before the rest of the step."""
    step = _SERVICE_NAME
    if returns:
        step = step.replace(
            "    unless column_exists?(:active_storage_blobs, :service_name)\n",
            "    return if column_exists?(:active_storage_blobs, :service_name)\n\n",
        ).replace("null: false\n    end\n  end\n\n  def down", "null: false\n  end\n\n  def down")
    files = {
        f"{FOLDER}/20200101000000_create_users.rb": _USERS,
        **{f"{FOLDER}/{name}": text for name, text in earlier.items()},
        f"{FOLDER}/20250215081513_add_service_name_to_active_storage_blobs.active_storage.rb": (
            step
        ),
    }
    found = git_repo.history_paths("RG222", FOLDER, "rails", files)
    assert bool(found) is reported


def test_a_key_guarded_by_a_table_a_later_migration_makes_is_skipped(git_repo: Any) -> None:
    """cfp-app's 2020 foreign key, behind `if table_exists?(:active_storage_blobs)`: the
    table came in 2022 (the schema dump names it, for that later migration)."""
    files = {
        f"{FOLDER}/20200101000000_create_users.rb": _USERS,
        f"{FOLDER}/20201213170301_add_foreign_key.active_storage.rb": _KEY_STEP,
        f"{FOLDER}/20220418061215_create_active_storage_tables.rb": _blobs(True),
        "db/schema.rb": 'create_table "active_storage_blobs", force: :cascade do |t|\nend\n',
    }
    assert git_repo.history_paths("RG224", FOLDER, "rails", files) == []


def test_the_earlier_migrations_out_of_scope_still_settle_the_guard(git_repo: Any) -> None:
    """`scope: changed`: the table was made long before the change (no schema dump in
    the tree); its guard holds, and the step's NOT NULL is reported."""
    from rollback_gate.checks import migrations as engine
    from rollback_gate.gate import CheckOptions, prepare

    base = git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": git_repo.migrations_config(FOLDER, "rails"),
            f"{FOLDER}/20220418061215_create_active_storage_tables.rb": _blobs(False),
        },
    )
    name = f"{FOLDER}/20250215081513_add_service_name_to_active_storage_blobs.active_storage.rb"
    git_repo.commit("upgrade", {name: _SERVICE_NAME})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG222"] == [name]


def _attachments(key: str, then: str = "") -> str:
    return (
        "class CreateActiveStorageTables < ActiveRecord::Migration[5.2]\n  def change\n"
        "    create_table :active_storage_blobs do |t|\n      t.string :key, null: false\n"
        "    end\n"
        "    create_table :active_storage_attachments do |t|\n"
        f"      t.string :name, null: false\n{key}    end\n{then}  end\nend\n"
    )


@pytest.mark.parametrize(
    ("earlier", "reported"),
    [
        # qpixel (round AK): the table was made with the key: the step returns at once
        (_attachments("      t.foreign_key :active_storage_blobs, column: :blob_id\n"), False),
        (
            _attachments(
                "      t.references :blob, foreign_key: { to_table: :active_storage_blobs }\n"
            ),
            False,
        ),
        (
            _attachments(
                "      t.bigint :blob_id, null: false\n",
                "    add_foreign_key :active_storage_attachments, :active_storage_blobs,"
                " column: :blob_id\n",
            ),
            False,
        ),
        # Rails 5.2.0's tables had no key: the step adds it, the finding stands
        (_attachments("      t.bigint :blob_id, null: false\n"), True),
        (_attachments("      t.references :blob, foreign_key: false\n"), True),
        # … and a key made, then removed again
        (
            _attachments(
                "      t.foreign_key :active_storage_blobs, column: :blob_id\n",
                "    remove_foreign_key :active_storage_attachments, column: :blob_id\n",
            ),
            True,
        ),
    ],
)
def test_a_key_its_guard_finds_made_already_is_skipped(
    git_repo: Any, earlier: str, reported: bool
) -> None:
    # (over the app's own tables: a key between two of Active Storage's is none at all,
    # its library writing the blob first: test_compat, round CP)
    files = {
        f"{FOLDER}/20191205135001_create_tables.rb": earlier.replace("active_storage_", ""),
        f"{FOLDER}/20220815130313_add_fk.rb": _KEY_STEP.replace("active_storage_", ""),
    }
    assert bool(git_repo.history_paths("RG224", FOLDER, "rails", files)) is reported
