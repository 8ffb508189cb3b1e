"""Run the real gate on every bundled example and check its verdict and findings.

Each folder under examples/ with a deploy-readiness.yml is a repository of its own for
the gate (its root is the example folder inside the rollback-gate clone). The table
below is what each one is meant to show; a new example must add a row.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


class Expected(NamedTuple):
    """The exit code, and the rule ids reported unwaived and waived."""

    exit_code: int
    findings: frozenset[str]
    waived: frozenset[str] = frozenset()


EXPECTED: dict[str, Expected] = {
    "checkout-service": Expected(0, frozenset({"RG403"}), frozenset({"RG203"})),
    "rails-storefront": Expected(0, frozenset({"RG403", "RG406"}), frozenset({"RG203"})),
    "go-inventory": Expected(0, frozenset({"RG224", "RG302"})),
    "node-notifications": Expected(0, frozenset({"RG403"})),
    "legacy-billing": Expected(1, frozenset({"RG200", "RG201", "RG203"})),
}

# Variables that would make the gate read a CI event or write a job summary.
_CI_PREFIXES = ("GITHUB_", "GITLAB_", "CI_", "GIT_", "ROLLBACK_GATE_")


def _examples() -> list[str]:
    return sorted(p.parent.name for p in EXAMPLES.glob("*/deploy-readiness.yml"))


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(_CI_PREFIXES)}
    env.pop("CI", None)
    env["NO_COLOR"] = "1"
    # Drill records age and waivers expire: pin the date so the verdicts are stable.
    env["ROLLBACK_GATE_NOW"] = "2026-12-01T00:00:00Z"
    return env


def test_every_example_has_expectations() -> None:
    assert _examples(), "no example with a deploy-readiness.yml found"
    assert set(_examples()) == set(EXPECTED)


@pytest.mark.parametrize("name", _examples())
def test_example_verdict(name: str, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    report_file = tmp_path / "report.json"
    # --base HEAD: the committed example is the release; nothing is "changed" by this run.
    command = [sys.executable, "-m", "rollback_gate", "check", "--repo", str(EXAMPLES / name)]
    command += ["--base", "HEAD", "--format", "text", "--format", f"json:{report_file}"]
    proc = subprocess.run(
        command,
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == expected.exit_code, output
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["format"] == "rollback-gate.report/v1"
    assert report["passed"] is (expected.exit_code == 0), output
    unwaived = {f["rule"] for f in report["findings"] if not f["waived"]}
    waived = {f["rule"] for f in report["findings"] if f["waived"]}
    assert unwaived == expected.findings, output
    assert waived == expected.waived, output
