""".pre-commit-hooks.yaml: schema-valid, and each hook's entry works on an example repo."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci_support import ROOT, clean_env, commit_all, git, validator

HOOKS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
)
EXAMPLE = ROOT / "examples" / "checkout-service"


def test_validates_against_schema() -> None:
    errors = list(validator("pre-commit-hooks.json").iter_errors(HOOKS))
    assert not errors, errors[0].message


def test_hooks_and_their_commands() -> None:
    by_id = {h["id"]: h for h in HOOKS}
    assert set(by_id) == {"rollback-gate", "rollback-gate-validate"}
    assert by_id["rollback-gate"]["entry"] == "rollback-gate check"
    assert by_id["rollback-gate-validate"]["entry"] == "rollback-gate validate"
    # The files pre-commit passes find the config (a monorepo has one per service).
    assert all(h["pass_filenames"] is True for h in HOOKS)
    pattern = re.compile(by_id["rollback-gate-validate"]["files"])
    for path in (
        "deploy-readiness.yml",
        "svc/deploy-readiness.yaml",
        ".github/deploy-readiness.yml",
    ):
        assert pattern.search(path), path
    assert not pattern.search("docs/deploy-readiness.md")


@pytest.mark.parametrize("hook_id", ["rollback-gate-validate", "rollback-gate"])
def test_entry_runs_on_an_example_repository(hook_id: str, tmp_path: Path) -> None:
    if not (EXAMPLE / "deploy-readiness.yml").is_file():
        pytest.skip(f"example repository {EXAMPLE} not found")
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "example")
    entry = shlex.split(next(h["entry"] for h in HOOKS if h["id"] == hook_id))
    assert entry[0] == "rollback-gate"  # the console script of pyproject.toml
    cmd = [sys.executable, "-m", "rollback_gate", *entry[1:], "deploy-readiness.yml"]
    ok = subprocess.run(cmd, cwd=repo, env=clean_env(), capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (repo / "deploy-readiness.yml").write_text("version: 1\npolicy: {fail_on: P7}\n")
    bad = subprocess.run(cmd, cwd=repo, env=clean_env(), capture_output=True, text=True)
    assert bad.returncode == 2, bad.stdout + bad.stderr
