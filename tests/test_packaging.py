"""Packaging: licence metadata, what a user installs, and the Action's pinned dependencies."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement (PEP 503)."""
    name = re.match(r"[A-Za-z0-9._-]+", requirement)
    assert name, requirement
    return re.sub(r"[-_.]+", "-", name.group(0)).lower()


def test_licence_is_an_spdx_expression_with_its_text() -> None:
    # The `license = {text = …}` table stops building with setuptools in February 2027.
    assert PROJECT["project"]["license"] == "Apache-2.0"
    assert PROJECT["project"]["license-files"] == ["LICENSE"]
    assert "setuptools>=77" in PROJECT["build-system"]["requires"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.lstrip().startswith("Apache License")
    assert "Version 2.0, January 2004" in text and "END OF TERMS AND CONDITIONS" in text


def test_pglast_is_not_installed_with_the_product() -> None:
    # 33 MB that only a benchmark imports: an extra, never a dependency.
    runtime = {_name(r) for r in PROJECT["project"]["dependencies"]}
    assert "pglast" not in runtime
    assert any(_name(r) == "pglast" for r in PROJECT["project"]["optional-dependencies"]["bench"])
    for path in (ROOT / "rollback_gate").rglob("*.py"):
        assert not re.search(r"^\s*(import|from)\s+pglast", path.read_text(), re.M), path


def test_sql_benchmark_says_what_is_missing() -> None:
    hide = (
        "import runpy, sys; sys.modules['pglast'] = None; sys.argv = ['sql_parsers.py', '3']; "
        "sys.path.insert(0, 'benchmarks'); "
        "runpy.run_path('benchmarks/sql_parsers.py', run_name='__main__')"
    )
    done = subprocess.run(
        [sys.executable, "-c", hide], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "pglast not installed: skipped (pip install -e '.[bench]' adds it)" in done.stdout
    assert "scanner (split+classify)" in done.stdout


def test_action_constraints_pin_every_runtime_dependency() -> None:
    lines = (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = [line for line in lines if line.strip() and not line.startswith("#")]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[0-9][^ ]*", line) for line in pins), pins
    pinned = {_name(line) for line in pins}
    for requirement in PROJECT["project"]["dependencies"]:
        assert _name(requirement) in pinned, f"{requirement} is not pinned in constraints.txt"
    assert "rollback-gate" not in pinned
