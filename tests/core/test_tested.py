"""Checklist item ``tested`` (RG110–RG112): drill records bound to the script's content."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rollback_gate import evidence
from rollback_gate.checks import tested
from rollback_gate.cli import main
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.gate import CheckOptions, prepare

NOW = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.timezone.utc)
SCRIPT = "scripts/rollback.sh"
BODY = "#!/usr/bin/env bash\nset -euo pipefail\necho rolling back ${1:-}\n"
SHA = hashlib.sha256(BODY.encode()).hexdigest()
KEY = "test-drill-key"
CONFIG = """\
version: 1
service: api
rollback:
  strategy: script
  script: scripts/rollback.sh
  dry_run: scripts/rollback.sh --dry-run
  evidence: {file: .rollback-gate/drills.jsonl, max_age_days: 30}
"""


def record(
    days_ago: float = 1, result: str = "passed", sha: str = SHA, **extra: Any
) -> dict[str, Any]:
    at = (NOW - dt.timedelta(days=days_ago)).replace(microsecond=0)
    return {
        "format": "rollback-gate.drill/v1",
        "kind": "script",
        "at": at.isoformat().replace("+00:00", "Z"),
        "commit": "0" * 40,
        "subject": SCRIPT,
        "subject_sha256": sha,
        "command": "scripts/rollback.sh --dry-run",
        "exit_code": 0 if result == "passed" else 1,
        "duration_s": 0.5,
        "result": result,
        **extra,
    }


def signed(rec: dict[str, Any]) -> dict[str, Any]:
    return evidence.sign(rec, KEY)


def tampered(rec: dict[str, Any]) -> dict[str, Any]:
    return {**signed(rec), "result": "passed", "exit_code": 0}


Line = dict[str, Any] | str | bytes


def _lines(records: list[Line]) -> bytes:
    out = b""
    for r in records:
        if isinstance(r, dict):
            r = json.dumps(r)
        out += (r.encode() if isinstance(r, str) else r) + b"\n"
    return out


def _repo(git_repo: Any, records: list[Line], config: str = CONFIG) -> Any:
    git_repo.commit(
        "init",
        {
            "deploy-readiness.yml": config,
            SCRIPT: BODY,
            ".rollback-gate/drills.jsonl": _lines(records),
        },
        executable=(SCRIPT,),
    )
    return git_repo


def _check(
    root: Path, evidence_file: Path | None = None
) -> tuple[list[tuple[str, int | None, str]], list[str]]:
    ctx = prepare(CheckOptions(repo=root, now=NOW, evidence=evidence_file))
    found = [(f.rule, f.line, f.message) for f in tested.check(ctx)]
    return found, ctx.notes


# (name, records, key in env, expected rules, note fragment)
CASES: list[tuple[str, list[Line], str | None, list[str], str]] = [
    ("no record: RG110", [], None, ["RG110"], ""),
    ("record for other content: RG110", [record(sha="f" * 64)], None, ["RG110"], ""),
    ("fresh passing drill", [record()], None, [], ""),
    ("stale: RG111", [record(days_ago=45)], None, ["RG111"], ""),
    ("failed latest: RG112", [record(days_ago=2), record(result="failed")], None, ["RG112"], ""),
    ("passed after a failure", [record(days_ago=2, result="failed"), record()], None, [], ""),
    ("order by time, not by line", [record(), record(days_ago=3, result="failed")], None, [], ""),
    ("signed, verified", [signed(record())], KEY, [], ""),
    (
        "signed with another key: ignored",
        [evidence.sign(record(), "other")],
        KEY,
        ["RG110"],
        "invalid or missing signature",
    ),
    (
        "tampered: ignored",
        [tampered(record(result="failed"))],
        KEY,
        ["RG110"],
        "invalid or missing signature",
    ),
    (
        "tampered failure hidden behind a pass is ignored",
        [signed(record(days_ago=2)), tampered(record(result="failed"))],
        KEY,
        [],
        "invalid or missing signature",
    ),
    ("unsigned accepted when signatures are not required", [record()], KEY, [], ""),
    (
        "corrupt line skipped with a note",
        ["{not json", record()],
        None,
        [],
        "drills.jsonl:1: not a JSON record; line skipped",
    ),
    (
        "non-record JSON skipped",
        ['["a list"]', '{"format": "x"}', record()],
        None,
        [],
        "drills.jsonl:2: not a drill record",
    ),
    (
        "deeply nested JSON line skipped, no crash",
        ["[" * 100_000, record()],
        None,
        [],
        "drills.jsonl:1:",
    ),
    (
        "invalid UTF-8 line skipped",
        [b'{"format": "\xff\xfe"}', record()],
        None,
        [],
        "drills.jsonl:1:",
    ),
    ("unparsable date treated as oldest", [record(at="yesterday")], None, ["RG111"], ""),
]


@pytest.mark.parametrize(
    ("records", "key", "expected", "note"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_tested(
    git_repo: Any,
    monkeypatch: pytest.MonkeyPatch,
    records: list[Line],
    key: str | None,
    expected: list[str],
    note: str,
) -> None:
    if key:
        monkeypatch.setenv(evidence.KEY_ENV, key)
    _repo(git_repo, records)
    found, notes = _check(git_repo.root)
    assert [f[0] for f in found] == expected, found
    if note:
        assert any(note in n for n in notes), notes


def test_finding_lines_and_messages(git_repo: Any) -> None:
    _repo(git_repo, [record(days_ago=45)])
    (stale,), _ = _check(git_repo.root)
    assert stale == (
        "RG111",
        7,
        "the latest passing drill of scripts/rollback.sh is 45 days old (max_age_days: 30)",
    )
    (git_repo.root / ".rollback-gate/drills.jsonl").write_bytes(_lines([record(result="failed")]))
    (failed,), _ = _check(git_repo.root)
    assert failed[:2] == ("RG112", 5) and "failed with exit code 1" in failed[2]
    (git_repo.root / ".rollback-gate/drills.jsonl").write_text("")
    (none,), _ = _check(git_repo.root)
    assert none[:2] == ("RG110", 5) and SHA[:12] in none[2]


def test_editing_the_script_invalidates_the_record(git_repo: Any) -> None:
    _repo(git_repo, [record()])
    git_repo.commit("edit", {SCRIPT: BODY + "echo more\n"}, executable=(SCRIPT,))
    assert [f[0] for f in _check(git_repo.root)[0]] == ["RG110"]


def test_require_signed_drills(git_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    config = CONFIG + "policy: {require_signed_drills: true}\n"
    _repo(git_repo, [record(), signed(record(days_ago=2))], config)
    with pytest.raises(EnvironmentProblem, match="ROLLBACK_GATE_DRILL_KEY"):
        _check(git_repo.root)
    monkeypatch.setenv(evidence.KEY_ENV, KEY)
    found, notes = _check(git_repo.root)
    assert found == []  # the signed record counts, the unsigned one is ignored
    assert sum("invalid or missing signature" in n for n in notes) == 1


def test_require_signed_drills_without_key_exits_4(git_repo: Any) -> None:
    _repo(git_repo, [record()], CONFIG + "policy: {require_signed_drills: true}\n")
    result = CliRunner().invoke(main, ["check", "--repo", str(git_repo.root)])
    assert result.exit_code == 4, result.output
    assert "require_signed_drills" in result.stderr
    assert "Traceback" not in result.output


def test_evidence_option_reads_another_file(git_repo: Any, tmp_path: Path) -> None:
    _repo(git_repo, [])
    artifact = tmp_path / "artifact" / "drills.jsonl"
    artifact.parent.mkdir()
    artifact.write_bytes(_lines([record()]))
    assert [f[0] for f in _check(git_repo.root)[0]] == ["RG110"]
    assert _check(git_repo.root, artifact)[0] == []


def test_evidence_option_on_the_cli(git_repo: Any, tmp_path: Path) -> None:
    _repo(git_repo, [])
    artifact = tmp_path / "drills.jsonl"
    artifact.write_bytes(_lines([record(days_ago=0)]))
    args = ["check", "--repo", str(git_repo.root), "--format", "json"]
    without = json.loads(CliRunner().invoke(main, args).stdout)
    with_file = json.loads(CliRunner().invoke(main, [*args, "--evidence", str(artifact)]).stdout)
    assert "RG110" in {f["rule"] for f in without["findings"]}
    assert "RG110" not in {f["rule"] for f in with_file["findings"]}


def test_missing_evidence_option_file_is_noted(git_repo: Any, tmp_path: Path) -> None:
    _repo(git_repo, [record()])
    found, notes = _check(git_repo.root, tmp_path / "nope.jsonl")
    assert [f[0] for f in found] == ["RG110"]
    assert any("nope.jsonl" in n and "not found" in n for n in notes), notes


def test_signature_covers_every_field() -> None:
    rec = signed(record())
    assert evidence.signature_ok(rec, KEY)
    for field, value in [
        ("subject_sha256", "0" * 64),
        ("at", "2030-01-01T00:00:00Z"),
        ("commit", "1" * 40),
    ]:
        assert not evidence.signature_ok({**rec, field: value}, KEY), field
    assert not evidence.signature_ok(record(), KEY)
