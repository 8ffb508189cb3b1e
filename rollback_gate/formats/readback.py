"""Read a ``rollback-gate.report/v1`` JSON report back into a :class:`Report`.

The GitHub Action and the fork-safe ``workflow_run`` comment job get the verdict as a
file written by ``rollback-gate check --format json:PATH`` (possibly from another
workflow run, as an artifact). Reading it back lets them render the markdown comment with
the same code as ``--format markdown``. Anything malformed is a :class:`UsageError`:
an artifact from a fork is untrusted input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rollback_gate.errors import UsageError
from rollback_gate.formats.json import FORMAT_ID
from rollback_gate.models import ItemStatus, Related, Report, ReportedFinding, Severity, Waiver


def _str(data: dict[str, Any], key: str, *, optional: bool = False) -> Any:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise UsageError(f"JSON report: `{key}` must be a string, got {value!r:.60}")
    return value


def _line(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise UsageError(f"JSON report: `line` must be an integer or null, got {value!r:.60}")
    return value


def _finding(data: Any) -> ReportedFinding:
    if not isinstance(data, dict):
        raise UsageError("JSON report: every finding must be an object")
    waiver = None
    if isinstance(data.get("waiver"), dict):
        w = data["waiver"]
        waiver = Waiver(
            rule=_str(data, "rule"),
            reason=_str(w, "reason"),
            owner=_str(w, "owner"),
            expires=_str(w, "expires"),
            path=_str(w, "path", optional=True),
            source=_str(w, "source", optional=True) or "deploy-readiness.yml",
        )
    try:
        severity = Severity(data.get("severity"))
    except ValueError:
        raise UsageError(f"JSON report: unknown severity {data.get('severity')!r:.20}") from None
    return ReportedFinding(
        rule=_str(data, "rule"),
        name=_str(data, "name"),
        item=_str(data, "item"),
        severity=severity,
        path=_str(data, "path", optional=True),
        line=_line(data.get("line")),
        message=_str(data, "message"),
        impact=_str(data, "impact", optional=True) or "",
        fix=_str(data, "fix", optional=True) or "",
        waiver=waiver,
        related=tuple(_related(r) for r in _list(data, "related")),
    )


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise UsageError(f"JSON report: `{key}` must be a list")
    return value


def _related(data: Any) -> Related:
    if not isinstance(data, dict):
        raise UsageError("JSON report: every related location must be an object")
    return Related(
        _str(data, "path", optional=True), _line(data.get("line")), _str(data, "message")
    )


def report_from_dict(data: Any) -> Report:
    """The Report a JSON report describes."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_ID:
        raise UsageError(f"not a {FORMAT_ID} document")
    try:
        fail_on = Severity(data.get("fail_on"))
        items = {str(k): ItemStatus(v) for k, v in (data.get("items") or {}).items()}
    except (ValueError, AttributeError):
        raise UsageError("JSON report: invalid `fail_on` or `items`") from None
    findings = data.get("findings") or []
    if not isinstance(findings, list):
        raise UsageError("JSON report: `findings` must be a list")
    tool = data.get("tool") if isinstance(data.get("tool"), dict) else {}
    return Report(
        tool_version=str((tool or {}).get("version", "")),
        config=_str(data, "config", optional=True),
        service=_str(data, "service", optional=True),
        base=_str(data, "base", optional=True),
        head=_str(data, "head", optional=True),
        fail_on=fail_on,
        findings=tuple(_finding(f) for f in findings),
        items=items,
        disabled=tuple(str(r) for r in data.get("disabled") or ()),
        notes=tuple(str(n) for n in data.get("notes") or ()),
        analysed={
            str(k): v
            for k, v in (data.get("analysed") or {}).items()
            if isinstance(v, int) and not isinstance(v, bool)
        },
    )


def load_report(path: Path) -> Report:
    """Read and parse a JSON report file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the JSON report ({exc.strerror})") from None
    except ValueError as exc:
        raise UsageError(f"{path}: not valid JSON ({exc})") from None
    return report_from_dict(data)
