"""Helpers for the CI-integration tests: reference schemas, git fixtures, action steps."""

from __future__ import annotations

import json
import os
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "tests" / "data" / "schemas"
# SchemaStore's workflow and action schemas, as vendored (and kept current) by the
# check-jsonschema package of the `test` extra; the other schemas are copies in SCHEMAS.
PACKAGED = {
    "github-workflow.json": "github-workflows.json",
    "github-action.json": "github-actions.json",
}
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def reference_schema(name: str) -> dict[str, object]:
    """The official schema NAME: from check-jsonschema's vendored copies, else tests/data."""
    if name in PACKAGED:
        vendor = resources.files("check_jsonschema.builtin_schemas.vendor")
        text = (vendor / PACKAGED[name]).read_text(encoding="utf-8")
    else:
        text = (SCHEMAS / name).read_text(encoding="utf-8")
    schema: dict[str, object] = json.loads(text)
    return schema


def validator(name: str) -> jsonschema.protocols.Validator:
    """A validator for the official schema NAME (see reference_schema)."""
    schema = reference_schema(name)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def clean_env() -> dict[str, str]:
    """os.environ without GIT_*, GITHUB_*, CI variables, so tests behave on any CI too."""
    drop = ("GIT_", "GITHUB_", "RUNNER_", "CI_", "INPUT_", "ROLLBACK_GATE_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop) and k != "CI"}
    return {**env, **GIT_ENV}


def git(cwd: Path, *args: str) -> str:
    """Run git with fixed identity and dates; return stdout."""
    out = subprocess.run(
        ["git", *args], cwd=cwd, env=clean_env(), check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message)
    return git(repo, "rev-parse", "HEAD")
