"""SQL-file frameworks: detection, ordering, up/down SQL for verify, speed sanity."""

from __future__ import annotations

import time

import pytest

from rollback_gate.migrations import FRAMEWORKS, load
from rollback_gate.migrations.base import MemorySource, Unreadable
from rollback_gate.migrations.plainsql import goose, sql_migrate

SQL_FRAMEWORKS = ["golang-migrate", "goose", "dbmate", "sql-migrate", "flyway", "prisma"]


def test_the_sql_frameworks_say_verify_runs_their_sql() -> None:
    assert [name for name in FRAMEWORKS if load(name).verify == "sql"] == SQL_FRAMEWORKS


LAYOUTS: dict[str, dict[str, str | bytes]] = {
    "golang-migrate": {
        "1_init.up.sql": "CREATE TABLE a (id int);",
        "1_init.down.sql": "DROP TABLE a;",
    },
    "goose": {
        "00001_init.sql": "-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE a;\n"
    },
    "dbmate": {
        "20240101000000_init.sql": "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n"
    },
    "sql-migrate": {"1_init.sql": "-- +migrate Up\nCREATE TABLE a (id int);\n"},
    "flyway": {"V1__init.sql": "CREATE TABLE a (id int);"},
    "prisma": {"20240101000000_init/migration.sql": "CREATE TABLE a (id int);"},
}


@pytest.mark.parametrize("name", SQL_FRAMEWORKS)
def test_detect_tells_the_layouts_apart(name: str) -> None:
    files = LAYOUTS[name]
    source = MemorySource(files)
    scores = {other: load(other).detect(sorted(files), source) for other in SQL_FRAMEWORKS}
    assert scores[name] > 0
    assert [other for other, score in scores.items() if score] == [name]


def test_a_prisma_migration_without_a_name() -> None:
    """mirlo (round Q): `prisma migrate dev --name ""` writes `20240814125034_/`, which
    Prisma runs; it was never analysed (and its new table was unknown to the release)."""
    files: dict[str, str | bytes] = {
        "p/migrations/20240814125034_/migration.sql": "CREATE TABLE license (id int);",
        "p/migrations/20240814174502_key/migration.sql": "ALTER TABLE license ADD u int;",
    }
    found = load("prisma").discover(sorted(files), MemorySource(files))
    assert [(m.version, m.name) for m in found] == [
        ("20240814125034", ""),
        ("20240814174502", "key"),
    ]


@pytest.mark.parametrize("name", SQL_FRAMEWORKS)
def test_registry_name_and_sql_pair(name: str) -> None:
    framework = load(name)
    assert framework.name == name
    source = MemorySource(LAYOUTS[name])
    (migration,) = framework.discover(sorted(LAYOUTS[name]), source)
    assert framework.verify == "sql"
    up, down = framework.sql_pair(migration, source)
    assert "CREATE TABLE a" in up
    if name in ("golang-migrate", "goose"):
        assert down is not None and "DROP TABLE a" in down
    elif name == "dbmate":
        assert down is not None and not down.strip()
    else:
        assert down is None


def versions(name: str, files: list[str]) -> list[str]:
    source = MemorySource(
        {f: "-- +goose Up\n-- migrate:up\n-- +migrate Up\nSELECT 1;" for f in files}
    )
    return [m.version for m in load(name).discover(files, source)]


def test_numeric_ordering() -> None:
    assert versions("golang-migrate", ["10_b.up.sql", "2_a.up.sql", "1_z.up.sql"]) == [
        "1",
        "2",
        "10",
    ]
    assert versions("goose", ["20240101000000_b.sql", "00002_a.sql", "00010_c.sql"]) == [
        "00002",
        "00010",
        "20240101000000",
    ]
    assert versions("sql-migrate", ["10_b.sql", "2_a.sql", "init.sql"]) == ["2", "10", "init"]
    # dated (stellar-disbursement-platform-backend, round CR): each its own version, in
    # sql-migrate's order (the number before the first dash first, then the name)
    dated = ["2026-01-13.1-c.sql", "20170426134008-d.sql", "2026-01-13.0-b.sql"]
    dated.append("2024-06-06.0-a.sql")
    assert versions("sql-migrate", dated) == [
        "2024-06-06.0",
        "2026-01-13.0",
        "2026-01-13.1",
        "20170426134008",
    ]
    assert versions("flyway", ["V1_10__c.sql", "V1.9__b.sql", "V2__d.sql", "R__v.sql"]) == [
        "1.9",
        "1.10",
        "2",
    ]


