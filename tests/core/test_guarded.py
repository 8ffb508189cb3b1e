"""RG224 and a Liquibase key added again behind a "not exists" precondition: a restatement
when an earlier changeSet added it and none dropped it since (zanata-platform, round J)."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

FOLDER = "db/changelogs"


def _changelog(*change_sets: str) -> str:
    return (
        '<?xml version="1.0"?>\n<databaseChangeLog>\n'
        + "".join(change_sets)
        + "</databaseChangeLog>\n"
    )


def _fk(name: str, table: str = "locale_link") -> str:
    # each key over a column of its own: a key over the columns and to the table of one
    # the table has already is no new one, whatever its name
    column = {"fk_kept": "project_id", "fk_dropped": "owner_id"}.get(name, f"{name}_id")
    return (
        f'    <addForeignKeyConstraint baseTableName="{table}" baseColumnNames="{column}"\n'
        f'      constraintName="{name}" referencedTableName="project"\n'
        '      referencedColumnNames="id"/>\n'
    )


def _guarded(cs: str, name: str, adds: str = "") -> str:
    return (
        f'  <changeSet author="a" id="{cs}" dbms="mysql">\n'
        '    <preConditions onFail="MARK_RAN">\n      <not>\n'
        f'        <foreignKeyConstraintExists foreignKeyName="{name}"\n'
        '          foreignKeyTableName="locale_link"/>\n'
        "      </not>\n    </preConditions>\n" + _fk(adds or name) + "  </changeSet>\n"
    )


def _plain(cs: str, body: str) -> str:
    return f'  <changeSet author="a" id="{cs}">\n{body}  </changeSet>\n'


FILES = {
    f"{FOLDER}/db.changelog-1.3.xml": _changelog(
        _plain(
            "1",
            '    <createTable tableName="locale_link">\n'
            '      <column name="project_id" type="bigint"/>\n'
            '      <column name="owner_id" type="bigint"/>\n    </createTable>\n'
            + _fk("fk_kept")
            + _fk("fk_dropped"),
        ),
    ),
    f"{FOLDER}/db.changelog-1.5.xml": _changelog(
        _plain(
            "1",
            '    <dropForeignKeyConstraint baseTableName="locale_link" '
            'constraintName="fk_dropped"/>\n',
        ),
    ),
    f"{FOLDER}/db.changelog-1.6a.xml": _changelog(
        _guarded("9", "fk_kept"),  # restated: no finding
        _guarded("10", "fk_dropped"),  # dropped in 1.5: added again
        _guarded("11", "fk_never"),  # never added before
        _guarded("12", "fk_kept", adds="fk_other"),  # guards one key, adds another
    ),
}


@pytest.mark.parametrize("with_git", [True, False])
def test_a_key_restated_behind_a_not_exists_precondition_is_no_rg224(
    git_repo: Any, with_git: bool
) -> None:
    config = git_repo.migrations_config(FOLDER, "liquibase", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **FILES})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted((f.path or "", f.line) for f in engine.check(ctx) if f.rule == "RG224")
    path = f"{FOLDER}/db.changelog-1.6a.xml"
    assert [p for p, _ in found if p == path] == [path, path, path]
    assert all(p == path for p, _ in found)


def test_a_file_that_is_no_changelog_but_names_preconditions(git_repo: Any) -> None:
    """hitobito (round P): a Rails migration on `event_kind_preconditions` has no changeSet;
    reading it for one crashed the run (exit 4)."""
    folder = "db/migrate"
    files = {
        "deploy-readiness.yml": git_repo.migrations_config(folder, "rails", scope="all"),
        f"{folder}/20200101000000_create_preconditions.rb": (
            "class CreatePreconditions < ActiveRecord::Migration[6.1]\n  def change\n"
            "    create_table :event_kind_preconditions do |t|\n      t.integer :kind_id\n"
            "    end\n  end\nend\n"
        ),
        f"{folder}/20200102000000_index_preconditions.rb": (
            "class IndexPreconditions < ActiveRecord::Migration[6.1]\n  def change\n"
            "    add_index :event_kind_preconditions, :kind_id, unique: true\n  end\nend\n"
        ),
    }
    git_repo.commit_each(files)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG224"]
    assert [f.path for f in found] == [f"{folder}/20200102000000_index_preconditions.rb"]
