"""Conformance with the official flagd schema (a copy in tests/data/schemas/flagd/).

The schema is not bundled with the tool; these tests prove that the hand-written validator
in ``rollback_gate.flagdefs.flagd`` agrees with it: the official example is valid, the two
official negative fixtures are rejected, and every flagd case in tests/data that the schema
rejects is rejected by the tool too (with ``schema_valid`` recording the schema's verdict).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import referencing
import yaml

from rollback_gate.flagdefs import flagd

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "data" / "schemas" / "flagd"
CASES = sorted((ROOT / "tests" / "data" / "flags" / "definitions").glob("flagd-*.yml"))


def _validator() -> Any:
    flags = json.loads((SCHEMAS / "flags.json").read_text())
    targeting = json.loads((SCHEMAS / "targeting.json").read_text())
    registry = referencing.Registry().with_resources(
        [
            (flags["$id"], referencing.Resource.from_contents(flags)),
            (targeting["$id"], referencing.Resource.from_contents(targeting)),
        ]
    )
    # Draft 7 ignores the siblings of a root `$ref`, `$id` included, so the relative
    # ./targeting.json only resolves when validation enters the schema through its $id.
    return jsonschema.Draft7Validator({"$ref": flags["$id"]}, registry=registry)


def _schema_ok(text: str) -> bool:
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return bool(_validator().is_valid(data))


def test_official_example_is_valid() -> None:
    text = (SCHEMAS / "example.flagd.json").read_text()
    assert _schema_ok(text)
    defs = flagd.parse(text, "example.flagd.json")
    assert defs.problems == []
    assert len(defs.flags) == 8


@pytest.mark.parametrize("name", ["missing-variants.json", "state-set-incorrectly.json"])
def test_official_negative_fixtures_are_rejected(name: str) -> None:
    text = (SCHEMAS / name).read_text()
    assert not _schema_ok(text)
    defs = flagd.parse(text, name)
    assert defs.problems, "the tool accepted a file the official schema rejects"
    assert all(p.line is not None for p in defs.problems)


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case_verdict_agrees_with_schema(case_file: Path) -> None:
    case = yaml.safe_load(case_file.read_text())
    schema_ok = _schema_ok(case["definitions"])
    assert schema_ok == case["schema_valid"], "schema_valid in the case is wrong"
    ours_ok = not flagd.parse(case["definitions"], "f.json").problems
    if not schema_ok:
        assert not ours_ok, "the official schema rejects this file but the tool accepts it"
