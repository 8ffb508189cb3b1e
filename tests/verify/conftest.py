"""Fixtures for verify: git repositories with a base and a head, and PostgreSQL databases.

PostgreSQL: ``ROLLBACK_GATE_TEST_PG_URL`` (a server URL, e.g. CI's) when set, otherwise a
throwaway cluster started for the session (``pgserver.py``); every test gets a database of
its own, dropped afterwards. Without a server and without binaries the PostgreSQL tests
skip, saying so, unless ``ROLLBACK_GATE_TEST_PG_REQUIRED`` is set (CI): then they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import pgserver

_GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_CONFIG_NOSYSTEM": "1",
}

Files = dict[str, str]


def _git(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | _GIT_ENV
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


def write(root: Path, files: Files) -> None:
    for path, text in files.items():
        full = root / path
        full.parent.mkdir(parents=True, exist_ok=True)
        full.write_text(text, encoding="utf-8")


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[Files, Files], tuple[Path, str]]:
    """A git repo: a base commit with ``base`` files, HEAD adding ``head``; (root, base sha)."""

    def make(base: Files, head: Files) -> tuple[Path, str]:
        root = tmp_path / "repo"
        root.mkdir()
        _git(root, "init", "-q", "-b", "main")
        write(root, base)
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "base")
        sha = _git(root, "rev-parse", "HEAD")
        write(root, head)
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", "head")
        return root, sha

    return make


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server URL for the session (CI's, or a throwaway cluster)."""
    given = os.environ.get("ROLLBACK_GATE_TEST_PG_URL")
    if given:
        yield given
        return
    bindir = pgserver.find_bindir()
    if bindir is None and os.environ.get("ROLLBACK_GATE_TEST_PG_REQUIRED"):
        pytest.fail("ROLLBACK_GATE_TEST_PG_REQUIRED is set but no PostgreSQL is available")
    if bindir is None:
        pytest.skip(
            "PostgreSQL tests need a server: set ROLLBACK_GATE_TEST_PG_URL or install "
            "PostgreSQL (initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin)"
        )
    cluster = pgserver.Cluster(bindir)
    try:
        url = cluster.start()
    except Exception as exc:  # pragma: no cover - depends on the machine
        cluster.stop()
        pytest.fail(f"could not start a throwaway PostgreSQL cluster: {exc}")
    try:
        yield url
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    import psycopg

    name = f"rg_verify_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pgserver.with_database(pg_server, name)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
