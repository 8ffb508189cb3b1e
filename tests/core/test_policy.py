"""RG903/RG904: the change under test compared with the config at the base (real git)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.gate import CheckOptions, run_check

BASE = """version: 1
service: shop
policy:
  fail_on: P1
  severity: {RG303: P1}
  require_signed_drills: true
migrations:
  - path: db/migrations
    scope: all
    since: "0009"
  - path: other/migrations
waivers:
  - {rule: RG400, reason: r, owner: "@o", expires: 2027-01-01}
"""


@pytest.fixture(autouse=True)
def _drill_key(git_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLLBACK_GATE_DRILL_KEY", "k" * 32)  # require_signed_drills needs it


def _run(git_repo: Any, base: str, head: str) -> Any:
    files = {"db/migrations/0001_a.sql": "-- up\n", "other/migrations/0001_b.sql": "-- up\n"}
    sha = git_repo.commit("base", {"deploy-readiness.yml": base, **files})
    git_repo.commit("head", {"deploy-readiness.yml": head})
    return run_check(CheckOptions(repo=git_repo.root, base=sha))


def _found(report: Any, rule: str) -> list[tuple[str, int | None]]:
    return [(f.message, f.line) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        ("  fail_on: P1", "  fail_on: P0", "fail_on raised from P1 to P0", 4),
        ("  severity: {RG303: P1}", "  severity: {RG303: P3}", "RG303 lowered from P1 to P3", 5),
        ("  fail_on: P1", "  fail_on: P1\n  disable: [RG400]", "rule RG400 disabled", 5),
        (
            "  require_signed_drills: true",
            "  require_signed_drills: false",
            "require_signed_drills turned off",
            6,
        ),
        ("    scope: all", "    scope: changed", "db/migrations: scope narrowed", 9),
        ('    since: "0009"', '    since: "0042"', "db/migrations: since moved to 0042", 10),
        ("  - path: other/migrations\n", "", "migration entry other/migrations removed", 8),
        (
            "  - path: other/migrations",
            "  - path: other/migrations/v2",
            "migration path other/migrations narrowed to other/migrations/v2",
            11,
        ),
    ],
)
def test_each_weakening_is_rg903_at_its_line(
    git_repo: Any, old: str, new: str, message: str, line: int
) -> None:
    assert old in BASE
    report = _run(git_repo, BASE, BASE.replace(old, new))
    found = _found(report, "RG903")
    assert len(found) == 1, found
    assert message in found[0][0]
    assert found[0][1] == line
    assert not report.passed


def test_unchanged_or_stricter_policy_is_silent(git_repo: Any) -> None:
    stricter = BASE.replace("fail_on: P1", "fail_on: P2").replace('since: "0009"', 'since: "0001"')
    report = _run(git_repo, BASE, stricter)
    assert _found(report, "RG903") == []
    assert _found(report, "RG904") == []


def test_the_change_cannot_silence_rg903(git_repo: Any) -> None:
    head = BASE.replace("  fail_on: P1", "  fail_on: P0\n  disable: [RG903]").replace(
        "waivers:\n", "waivers:\n  - {rule: RG903, reason: r, owner: '@me', expires: 2027-01-01}\n"
    )
    report = _run(git_repo, BASE, head)
    weakened = [f for f in report.findings if f.rule == "RG903"]
    assert {f.severity.value for f in weakened} == {"P0"}  # fail_on P0 cannot hide it
    assert all(not f.waived for f in weakened)
    assert any("rule RG903 disabled" in f.message for f in weakened)
    assert not report.passed


def test_new_and_extended_waivers_are_rg904(git_repo: Any) -> None:
    head = BASE.replace("expires: 2027-01-01", "expires: 2027-06-01") + (
        "  - {rule: RG206, reason: r, owner: '@o', expires: 2027-01-01}\n"
    )
    report = _run(git_repo, BASE, head)
    found = _found(report, "RG904")
    assert [(m.split(") ", 1)[1], line) for m, line in found] == [
        ("extended from 2027-01-01 to 2027-06-01", 13),
        ("added, expires 2027-01-01", 14),
    ]
    assert {f.severity.value for f in report.findings if f.rule == "RG904"} == {"P3"}


def test_first_adoption_is_noted(git_repo: Any) -> None:
    sha = git_repo.commit("start", {"README": "x\n"})
    git_repo.commit("adopt", {"deploy-readiness.yml": BASE.replace("fail_on: P1", "fail_on: P0")})
    report = run_check(CheckOptions(repo=git_repo.root, base=sha))
    assert _found(report, "RG903") == []
    assert any("first adoption" in n for n in report.notes)


def test_invalid_config_at_base_is_noted(git_repo: Any) -> None:
    report = _run(git_repo, "version: 1\nbogus: [\n", BASE)
    assert _found(report, "RG903") == []
    assert any("does not load" in n for n in report.notes)
