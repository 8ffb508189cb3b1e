"""run_verify as a whole: safety refusals, the drill record and its link to RG210."""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from rollback_gate.errors import UsageError
from rollback_gate.gate import CheckOptions, run_check
from rollback_gate.verify import VerifyOptions, run_verify

sys.path.insert(0, str(Path(__file__).parent))

CASES = yaml.safe_load((Path(__file__).parent / "cases.yml").read_text())
CONFIG = """\
version: 1
service: shop
migrations:
  - path: db/migrations
    framework: golang-migrate
"""
MakeRepo = Callable[[dict[str, str], dict[str, str]], tuple[Path, str]]


def _repo(make_repo: MakeRepo, case: str = "correct-reversal") -> tuple[Path, str]:
    files = next(c for c in CASES["cases"] if c["name"] == case)["files"]
    return make_repo({"deploy-readiness.yml": CONFIG, **CASES["base"]}, files)


def test_database_with_tables_is_refused_unless_reuse(make_repo: MakeRepo, tmp_path: Path) -> None:
    root, base = _repo(make_repo)
    target = tmp_path / "dev.sqlite3"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE precious (id INTEGER PRIMARY KEY)")
    options = VerifyOptions(repo=root, base=base, database=f"sqlite:///{target}", record=False)
    with pytest.raises(UsageError, match=r"already has tables \(precious\)"):
        run_verify(options)
    reused = VerifyOptions(
        repo=root, base=base, database=f"sqlite:///{target}", reuse=True, record=False
    )
    assert run_verify(reused).report.passed
    with sqlite3.connect(target) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"precious", "users", "orders", "coupons"} <= names


def test_remote_database_is_refused_before_anything_runs(make_repo: MakeRepo) -> None:
    root, base = _repo(make_repo)
    options = VerifyOptions(
        repo=root, base=base, database="postgresql://app:s3cret@db.prod.example.com/shop"
    )
    with pytest.raises(UsageError, match="--allow-remote") as info:
        run_verify(options)
    assert "s3cret" not in str(info.value)
    assert not (root / ".rollback-gate").exists()


