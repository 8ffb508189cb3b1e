"""``--format junit``: JUnit XML for CI test-report views (GitLab, Jenkins, Azure, …).

One ``<testsuite>`` per checklist item (plus ``waivers`` when a waiver has a problem). Each
finding is a ``<testcase>``: a ``<failure>`` when it fails the gate (unwaived, at or above
``fail_on``), ``<skipped>`` with the reason when it is waived, and a passing test case with
the finding in ``<system-out>`` when it is below ``fail_on`` — so the test view agrees with
the exit code. A clean item is one passing test case; an item with nothing to check (n/a) is
one skipped test case. No timestamps or durations, so the output is stable.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from rollback_gate import lazyre
from rollback_gate.models import ITEMS, ItemStatus, Report, ReportedFinding, Severity

SUITE_PREFIX = "rollback-gate"
# XML 1.0 forbids most control characters, even escaped; readers reject the whole file.
_INVALID_XML = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


def _location(f: ReportedFinding) -> str:
    if f.path is None:
        return ""
    return f"{f.path}:{f.line}" if f.line else f.path


def _details(f: ReportedFinding) -> str:
    where = _location(f)
    lines = [
        f"{f.rule} {f.name} [{f.severity.value}]" + (f" at {where}" if where else ""),
        f.message,
        f"impact: {f.impact}",
        f"fix: {f.fix}",
    ]
    return _clean("\n".join(lines))


def _case_name(f: ReportedFinding) -> str:
    # No line number: readers compare runs by test name, and lines move.
    name = f"{f.rule} {f.name}" + (f" ({f.path})" if f.path else "") + f": {f.message}"
    return " ".join(name.split())


def _finding_case(suite: ET.Element, classname: str, f: ReportedFinding, fail_on: Severity) -> str:
    """Add one finding's test case; return its outcome: failure, skipped or passed."""
    case = ET.SubElement(suite, "testcase", classname=classname, name=_clean(_case_name(f)))
    if f.path:
        case.set("file", _clean(f.path))
        if f.line:
            case.set("line", str(f.line))
    if f.waiver is not None:
        w = f.waiver
        reason = f"waived by {w.owner} until {w.expires}: {w.reason}"
        ET.SubElement(case, "skipped", message=_clean(reason))
        return "skipped"
    if f.severity.at_least(fail_on):
        failure = ET.SubElement(
            case, "failure", message=_clean(f.message), type=f"{f.severity.value} {f.rule}"
        )
        failure.text = _details(f)
        return "failure"
    out = ET.SubElement(case, "system-out")
    out.text = f"below fail_on {fail_on.value}, does not fail the gate:\n" + _details(f)
    return "passed"


def junit_tree(report: Report) -> ET.Element:
    """The ``<testsuites>`` element."""
    root = ET.Element("testsuites", name=SUITE_PREFIX)
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    items = list(ITEMS)
    if any(f.item not in ITEMS for f in report.findings):
        items.append("waivers")
    for item in items:
        classname = f"{SUITE_PREFIX}.{item}"
        suite = ET.SubElement(root, "testsuite", name=classname)
        found = [f for f in report.findings if f.item == item]
        outcomes = [_finding_case(suite, classname, f, report.fail_on) for f in found]
        status = report.items.get(item)
        if not found:
            case = ET.SubElement(suite, "testcase", classname=classname, name=f"{item}: ok")
            if status is ItemStatus.NA:
                case.set("name", f"{item}: n/a")
                ET.SubElement(case, "skipped", message="nothing of this kind in the repository")
                outcomes.append("skipped")
            else:
                outcomes.append("passed")
        counts = {
            "tests": len(outcomes),
            "failures": outcomes.count("failure"),
            "errors": 0,
            "skipped": outcomes.count("skipped"),
        }
        for key, value in counts.items():
            suite.set(key, str(value))
            if key in totals:
                totals[key] += value
    for key, value in (*totals.items(), ("errors", 0)):
        root.set(key, str(value))
    return root


def render(report: Report, *, color: bool = False) -> str:
    tree = junit_tree(report)
    ET.indent(tree, space="  ")
    body = ET.tostring(tree, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
