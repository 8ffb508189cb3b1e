"""RG224 and materialized views: a unique index on one constrains no row the application
writes (opencollective-api, round H), whether git lists the files or they are read."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare

GO = "db/migrations"
VIEW = (
    'CREATE MATERIALIZED VIEW "CollectiveTagStats" AS SELECT "HostCollectiveId", tag, '
    "count(*) FROM tags GROUP BY 1, 2;\n"
)
FILES = {
    f"{GO}/000001_stats.up.sql": VIEW,
    f"{GO}/000001_stats.down.sql": 'DROP MATERIALIZED VIEW "CollectiveTagStats";\n',
    f"{GO}/000002_unique.up.sql": 'CREATE UNIQUE INDEX stats_uq ON "CollectiveTagStats" '
    '("HostCollectiveId", tag);\n',
    f"{GO}/000002_unique.down.sql": "DROP INDEX stats_uq;\n",
    f"{GO}/000003_orders.up.sql": "CREATE UNIQUE INDEX orders_ref_uq ON orders (ref);\n",
    f"{GO}/000003_orders.down.sql": "DROP INDEX orders_ref_uq;\n",
}


def _rg224(root: Any) -> list[tuple[str, int | None]]:
    ctx = prepare(CheckOptions(repo=root))
    return [(f.path or "", f.line) for f in engine.check(ctx) if f.rule == "RG224"]


@pytest.mark.parametrize("with_git", [True, False])
def test_a_unique_index_on_a_materialized_view_is_no_rg224(git_repo: Any, with_git: bool) -> None:
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **FILES})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    assert _rg224(git_repo.root) == [(f"{GO}/000003_orders.up.sql", 1)]
