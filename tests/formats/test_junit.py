"""JUnit XML: golden file, parse with ElementTree, suites per item, outcomes per finding."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from canonical_report import assert_golden, canonical, passing

from rollback_gate.formats import junit, render
from rollback_gate.models import ITEMS


def _suites(report=None) -> dict[str, ET.Element]:  # type: ignore[no-untyped-def]
    root = ET.fromstring(junit.render(report or canonical()).encode("utf-8"))
    assert root.tag == "testsuites"
    return {s.get("name", ""): s for s in root.iter("testsuite")}


def test_golden() -> None:
    assert_golden("canonical.junit.xml", render("junit", canonical()))


def test_one_suite_per_item_plus_waiver_problems() -> None:
    names = list(_suites())
    assert names == [f"rollback-gate.{i}" for i in (*ITEMS, "waivers")]
    assert list(_suites(passing())) == [f"rollback-gate.{i}" for i in ITEMS]


def test_outcomes_match_the_gate() -> None:
    suites = _suites()
    plan = suites["rollback-gate.plan"].findall("testcase")
    assert len(plan) == 1 and plan[0].find("failure") is not None
    assert plan[0].get("file") == "deploy-readiness.yml" and plan[0].get("line") == "7"
    migrations = suites["rollback-gate.migrations"].findall("testcase")
    skipped = [c.find("skipped") for c in migrations if c.find("skipped") is not None]
    assert len(skipped) == 1
    reason = skipped[0].get("message", "")
    assert "@payments-oncall" in reason and "2026-12-31" in reason and "OPS-123" in reason
    # below fail_on: a passing test case, the finding kept in system-out
    monitoring = suites["rollback-gate.monitoring"].findall("testcase")
    assert monitoring[0].find("failure") is None and monitoring[0].find("skipped") is None
    assert "RG402" in (monitoring[0].findtext("system-out") or "")
    tested = suites["rollback-gate.tested"].findall("testcase")
    assert tested[0].get("name") == "tested: n/a" and tested[0].find("skipped") is not None


def test_counts_add_up() -> None:
    root = ET.fromstring(junit.render(canonical()))
    suites = root.findall("testsuite")
    for attr in ("tests", "failures", "skipped"):
        assert int(root.get(attr, "-1")) == sum(int(s.get(attr, "0")) for s in suites)
    assert root.get("failures") == str(len(canonical().failing))
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(c.find("failure") is not None for c in cases)


def test_clean_item_is_one_passing_case() -> None:
    plan = _suites(passing())["rollback-gate.plan"].findall("testcase")
    assert [c.get("name") for c in plan] == ["plan: ok"]
    assert list(plan[0]) == []


def test_control_characters_never_break_the_xml() -> None:
    report = canonical()
    nasty = dataclasses.replace(report.findings[0], message="bell\x07 nul\x00 esc\x1b <&>\"'")
    text = junit.render(dataclasses.replace(report, findings=(nasty,)))
    failure = ET.fromstring(text).find(".//failure")
    assert failure is not None and failure.get("message") == "bell nul esc <&>\"'"


def test_names_do_not_depend_on_line_numbers() -> None:
    report = canonical()
    moved = dataclasses.replace(
        report, findings=tuple(dataclasses.replace(f, line=999) for f in report.findings)
    )
    names = [c.get("name") for c in ET.fromstring(junit.render(report)).iter("testcase")]
    moved_names = [c.get("name") for c in ET.fromstring(junit.render(moved)).iter("testcase")]
    assert names == moved_names
