"""RG224 on a materialized view: a unique index the previous release cannot violate.

A unique index on a materialized view (``CREATE UNIQUE INDEX … ON "CollectiveTagStats"``,
there so that ``REFRESH MATERIALIZED VIEW CONCURRENTLY`` works) constrains rows the
application never writes: the view is filled by its query. One migration cannot tell a
view from a table, so the engine asks once per run, only when some RG224 is a unique index:
which migration files create a materialized view (one ``git grep -l`` over the migration
folders, or the files themselves without git), and of what names. A finding whose every
occurrence is on such a view is dropped (opencollective-api, round H: four).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rollback_gate.checks import Context
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding

_UNIQUE_INDEX = ":unique index"  # the end of an RG224 key (wording.key) for one
_VIEW = re.compile(
    r"\bCREATE\s+(?:OR\s+REPLACE\s+)?MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"((?:[\"`\[]?[\w$]+[\"`\]]?\.)?[\"`\[]?[\w$]+)",
    re.IGNORECASE,
)


def _table(key: str) -> str:
    """The table of an RG224 unique-index key, lower case, without its schema."""
    parts = key.split(":")
    return parts[2].rsplit(".", 1)[-1].strip('"`[]') if len(parts) > 3 else ""


def _on_view(f: Finding, views: set[str]) -> bool:
    keys = [f.key, *(r.key for r in f.related)]
    return all(k.endswith(_UNIQUE_INDEX) and _table(k) in views for k in keys)


def materialized_views(ctx: Context, folders: Iterable[str], files: Sequence[str]) -> set[str]:
    """Names (lower case, without schema) that a file under ``folders`` creates as a
    materialized view; ``files`` are read instead where git cannot say which hold one."""
    holding = ctx.git.files_with("materialized view", folders) if ctx.git is not None else None
    names: set[str] = set()
    for path in files if holding is None else holding:
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        if "materialized" not in text.lower():
            continue
        for m in _VIEW.finditer(text):
            names.add(m.group(1).rsplit(".", 1)[-1].strip('"`[]').lower())
    return names


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 unique indexes on materialized views."""
    if not any(f.rule == "RG224" and f.key.endswith(_UNIQUE_INDEX) for f in findings):
        return findings
    views = materialized_views(ctx, folders, files)
    if not views:
        return findings
    return [f for f in findings if not (f.rule == "RG224" and _on_view(f, views))]
