"""RG220-RG224 that an earlier changeSet of the same Liquibase changelog seemed to excuse.

The Liquibase analyser counts the tables and columns that earlier changeSets of the same
changelog file made as new: a changelog file is, mostly, the unit a release ships (one
per release or feature, included by a master), so a rename or a NOT NULL on them breaks
no release that ran before. A Dropwizard application keeps every release's changeSets in
one ``migrations.xml`` (pay-connector, round AG: 242 changeSets since 2015, and no N−1
finding at all, not even for the two renames of its primary keys' columns).

So the analyser marks each finding it left out for that reason
(:data:`~rollback_gate.migrations.liquibase.compat.SAME_CHANGELOG`, with the line of the
change that made the table or column), and this judge asks git, one ``git blame -w
--first-parent`` per changelog, which first-parent commit brought the marked line and
that change's (each, or its changeSet's opening line where that came earlier: a line
edited after it shipped is the later commit's, tolgee, round AQ): when the maker's came
before, the table or column shipped in an earlier release, which the change breaks, and
the finding stands. When they came in one commit
(the file came whole, or both changeSets together), or the maker later (a changeSet for
another database making the table again), or without git, the marks go; so do those of a
changelog named with a number, one file of a series each of which ships as a unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.liquibase.compat import SAME_CHANGELOG
from rollback_gate.models import Finding

_NUMBERED = lazyre.compile(r"[^/]*\d[^/]*$")


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` without the marks, and with the marked findings whose table or column
    an earlier release made."""
    marks: list[Finding] = []
    out: list[Finding] = []
    for f in findings:
        each = occurrences(f)
        if any(SAME_CHANGELOG in o.key for o in each):
            marks += [o for o in each if SAME_CHANGELOG in o.key]
            out += one_per_rule([o for o in each if SAME_CHANGELOG not in o.key])
        else:
            out.append(f)
    if not marks or ctx.git is None:
        return out
    kept: list[Finding] = []
    # a changelog named with a number (`changelog-consent-1.0.xml`, `003-orders.xml`) is
    # one of a series, each a release or feature: the file is the unit, whatever commits
    # wrote it (broadinstitute/consent's 1.0 file grew over several commits before 1.0)
    for path in sorted({m.path or "" for m in marks if not _NUMBERED.search(m.path or "")}):
        mine = [m for m in marks if m.path == path]
        makers = {m: int(m.key.rpartition(SAME_CHANGELOG)[2]) for m in mine}
        # each line with its changeSet's opening line: a line edited after it shipped
        # (tolgee's regenerated key, ``validate="true"`` added, round AQ) came with the
        # later commit, the changeSet's id did not
        opening = heads(ctx, path, [*makers.values(), *(m.line or 0 for m in mine)])
        asked = [*makers.values(), *(m.line or 0 for m in mine), *opening.values()]
        shipped = ctx.git.first_shipped(path, asked)
        if shipped is None:
            continue

        ids = _Ids(ctx, path, opening)
        rewrites = _Rewrites(ctx, path)
        for m, maker in makers.items():
            by, made = came(m.line or 0, shipped, opening), came(maker, shipped, opening)
            # (committed before, not only by another commit: a changeSet for another
            # database may make the table again later in the file, anet, round AH)
            if by is None or made is None or made <= by:
                continue
            # … and where their ids first came, if that was earlier than their lines
            by, made = ids.came(m.line or 0, by), ids.came(maker, made)
            if made > by and not rewrites.get(by, False):
                kept.append(replace(m, severity=None, key=m.key.rpartition(SAME_CHANGELOG)[0]))
    if not kept:
        return out
    # one finding per changeSet and rule: with the ones the analyser gave it
    changesets = {(f.path, f.rule, _changeset(f)) for f in kept}
    grouped = [f for f in out if (f.path, f.rule, _changeset(f)) in changesets]
    rest = [f for f in out if (f.path, f.rule, _changeset(f)) not in changesets]
    for where in sorted(changesets, key=lambda w: (w[0] or "", w[1], w[2])):
        same = [o for f in (*grouped, *kept) if (f.path, f.rule, _changeset(f)) == where
                for o in occurrences(f)]  # fmt: skip
        rest += one_per_rule(same)
    return rest


_OPENING = lazyre.compile(r"<(?:\w+:)?changeSet\b|^\s*-\s*changeSet\s*:|^--\s*changeset\s", re.I)


def shipped_earlier(ctx: Context, path: str, line: int, others: Iterable[int]) -> set[int] | None:
    """The lines of ``others`` whose changeSet shipped in a release before ``line``'s (a
    changelog holding every release); None where git cannot tell."""
    others = sorted(set(others))
    if ctx.git is None or not others:
        return None if ctx.git is None else set()
    opening = heads(ctx, path, [line, *others])
    shipped = ctx.git.first_shipped(path, [line, *others, *opening.values()])
    mine = came(line, shipped, opening) if shipped is not None else None
    if shipped is None or mine is None:
        return None
    return {n for n in others if (c := came(n, shipped, opening)) is not None and c > mine}


