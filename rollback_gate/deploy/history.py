"""RG120 rollback-history-disabled: keep at least two revisions, or there is nothing to undo.

Kubernetes keeps ``revisionHistoryLimit`` old ReplicaSets (ControllerRevisions for
StatefulSets and DaemonSets); ``kubectl rollout undo`` needs one, and after one more
rollout (the hotfix of a bad release) a limit of 1 has already dropped the last good one.
Helm keeps ``--history-max`` releases *including the current one* (0 means no limit), so
``--history-max 1`` leaves ``helm rollback`` nothing; ``HELM_MAX_HISTORY`` sets the same.

Scripts and CI workflows are read by :mod:`~rollback_gate.deploy.shellscan` (tokens, not
regular expressions; linear in the input).
"""

from __future__ import annotations

from collections.abc import Iterator

from rollback_gate.deploy import shellscan
from rollback_gate.models import Finding
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.tree import Tree

_NEEDLES = ("history-max", "HELM_MAX_HISTORY")


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


def helm_history(tree: Tree, rollback_script: str | None) -> Iterator[Finding]:
    """RG120 for ``--history-max`` / ``HELM_MAX_HISTORY`` below 2 in scripts and CI."""
    for text, path, first in shellscan.blocks(tree, rollback_script):
        for command in shellscan.commands(text, path, first, _NEEDLES):
            yield from _command(command)
    for path, env in shellscan.envs(tree):
        value = yn.get(env, "HELM_MAX_HISTORY")
        if value is not None:
            yield from _helm_max(yn.text(value) or "", path, yn.line(value), "HELM_MAX_HISTORY")


def _command(command: shellscan.Command) -> Iterator[Finding]:
    path, line = command.path, command.line
    for word in command.words:
        name, eq, value = word.partition("=")
        if eq and name == "HELM_MAX_HISTORY":
            yield from _helm_max(value, path, line, "HELM_MAX_HISTORY")
    sub, rest = shellscan.helm_subcommand(command.words)
    if sub in ("upgrade", "rollback"):
        for value in shellscan.option_values(rest, "--history-max"):
            yield from _helm_max(value, path, line, f"helm {sub} --history-max")


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
