"""RG222 and a column the step adds with a PostgreSQL domain type that has a default
(boundary, round W: ``create domain wt_timestamp as timestamptz default
current_timestamp`` in its first migration, ``add column update_time wt_timestamp`` then
``set not null`` years later), whether git lists the files or they are read."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks.history.domains import _walk
from rollback_gate.gate import CheckOptions, prepare

GO = "db/migrations"


def _step(number: int, up: str, down: str = "SELECT 1;\n") -> dict[str, str]:
    return {f"{GO}/{number:06d}_step.up.sql": up, f"{GO}/{number:06d}_step.down.sql": down}


FILES = {
    **_step(
        1,
        "CREATE DOMAIN wt_timestamp AS timestamp with time zone DEFAULT current_timestamp;\n"
        "CREATE DOMAIN wt_plain AS text CHECK (length(value) > 0);\n"
        "CREATE DOMAIN wt_none AS text DEFAULT NULL;\n"
        "CREATE DOMAIN wt_gone AS int DEFAULT 1;\n"
        "CREATE DOMAIN wt_later AS int DEFAULT 1;\n"
        "CREATE TABLE target (id int, name wt_timestamp);\n",
        "DROP TABLE target;\nDROP DOMAIN wt_timestamp, wt_plain;\n",  # the down file: unread
    ),
    **_step(2, "ALTER DOMAIN wt_later DROP DEFAULT;\nDROP DOMAIN IF EXISTS wt_gone;\n"),
    **_step(
        3,
        "ALTER TABLE target\n  ADD COLUMN update_time wt_timestamp,\n"
        "  ADD COLUMN create_time wt_timestamp DEFAULT NULL,\n"
        "  ADD COLUMN label wt_plain,\n  ADD COLUMN note wt_none,\n"
        "  ADD COLUMN gone wt_gone,\n  ADD COLUMN later wt_later,\n"
        "  ADD COLUMN version wt_timestamp NOT NULL,\n  ADD COLUMN seen wt_timestamp;\n"
        "UPDATE target SET update_time = now();\n"
        "ALTER TABLE target ALTER COLUMN seen SET DEFAULT NULL;\n"
        "ALTER TABLE target\n  ALTER COLUMN update_time SET NOT NULL,\n"
        "  ALTER COLUMN create_time SET NOT NULL,\n  ALTER COLUMN label SET NOT NULL,\n"
        "  ALTER COLUMN note SET NOT NULL,\n  ALTER COLUMN gone SET NOT NULL,\n"
        "  ALTER COLUMN later SET NOT NULL,\n  ALTER COLUMN seen SET NOT NULL,\n"
        "  ALTER COLUMN name SET NOT NULL;\n",
    ),
}


@pytest.mark.parametrize("with_git", [True, False])
def test_a_column_added_with_a_defaulted_domain_is_no_rg222(git_repo: Any, with_git: bool) -> None:
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **FILES})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    found = [f for f in engine.check(prepare(CheckOptions(repo=git_repo.root)))]
    required = sorted(
        (x.message.split(" on ")[-1].split(" ")[0])
        for f in found
        if f.rule == "RG222"
        for x in (f, *f.related)
    )
    # `update_time` and `version` take the domain's default; `name` existed before the step
    assert required == [
        "target.create_time",
        "target.gone",
        "target.label",
        "target.later",
        "target.name",
        "target.note",
        "target.seen",
    ]


def test_domain_statements_are_followed_in_order() -> None:
    domains: dict[str, bool] = {}
    _walk(
        'CREATE DOMAIN public."a" AS int DEFAULT 0 NOT NULL;\n'
        "CREATE DOMAIN b AS int;\nALTER DOMAIN b SET DEFAULT 7;\n"
        "ALTER DOMAIN a RENAME TO c;\nCREATE DOMAIN d int DEFAULT 1;\n"
        "ALTER DOMAIN d SET DEFAULT NULL;\n",
        domains,
    )
    assert domains == {"b": True, "c": True, "d": False}


def test_an_earlier_file_s_down_section_does_not_undo_its_domain(git_repo: Any) -> None:
    """A goose file's ``-- +goose Down`` section runs only on a rollback: the domain its up
    section made still has its default for the files after it."""
    folder = "migrations"
    files = {
        f"{folder}/00001_domain.sql": "-- +goose Up\n"
        "CREATE DOMAIN wt_timestamp AS timestamptz DEFAULT current_timestamp;\n"
        "CREATE TABLE target (id int);\n\n-- +goose Down\nDROP TABLE target;\n"
        "DROP DOMAIN wt_timestamp;\n",
        f"{folder}/00002_column.sql": "-- +goose Up\n"
        "ALTER TABLE target ADD COLUMN update_time wt_timestamp;\n"
        "ALTER TABLE target ALTER COLUMN update_time SET NOT NULL;\n\n"
        "-- +goose Down\nALTER TABLE target DROP COLUMN update_time;\n",
    }
    config = git_repo.migrations_config(folder, "goose", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **files})
    found = engine.check(prepare(CheckOptions(repo=git_repo.root)))
    assert [f.path for f in found if f.rule == "RG222"] == []
