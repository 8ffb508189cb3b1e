"""The command line: help, exit codes 0–4, output files, fail-closed behaviour."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner, Result

from rollback_gate import __version__
from rollback_gate.cli import main

REPORT_DOC = Path(__file__).resolve().parents[2] / "docs" / "report-format.md"
RUNBOOK_CONFIG = "version: 1\nservice: api\nrollback: {strategy: manual, runbook: docs/rb.md}\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _passing_repo(git_repo: Any) -> Any:
    """Findings below P0 only: exit 0 with --fail-on P0, exit 1 with the default P1."""
    git_repo.commit("init", {"deploy-readiness.yml": RUNBOOK_CONFIG, "docs/rb.md": "# rb\n"})
    return git_repo


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["check"],
        ["validate"],
        ["init"],
        ["rules"],
        ["explain"],
        ["schema"],
        ["drill"],
        ["verify"],
        ["verify", "migrations"],
    ],
    ids=lambda c: " ".join(c) or "main",
)
def test_help(command: list[str]) -> None:
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ")
    if command and command[0] in ("check", "init", "explain", "drill", "validate"):
        assert "rollback-gate " + command[0] in result.output  # an example


def test_version_in_a_real_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rollback_gate", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"rollback-gate, version {__version__}"


def test_exit_0_and_1(git_repo: Any) -> None:
    _passing_repo(git_repo)
    assert run("check", "--repo", str(git_repo.root), "--fail-on", "P0").exit_code == 0
    failed = run("check", "--repo", str(git_repo.root))
    assert failed.exit_code == 1
    assert "RG400" in failed.stdout


def test_exit_2_invalid_config_points_at_line_and_column(git_repo: Any) -> None:
    git_repo.commit("init", {"deploy-readiness.yml": "version: 1\nrollbak: {}\n"})
    result = run("check", "--repo", str(git_repo.root))
    assert result.exit_code == 2
    assert re.search(r"deploy-readiness\.yml:2:1: .*rollbak.*did you mean.*rollback", result.stderr)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["check", "init", "drill"])
def test_exit_2_repo_folder_that_does_not_exist(tmp_path: Path, command: str) -> None:
    result = run(command, "--repo", str(tmp_path / "nope"))
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.stderr


def test_exit_3_no_config_hints_init(git_repo: Any) -> None:
    git_repo.commit("init", {"README.md": "x\n"})
    result = run("check", "--repo", str(git_repo.root))
    assert result.exit_code == 3
    assert "no deploy-readiness.yml" in result.stderr
    assert "rollback-gate init" in result.stderr


def test_exit_4_unexpected_exception_in_one_line(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _passing_repo(git_repo)

    def boom(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.delenv("ROLLBACK_GATE_DEBUG", raising=False)
    monkeypatch.setattr("rollback_gate.checks.plan.check", boom)
    result = run("check", "--repo", str(git_repo.root))
    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "internal error: RuntimeError: disk on fire" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("target", "command"),
    [
        ("rollback_gate.catalog.rules_table", ["rules"]),
        ("rollback_gate.catalog.explain_rule", ["explain", "RG201"]),
        ("rollback_gate.scaffold.starter", ["init"]),
        ("rollback_gate.config.loader.discover", ["validate"]),
        ("json.dumps", ["schema"]),
    ],
)
def test_every_command_fails_closed(
    monkeypatch: pytest.MonkeyPatch, target: str, command: list[str]
) -> None:
    def boom(*args: Any, **kwargs: Any) -> None:
        raise ValueError("unexpected")

    monkeypatch.setattr(target, boom)
    result = run(*command)
    assert result.exit_code == 4, (result.exit_code, result.output)
    assert "internal error: ValueError: unexpected" in result.stderr


def test_explain() -> None:
    by_id = run("explain", "RG201")
    assert by_id.exit_code == 0
    assert by_id.stdout.startswith("RG201 migration-noop-reversal")
    assert run("explain", "migration-noop-reversal").stdout == by_id.stdout
    unknown = run("explain", "RG2O1")
    assert unknown.exit_code == 2
    assert "unknown rule 'RG2O1' (did you mean RG201?)" in unknown.stderr
    misspelt = run("explain", "migration-noop-reversl")
    assert misspelt.exit_code == 2 and "did you mean migration-noop-reversal?" in misspelt.stderr


def test_explain_image_tag_mutable_shows_before_and_after() -> None:
    result = run("explain", "RG122")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("RG122 image-tag-mutable  (plan, default P1)")
    before = out[out.index("Before") : out.index("After")]
    after = out[out.index("After") : out.index("Waive it")]
    assert "image: registry.example.com/api:latest" in before
    assert "image: registry.example.com/api:1.42.0@sha256:" in after
    assert "Kustomize" in out and "image.digest" in out  # the fix names each format
    assert run("explain", "image-tag-mutable").stdout == out


def test_rules_lists_the_catalog() -> None:
    result = run("rules")
    assert result.exit_code == 0
    assert re.search(r"^RG201 +migration-noop-reversal +migrations +P0", result.stdout, re.M)


def _spec_fields() -> tuple[list[str], list[str]]:
    block = re.search(r"```json\n(.*?)```", REPORT_DOC.read_text(encoding="utf-8"), re.S)
    assert block
    example = json.loads(block.group(1))
    return list(example), list(example["findings"][0])


def test_format_json_to_a_file(git_repo: Any, tmp_path: Path) -> None:
    _passing_repo(git_repo)
    out = tmp_path / "reports" / "gate.json"
    args = ["check", "--repo", str(git_repo.root), "--format", f"json:{out}"]
    assert run(*args).exit_code == 1  # the exit code does not depend on the format
    result = run(*args, "--format", "text")
    assert result.exit_code == 1
    assert "RG400" in result.stdout
    data = json.loads(out.read_text())
    top, finding = _spec_fields()
    assert list(data)[: len(top)] == top
    assert data["findings"] and all(list(f)[: len(finding)] == finding for f in data["findings"])
    assert data["passed"] is False and data["config"] == "deploy-readiness.yml"
    assert re.fullmatch(r"[0-9a-f]{40}", data["head"])


def test_two_formats_on_stdout_is_a_usage_error(git_repo: Any) -> None:
    _passing_repo(git_repo)
    result = run("check", "--repo", str(git_repo.root), "--format", "text", "--format", "json")
    assert result.exit_code == 2
    assert "only one --format may go to standard output" in result.stderr
    unknown = run("check", "--repo", str(git_repo.root), "--format", "yaml")
    assert unknown.exit_code == 2 and "unknown format 'yaml'" in unknown.stderr


def test_schema_is_a_valid_json_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"version": 1, "service": "api"})
    assert not validator.is_valid({"version": 1, "rollbak": {}})


def _no_git_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_validate_is_offline_and_needs_no_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "deploy-readiness.yml").write_text(RUNBOOK_CONFIG)
    _no_git_path(tmp_path, monkeypatch)
    monkeypatch.chdir(folder)
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == "deploy-readiness.yml: valid (version 1)\n"
    (folder / "bad.yml").write_text("version: 1\npolicy: {fail_on: P7}\n")
    bad = run("validate", "--config", "bad.yml")
    assert bad.exit_code == 2 and ":2:" in bad.stderr and "fail_on" in bad.stderr


def test_check_without_git_on_path(
    git_repo: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = RUNBOOK_CONFIG.replace("manual", "script, script: rb.sh")
    config += "migrations:\n  - {path: db/migrations, scope: all}\n"
    git_repo.commit(
        "init",
        {
            "deploy-readiness.yml": config,
            "docs/rb.md": "# rb\n",
            "rb.sh": "#!/usr/bin/env bash\nset -e\necho dry-run\n",
            "db/migrations/000001_init.up.sql": "CREATE TABLE t (id int);\n",
        },
    )
    _no_git_path(tmp_path, monkeypatch)
    result = run("check", "--repo", str(git_repo.root), "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert "RG200" in {f["rule"] for f in data["findings"]}  # scope: all still analysed
    assert data["head"] is None and data["base"] is None
    assert any("git is not installed" in n and "RG204" in n for n in data["notes"])
    assert any("committed mode of rb.sh (RG102) is not checked" in n for n in data["notes"])
    assert any("bash not found on PATH" in n for n in data["notes"])
    text = run("check", "--repo", str(git_repo.root))
    assert "git is not installed" in text.stdout
