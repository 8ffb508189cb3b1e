"""The README and the committed schema stay true to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rollback_gate.config.schema import SCHEMA
from rollback_gate.rules import RULES

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()


def _shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, re.S)


def test_first_two_commands_are_setup_and_tests() -> None:
    first, second = (block.strip() for block in _shell_blocks()[:2])
    assert "rollback-gate check --repo examples/" in first
    assert "pytest" in second


def test_ci_runs_the_readme_test_command() -> None:
    second = _shell_blocks()[1].strip()
    test_command = second.split("&&", 1)[1].strip()  # after the install step
    assert test_command in (ROOT / ".ci" / "run").read_text()


def test_ci_runs_the_readme_commands_in_a_fresh_venv() -> None:
    # CI installs globally too; a user's venv must work as well (a child venv inside a venv
    # once saw the wrong packages), so CI repeats both commands' installs in a new venv.
    first, second = (block.strip() for block in _shell_blocks()[:2])
    ci = (ROOT / ".ci" / "run").read_text()
    venv_part = ci.split("-m venv", 1)[1] if "-m venv" in ci else ""
    assert first in venv_part, "the README's first command, in the venv"
    assert second.split("&&", 1)[0].strip() in venv_part, "the test extra, in the venv"
    assert "python -m pytest" in venv_part


def test_every_rule_is_documented_in_the_readme() -> None:
    for rule in RULES.values():
        assert re.search(
            rf"\| {rule.id} \| `{rule.name}` \| {rule.item} \| "
            rf"{rule.severity.value} \|",
            README,
        ), rule.id


def test_committed_schema_is_current() -> None:
    committed = json.loads((ROOT / "docs" / "deploy-readiness.schema.json").read_text())
    assert committed == json.loads(json.dumps(SCHEMA)), (
        "run `rollback-gate schema > docs/deploy-readiness.schema.json`"
    )


def test_linked_docs_exist() -> None:
    for link in re.findall(r"\]\((docs/[^)]+)\)", README):
        assert (ROOT / link).is_file(), link


def test_readme_refers_only_to_files_in_the_repository() -> None:
    # A clone of the repository alone must have every file the README points at.
    targets = re.findall(r"\]\(([^)#]+)\)", README) + re.findall(r"`(\.\./[^`]+)`", README)
    for target in targets:
        if re.match(r"[a-z]+://", target):
            continue
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT.resolve()), f"{target} is outside the repository"
        assert path.exists(), target


def test_tests_do_not_reach_outside_the_repository() -> None:
    # The suite must run (and not skip) on a clone alone: no test reads ../shared or beside.
    for path in (ROOT / "tests").rglob("*.py"):
        if path.name == "test_readme.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert '"shared"' not in text and "../shared" not in text, path
