"""GitHub workflow commands: golden file, escaping, per-step caps, the overflow notice."""

from __future__ import annotations

import re

import pytest
from canonical_report import assert_golden, canonical, many

from rollback_gate.formats import github, render
from rollback_gate.models import ReportedFinding

COMMAND = re.compile(r"^::(error|warning|notice)(?: ([^:]*))?::(.*)$")


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        if m := COMMAND.match(line):
            props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
            out.append((m.group(1), props, m.group(3)))
    return out


def _unescape(value: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(code, char)
    return value


def test_golden() -> None:
    assert_golden("canonical.github.txt", render("github", canonical()))


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("src/a, b.py:3", "src/a, b.py:3", "src/a%2C b.py%3A3"),
        ("%0A literal", "%250A literal", "%250A literal"),
    ],
)
def test_escaping(raw: str, data: str, prop: str) -> None:
    assert github.escape_data(raw) == data
    assert github.escape_property(raw) == prop


def test_annotations_levels_properties_and_round_trip() -> None:
    cmds = _commands(github.render(canonical()))
    kinds = [k for k, _, _ in cmds]
    assert kinds == ["error"] * 3 + ["warning"] * 3  # waived RG203 not annotated
    _, props, data = cmds[2]
    assert props["title"] == "RG305 change-unguarded [P1]"
    assert _unescape(props["file"]) == "src/checkout/pay, now.py" and props["line"] == "3"
    assert _unescape(data).startswith("src/checkout/pay, now.py changed under guards")
    # the CR/LF in the message cannot start a command of its own
    text = github.render(canonical())
    assert not any(line.startswith("::error::injected") for line in text.splitlines())


@pytest.mark.parametrize(("errors", "warnings"), [(10, 0), (11, 0), (25, 14), (3, 30)])
def test_caps_and_overflow_notice(errors: int, warnings: int) -> None:
    import dataclasses

    from rollback_gate.models import Severity

    failing = many(errors, "P1").findings
    below: tuple[ReportedFinding, ...] = tuple(
        dataclasses.replace(f, severity=Severity.P2, path=f"w/{i}.sql")
        for i, f in enumerate(many(warnings, "P2").findings)
    )
    report = dataclasses.replace(canonical(), findings=failing + below)
    cmds = _commands(github.render(report))
    shown_e = sum(1 for k, _, _ in cmds if k == "error")
    shown_w = sum(1 for k, _, _ in cmds if k == "warning")
    notices = [d for k, _, d in cmds if k == "notice"]
    assert shown_e == min(errors, 10) and shown_w == min(warnings, 10)
    left_e, left_w = max(0, errors - 10), max(0, warnings - 10)
    if left_e or left_w:
        assert len(notices) == 1
        errors_text = f"{left_e} more error{'s' if left_e != 1 else ''}"
        warnings_text = f"{left_w} more warning{'s' if left_w != 1 else ''}"
        assert f"{errors_text} and {warnings_text} are not annotated" in notices[0]
        assert "job summary" in notices[0]
    else:
        assert notices == []
    # every finding is still listed in the log group
    text = github.render(report)
    assert text.count("\n  P") + text.startswith("  P") == errors + warnings
