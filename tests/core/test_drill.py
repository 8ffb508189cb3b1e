"""``rollback-gate drill``: run the dry-run, stream its output, record bound evidence."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from typing import Any

import pytest
from click.testing import CliRunner

from rollback_gate import drill, evidence
from rollback_gate.checks import tested
from rollback_gate.cli import main
from rollback_gate.config.loader import load
from rollback_gate.errors import UsageError
from rollback_gate.gate import CheckOptions, prepare

NOW = dt.datetime(2026, 6, 1, 12, 0, 5, 123456, tzinfo=dt.timezone.utc)
SCRIPT = "scripts/rollback.sh"
CONFIG = """\
version: 1
service: api
rollback:
  strategy: script
  script: scripts/rollback.sh
  dry_run: {dry_run}
  drill_timeout_s: {timeout}
"""
PASSES = '#!/usr/bin/env bash\nset -e\necho "plan: undo deploy/api $1"\necho "done"\n'
FAILS = '#!/usr/bin/env bash\necho "kubectl: connection refused" >&2\nexit 3\n'


def _setup(
    git_repo: Any, script: str = PASSES, dry_run: str = f"{SCRIPT} --dry-run", timeout: int = 60
) -> Any:
    head = git_repo.commit(
        "init",
        {
            "deploy-readiness.yml": CONFIG.format(dry_run=dry_run, timeout=timeout),
            SCRIPT: script,
        },
        executable=(SCRIPT,),
    )
    config = load(git_repo.root / "deploy-readiness.yml", git_repo.root)
    return config, head


def _run(git_repo: Any, config: Any, head: str) -> tuple[drill.DrillResult, list[str]]:
    lines: list[str] = []
    result = drill.run(config, git_repo.root, head=head, on_output=lines.append, now=lambda: NOW)
    return result, lines


def _evidence_lines(git_repo: Any) -> list[dict[str, Any]]:
    text = (git_repo.root / ".rollback-gate/drills.jsonl").read_text()
    return [json.loads(line) for line in text.splitlines()]


def _tested_rules(git_repo: Any) -> list[str]:
    ctx = prepare(CheckOptions(repo=git_repo.root, now=NOW + dt.timedelta(hours=1)))
    return [f.rule for f in tested.check(ctx)]


def test_drill_passes_streams_output_and_records(git_repo: Any) -> None:
    config, head = _setup(git_repo)
    result, lines = _run(git_repo, config, head)
    assert lines == ["plan: undo deploy/api --dry-run", "done"]
    rec = result.record
    assert rec["result"] == "passed" and rec["exit_code"] == 0 and not result.timed_out
    assert rec["format"] == "rollback-gate.drill/v1" and rec["kind"] == "script"
    assert rec["at"] == "2026-06-01T12:00:05Z"
    assert rec["commit"] == head and rec["subject"] == SCRIPT
    assert rec["command"] == f"{SCRIPT} --dry-run"
    assert rec["subject_sha256"] == hashlib.sha256(PASSES.encode()).hexdigest()
    assert isinstance(rec["duration_s"], float)
    assert "signature" not in rec
    assert _evidence_lines(git_repo) == [rec]
    assert result.evidence_file == git_repo.root / ".rollback-gate/drills.jsonl"
    assert _tested_rules(git_repo) == []


def test_drill_fails(git_repo: Any) -> None:
    config, head = _setup(git_repo, FAILS)
    result, lines = _run(git_repo, config, head)
    assert lines == ["kubectl: connection refused"]  # stderr is streamed too
    assert (result.record["result"], result.record["exit_code"]) == ("failed", 3)
    assert _tested_rules(git_repo) == ["RG112"]


def test_drill_that_hangs_is_killed_and_recorded_failed(git_repo: Any) -> None:
    config, head = _setup(
        git_repo, script="#!/bin/sh\nsleep 30\n", dry_run=f"{SCRIPT} --dry-run", timeout=1
    )
    t0 = time.monotonic()
    result, lines = _run(git_repo, config, head)
    assert time.monotonic() - t0 < 15
    assert result.timed_out
    assert result.record["result"] == "failed"
    assert result.record["exit_code"] != 0
    assert lines[-1] == "drill timed out after 1 s and was killed"
    assert _evidence_lines(git_repo)[-1]["result"] == "failed"


def test_background_process_left_behind_does_not_turn_a_pass_into_a_timeout(
    git_repo: Any,
) -> None:
    config, head = _setup(
        git_repo, dry_run=f"bash -c 'sleep 30 & echo started' {SCRIPT}", timeout=20
    )
    t0 = time.monotonic()
    result, lines = _run(git_repo, config, head)
    assert time.monotonic() - t0 < 10
    assert not result.timed_out
    assert (result.record["result"], result.record["exit_code"]) == ("passed", 0)
    assert lines == ["started"]


def test_command_that_cannot_start_is_recorded_failed(git_repo: Any) -> None:
    config, head = _setup(git_repo, dry_run=f"no-such-binary-rg {SCRIPT} --dry-run")
    result, lines = _run(git_repo, config, head)
    assert (result.record["result"], result.record["exit_code"]) == ("failed", 127)
    assert "cannot start no-such-binary-rg" in lines[0]


def test_record_is_signed_with_the_key(git_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(evidence.KEY_ENV, "k3y")
    config, head = _setup(git_repo)
    result, _ = _run(git_repo, config, head)
    assert evidence.signature_ok(result.record, "k3y")
    assert not evidence.signature_ok(result.record, "other")
    assert _tested_rules(git_repo) == []


def test_record_is_bound_to_the_script_content(git_repo: Any) -> None:
    config, head = _setup(git_repo)
    _run(git_repo, config, head)
    git_repo.commit("edit", {SCRIPT: PASSES + "echo again\n"}, executable=(SCRIPT,))
    assert _tested_rules(git_repo) == ["RG110"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("version: 1\nrollback: {strategy: script, script: s.sh}\n", "rollback.dry_run is not set"),
        ("version: 1\nrollback: {strategy: manual, dry_run: echo}\n", "rollback.script is not set"),
        (
            "version: 1\nrollback: {strategy: script, script: gone.sh, dry_run: gone.sh}\n",
            "the rollback script is missing",
        ),
        (
            'version: 1\nrollback: {strategy: script, script: s.sh, dry_run: "s.sh \'x"}\n',
            "deploy-readiness.yml:2: rollback.dry_run: cannot split .* No closing quotation",
        ),
    ],
)
def test_drill_usage_errors(git_repo: Any, config: str, message: str) -> None:
    git_repo.commit("init", {"deploy-readiness.yml": config, "s.sh": PASSES})
    cfg = load(git_repo.root / "deploy-readiness.yml", git_repo.root)
    with pytest.raises(UsageError, match=message):
        drill.run(cfg, git_repo.root, head=None)


def test_unwritable_evidence_file_is_exit_4_in_one_line(git_repo: Any) -> None:
    _setup(git_repo)
    (git_repo.root / ".rollback-gate" / "drills.jsonl").mkdir(parents=True)  # a folder
    result = CliRunner().invoke(main, ["drill", "--repo", str(git_repo.root)])
    assert result.exit_code == 4, result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("rollback-gate: drill passed, but its record could not be written")
    assert "Traceback" not in result.output


def test_drill_command_line(git_repo: Any) -> None:
    _setup(git_repo)
    ok = CliRunner().invoke(main, ["drill", "--repo", str(git_repo.root)])
    assert ok.exit_code == 0, ok.output
    assert "s] plan: undo deploy/api --dry-run" in ok.stderr  # streamed with elapsed time
    assert ok.stdout.startswith("drill passed: exit 0 in ")
    git_repo.commit("break", {SCRIPT: FAILS}, executable=(SCRIPT,))
    bad = CliRunner().invoke(main, ["drill", "--repo", str(git_repo.root)])
    assert bad.exit_code == 1 and bad.stdout.startswith("drill failed: exit 3")


HELM_CONFIG = """\
version: 1
service: api
rollback:
  strategy: {strategy}
  script: scripts/rollback.sh
  dry_run: scripts/rollback.sh --dry-run
  manifests: ["deploy/**"]
