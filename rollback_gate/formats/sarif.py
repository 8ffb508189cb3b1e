"""``--format sarif``: a SARIF 2.1.0 log for GitHub code scanning and other SARIF readers.

- ``tool.driver.rules`` lists the whole catalog, so a rule's help is available even for
  results from an earlier run; the default level follows the default severity
  (P0/P1 ``error``, P2 ``warning``, P3 ``note``), a result's level its final severity.
- Locations are repo-relative URIs against ``%SRCROOT%`` with a 1-based ``startLine``
  (GitHub requires one); a finding without a file of its own points at the
  configuration file, a finding without a line at line 1.
- ``partialFingerprints`` never include line numbers (see ``fingerprint.py``), so code
  scanning keeps tracking an alert when unrelated lines move.
- Waived findings are kept as results with an accepted ``external`` suppression whose
  justification carries the reason, the owner and the expiry date.
- No timestamps: the same report always renders the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from rollback_gate import HOMEPAGE
from rollback_gate.formats.fingerprint import fingerprints
from rollback_gate.models import Report, ReportedFinding, Severity
from rollback_gate.rules import RULES, Rule

SCHEMA_URI = (
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
)
# The rule table of the README (each rule's why and fix are also in its ``help``).
RULES_URI = f"{HOMEPAGE}#the-checklist-and-its-rules"
FINGERPRINT_KEY = "rollbackGate/v1"
DEFAULT_PATH = "deploy-readiness.yml"
_RULE_INDEX = {rule_id: i for i, rule_id in enumerate(RULES)}


def level(severity: Severity) -> str:
    """SARIF level of a severity: P0/P1 error, P2 warning, P3 note."""
    return {"P0": "error", "P1": "error", "P2": "warning", "P3": "note"}[severity.value]


def _help_markdown(rule: Rule) -> str:
    parts = [f"**{rule.id} {rule.name}** ({rule.severity.value}, item `{rule.item}`)", ""]
    parts += [f"Fires when: {rule.summary}", "", f"**Why it matters.** {rule.why}", ""]
    parts += [f"**How to fix.** {rule.fix}"]
    for title, example in (("Before", rule.before), ("After", rule.after)):
        if example:
            parts += ["", f"{title}:", "", "```", example, "```"]
    return "\n".join(parts)


def _rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "helpUri": RULES_URI,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.why}"},
        "help": {"text": f"{rule.why} Fix: {rule.fix}", "markdown": _help_markdown(rule)},
        "defaultConfiguration": {"level": level(rule.severity)},
        "properties": {
            "tags": ["rollback", rule.item],
            "severity": rule.severity.value,
        },
    }


def _location(f: ReportedFinding, config: str | None) -> list[dict[str, Any]]:
    # GitHub code scanning drops results without a file and ``region.startLine``: a
    # finding without a line of its own points at line 1 of its file (or of the config).
    path = f.path or config or DEFAULT_PATH
    line = f.line if f.path is not None and f.line else 1
    physical = {
        "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": line},
    }
    return [{"physicalLocation": physical}]


def _result(f: ReportedFinding, fingerprint: str, config: str | None) -> dict[str, Any]:
    path = f.path or config or DEFAULT_PATH
    text = f.message
    if f.impact:
        text += f". Impact: {f.impact}"
    if f.fix:
        text += f". Fix: {f.fix}"
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": _location(f, config),
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": {"severity": f.severity.value, "item": f.item},
    }
    if f.rule in _RULE_INDEX:
        result["ruleIndex"] = _RULE_INDEX[f.rule]
    if f.related:
        result["relatedLocations"] = [
            {
                "id": i,
                "physicalLocation": {
                    "artifactLocation": {"uri": r.path or path, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": r.line or 1},
                },
                "message": {"text": r.message},
            }
            for i, r in enumerate(f.related, 1)
        ]
    if f.waiver is not None:
        w = f.waiver
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{w.reason} (waived by {w.owner} until {w.expires})",
                "properties": {"owner": w.owner, "expires": w.expires, "source": w.source},
            }
        ]
    return result


def _invocation(report: Report) -> dict[str, Any]:
    invocation: dict[str, Any] = {
        "executionSuccessful": True,
        "exitCode": 0 if report.passed else 1,
    }
    if report.disabled:
        invocation["ruleConfigurationOverrides"] = [
            {
                "descriptor": {"id": rule_id, "index": _RULE_INDEX[rule_id]},
                "configuration": {"enabled": False},
            }
            for rule_id in report.disabled
            if rule_id in _RULE_INDEX
        ]
    if report.notes:
        invocation["toolExecutionNotifications"] = [
            {"level": "note", "message": {"text": note}} for note in report.notes
        ]
    return invocation


def sarif_dict(report: Report) -> dict[str, Any]:
    """The SARIF log as plain data."""
    prints = fingerprints(report.findings)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "rollback-gate",
                "informationUri": HOMEPAGE,
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "rules": [_rule(rule) for rule in RULES.values()],
            }
        },
        "automationDetails": {"id": f"rollback-gate/{report.service or 'default'}/"},
        "invocations": [_invocation(report)],
        "columnKind": "utf16CodeUnits",
        "results": [
            _result(f, p, report.config) for f, p in zip(report.findings, prints, strict=True)
        ],
        "properties": {
            "service": report.service,
            "config": report.config,
            "base": report.base,
            "head": report.head,
            "failOn": report.fail_on.value,
            "passed": report.passed,
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(sarif_dict(report), indent=2, ensure_ascii=False) + "\n"
