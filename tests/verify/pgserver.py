"""A throwaway PostgreSQL cluster for the tests and the benchmark.

``ROLLBACK_GATE_TEST_PG_URL`` wins when set (CI starts a server itself). Otherwise the
server binaries (``initdb``, ``pg_ctl``) are looked up on PATH and in Debian's
``/usr/lib/postgresql/*/bin``; a cluster is created in a temporary folder, listening on a
free loopback port and a Unix socket in that folder, with fsync off. PostgreSQL refuses
to run as root, so under root the cluster belongs to the ``postgres`` user (commands run
through ``runuser``).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def find_bindir() -> str | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return str(Path(on_path).resolve().parent)
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """initdb + pg_ctl start; :meth:`stop` removes everything."""

    def __init__(self, bindir: str) -> None:
        self.bindir = bindir
        self.root = tempfile.mkdtemp(prefix="rg-pg-")
        self.port = _free_port()
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = "postgres"
            try:
                subprocess.run(["id", user], check=True, capture_output=True)
            except subprocess.CalledProcessError:
                subprocess.run(
                    ["useradd", "--system", "--no-create-home", user],
                    check=True,
                    capture_output=True,
                )
            shutil.chown(self.root, user)
            self._as = ["runuser", "-u", user, "--"]

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self._as, os.path.join(self.bindir, args[0]), *args[1:]],
            check=True,
            capture_output=True,
            timeout=120,
        )

    def start(self) -> str:
        data = os.path.join(self.root, "data")
        self._run("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-F -p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        log = os.path.join(self.root, "log")
        self._run("pg_ctl", "-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start")
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        data = os.path.join(self.root, "data")
        try:
            self._run("pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def with_database(server_url: str, name: str) -> str:
    """``server_url`` with its database path replaced by ``name``."""
    head, _, tail = server_url.partition("?")
    base = head.rsplit("/", 1)[0] if head.count("/") > 2 else head
    return f"{base}/{name}" + (f"?{tail}" if tail else "")
