"""The GitHub Action's gate step: ``python -m rollback_gate.action`` (see action.yml).

Inputs arrive only as environment variables (``INPUT_CONFIG``, ``INPUT_BASE_REF`` …),
never spliced into a shell script, so a branch name or a config path cannot inject
commands. The step runs ``rollback-gate check`` in a child process with annotations on the
log (``github``), the JSON and SARIF reports in files, and the markdown job summary (the
CLI appends it when ``GITHUB_STEP_SUMMARY`` is set); then it writes the step outputs,
updates the sticky PR comment when asked, and exits with the gate's own exit code.
The token is removed from the child's environment and never printed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rollback_gate.errors import EXIT_ENVIRONMENT, EXIT_FAIL, EXIT_PASS, EXIT_USAGE

SEVERITIES = ("P0", "P1", "P2", "P3")
COMMENT_MODES = ("off", "on-failure", "always")
PR_EVENTS = ("pull_request", "pull_request_target")


class InputError(Exception):
    """An action input has an invalid value."""


@dataclass(frozen=True)
class Inputs:
    """The action's inputs, validated."""

    config: str
    base_ref: str
    fail_on: str
    formats: tuple[str, ...]
    sarif_file: str
    online: bool
    comment: str
    token: str
    working_directory: str
    cache: bool = True


def read_inputs(env: Mapping[str, str]) -> Inputs:
    """Validate the ``INPUT_*`` variables set by action.yml."""

    def get(name: str) -> str:
        return env.get(f"INPUT_{name}", "").strip()

    fail_on = get("FAIL_ON").upper()
    if fail_on and fail_on not in SEVERITIES:
        raise InputError(f"fail-on must be one of {', '.join(SEVERITIES)}, not {fail_on!r}")
    comment = get("COMMENT").lower() or "on-failure"
    if comment not in COMMENT_MODES:
        raise InputError(f"comment must be one of {', '.join(COMMENT_MODES)}, not {comment!r}")
    online = get("ONLINE").lower() or "false"
    if online not in ("true", "false"):
        raise InputError(f"online must be true or false, not {online!r}")
    cache = get("CACHE").lower() or "true"
    if cache not in ("true", "false"):
        raise InputError(f"cache must be true or false, not {cache!r}")
    return Inputs(
        config=get("CONFIG"),
        base_ref=get("BASE_REF"),
        fail_on=fail_on,
        formats=tuple(f for f in re.split(r"[,\s]+", get("FORMATS")) if f),
        sarif_file=get("SARIF_FILE"),
        online=online == "true",
        comment=comment,
        token=env.get("INPUT_TOKEN", ""),
        working_directory=get("WORKING_DIRECTORY") or ".",
        cache=cache == "true",
    )


def command(inputs: Inputs, json_file: Path, sarif_file: Path) -> list[str]:
    """The ``rollback-gate check`` command line for these inputs."""
    stdout = [f for f in inputs.formats if ":" not in f]
    if len(stdout) > 1:
        raise InputError(f"formats: at most one NAME without :PATH, got {', '.join(stdout)}")
    args = [sys.executable, "-m", "rollback_gate", "check"]
    args += ["--format", stdout[0] if stdout else "github"]
    args += ["--format", f"json:{json_file}", "--format", f"sarif:{sarif_file}"]
    args += [a for f in inputs.formats if ":" in f for a in ("--format", f)]
    if inputs.config:
        args += ["--config", inputs.config]
    if inputs.base_ref:
        args += ["--base", inputs.base_ref]
    if inputs.fail_on:
        args += ["--fail-on", inputs.fail_on]
    if inputs.online:
        args.append("--online")
    if not inputs.cache:
        args.append("--no-cache")
    return args


def set_output(path: str | None, name: str, value: str) -> None:
    """Append one step output to ``$GITHUB_OUTPUT`` (delimiter syntax, safe for any value)."""
    if not path:
        return
    delimiter = f"ghadelimiter_{uuid.uuid4()}"
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(f"{name}<<{delimiter}\n{value}\n{delimiter}\n")


