"""A base that cannot be used says why (unknown ref, no remote, shallow) and fails closed."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from rollback_gate.cli import main

CONFIG = "version: 1\nservice: api\nrollback: {strategy: manual, runbook: docs/rb.md}\n"


def _check(repo: Path, *args: str) -> Any:
    return CliRunner().invoke(main, ["check", "--repo", str(repo), *args])


def _repo(git_repo: Any) -> Any:
    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, "docs/rb.md": "# rb\n"})
    return git_repo


def test_unknown_base_is_an_unknown_ref(git_repo: Any) -> None:
    result = _check(_repo(git_repo).root, "--base", "no-such-branch")
    assert result.exit_code == 4, result.output
    assert "unknown ref" in result.output
    assert "shallow" not in result.output and "fetch-depth" not in result.output


def test_origin_base_without_a_remote_says_no_remote(git_repo: Any) -> None:
    result = _check(_repo(git_repo).root, "--base", "origin/main")
    assert result.exit_code == 4, result.output
    assert "no remote named origin" in result.output
    assert "fetch-depth" not in result.output


def test_shallow_clone_without_origin_says_no_remote(git_repo: Any, tmp_path: Path) -> None:
    repo = _repo(git_repo)
    first = repo.commit("second")
    repo.commit("third")
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    repo.git("-C", str(clone), "remote", "remove", "origin")
    result = _check(clone, "--base", first)
    assert result.exit_code == 4, result.output
    assert "no remote named origin" in result.output


def test_explicit_base_without_git_fails_closed(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "deploy-readiness.yml").write_text(CONFIG)
    (plain / "docs").mkdir()
    (plain / "docs" / "rb.md").write_text("# rb\n")
    result = _check(plain, "--base", "main", "--fail-on", "P0")
    assert result.exit_code == 4, result.output
    assert "--base main needs git history, but not a git repository" in result.output
    # Without --base the same folder is checked (with a note that there is no diff).
    assert _check(plain, "--fail-on", "P0").exit_code == 0


def test_explicit_base_without_the_git_binary_fails_closed(
    tmp_path: Path, monkeypatch: Any
) -> None:
    (tmp_path / "deploy-readiness.yml").write_text(CONFIG)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = _check(tmp_path, "--base", "main")
    assert result.exit_code == 4, result.output
    assert "git is not installed" in result.output
