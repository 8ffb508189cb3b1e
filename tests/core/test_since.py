"""``since:`` exempts migrations by the framework's own versions, never by a file name guess.

For every framework: editing or deleting a migration after ``since`` is RG204, editing one
at or before it is not. A Prisma ``…/migration.sql`` or a Liquibase changeSet has no version
in its file name; an Alembic revision id is not a number: each used to be misjudged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.migrations import FRAMEWORKS

DATA = Path(__file__).resolve().parents[1] / "data" / "since" / "layouts.yml"
LAYOUTS = {
    name: (c["folder"], c["first"], c["second"], c["since"])
    for name, c in yaml.safe_load(DATA.read_text(encoding="utf-8")).items()
}


def _config(framework: str, folder: str, since: str) -> str:
    return (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        f"  - path: {folder}\n    framework: {framework}\n    scope: changed\n"
        f'    since: "{since}"\n'
    )


def _edit(framework: str, files: dict[str, str], n: int) -> dict[str, str]:
    if framework == "liquibase":  # one file holds both: edit only changeSet n
        path, text = next(iter(files.items()))
        return {path: text.replace(f'tableName="t{n}"', f'tableName="t{n}_renamed"')}
    return {path: text + "\n" for path, text in files.items()}


def _rg204(repo: Any, base: str) -> list[str | None]:
    ctx = prepare(CheckOptions(repo=repo.root, base=base))
    return [f.path for f in engine.check(ctx) if f.rule == "RG204"]


def test_every_framework_has_a_layout() -> None:
    assert set(LAYOUTS) == set(FRAMEWORKS)


@pytest.mark.parametrize("framework", sorted(LAYOUTS))
def test_edit_after_since_is_reported(git_repo: Any, framework: str) -> None:
    folder, first, second, since = LAYOUTS[framework]
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": _config(framework, folder, since), **first, **second}
    )
    git_repo.commit("edit the second", _edit(framework, second, 2))
    assert _rg204(git_repo, base), "an edit of a migration after `since` went unreported"


@pytest.mark.parametrize("framework", sorted(LAYOUTS))
def test_edit_at_since_is_exempt(git_repo: Any, framework: str) -> None:
    folder, first, second, since = LAYOUTS[framework]
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": _config(framework, folder, since), **first, **second}
    )
    edited = _edit(framework, first if framework != "liquibase" else second, 1)
    git_repo.commit("edit the first", edited)
    assert _rg204(git_repo, base) == []


@pytest.mark.parametrize("framework", sorted(set(LAYOUTS) - {"liquibase"}))
def test_deleting_after_since_is_reported(git_repo: Any, framework: str) -> None:
    folder, first, second, since = LAYOUTS[framework]
    base = git_repo.commit(
        "base", {"deploy-readiness.yml": _config(framework, folder, since), **first, **second}
    )
    git_repo.git("rm", "-q", *second)
    git_repo.commit("delete the second")
    assert _rg204(git_repo, base), "deleting a migration after `since` went unreported"


def test_a_dated_sql_migrate_since_exempts_that_migration_only(git_repo: Any) -> None:
    """stellar-disbursement-platform-backend (round CR): sql-migrate's dated files,
    ``2026-01-13.0-name.sql``, each had their year as version; ``since: "2026"``, which
    ``init`` wrote, exempted every migration of the year, also the ones written after it."""
    sql = "-- +migrate Up\nCREATE TABLE {0} (id int);\n-- +migrate Down\nDROP TABLE {0};\n"
    first = {"db/2026-01-13.0-a.sql": sql.format("a")}
    second = {"db/2026-03-01.0-b.sql": sql.format("b")}
    config = _config("sql-migrate", "db", "2026-01-13.0")
    base = git_repo.commit("base", {"deploy-readiness.yml": config, **first, **second})
    git_repo.commit("edit both", _edit("sql-migrate", {**first, **second}, 0))
    assert _rg204(git_repo, base) == ["db/2026-03-01.0-b.sql"]
    git_repo.git("rm", "-q", *second)
    git_repo.commit("delete the second")
    assert "db/2026-03-01.0-b.sql" in _rg204(git_repo, base)


def test_a_since_several_migrations_share_says_it_exempts_them_all(git_repo: Any) -> None:
    """A version two migrations share (sql-migrate's `1_a.sql` and `1_b.sql`, both version
    1, ordered by name) exempts both, the one written after the other too: the run says
    so (sql-migrate's dated files had their year as version, round CR)."""
    sql = "-- +migrate Up\nCREATE TABLE {0} (id int);\n-- +migrate Down\nDROP TABLE {0};\n"
    files = {f"db/1_{n}.sql": sql.format(n) for n in ("a", "b")}
    base = git_repo.commit("base", {"deploy-readiness.yml": _config("sql-migrate", "db", "1"),
                                    **files})  # fmt: skip
    git_repo.commit("edit", _edit("sql-migrate", files, 0))
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    assert [f for f in engine.check(ctx) if f.rule == "RG204"] == []
    assert any("is the version of 2 migrations of db" in n for n in ctx.notes), ctx.notes
