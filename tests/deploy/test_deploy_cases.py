"""RG120 and RG122 through the ``plan`` check, one case per entry of
tests/data/plan/deploy-cases.yml (positives and traps for every format)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rollback_gate.checks import plan
from rollback_gate.gate import CheckOptions, prepare

DATA = Path(__file__).resolve().parents[1] / "data" / "plan" / "deploy-cases.yml"
CASES: list[dict[str, Any]] = yaml.safe_load(DATA.read_text())
CONFIG = "version: 1\nservice: api\nrollback:\n  strategy: helm\n  runbook: rb.md\n"


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any], tmp_path: Path) -> None:
    globs = case.get("manifests", ["deploy/**"])
    config = CONFIG + (f"  manifests: {globs!r}\n" if globs else "")
    files = {"deploy-readiness.yml": config, "rb.md": "# Rollback\n", **case["files"]}
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    ctx = prepare(CheckOptions(repo=tmp_path))
    findings = [f for f in plan.check(ctx) if f.rule in ("RG120", "RG122")]
    shown = "\n".join(f"{f.rule} {f.path}:{f.line} {f.message}" for f in findings)
    got = sorted((f.rule, f.path, f.line) for f in findings)
    assert got == sorted((r, p, n) for r, p, n, _ in case["expect"]), shown
    for rule, path, line, fragment in case["expect"]:
        assert any(
            (f.rule, f.path, f.line) == (rule, path, line) and fragment in f.message
            for f in findings
        ), f"{fragment!r} not in:\n{shown}"
    for finding in findings:
        assert finding.fix and finding.key
    for note in case.get("notes", []):
        assert any(note in n for n in ctx.notes), ctx.notes
