"""RG224 on a key a later migration of the same release drops again.

Migrations that ship together reach the previous release as one change: a unique index
the first adds and the third drops is never there while that release runs. mirlo (round
AC) made ``Artist.urlSlug`` unique, replaced the index with one over ``(urlSlug,
deletedAt)`` a minute later and dropped that one within the hour, in one pull request:
three migrations, no key.

And, the other way round, a foreign key an earlier file of the same release dropped by
its name and this one adds again under it: the previous release's rows obeyed it, and it
comes back as it was (aerogear's 1.1.0-Final drops its foreign keys in
``disable-constraints.xml`` and adds them again in ``reenable-constraints.xml``: round CF,
four). Not a CHECK or unique key: one re-drawn under its name may be tighter.

Asked once per run, only for RG224 occurrences in SQL files: the occurrence's line names
the key (``CREATE UNIQUE INDEX "Artist_urlSlug_key"``, ``ADD CONSTRAINT uq_x UNIQUE``),
and the later files of its release, read as text (their up steps only), are searched for
``DROP INDEX``/``DROP CONSTRAINT`` of that name. A release is the change's own files
(``scope: changed``) or, under ``scope: all``, the files one commit added
(:func:`.unwritten.commit_releases`). Without git nothing changes under ``scope: all``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import DROPPED_KEY, NAME, bare, natural, undo, up_part
from rollback_gate.checks.history.unwritten import commit_releases, of_changed_scope
from rollback_gate.migrations.base import SQL_SUFFIXES, Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_NAMED = lazyre.compile(
    rf"\bCREATE\s+UNIQUE\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?{NAME}"
    rf"|\bADD\s+CONSTRAINT\s+{NAME}",
    re.IGNORECASE,
)


_READ = (*SQL_SUFFIXES, ".xml", ".yaml", ".yml")  # (SQL files, Liquibase's changelogs)
_XML_NAMED = lazyre.compile(r"\bconstraintName[\"']?\s*[=:]\s*[\"']?([\w$]+)")
# a foreign key dropped by its name: SQL's DROP CONSTRAINT (MySQL's DROP FOREIGN KEY),
# Liquibase's `dropForeignKeyConstraint … constraintName="x"`
_DROPPED_FOREIGN = lazyre.compile(
    rf"\bDROP\s+(?:CONSTRAINT|FOREIGN\s+KEY)\s+(?:IF\s+EXISTS\s+)?{NAME}"
    r"|\bdropForeignKeyConstraint\b[^>]*?\bconstraintName[\"']?\s*[=:]\s*[\"']?([\w$]+)",
    re.IGNORECASE | re.DOTALL,
)


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` without the RG224 occurrences whose key a later file of the same
    release drops, or whose foreign key an earlier file of it dropped by that name."""
    asked = [
        f for f in findings
        if f.rule == "RG224" and any((o.path or "").endswith(_READ) for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    release = _releases(ctx, folders, asked)
    if not release:
        return findings
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        kept = [
            o for o in occurrences(f)
            if not _undone(ctx, o, release, files) and not _redrawn(ctx, o, release, files)
        ]  # fmt: skip
        if len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _releases(ctx: Context, folders: Iterable[str], asked: list[Finding]) -> dict[str, str]:
    """path → its release, for the files that share one with another."""
    if ctx.diff is not None:
        mine = of_changed_scope(ctx, ctx.diff.changed)
        if all(o.path in mine for f in asked for o in occurrences(f)):
            return dict.fromkeys(mine, "change")
    return commit_releases(ctx, folders)


def _redrawn(ctx: Context, o: Finding, release: dict[str, str], files: Sequence[str]) -> bool:
    """Whether the foreign key ``o`` adds is one an earlier file of its release dropped by
    its name (:data:`_DROPPED_FOREIGN`)."""
    path = o.path or ""
    if path not in release or o.line is None or "FOREIGN KEY" not in o.message:
        return False
    name = _name_at(ctx, path, o.line)
    if name is None:
        return False
    earlier = (
        p
        for p in files
        if release.get(p) == release[path] and natural(p) < natural(path) and not undo(p)
    )  # fmt: skip  (not a down file of the release: xmtpd's 00017, round CF)
    for p in earlier:
        try:
            text = up_part(ctx.tree.read_text(p, lenient=True))
        except Unreadable:
            continue
        if any(
            bare(next(g for g in m.groups() if g)) == name for m in _DROPPED_FOREIGN.finditer(text)
        ):
            return True
    return False


def _undone(ctx: Context, o: Finding, release: dict[str, str], files: Sequence[str]) -> bool:
    path = o.path or ""
    if path not in release or o.line is None or not path.endswith(SQL_SUFFIXES):
        return False
    name = _name_at(ctx, path, o.line)
    if name is None:
        return False
    later = sorted(
        (p for p in files if release.get(p) == release[path] and natural(p) > natural(path)),
        key=natural,
    )
    for p in later:
        try:
            text = up_part(ctx.tree.read_text(p, lenient=True))
        except Unreadable:
            continue
        if any(bare(m.group(1)) == name for m in DROPPED_KEY.finditer(text)):
            return True
    return False


def _name_at(ctx: Context, path: str, line: int) -> str | None:
    """The name of the key the statement starting at ``line`` of ``path`` adds (a
    Liquibase element's ``constraintName``)."""
    try:
        lines = ctx.tree.read_text(path, lenient=True).splitlines()
    except Unreadable:
        return None
    statement = " ".join(lines[line - 1 : line + 3]).split(";", 1)[0]  # (its own only)
    if not path.endswith(SQL_SUFFIXES):
        m = _XML_NAMED.search(statement.split("/>", 1)[0])
        return bare(m.group(1)) if m else None
    m = _NAMED.search(statement)
    if m is None:
        return None
    return bare(m.group(1) or m.group(2))
