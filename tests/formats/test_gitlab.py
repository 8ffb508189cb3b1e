"""GitLab Code Quality: golden file, required keys, severities, SARIF-consistent fingerprints."""

from __future__ import annotations

import json

from canonical_report import assert_golden, canonical

from rollback_gate.formats import gitlab, render, sarif


def test_golden() -> None:
    assert_golden("canonical.gitlab.json", render("gitlab", canonical()))


def test_issue_shape_and_severity_mapping() -> None:
    issues = json.loads(gitlab.render(canonical()))
    assert all(
        {"description", "check_name", "fingerprint", "severity", "location"} <= set(i)
        for i in issues
    )
    by_rule = {i["check_name"].split()[0]: i for i in issues}
    assert {k: v["severity"] for k, v in by_rule.items()} == {
        "RG201": "blocker", "RG101": "blocker", "RG305": "critical",
        "RG402": "major", "RG306": "minor", "RG902": "minor",
    }  # fmt: skip
    assert by_rule["RG201"]["location"] == {
        "path": "db/migrations/versions/ab12_add_col.py",
        "lines": {"begin": 14},
    }
    # no file of its own: the config file, line 1 (GitLab requires a line)
    assert by_rule["RG306"]["location"] == {"path": "deploy-readiness.yml", "lines": {"begin": 1}}
    # one line per description, even when the message had CR/LF in it
    assert "\n" not in by_rule["RG305"]["description"]


def test_waived_findings_are_left_out() -> None:
    rules = [i["check_name"].split()[0] for i in json.loads(gitlab.render(canonical()))]
    assert "RG203" not in rules


def test_fingerprints_match_sarif() -> None:
    issues = json.loads(gitlab.render(canonical()))
    results = json.loads(sarif.render(canonical()))["runs"][0]["results"]
    sarif_prints = {
        r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in results if "suppressions" not in r
    }
    assert {i["fingerprint"] for i in issues} == sarif_prints