def test_goose_statement_blocks_stay_whole() -> None:
    text = (
        "-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS 'SELECT 1; '\n"
        "LANGUAGE sql;\nSELECT 2;\n-- +goose StatementEnd\n"
        "CREATE TABLE t (id int); CREATE TABLE u (id int);\n"
        "-- +goose Down\nDROP TABLE u; DROP TABLE t;\n"
    )
    up, down = goose.up_down_sql(text)
    assert up is not None and down is not None
    assert goose.FRAMEWORK.statements(up) == [
        "CREATE FUNCTION f() RETURNS int AS 'SELECT 1; '\nLANGUAGE sql;\nSELECT 2",
        "CREATE TABLE t (id int)",
        "CREATE TABLE u (id int)",
    ]
    assert goose.FRAMEWORK.statements(down) == ["DROP TABLE u", "DROP TABLE t"]
    # Sections keep file line numbers: the Down statements sit on line 9 of the file.
    assert down.splitlines()[8] == "DROP TABLE u; DROP TABLE t;"


def test_sql_migrate_blocks() -> None:
    section = (
        "-- +migrate StatementBegin\nCREATE PROCEDURE p() BEGIN SELECT 1; END;\n"
        "-- +migrate StatementEnd\n"
    )
    assert sql_migrate.FRAMEWORK.statements(section) == ["CREATE PROCEDURE p() BEGIN SELECT 1; END"]


def test_goose_go_migration_has_no_sql_pair() -> None:
    files: dict[str, str | bytes] = {
        "00001_x.go": "package m\nfunc init() { goose.AddMigration(up, nil) }\n"
        "func up(tx *sql.Tx) error { return nil }\n"
    }
    source = MemorySource(files)
    (migration,) = load("goose").discover(sorted(files), source)
    with pytest.raises(ValueError):
        goose.FRAMEWORK.sql_pair(migration, source)


def test_finding_fields_are_concrete() -> None:
    files: dict[str, str | bytes] = {
        "db/migrations/000042_add_note.up.sql": "ALTER TABLE orders ADD COLUMN note text;",
    }
    framework = load("golang-migrate")
    source = MemorySource(files)
    (migration,) = framework.discover(sorted(files), source)
    (finding,) = framework.analyse(migration, source)
    assert finding.rule == "RG200"
    assert "db/migrations/000042_add_note.down.sql" in finding.fix
    assert "ALTER TABLE orders DROP COLUMN note;" in finding.fix
    assert finding.key == "RG200:golang-migrate:000042"


def test_speed_sanity() -> None:
    body = (
        "CREATE TABLE audit_{i} (id bigint PRIMARY KEY, note varchar(255) DEFAULT 'x;y');\n"
        "ALTER TABLE orders_{i} ADD COLUMN total numeric(12,2), DROP COLUMN legacy;\n"
        "CREATE INDEX orders_{i}_note ON orders_{i} (note);\n"
    )
    files: dict[str, str | bytes] = {}
    for i in range(1000):
        files[f"{i:06d}_m.up.sql"] = body.format(i=i) * 3
        files[f"{i:06d}_m.down.sql"] = f"DROP TABLE orders_{i};"
    framework = load("golang-migrate")
    source = MemorySource(files)
    start = time.perf_counter()
    migrations = framework.discover(sorted(files), source)
    findings = [f for m in migrations for f in framework.analyse(m, source)]
    elapsed = time.perf_counter() - start
    assert len(findings) == 3000  # one RG203 per DROP COLUMN
    # 2,000 files: generous bound for a loaded 2-core CI machine (measured ~0.5 s).
    assert elapsed < 5.0


def test_unreadable_files_propagate_to_the_engine() -> None:
    files: dict[str, str | bytes] = {
        "00001_bin.sql": b"\0\0\0binary",
        "00002_ok.sql": "-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 1;\n",
    }
    framework = load("goose")
    source = MemorySource(files)
    assert framework.detect(sorted(files), source) == 2
    first, _ = framework.discover(sorted(files), source)
    with pytest.raises(Unreadable):
        list(framework.analyse(first, source))


def test_goose_provider_api_registration() -> None:
    text = (
        "package m\n\nvar M = goose.NewGoMigration(\n\t7,\n"
        "\t&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {\n"
        '\t\t_, err := tx.ExecContext(ctx, "ALTER TABLE a DROP COLUMN b")\n\t\treturn err\n\t}},\n'
        "\tnil,\n)\n"
    )
    files: dict[str, str | bytes] = {"00007_x.go": text}
    framework = load("goose")
    source = MemorySource(files)
    (migration,) = framework.discover(sorted(files), source)
    got = sorted((f.rule, f.line) for f in framework.analyse(migration, source))
    assert got == [("RG200", 9), ("RG203", 6)]


