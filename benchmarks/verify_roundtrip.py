"""How much does ``verify migrations`` cost over merely running the migrations?

Run: ``python benchmarks/verify_roundtrip.py [N] [--postgres]`` (default 50 migrations).
A git repository is generated with one base migration and N new golang-migrate
migrations (tables with foreign keys and indexes, added columns, extra indexes, each with
a correct down step). Three timings, median of 5 runs each, in one process:

* ``plain``: the plain driver (``sqlite3`` / psycopg) applies every migration up, one
  transaction each, then every down step in reverse order: the floor;
* ``plain, same settings``: the same with verify's throwaway-database settings
  (SQLite ``synchronous=OFF``, in-memory journal), to separate settings from work;
* ``verify``: ``run_verify`` end to end (git, config, discovery, base state, and per
  migration snapshot · up · snapshot · seed · down · snapshot · up).

The target for SQLite: ``verify`` ≤ 2 × ``plain``. ``--postgres`` measures the same on
PostgreSQL (``ROLLBACK_GATE_TEST_PG_URL``, else a throwaway cluster as in the tests).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "verify"))

from rollback_gate.migrations.sqlengine.sql import split_statements  # noqa: E402
from rollback_gate.verify import VerifyOptions, run_verify  # noqa: E402

CONFIG = """\
version: 1
service: bench
migrations:
  - path: db/migrations
    framework: golang-migrate
"""
BASE = (
    "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name VARCHAR(80) NOT NULL);",
    "DROP TABLE accounts;",
)


def migrations(n: int) -> list[tuple[str, str]]:
    """N (up, down) pairs: a table every third step, then a column, then an index on it."""
    out = []
    table = "accounts"
    for i in range(1, n + 1):
        if i % 3 == 1:
            parent, table = table, f"t{i:03d}"
            up = (
                f"CREATE TABLE {table} (\n  id INTEGER PRIMARY KEY,\n"
                f"  name VARCHAR(50) NOT NULL,\n  parent_id INTEGER REFERENCES {parent} (id),\n"
                "  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP\n);\n"
                f"CREATE INDEX ix_{table}_name ON {table} (name);\n"
            )
            down = f"DROP TABLE {table};\n"
        elif i % 3 == 2:
            up = f"ALTER TABLE {table} ADD COLUMN note_{i} TEXT;\n"
            down = f"ALTER TABLE {table} DROP COLUMN note_{i};\n"
        else:
            up = f"CREATE UNIQUE INDEX ux_{i} ON {table} (name, created_at);\n"
            down = f"DROP INDEX ux_{i};\n"
        out.append((up, down))
    return out


def make_repo(root: Path, n: int) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {
        "GIT_AUTHOR_NAME": "b",
        "GIT_AUTHOR_EMAIL": "b@b",
        "GIT_COMMITTER_NAME": "b",
        "GIT_COMMITTER_EMAIL": "b@b",
    }

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
        ).stdout.strip()

    folder = root / "db" / "migrations"
    folder.mkdir(parents=True)
    (root / "deploy-readiness.yml").write_text(CONFIG)
    (folder / "000000_accounts.up.sql").write_text(BASE[0])
    (folder / "000000_accounts.down.sql").write_text(BASE[1])
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "base")
    base = git("rev-parse", "HEAD")
    for i, (up, down) in enumerate(migrations(n), start=1):
        (folder / f"{i:06d}_step.up.sql").write_text(up)
        (folder / f"{i:06d}_step.down.sql").write_text(down)
    git("add", "-A")
    git("commit", "-q", "-m", "head")
    return base


def plain_sqlite(n: int, fast: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(os.path.join(tmp, "plain.db"), isolation_level=None)
        if fast:
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute("PRAGMA journal_mode=MEMORY")
        pairs = [(BASE[0], BASE[1]), *migrations(n)]
        for up, _ in pairs:
            _run_sqlite(conn, up)
        for _, down in reversed(pairs[1:]):
            _run_sqlite(conn, down)
        conn.close()


def _run_sqlite(conn: sqlite3.Connection, text: str) -> None:
    conn.execute("BEGIN")
    for s in split_statements(text):
        conn.execute(s.text)
    conn.execute("COMMIT")


def plain_postgres(url: str, n: int) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        pairs = [(BASE[0], BASE[1]), *migrations(n)]
        for text in [up for up, _ in pairs] + [down for _, down in reversed(pairs[1:])]:
            with conn.transaction():
                for s in split_statements(text):
                    conn.execute(s.text)
        conn.execute(BASE[1])


def median(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 50
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        root.mkdir()
        base = make_repo(root, n)

        def verify(database: str) -> None:
            result = run_verify(
                VerifyOptions(repo=root, base=base, database=database, record=False)
            )
            restored = sum(o.passed for o in result.outcomes)
            assert restored == n, [o.status for o in result.outcomes if not o.passed]

        plain = median(lambda: plain_sqlite(n, fast=False))
        same = median(lambda: plain_sqlite(n, fast=True))
        full = median(lambda: verify("sqlite:///"))
        print(f"SQLite {sqlite3.sqlite_version}, {n} migrations (median of 5):")
        print(f"  plain sqlite3 up+down once       {plain * 1000:8.1f} ms")
        print(f"  plain, verify's settings         {same * 1000:8.1f} ms")
        print(
            f"  verify round trip (end to end)   {full * 1000:8.1f} ms  "
            f"= {full / plain:.2f}x plain ({full / same:.2f}x same settings)"
        )
        if "--postgres" in sys.argv:
            postgres(n, verify)


def postgres(n: int, verify: Callable[[str], None]) -> None:
    import uuid

    import pgserver
    import psycopg

    server = os.environ.get("ROLLBACK_GATE_TEST_PG_URL")
    cluster = None
    if not server:
        bindir = pgserver.find_bindir()
        if bindir is None:
            print("PostgreSQL: no server binaries; skipped")
            return
        cluster = pgserver.Cluster(bindir)
        server = cluster.start()
    try:

        def fresh() -> str:
            name = f"rg_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            return pgserver.with_database(server, name)

        plain = median(lambda: plain_postgres(fresh(), n))
        full = median(lambda: verify(fresh()))
        with psycopg.connect(server) as conn:
            version = conn.info.parameter_status("server_version")
        print(f"PostgreSQL {version}, {n} migrations (median of 5):")
        print(f"  plain psycopg up+down once       {plain * 1000:8.1f} ms")
        print(
            f"  verify round trip (end to end)   {full * 1000:8.1f} ms  = {full / plain:.2f}x plain"
        )
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
