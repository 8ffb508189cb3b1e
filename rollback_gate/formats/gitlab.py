"""``--format gitlab``: a GitLab Code Quality report (``artifacts:reports:codequality``).

A JSON array of issues with ``description``, ``check_name``, ``fingerprint``, ``severity``
and ``location.path`` + ``location.lines.begin``. Fingerprints are the SARIF ones (rule,
path and line-independent content), so GitLab's merge-request comparison tracks a finding
across unrelated edits just as code scanning does.

Severity mapping: P0 ``blocker``, P1 ``critical``, P2 ``major``, P3 ``minor``. Waived
findings are left out: Code Quality has no notion of an accepted risk, and listing them
would show accepted risks as new problems in every merge request. A finding without a file
of its own points at the configuration file, line 1.
"""

from __future__ import annotations

import json
from typing import Any

from rollback_gate.formats.fingerprint import fingerprints
from rollback_gate.models import Report, ReportedFinding

SEVERITY = {"P0": "blocker", "P1": "critical", "P2": "major", "P3": "minor"}
DEFAULT_PATH = "deploy-readiness.yml"


def _issue(f: ReportedFinding, fingerprint: str, config: str | None) -> dict[str, Any]:
    description = f"{f.rule} {f.name}: {f.message}"
    if f.fix:
        description += f" Fix: {f.fix}"
    path = f.path or config or DEFAULT_PATH
    line = f.line if f.path and f.line else 1
    return {
        "type": "issue",
        "description": " ".join(description.split()),
        "check_name": f"{f.rule} {f.name}",
        "categories": ["Bug Risk"],
        "fingerprint": fingerprint,
        "severity": SEVERITY[f.severity.value],
        "location": {"path": path, "lines": {"begin": line}},
    }


def issues(report: Report) -> list[dict[str, Any]]:
    """The Code Quality issues, in report order."""
    prints = fingerprints(report.findings)
    return [
        _issue(f, p, report.config)
        for f, p in zip(report.findings, prints, strict=True)
        if not f.waived
    ]


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(issues(report), indent=2, ensure_ascii=False) + "\n"
