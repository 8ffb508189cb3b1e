"""gate.judge(): the single place where policy, waivers, fail_on, item status and sorting apply."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from rollback_gate.config.loader import parse
from rollback_gate.formats.json import report_dict
from rollback_gate.gate import judge
from rollback_gate.models import Finding, Severity, Waiver

TODAY = dt.date(2026, 6, 1)
REPORT_DOC = Path(__file__).resolve().parents[2] / "docs" / "report-format.md"


def _config(extra: str = "") -> Any:
    return parse("version: 1\nservice: api\n" + extra)


def _waiver(rule: str = "RG203", days: int = 100, path: str | None = None) -> Waiver:
    expires = (TODAY + dt.timedelta(days=days)).isoformat()
    return Waiver(rule, "archived", "@ops", expires, path, "deploy-readiness.yml", 9)


DROP = Finding("RG203", "drops orders.legacy", path="db/m/0002_drop.up.sql", line=3)


def _rules(report: Any) -> list[tuple[str, bool]]:
    return [(f.rule, f.waived) for f in report.findings]


# (name, findings, waivers, expected [(rule, waived)], passed)
WAIVER_CASES: list[tuple[str, list[Finding], list[Waiver], list[tuple[str, bool]], bool]] = [
    ("valid waiver waives", [DROP], [_waiver()], [("RG203", True)], True),
    ("path glob matches", [DROP], [_waiver(path="db/m/*.sql")], [("RG203", True)], True),
    (
        "path glob does not match",
        [DROP],
        [_waiver(path="other/**")],
        [("RG203", False), ("RG901", False)],
        False,
    ),
    (
        "other rule: unused",
        [DROP],
        [_waiver(rule="RG201")],
        [("RG203", False), ("RG901", False)],
        False,
    ),
    (
        "expired: finding counts again, plus RG900",
        [DROP],
        [_waiver(days=-1)],
        [("RG900", False), ("RG203", False)],
        False,
    ),
    ("expired and unused: RG900 only", [], [_waiver(days=-1)], [("RG900", False)], False),
    ("unused: RG901", [], [_waiver()], [("RG901", False)], True),
    (
        "two valid waivers for one finding: the second is not unused",
        [DROP],
        [_waiver(), _waiver(path="db/**")],
        [("RG203", True)],
        True,
    ),
    (
        "expiring within 14 days: RG902, still waives",
        [DROP],
        [_waiver(days=5)],
        [("RG203", True), ("RG902", False)],
        True,
    ),
    (
        "expires today: still valid",
        [DROP],
        [_waiver(days=0)],
        [("RG203", True), ("RG902", False)],
        True,
    ),
    ("expires in 30 days: no RG902", [DROP], [_waiver(days=30)], [("RG203", True)], True),
    (
        "expired then valid: second waives, RG900 for the first",
        [DROP],
        [_waiver(days=-3), _waiver(days=200)],
        [("RG900", False), ("RG203", True)],
        False,  # RG900 itself is P1
    ),
]


@pytest.mark.parametrize(
    ("findings", "waivers", "expected", "passed"),
    [c[1:] for c in WAIVER_CASES],
    ids=[c[0] for c in WAIVER_CASES],
)
def test_waivers(
    findings: list[Finding],
    waivers: list[Waiver],
    expected: list[tuple[str, bool]],
    passed: bool,
) -> None:
    report = judge(_config(), findings, {"migrations"}, waivers=waivers, today=TODAY)
    assert sorted(_rules(report)) == sorted(expected)
    assert report.passed is passed


def test_waived_finding_keeps_reason_and_owner() -> None:
    report = judge(_config(), [DROP], set(), waivers=[_waiver()], today=TODAY)
    (f,) = report.findings
    assert f.waived and f.waiver is not None
    assert (f.waiver.reason, f.waiver.owner) == ("archived", "@ops")
    assert report.counts() == {"P0": 0, "P1": 0, "P2": 0, "P3": 0, "waived": 1}
    out = report_dict(report)["findings"][0]
    assert out["waived"] is True
    assert out["waiver"]["reason"] == "archived" and out["waiver"]["owner"] == "@ops"


def test_waiver_messages_name_rule_owner_and_date() -> None:
    report = judge(_config(), [], set(), waivers=[_waiver(days=-1), _waiver(days=3)], today=TODAY)
    by_rule = {f.rule: f for f in report.findings}
    assert "expired on 2026-05-31" in by_rule["RG900"].message
    assert "@ops" in by_rule["RG900"].message
    assert "in 3 days" in by_rule["RG902"].message
    assert by_rule["RG900"].severity is Severity.P1
    assert (by_rule["RG900"].path, by_rule["RG900"].line) == ("deploy-readiness.yml", 9)


def test_audit_mode_no_waivers_shows_everything() -> None:
    """--no-waivers passes no waivers to judge: nothing is waived and no RG9xx is reported."""
    report = judge(_config(), [DROP], {"migrations"}, waivers=(), today=TODAY)
    assert _rules(report) == [("RG203", False)]
    assert not report.passed


def test_config_waiver_by_rule_name_and_no_waivers_via_run_check(git_repo: Any) -> None:
    from rollback_gate.gate import CheckOptions, run_check

    git_repo.commit(
        "init",
        {
            "deploy-readiness.yml": "version: 1\nservice: api\n"
            "rollback: {strategy: manual, runbook: docs/rb.md}\n"
            "waivers:\n  - rule: runbook-missing\n    reason: r\n    owner: '@o'\n"
            "    expires: 2099-01-01\n"
        },
    )
    waived = run_check(CheckOptions(repo=git_repo.root))
    rg105 = [f for f in waived.findings if f.rule == "RG105"]
    assert [f.waived for f in rg105] == [True]
    audit = run_check(CheckOptions(repo=git_repo.root, no_waivers=True))
    assert [f.waived for f in audit.findings if f.rule == "RG105"] == [False]
    assert not any(f.rule.startswith("RG9") for f in audit.findings)


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("policy: {disable: [RG203]}\n", []),
        ("policy: {disable: [migration-destroys-data]}\n", []),
        ("policy: {severity: {RG203: P3}}\n", [("RG203", "P3")]),
        ("policy: {severity: {migration-destroys-data: P0}}\n", [("RG203", "P0")]),
        ("", [("RG203", "P1")]),
    ],
)
def test_disable_and_severity_override(policy: str, expected: list[tuple[str, str]]) -> None:
    report = judge(_config(policy), [DROP], {"migrations"}, waivers=(), today=TODAY)
    assert [(f.rule, f.severity.value) for f in report.findings] == expected
    if "disable" in policy:
        assert report.disabled == ("RG203",)


def test_disabled_waiver_rule_is_not_reported() -> None:
    report = judge(
        _config("policy: {disable: [RG901]}\n"), [], set(), waivers=[_waiver()], today=TODAY
    )
    assert report.findings == ()


def test_check_severity_is_kept_unless_overridden() -> None:
    f = Finding("RG205", "odd file", path="a.sql", severity=Severity.P0)
    assert judge(_config(), [f], set(), waivers=(), today=TODAY).findings[0].severity.value == "P0"
    over = judge(_config("policy: {severity: {RG205: P3}}\n"), [f], set(), waivers=(), today=TODAY)
    assert over.findings[0].severity.value == "P3"


@pytest.mark.parametrize(
    ("policy_fail_on", "cli_fail_on", "severity", "passed"),
    [
        ("P1", None, "P1", False),
        ("P1", None, "P2", True),
        ("P0", None, "P1", True),
        ("P3", None, "P3", False),
        ("P1", Severity.P2, "P2", False),
        ("P1", Severity.P0, "P1", True),
    ],
)
def test_fail_on(
    policy_fail_on: str, cli_fail_on: Severity | None, severity: str, passed: bool
) -> None:
    config = _config(f"policy: {{fail_on: {policy_fail_on}, severity: {{RG203: {severity}}}}}\n")
    report = judge(config, [DROP], {"migrations"}, waivers=(), today=TODAY, fail_on=cli_fail_on)
    assert report.passed is passed
    assert report.fail_on == (cli_fail_on or Severity(policy_fail_on))


@pytest.mark.parametrize(
    ("findings", "waivers", "applicable", "status"),
    [
        ([], [], set(), "n/a"),
        ([], [], {"migrations"}, "pass"),
        ([DROP], [_waiver()], set(), "pass"),  # only waived findings: the item exists, passes
        ([Finding("RG224", "x", path="a.sql")], [], {"migrations"}, "warn"),  # P2 < fail_on
        ([DROP], [], {"migrations"}, "fail"),
        ([DROP], [_waiver(days=-1)], {"migrations"}, "fail"),
    ],
)
def test_item_status(
    findings: list[Finding], waivers: list[Waiver], applicable: set[str], status: str
) -> None:
    report = judge(_config(), findings, applicable, waivers=waivers, today=TODAY)
    assert report.items["migrations"].value == status
    assert list(report.items) == ["plan", "tested", "migrations", "flags", "monitoring"]


def test_sort_order_severity_then_path_then_line() -> None:
    findings = [
        Finding("RG104", "p2 b", path="b.sh", line=2),
        Finding("RG203", "p1 b:10", path="b.sql", line=10),
        Finding("RG203", "p1 b:9", path="b.sql", line=9),
        Finding("RG203", "p1 a", path="a.sql", line=50),
        Finding("RG200", "p0 z", path="z.sql", line=1),
        Finding("RG104", "p2 a", path="a.sh", line=7),
    ]
    report = judge(_config(), findings, set(), waivers=(), today=TODAY)
    assert [f.message for f in report.findings] == [
        "p0 z",
        "p1 a",
        "p1 b:9",
        "p1 b:10",
        "p2 a",
        "p2 b",
    ]


def _spec_example() -> dict[str, Any]:
    block = re.search(r"```json\n(.*?)```", REPORT_DOC.read_text(encoding="utf-8"), re.S)
    assert block, "docs/report-format.md has no JSON report example"
    data: dict[str, Any] = json.loads(block.group(1))
    return data


def test_json_report_matches_spec_shape() -> None:
    example = _spec_example()
    findings = [DROP, Finding("RG201", "noop down", path="db/m/1.py", line=14)]
    report = judge(
        _config(),
        findings,
        {"migrations", "plan"},
        waivers=[_waiver(rule="RG203")],
        today=TODAY,
        base="a" * 40,
        head="b" * 40,
    )
    got = json.loads(json.dumps(report_dict(report)))
    # Every documented field, in the documented order; extensions only after them.
    assert list(got)[: len(example)] == list(example)
    assert set(got) - set(example) <= {"disabled", "notes", "analysed"}
    assert got["format"] == "rollback-gate.report/v1"
    assert set(got["tool"]) == set(example["tool"]) and got["tool"]["name"] == "rollback-gate"
    assert list(got["counts"]) == list(example["counts"])
    assert got["counts"] == {"P0": 1, "P1": 0, "P2": 0, "P3": 0, "waived": 1}
    assert list(got["items"]) == list(example["items"])
    assert set(got["items"].values()) <= {"pass", "warn", "fail", "n/a"}
    for f in got["findings"]:
        documented = list(example["findings"][0])
        assert list(f)[: len(documented)] == documented
        assert set(f) - set(documented) <= {"related"}
        assert isinstance(f["related"], list)
        assert f["severity"] in ("P0", "P1", "P2", "P3")
        assert f["line"] is None or (isinstance(f["line"], int) and f["line"] >= 1)
    assert (got["base"], got["head"], got["passed"], got["fail_on"]) == (
        "a" * 40,
        "b" * 40,
        False,
        "P1",
    )
    assert [f["rule"] for f in got["findings"]] == ["RG201", "RG203"]
    assert got["findings"][0]["waiver"] is None


def test_rollback_gate_now_pins_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from rollback_gate.errors import UsageError
    from rollback_gate.gate import current_time

    monkeypatch.setenv("ROLLBACK_GATE_NOW", "2027-03-04T05:06:07Z")
    assert current_time() == dt.datetime(2027, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("ROLLBACK_GATE_NOW", "2027-03-04")
    assert current_time().date() == dt.date(2027, 3, 4)
    monkeypatch.setenv("ROLLBACK_GATE_NOW", "last tuesday")
    with pytest.raises(UsageError, match="ROLLBACK_GATE_NOW"):
        current_time()


def test_paths_from_the_repository_root_include_related_locations() -> None:
    from rollback_gate.gate import at_repository_root
    from rollback_gate.models import Related

    drop = Finding(
        "RG203",
        "drops a",
        path="db/1.sql",
        line=1,
        related=(Related("db/1.sql", 2, "drops b"), Related(None, None, "elsewhere")),
    )
    report = judge(_config(), [drop], {"migrations"}, waivers=(), today=TODAY)
    rebased = at_repository_root(report, "services/api/")
    (f,) = rebased.findings
    assert f.path == "services/api/db/1.sql"
    assert [r.path for r in f.related] == ["services/api/db/1.sql", None]
