"""SARIF: golden file, schema validity, rule catalog, fingerprints, suppressions."""

from __future__ import annotations

import dataclasses
import json

from canonical_report import assert_golden, canonical, passing, schema_validator

from rollback_gate.formats import render, sarif
from rollback_gate.rules import RULES


def _log(report=None):  # type: ignore[no-untyped-def]
    return json.loads(sarif.render(report or canonical()))


def test_golden() -> None:
    assert_golden("canonical.sarif", render("sarif", canonical()))


def test_validates_against_sarif_schema() -> None:
    validator = schema_validator("sarif-2.1.0.json")
    for report in (canonical(), passing()):
        errors = sorted(validator.iter_errors(_log(report)), key=str)
        assert not errors, errors[0]


def test_driver_lists_every_rule_with_help_and_default_level() -> None:
    rules = _log()["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    by_id = {r["id"]: r for r in rules}
    assert by_id["RG201"]["defaultConfiguration"]["level"] == "error"  # P0
    assert by_id["RG102"]["defaultConfiguration"]["level"] == "error"  # P1
    assert by_id["RG104"]["defaultConfiguration"]["level"] == "warning"  # P2
    assert by_id["RG403"]["defaultConfiguration"]["level"] == "note"  # P3
    help_md = by_id["RG100"]["help"]["markdown"]
    rule = RULES["RG100"]
    assert rule.why in help_md and rule.fix in help_md
    assert rule.before in help_md and rule.after in help_md


def test_results_locations_levels_and_rule_index() -> None:
    run = _log()["runs"][0]
    results = run["results"]
    assert [r["ruleId"] for r in results] == [f.rule for f in canonical().findings]
    first = results[0]
    loc = first["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "db/migrations/versions/ab12_add_col.py"
    assert loc["region"] == {"startLine": 14}
    rules = run["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {
        "RG201": "error", "RG101": "error", "RG203": "error", "RG305": "error",
        "RG402": "warning", "RG306": "note", "RG902": "note",
    }  # fmt: skip
    # a finding without a file points at the configuration file; without a line, line 1
    stale = next(r for r in results if r["ruleId"] == "RG306")
    phys = stale["locations"][0]["physicalLocation"]
    assert phys["artifactLocation"]["uri"] == "deploy-readiness.yml"
    assert phys["region"] == {"startLine": 1}
    # GitHub code scanning needs a file and a start line on every result
    for r in results:
        (loc,) = r["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"]
        assert loc["physicalLocation"]["region"]["startLine"] >= 1


def test_fingerprints_ignore_line_numbers_and_differ_per_finding() -> None:
    report = canonical()
    moved = dataclasses.replace(
        report,
        findings=tuple(dataclasses.replace(f, line=(f.line or 0) + 40) for f in report.findings),
    )
    before = [r["partialFingerprints"] for r in _log(report)["runs"][0]["results"]]
    after = [r["partialFingerprints"] for r in _log(moved)["runs"][0]["results"]]
    assert before == after
    values = [fp[sarif.FINGERPRINT_KEY] for fp in before]
    assert len(set(values)) == len(values)


def test_waived_finding_is_an_accepted_suppression() -> None:
    results = _log()["runs"][0]["results"]
    waived = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in waived] == ["RG203"]
    (suppression,) = waived[0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert "legacy table emptied & archived in OPS-123" in suppression["justification"]
    assert "@payments-oncall" in suppression["justification"]
    assert "2026-12-31" in suppression["justification"]


def test_invocation_exit_code_and_automation_id() -> None:
    failed = _log(canonical())["runs"][0]
    ok = _log(passing())["runs"][0]
    assert failed["invocations"][0]["exitCode"] == 1
    assert ok["invocations"][0]["exitCode"] == 0
    assert failed["invocations"][0]["executionSuccessful"] is True
    assert failed["automationDetails"]["id"] == "rollback-gate/checkout-api/"
    overrides = failed["invocations"][0]["ruleConfigurationOverrides"]
    assert overrides[0]["descriptor"]["id"] == "RG304"


def test_no_timestamps_output_is_deterministic() -> None:
    text = sarif.render(canonical())
    assert text == sarif.render(canonical())
    for key in ("startTimeUtc", "endTimeUtc", "timeUtc"):
        assert key not in text
