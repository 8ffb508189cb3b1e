"""``--format github``: GitHub Actions workflow commands (annotations on the run and the PR).

Unwaived findings that fail the gate become ``::error``, those below ``fail_on``
``::warning``; waived findings are not annotated. GitHub shows at most 10 error and 10
warning annotations per step and silently drops the rest, so this format emits at most
that many of each (worst first, as the report is sorted) and then one ``::notice`` saying
how many were left out and where the full list is: a collapsed log group with every
finding, printed first, and the job summary.

Escaping follows the runner: in data ``%``, CR and LF are percent-encoded; in property
values ``:`` and ``,`` too. Log lines outside commands have control characters replaced,
so that no text from the repository can start a workflow command of its own.
"""

from __future__ import annotations

from rollback_gate.models import Report, ReportedFinding
from rollback_gate.wording import counted

MAX_PER_KIND = 10
GROUP_TITLE = "rollback-gate: all findings"


def escape_data(text: str) -> str:
    """Escape a workflow-command message (other control characters become spaces)."""
    text = "".join(c if c.isprintable() or c in "\r\n" else " " for c in text)
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property value (``file=``, ``title=`` …)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _log_line(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)


def command(kind: str, f: ReportedFinding, config: str | None) -> str:
    """One annotation command for a finding."""
    props: list[tuple[str, str]] = []
    path = f.path or config
    if path:
        props.append(("file", path))
        if f.path and f.line:
            props.append(("line", str(f.line)))
    props.append(("title", f"{f.rule} {f.name} [{f.severity.value}]"))
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    message = f.message
    if f.fix:
        message += f"\nFix: {f.fix}"
    for r in f.related:
        message += f"\nAlso: {r.where()} {r.message}"
    return f"::{kind} {rendered}::{escape_data(message)}"


def _plain(f: ReportedFinding) -> str:
    where = f.path or "-"
    if f.path and f.line:
        where += f":{f.line}"
    state = f" (waived by {f.waiver.owner} until {f.waiver.expires})" if f.waiver else ""
    return _log_line(f"  {f.severity.value} {f.rule} {f.name} {where}: {f.message}{state}")


def render(report: Report, *, color: bool = False) -> str:
    lines: list[str] = []
    if report.findings:
        lines.append(f"::group::{GROUP_TITLE} ({len(report.findings)})")
        lines += [_plain(f) for f in report.findings]
        lines.append("::endgroup::")
    errors = list(report.failing)
    warnings = [f for f in report.active if not f.severity.at_least(report.fail_on)]
    lines += [command("error", f, report.config) for f in errors[:MAX_PER_KIND]]
    lines += [command("warning", f, report.config) for f in warnings[:MAX_PER_KIND]]
    left_errors = max(0, len(errors) - MAX_PER_KIND)
    left_warnings = max(0, len(warnings) - MAX_PER_KIND)
    if left_errors or left_warnings:
        message = (
            f"{counted(left_errors, 'more error')} and "
            f"{counted(left_warnings, 'more warning')} are not "
            f"annotated (GitHub shows at most {MAX_PER_KIND} of each per step); the full list "
            f"is in the log group '{GROUP_TITLE}' of this step and in the job summary"
        )
        lines.append(f"::notice title=rollback-gate::{escape_data(message)}")
    verdict = "passed" if report.passed else "failed"
    lines.append(
        _log_line(
            f"rollback-gate {verdict}: {counted(len(errors), 'finding')} at or above "
            f"{report.fail_on.value}, {len(warnings)} below, "
            f"{len(report.findings) - len(report.active)} waived"
        )
    )
    return "\n".join(lines) + "\n"
