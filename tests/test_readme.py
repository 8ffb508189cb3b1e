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
