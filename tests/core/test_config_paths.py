"""Config paths the file system cannot hold are configuration errors at their line (exit 2)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("scripts/" + "a" * 256 + ".sh", "is 259 bytes; a file name is at most 255 bytes"),
        ("scripts/" + "é" * 128, "is 256 bytes"),
        ('"scripts/a\\0b.sh"', "cannot contain a NUL character"),
    ],
)
def test_unusable_path_is_exit_2_at_its_line(git_repo: Any, script: str, message: str) -> None:
    config = f"version: 1\nrollback:\n  strategy: script\n  script: {script}\n"
    git_repo.commit("c", {"deploy-readiness.yml": config})
    done = subprocess.run(
        [sys.executable, "-m", "rollback_gate", "check", "--repo", str(git_repo.root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert "deploy-readiness.yml:4:" in done.stderr
    assert message in done.stderr
