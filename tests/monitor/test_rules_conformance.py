"""Rule-file structure: the tool agrees with promtool's verdict and the official schema.

tests/data/monitor/rule-structure.yml lists snippets with promtool's verdict; the tool must
match it, and SchemaStore's prometheus.rules.json (copied to tests/data/schemas/) must agree
too, so the snippets themselves are known to be right.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from rollback_gate.monitor.prometheus import check_file

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "tests" / "data" / "schemas" / "prometheus.rules.json"
SNIPPETS: list[dict[str, Any]] = yaml.safe_load(
    (ROOT / "tests" / "data" / "monitor" / "rule-structure.yml").read_text()
)


def _invalid(text: str) -> list[str]:
    return [f.message for f in check_file("rules.yml", text).findings if f.rule == "RG401"]


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s["name"] for s in SNIPPETS])
def test_tool_verdict(snippet: dict[str, Any]) -> None:
    problems = _invalid(snippet["text"])
    assert (not problems) == snippet["valid"], problems


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s["name"] for s in SNIPPETS])
def test_schema_verdict(snippet: dict[str, Any]) -> None:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text()))
    assert validator.is_valid(yaml.safe_load(snippet["text"])) == snippet["valid"]
