"""RG222 and a Rails NOT NULL on a column an earlier release gave a default
(publishing-api, round AE): ActiveRecord reads the defaults at boot, so the previous
release's new records hold it."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks.history.nullable import DEFAULT, NO_DEFAULT, apply, defaults
from rollback_gate.gate import CheckOptions, prepare

FOLDER = "db/migrate"


def _migration(stamp: str, body: str) -> dict[str, str]:
    return {
        f"{FOLDER}/{stamp}_step.rb": (
            f"class Step{stamp} < ActiveRecord::Migration[5.1]\n  def change\n{body}  end\nend\n"
        )
    }


CREATE = _migration(
    "20150101000000",
    "    create_table :link_sets do |t|\n      t.json :links\n      t.json :other\n"
    "      t.integer :position, default: 0\n      t.string :name, default: nil\n    end\n",
)
DEFAULTS = _migration(
    "20151012000000",
    "    change_column_default :link_sets, :links, from: nil, to: {}\n"
    "    add_column :link_sets, :flags, :jsonb, default: []\n",
)
SAME_RELEASE = _migration(
    "20160101000000", "    change_column_default :link_sets, :other, from: nil, to: {}\n"
)
CHANGE = _migration(
    "20160102000000",
    "    change_column_null :link_sets, :links, false\n"
    "    change_column_null :link_sets, :flags, false\n"
    "    change_column_null :link_sets, :position, false\n"
    "    change_column_null :link_sets, :other, false\n"
    "    change_column_null :link_sets, :name, false\n",
)


@pytest.mark.parametrize("scope", ["all", "changed"])
def test_a_default_an_earlier_release_set_fills_the_previous_release_s_records(
    git_repo: Any, scope: str
) -> None:
    config = git_repo.migrations_config(FOLDER, "rails", scope=scope)
    git_repo.commit("create", {"deploy-readiness.yml": config, **CREATE})
    base = git_repo.commit("defaults", DEFAULTS)
    git_repo.commit("change", {**SAME_RELEASE, **CHANGE})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    (path,) = CHANGE
    found = [f for f in engine.check(ctx) if f.rule == "RG222" and f.path == path]
    # `other`'s default comes with the change itself; `name`'s is nil
    assert sorted(x.line or 0 for f in found for x in (f, *f.related)) == [6, 7]


def test_an_audit_against_an_old_base_takes_each_commit_for_its_own_release(
    git_repo: Any,
) -> None:
    """codeharbor (round BK): audited against a tag years old, its 2021 default and its 2023
    NOT NULL were both "added since the base", and were taken for one release: under
    ``scope: all`` a commit's migrations are their own release."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    base = git_repo.commit("create", {"deploy-readiness.yml": config, **CREATE})
    git_repo.commit("defaults", DEFAULTS)
    git_repo.commit("change", CHANGE)
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    (path,) = CHANGE
    found = [f for f in engine.check(ctx) if f.rule == "RG222" and f.path == path]
    assert sorted(x.line or 0 for f in found for x in (f, *f.related)) == [6, 7]


def test_defaults_follow_blocks_calls_renames_and_drops() -> None:
    text = (
        "def change\n"
        "  create_table :t do |t|\n    t.string :a, default: 'x'\n    t.string :b\n  end\n"
        "  change_table :t do |t|\n    t.change_default :b, 'y'\n  end\n"
        "  add_column :t, :c, :integer, null: false, default: 0\n"
        "  change_column_default :t, :c, nil\n"
        "  change_column :t, :a, :text\n"
        "  rename_column :t, :a, :d\n"
        "  remove_column :t, :b\n"
        "end\n"
    )
    states: dict[tuple[str, str], str] = {}
    apply(states, defaults(text))
    assert states == {("t", "d"): DEFAULT, ("t", "c"): NO_DEFAULT}


def test_options_in_hash_rocket_spelling_are_read() -> None:
    """mapknitter (round CB): a Rails 5.2 app's ``add_column :users, :status, :integer,
    :default => 1`` gave the column a default, then a later release's
    ``change_column_null :users, :status, false`` rejects none of its records."""
    text = (
        "def change\n"
        "  add_column :users, :status, :integer, :default => 1\n"
        "  add_column :users, :flag, :boolean, :null => false, :default => nil\n"
        "  change_column_default :users, :kind, :from => nil, :to => 'x'\n"
        "end\n"
    )
    states: dict[tuple[str, str], str] = {}
    apply(states, defaults(text))
    assert states == {
        ("users", "status"): DEFAULT,
        ("users", "flag"): NO_DEFAULT,
        ("users", "kind"): DEFAULT,
    }


@pytest.mark.parametrize(
    ("path", "scope", "mine"),
    [
        ("db/migrate", "changed", ["db/migrate/1_a.rb"]),
        ("./db/migrate/", "changed", ["db/migrate/1_a.rb"]),
        (".", "changed", ["db/migrate/1_a.rb", "other/2_b.rb"]),
        ("db/migrate", "all", []),
    ],
)
def test_the_change_s_own_release_is_its_scope_changed_files(
    git_repo: Any, path: str, scope: str, mine: list[str]
) -> None:
    from rollback_gate.checks.history.unwritten import of_changed_scope

    git_repo.commit(
        "config", {"deploy-readiness.yml": git_repo.migrations_config(path, "rails", scope=scope)}
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert sorted(of_changed_scope(ctx, ["db/migrate/1_a.rb", "other/2_b.rb"])) == mine


def test_an_is_not_null_check_on_a_column_an_earlier_release_defaulted(git_repo: Any) -> None:
    """demarches-simplifiees (round CL): ``add_check_constraint :t, "c IS NOT NULL",
    validate: false`` where ``c`` has had a default since an earlier release: the previous
    release's records hold it, so the CHECK rejects none (as the NOT NULL would not). One
    over a column without a default stays."""
    config = git_repo.migrations_config(FOLDER, "rails", scope="all")
    git_repo.commit("create", {"deploy-readiness.yml": config, **CREATE})
    git_repo.commit("defaults", DEFAULTS)
    check = _migration(
        "20160102000000",
        '    add_check_constraint :link_sets, "links IS NOT NULL", name: "links_null",'
        " validate: false\n"
        '    add_check_constraint :link_sets, "name IS NOT NULL", name: "name_null",'
        " validate: false\n",
    )
    git_repo.commit("check", check)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    (path,) = check
    found = [f for f in engine.check(ctx) if f.rule == "RG224" and f.path == path]
    assert sorted(x.line or 0 for f in found for x in (f, *f.related)) == [4]
