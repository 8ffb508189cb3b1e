"""Runs every migration case under tests/data/migrations/<framework>/<case>/.

A case is a folder of migration files plus ``case.yml``::

    description: downgrade() is pass while upgrade() adds a column
    migrations: 1            # optional: how many migrations discover() must find
    expect:                  # exactly these findings (line optional), order irrelevant
      - {rule: RG201, path: versions/ab12_add_note.py, line: 14}

An empty ``expect`` asserts that the case produces no finding at all (a false-positive trap).
An entry may add ``severity: P2`` when the analyser sets the finding's severity itself (a
data-only change is P2, below the default ``fail_on``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rollback_gate.checks import migrations as engine
from rollback_gate.migrations import FRAMEWORKS, load
from rollback_gate.migrations.base import MemorySource
from rollback_gate.migrations.liquibase.compat import SAME_CHANGELOG
from rollback_gate.migrations.sqlengine.compat import REBUILT
from rollback_gate.migrations.sqlengine.model import MAYBE_WIDER
from rollback_gate.results import pool
from rollback_gate.tree import Tree

DATA = Path(__file__).parent.parent / "data" / "migrations"
CASES = sorted(p.parent for p in DATA.glob("*/*/case.yml"))


def _files(case: Path) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for p in sorted(case.rglob("*")):
        if p.is_file() and p.name != "case.yml":
            files[p.relative_to(case).as_posix()] = p.read_bytes()
    return files


def _run(case: Path) -> tuple[int, list[Any]]:
    spec = yaml.safe_load((case / "case.yml").read_text())
    framework = load(spec.get("framework", case.parent.name))
    files = _files(case)
    source = MemorySource(files)
    migrations = framework.discover(sorted(files), source)
    findings = [f for m in migrations for f in framework.analyse(m, source)]
    # Drops whose data was copied out first are the RG225 question's input, never reported
    # (checks.dropped leaves them out), and so are tables made again (the earlier files'
    # question, checks.history.rebuilt), and Liquibase findings an earlier changeSet of
    # the file excuses (git's question, checks.history.liquibase.samelog), and type changes
    # that may be widenings (the earlier files' question, checks.history.retyped, which
    # drops those they do not settle): the reported findings are what the cases pin.
    reported = [
        f for f in findings
        if not (f.rule == "RG203" and (":moved_" in f.key or ":rebuilt_" in f.key))
        and SAME_CHANGELOG not in f.key
        and MAYBE_WIDER not in f.message
        and REBUILT not in f.message  # (settled by the earlier files: checks.history.redrawn)
    ]  # fmt: skip
    return len(migrations), reported


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_case(case: Path) -> None:
    spec = yaml.safe_load((case / "case.yml").read_text())
    count, findings = _run(case)
    if "migrations" in spec:
        assert count == spec["migrations"], f"discovered {count} migrations"
    got = sorted((f.rule, f.path, f.line) for f in findings)
    expected = spec.get("expect") or []
    want_exact = sorted(
        (e["rule"], e["path"], e.get("line")) for e in expected if e.get("line") is not None
    )
    got_exact = sorted(g for g in got if (g[0], g[1]) in {(w[0], w[1]) for w in want_exact})
    assert got_exact == want_exact, f"findings: {got}"
    want_loose = sorted((e["rule"], e["path"]) for e in expected)
    assert sorted((g[0], g[1]) for g in got) == want_loose, f"findings: {got}"
    for e in expected:
        if "message" in e:  # a text one of the rule's findings there holds
            said = [f.message for f in findings if (f.rule, f.path) == (e["rule"], e["path"])]
            assert any(e["message"] in m for m in said), f"{e['rule']} messages: {said}"
        if "severity" in e:
            got_sev = [
                f.severity.name if f.severity is not None else "default"
                for f in findings
                if (f.rule, f.path) == (e["rule"], e["path"])
            ]
            assert e["severity"] in got_sev, f"{e['rule']} severities: {got_sev}"
    for f in findings:
        assert f.message.strip(), "every finding needs a message"
        assert f.path is not None


def test_every_framework_has_cases() -> None:
    with_cases = {c.parent.name for c in CASES}
    assert set(FRAMEWORKS) <= with_cases, sorted(set(FRAMEWORKS) - with_cases)


@pytest.mark.parametrize("case", CASES, ids=[f"{c.parent.name}/{c.name}" for c in CASES])
def test_a_recorded_analysis_finds_the_same(case: Path, tmp_path: Path) -> None:
    """With the result cache on, each migration is analysed through a Source that records
    its reads (one per migration, or one shared per framework): the findings must be those
    of a plain analysis. (Ecto's history once went missing that way: no narrowing found
    from an earlier migration whenever the cache was on.)"""
    spec = yaml.safe_load((case / "case.yml").read_text())
    name = spec.get("framework", case.parent.name)
    for rel, data in _files(case).items():
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data if isinstance(data, bytes) else data.encode())
    tree = Tree(tmp_path, use_git=False)
    jobs = [(name, m) for m in load(name).discover(sorted(tree.files), tree)]

    def seen(record: bool) -> list[tuple[str, str | None, int | None, str]]:
        outcomes, _, _ = pool.analyse_chunk(jobs, tree, engine.analyse_one, record)
        return [(f.rule, f.path, f.line, f.message) for o in outcomes for f in o.findings]

    assert seen(True) == seen(False)
