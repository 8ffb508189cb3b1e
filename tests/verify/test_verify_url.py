"""The safety guard: only local databases, never a password in clear."""

from __future__ import annotations

import pytest

from rollback_gate.errors import UsageError
from rollback_gate.verify import url as urls


@pytest.mark.parametrize(
    "raw",
    [
        "sqlite:///",
        "sqlite:///verify.db",
        "sqlite:////tmp/verify.db",
        "postgresql://app@localhost/verify",
        "postgresql://app@127.0.0.1:5433/verify",
        "postgresql://app@127.8.9.10/verify",
        "postgresql://app@[::1]:5432/verify",
        "postgresql:///verify?host=/var/run/postgresql",
        "postgresql://app@%2Fvar%2Frun%2Fpostgresql/verify",
        "postgresql+psycopg://app:pw@localhost/verify",
    ],
)
def test_local_urls_are_accepted(raw: str) -> None:
    url = urls.parse(raw, env={})
    assert url.is_local
    urls.check_local(url, allow_remote=False)


@pytest.mark.parametrize(
    ("raw", "env", "where"),
    [
        ("postgresql://app:s3cret@db.prod.internal/shop", {}, "host db.prod.internal"),
        ("postgresql://app@10.0.0.5/shop", {}, "host 10.0.0.5"),
        ("postgresql:///shop", {"PGHOST": "db.prod.internal"}, "host db.prod.internal"),
        ("postgresql:///shop?service=prod", {}, "a libpq service entry"),
        ("postgresql://app@localhost,db.prod.internal/shop", {}, "db.prod.internal"),
    ],
)
def test_remote_urls_are_refused_unless_allowed(raw: str, env: dict[str, str], where: str) -> None:
    url = urls.parse(raw, env=env)
    with pytest.raises(UsageError, match="refusing to run down steps") as info:
        urls.check_local(url, allow_remote=False)
    assert where in str(info.value)
    assert "s3cret" not in str(info.value)
    urls.check_local(url, allow_remote=True)


def test_passwords_are_never_shown() -> None:
    url = urls.parse("postgresql://app:p%40ss@localhost:5432/verify?sslmode=disable", env={})
    assert url.password == "p@ss"
    assert url.display == "postgresql://app:***@localhost:5432/verify?sslmode=disable"
    assert (
        url.scrub("FATAL: password p@ss rejected (p%40ss)") == "FATAL: password *** rejected (***)"
    )
    query = urls.redact("postgresql://localhost/verify?user=app&password=hunter2")
    assert "hunter2" not in query and "password=***" in query
    assert urls.redact("sqlite:///") == "sqlite:///"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("mysql://localhost/shop", "verify supports sqlite:/// and postgresql://"),
        ("sqlite:///:memory:", "cannot be shared"),
        ("sqlite://host/file.db", "a SQLite URL has no host"),
        ("postgresql://app:pw@localhost:notaport/x", "the port is not a number"),
    ],
)
def test_unusable_urls_are_usage_errors(raw: str, message: str) -> None:
    with pytest.raises(UsageError, match=message) as info:
        urls.parse(raw, env={})
    assert "pw@" not in str(info.value)


def test_sqlalchemy_urls_for_alembic() -> None:
    pg = urls.parse("postgres://app:pw@localhost/verify", env={})
    assert pg.sqlalchemy("", psycopg3=True) == "postgresql+psycopg://app:pw@localhost/verify"
    assert pg.sqlalchemy("", psycopg3=False) == "postgresql://app:pw@localhost/verify"
    assert pg.libpq() == "postgresql://app:pw@localhost/verify"
    lite = urls.parse("sqlite:///", env={})
    assert lite.sqlalchemy("/tmp/x/verify.sqlite3", psycopg3=True) == (
        "sqlite:////tmp/x/verify.sqlite3"
    )
