"""RG222 on a column an earlier migration already kept from NULL by a CHECK.

strong_migrations' way to make a column NOT NULL on a large table: ``add_check_constraint
:t, "c IS NOT NULL", validate: false`` in one migration, validate it, then ``change_column_null
:t, :c, false`` and drop the CHECK. The analysers see it when the NOT NULL and the CHECK
are in one file; when they are in different files (hcb: validated in one migration, NOT
NULL months later, round M), the earlier files tell. A CHECK applies to every write from
the moment it is added, validated or not, so the previous release could not write NULL
there already: the NOT NULL rejects nothing new.

So, asked once per run and only for RG222 findings that set NOT NULL on an existing
column: the migration files that name those tables (one ``git grep -l``; every file
without git) are walked in migration order up to the finding's, following ``c IS NOT
NULL`` CHECKs added (SQL ``ADD CONSTRAINT n CHECK (c IS NOT NULL)``, Rails
``add_check_constraint``) and dropped (by name). An occurrence whose table still had such a
CHECK on the column before its file is no break. The files' up steps are read as text:
a down step that drops the CHECK runs only on a rollback (drive-server-wip, round AN).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import NAME as _NAME
from rollback_gate.checks.history.order import bare, natural, ordered, up_part
from rollback_gate.checks.history.unwritten import target
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_SQL_ADD = lazyre.compile(
    rf"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?{_NAME}\s+ADD\s+CONSTRAINT\s+{_NAME}\s+"
    rf"CHECK\s*\(\s*\(?\s*{_NAME}\s+IS\s+NOT\s+NULL\s*\)?\s*\)",
    re.IGNORECASE,
)
_RAILS_ADD = lazyre.compile(
    r"\badd_check_constraint\s*\(?\s*:?[\"']?(\w+)[\"']?\s*,\s*[\"']\(?\s*\"?(\w+)\"?\s+IS\s+NOT"
    r"\s+NULL\s*\)?[\"']([^\n]*)",
    re.IGNORECASE,
)
_RAILS_NAME = lazyre.compile(r"\bname:\s*[\"'](\w+)[\"']")
_SQL_DROP = lazyre.compile(rf"\bDROP\s+CONSTRAINT\s+(?:IF\s+EXISTS\s+)?{_NAME}", re.IGNORECASE)
_RAILS_DROP = lazyre.compile(
    r"\bremove_check_constraint\s*\(?\s*:?[\"']?(\w+)[\"']?\s*,\s*(?:name:\s*)?[\"']([^\"']+)[\"']",
    re.IGNORECASE,
)


def set_required_in(findings: Iterable[Finding], suffix: str | tuple[str, ...]) -> list[Finding]:
    """The RG222 findings of the migrations named ``*<suffix>`` whose places are all in
    their own file and of which one sets NOT NULL on an existing column."""
    return [
        f for f in findings
        if f.rule == "RG222" and (f.path or "").endswith(suffix)
        and all(r.path == f.path for r in f.related)
        and any(required_target(o.key) for o in occurrences(f))
    ]  # fmt: skip


def required_target(key: str) -> tuple[str, str] | None:
    """``(table, column)`` an RG222 key sets NOT NULL on (None for another kind)."""
    if ":set_required:" not in key:
        return None
    table, column = target(key)
    return (table, column) if column else None


def _events(text: str) -> list[tuple[int, str, str, str, str]]:
    """``(offset, "add" | "drop", table, column, name)`` in the order ``text`` has them
    (a drop names no column; a Rails drop by expression names the column, not the name)."""
    out = []
    for m in _SQL_ADD.finditer(text):
        out.append((m.start(), "add", bare(m.group(1)), bare(m.group(3)), bare(m.group(2))))
    for m in _RAILS_ADD.finditer(text):
        named = _RAILS_NAME.search(m.group(3))
        name = named.group(1).lower() if named else ""
        out.append((m.start(), "add", m.group(1).lower(), m.group(2).lower(), name))
    for m in _SQL_DROP.finditer(text):
        out.append((m.start(), "drop", "", "", bare(m.group(1))))
    for m in _RAILS_DROP.finditer(text):
        said = m.group(2)
        null = re.match(r"\(?\s*\"?(\w+)\"?\s+IS\s+NOT\s+NULL", said, re.IGNORECASE)
        column = null.group(1).lower() if null else ""
        out.append((m.start(), "drop", m.group(1).lower(), column, "" if null else said.lower()))
    return sorted(out)


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG222 occurrences that set NOT NULL on a column an earlier
    migration's ``IS NOT NULL`` CHECK still guarded (``files``: every migration file)."""
    asked = [
        f for f in findings
        if f.rule == "RG222" and f.path and ordered(f.path)
        and all(r.path == f.path for r in f.related)
        and any(required_target(o.key) for o in occurrences(f))
    ]  # fmt: skip
    tables = {t[0] for f in asked for o in occurrences(f) if (t := required_target(o.key))}
    if not tables:
        return findings
    holding = ctx.git.files_with(sorted(tables), folders) if ctx.git is not None else None
    history = {p for p in (files if holding is None else holding) if ordered(p)}
    wanted = {f.path or "" for f in asked}
    guards: dict[str, tuple[str, str]] = {}  # constraint name → (table, column)
    before: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(history | wanted, key=natural):
        if path in wanted:
            before[path] = set(guards.values())
        try:  # (the up step only: a down step that drops the CHECK runs on a rollback)
            text = up_part(ctx.tree.read_text(path, lenient=True))
        except Unreadable:
            continue
        if "null" not in text.lower():
            continue
        for _, what, table, column, name in _events(text):
            if what == "add":
                guards[name or f"{table}.{column}"] = (table, column)
            elif name:
                guards.pop(name, None)
            else:
                guards = {k: v for k, v in guards.items() if v != (table, column)}
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        guarded = before.get(f.path or "", set())
        kept = [o for o in occurrences(f) if required_target(o.key) not in guarded]
        if len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]