def test_golang_migrate_pairs_up_and_down_by_version_not_title() -> None:
    """ente: `30_add_magic_metadata.up.sql` is undone by `30_drop_magic_metadata.down.sql`
    (golang-migrate indexes files by version); one migration, no RG200 nor RG205."""
    framework = load("golang-migrate")
    files = {
            "m/30_add_magic_metadata.up.sql": "ALTER TABLE t ADD COLUMN m text;\n",
            "m/30_drop_magic_metadata.down.sql": "ALTER TABLE t DROP COLUMN m;\n",
            "m/31_x.up.sql": "ALTER TABLE t ADD COLUMN n text;\n",
            "m/31_x.down.sql": "ALTER TABLE t DROP COLUMN n;\n",
            "m/32_only.up.sql": "ALTER TABLE t ADD COLUMN o text;\n",
    }  # fmt: skip
    source = MemorySource(files)
    found = framework.discover(sorted(files), source)
    assert [(m.version, len(m.files)) for m in found] == [("30", 2), ("31", 2), ("32", 1)]
    rules = {f.rule for m in found[:2] for f in framework.analyse(m, source)}
    assert not rules & {"RG200", "RG205"}
    assert "RG200" in {f.rule for f in framework.analyse(found[2], source)}


def test_golang_migrate_layout_without_titles() -> None:
    """harness (round T): maragudk/migrate names files `0157.up.sql`/`0157.down.sql` in
    golang-migrate's layout; they were skipped, so no rule ever read 66 of them."""
    framework = load("golang-migrate")
    files = {
        "m/0156_create_spaces.up.sql": "CREATE TABLE spaces (id int);\n",
        "m/0156_create_spaces.down.sql": "DROP TABLE spaces;\n",
        "m/0157.up.sql": "ALTER TABLE spaces DROP COLUMN legacy;\n",
        "m/0157.down.sql": "ALTER TABLE spaces ADD COLUMN legacy text;\n",
        "m/0158.up.sql": "ALTER TABLE spaces ADD COLUMN root_id int NOT NULL;\n",
    }
    source = MemorySource(files)
    found = framework.discover(sorted(files), source)
    assert [(m.version, m.name, len(m.files)) for m in found] == [
        ("0156", "create_spaces", 2),
        ("0157", "", 2),
        ("0158", "", 1),
    ]
    rules = [sorted({f.rule for f in framework.analyse(m, source)}) for m in found[1:]]
    assert rules == [["RG203"], ["RG200", "RG222"]]


def test_golang_migrate_reports_sql_files_it_would_never_run() -> None:
    """fider (round AO): from 2018 on its files are ``<version>_<title>.sql``, without
    ``.up``; golang-migrate skips such a file without a word, so the gate read none of 49.
    Each is RG205: a migration nobody runs, or a folder declared with the wrong framework."""
    framework = load("golang-migrate")
    files: dict[str, str | bytes] = {
        "m/201701261850_create_tenants.up.sql": "CREATE TABLE tenants (id int);\n",
        "m/201808152020_rename_idea_post.sql": "ALTER TABLE ideas RENAME TO posts;\n",
        "m/schema.sql": "CREATE TABLE tenants (id int);\n",
        "m/README.md": "notes\n",
    }
    source = MemorySource(files)
    found = framework.discover(sorted(files), source)
    assert [m.version for m in found] == ["201701261850", "201808152020"]
    (stray,) = framework.analyse(found[1], source)
    assert (stray.rule, stray.path) == ("RG205", "m/201808152020_rename_idea_post.sql")
    assert "golang-migrate never runs it" in stray.message
    assert "201808152020_rename_idea_post.up.sql" in stray.fix
    with pytest.raises(ValueError, match="golang-migrate never runs"):
        framework.sql_pair(found[1], source)


def test_golang_migrate_runs_a_sql_file_of_any_dialect_extension() -> None:
    """transitland-lib (round BT): `20211206202419_init.up.pgsql` and its `.down.pgsql`;
    golang-migrate runs any extension, and none of the 95 files was read (RG206). Each is
    paired with its down file, its findings said against the `.pgsql` down file's name."""
    framework = load("golang-migrate")
    files = {
        "m/1_init.up.pgsql": "CREATE TABLE t (id int);\n",
        "m/1_init.down.pgsql": "DROP TABLE t;\n",
        "m/2_note.up.pgsql": "ALTER TABLE t ADD COLUMN note text NOT NULL;\n",
    }
    source = MemorySource(files)
    found = framework.discover(sorted(files), source)
    assert [(m.version, len(m.files)) for m in found] == [("1", 2), ("2", 1)]
    assert framework.detect(sorted(files), source) == 2
    second = {f.rule: f for f in framework.analyse(found[1], source)}
    assert "RG222" in second
    assert "2_note.down.pgsql" in second["RG200"].message
    assert not {f.rule for f in framework.analyse(found[0], source)} & {"RG200", "RG205"}
