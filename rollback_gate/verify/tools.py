"""Alembic and Django migrations, driven through their own command-line tools.

These frameworks' migrations are Python code with the framework's semantics (Alembic's
revision graph, Django's state and dependencies), so the gate does not re-implement them:
it runs ``alembic upgrade REV`` / ``alembic downgrade REV-1`` and
``python manage.py migrate APP NAME`` in the user's environment, pointed at the
verification database:

* Alembic gets a temporary copy of the project's ``alembic.ini`` whose ``sqlalchemy.url``
  is the verification database (``%(here)s`` still means the project folder), plus
  ``DATABASE_URL`` for ``env.py`` files that read the environment;
* Django gets a settings module that imports the project's settings and replaces
  ``DATABASES`` (``DJANGO_SETTINGS_MODULE`` points at it), plus ``DATABASE_URL``
  (:mod:`.django_runner`).

After the first command the runner checks that the tool really wrote to the verification
database (its bookkeeping table exists there) and stops otherwise, before any down step,
so that an ``env.py`` or settings file that ignores both cannot aim a downgrade elsewhere.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from rollback_gate import lazyre
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.migrations.base import Migration, parse_quietly
from rollback_gate.verify.db import Database, StepFailed
from rollback_gate.verify.runner import Unsupported

TIMEOUT_S = 900
_EXC_LINE = lazyre.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Failure|Exit)):\s*(.*)$")
_DRIVER_PREFIX = lazyre.compile(r"^\((?:[\w.]+)\)\s*")


def error_message(output: str) -> str:
    """The exception message a Python tool died with (last ``SomeError: …`` line)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in reversed(lines):
        m = _EXC_LINE.match(line)
        if m:
            name = m.group(1).rsplit(".", 1)[-1]
            return f"{name}: {_DRIVER_PREFIX.sub('', m.group(2))}"
    return lines[-1] if lines else "the command failed without a message"


