"""A base that cannot be used says why (unknown ref, no remote, shallow) and fails closed."""

from __future__ import annotations

import json
import shutil
import subprocess
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


def test_a_clone_missing_a_blob_still_has_a_diff_without_renames(git_repo: Any) -> None:
    """licences (round R): a mirror cut to a size lacks a binary's blob; detecting renames
    reads it and git dies. The diff is taken again without renames (trees only): a file
    deleted at the base is still seen, the note says renames were not detected."""
    repo = _repo(git_repo)
    base = repo.commit("data", {"bin/driver": b"\x00" * 4096 + b"old", "docs/old.md": "# a\n"})
    repo.git("rm", "-q", "bin/driver", "docs/old.md")
    repo.commit("moved", {"tools/driver": b"\x00" * 4096 + b"new", "docs/new.md": "# b\n"})
    blob = repo.git("rev-parse", f"{base}:bin/driver")
    (repo.root / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    with_renames = subprocess.run(
        ["git", "diff", "--name-status", "-M", base, "HEAD"], cwd=repo.root, capture_output=True
    )
    assert with_renames.returncode != 0  # the clone really lacks what -M reads
    result = _check(repo.root, "--base", base, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    notes = json.loads(result.output)["notes"]
    # (two deleted, two added: with renames there would be two changes)
    assert any("renames not detected" in n and "4 changed files" in n for n in notes), notes
