"""Shell commands in deploy scripts and CI workflows, read token by token, never run.

Where: the rollback script, shell scripts named like a deploy step (``*deploy*``,
``*release*``, ``*rollout*``, ``*upgrade*``, ``*rollback*``, ``*helm*``; ``.sh``/``.bash``),
the ``run:`` steps of ``.github/workflows/*.yml`` and the ``script:`` /
``before_script:`` / ``after_script:`` lines of ``.gitlab-ci.yml``.

How: one logical line at a time (``\\`` continuations joined, at most
:data:`MAX_CONTINUATIONS`), only when it contains one of the caller's needles (a substring
test), split by :mod:`shlex` into commands at ``;``, ``&&``, ``||``, ``|``, ``&``. No
regular expression, linear in the input; a logical line over :data:`MAX_COMMAND`
characters is not tokenised.
"""

from __future__ import annotations

import posixpath
import shlex
from collections.abc import Iterator
from dataclasses import dataclass

from rollback_gate.deploy import sources
from rollback_gate.migrations.base import Unreadable
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.monitor.yamlnodes import Node, ScalarNode
from rollback_gate.tree import Tree

MAX_COMMAND = 20_000
MAX_CONTINUATIONS = 500
WORKFLOWS = (".github/workflows/*.yml", ".github/workflows/*.yaml", ".gitlab-ci.yml")
_SCRIPT_WORDS = ("deploy", "release", "rollout", "upgrade", "rollback", "helm")
_SEPARATORS = frozenset({";", "&&", "||", "|", "&", "(", ")", "\n"})
_GITLAB_SCRIPTS = ("before_script", "script", "after_script")


@dataclass(frozen=True)
class Command:
    """One simple command's words, and the line holding the first needle."""

    words: tuple[str, ...]
    path: str
    line: int


def deploy_scripts(tree: Tree, rollback_script: str | None) -> list[str]:
    """The rollback script and every shell script named like a deploy step."""
    out = [rollback_script] if rollback_script else []
    for path in tree.files:
        if not path[-5:].lower().endswith((".sh", ".bash")):
            continue  # (most of 10,000 files: no basename made)
        base = posixpath.basename(path).lower()
        if any(w in base for w in _SCRIPT_WORDS):
            out.append(path)
    return list(dict.fromkeys(out))


def blocks(tree: Tree, rollback_script: str | None) -> Iterator[tuple[str, str, int]]:
    """(shell text, path, line of its first line) of every script and workflow step."""
    for path in deploy_scripts(tree, rollback_script):
        try:
            yield tree.read_text(path, lenient=True), path, 1
        except Unreadable:
            continue  # the plan check reports the rollback script itself
    for path in tree.glob(WORKFLOWS):
        for node in _workflow_scripts(tree, path):
            for item in [node] if isinstance(node, ScalarNode) else yn.items(node):
                text = yn.text(item)
                if text is not None:
                    block = isinstance(item, ScalarNode) and item.style in ("|", ">")
                    yield text, path, yn.line(item) + (1 if block else 0)


def envs(tree: Tree) -> Iterator[tuple[str, Node]]:
    """(path, mapping) of every ``env:`` (GitHub) and ``variables:`` (GitLab) block."""
    for path in tree.glob(WORKFLOWS):
        docs, _ = sources.documents(tree, path)
        for doc in docs:
            found = [yn.get(doc, "env"), yn.get(doc, "variables")]
            for name, (_, job) in yn.members(doc).items():
                if name != "jobs":
                    found.append(yn.get(job, "variables"))
                    continue
                for _, (_, gh_job) in yn.members(job).items():
                    found.append(yn.get(gh_job, "env"))
                    found.extend(yn.get(step, "env") for step in yn.items(yn.get(gh_job, "steps")))
            yield from ((path, node) for node in found if node is not None)


def _workflow_scripts(tree: Tree, path: str) -> Iterator[Node]:
    docs, _ = sources.documents(tree, path)
    for doc in docs:
        for key in _GITLAB_SCRIPTS:
            yield from _present(yn.get(doc, key))
        for name, (_, job) in yn.members(doc).items():
            if name == "jobs":
                for _, (_, gh_job) in yn.members(job).items():
                    for step in yn.items(yn.get(gh_job, "steps")):
                        yield from _present(yn.get(step, "run"))
                continue
            for key in _GITLAB_SCRIPTS:
                yield from _present(yn.get(job, key))


def _present(node: Node | None) -> Iterator[Node]:
    if node is not None:
        yield node


def commands(text: str, path: str, first_line: int, needles: tuple[str, ...]) -> Iterator[Command]:
    """The simple commands of logical lines of ``text`` that contain a needle."""
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
        if len(command) > MAX_COMMAND or not any(n in command for n in needles):
            continue
        offset = next((k for k, p in enumerate(parts) if any(n in p for n in needles)), 0)
        line = first_line + start + offset
        segment: list[str] = []
        for token in [*_tokens(command), ";"]:
            if token not in _SEPARATORS:
                segment.append(token)
            elif segment:
                yield Command(tuple(segment), path, line)
                segment = []


def _tokens(command: str) -> list[str]:
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    try:
        return list(lexer)
    except ValueError:  # unbalanced quotes: fall back to whitespace
        return command.split()


def helm_subcommand(words: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """('upgrade', the words after it) for a ``helm`` command, ('', ()) otherwise."""
    helm = next((k for k, w in enumerate(words) if posixpath.basename(w) == "helm"), None)
    if helm is None:
        return "", ()
    rest = words[helm + 1 :]
    for k, word in enumerate(rest):
        if not word.startswith("-"):
            return word, rest[k + 1 :]
    return "", ()


def option_values(words: tuple[str, ...], *names: str) -> Iterator[str]:
    """The values of ``--name value`` and ``--name=value`` options."""
    for k, word in enumerate(words):
        if word in names and k + 1 < len(words):
            yield words[k + 1]
        else:
            name, eq, value = word.partition("=")
            if eq and name in names:
                yield value