class ToolRunner:
    """Common plumbing: a temporary folder, the environment, running a command."""

    bookkeeping: tuple[str, ...] = ()
    label = ""

    def __init__(self, db: Database, cwd: Path) -> None:
        self._db = db
        self._cwd = cwd
        self._tmp = tempfile.TemporaryDirectory(prefix="rollback-gate-verify-tool-")
        self._env = dict(os.environ)
        self._env["ROLLBACK_GATE_VERIFY"] = "1"
        self._checked = False

    def _run(self, argv: Sequence[str]) -> None:
        try:
            done = subprocess.run(
                list(argv),
                cwd=self._cwd,
                env=self._env,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            raise StepFailed(f"`{' '.join(argv[-3:])}` did not finish in {TIMEOUT_S} s") from None
        except OSError as exc:
            raise EnvironmentProblem(f"cannot run {argv[0]}: {exc.strerror}") from None
        if done.returncode != 0:
            text = done.stderr + "\n" + done.stdout
            if re.search(r"No module named '?(django|alembic)'?", text):
                raise EnvironmentProblem(
                    f"{self.label} is not installed for {argv[0]}: install the project's "
                    "dependencies in the environment that runs rollback-gate verify"
                )
            raise StepFailed(self._db.url.scrub(error_message(text)))
        if not self._checked:
            self._checked = True
            tables = set(self._db.user_tables())
            if not tables & set(self.bookkeeping):
                raise EnvironmentProblem(
                    f"{self.label} did not write to the verification database "
                    f"({self._db.url.display}): its configuration takes the database from "
                    "elsewhere. Make it read DATABASE_URL (or, for Alembic, "
                    "sqlalchemy.url); no down step was run"
                )

    def close(self) -> None:
        self._tmp.cleanup()


def find_up(start: Path, root: Path, names: Sequence[str]) -> Path | None:
    here = start
    while True:
        for name in names:
            if (here / name).is_file():
                return here / name
        if here == root or root not in here.parents:
            return None
        here = here.parent


class AlembicRunner(ToolRunner):
    """``alembic upgrade`` / ``alembic downgrade`` with a temporary ini."""

    bookkeeping = ("alembic_version",)
    label = "Alembic"

    def __init__(
        self, db: Database, root: Path, folder: str, url: str, migrations: Sequence[Migration]
    ) -> None:
        exe = shutil.which("alembic")
        if exe:
            self._argv = [exe]
        elif importlib.util.find_spec("alembic") is not None:
            self._argv = [sys.executable, "-m", "alembic"]
        else:
            raise EnvironmentProblem(
                "Alembic is not installed (no `alembic` on PATH, no alembic module for "
                f"{sys.executable}): install the project's dependencies before verify"
            )
        scripts = root / folder
        if scripts.name == "versions":
            scripts = scripts.parent
        ini = find_up(scripts, root, ["alembic.ini"])
        super().__init__(db, ini.parent if ini else scripts)
        parser = configparser.ConfigParser(interpolation=None)
        if ini is not None:
            parser.read(ini, encoding="utf-8")
        if not parser.has_section("alembic"):
            parser.add_section("alembic")
            parser.set("alembic", "script_location", str(scripts))
        here = str(self._cwd).replace("%", "%%")
        for section in parser.sections():
            for key, value in parser.items(section):
                parser.set(section, key, value.replace("%(here)s", here))
        parser.set("alembic", "sqlalchemy.url", url.replace("%", "%%"))
        self._ini = os.path.join(self._tmp.name, "alembic.ini")
        with open(self._ini, "w", encoding="utf-8") as fh:
            parser.write(fh)
        self._env["DATABASE_URL"] = url
        self._root = root
        self._graph = {m.version: self._parents(m) for m in migrations}
        self._applied: set[str] = set()

    def _alembic(self, *args: str) -> None:
        self._run([*self._argv, "-c", self._ini, *args])

    def apply(self, migrations: Sequence[Migration]) -> None:
        parents = {p for m in migrations for p in self._parents(m)}
        for head in [m for m in migrations if m.version not in parents]:
            self._alembic("upgrade", head.version)
            self._applied |= self._ancestry(head.version)

    def up(self, migration: Migration) -> None:
        self._alembic("upgrade", migration.version)
        self._applied |= self._ancestry(migration.version)
        # `alembic downgrade REV-1` takes down every branch above the parent, and cannot
        # step back over a merge point alone (alembic issue #464): say so, never guess.
        parents = self._graph.get(migration.version, [])
        if len(parents) > 1:
            raise Unsupported(
                "an Alembic merge revision: `alembic downgrade` cannot undo it alone",
                applied=True,
            )
        others = sorted(self._applied - self._ancestry(migration.version))
        if others:
            raise Unsupported(
                f"another Alembic branch is applied ({', '.join(others)}): `alembic "
                "downgrade` cannot take down one branch alone",
                applied=True,
            )

    def down(self, migration: Migration) -> None:
        self._alembic("downgrade", f"{migration.version}-1")
        self._applied.discard(migration.version)

    def _ancestry(self, revision: str) -> set[str]:
        """``revision`` and its ancestors among the migrations of the folder."""
        out: set[str] = set()
        todo = [revision]
        while todo:
            rev = todo.pop()
            if rev not in out and rev in self._graph:
                out.add(rev)
                todo.extend(self._graph[rev])
        return out

    def _parents(self, migration: Migration) -> list[str]:
        try:
            tree = parse_quietly((self._root / migration.path).read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError):
            return []
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) else None
            if isinstance(node, ast.AnnAssign):
                target = node.target
            if (
                isinstance(node, (ast.Assign, ast.AnnAssign))
                and isinstance(target, ast.Name)
                and target.id == "down_revision"
            ):
                try:
                    value = ast.literal_eval(node.value) if node.value else None
                except ValueError:
                    return []
                if isinstance(value, str):
                    return [value]
                if isinstance(value, (tuple, list)):
                    return [str(v) for v in value]
        return []
