"""``--format text`` (the default): grouped by checklist item, for people at a terminal.

Everything that comes from the repository (paths, messages, service, notes, waivers) goes
through :func:`~rollback_gate.safetext.printable`: no control character reaches the terminal.

Colour only when asked (the CLI asks when stdout is a terminal and NO_COLOR is unset).
"""

from __future__ import annotations

from rollback_gate.models import ITEMS, ItemStatus, Report, ReportedFinding
from rollback_gate.safetext import printable as _p

_MARK = {ItemStatus.PASS: "✓", ItemStatus.WARN: "!", ItemStatus.FAIL: "✗", ItemStatus.NA: "–"}
_COLOR = {
    ItemStatus.PASS: "32",
    ItemStatus.WARN: "33",
    ItemStatus.FAIL: "31",
    ItemStatus.NA: "2",
}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def _location(f: ReportedFinding) -> str:
    if f.path is None:
        return "-"
    return _p(f"{f.path}:{f.line}" if f.line else f.path)


def _finding(f: ReportedFinding, color: bool) -> list[str]:
    head = f"  {_location(f)}  {f.rule} {f.name}  [{f.severity.value}]  {_p(f.message)}"
    if f.waiver is not None:
        w = f.waiver
        return [
            _paint(head, "2", color),
            _paint(
                f"      waived by {_p(w.owner)} until {_p(w.expires)}: {_p(w.reason)}", "2", color
            ),
        ]
    lines = [head, f"      impact: {_p(f.impact)}", f"      fix:    {_p(f.fix)}"]
    lines += [f"      also:   {_p(r.where())}  {_p(r.message)}" for r in f.related]
    return lines


def verdict(report: Report) -> str:
    """The one-line verdict with counts."""
    c = report.counts()
    counts = ", ".join(f"{k}: {c[k]}" for k in ("P0", "P1", "P2", "P3"))
    failing = len(report.failing)
    if report.passed:
        head = f"PASSED: no unwaived finding at or above {report.fail_on.value}"
    else:
        plural = "s" if failing != 1 else ""
        head = f"FAILED: {failing} finding{plural} at or above {report.fail_on.value}"
    return f"{head} ({counts}; waived: {c['waived']})"


def render(report: Report, *, color: bool = False) -> str:
    lines = [
        f"rollback-gate {report.tool_version}"
        + (f" · {_p(report.service)}" if report.service else "")
        + (f" · {_p(report.config)}" if report.config else "")
    ]
    lines += [_paint(f"  {_p(note)}", "2", color) for note in report.notes]
    lines.append("")
    for item in (*ITEMS, "waivers"):
        found = [f for f in report.findings if f.item == item]
        if item == "waivers" and not found:
            continue
        status = report.items.get(item, ItemStatus.WARN if found else ItemStatus.PASS)
        active = sum(1 for f in found if not f.waived)
        detail = (
            "n/a"
            if status is ItemStatus.NA
            else (f"{active} finding{'s' if active != 1 else ''}" if active else "ok")
        )
        waived = len(found) - active
        if waived:
            detail += f", {waived} waived"
        mark = _paint(_MARK[status], _COLOR[status], color)
        lines.append(f"{mark} {item:<11} {detail}")
        for f in found:
            lines.extend(_finding(f, color))
    if report.disabled:
        lines.append(_paint(f"  disabled by policy: {', '.join(report.disabled)}", "2", color))
    lines.append("")
    code = "32" if report.passed else "31"
    lines.append(_paint(verdict(report), f"1;{code}", color))
    return "\n".join(lines) + "\n"
