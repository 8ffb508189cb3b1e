"""The GitHub Action: action.yml metadata, and its composite steps run locally.

The steps are executed as the runner would: each ``run:`` script through bash, with the
step's ``env:`` (expressions evaluated from the inputs), a realistic ``GITHUB_*``
environment, an event payload, ``GITHUB_OUTPUT``/``GITHUB_STEP_SUMMARY`` files, a shallow
``--depth 1`` checkout of a pull request, and a local server imitating the GitHub API.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from ci_support import ROOT, clean_env, commit_all, git, validator
from pytest_httpserver import HTTPServer

from rollback_gate import action

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
EXAMPLE = ROOT / "examples" / "checkout-service"
TOKEN = "ghs_actionTOKEN987"
EXPR = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def test_action_yml_validates_against_schema() -> None:
    errors = list(validator("github-action.json").iter_errors(ACTION))
    assert not errors, errors[0].message


def test_inputs_reach_scripts_only_through_env() -> None:
    steps = ACTION["runs"]["steps"]
    assert ACTION["runs"]["using"] == "composite"
    for step in steps:
        assert "${{" not in step.get("run", ""), f"expression inside run: of {step['name']}"
        if "uses" in step:
            continue
    gate = next(s for s in steps if s.get("id") == "gate")
    mapped = {m.group(1) for v in gate["env"].values() for m in EXPR.finditer(v)}
    assert {f"inputs.{name}" for name in ACTION["inputs"]} <= mapped
    for name in ACTION["inputs"]:
        assert name == name.lower() and "_" not in name  # hyphen-case
        env_name = "INPUT_" + name.upper().replace("-", "_")
        assert gate["env"][env_name] == f"${{{{ inputs.{name} }}}}"
    assert ACTION["inputs"]["token"]["default"] == "${{ github.token }}"
    for name, out in ACTION["outputs"].items():
        assert out["value"] == f"${{{{ steps.gate.outputs.{name} }}}}"


def _outputs(path: Path) -> dict[str, str]:
    """Parse a GITHUB_OUTPUT file (both ``k=v`` and ``k<<DELIM`` forms)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out: dict[str, str] = {}
    i = 0
    while i < len(lines):
        if "<<" in lines[i]:
            name, delim = lines[i].split("<<", 1)
            end = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1 : end])
            i = end + 1
        else:
            name, _, value = lines[i].partition("=")
            out[name] = value
            i += 1
    return out


def _evaluate(
    value: str, inputs: dict[str, str], steps: dict[str, dict[str, str]], temp: str = ""
) -> str:
    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref == "runner.temp":
            return temp
        if ref.startswith("inputs."):
            return inputs[ref.removeprefix("inputs.")]
        if ref == "github.token":
            return TOKEN
        _, step, _, name = ref.split(".", 3)
        return steps[step][name]

    return EXPR.sub(one, value)


