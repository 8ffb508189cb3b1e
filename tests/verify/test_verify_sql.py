"""The round trip on SQL-file migrations, on SQLite and PostgreSQL (cases.yml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rollback_gate.verify import VerifyOptions, run_verify
from rollback_gate.verify.roundtrip import Progress

CASES: dict[str, Any] = yaml.safe_load((Path(__file__).parent / "cases.yml").read_text())
CONFIG = """\
version: 1
service: shop
migrations:
  - path: db/migrations
    framework: golang-migrate
"""
MakeRepo = Callable[[dict[str, str], dict[str, str]], tuple[Path, str]]


def _params() -> list[Any]:
    out = []
    for case in CASES["cases"]:
        for dialect in ("sqlite", "postgresql"):
            if case.get("only", dialect) != dialect:
                continue
            marks = [pytest.mark.postgres] if dialect == "postgresql" else []
            out.append(pytest.param(case, dialect, id=f"{case['name']}-{dialect}", marks=marks))
    return out


@pytest.mark.parametrize(("case", "dialect"), _params())
def test_case(
    case: dict[str, Any], dialect: str, make_repo: MakeRepo, request: pytest.FixtureRequest
) -> None:
    database = request.getfixturevalue("pg_url") if dialect == "postgresql" else "sqlite:///"
    root, base = make_repo({"deploy-readiness.yml": CONFIG, **CASES["base"]}, case["files"])
    lines: list[Progress] = []
    result = run_verify(VerifyOptions(repo=root, base=base, database=database), lines.append)
    got = [(f.rule, f.message) for f in result.report.findings]
    expected = case["expect"][dialect]
    assert len(got) == len(expected), got
    for (rule, text), (got_rule, message) in zip(expected, got, strict=True):
        assert got_rule == rule and text in message, (rule, text, got)
    assert result.record is not None
    assert result.record["result"] == ("failed" if expected else "passed")
    assert result.report.passed == (not expected)
    outcome_lines = [p.line for p in lines if p.outcome is not None]
    assert len(outcome_lines) == 1
    assert outcome_lines[0].startswith("✓ " if not expected else "✗ ")
    assert any("throwaway database" in p.line for p in lines)


def test_progress_line_names_every_step(make_repo: MakeRepo) -> None:
    case = next(c for c in CASES["cases"] if c["name"] == "correct-reversal")
    root, base = make_repo({"deploy-readiness.yml": CONFIG, **CASES["base"]}, case["files"])
    lines: list[str] = []
    run_verify(VerifyOptions(repo=root, base=base, record=False), lambda p: lines.append(p.line))
    line = lines[-1]
    assert line.startswith("✓ 000003_add_status  up ")
    assert "  down " in line and line.endswith("  schema restored")
    assert line.count(" ms") == 3


def test_syntax_error_points_at_the_statement_line(make_repo: MakeRepo) -> None:
    case = next(c for c in CASES["cases"] if c["name"] == "down-syntax-error")
    root, base = make_repo({"deploy-readiness.yml": CONFIG, **CASES["base"]}, case["files"])
    result = run_verify(VerifyOptions(repo=root, base=base, record=False))
    (finding,) = result.report.findings
    assert finding.path == "db/migrations/000003_create_tags.down.sql"
    assert finding.line == 3


GOOSE = """\
-- +goose Up
CREATE TABLE audit (id SERIAL PRIMARY KEY, changed_at TIMESTAMPTZ NOT NULL DEFAULT now());
-- +goose StatementBegin
CREATE FUNCTION touch_audit() RETURNS trigger AS $$
BEGIN
    NEW.changed_at := now();
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd
CREATE TRIGGER audit_touch BEFORE UPDATE ON audit FOR EACH ROW EXECUTE FUNCTION touch_audit();

