"""RG222 and a column an earlier migration's ``IS NOT NULL`` CHECK already guarded (hcb,
round M: strong_migrations' steps in separate files), whether git lists the files or they
are read."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

RAILS = "db/migrate"


def _rails(stamp: str, name: str, body: str) -> dict[str, str]:
    klass = "".join(w.title() for w in name.split("_"))
    return {
        f"{RAILS}/{stamp}_{name}.rb": f"class {klass} < ActiveRecord::Migration[7.2]\n"
        f"  def up\n{body}  end\n\n  def down\n  end\nend\n"
    }


FILES = {
    **_rails(
        "20250630174805",
        "check_emoji",
        '    add_check_constraint :tags, "emoji IS NOT NULL", name: "tags_emoji_null",'
        " validate: false\n",
    ),
    **_rails(
        "20250630174849",
        "validate_emoji",
        '    validate_check_constraint :tags, name: "tags_emoji_null"\n',
    ),
    **_rails(
        "20250701000000",
        "check_color",
        '    add_check_constraint :tags, "color IS NOT NULL", name: "tags_color_null"\n',
    ),
    **_rails(
        "20250702000000",
        "drop_color_check",
        '    remove_check_constraint :tags, name: "tags_color_null"\n',
    ),
    # months later: NOT NULL, the CHECK dropped after it
    **_rails(
        "20260819120100",
        "enforce_emoji",
        "    change_column_null :tags, :emoji, false\n"
        '    remove_check_constraint :tags, name: "tags_emoji_null"\n',
    ),
    # the color CHECK was dropped before: NOT NULL is new to the previous release
    **_rails("20260819120200", "enforce_color", "    change_column_null :tags, :color, false\n"),
    # no CHECK ever on this one
    **_rails("20260819120300", "enforce_name", "    change_column_null :tags, :name, false\n"),
}


@pytest.mark.parametrize("with_git", [True, False])
def test_not_null_on_a_column_an_earlier_check_kept_from_null_is_no_rg222(
    git_repo: Any, with_git: bool
) -> None:
    config = git_repo.migrations_config(RAILS, "rails", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **FILES})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted((f.path or "") for f in engine.check(ctx) if f.rule == "RG222")
    assert found == [
        f"{RAILS}/20260819120200_enforce_color.rb",
        f"{RAILS}/20260819120300_enforce_name.rb",
    ]


def test_a_sql_check_added_in_an_earlier_file_guards_the_column(git_repo: Any) -> None:
    go = "db/migrations"
    files = {
        f"{go}/000001_init.up.sql": "CREATE TABLE t (id int, c text);\n",
        f"{go}/000001_init.down.sql": "DROP TABLE t;\n",
        f"{go}/000002_check.up.sql": "ALTER TABLE t ADD CONSTRAINT t_c_nn CHECK (c IS NOT NULL) "
        "NOT VALID;\n",
        f"{go}/000002_check.down.sql": "ALTER TABLE t DROP CONSTRAINT t_c_nn;\n",
        f"{go}/000003_required.up.sql": "ALTER TABLE t ALTER COLUMN c SET NOT NULL;\n"
        "ALTER TABLE t DROP CONSTRAINT t_c_nn;\n",
        f"{go}/000003_required.down.sql": "ALTER TABLE t ALTER COLUMN c DROP NOT NULL;\n",
    }
    config = git_repo.migrations_config(go, "golang-migrate", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f for f in engine.check(ctx) if f.rule == "RG222"] == []


def _sequelize(up: str, down: str) -> str:
    return (
        "module.exports = {\n  async up(queryInterface, Sequelize) {\n"
        f"    await queryInterface.sequelize.query(`{up}`);\n  }},\n\n"
        "  async down(queryInterface, Sequelize) {\n"
        f"    await queryInterface.sequelize.query(`{down}`);\n  }},\n}};\n"
    )


def test_a_check_the_earlier_file_s_down_step_drops_still_guards_the_column(
    git_repo: Any,
) -> None:
    """drive-server-wip (round AN): the CHECK's own file drops it in its down step, which
    runs only on a rollback; the up steps after it still find the column guarded."""
    folder = "migrations"
    files = {
        f"{folder}/20230101000000-create-files.js": _sequelize(
            "CREATE TABLE files (id int, uuid uuid, name text)", "DROP TABLE files"
        ),
        f"{folder}/20260806085931-files-uuid-not-valid-check.js": _sequelize(
            "ALTER TABLE files ADD CONSTRAINT uuid_not_null_chk"
            " CHECK (uuid IS NOT NULL) NOT VALID;",
            "ALTER TABLE files DROP CONSTRAINT uuid_not_null_chk;",
        ),
    }
    later = {
        f"{folder}/20260806090231-files-uuid-set-not-null.js": _sequelize(
            "ALTER TABLE files ALTER COLUMN uuid SET NOT NULL;",
            "ALTER TABLE files ALTER COLUMN uuid DROP NOT NULL;",
        ),
        f"{folder}/20260806090232-files-name-set-not-null.js": _sequelize(
            "ALTER TABLE files ALTER COLUMN name SET NOT NULL;",
            "ALTER TABLE files ALTER COLUMN name DROP NOT NULL;",
        ),
    }
    config = git_repo.migrations_config(folder, "sequelize", scope="all")
    git_repo.commit("check", {"deploy-readiness.yml": config, **files})
    git_repo.commit("not null", later)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f.path for f in engine.check(ctx) if f.rule == "RG222"]
    assert found == [f"{folder}/20260806090232-files-name-set-not-null.js"]
