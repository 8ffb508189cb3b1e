"""RG224 on a Liquibase constraint added again behind a "not exists" precondition.

A changeSet guarded by ``<preConditions onFail="MARK_RAN"><not><foreignKeyConstraintExists
foreignKeyName="FKHPROJECTLOCALEPRO" …/></not></preConditions>`` adds the key only where it
is missing. When an earlier changeSet added a key by that name (and none dropped it since),
the previous release already ran with it: the changeSet restates it (zanata-platform's
``db.changelog-1.6a.xml`` repeats seven foreign keys of ``1.3.xml`` for MySQL, round J).

Asked once per run and only for RG224 in a changeSet so guarded: the names are looked for
in the migration files (one ``git grep -l``; every file without git), read as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import natural
from rollback_gate.checks.history.unwritten import one_file
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding

_CHANGESET = lazyre.compile(r"<changeSet\b|^\s*-\s*changeSet\s*:", re.IGNORECASE | re.MULTILINE)
_EXISTS = (
    r"(?:foreignKeyConstraintExists|uniqueConstraintExists|indexExists|primaryKeyExists)"
    r"[^>]*?\b(?:foreignKeyName|constraintName|indexName|primaryKeyName)[\"']?\s*[=:]\s*"
    r"[\"']?([\w$]+)"
)
_GUARD = lazyre.compile(rf"\bnot\b[\s\S]*?{_EXISTS}", re.IGNORECASE)
_ADDED = r"(?:addForeignKeyConstraint|addUniqueConstraint|createIndex|addPrimaryKey)"
_DROPPED = r"(?:dropForeignKeyConstraint|dropUniqueConstraint|dropIndex|dropPrimaryKey)"
_PRECONDITIONS_END = r"</preConditions>|^\s*-?\s*changes\s*:"
_NAMED = r"[^>]*?\b(?:constraintName|indexName)[\"']?\s*[=:]\s*[\"']?{name}\b"


def _blocks(text: str) -> list[tuple[int, int]]:
    """Each changeSet's first and last line (1-based)."""
    starts = [text.count("\n", 0, m.start()) + 1 for m in _CHANGESET.finditer(text)]
    if not starts:  # not a changelog (a Rails file naming `event_kinds_preconditions`)
        return []
    ends = [s - 1 for s in starts[1:]] + [text.count("\n") + 1]
    return list(zip(starts, ends, strict=True))


def _guarded(text: str, line: int) -> tuple[str, int] | None:
    """The name a "not exists" precondition of the changeSet holding ``line`` guards, and
    where that changeSet starts."""
    for start, end in _blocks(text):
        if start <= line <= end:
            block = "\n".join(text.splitlines()[start - 1 : end])
            head = re.split(_PRECONDITIONS_END, block, maxsplit=1, flags=re.MULTILINE)[0]
            m = _GUARD.search(head) if "preconditions" in head.lower() else None
            if m is None:
                return None
            # the changeSet adds the key its precondition names (not another one)
            adds = re.search(_ADDED + _NAMED.format(name=re.escape(m.group(1))), block, re.I)
            return (m.group(1), start) if adds else None
    return None


def _events(text: str, name: str) -> list[tuple[int, str]]:
    """Where ``text`` adds (``+``) or drops (``-``) a key named ``name``, by line."""
    pattern = _NAMED.format(name=re.escape(name))
    out = []
    for kind, change in (("+", _ADDED), ("-", _DROPPED)):
        for m in re.finditer(change + pattern, text, re.IGNORECASE):
            out.append((text.count("\n", 0, m.start()) + 1, kind))
    return sorted(out)


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 whose every occurrence restates, behind a "not exists"
    precondition, a key an earlier changeSet added."""
    asked: list[tuple[Finding, list[tuple[str, int]]]] = []
    for f, text in one_file(ctx, findings, "RG224"):
        if "preconditions" not in text.lower():
            continue
        guards = [_guarded(text, line or 0) for line in (f.line, *(r.line for r in f.related))]
        if all(g is not None for g in guards):
            asked.append((f, [g for g in guards if g is not None]))
    if not asked:
        return findings
    names = sorted({name for _, guards in asked for name, _ in guards})
    holding = ctx.git.files_with(names, folders) if ctx.git is not None else None
    history: list[tuple[str, str]] = []
    for path in sorted(files if holding is None else holding, key=natural):
        try:
            history.append((path, ctx.tree.read_text(path, lenient=True)))
        except Unreadable:
            continue
    drop = {id(f) for f, guards in asked if all(_held(history, f.path or "", g) for g in guards)}
    return [f for f in findings if id(f) not in drop]


def _held(history: list[tuple[str, str]], path: str, guard: tuple[str, int]) -> bool:
    """The last change to the key named by ``guard`` before its changeSet added it."""
    name, start = guard
    here = natural(path)
    last = ""
    for other, text in history:
        if natural(other) > here:
            break
        last = next(
            (kind for line, kind in reversed(_events(text, name))
             if other != path or line < start),
            last,
        )  # fmt: skip
    return last == "+"
