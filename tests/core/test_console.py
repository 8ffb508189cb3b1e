"""The console's encoding never changes the verdict (cp1252/cp437 consoles, redirects)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "go-inventory"


def _gate(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "CI"))}
    env.update(PYTHONIOENCODING=encoding, NO_COLOR="1", ROLLBACK_GATE_NOW="2026-12-01T00:00:00Z")
    command = [sys.executable, "-m", "rollback_gate", "check", "--repo", str(EXAMPLE)]
    return subprocess.run([*command, "--base", "HEAD", *args], env=env, capture_output=True)


@pytest.mark.parametrize("encoding", ["cp1252", "cp437"])
def test_text_report_on_a_narrow_console(encoding: str) -> None:
    done = _gate(encoding)
    assert done.returncode == 0, done.stderr.decode(encoding, "replace")
    out = done.stdout.decode(encoding)
    assert "plan" in out and "PASSED" in out
    assert "\\u2713" in out  # ✓ escaped, not a UnicodeEncodeError


def test_json_report_stays_valid_json_on_a_narrow_console() -> None:
    done = _gate("cp437", "--format", "json")
    assert done.returncode == 0, done.stderr.decode("cp437", "replace")
    assert json.loads(done.stdout.decode("cp437"))["passed"] is True