def run_action(
    workspace: Path, env: dict[str, str], given: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run every step of the composite like the runner: bash, step env, GITHUB_OUTPUT."""
    inputs = {name: str(spec.get("default", "")) for name, spec in ACTION["inputs"].items()}
    inputs.update(given)
    inputs = {k: _evaluate(v, inputs, {}) for k, v in inputs.items()}
    steps: dict[str, dict[str, str]] = {}
    result = None
    for step in ACTION["runs"]["steps"]:
        if "uses" in step:
            continue  # another action (actions/cache): the runner's business
        output = Path(env["RUNNER_TEMP"]) / f"output-{step['id']}"
        output.write_text("", encoding="utf-8")
        temp = env["RUNNER_TEMP"]
        step_env = {
            k: _evaluate(str(v), inputs, steps, temp) for k, v in step.get("env", {}).items()
        }
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=workspace,
            env={**env, **step_env, "GITHUB_OUTPUT": str(output)},
            capture_output=True,
            text=True,
            timeout=300,
        )
        steps[step["id"]] = _outputs(output)
        if result.returncode != 0:
            break
    assert result is not None
    return result, steps.get("gate", {})


@pytest.fixture
def pr_checkout(tmp_path: Path) -> dict[str, Any]:
    """origin with main and a PR branch; the workspace is a --depth 1 clone of the PR."""
    if not (EXAMPLE / "deploy-readiness.yml").is_file():
        pytest.skip(f"example repository {EXAMPLE} not found")
    seed = tmp_path / "seed"
    shutil.copytree(EXAMPLE, seed)
    git(seed, "init", "-q", "-b", "main")
    base = commit_all(seed, "base")
    for i in range(3):  # history the shallow clone does not have
        (seed / "docs" / f"note{i}.md").write_text(f"note {i}\n", encoding="utf-8")
        base = commit_all(seed, f"docs {i}")
    git(seed, "checkout", "-q", "-b", "feature")
    (seed / "scripts" / "rollback.sh").unlink()
    head = commit_all(seed, "remove the rollback script")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(origin))
    workspace = tmp_path / "workspace"
    git(
        tmp_path,
        "clone",
        "-q",
        "--depth",
        "1",
        "--branch",
        "feature",
        f"file://{origin}",
        "workspace",
    )
    runner_temp = tmp_path / "runner-temp"
    runner_temp.mkdir()
    _installed_venv(runner_temp)
    return {"workspace": workspace, "base": base, "head": head, "temp": runner_temp}


def _installed_venv(runner_temp: Path) -> None:
    """The setup step's "already installed" path, for the interpreter running these tests.

    A wrapper, not a child venv: a venv made inside a venv sees the base interpreter's
    packages, not the ones under test, whatever installed Python.
    """
    venv = runner_temp / "rollback-gate-venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(f'#!/bin/sh\nexec {shlex.quote(sys.executable)} "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    (venv / ".installed-from").write_text(venv_key(runner_temp), encoding="utf-8")


RUNNER = {"RUNNER_OS": "Linux", "RUNNER_ARCH": "X64"}


def _step(step_id: str) -> dict[str, Any]:
    return next(s for s in ACTION["runs"]["steps"] if s.get("id") == step_id)


def venv_key(temp: Path) -> str:
    """The cache key the action's key step computes (it names the installed venv)."""
    output = temp / "output-key"
    env = {**clean_env(), **RUNNER, "GITHUB_ACTION_PATH": str(ROOT), "GITHUB_OUTPUT": str(output)}
    subprocess.run(["bash", "-eo", "pipefail", "-c", _step("key")["run"]], env=env, check=True)
    return _outputs(output)["key"]


def test_venv_cache_key_follows_constraints_code_and_python(tmp_path: Path) -> None:
    key = venv_key(tmp_path)
    assert key.startswith("rollback-gate-venv-Linux-X64-CPython3.")
    assert key == venv_key(tmp_path)  # stable
    cache = next(s for s in ACTION["runs"]["steps"] if "actions/cache@" in s.get("uses", ""))
    assert cache["with"]["key"] == "${{ steps.key.outputs.key }}"
    assert cache["with"]["path"] == "${{ runner.temp }}/rollback-gate-venv"
    assert "constraints.txt" in _step("key")["run"]
    assert '--constraint "$GITHUB_ACTION_PATH/constraints.txt"' in _step("setup")["run"]


def test_action_runs_the_code_under_test(pr_checkout: dict[str, Any]) -> None:
    import rollback_gate

    python = pr_checkout["temp"] / "rollback-gate-venv" / "bin" / "python"
    where = "import rollback_gate; print(rollback_gate.__file__)"
    out = subprocess.run(
        [str(python), "-c", where],
        cwd=pr_checkout["workspace"],  # where the action runs it; not this checkout
        env=clean_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(out.stdout.strip()) == Path(rollback_gate.__file__)


def _github_env(pr: dict[str, Any], api: str, *, fork: bool) -> dict[str, str]:
    temp: Path = pr["temp"]
    head_repo = "contributor/shop" if fork else "acme/shop"
    event = {
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "base": {"ref": "main", "sha": pr["base"], "repo": {"full_name": "acme/shop"}},
            "head": {"ref": "feature", "sha": pr["head"], "repo": {"full_name": head_repo}},
        },
        "repository": {"full_name": "acme/shop"},
    }
    (temp / "event.json").write_text(json.dumps(event), encoding="utf-8")
    (temp / "summary.md").write_text("", encoding="utf-8")
    return {
        **clean_env(),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": "pull_request",
        "GITHUB_EVENT_PATH": str(temp / "event.json"),
        "GITHUB_REPOSITORY": "acme/shop",
        "GITHUB_API_URL": api,
        "GITHUB_WORKSPACE": str(pr["workspace"]),
        "GITHUB_SHA": pr["head"],
        "GITHUB_REF": "refs/pull/7/merge",
        "GITHUB_BASE_REF": "main",
        "GITHUB_HEAD_REF": "feature",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_STEP_SUMMARY": str(temp / "summary.md"),
        "RUNNER_TEMP": str(temp),
        **RUNNER,
    }


def test_failing_pr_annotates_summarises_comments_and_fails(
    pr_checkout: dict[str, Any], httpserver: HTTPServer
) -> None:
    comments = "/repos/acme/shop/issues/7/comments"
    httpserver.expect_request(comments, method="GET").respond_with_json([])
    httpserver.expect_request(comments, method="POST").respond_with_json(
        {"id": 1, "html_url": "https://github.com/acme/shop/pull/7#issuecomment-1"}, status=201
    )
    env = _github_env(pr_checkout, httpserver.url_for("").rstrip("/"), fork=False)
    given = {"formats": "junit:reports/junit.xml", "comment": "on-failure"}
    result, out = run_action(pr_checkout["workspace"], env, given)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert out["result"] == "fail" and out["exit-code"] == "1"
    assert out["p0"] == "1" and out["waived"] == "1"
    assert re.search(r"^::error file=deploy-readiness.yml,line=\d+,title=RG101 ", log, re.M)
    sarif = json.loads(Path(out["sarif-file"]).read_text(encoding="utf-8"))
    assert not list(validator("sarif-2.1.0.json").iter_errors(sarif))
    report = json.loads(Path(out["json-file"]).read_text(encoding="utf-8"))
    assert report["base"] == pr_checkout["base"] and report["passed"] is False
    assert (pr_checkout["workspace"] / "reports" / "junit.xml").is_file()
    summary = (pr_checkout["temp"] / "summary.md").read_text(encoding="utf-8")
    assert "rollback-gate failed" in summary
    posted = [r for r, _ in httpserver.log if r.method == "POST"]
    assert len(posted) == 1 and posted[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert "RG101" in posted[0].get_json()["body"]
    assert TOKEN not in log


def test_fork_pr_degrades_to_annotations_and_summary(
    pr_checkout: dict[str, Any], httpserver: HTTPServer
) -> None:
    comments = "/repos/acme/shop/issues/7/comments"
    httpserver.expect_request(comments, method="GET").respond_with_json([])
    httpserver.expect_request(comments, method="POST").respond_with_json(
        {"message": "Resource not accessible by integration"}, status=403
    )
    env = _github_env(pr_checkout, httpserver.url_for("").rstrip("/"), fork=True)
    result, out = run_action(pr_checkout["workspace"], env, {})
    log = result.stdout + result.stderr
    assert result.returncode == 1 and out["result"] == "fail", log
    notices = [
        line for line in log.splitlines() if line.startswith("::notice title=rollback-gate::")
    ]
    assert len(notices) == 1 and "read-only" in notices[0]
    summary = (pr_checkout["temp"] / "summary.md").read_text(encoding="utf-8")
    assert "rollback-gate failed" in summary and "read-only" in summary
    assert TOKEN not in log


def test_hostile_input_is_data_not_code(pr_checkout: dict[str, Any], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    env = _github_env(pr_checkout, "http://127.0.0.1:9", fork=False)
    given = {"base-ref": f'main"; touch {marker}; echo "$(touch {marker})', "comment": "off"}
    result, out = run_action(pr_checkout["workspace"], env, given)
    assert not marker.exists()
    log = result.stdout + result.stderr
    assert result.returncode == 4 and out["result"] == "error", log
    assert "cannot be resolved" in log  # the whole string reached git as one ref


def test_the_result_cache_is_restored_and_saved_where_the_gate_keeps_it(tmp_path: Path) -> None:
    steps = ACTION["runs"]["steps"]
    gate = next(s for s in steps if s.get("id") == "gate")
    cache = next(
        s
        for s in steps
        if str(s.get("uses", "")).startswith("actions/cache@")
        and s["with"]["path"] == gate["env"]["ROLLBACK_GATE_CACHE_DIR"]
    )
    assert steps.index(cache) < steps.index(gate)
    assert cache["with"]["path"] == gate["env"]["ROLLBACK_GATE_CACHE_DIR"]
    assert "github.sha" in cache["with"]["key"] and cache["with"]["restore-keys"]
    assert cache["if"] == "inputs.cache == 'true'"
    off = action.command(action.read_inputs({"INPUT_CACHE": "false"}), tmp_path, tmp_path)
    assert "--no-cache" in off
    assert "--no-cache" not in action.command(action.read_inputs({}), tmp_path, tmp_path)
    with pytest.raises(action.InputError):
        action.read_inputs({"INPUT_CACHE": "maybe"})


def test_invalid_input_is_a_usage_error(tmp_path: Path) -> None:
    output = tmp_path / "out"
    env = {"INPUT_FAIL_ON": "P9", "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(tmp_path)}
    assert action.run(env) == 2
    assert _outputs(output) == {"result": "error", "exit-code": "2"}


def test_command_line_from_inputs(tmp_path: Path) -> None:
    inputs = action.read_inputs(
        {
            "INPUT_CONFIG": "svc/deploy-readiness.yml",
            "INPUT_BASE_REF": "origin/main",
            "INPUT_FAIL_ON": "p2",
            "INPUT_FORMATS": "junit:j.xml,\ngitlab:cq.json text",
            "INPUT_ONLINE": "true",
        }
    )
    args = action.command(inputs, tmp_path / "r.json", tmp_path / "r.sarif")
    assert args[1:4] == ["-m", "rollback_gate", "check"]
    assert args[4:6] == ["--format", "text"]  # a bare name replaces the annotations
    for expected in (
        ["--format", "junit:j.xml"], ["--format", "gitlab:cq.json"],
        ["--config", "svc/deploy-readiness.yml"], ["--base", "origin/main"],
        ["--fail-on", "P2"], ["--format", f"sarif:{tmp_path / 'r.sarif'}"],
    ):  # fmt: skip
        i = args.index(expected[1])
        assert args[i - 1] == expected[0]
    assert args[-1] == "--online"
    with pytest.raises(action.InputError):
        action.command(action.read_inputs({"INPUT_FORMATS": "text github"}), tmp_path, tmp_path)
    with pytest.raises(action.InputError):
        action.read_inputs({"INPUT_COMMENT": "sometimes"})


@pytest.mark.skipif(
    os.environ.get("ROLLBACK_GATE_TEST_INSTALL") != "1",
    reason="installs the package and its dependencies from PyPI; set ROLLBACK_GATE_TEST_INSTALL=1",
)
def test_setup_step_installs_into_an_isolated_venv(tmp_path: Path) -> None:
    setup = _step("setup")
    output = tmp_path / "out"
    env = {**clean_env(), "RUNNER_TEMP": str(tmp_path), "GITHUB_ACTION_PATH": str(ROOT)}
    env["RG_KEY"] = venv_key(tmp_path)
    subprocess.run(
        ["bash", "-eo", "pipefail", "-c", setup["run"]],
        env={**env, "GITHUB_OUTPUT": str(output)},
        check=True,
        timeout=900,
    )
    python = _outputs(output)["python"]
    assert python.startswith(str(tmp_path))
    check = "import rollback_gate.action, sys; print(sys.prefix)"
    prefix = subprocess.run([python, "-c", check], capture_output=True, text=True, check=True)
    assert prefix.stdout.strip().startswith(str(tmp_path))


def test_working_directory_of_a_monorepo_reports_root_paths(tmp_path: Path) -> None:
    workspace = tmp_path / "shop"
    shutil.copytree(ROOT / "examples" / "monorepo", workspace)
    git(workspace, "init", "-q", "-b", "main")
    base = commit_all(workspace, "two services")
    git(workspace, "checkout", "-q", "-b", "feature")
    added = "services/orders/db/migrations/000003_add_orders_channel.up.sql"
    (workspace / added).write_text("ALTER TABLE orders ADD COLUMN channel TEXT;\n")
    head = commit_all(workspace, "orders: channel, no down file")
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    _installed_venv(temp)
    pr = {"workspace": workspace, "base": base, "head": head, "temp": temp}
    env = _github_env(pr, "http://127.0.0.1:9", fork=False)
    given = {"working-directory": "services/orders", "comment": "off"}
    result, out = run_action(workspace, env, given)
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    # Annotations, SARIF and JSON name the file from the repository root, like GitHub does.
    assert re.search(rf"^::error file={re.escape(added)},title=RG200 ", log, re.M), log
    sarif = json.loads(Path(out["sarif-file"]).read_text(encoding="utf-8"))
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for res in sarif["runs"][0]["results"]
        for loc in res["locations"]
    }
    assert added in uris and all(u.startswith("services/orders/") for u in uris)
    report = json.loads(Path(out["json-file"]).read_text(encoding="utf-8"))
    assert report["config"] == "services/orders/deploy-readiness.yml"
