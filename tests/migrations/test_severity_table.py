"""Walks the table of docs/severity-by-situation.md: the same situation, the same severity.

Each row of the table is a framework, each column a situation; a cell names the findings
(rule and severity) that framework must give, ``none`` for no finding, or ``n/a`` with the
reason the framework cannot express the situation. The migrations that stand for each
situation are in tests/data/severity/<framework>.yml (one minimal migration per situation).
The test reads the table from the document itself, so the document cannot drift from the
code: a framework that deviates, or a cell that disagrees with its neighbours, fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from rollback_gate.migrations import FRAMEWORKS, load
from rollback_gate.migrations.base import MemorySource
from rollback_gate.rules import RULES

ROOT = Path(__file__).parent.parent.parent
DOC = ROOT / "docs" / "severity-by-situation.md"
DATA = Path(__file__).parent.parent / "data" / "severity"
SITUATIONS = ("a", "b", "c", "d", "e", "f")
# Cells the document marks with † (a known deviation from contract 1.1). Pinned here so a
# new deviation cannot be added by marking it in the document alone.
KNOWN_DEVIATIONS = {("django", s) for s in ("a", "b", "c", "d", "f")}
_CELL = re.compile(r"(RG\d{3}) (P[0-3])")


def _table() -> dict[str, dict[str, str]]:
    """framework → situation → cell text, from the first table whose header starts with
    ``framework``."""
    rows: dict[str, dict[str, str]] = {}
    header: list[str] = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if not header:
            if cells[0].lower() == "framework":
                header = [c.split()[0].strip("()") for c in cells[1:]]
            continue
        if set(cells[0]) <= set("-: "):
            continue
        rows[cells[0]] = dict(zip(header, cells[1:], strict=True))
    return rows


TABLE = _table()
PARAMS = [(fw, s) for fw in sorted(TABLE) for s in SITUATIONS]


def _expected(cell: str) -> set[tuple[str, str]] | None:
    """The (rule, severity) pairs a cell promises; None for n/a."""
    cell = cell.replace("†", "").strip()
    if cell.lower().startswith("n/a"):
        return None
    if cell.lower() == "none":
        return set()
    found = set(_CELL.findall(cell))
    assert found, f"cannot read table cell {cell!r}"
    return found


def test_table_covers_every_framework_and_situation() -> None:
    assert set(TABLE) == set(FRAMEWORKS), sorted(set(TABLE) ^ set(FRAMEWORKS))
    for framework, row in TABLE.items():
        assert tuple(row) == SITUATIONS, framework


def test_same_situation_same_severity_everywhere() -> None:
    """The contract: every framework that can express a situation gives the same cell,
    except the deviations the document marks with † and this test pins."""
    marked = {(fw, s) for fw, row in TABLE.items() for s, cell in row.items() if "†" in cell}
    assert marked == KNOWN_DEVIATIONS
    for situation in SITUATIONS:
        cells = {_frozen(TABLE[fw][situation]) for fw in TABLE if (fw, situation) not in marked}
        cells.discard(None)
        assert len(cells) == 1, f"situation {situation}: {cells}"


def _frozen(cell: str) -> frozenset[tuple[str, str]] | None:
    expected = _expected(cell)
    return None if expected is None else frozenset(expected)


@pytest.mark.parametrize(("framework", "situation"), PARAMS, ids=[f"{f}-{s}" for f, s in PARAMS])
def test_framework_gives_table_severity(framework: str, situation: str) -> None:
    cell = TABLE[framework][situation]
    expected = _expected(cell)
    if expected is None:
        pytest.skip(f"{framework} cannot express situation {situation}: {cell}")
    cases = yaml.safe_load((DATA / f"{framework}.yml").read_text(encoding="utf-8"))
    files: dict[str, str | bytes] = dict(cases[situation])
    fw = load(framework)
    source = MemorySource(files)
    migrations = fw.discover(sorted(files), source)
    assert migrations, f"{framework}: no migration discovered in {sorted(files)}"
    findings = [f for m in migrations for f in fw.analyse(m, source)]
    got = {
        (f.rule, (f.severity or RULES[f.rule].severity).name)
        for f in findings
        if f.rule in {"RG200", "RG201", "RG202", "RG203"}
    }
    assert got == expected, f"{framework} situation {situation}: {sorted(got)}"
