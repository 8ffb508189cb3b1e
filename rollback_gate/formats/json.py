"""``--format json``: the ``rollback-gate.report/v1`` document of SPEC.md."""

from __future__ import annotations

import json
from typing import Any

from rollback_gate.models import Report, ReportedFinding

FORMAT_ID = "rollback-gate.report/v1"


def finding_dict(f: ReportedFinding) -> dict[str, Any]:
    """One finding as the JSON report spells it."""
    waiver = None
    if f.waiver is not None:
        waiver = {
            "reason": f.waiver.reason,
            "owner": f.waiver.owner,
            "expires": f.waiver.expires,
            "path": f.waiver.path,
            "source": f.waiver.source,
        }
    return {
        "rule": f.rule,
        "name": f.name,
        "item": f.item,
        "severity": f.severity.value,
        "path": f.path,
        "line": f.line,
        "message": f.message,
        "impact": f.impact,
        "fix": f.fix,
        "waived": f.waived,
        "waiver": waiver,
        "related": [{"path": r.path, "line": r.line, "message": r.message} for r in f.related],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as plain data."""
    return {
        "format": FORMAT_ID,
        "tool": {"name": "rollback-gate", "version": report.tool_version},
        "config": report.config,
        "service": report.service,
        "base": report.base,
        "head": report.head,
        "fail_on": report.fail_on.value,
        "passed": report.passed,
        "counts": report.counts(),
        "items": {k: v.value for k, v in report.items.items()},
        "findings": [finding_dict(f) for f in report.findings],
        "disabled": list(report.disabled),
        "notes": list(report.notes),
        "analysed": dict(report.analysed),
    }


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