class _Ids:
    """When a changeSet first came, told by its id too: a changelog replaced by a
    regenerated one and restored the next day has every line blamed on the restore, or on
    the rewrite where the two agree, so a table and the foreign key of the changeSet after
    it seem a release apart while both ids came in one merge (em-hrs-api's changelog,
    round AZ). The earlier of the two counts: an id renamed later is no later changeSet
    (dpc-app's ``basetable-layout``, round AU). One ``git log -S`` per id asked, only for
    findings the lines kept."""

    def __init__(self, ctx: Context, path: str, opening: dict[int, int]) -> None:
        self._ctx, self._path, self._opening = ctx, path, opening
        self._first: dict[str, int | None] = {}
        self._text: list[str] | None = None

    def came(self, line: int, blamed: int) -> int:
        """How far back the changeSet of ``line`` came: ``blamed`` (its lines'), or its id's
        first commit where that lies further back."""
        needle = self._needle(self._opening.get(line, line))
        if needle is None or self._ctx.git is None:
            return blamed
        if needle not in self._first:
            self._first[needle] = self._ctx.git.first_added(self._path, needle)
        first = self._first[needle]
        return blamed if first is None else max(blamed, first)

    def _needle(self, opening: int) -> str | None:
        """The text that names the changeSet opening at line ``opening``: XML's
        ``id="…"``, YAML's ``id: …`` or a formatted SQL file's ``--changeset author:id``."""
        if self._text is None:
            try:
                self._text = self._ctx.tree.read_text(self._path, lenient=True).splitlines()
            except Unreadable:
                self._text = []
        for text in self._text[max(opening - 1, 0) : opening + 5]:
            m = _ID.search(text)
            if m is not None:
                return m.group(0).strip()
        return None


class _Rewrites:
    """Whether the commit that brought a changeSet rewrote its changelog: it took out
    changeSets whose ids it did not write again (object-store-api's "compact logs", a
    regenerated changelog of new ids over the tables and keys the old one had made, round
    BT: three constraints on `metadata`, whose `createTable` line the old file had too and
    blame gave to 2020). Such a changeSet restates what the previous release's schema held;
    what it seems to add to an older table is no change. One ``git diff`` per commit asked;
    a reformat that keeps the ids (``context="…"`` added to every changeSet) is none."""

    def __init__(self, ctx: Context, path: str) -> None:
        self._ctx, self._path = ctx, path
        self._seen: dict[int, bool] = {}

    def get(self, back: int, default: bool) -> bool:
        if self._ctx.git is None:
            return default
        if back not in self._seen:
            diff = self._ctx.git.first_parent_diff(back, self._path) or ""
            gone: set[str] = set()
            made: set[str] = set()
            for row in diff.splitlines():
                text = row[1:]
                if row[:1] not in ("+", "-") or row[:3] in ("+++", "---"):
                    continue
                # (an XML changeSet's id is on its opening line, a YAML one's below it)
                found = _ID.search(text) if "<" not in text or _OPENING.search(text) else None
                if found is not None:
                    (gone if row[0] == "-" else made).add(found.group(0).strip())
            self._seen[back] = len(gone - made) >= _REWRITTEN
        return self._seen[back]


_REWRITTEN = 5  # changeSets a commit takes out of a changelog, ids not written again
_ID = lazyre.compile(
    r"""\bid\s*=\s*(?:"[^"]+"|'[^']+')|^\s*-?\s*id\s*:\s*\S.*$|--changeset\s+\S+""", re.I
)


def came(line: int, shipped: dict[int, int], heads: dict[int, int]) -> int | None:
    """How far back the changeSet of ``line`` came: the older of the line's commit and its
    opening line's (None: git does not say)."""
    found = [n for n in (shipped.get(line), shipped.get(heads.get(line, line))) if n is not None]
    return max(found) if found else None


def heads(ctx: Context, path: str, lines: Iterable[int]) -> dict[int, int]:
    """line → the line of the changeSet it is in opens at (none found: left out)."""
    try:
        text = ctx.tree.read_text(path, lenient=True).splitlines()
    except Unreadable:
        return {}
    out = {}
    for line in lines:
        at = next(
            (n for n in range(min(line, len(text)), 0, -1) if _OPENING.search(text[n - 1])), 0
        )
        if at:
            out[line] = at
    return out


def _changeset(f: Finding) -> str:
    """The changeSet a Liquibase finding is about: its message's label."""
    return f.message.partition(": ")[0]
