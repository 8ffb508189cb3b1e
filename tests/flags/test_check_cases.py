"""Runs the repository cases of the ``flags`` and ``monitoring`` items.

A case is a folder under tests/data/flags/repos/ or tests/data/monitor/repos/ holding the
files of a repository plus ``case.yml``::

    description: what the case shows
    config: |            # deploy-readiness.yml
      version: 1
    change:              # optional: a second commit; the diff runs from the first one
      src/checkout/pay.py: "print('new')"
    now: 2026-06-01      # optional: the run's date (commits are dated 2026-01-15)
    expect:              # exactly these findings (line optional), order irrelevant
      - {rule: RG302, path: flags/flags.flagd.json, line: 4}
    notes: [RG305]       # optional: substrings that must appear in the report notes

An empty ``expect`` asserts that the case produces no finding (a false-positive trap).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from rollback_gate.checks import load
from rollback_gate.gate import CheckOptions, prepare

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = sorted(p.parent for p in DATA.glob("*/repos/*/case.yml"))
ITEMS = {"flags": "flags", "monitor": "monitoring"}


def _ids(case: Path) -> str:
    return f"{case.parents[1].name}/{case.name}"


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_case(case: Path, git_repo: Any) -> None:
    spec: dict[str, Any] = yaml.safe_load((case / "case.yml").read_text())
    root: Path = git_repo.root
    for src in case.rglob("*"):
        if src.is_file() and src.name != "case.yml":
            dest = root / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dest)
    (root / "deploy-readiness.yml").write_text(spec["config"])
    base = git_repo.commit("initial")
    if spec.get("change"):
        git_repo.commit("change", spec["change"])
    now = dt.datetime.combine(spec.get("now", dt.date(2026, 1, 16)), dt.time(), dt.timezone.utc)
    ctx = prepare(CheckOptions(repo=root, base=base if spec.get("change") else None, now=now))
    check, applies = load(spec.get("item", ITEMS[case.parents[1].name]))
    findings = list(check(ctx))
    got = sorted((f.rule, f.path, f.line) for f in findings)
    expected = spec.get("expect") or []
    exact = sorted((e["rule"], e["path"], e["line"]) for e in expected if "line" in e)
    assert sorted(g for g in got if (g[0], g[1]) in {(w[0], w[1]) for w in exact}) == exact, (
        "\n".join(f"{f.rule} {f.path}:{f.line} {f.message}" for f in findings)
    )
    assert sorted(g[:2] for g in got) == sorted((e["rule"], e["path"]) for e in expected), (
        "\n".join(f"{f.rule} {f.path}:{f.line} {f.message}" for f in findings)
    )
    for finding in findings:
        assert finding.message and finding.key
    for note in spec.get("notes", []):
        assert any(note in n for n in ctx.notes), ctx.notes
    assert applies(ctx) == spec.get("applies", True)