-- +goose Down
DROP TRIGGER audit_touch ON audit;
{drop_function}
DROP TABLE audit;
"""


@pytest.mark.postgres
@pytest.mark.parametrize("forgets", [False, True])
def test_goose_function_blocks_on_postgres(make_repo: MakeRepo, pg_url: str, forgets: bool) -> None:
    config = CONFIG.replace("golang-migrate", "goose")
    base = {
        "deploy-readiness.yml": config,
        "db/migrations/00001_init.sql": GOOSE.format(
            drop_function="DROP FUNCTION touch_audit();"
        ).replace("audit", "base_audit"),
    }
    drop = "" if forgets else "DROP FUNCTION touch_audit();"
    root, sha = make_repo(base, {"db/migrations/00002_audit.sql": GOOSE.format(drop_function=drop)})
    result = run_verify(VerifyOptions(repo=root, base=sha, database=pg_url, record=False))
    messages = [f.message for f in result.report.findings]
    if forgets:
        assert any("function touch_audit() still exists after down" in m for m in messages)
    else:
        assert messages == []


UP = "CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL);\n"
DOWN = "DROP TABLE tags;\n"
BASE_UP = "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL);\n"
BASE_DOWN = "DROP TABLE users;\n"
LAYOUTS = {
    "dbmate": lambda v, up, down: {
        f"db/migrations/2024010100000{v}_m{v}.sql": f"-- migrate:up\n{up}\n-- migrate:down\n{down}"
    },
    "sql-migrate": lambda v, up, down: {
        f"db/migrations/{v}_m{v}.sql": f"-- +migrate Up\n{up}\n-- +migrate Down\n{down}"
    },
    "flyway": lambda v, up, down: {
        f"db/migrations/V{v}__m{v}.sql": up,
        f"db/migrations/U{v}__m{v}.sql": down,
    },
    "prisma": lambda v, up, down: {
        f"db/migrations/2024010100000{v}_m{v}/migration.sql": up,
        f"db/migrations/2024010100000{v}_m{v}/down.sql": down,
    },
}


@pytest.mark.parametrize("framework", sorted(LAYOUTS))
@pytest.mark.parametrize("noop", [False, True])
def test_every_sql_file_framework(make_repo: MakeRepo, framework: str, noop: bool) -> None:
    layout = LAYOUTS[framework]
    config = CONFIG.replace("golang-migrate", framework)
    base = {"deploy-readiness.yml": config, **layout(1, BASE_UP, BASE_DOWN)}
    root, sha = make_repo(base, layout(2, UP, "-- nothing\n" if noop else DOWN))
    result = run_verify(VerifyOptions(repo=root, base=sha, record=False))
    assert [o.status for o in result.outcomes] == (
        ["up after down failed"] if noop else ["restored"]
    )
    if noop:
        assert "table tags still exists after down" in result.report.findings[0].message


def test_goose_go_migration_is_unsupported_and_the_folder_goes_on(make_repo: MakeRepo) -> None:
    config = CONFIG.replace("golang-migrate", "goose")
    sql = "-- +goose Up\n{up}\n-- +goose Down\n{down}\n"
    base = {
        "deploy-readiness.yml": config,
        "db/migrations/00001_users.sql": sql.format(up=BASE_UP, down=BASE_DOWN),
    }
    go = (
        'package migrations\n\nimport (\n\t"database/sql"\n\n\t"github.com/pressly/goose/v3"\n)\n\n'
        "func init() { goose.AddMigration(up, down) }\n\n"
        "func up(tx *sql.Tx) error { return nil }\n\nfunc down(tx *sql.Tx) error { return nil }\n"
    )
    root, sha = make_repo(
        base,
        {
            "db/migrations/00002_backfill.go": go,
            "db/migrations/00003_tags.sql": sql.format(up=UP, down=DOWN),
        },
    )
    lines: list[str] = []
    result = run_verify(
        VerifyOptions(repo=root, base=sha, record=False), lambda p: lines.append(p.line)
    )
    # The Go migration cannot run; the database is rebuilt without it and 00003 is verified.
    assert [o.status for o in result.outcomes] == ["unsupported", "restored"]
    unsupported = next(line for line in lines if "not supported by verify yet" in line)
    assert "Go migration" in unsupported
    assert lines[-1].startswith("✓ 00003_tags")
    assert result.report.findings == ()
    assert result.record is not None and result.record["result"] == "failed"
