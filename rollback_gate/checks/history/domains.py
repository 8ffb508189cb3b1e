"""RG222 on a column the step adds with a PostgreSQL domain type that has a default.

``CREATE DOMAIN wt_timestamp AS timestamptz DEFAULT current_timestamp``: a column of that
type without a default of its own takes the domain's. The previous release never knew a
column the step adds, so its INSERTs leave it out, and the domain's default fills it: NOT
NULL on it, then or later in the step, rejects none of them (boundary's ``ADD COLUMN
update_time wt_timestamp``, backfill, ``SET NOT NULL``, round W: five). One file cannot
see this, since the domain is made in an earlier migration.

So, asked once per run and only for RG222 findings in SQL files: the migration files that
say ``domain`` (one ``git grep -l``; every file without git) are walked in migration order
up to the finding's (and that file up to the column's ``ADD``), following ``CREATE
DOMAIN … DEFAULT``, ``ALTER DOMAIN … SET DEFAULT`` / ``DROP DEFAULT`` / ``RENAME TO``
and ``DROP DOMAIN``. An occurrence on a column its own file adds with such a domain, and
neither gives ``DEFAULT NULL`` nor sets one, is no break. A column that already existed
stays: the previous release knew it and may write NULL there itself. Read as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import NAME, bare, natural, ordered, up_part
from rollback_gate.checks.history.unwritten import one_file, required_column
from rollback_gate.migrations.base import SQL_SUFFIXES, Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_CREATE = lazyre.compile(
    rf"\bCREATE\s+DOMAIN\s+(?:IF\s+NOT\s+EXISTS\s+)?{NAME}([^;]*)", re.IGNORECASE
)
_SET = lazyre.compile(rf"\bALTER\s+DOMAIN\s+{NAME}\s+SET\s+DEFAULT\s+(\w+)", re.IGNORECASE)
_UNSET = lazyre.compile(rf"\bALTER\s+DOMAIN\s+{NAME}\s+DROP\s+DEFAULT\b", re.IGNORECASE)
_RENAME = lazyre.compile(rf"\bALTER\s+DOMAIN\s+{NAME}\s+RENAME\s+TO\s+{NAME}", re.IGNORECASE)
_DROP = lazyre.compile(r"\bDROP\s+DOMAIN\s+(?:IF\s+EXISTS\s+)?([^;]*)", re.IGNORECASE)
# a default other than NULL, in a CREATE DOMAIN's rest or an ADD COLUMN's clause
_DEFAULT = lazyre.compile(r"\bDEFAULT\s+(?!NULL\b)\S", re.IGNORECASE)
_NO_DEFAULT = lazyre.compile(r"\bDEFAULT\s+NULL\b", re.IGNORECASE)
_ALTER_TABLE = lazyre.compile(
    rf"\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?{NAME}(.*?)(?:;|$)",
    re.IGNORECASE | re.DOTALL,
)


def _walk(text: str, domains: dict[str, bool], end: int | None = None) -> None:
    """Apply the domain statements of ``text`` (up to offset ``end``) to ``domains``
    (name → whether it has a default), in order."""
    # (which pattern matched is kept beside the match: ``m.re`` is the compiled pattern,
    # not the module's deferred stand-in, see :mod:`rollback_gate.lazyre`)
    events: list[tuple[int, re.Pattern[str], re.Match[str]]] = []
    stop = len(text) if end is None else end
    for pattern in (_CREATE, _SET, _UNSET, _RENAME, _DROP):
        events.extend((m.start(), pattern, m) for m in pattern.finditer(text, 0, stop))
    for _, said, m in sorted(events, key=lambda e: e[0]):
        if said is _DROP:
            for name in m.group(1).split(","):
                domains.pop(bare(name.split()[0]) if name.split() else "", None)
            continue
        name = bare(m.group(1))
        if said is _CREATE:
            domains[name] = bool(_DEFAULT.search(m.group(2)))
        elif said is _SET:
            domains[name] = m.group(2).lower() != "null"
        elif said is _UNSET:
            domains[name] = False
        elif name in domains:
            domains[bare(m.group(2))] = domains.pop(name)


def _added(text: str, table: str, column: str) -> tuple[int, str, str] | None:
    """Where ``text`` adds ``table.column``: (offset, its type bare, the rest of its
    clause), or None."""
    add = re.compile(
        rf"\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?[\"`]?{re.escape(column)}[\"`]?\s+"
        rf"{NAME}([^,]*)",
        re.IGNORECASE,
    )
    for statement in _ALTER_TABLE.finditer(text):
        if bare(statement.group(1)) != table:
            continue
        if m := add.search(statement.group(2)):
            return statement.start(2) + m.start(), bare(m.group(1)), m.group(2)
    return None


def _unset(text: str, column: str) -> bool:
    """Whether ``text`` sets ``column``'s own default to NULL."""
    said = rf"\bALTER\s+(?:COLUMN\s+)?[\"`]?{re.escape(column)}[\"`]?\s+SET\s+DEFAULT\s+NULL\b"
    return re.search(said, text, re.IGNORECASE) is not None


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG222 occurrences on a column the step adds with a domain type
    that has a default (``files``: every migration file of the run)."""
    asked = [
        (f, t) for f, t in one_file(ctx, findings, "RG222") if (f.path or "").endswith(SQL_SUFFIXES)
    ]
    if not asked:
        return findings
    holding = ctx.git.files_with("domain", folders) if ctx.git is not None else None
    history = [p for p in (files if holding is None else holding) if ordered(p)]
    if not history:
        return findings
    texts: list[tuple[list[tuple[int, str]], str]] = []
    for path in sorted(history, key=natural):
        try:
            # (an up step: a down section's DROP DOMAIN runs only on a rollback)
            texts.append((natural(path), up_part(ctx.tree.read_text(path, lenient=True))))
        except Unreadable:
            continue
    left: dict[int, list[Finding]] = {}
    for f, text in asked:
        here = natural(f.path or "")
        domains: dict[str, bool] = {}
        for at, earlier in texts:
            if at < here:
                _walk(earlier, domains)
        rest = [o for o in occurrences(f) if not _defaulted(o.key, text, dict(domains))]
        if len(rest) <= len(f.related):
            left[id(f)] = one_per_rule(rest)
    return [g for f in findings for g in left.get(id(f), [f])]


def _defaulted(key: str, text: str, domains: dict[str, bool]) -> bool:
    """Whether the occurrence ``key`` is on a column ``text`` adds with a domain type that
    has a default there (``domains``: those made before the file)."""
    found = required_column(key)
    if found is None:
        return False
    table, column = found
    added = _added(text, table, column)
    if added is None:
        return False
    at, type_name, clause = added
    _walk(text, domains, at)
    return (
        domains.get(type_name, False)
        and not _NO_DEFAULT.search(clause)
        and not _unset(text, column)
    )
