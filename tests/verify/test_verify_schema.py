"""Catalog snapshots, the schema diff and its messages, and the seeder (SQLite)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rollback_gate.verify import url as urls
from rollback_gate.verify.db import StepFailed
from rollback_gate.verify.schema import diff
from rollback_gate.verify.seed import seed, unseed, value
from rollback_gate.verify.sqlite import SqliteDatabase, checks, normalize

BASE = [
    "CREATE TABLE users (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, "
    "age SMALLINT CHECK (age >= 0), created DATE DEFAULT CURRENT_DATE)",
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES "
    "users (id) ON DELETE CASCADE, total NUMERIC(6, 2) NOT NULL, note TEXT)",
    "CREATE INDEX idx_orders_user ON orders (user_id) WHERE total > 0",
    "CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100",
    "CREATE TRIGGER orders_touch AFTER UPDATE ON orders BEGIN SELECT 1; END",
]


@pytest.fixture
def db() -> Iterator[SqliteDatabase]:
    database = SqliteDatabase(urls.parse("sqlite:///", env={}))
    database.execute([(s, i + 1) for i, s in enumerate(BASE)], transaction=True)
    yield database
    database.close()


def _messages(db: SqliteDatabase, *statements: str) -> list[str]:
    before = db.snapshot()
    db.execute([(s, 1) for s in statements], transaction=True)
    return [d.message for d in diff(before, db.snapshot())]


def test_identical_schemas_have_no_difference(db: SqliteDatabase) -> None:
    assert diff(db.snapshot(), db.snapshot()) == []


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (
            ["ALTER TABLE orders ADD COLUMN shipped DATE"],
            ["column orders.shipped still exists after down"],
        ),
        (["DROP INDEX idx_orders_user"], ["index idx_orders_user missing after down"]),
        (
            ["DROP INDEX idx_orders_user", "CREATE INDEX idx_orders_user ON orders (user_id)"],
            [
                "index idx_orders_user differs after down: definition CREATE INDEX idx_orders_user "
                "ON orders (user_id) (was CREATE INDEX idx_orders_user ON orders (user_id) "
                "WHERE total > 0)"
            ],
        ),
        (
            ["CREATE TABLE coupons (code TEXT PRIMARY KEY, pct INT)"],
            ["table coupons still exists after down"],
        ),
        (["DROP VIEW big_orders"], ["view big_orders missing after down"]),
        (["DROP TRIGGER orders_touch"], ["trigger orders_touch missing after down"]),
        (
            [
                "CREATE TABLE users_new (id INTEGER PRIMARY KEY, email VARCHAR(255) NOT NULL, "
                "age SMALLINT, created DATE DEFAULT CURRENT_DATE)",
                "INSERT INTO users_new SELECT * FROM users",
                "DROP TABLE users",
                "ALTER TABLE users_new RENAME TO users",
            ],
            [
                "constraint users: CHECK (age >= 0) missing after down",
                "constraint users: UNIQUE (email) missing after down",
            ],
        ),
    ],
)
def test_differences_name_the_object(
    db: SqliteDatabase, statements: list[str], expected: list[str]
) -> None:
    assert _messages(db, *statements) == expected


def test_a_dropped_table_is_one_difference_with_a_fix(db: SqliteDatabase) -> None:
    before = db.snapshot()
    db.execute([("DROP VIEW big_orders", 1), ("DROP TABLE orders", 2)], transaction=True)
    found = diff(before, db.snapshot())
    assert [d.message for d in found] == [
        "table orders missing after down",
        "view big_orders missing after down",
    ]
    assert found[1].fix.startswith("re-create it as it was before up: CREATE VIEW big_orders")


def test_extra_objects_get_the_statement_that_removes_them(db: SqliteDatabase) -> None:
    before = db.snapshot()
    db.execute(
        [
            ("ALTER TABLE orders ADD COLUMN shipped DATE", 1),
            ("CREATE INDEX idx_orders_total ON orders (total)", 2),
        ],
        transaction=True,
    )
    fixes = {d.name: d.fix for d in diff(before, db.snapshot())}
    assert fixes == {
        "orders.shipped": "ALTER TABLE orders DROP COLUMN shipped",
        "idx_orders_total": "DROP INDEX idx_orders_total",
    }


def test_snapshot_reads_columns_keys_and_foreign_keys(db: SqliteDatabase) -> None:
    schema = db.snapshot()
    orders = schema.tables["orders"]
    assert [c.name for c in orders.columns] == ["id", "user_id", "total", "note"]
    assert orders.columns[0].auto and orders.columns[1].notnull
    assert orders.foreign_keys[0].table == "users" and orders.foreign_keys[0].columns == (
        "user_id",
    )
    assert ("email",) in schema.tables["users"].unique
    attrs = dict(schema.objects[("column", "users.created")].attrs)
    assert attrs["default"] == "CURRENT_DATE" and attrs["nullable"] == "yes"


def test_failed_step_rolls_back_and_reports_line(db: SqliteDatabase) -> None:
    before = db.snapshot()
    with pytest.raises(StepFailed) as info:
        db.execute(
            [("ALTER TABLE orders ADD COLUMN x INT", 1), ("DROP TABEL users", 4)], transaction=True
        )
    assert info.value.line == 4 and "syntax error" in info.value.message
    assert diff(before, db.snapshot()) == []


def test_seed_respects_not_null_unique_and_foreign_keys(db: SqliteDatabase) -> None:
    result = seed(db, db.snapshot(), rows=3, round_no=1)
    assert result.rows == 6 and result.skipped == ()
    conn = db._conn
    emails = [r[0] for r in conn.execute("SELECT email FROM users")]
    assert len(set(emails)) == 3
    user_ids = {r[0] for r in conn.execute("SELECT id FROM users")}
    assert {r[0] for r in conn.execute("SELECT user_id FROM orders")} <= user_ids
    notes = [r[0] for r in conn.execute("SELECT note FROM orders ORDER BY id")]
    assert None in notes and len({n for n in notes if n is not None}) == 1
    # Only the touched table gets fresh rows; its parent already has enough for its keys.
    again = seed(db, db.snapshot(), rows=3, round_no=2, touched={"orders"})
    assert again.rows == 3 and [t.name for t, _ in again.inserted] == ["orders"]
    unseed(db, again)
    unseed(db, result)
    assert conn.execute("SELECT count(*) FROM orders").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM users").fetchone()[0] == 0


def test_seed_gives_a_touched_child_parents_to_point_at(db: SqliteDatabase) -> None:
    result = seed(db, db.snapshot(), rows=3, round_no=1, touched={"orders"})
    assert [(t.name, len(keys)) for t, keys in result.inserted] == [("users", 1), ("orders", 3)]


@pytest.mark.parametrize(
    ("type_name", "dialect", "expected"),
    [
        ("INTEGER", "sqlite", 7),
        ("bigint", "postgresql", "7"),
        ("numeric(3,1)", "postgresql", "7"),
        ("character varying(1)", "postgresql", "7"),
        ("varchar(2)", "sqlite", "s7"),
        ("boolean", "sqlite", 1),
        ("uuid", "postgresql", "00000000-0000-4000-8000-000000000007"),
        ("timestamp with time zone", "postgresql", "2024-01-01 00:07:00"),
        ("date", "postgresql", "2024-01-08"),
        ("integer[]", "postgresql", '{"7"}'),
        ("jsonb", "postgresql", '{"n": 7}'),
    ],
)
def test_values_fit_their_types(type_name: str, dialect: str, expected: object) -> None:
    from rollback_gate.verify.schema import Schema

    assert value(type_name, 7, dialect, Schema()) == expected


def test_normalize_ignores_formatting() -> None:
    assert normalize('CREATE  INDEX IF NOT EXISTS "i" ON t ( a )') == "create index i on t(a)"
    assert checks("CREATE TABLE t (a INT CHECK (a > (1)), b INT, CHECK (b < 2))") == [
        "(a >(1))",
        "(b < 2)",
    ]


def test_sqlite_reset_empties_what_the_migrations_made() -> None:
    from rollback_gate.verify.sqlite import SqliteDatabase

    db = SqliteDatabase(urls.parse("sqlite:///", env={}))
    try:
        db.execute(
            [
                ("CREATE TABLE a (id INTEGER PRIMARY KEY)", 1),
                ('CREATE TABLE "b""q" (a_id INTEGER REFERENCES a(id))', 2),
                ("CREATE VIEW v AS SELECT id FROM a", 3),
                ("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END", 4),
            ],
            transaction=True,
        )
        assert db.user_tables() == ["a", 'b"q', "v"]
        db.reset()
        assert db.user_tables() == []
    finally:
        db.close()
