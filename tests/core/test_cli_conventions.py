"""Command-line conventions (contract 1.1): -q, -v, --color, --fail-on case, rules JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomllib
from click.testing import CliRunner, Result

from rollback_gate import HOMEPAGE
from rollback_gate.cli import main
from rollback_gate.formats import sarif
from rollback_gate.rules import RULES

ROOT = Path(__file__).resolve().parents[2]
CONFIG = "version: 1\nservice: api\nrollback: {strategy: manual, runbook: docs/rb.md}\n"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    base = {"NO_COLOR": None, "FORCE_COLOR": None, "GITHUB_STEP_SUMMARY": None}
    return CliRunner().invoke(main, list(args), env={**base, **(env or {})})


@pytest.fixture
def repo(git_repo: Any) -> Path:
    """Findings below P0 only (no flags, no monitoring): exit 1 at P1, exit 0 at P0."""
    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, "docs/rb.md": "# rb\n"})
    git_repo.commit("docs", {"docs/more.md": "more\n"})
    root: Path = git_repo.root
    return root


def test_quiet_prints_the_verdict_only(repo: Path) -> None:
    result = run("check", "--repo", str(repo), "-q")
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("FAILED: ")
    assert run("check", "--repo", str(repo), "--quiet", "--fail-on", "P0").output.startswith(
        "PASSED: "
    )


def test_verbose_says_what_it_did_on_stderr(repo: Path) -> None:
    result = run("check", "--repo", str(repo), "-v", "--base", "HEAD~1")
    assert result.exit_code == 1
    assert "rollback-gate: check of" in result.stderr
    assert "deploy-readiness.yml" in result.stderr and "base " in result.stderr
    assert "rollback-gate: check of" not in result.stdout


def test_one_changed_file_is_singular(repo: Path) -> None:
    result = run("check", "--repo", str(repo), "--base", "HEAD~1")
    assert "1 changed file\n" in result.output and "1 changed files" not in result.output


@pytest.mark.parametrize(
    ("flag", "env", "coloured"),
    [
        ("always", {}, True),
        ("never", {"FORCE_COLOR": "1"}, False),
        ("auto", {"FORCE_COLOR": "1"}, True),
        ("auto", {"FORCE_COLOR": "0"}, False),
        ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ("auto", {}, False),  # not a terminal
        ("ALWAYS", {"NO_COLOR": "1"}, True),  # the flag wins over the environment
    ],
)
def test_color(repo: Path, flag: str, env: dict[str, str], coloured: bool) -> None:
    result = run("check", "--repo", str(repo), "--color", flag, env=env)
    assert ("\x1b[" in result.output) is coloured, result.output


@pytest.mark.parametrize("value", ["p0", "P0"])
def test_fail_on_is_case_insensitive(repo: Path, value: str) -> None:
    result = run("check", "--repo", str(repo), "--fail-on", value)
    assert result.exit_code == 0, result.output


def test_text_report_on_stdout_when_the_others_go_to_files(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "gate.json"
    result = run("check", "--repo", str(repo), "--format", f"json:{out}")
    assert json.loads(out.read_text())["passed"] is False
    assert "FAILED: " in result.stdout and "✓ plan" in result.stdout
    # ... unless the text report was sent elsewhere too.
    text = tmp_path / "gate.txt"
    quiet = run("check", "--repo", str(repo), "--format", f"json:{out}", "--format", f"text:{text}")
    assert quiet.stdout == "" and "FAILED: " in text.read_text()


def test_rules_as_json() -> None:
    result = run("rules", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == list(RULES)
    first = RULES[rows[0]["id"]]
    assert rows[0] == {
        "id": first.id,
        "name": first.name,
        "item": first.item,
        "severity": first.severity.value,
        "summary": first.summary,
        "why": first.why,
        "fix": first.fix,
        "before": first.before,
        "after": first.after,
    }
    assert run("rules", "--format", "JSON").output == result.output


def test_sarif_links_to_the_documentation() -> None:
    from rollback_gate.config.loader import parse
    from rollback_gate.gate import judge

    report = judge(parse(CONFIG), [], set(), waivers=(), today=__import__("datetime").date.today())
    driver = sarif.sarif_dict(report)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == HOMEPAGE
    assert all(rule["helpUri"].startswith(HOMEPAGE) for rule in driver["rules"])
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["urls"]["Homepage"] == HOMEPAGE


def test_readme_documents_shell_completion() -> None:
    readme = (ROOT / "README.md").read_text()
    for shell in ("bash", "zsh", "fish"):
        assert f"_ROLLBACK_GATE_COMPLETE={shell}_source rollback-gate" in readme
