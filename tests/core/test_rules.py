"""The rule catalog is complete, documented, and agrees with the README's rule table.

The README's table is the repository's own copy of the public contract's rule table (SPEC.md,
contract 1.1): ids, names, items and default severities are compared with it here, and it is
kept in step with SPEC by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rollback_gate.catalog import explain_rule, rules_table
from rollback_gate.models import ITEMS
from rollback_gate.rules import RULES, lookup, suggest

PACKAGE = Path(__file__).resolve().parents[2] / "rollback_gate"
README = Path(__file__).resolve().parents[2] / "README.md"


def _ids_in_code() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for rule in re.findall(r"""["'](RG\d{3})\b""", path.read_text(encoding="utf-8")):
            found.setdefault(rule, str(path.relative_to(PACKAGE)))
    return found


def test_every_rule_id_in_the_code_is_in_the_catalog() -> None:
    found = _ids_in_code()
    assert len(found) >= 30, "the scan found too few rule ids: is the pattern broken?"
    missing = {rule: where for rule, where in found.items() if rule not in RULES}
    assert missing == {}


@pytest.mark.parametrize("rule_id", list(RULES))
def test_rule_is_documented(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.id == rule_id and re.fullmatch(r"RG\d{3}", rule.id)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), rule.name
    assert rule.item in (*ITEMS, "waivers")
    for text in (rule.summary, rule.why, rule.fix):
        assert len(text) >= 15 and text.rstrip().endswith((".", ")")), text
    assert rule.before and rule.after and rule.before != rule.after
    explained = explain_rule(rule_id)
    for part in ("Why it matters", "How to fix", "Before", "After", rule.name):
        assert part in explained


def test_names_are_unique_and_resolve() -> None:
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))
    for rule in RULES.values():
        assert lookup(rule.name) is rule and lookup(rule.id.lower()) is rule


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("RG2O1", "RG201"),
        ("rg2o1", "RG201"),
        ("RG1O5", "RG105"),
        ("RG2011", "RG201"),
        ("migration-noop-reversl", "migration-noop-reversal"),
        ("Rollback-Untested", "rollback-untested"),
        ("something-else-entirely", None),
    ],
)
def test_did_you_mean(typo: str, expected: str | None) -> None:
    assert suggest(typo) == expected


def test_rules_table_lists_every_rule() -> None:
    lines = rules_table().splitlines()
    assert len(lines) == len(RULES) + 1
    assert [line.split()[0] for line in lines[1:]] == list(RULES)


def _readme_table() -> dict[str, tuple[str, str, str]]:
    rows = re.findall(
        r"^\|\s*(RG\d{3})\s*\|\s*`([a-z-]+)`\s*\|\s*([a-z]+)\s*\|\s*(P[0-3])\s*\|",
        README.read_text(encoding="utf-8"),
        re.M,
    )
    assert rows, "no rule table in README.md"
    return {rid: (name, item, sev) for rid, name, item, sev in rows}


def test_catalog_matches_readme_table() -> None:
    table = _readme_table()
    ours = {r.id: (r.name, r.item, r.severity.value) for r in RULES.values()}
    assert sorted(ours) == sorted(table)
    assert ours == table


def test_contract_1_1_rules_are_in_the_catalog() -> None:
    """Contract 1.1 added these ids and moved RG205 to P1 (fail closed on the unreadable)."""
    for rid in ("RG122", "RG220", "RG221", "RG222", "RG223", "RG224", "RG225", "RG903", "RG904"):
        assert rid in RULES
    assert RULES["RG205"].severity.value == "P1"
    assert {RULES[r].item for r in ("RG900", "RG901", "RG902", "RG903", "RG904")} == {"waivers"}
