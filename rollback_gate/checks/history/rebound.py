"""RG224 on a Liquibase foreign key drawn again under another name.

A changelog that drops a foreign key by its name and adds one from the same columns to the
same table, to change its ``onDelete`` or give it a readable name, asks of every row
what the old one asked: no write of the previous release fails that did not fail before.
The old key's columns are not in the file that drops it: they are where the key was made,
often a changelog of years before (candlepin's ``fk278ce810390317d``, made by the schema's
first changelog and drawn again ``ON DELETE CASCADE`` as ``fk_cp_consumer_facts_consumer``:
round P, seven keys).

So, asked once per run and only for RG224 foreign keys of XML changelogs where the file,
before the key, drops a foreign key of the same table: the changelogs that name a dropped
key (one ``git grep -l``; every migration file without git) are read for where it was made
(``addForeignKeyConstraint constraintName=…``, or ``foreignKeyName=…`` in a column's
``constraints``). The occurrence is no break when each place that made one of the dropped
keys on that table made it over the same columns to the same table as the new one. The
files are read as text: nothing is run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import bare, ordered, xml_attrs
from rollback_gate.checks.history.unwritten import table_of
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_ADD = lazyre.compile(r"<(?:\w+:)?addForeignKeyConstraint\b[^>]*>", re.IGNORECASE)
_DROP = lazyre.compile(r"<(?:\w+:)?dropForeignKeyConstraint\b[^>]*>", re.IGNORECASE)
_COLUMN = lazyre.compile(r"<(?:\w+:)?column\b[^>]*>", re.IGNORECASE)
_TABLE_NAME = lazyre.compile(r"\btableName\s*=\s*[\"']([^\"']+)")
_CONSTRAINTS = lazyre.compile(r"<(?:\w+:)?constraints\b[^>]*>", re.IGNORECASE)
_REFERENCES = lazyre.compile(r"^\s*([\w.\"`]+)\s*\(\s*([^)]*)\)")

Key = tuple[str, frozenset[str], str]  # (table, columns, referenced table)


def _names(text: str) -> frozenset[str]:
    return frozenset(bare(c) for c in text.split(",") if c.strip())


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _added(a: dict[str, str]) -> Key:
    return (
        bare(a.get("basetablename", "")),
        _names(a.get("basecolumnnames", "")),
        bare(a.get("referencedtablename", "")),
    )


def _made(text: str, name: str) -> list[Key]:
    """Every key ``text`` makes under ``name``: ``addForeignKeyConstraint`` or a column's
    ``constraints foreignKeyName=…`` inside ``createTable`` / ``addColumn``."""
    out = []
    for m in _ADD.finditer(text):
        a = xml_attrs(m.group())
        if a.get("constraintname", "").lower() == name:
            out.append(_added(a))
    for m in _CONSTRAINTS.finditer(text):
        a = xml_attrs(m.group())
        if a.get("foreignkeyname", "").lower() != name:
            continue
        columns = list(_COLUMN.finditer(text, 0, m.start()))
        tables = _TABLE_NAME.findall(text, 0, m.start())
        if not columns or not tables:
            continue
        column, table = columns[-1], tables[-1]
        ref = a.get("referencedtablename", "")
        if not ref and (r := _REFERENCES.match(a.get("references", ""))):
            ref = r.group(1)
        col = xml_attrs(column.group()).get("name", "")
        out.append((bare(table), _names(col), bare(ref)))
    return out


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 foreign keys that re-draw one the file dropped."""
    asked: dict[int, tuple[Finding, str]] = {}
    for f in findings:
        if not (
            f.rule == "RG224" and (f.path or "").endswith(".xml")
            and all(r.path == f.path for r in f.related)
            and any(":foreign key" in o.key for o in occurrences(f))
        ):  # fmt: skip
            continue
        try:
            asked[id(f)] = (f, ctx.tree.read_text(f.path or "", lenient=True))
        except Unreadable:
            continue
    dropped: dict[int, dict[str, list[tuple[int, str]]]] = {}  # finding -> table -> drops
    for key, (_, text) in asked.items():
        for m in _DROP.finditer(text):
            a = xml_attrs(m.group())
            name = a.get("constraintname", "").lower()
            if name:
                table = bare(a.get("basetablename", ""))
                dropped.setdefault(key, {}).setdefault(table, []).append(
                    (_line(text, m.start()), name)
                )
    names = sorted({n for d in dropped.values() for ds in d.values() for _, n in ds})
    if not names:
        return findings
    roots = list(folders)
    holding = ctx.git.files_with(names, roots) if ctx.git is not None else None
    made: dict[str, list[Key]] = {}
    for path in files if holding is None else holding:
        if not path.endswith(".xml"):
            continue
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        low = text.lower()
        for name in names:
            if name in low:
                made.setdefault(name, []).extend(_made(text, name))
    judged: dict[int, list[Finding]] = {}
    for key, (f, text) in asked.items():
        drops = dropped.get(key, {})
        if not ordered(f.path or ""):
            # a changelog holding every release: a key dropped by a release before this
            # one's is gone, and rows written since need not obey it
            from rollback_gate.checks.history.liquibase import samelog

            lines = [at for ds in drops.values() for at, _ in ds]
            gone = samelog.shipped_earlier(ctx, f.path or "", f.line or 0, lines) or set()
            drops = {t: [d for d in ds if d[0] not in gone] for t, ds in drops.items()}
        kept = [o for o in occurrences(f) if not _redrawn(o, text, drops, made)]
        if len(kept) <= len(f.related):
            judged[key] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _redrawn(
    o: Finding, text: str, drops: dict[str, list[tuple[int, str]]], made: dict[str, list[Key]]
) -> bool:
    """Whether the key added at ``o``'s line is one the file dropped before it, drawn
    again over the same columns to the same table."""
    if ":foreign key" not in o.key:
        return False
    line = o.line or 0
    new = next(
        (_added(xml_attrs(m.group())) for m in _ADD.finditer(text)
         if _line(text, m.start()) <= line <= _line(text, m.end())),
        None,
    )  # fmt: skip
    if new is None or new[0] != table_of(o.key):
        return False
    for at, name in drops.get(new[0], []):
        if at >= line:
            continue
        where = [k for k in made.get(name, []) if k[0] == new[0]]
        if where and all(k == new for k in where):
            return True
    return False