def _event(env: Mapping[str, str]) -> dict[str, object]:
    try:
        with open(env.get("GITHUB_EVENT_PATH", ""), encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def pull_request_number(env: Mapping[str, str]) -> int | None:
    """The PR number of a pull_request(_target) event, else None."""
    if env.get("GITHUB_EVENT_NAME") not in PR_EVENTS:
        return None
    pr = _event(env).get("pull_request")
    number = pr.get("number") if isinstance(pr, dict) else None
    return number if isinstance(number, int) else None


def _comment(inputs: Inputs, env: Mapping[str, str], json_file: Path) -> str | None:
    """Update the sticky comment; return a line for the log (or None when not applicable)."""
    number = pull_request_number(env)
    if inputs.comment == "off" or number is None:
        return None
    from rollback_gate import comment
    from rollback_gate.errors import UsageError
    from rollback_gate.formats.readback import load_report

    repo = env.get("GITHUB_REPOSITORY", "")
    if not inputs.token or not repo:
        return "::warning title=rollback-gate::PR comment skipped: no token or GITHUB_REPOSITORY"
    try:
        report = load_report(json_file)
        gh = comment.GitHub(env.get("GITHUB_API_URL", "https://api.github.com"), inputs.token)
        key = report.service or inputs.working_directory
        outcome = comment.upsert(
            gh,
            repo,
            number,
            report,
            mode=inputs.comment,
            key=key,
            author=env.get(comment.AUTHOR_ENV) or None,
        )
    except (comment.CommentError, UsageError) as exc:
        return f"::warning title=rollback-gate::PR comment failed: {exc}"
    if outcome.action == "degraded":
        summary = env.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as fh:
                fh.write(f"\n> {outcome.message}\n")
        return f"::notice title=rollback-gate::{outcome.message}"
    return outcome.message


def run(env: Mapping[str, str]) -> int:
    """The whole step; returns the exit code."""
    outputs = env.get("GITHUB_OUTPUT")
    try:
        inputs = read_inputs(env)
        workdir = Path(env.get("GITHUB_WORKSPACE", ".")) / inputs.working_directory
        out_dir = Path(env.get("RUNNER_TEMP") or workdir) / "rollback-gate"
        out_dir.mkdir(parents=True, exist_ok=True)
        json_file = out_dir / "report.json"
        sarif_file = Path(inputs.sarif_file) if inputs.sarif_file else out_dir / "report.sarif"
        sarif_file = (workdir / sarif_file).resolve()
        args = command(inputs, json_file, sarif_file)
    except InputError as exc:
        print(f"::error title=rollback-gate::invalid input: {exc}", flush=True)
        set_output(outputs, "result", "error")
        set_output(outputs, "exit-code", str(EXIT_USAGE))
        return EXIT_USAGE
    json_file.unlink(missing_ok=True)
    child_env = {k: v for k, v in env.items() if k != "INPUT_TOKEN"}
    sys.stdout.flush()
    try:
        code = subprocess.run(args, cwd=workdir, env=child_env, check=False).returncode
    except OSError as exc:
        print(f"::error title=rollback-gate::cannot run the gate: {exc.strerror}", flush=True)
        code = EXIT_ENVIRONMENT
    result = {EXIT_PASS: "pass", EXIT_FAIL: "fail"}.get(code, "error")
    set_output(outputs, "result", result)
    set_output(outputs, "exit-code", str(code))
    if result != "error" and json_file.is_file():
        counts = json.loads(json_file.read_text(encoding="utf-8")).get("counts", {})
        for key in (*SEVERITIES, "waived"):
            set_output(outputs, key.lower(), str(counts.get(key, 0)))
        set_output(outputs, "json-file", str(json_file))
        set_output(outputs, "sarif-file", str(sarif_file))
        line = _comment(inputs, env, json_file)
        if line:
            print(line, flush=True)
    return code


def main() -> None:
    sys.exit(run(os.environ))


if __name__ == "__main__":
    main()
