"""Every input is processed in time linear in its size (issue 11, "Stalls").

Long pathological inputs (blank lines, runs of one character, a keyword repeated without
its closing token) go to every parser and to the regexes that broke before. Budgets are
generous (seconds for inputs that take milliseconds when linear and minutes when not),
so the tests do not flake on a busy machine.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pathological import MIGRATIONS, UNITS, blob

from rollback_gate.migrations import load, treesitter
from rollback_gate.migrations.base import MemorySource

SIZE = 64 * 1024  # quadratic code takes tens of seconds here; benchmarks/fuzz.py goes larger
BUDGET_S = 4.0


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@pytest.mark.parametrize("framework", sorted(MIGRATIONS))
def test_migration_analysers_stay_linear(framework: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # tree-sitter's own error recovery is superlinear; its budget is what bounds it.
    monkeypatch.setattr(treesitter, "BUDGET_S", 0.5)
    monkeypatch.setattr(treesitter, "BUDGET_S_PER_MIB", 1.0)
    analyser = load(framework)
    slow = []
    for unit in UNITS:
        text = blob(unit, SIZE)
        files: dict[str, str | bytes] = {
            p: t.replace("{X}", text) for p, t in MIGRATIONS[framework].items()
        }
        source = MemorySource(files)

        def run(files: dict[str, str | bytes] = files, source: MemorySource = source) -> None:
            for m in analyser.discover(sorted(files), source):
                # The engine reports RG205 on a timeout; being cancelled in time is the point.
                with contextlib.suppress(treesitter.ParseTimeout):
                    list(analyser.analyse(m, source))

        took = _timed(run)
        if took > BUDGET_S:
            slow.append((unit, round(took, 1)))
    assert slow == []


def test_errexit_search_on_blank_lines() -> None:
    from rollback_gate.checks.plan import _ERREXIT

    assert _timed(lambda: _ERREXIT.search("#!/bin/sh\n" + "\n" * 2_000_000)) < 1.0
    assert _timed(lambda: _ERREXIT.search(" \t\n" * 500_000)) < 1.0
    assert _ERREXIT.search("#!/bin/bash\n\n  set -euo pipefail\n")
    assert _ERREXIT.search("set -o errexit\n")
    assert not _ERREXIT.search("echo set -e\n")


def test_kotlin_superclass_search() -> None:
    from rollback_gate.migrations.liquibase.refs import custom_rollback

    files: dict[str, str | bytes] = {
        "src/main/kotlin/a/Big.kt": "package a\n" + "class a " * 200_000,
        "src/main/kotlin/a/Ok.kt": "package a\nclass Ok(x: Int) : Base(x) {}\n",
        "src/main/kotlin/a/Base.kt": "package a\nclass Base : CustomTaskRollback {}\n",
    }
    source = MemorySource(files)
    assert _timed(lambda: custom_rollback(source, "db.changelog.xml", "a.Big")) < BUDGET_S
    assert custom_rollback(source, "db.changelog.xml", "a.Ok") is True


def test_markdown_code_spans() -> None:
    from rollback_gate.formats.markdown import text

    for unit in ("`", "`a", "``a`"):
        value = blob(unit, 256 * 1024)
        assert _timed(lambda value=value: text(value)) < BUDGET_S
    assert text("drop `orders.note` and ``a`b``") == "drop `orders.note` and ``a`b``"


def test_globs_with_many_wildcards() -> None:
    from rollback_gate.tree import matches

    assert _timed(lambda: matches("a" * 250, "*a" * 12 + "*b")) < 1.0
    assert _timed(lambda: matches("a/" * 2000 + "x", "**/a/" * 12 + "**/b")) < 1.0
    assert matches("a" * 25 + "b", "*a" * 12 + "*b")
    assert matches("deploy/x/y/app.yaml", "deploy/**/*.yaml")
    assert matches("db/migrations/0001.sql", "db/migrations")
    assert not matches("db/migrationsX/0001.sql", "db/migrations")


def test_promql_regex_matchers_from_the_repository() -> None:
    from rollback_gate.monitor.promql import _full_match

    assert _timed(lambda: _full_match("(a|aa)+b", "a" * 40)) < 2.0
    assert _full_match("check.*", "checkout-api")


def test_config_loader_on_long_inputs() -> None:
    from rollback_gate.config.loader import parse
    from rollback_gate.errors import ConfigError

    for unit in ("\n", " ", "a", "- ", "[", "{", "'", "version: 1\n", "#"):
        text = "version: 1\nservice: " + blob(unit, 900_000)

        def run(text: str = text) -> None:
            with contextlib.suppress(ConfigError):
                parse(text)

        assert _timed(run) < BUDGET_S, unit


@pytest.mark.parametrize("provider", ["flagd", "unleash", "growthbook"])
def test_flag_definitions_on_long_inputs(provider: str) -> None:
    from rollback_gate.flagdefs import parser

    parse = parser(provider)
    assert parse is not None
    for unit in ('"', "[", "{", " ", "\n", '{"a":', "1"):
        text = blob(unit, 1_000_000)
        assert _timed(lambda text=text: parse(text, "flags.json", "production")) < BUDGET_S


def test_monitoring_files_on_long_inputs(tmp_path: Path) -> None:
    from rollback_gate.monitor.dashboards import check_dashboard
    from rollback_gate.monitor.prometheus import check_file
    from rollback_gate.tree import Tree

    for unit in ("\n", " ", "- alert: a\n", "expr: (", "{", '"', "a"):
        text = blob(unit, 256 * 1024)
        assert _timed(lambda text=text: check_file("alerts.yml", text)) < BUDGET_S, unit
        (tmp_path / "d.json").write_text(text)
        tree = Tree(tmp_path, use_git=False)
        assert _timed(lambda tree=tree: check_dashboard(tree, "d.json")) < BUDGET_S, unit
