"""Example CI files: GitHub workflows validate and fit the action; GitLab publishes reports."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci_support import ROOT, validator

from rollback_gate import comment
from rollback_gate.formats import FORMATS

WORKFLOWS = sorted((ROOT / "examples" / "workflows").glob("*.yml"))
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
GITLAB = ROOT / "examples" / "gitlab" / ".gitlab-ci.yml"


def _load(path: Path) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as True (YAML 1.1); GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for job in workflow["jobs"].values() for s in job.get("steps", [])]


def test_examples_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"rollback-gate.yml", "rollback-gate-pr.yml", "rollback-gate-comment.yml"} <= names
    assert (ROOT / comment.FORK_PATTERN).is_file()


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_validates_against_schema(path: Path) -> None:
    errors = list(validator("github-workflow.json").iter_errors(_load(path)))
    assert not errors, f"{path.name}: {errors[0].message} at {list(errors[0].path)}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_uses_the_action_as_declared(path: Path) -> None:
    workflow = _load(path)
    for step in _steps(workflow):
        # template injection: no expression is ever spliced into a shell script
        assert "${{" not in step.get("run", ""), f"{path.name}: expression in run:"
        if str(step.get("uses", "")).endswith("/rollback-gate@v1"):
            assert set(step.get("with", {})) <= set(ACTION["inputs"])
    text = path.read_text(encoding="utf-8")
    for name in re.findall(r"steps\.gate\.outputs\.([\w-]+)", text):
        assert name in ACTION["outputs"], f"{path.name}: unknown output {name}"


def test_gate_workflow_uploads_sarif_with_permission() -> None:
    workflow = _load(ROOT / "examples" / "workflows" / "rollback-gate.yml")
    assert workflow["permissions"]["security-events"] == "write"
    upload = next(s for s in _steps(workflow) if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == "${{ steps.gate.outputs.sarif-file }}"
    assert "!cancelled()" in upload["if"]  # runs when the gate failed too


def test_sarif_upload_is_current_and_skips_fork_pull_requests() -> None:
    # v3 is deprecated; a fork's pull request gets a token that cannot upload, and the
    # failing upload step would fail the job: the guard skips it there.
    guard = "github.event.pull_request.head.repo.full_name == github.repository"
    texts = {p: p.read_text(encoding="utf-8") for p in WORKFLOWS}
    texts[ROOT / "docs" / "ci-integration.md"] = (ROOT / "docs" / "ci-integration.md").read_text(
        encoding="utf-8"
    )
    uploads = 0
    for path, text in texts.items():
        for m in re.finditer(r"uses: github/codeql-action/upload-sarif@(\S+)", text):
            uploads += 1
            assert m.group(1) == "v4", f"{path.name}: upload-sarif@{m.group(1)}"
            before = text[: m.start()].rsplit("- ", 1)[-1]  # this step's lines so far
            assert guard in before, f"{path.name}: the upload has no fork guard"
    assert uploads >= 2


def test_fork_safe_pair_is_consistent() -> None:
    pr = _load(ROOT / "examples" / "workflows" / "rollback-gate-pr.yml")
    bot = _load(ROOT / "examples" / "workflows" / "rollback-gate-comment.yml")
    assert list(pr["on"]) == ["pull_request"] and pr["permissions"] == {"contents": "read"}
    assert bot["on"]["workflow_run"]["workflows"] == [pr["name"]]
    uploaded = next(s for s in _steps(pr) if "upload-artifact" in s.get("uses", ""))
    downloaded = next(s for s in _steps(bot) if "download-artifact" in s.get("uses", ""))
    assert uploaded["with"]["name"] == downloaded["with"]["name"]
    # the privileged job never checks out the pull request's code
    for step in _steps(bot):
        if "actions/checkout" in step.get("uses", ""):
            assert step["with"]["repository"].endswith("/rollback-gate")
    assert "-m rollback_gate.comment" in next(s["run"] for s in _steps(bot) if "run" in s)


def test_gitlab_publishes_junit_and_code_quality() -> None:
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["rollback-gate"]
    script = " ".join(job["script"])
    args = shlex.split(script)
    assert args[0].endswith("rollback-gate") and args[1] == "check"
    outputs = dict(a.split(":", 1) for a in args if ":" in a and a.split(":")[0] in FORMATS)
    reports = job["artifacts"]["reports"]
    assert reports["junit"] == outputs["junit"]
    assert reports["codequality"] == outputs["gitlab"]
    assert job["artifacts"]["when"] == "always"  # reports also when the gate fails
    assert job["variables"]["GIT_DEPTH"] == "0"
