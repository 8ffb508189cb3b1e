"""Database URLs for ``verify``: parsing, the locality guard and password redaction.

``verify`` runs down steps, so it must never reach a production database by a typo. A URL
is *local* when it names SQLite (a file on this machine), a loopback host (``localhost``,
``127.0.0.0/8``, ``::1``) or a Unix socket (``?host=/run/postgresql`` or an empty host with
no ``PGHOST`` pointing elsewhere, since libpq falls back to that variable). Anything else,
including libpq ``service=`` entries whose host cannot be seen, is refused unless
``--allow-remote`` is given.

Passwords never leave this module in clear: :func:`redact` masks them in URLs and
:meth:`DatabaseUrl.scrub` in any message (a driver error, a tool's output).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from rollback_gate.errors import UsageError

DEFAULT_URL = "sqlite:///"
"""The default: a SQLite file in a fresh temporary folder, deleted afterwards."""

_POSTGRES = ("postgresql", "postgres")


@dataclass(frozen=True)
class DatabaseUrl:
    """A parsed ``--database`` URL.

    ``dialect`` is ``sqlite`` or ``postgresql``; ``path`` is the SQLite file ("" for a
    temporary one); ``host`` is the effective host ("" or a socket folder for Unix sockets).
    """

    raw: str
    dialect: str
    driver: str = ""
    path: str = ""
    host: str = ""
    port: int | None = None
    user: str = ""
    password: str = field(default="", repr=False)
    database: str = ""
    query: Mapping[str, str] = field(default_factory=dict)

    @property
    def display(self) -> str:
        """The URL with its password masked, for every message."""
        return redact(self.raw)

    @property
    def is_local(self) -> bool:
        if self.dialect == "sqlite":
            return True
        if self.query.get("service"):
            return False
        return is_local_host(self.host)

    def scrub(self, text: str) -> str:
        """``text`` with every occurrence of the password (raw and URL-encoded) masked."""
        if not self.password:
            return text
        out = text.replace(self.password, "***")
        raw_pw = urlsplit(self.raw).password
        return out.replace(raw_pw, "***") if raw_pw else out

    def libpq(self) -> str:
        """A libpq URL (no SQLAlchemy ``+driver`` suffix) for psycopg."""
        parts = urlsplit(self.raw)
        return urlunsplit(("postgresql", parts.netloc, parts.path, parts.query, ""))

    def sqlalchemy(self, sqlite_file: str, *, psycopg3: bool) -> str:
        """The URL an Alembic ``env.py`` should use (``sqlalchemy.url``)."""
        if self.dialect == "sqlite":
            return f"sqlite:///{os.path.abspath(sqlite_file)}"
        parts = urlsplit(self.raw)
        if self.driver:
            scheme = f"postgresql+{self.driver}"
        else:
            scheme = "postgresql+psycopg" if psycopg3 else "postgresql"
        return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))


def is_local_host(host: str) -> bool:
    """True for a Unix socket folder, ``localhost`` or a loopback address."""
    if host == "" or host.startswith("/") or host.startswith("@"):
        return True
    if host.lower() in ("localhost", "localhost.localdomain", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def parse(raw: str, env: Mapping[str, str] | None = None) -> DatabaseUrl:
    """Parse a ``--database`` URL; raises UsageError (exit 2) for what verify cannot use."""
    env = os.environ if env is None else env
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    base, _, driver = scheme.partition("+")
    if base == "sqlite":
        if parts.netloc:
            raise UsageError(
                f"--database {redact(raw)}: a SQLite URL has no host; write sqlite:///FILE "
                "(relative), sqlite:////abs/FILE or sqlite:/// for a temporary file"
            )
        path = unquote(parts.path[1:]) if parts.path.startswith("/") else ""
        if path == ":memory:":
            raise UsageError(
                "--database sqlite:///:memory: cannot be shared with Alembic or Django; "
                "use sqlite:/// (a temporary file, deleted afterwards)"
            )
        return DatabaseUrl(raw, "sqlite", driver, path=path)
    if base in _POSTGRES:
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        host = query.get("host") or query.get("hostaddr") or unquote(parts.hostname or "")
        if not host:
            host = env.get("PGHOST", "") or env.get("PGHOSTADDR", "")
        for h in host.split(","):
            if h != h.strip():
                raise UsageError(f"--database {redact(raw)}: malformed host list")
        try:
            port = parts.port
        except ValueError:
            raise UsageError(f"--database {redact(raw)}: the port is not a number") from None
        return DatabaseUrl(
            raw,
            "postgresql",
            driver,
            host=host,
            port=port,
            user=unquote(parts.username or ""),
            password=unquote(parts.password or "") or query.get("password", ""),
            database=unquote(parts.path.lstrip("/")),
            query=query,
        )
    raise UsageError(f"--database {redact(raw)}: verify supports sqlite:/// and postgresql:// URLs")


def check_local(url: DatabaseUrl, *, allow_remote: bool) -> None:
    """Refuse a database that is not on this machine unless ``allow_remote``."""
    if allow_remote or url.is_local:
        return
    hosts = [h for h in url.host.split(",") if not is_local_host(h)]
    where = f"host {', '.join(hosts)}" if hosts else "a libpq service entry"
    raise UsageError(
        f"refusing to run down steps on {url.display}: it is on {where}, not this machine. "
        "verify executes every migration's down step; point --database at a throwaway "
        "local database, or pass --allow-remote if this one is really disposable"
    )


def redact(raw: str) -> str:
    """``raw`` with the password of the netloc and of a ``password=`` parameter masked."""
    parts = urlsplit(raw)
    if parts.password is None and "password=" not in parts.query.lower():
        return raw
    netloc = parts.netloc
    if parts.password is not None:
        userinfo, _, hostinfo = netloc.rpartition("@")
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:***@{hostinfo}"
    query = "&".join(
        f"{k}=***" if k.lower() == "password" else f"{k}={v}" if sep else k
        for k, sep, v in (p.partition("=") for p in parts.query.split("&") if p)
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
