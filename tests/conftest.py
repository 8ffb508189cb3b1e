"""Shared fixtures: real git repositories with fixed dates, and a clean git environment."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

GIT_DATE = "2026-01-15T12:00:00+00:00"


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
        GIT_AUTHOR_DATE=GIT_DATE,
        GIT_COMMITTER_DATE=GIT_DATE,
        GIT_CONFIG_GLOBAL="/dev/null",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


class GitRepo:
    """A throwaway git repository in tmp_path, driven with the real git binary."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        return subprocess.run(
            ["git", *args],
            cwd=self.root,
            env=_clean_env(),
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    def write(self, files: dict[str, str | bytes], *, executable: tuple[str, ...] = ()) -> None:
        for name, content in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content)
            if name in executable:
                path.chmod(0o755)

    @staticmethod
    def migrations_config(path: str, framework: str, scope: str = "changed") -> str:
        """A ``deploy-readiness.yml`` whose one item is one migrations folder."""
        return (
            "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
            f"  - path: {path}\n    framework: {framework}\n    scope: {scope}\n"
        )

    @staticmethod
    def db_migrate_step(name: str) -> str:
        """A db-migrate ``create --sql-file`` step named ``name``: the bundled case's
        template, which runs ``sqls/<name>-up.sql`` (and ``-down.sql`` on a rollback)."""
        template = Path(__file__).parent / "data/migrations/db-migrate/sql-file-template"
        text = (template / "20191114170643-batch-status.js").read_text()
        return text.replace("20191114170643-batch-status", name)

    @staticmethod
    def laravel_migration(folder: str, name: str, up: str) -> dict[str, str]:
        """A Laravel migration ``<folder>/<name>.php`` whose ``up()`` body is ``up`` (its own
        lines, indented), ``down()`` empty."""
        return {
            f"{folder}/{name}.php": "<?php\n\nuse Illuminate\\Database\\Migrations\\Migration;\n"
            "use Illuminate\\Database\\Schema\\Blueprint;\n"
            "use Illuminate\\Support\\Facades\\Schema;\n\n"
            "class M extends Migration\n{\n    public function up()\n    {\n"
            f"{up}    }}\n\n    public function down()\n    {{\n    }}\n}}\n"
        }

    def commit_each(self, files: dict[str, str | bytes]) -> str:
        """Each file in a commit of its own, in order (a migration history: files one
        commit adds are one release under ``scope: all``); the last commit's id."""
        last = ""
        for path, content in files.items():
            last = self.commit(f"add {path}", {path: content})
        return last

    def history_paths(
        self,
        rule: str,
        folder: str,
        framework: str,
        files: dict[str, str | bytes],
        with_git: bool = True,
    ) -> list[str]:
        """The paths of ``rule``'s findings on ``files`` committed one by one under a
        ``scope: all`` config for ``folder`` (``with_git=False``: the same tree without
        ``.git``, read file by file)."""
        import shutil

        from rollback_gate.checks import migrations as engine
        from rollback_gate.gate import CheckOptions, prepare

        config = self.migrations_config(folder, framework, scope="all")
        self.commit_each({"deploy-readiness.yml": config, **files})
        if not with_git:
            shutil.rmtree(self.root / ".git")
        ctx = prepare(CheckOptions(repo=self.root))
        return [f.path or "" for f in engine.check(ctx) if f.rule == rule]

    def commit(
        self,
        message: str = "change",
        files: dict[str, str | bytes] | None = None,
        *,
        executable: tuple[str, ...] = (),
    ) -> str:
        if files:
            self.write(files, executable=executable)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[GitRepo]:
    for key in list(os.environ):
        if key.startswith("GIT_") or key in (
            "GITHUB_EVENT_PATH",
            "GITHUB_BASE_REF",
            "CI_MERGE_REQUEST_DIFF_BASE_SHA",
            "ROLLBACK_GATE_CONFIG",
            "GITHUB_STEP_SUMMARY",
            "ROLLBACK_GATE_DRILL_KEY",
        ):
            monkeypatch.delenv(key, raising=False)
    for key, value in _clean_env().items():
        if key.startswith("GIT_"):
            monkeypatch.setenv(key, value)
    yield GitRepo(tmp_path / "repo")


@pytest.fixture(autouse=True)
def _private_result_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test gets its own empty result cache: none writes to the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("result-cache")
    old = os.environ.get("ROLLBACK_GATE_CACHE_DIR")
    os.environ["ROLLBACK_GATE_CACHE_DIR"] = str(folder)
    yield
    if old is None:
        os.environ.pop("ROLLBACK_GATE_CACHE_DIR", None)
    else:
        os.environ["ROLLBACK_GATE_CACHE_DIR"] = old
