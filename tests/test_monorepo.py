"""Monorepos: the gate runs in a service folder, and every path is relative to the root.

examples/monorepo holds two services, each with its own config; the tests copy it into a
fresh git repository (so its root is the repository root) and run the real command line.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from ci_support import ROOT, clean_env, commit_all, git

EXAMPLE = ROOT / "examples" / "monorepo"
BAD = "services/payments/db/migrations/000002_add_payment_refunds.up.sql"


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    repo = tmp_path / "shop"
    shutil.copytree(EXAMPLE, repo)
    git(repo, "init", "-q", "-b", "main")
    commit_all(repo, "two services")
    return repo


def _gate(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**clean_env(), "NO_COLOR": "1", "ROLLBACK_GATE_NOW": "2026-12-01T00:00:00Z"}
    command = [sys.executable, "-m", "rollback_gate", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_every_format_names_paths_from_the_repository_root(monorepo: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    formats = ["json", "sarif", "gitlab", "junit", "markdown", "text"]
    args = ["check", "--base", "HEAD", "--format", "github"]
    args += [arg for name in formats for arg in ("--format", f"{name}:{out}/{name}")]
    # Started deep inside the service: the config is found upward, paths stay root-relative.
    result = _gate(monorepo / "services" / "payments" / "db", *args)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"::error file={BAD}," in result.stdout  # the GitHub annotation
    report = json.loads((out / "json").read_text())
    assert report["config"] == "services/payments/deploy-readiness.yml"
    assert {f["path"] for f in report["findings"] if f["rule"] == "RG200"} == {BAD}
    sarif = json.loads((out / "sarif").read_text())
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
        for loc in result["locations"]
    }
    assert BAD in uris
    assert all(uri.startswith("services/payments/") for uri in uris), uris
    gitlab = json.loads((out / "gitlab").read_text())
    assert BAD in {issue["location"]["path"] for issue in gitlab}
    cases = ET.parse(out / "junit").getroot().iter("testcase")
    assert BAD in {case.get("file") for case in cases}
    assert BAD in (out / "markdown").read_text()
    assert BAD in (out / "text").read_text()


def test_repo_option_and_working_directory_agree(monorepo: Path) -> None:
    by_option = _gate(monorepo, "check", "--repo", "services/orders", "--base", "HEAD")
    assert by_option.returncode == 0, by_option.stdout + by_option.stderr
    inside = _gate(monorepo / "services" / "orders" / "db", "check", "--base", "HEAD")
    assert inside.returncode == 0, inside.stdout + inside.stderr
    assert inside.stdout == by_option.stdout
    assert "services/orders/deploy-readiness.yml" in inside.stdout


def test_root_without_a_config_still_says_so(monorepo: Path) -> None:
    result = _gate(monorepo, "check", "--base", "HEAD")
    assert result.returncode == 3, result.stdout + result.stderr
    assert "rollback-gate init" in result.stderr


def test_precommit_files_choose_the_services(monorepo: Path) -> None:
    orders = "services/orders/db/migrations/000002_add_orders_note.up.sql"
    one = _gate(monorepo, "check", "--base", "HEAD", orders)
    assert one.returncode == 0, one.stdout + one.stderr
    assert "orders" in one.stdout and "payments" not in one.stdout
    both = _gate(monorepo, "check", "--base", "HEAD", orders, BAD)
    assert both.returncode == 1, both.stdout + both.stderr
    assert "services/orders/deploy-readiness.yml" in both.stdout
    assert BAD in both.stdout
    none = _gate(monorepo, "check", "--base", "HEAD", "README.md")
    assert none.returncode == 0 and "no deploy-readiness.yml above" in none.stderr


def test_validate_takes_the_files_precommit_passes(monorepo: Path) -> None:
    configs = [f"services/{s}/deploy-readiness.yml" for s in ("orders", "payments")]
    ok = _gate(monorepo, "validate", *configs)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert ok.stdout.splitlines() == [f"{c}: valid (version 1)" for c in configs]
    (monorepo / configs[1]).write_text("version: 1\npolicy: {fail_on: P7}\n")
    bad = _gate(monorepo, "validate", *configs)
    assert bad.returncode == 2
    assert f"{configs[0]}: valid" in bad.stdout
    assert configs[1] in bad.stderr
    # Without arguments, from inside a service: found upward.
    inside = _gate(monorepo / "services" / "orders" / "db", "validate")
    assert inside.returncode == 0, inside.stdout + inside.stderr


def test_report_files_are_not_overwritten_by_a_second_service(
    monorepo: Path, tmp_path: Path
) -> None:
    orders = "services/orders/db/migrations/000002_add_orders_note.up.sql"
    out = f"json:{tmp_path / 'gate.json'}"
    result = _gate(monorepo, "check", "--base", "HEAD", "--format", out, orders, BAD)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "run the gate once per service" in result.stderr
    assert not (tmp_path / "gate.json").exists()
