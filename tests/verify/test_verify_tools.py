"""Alembic and Django projects round-tripped through their own command-line tools."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from rollback_gate.errors import EnvironmentProblem
from rollback_gate.verify import VerifyOptions, run_verify

sys.path.insert(0, str(Path(__file__).parent))

import verify_projects as projects

MakeRepo = Callable[[dict[str, str], dict[str, str]], tuple[Path, str]]
DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _database(dialect: str, request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("pg_url")) if dialect == "postgresql" else "sqlite:///"


@pytest.mark.parametrize("dialect", DIALECTS)
def test_alembic_project(dialect: str, make_repo: MakeRepo, request: pytest.FixtureRequest) -> None:
    root, base = make_repo(projects.ALEMBIC_BASE, projects.ALEMBIC_HEAD)
    lines: list[str] = []
    result = run_verify(
        VerifyOptions(repo=root, base=base, database=_database(dialect, request), record=False),
        lambda p: lines.append(p.line),
    )
    assert lines[-2].startswith("✓ b2_add_price  up "), lines
    assert lines[-1].startswith("✗ c3_index_name  up "), lines
    rules = [(f.rule, f.path, f.message) for f in result.report.findings]
    assert rules[0] == (
        "RG211",
        "migrations/versions/c3_index_name.py",
        "c3_index_name: index ix_items_name still exists after down",
    )
    assert rules[1][0] == "RG212" and "ix_items_name" in rules[1][2]
    assert len(rules) == 2
    assert "postgresql://prod.example.com" not in "\n".join(lines)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_django_project(dialect: str, make_repo: MakeRepo, request: pytest.FixtureRequest) -> None:
    root, base = make_repo(projects.DJANGO_BASE, projects.DJANGO_HEAD)
    lines: list[str] = []
    result = run_verify(
        VerifyOptions(repo=root, base=base, database=_database(dialect, request), record=False),
        lambda p: lines.append(p.line),
    )
    assert lines[-2].startswith("✓ shop.0002_product_sku  up "), lines
    assert lines[-1].startswith("✗ shop.0003_product_name_index  up "), lines
    messages = [(f.rule, f.message) for f in result.report.findings]
    assert messages[0] == (
        "RG211",
        "shop.0003_product_name_index: index shop_product_name_idx still exists after down",
    )
    assert messages[1][0] == "RG212" and "shop_product_name_idx" in messages[1][1]
    assert len(messages) == 2


def test_alembic_env_that_ignores_the_url_is_stopped_before_any_down(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.sqlite3"
    env = projects.ALEMBIC_ENV.replace(
        "config.get_section(config.config_ini_section, {}),",
        f'{{"sqlalchemy.url": "sqlite:///{elsewhere}"}},',
    )
    root, base = make_repo(
        {**projects.ALEMBIC_BASE, "migrations/env.py": env}, projects.ALEMBIC_HEAD
    )
    with pytest.raises(EnvironmentProblem, match="did not write to the verification database"):
        run_verify(VerifyOptions(repo=root, base=base, record=False))
    import sqlite3

    with sqlite3.connect(elsewhere) as conn:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    assert version == [("a1",)]  # the base upgrade reached it; no downgrade ever ran


def test_alembic_branches_and_merges_are_declared_unsupported(make_repo: MakeRepo) -> None:
    add = '    op.add_column("items", sa.Column("{c}", sa.Integer))'
    drop = '    op.drop_column("items", "{c}")'
    head = {
        "migrations/versions/b2_x.py": projects._revision(
            "x", "b2", "a1", add.format(c="x"), drop.format(c="x")
        ),
        "migrations/versions/c3_y.py": projects._revision(
            "y", "c3", "a1", add.format(c="y"), drop.format(c="y")
        ),
        "migrations/versions/d4_merge.py": projects._revision(
            "merge", "d4", ("b2", "c3"), "    pass", "    pass"
        ),
    }
    root, base = make_repo(projects.ALEMBIC_BASE, head)
    lines: list[str] = []
    result = run_verify(
        VerifyOptions(repo=root, base=base, record=False), lambda p: lines.append(p.line)
    )
    assert [o.status for o in result.outcomes] == ["restored", "unsupported", "unsupported"]
    assert "another Alembic branch is applied (b2)" in lines[-2]
    assert lines[-1].startswith("– d4_merge  not supported by verify yet: an Alembic merge")
    assert result.report.findings == ()  # no false RG211 for b2's column
    assert result.record is not None and result.record["result"] == "failed"