def test_passing_record_satisfies_rg210(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ROLLBACK_GATE_DRILL_KEY", raising=False)
    root, base = _repo(make_repo)
    check = CheckOptions(repo=root, base=base)
    assert "RG210" in {f.rule for f in run_check(check).findings}
    result = run_verify(VerifyOptions(repo=root, base=base))
    assert result.record is not None and result.record["result"] == "passed"
    assert result.evidence_file == root / ".rollback-gate/drills.jsonl"
    (line,) = result.evidence_file.read_text().splitlines()
    stored = json.loads(line)
    assert stored["kind"] == "migrations" and stored["subject"] == "db/migrations"
    assert stored["format"] == "rollback-gate.drill/v1"
    assert "RG210" not in {f.rule for f in run_check(check).findings}


def test_failing_record_does_not_satisfy_rg210(make_repo: MakeRepo) -> None:
    root, base = _repo(make_repo, "noop-down")
    result = run_verify(VerifyOptions(repo=root, base=base))
    assert result.record is not None and result.record["result"] == "failed"
    assert result.record["exit_code"] == 1
    assert "RG210" in {f.rule for f in run_check(CheckOptions(repo=root, base=base)).findings}


def test_records_are_signed_with_the_drill_key(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rollback_gate import evidence

    monkeypatch.setenv("ROLLBACK_GATE_DRILL_KEY", "k3y")
    root, base = _repo(make_repo)
    record = run_verify(VerifyOptions(repo=root, base=base, record=False)).record
    assert record is not None and evidence.signature_ok(record, "k3y")


def test_nothing_changed_means_no_database_and_no_record(make_repo: MakeRepo) -> None:
    root, base = make_repo({"deploy-readiness.yml": CONFIG, **CASES["base"]}, {"README.md": "x"})
    lines: list[str] = []
    result = run_verify(VerifyOptions(repo=root, base=base), lambda p: lines.append(p.line))
    assert result.record is None and lines == []
    assert any("nothing to round-trip" in n for n in result.report.notes)


def test_unsupported_framework_is_said_and_never_passes(make_repo: MakeRepo) -> None:
    config = CONFIG.replace("db/migrations", "db/migrate").replace("golang-migrate", "rails")
    migration = (
        "class AddNote < ActiveRecord::Migration[7.1]\n"
        "  def change\n    add_column :orders, :note, :text\n  end\nend\n"
    )
    root, base = make_repo(
        {"deploy-readiness.yml": config, "db/migrate/20240101000000_init.rb": migration},
        {"db/migrate/20240102000000_add_note.rb": migration.replace("Note", "Note2")},
    )
    lines: list[str] = []
    result = run_verify(VerifyOptions(repo=root, base=base), lambda p: lines.append(p.line))
    assert lines == [
        "– db/migrate/20240102000000_add_note.rb  rails migrations are not supported by "
        "verify yet; its reversal was not run"
    ]
    assert result.record is not None and result.record["result"] == "failed"
    assert any("not verified" in n for n in result.report.notes)


def _two_new(make_repo: MakeRepo) -> tuple[Path, str]:
    noop = next(c for c in CASES["cases"] if c["name"] == "noop-down")["files"]
    good = next(c for c in CASES["cases"] if c["name"] == "correct-reversal")["files"]
    files = {**noop, **{k.replace("000003", "000004"): v for k, v in good.items()}}
    return make_repo({"deploy-readiness.yml": CONFIG, **CASES["base"]}, files)


def test_temporary_database_starts_over_after_a_broken_round_trip(make_repo: MakeRepo) -> None:
    root, base = _two_new(make_repo)
    lines: list[str] = []
    result = run_verify(
        VerifyOptions(repo=root, base=base, record=False), lambda p: lines.append(p.line)
    )
    statuses = [(o.migration.path.rsplit("/", 1)[1], o.status) for o in result.outcomes]
    assert statuses == [
        ("000003_create_invoices.up.sql", "up after down failed"),
        ("000004_add_status.up.sql", "restored"),
    ]
    assert lines[-1].startswith("✓ 000004_add_status")


def _statuses(result: object) -> list[tuple[str, str]]:
    return [(o.migration.path.rsplit("/", 1)[1], o.status) for o in result.outcomes]  # type: ignore[attr-defined]


def test_given_sqlite_file_is_rebuilt_and_every_migration_reported(
    make_repo: MakeRepo, tmp_path: Path
) -> None:
    root, base = _two_new(make_repo)
    target = tmp_path / "scratch.sqlite3"
    options = VerifyOptions(repo=root, base=base, database=f"sqlite:///{target}", record=False)
    result = run_verify(options)
    assert _statuses(result) == [
        ("000003_create_invoices.up.sql", "up after down failed"),
        ("000004_add_status.up.sql", "restored"),
    ]
    summary = next(n for n in result.report.notes if n.startswith("verify: "))
    assert (
        summary
        == "verify: 2 migrations round-tripped up → down → up, 1 restored the schema exactly"
    )


def test_a_failing_up_is_left_out_and_the_next_migrations_still_run(make_repo: MakeRepo) -> None:
    good = next(c for c in CASES["cases"] if c["name"] == "correct-reversal")["files"]
    broken = {
        "db/migrations/000003_broken.up.sql": "CREATE TABLE broken (id INTEGER PRIMARY KEY,);\n",
        "db/migrations/000003_broken.down.sql": "DROP TABLE broken;\n",
    }
    files = {**broken, **{k.replace("000003", "000004"): v for k, v in good.items()}}
    root, base = make_repo({"deploy-readiness.yml": CONFIG, **CASES["base"]}, files)
    result = run_verify(VerifyOptions(repo=root, base=base, record=False))
    assert _statuses(result) == [
        ("000003_broken.up.sql", "up failed"),
        ("000004_add_status.up.sql", "restored"),
    ]


def test_a_reused_database_is_never_emptied(make_repo: MakeRepo, tmp_path: Path) -> None:
    # --reuse on a database that had tables: verify may not drop them, so the rest is
    # reported as not run (and the summary says how many ran).
    root, base = _two_new(make_repo)
    target = tmp_path / "dev.sqlite3"
    with sqlite3.connect(target) as conn:
        conn.execute("CREATE TABLE precious (id INTEGER PRIMARY KEY)")
    options = VerifyOptions(
        repo=root, base=base, database=f"sqlite:///{target}", reuse=True, record=False
    )
    result = run_verify(options)
    assert _statuses(result) == [
        ("000003_create_invoices.up.sql", "up after down failed"),
        ("000004_add_status.up.sql", "not run"),
    ]
    summary = next(n for n in result.report.notes if n.startswith("verify: "))
    assert summary.startswith("verify: 1 migration round-tripped") and summary.endswith(
        "; 1 not run"
    )
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name='precious'").fetchone()


@pytest.mark.postgres
def test_given_postgres_database_is_emptied_and_the_run_goes_on(
    make_repo: MakeRepo, pg_url: str
) -> None:
    root, base = _two_new(make_repo)
    result = run_verify(VerifyOptions(repo=root, base=base, database=pg_url, record=False))
    assert [o.status for o in result.outcomes] == ["up after down failed", "restored"]
    assert result.record is not None and result.record["result"] == "failed"
    summary = next(n for n in result.report.notes if n.startswith("verify: "))
    assert summary.startswith("verify: 2 migrations round-tripped")


@pytest.mark.postgres
def test_postgres_reset_keeps_what_was_there_and_drops_the_rest(pg_url: str) -> None:
    import psycopg

    from rollback_gate.verify.postgres import PostgresDatabase
    from rollback_gate.verify.url import parse

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA kept")
    db = PostgresDatabase(parse(pg_url))
    try:
        db.execute(
            [
                ("CREATE SCHEMA billing", 1),
                ("CREATE TYPE mood AS ENUM ('ok', 'sad')", 2),
                ("CREATE DOMAIN cents AS integer CHECK (VALUE >= 0)", 3),
                ("CREATE TABLE t (id serial PRIMARY KEY, m mood, c cents)", 4),
                ("CREATE VIEW v AS SELECT id FROM t", 5),
                ("CREATE TABLE kept.k (id int)", 6),
                ("CREATE TABLE billing.b (id int)", 7),
                ("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", 8),
                ("CREATE SEQUENCE s", 9),
            ],
            transaction=True,
        )
        assert db.user_tables()
        db.reset()
        assert db.user_tables() == []
        schema = db.snapshot()
        assert not schema.tables
        assert sorted(schema.objects) == [("schema", "kept")]  # no function, type, view left
        with psycopg.connect(pg_url, autocommit=True) as conn:
            names = {r[0] for r in conn.execute("SELECT nspname FROM pg_namespace")}
            types = {r[0] for r in conn.execute("SELECT typname FROM pg_type")}
        assert "kept" in names and "public" in names and "billing" not in names
        assert not {"mood", "cents"} & types
    finally:
        db.close()
