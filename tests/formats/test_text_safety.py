"""Text output never passes control characters from the repository through (issue 11)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from rollback_gate.safetext import printable

HOSTILE = '"a\\e[2J\\a\\0b\\n::error::pwned\\rPASSED\\u202e"'
CONFIG = f"""version: 1
service: {HOSTILE}
rollback:
  strategy: script
  script: "scripts/a\\e[2J\\n::error::x.sh"
waivers:
  - rule: RG400
    reason: {HOSTILE}
    owner: {HOSTILE}
    expires: 2099-01-01
"""


def _clean(out: str) -> None:
    for line in out.splitlines():
        assert not line.startswith("::"), line
        assert not line.startswith("PASSED"), line
        bad = [c for c in line if (ord(c) < 0x20 and c != "\t") or 0x7F <= ord(c) <= 0x9F]
        assert bad == [], (line, bad)
        assert "\u202e" not in line


def test_printable() -> None:
    assert printable("a\x1b[2J\x07\x00b\n::error::x\r\u202e\tok") == (
        "a\\x1b[2J\\x07\\x00b\\n::error::x\\r\\u202e\tok"
    )
    assert printable("plain ascii and ünïcode") == "plain ascii and ünïcode"


def test_check_text_output_and_errors_are_inert(git_repo: Any) -> None:
    git_repo.commit("c", {"deploy-readiness.yml": CONFIG})
    done = subprocess.run(
        [sys.executable, "-m", "rollback_gate", "check", "--repo", str(git_repo.root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    assert "\\x1b[2J" in done.stdout  # shown, escaped
    _clean(done.stdout)
    _clean(done.stderr)


def test_config_error_messages_are_inert(git_repo: Any) -> None:
    git_repo.commit("c", {"deploy-readiness.yml": CONFIG + 'bogus_key: "\\e]0;x\\a"\n'})
    done = subprocess.run(
        [sys.executable, "-m", "rollback_gate", "check", "--repo", str(git_repo.root)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    _clean(done.stderr)