"""
HELM_FILES = {
    SCRIPT: PASSES,
    "deploy/chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\nappVersion: 1.4.2\n",
    "deploy/chart/values.yaml": "image: {repository: registry:5000/api, tag: ''}\n"
    "worker: {image: {repository: worker, tag: main}}\n",
    "deploy/chart/templates/d.yaml": 'image: "{{ .Values.image.repository }}:x"\n',
    "deploy/job.yaml": "kind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n"
    "      containers: [{name: j, image: 'migrate:7@sha256:" + "a" * 64 + "'}]\n",
}


@pytest.mark.parametrize("strategy", ["helm", "kubectl"])
def test_drill_of_a_helm_or_kubectl_rollback_lists_the_images(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch, strategy: str
) -> None:
    monkeypatch.setenv(evidence.KEY_ENV, "k3y")
    files = {"deploy-readiness.yml": HELM_CONFIG.format(strategy=strategy), **HELM_FILES}
    head = git_repo.commit("init", files, executable=(SCRIPT,))
    config = load(git_repo.root / "deploy-readiness.yml", git_repo.root)
    result, _ = _run(git_repo, config, head)
    assert result.record["images"] == [
        "migrate:7@sha256:" + "a" * 64,
        "registry:5000/api:1.4.2",
        "registry:5000/api:x",
        "worker:main",
    ]
    assert _evidence_lines(git_repo) == [result.record]
    assert evidence.signature_ok(result.record, "k3y")  # the signature covers the images
    assert not evidence.signature_ok({**result.record, "images": ["worker:main"]}, "k3y")
    assert "RG110" not in _tested_rules(git_repo)


def test_drill_of_a_script_strategy_has_no_images_field(git_repo: Any) -> None:
    files = {"deploy-readiness.yml": HELM_CONFIG.format(strategy="script"), **HELM_FILES}
    head = git_repo.commit("init", files, executable=(SCRIPT,))
    config = load(git_repo.root / "deploy-readiness.yml", git_repo.root)
    result, _ = _run(git_repo, config, head)
    assert "images" not in result.record  # records stay as they were for other strategies


@pytest.mark.parametrize("dry_run", ["'true'", "echo scripts/rollback.shx", "bash -c 'exit 0'"])
def test_a_dry_run_that_does_not_run_the_script_is_refused(git_repo: Any, dry_run: str) -> None:
    config, head = _setup(git_repo, dry_run=dry_run)
    with pytest.raises(UsageError, match=r"does not run rollback\.script"):
        _run(git_repo, config, head)


def test_record_of_another_command_is_not_evidence(git_repo: Any) -> None:
    config, head = _setup(git_repo)
    _run(git_repo, config, head)
    assert _tested_rules(git_repo) == []
    # the config now drills `true`: the old record (and any record of `true`) proves nothing
    git_repo.commit("weaken", {"deploy-readiness.yml": CONFIG.format(dry_run="'true'", timeout=60)})
    evidence_file = git_repo.root / ".rollback-gate/drills.jsonl"
    record = _evidence_lines(git_repo)[-1]
    evidence_file.write_text(
        evidence_file.read_text() + json.dumps({**record, "command": "true"}) + "\n"
    )
    assert _tested_rules(git_repo) == ["RG110"]


def test_a_record_dated_in_the_future_is_not_fresh_evidence(git_repo: Any) -> None:
    config, head = _setup(git_repo)
    result = drill.run(config, git_repo.root, head=head, now=lambda: NOW + dt.timedelta(days=3650))
    assert result.record["result"] == "passed"
    assert _tested_rules(git_repo) == ["RG110"]
