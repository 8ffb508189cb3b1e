"""Measure the SQL scanner against pglast and sqlglot on generated migration files.

Run: ``python benchmarks/sql_parsers.py [N]`` (default 2,000 files). Prints files/s and
how many files each parser rejected. The corpus mixes the dialects real migration
histories hold: two thirds PostgreSQL, one sixth MySQL, one sixth SQLite.
"""

from __future__ import annotations

import logging
import random
import sys
import time
from collections.abc import Callable

PG = [
    "CREATE TABLE {t} (\n  id bigserial PRIMARY KEY,\n  {c} varchar(255) NOT NULL DEFAULT '',\n"
    "  created_at timestamptz NOT NULL DEFAULT now()\n);",
    "ALTER TABLE {t} ADD COLUMN {c} text;",
    "ALTER TABLE {t} DROP COLUMN IF EXISTS {c};",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS {t}_{c}_idx ON {t} ({c});",
    "ALTER TABLE {t} ALTER COLUMN {c} TYPE varchar(100) USING {c}::varchar(100);",
    "-- backfill {c}\nUPDATE {t} SET {c} = 'n/a' WHERE {c} IS NULL;",
    "CREATE OR REPLACE FUNCTION {t}_touch() RETURNS trigger AS $$\nBEGIN\n"
    "  NEW.updated_at = now();\n  RETURN NEW;\nEND;\n$$ LANGUAGE plpgsql;",
    "COMMENT ON COLUMN {t}.{c} IS 'the {c}; do not DROP';",
    "ALTER TABLE {t} ADD CONSTRAINT {t}_{c}_fk FOREIGN KEY ({c}) REFERENCES users (id);",
    "DELETE FROM {t} WHERE {c} < now() - interval '90 days';",
]
MYSQL = [
    "CREATE TABLE `{t}` (\n  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,\n"
    "  `{c}` VARCHAR(191) NOT NULL,\n  PRIMARY KEY (`id`)\n"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;",
    "ALTER TABLE `{t}` ADD COLUMN `{c}` INT NULL AFTER `id`, DROP INDEX `idx_{c}`;",
    "ALTER TABLE `{t}` MODIFY `{c}` VARCHAR(64) NOT NULL;",
    "INSERT INTO `{t}` (`{c}`) VALUES ('it\\'s');",
]
SQLITE = [
    "CREATE TABLE IF NOT EXISTS {t} (id INTEGER PRIMARY KEY AUTOINCREMENT, {c} TEXT);",
    "CREATE TRIGGER {t}_ai AFTER INSERT ON {t} BEGIN\n"
    "  UPDATE stats SET n = n + 1 WHERE name = '{t}';\nEND;",
    "PRAGMA foreign_keys = OFF;",
]
WORDS = ["orders", "users", "invoices", "notes", "events", "sessions", "accounts", "items"]


def corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    files = []
    for i in range(n):
        pool = PG if i % 6 < 4 else (MYSQL if i % 6 == 4 else SQLITE)
        parts = [
            rng.choice(pool).format(t=rng.choice(WORDS), c=rng.choice(WORDS)[:-1] + "_x")
            for _ in range(rng.randint(2, 12))
        ]
        files.append("-- generated migration\n" + "\n\n".join(parts) + "\n")
    return files


def measure(name: str, fn: Callable[[str], object], files: list[str]) -> None:
    failed = 0
    start = time.perf_counter()
    for text in files:
        try:
            fn(text)
        except Exception:
            failed += 1
    elapsed = time.perf_counter() - start
    print(f"{name:28s} {len(files) / elapsed:10,.0f} files/s  rejected {failed}/{len(files)}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    logging.disable(logging.WARNING)  # sqlglot logs every statement it falls back on
    files = corpus(n)
    from rollback_gate.migrations.sqlengine import sql

    measure("scanner (split+classify)", sql.split_statements, files)
    measure("scanner + destructive()", lambda t: sql.destructive(sql.split_statements(t)), files)
    try:
        import pglast

        measure("pglast.parse_sql", pglast.parse_sql, files)
    except ImportError:
        print("pglast not installed: skipped (pip install -e '.[bench]' adds it)")
    try:
        import sqlglot

        measure("sqlglot (postgres)", lambda t: sqlglot.parse(t, read="postgres"), files)
        measure("sqlglot (mysql)", lambda t: sqlglot.parse(t, read="mysql"), files)
    except ImportError:
        print("sqlglot not installed: skipped (pip install sqlglot)")


if __name__ == "__main__":
    main()
