"""Django migrations, driven through ``python manage.py migrate APP NAME``.

The project's ``manage.py`` runs with a settings module that imports the project's
settings and replaces ``DATABASES`` with the verification database (the password comes
from the environment, never from a file). Installed apps outside the verified folder
(``auth``, ``contenttypes`` …) are migrated to their latest state first, so that a
dependency an up step pulls in is not mistaken for something the down step left behind.
See :mod:`.tools` for the shared plumbing and the safety check.
"""

from __future__ import annotations

import importlib.util
import os
import posixpath
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from rollback_gate import lazyre
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.migrations.base import Migration
from rollback_gate.verify.db import Database
from rollback_gate.verify.tools import TIMEOUT_S, ToolRunner, error_message, find_up

_SETTINGS = lazyre.compile(r"DJANGO_SETTINGS_MODULE['\"]\s*,\s*['\"]([\w.]+)['\"]")


class DjangoRunner(ToolRunner):
    """``python manage.py migrate APP NAME`` with a settings overlay."""

    bookkeeping = ("django_migrations",)
    label = "Django"

    def __init__(
        self, db: Database, root: Path, folder: str, migrations: Sequence[Migration]
    ) -> None:
        if importlib.util.find_spec("django") is None:
            raise EnvironmentProblem(
                f"Django is not installed for {sys.executable}: install the project's "
                "dependencies in the environment that runs rollback-gate verify"
            )
        manage = find_up(root / folder, root, ["manage.py"])
        if manage is None:
            raise EnvironmentProblem(
                f"no manage.py found above {folder} (up to the repository root)"
            )
        super().__init__(db, manage.parent)
        self._manage = manage
        settings = self._env.get("DJANGO_SETTINGS_MODULE")
        if not settings:
            found = _SETTINGS.search(manage.read_text(encoding="utf-8", errors="replace"))
            if found is None:
                raise EnvironmentProblem(
                    f"{manage.relative_to(root)} does not name DJANGO_SETTINGS_MODULE; "
                    "set it in the environment"
                )
            settings = found.group(1)
        overlay = Path(self._tmp.name) / "rollback_gate_verify_settings.py"
        overlay.write_text(
            f"import os\nfrom {settings} import *  # noqa\n"
            f"DATABASES = {{'default': {self._database()!r}}}\n"
            "DATABASES['default']['PASSWORD'] = "
            "os.environ.get('ROLLBACK_GATE_VERIFY_PASSWORD', '')\n",
            encoding="utf-8",
        )
        self._env["DJANGO_SETTINGS_MODULE"] = "rollback_gate_verify_settings"
        self._env["PYTHONPATH"] = os.pathsep.join(
            p for p in (self._tmp.name, str(manage.parent), self._env.get("PYTHONPATH")) if p
        )
        self._env["ROLLBACK_GATE_VERIFY_PASSWORD"] = db.url.password
        self._previous: dict[str, str] = {}
        by_app: dict[str, list[Migration]] = {}
        for migration in migrations:
            by_app.setdefault(_app_of(migration), []).append(migration)
        for members in by_app.values():
            names = ["zero", *[m.name for m in members]]
            for i, after in enumerate(members):
                self._previous[after.path] = names[i]
        self._apps = list(by_app)

    def _database(self) -> dict[str, object]:
        url = self._db.url
        if self._db.dialect == "sqlite":
            return {"ENGINE": "django.db.backends.sqlite3", "NAME": self._db.sqlite_file}
        options = {k: v for k, v in url.query.items() if k not in ("host", "password")}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": url.database,
            "USER": url.user,
            "HOST": url.host,
            "PORT": str(url.port or ""),
            "OPTIONS": options,
        }

    def _migrate(self, app: str, target: str | None = None) -> None:
        argv = [sys.executable, str(self._manage), "migrate", app]
        self._run([*argv, target, "--noinput"] if target else [*argv, "--noinput"])

    def _external_apps(self) -> list[str]:
        """Installed apps with migrations that are not verified here (auth, contenttypes…)."""
        argv = [sys.executable, str(self._manage), "showmigrations", "--list"]
        done = subprocess.run(
            argv, cwd=self._cwd, env=self._env, capture_output=True, text=True, timeout=TIMEOUT_S
        )
        if done.returncode != 0:
            raise EnvironmentProblem(
                f"`manage.py showmigrations` failed: "
                f"{self._db.url.scrub(error_message(done.stderr + done.stdout))}"
            )
        apps = []
        lines = done.stdout.splitlines()
        for line, following in zip(lines, [*lines[1:], ""], strict=True):
            if line and not line[0].isspace() and following.strip().startswith("["):
                apps.append(line.strip())
        return [a for a in apps if a not in self._apps]

    def apply(self, migrations: Sequence[Migration]) -> None:
        # Apps outside the verified folder go to their latest state first, so that a
        # dependency pulled in by an up step is not mistaken for something down left behind.
        for app in self._external_apps():
            self._migrate(app)
        last: dict[str, Migration] = {}
        for m in migrations:
            last[_app_of(m)] = m
        for app, m in last.items():
            self._migrate(app, m.name)

    def up(self, migration: Migration) -> None:
        self._migrate(_app_of(migration), migration.name)

    def down(self, migration: Migration) -> None:
        self._migrate(_app_of(migration), self._previous.get(migration.path, "zero"))


def _app_of(migration: Migration) -> str:
    """The app label: the version's ``app:`` prefix, else the folder above ``migrations/``."""
    if ":" in migration.version:
        return migration.version.split(":", 1)[0]
    return posixpath.basename(posixpath.dirname(posixpath.dirname(migration.path)))
