"""Runs every definitions case under tests/data/flags/definitions/*.yml.

A case names the ``provider`` (and ``environment``), holds the ``definitions`` text, the exact
RG307 ``problems`` expected (JSON path and line), and for some flags the fields of the
common model that must come out (only the listed fields are compared).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from rollback_gate.flagdefs import parser

DATA = Path(__file__).parent.parent / "data" / "flags" / "definitions"
CASES = sorted(DATA.glob("*.yml"))


def load_case(path: Path) -> dict[str, Any]:
    case: dict[str, Any] = yaml.safe_load(path.read_text())
    return case


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file: Path) -> None:
    case = load_case(case_file)
    parse = parser(case["provider"])
    assert parse is not None
    defs = parse(case["definitions"], "flags.json", case.get("environment"))
    got = sorted((p.json_path, p.line) for p in defs.problems)
    want = sorted((p["path"], p["line"]) for p in case["problems"])
    assert got == want, [p.message for p in defs.problems]
    for message in (p.message for p in defs.problems):
        assert message and "Traceback" not in message
    for key, fields in case["flags"].items():
        assert key in defs.flags, f"flag {key} not read"
        state = defs.flags[key]
        for name, value in fields.items():
            got_value = defs.line_of(key) if name == "line" else getattr(state, name)
            assert got_value == value, f"{key}.{name}: {got_value!r}"
    if not case["flags"]:
        assert not defs.flags


def test_every_case_checks_something() -> None:
    assert len(CASES) >= 10
    for path in CASES:
        case = load_case(path)
        assert case["problems"] or case["flags"], path.name


def test_unknown_provider_has_no_parser() -> None:
    assert parser("launchdarkly") is None


def test_unleash_without_environment_says_which_to_choose() -> None:
    text = (DATA / "unleash-export.yml").read_text()
    case = yaml.safe_load(text)
    parse = parser("unleash")
    assert parse is not None
    defs = parse(case["definitions"], "u.json", None)
    assert defs.flags["everyone"].default_on is None  # not guessed
    assert len(defs.notes) == 1 and "development, production" in defs.notes[0]
