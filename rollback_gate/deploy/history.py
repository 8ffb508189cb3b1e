"""RG120 rollback-history-disabled: keep at least two revisions, or there is nothing to undo.

Kubernetes keeps ``revisionHistoryLimit`` old ReplicaSets (ControllerRevisions for
StatefulSets and DaemonSets); ``kubectl rollout undo`` needs one, and after one more
rollout (the hotfix of a bad release) a limit of 1 has already dropped the last good one.
Helm keeps ``--history-max`` releases *including the current one* (0 means no limit), so
``--history-max 1`` leaves ``helm rollback`` nothing; ``HELM_MAX_HISTORY`` sets the same.

Shell is read token by token (:mod:`shlex`), one logical line at a time, only on lines that
mention ``helm`` and ``history``: no regular expression, linear in the input, and a line
over :data:`MAX_COMMAND` characters is not tokenised.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Iterator

from yaml.nodes import Node, ScalarNode

from rollback_gate.deploy import sources
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.tree import Tree

MAX_COMMAND = 20_000
MAX_CONTINUATIONS = 500
WORKFLOWS = (".github/workflows/*.yml", ".github/workflows/*.yaml", ".gitlab-ci.yml")
_SCRIPT_WORDS = ("deploy", "release", "rollout", "upgrade", "rollback", "helm")
_SEPARATORS = frozenset({";", "&&", "||", "|", "&", "(", ")", "\n"})
_GITLAB_SCRIPTS = ("before_script", "script", "after_script")


def history_finding(value: str, path: str, line: int, owner: str) -> Finding | None:
    """RG120 for a ``revisionHistoryLimit`` below 2 (None for anything else)."""
    try:
        limit = int(value.strip())
    except ValueError:
        return None
    if limit >= 2:
        return None
    kept = "no previous revision" if limit <= 0 else "only one previous revision"
    return Finding(
        "RG120",
        f"{owner} sets revisionHistoryLimit: {limit}: Kubernetes keeps {kept}, so "
        + (
            "there is nothing to roll back to"
            if limit <= 0
            else "after one more rollout (a fix of the bad release) the last good one is gone"
        ),
        path=path,
        line=line,
        fix="remove revisionHistoryLimit (default 10) or set it to at least 2",
        key=f"RG120:{path}:{owner}:revisionHistoryLimit",
    )


def deploy_scripts(tree: Tree, rollback_script: str | None) -> list[str]:
    """The rollback script and every shell script named like a deploy step."""
    out = [rollback_script] if rollback_script else []
    for path in tree.files:
        base = posixpath.basename(path).lower()
        if base.endswith((".sh", ".bash")) and any(w in base for w in _SCRIPT_WORDS):
            out.append(path)
    return list(dict.fromkeys(out))


def helm_history(tree: Tree, rollback_script: str | None) -> Iterator[Finding]:
    """RG120 for ``--history-max`` / ``HELM_MAX_HISTORY`` below 2 in scripts and CI."""
    for path in deploy_scripts(tree, rollback_script):
        try:
            text = tree.read_text(path, lenient=True)
        except Unreadable:
            continue  # the plan check reports the rollback script itself
        yield from shell(text, path, 1)
    for path in tree.glob(WORKFLOWS):
        yield from workflow(tree, path)


def workflow(tree: Tree, path: str) -> Iterator[Finding]:
    """``run:`` steps (GitHub Actions), ``script:`` lines (GitLab CI) and their ``env``."""
    docs, _ = sources.documents(tree, path)
    for doc in docs:
        yield from _env(yn.get(doc, "env"), path)
        yield from _env(yn.get(doc, "variables"), path)
        for key in _GITLAB_SCRIPTS:
            yield from _scripts(yn.get(doc, key), path)
        for name, (_, job) in yn.members(doc).items():
            if name == "jobs":
                for _, (_, gh_job) in yn.members(job).items():
                    yield from _env(yn.get(gh_job, "env"), path)
                    for step in yn.items(yn.get(gh_job, "steps")):
                        yield from _env(yn.get(step, "env"), path)
                        yield from _scripts(yn.get(step, "run"), path)
                continue
            yield from _env(yn.get(job, "variables"), path)
            for key in _GITLAB_SCRIPTS:
                yield from _scripts(yn.get(job, key), path)


def _env(node: Node | None, path: str) -> Iterator[Finding]:
    value = yn.get(node, "HELM_MAX_HISTORY")
    if value is not None:
        yield from _helm_max(yn.text(value) or "", path, yn.line(value), "HELM_MAX_HISTORY")


def _scripts(node: Node | None, path: str) -> Iterator[Finding]:
    for item in [node] if isinstance(node, ScalarNode) else yn.items(node):
        text = yn.text(item)
        if text is None:
            continue
        block = isinstance(item, ScalarNode) and item.style in ("|", ">")
        yield from shell(text, path, yn.line(item) + (1 if block else 0))


def shell(text: str, path: str, first_line: int) -> Iterator[Finding]:
    """Scan shell ``text`` whose first line is line ``first_line`` of ``path``."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start = i
        parts = [lines[i]]
        while parts[-1].endswith("\\") and i + 1 < len(lines) and i - start < MAX_CONTINUATIONS:
            parts[-1] = parts[-1][:-1]
            i += 1
            parts.append(lines[i])
        i += 1
        command = " ".join(parts)
        if "HELM_MAX_HISTORY" not in command and not (
            "helm" in command and "history-max" in command
        ):
            continue
        if len(command) > MAX_COMMAND:
            continue
        offset = next(
            (k for k, p in enumerate(parts) if "history-max" in p or "HELM_MAX_HISTORY" in p), 0
        )
        yield from _command(command, path, first_line + start + offset)


def _tokens(command: str) -> list[str]:
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        return list(lexer)
    except ValueError:  # unbalanced quotes: fall back to whitespace
        return command.split()


def _command(command: str, path: str, line: int) -> Iterator[Finding]:
    tokens = _tokens(command)
    segment: list[str] = []
    for token in [*tokens, ";"]:
        if token not in _SEPARATORS:
            segment.append(token)
            continue
        yield from _segment(segment, path, line)
        segment = []


def _segment(words: list[str], path: str, line: int) -> Iterator[Finding]:
    for word in words:
        name, eq, value = word.partition("=")
        if eq and name == "HELM_MAX_HISTORY":
            yield from _helm_max(value, path, line, "HELM_MAX_HISTORY")
    helm = next((k for k, w in enumerate(words) if posixpath.basename(w) == "helm"), None)
    if helm is None:
        return
    rest = words[helm + 1 :]
    sub = next((w for w in rest if not w.startswith("-")), "")
    if sub not in ("upgrade", "rollback"):
        return
    for k, word in enumerate(rest):
        if word == "--history-max" and k + 1 < len(rest):
            yield from _helm_max(rest[k + 1], path, line, f"helm {sub} --history-max")
        elif word.startswith("--history-max="):
            yield from _helm_max(word.partition("=")[2], path, line, f"helm {sub} --history-max")


def _helm_max(value: str, path: str, line: int, what: str) -> Iterator[Finding]:
    try:
        limit = int(value.strip().strip("\"'"))
    except ValueError:
        return  # a variable: not known before the run
    if limit != 1:
        return  # 0 (or less) means no limit in Helm; 2 and more keep a release to return to
    yield Finding(
        "RG120",
        f"{what} 1 keeps only the current release: `helm rollback` has no previous "
        "revision to return to",
        path=path,
        line=line,
        fix=f"give {what} at least 2 (Helm's default is 10), or leave it out",
        key=f"RG120:{path}:{what}",
    )
