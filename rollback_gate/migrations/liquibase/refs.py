"""What a changeSet points at outside itself: SQL files, Java classes, other changeSets, and
the column types earlier changeSets left behind.

All of it is read, never run: a ``customChange`` class is looked up as source text to see
whether it implements ``CustomTaskRollback``/``CustomSqlRollback`` (directly or through a
superclass in the repository); a ``sqlFile`` is read as SQL text.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source, Unreadable
from rollback_gate.migrations.liquibase.loading import parse, read, resolve
from rollback_gate.migrations.liquibase.model import (
    Change,
    Changelog,
    ChangeSet,
    RollbackRef,
    sql_type,
)
from rollback_gate.migrations.liquibase.sqlview import statements_of
from rollback_gate.migrations.sqlengine import sql

_ROLLBACK_IFACE = lazyre.compile(r"\bCustom(?:Task|Sql)Rollback\b")
# Bounded type parameters: `class a<` repeated without `>` must not rescan the file.
_EXTENDS = lazyre.compile(r"\bclass\s+\w+(?:<[^>{]{0,500}>)?\s+extends\s+([\w.]+)")
# Kotlin `class A(x: Int) : Base(x) {`: the superclass call follows a colon in the class
# header. Searched header by header (see _kotlin_super): one regex with `[^{]*?` rescanned
# the rest of the file from every `class` (320 KB of `class a ` took 90 s).
_CLASS_HEAD = lazyre.compile(r"\bclass\s+\w+")
_SUPER_CALL = lazyre.compile(r":\s*([\w.]+)\s*\(")
_IMPORT = lazyre.compile(r"^[ \t]*import[ \t]+([\w.]+)[ \t]*;?[ \t]*$", re.M)
_PACKAGE = lazyre.compile(r"^[ \t]*package[ \t]+([\w.]+)", re.M)
_SOURCE_ROOTS = (
    *(f"src/{kind}/{lang}" for kind in ("main", "test") for lang in ("java", "kotlin", "groovy")),
    "java",
    "kotlin",
    "",
)
_SOURCE_EXTS = (".java", ".kt", ".groovy")


def _read(source: Source, path: str) -> str | None:
    try:
        return source.read_text(path, lenient=True)
    except Unreadable:
        return None


def file_sql(source: Source, changelog: str, change: Change) -> str | None:
    """The SQL text of a ``sqlFile`` change, or None when its file is not in the repo."""

    target = change.attr("path")
    relative = change.attr("relativeToChangelogFile").lower() == "true"
    resolved = resolve(source, changelog, target, relative) if target else None
    return _read(source, resolved) if resolved is not None else None


def _class_source(source: Source, changelog: str, name: str) -> str | None:
    rel = name.replace(".", "/")
    folder = posixpath.dirname(changelog)
    while True:
        for root in _SOURCE_ROOTS:
            for ext in _SOURCE_EXTS:
                candidate = posixpath.join(folder, root, rel + ext)
                if source.exists(candidate):
                    return _read(source, candidate)
        if not folder:
            return None
        folder = posixpath.dirname(folder)


def custom_rollback(source: Source, changelog: str, name: str, depth: int = 0) -> bool | None:
    """Whether customChange class ``name`` can roll back; None when its source is not found."""
    text = _class_source(source, changelog, name) if name else None
    if text is None:
        return None
    if _ROLLBACK_IFACE.search(text):
        return True
    parent = _EXTENDS.search(text) or _kotlin_super(text)
    if parent is None or depth >= 3:
        return False
    base = parent.group(1)
    if "." not in base:
        imports = {i.rsplit(".", 1)[-1]: i for i in _IMPORT.findall(text)}
        package = _PACKAGE.search(text)
        base = imports.get(base) or (f"{package.group(1)}.{base}" if package else base)
    # A superclass outside the repository (a library's) is taken as implementing nothing.
    return bool(custom_rollback(source, changelog, base, depth + 1))


def _kotlin_super(text: str) -> re.Match[str] | None:
    """The first ``: Base(`` in a class header (from ``class`` to ``{`` or the next class).

    Each character is scanned by one header only, so the search is linear in the text.
    """
    heads = [m.end() for m in _CLASS_HEAD.finditer(text)]
    brace = -1
    for i, start in enumerate(heads):
        if brace < start:
            brace = text.find("{", start)
            if brace < 0:
                brace = len(text)
        end = min(brace, heads[i + 1] if i + 1 < len(heads) else len(text))
        found = _SUPER_CALL.search(text, start, end)
        if found is not None:
            return found
    return None


def ref_exists(source: Source, log: Changelog, index: int, ref: RollbackRef) -> bool:
    """Whether the changeSet a rollback reuses exists where Liquibase looks for it.

    Without ``changeSetPath`` Liquibase searches the changeSets parsed before this one in
    the same file; with a path that resolves in the repository, that file's changeSets.
    A path that does not resolve (classpath of another module) is given the benefit of
    the doubt.
    """

    candidates: Sequence[ChangeSet] = log.changesets[:index]
    if ref.path:
        target = resolve(source, log.path, ref.path, relative=False)
        if target is None:
            return True
        if target != log.path:
            try:
                other = parse(target, read(source, target))
            except Unreadable:
                return True
            if other is None or other.problem is not None:
                return True
            candidates = other.changesets
    return any(cs.id == ref.id and (not ref.author or cs.author == ref.author) for cs in candidates)


def _key(table: str, column: str) -> str:
    from rollback_gate.migrations.liquibase.sqlview import expand

    # Same spelling as the SQL scanner's targets: placeholders encoded, no schema, lower.
    return f"{expand(table).rsplit('.', 1)[-1].lower()}.{expand(column).lower()}"


Delta = list[tuple[str, str | None]]
"""What one changeSet does to the known column types: ``(table.column, type or None)``."""


def schema_delta(cs: ChangeSet) -> Delta:
    """The column-type updates of one changeSet, in order (None: the column is gone)."""
    out: Delta = []
    for change in cs.changes:
        table = change.attr("tableName")
        if change.kind in ("createTable", "addColumn", "modifyColumn"):
            out.extend((_key(table, c.name), c.type) for c in change.columns if c.name and c.type)
        elif change.kind == "modifyDataType" and change.attr("newDataType"):
            out.append(
                (_key(table, change.attr("columnName")), sql_type(change.attr("newDataType")))
            )
        elif change.kind == "renameColumn":
            new_type = change.attr("columnDataType") or "\0" + change.attr("oldColumnName")
            out.append((_key(table, change.attr("newColumnName")), new_type))
            out.append((_key(table, change.attr("oldColumnName")), None))
        elif change.kind == "dropColumn":
            names = [change.attr("columnName")] + [c.name for c in change.columns]
            out.extend((_key(table, n), None) for n in names if n)
        elif change.kind == "sql" and re.search(r"(?i)\b(?:create|alter|modify)\b", change.text):
            found = statements_of(change, change.line, change.text)
            out.extend(sql.column_types(found).items())
    return out


def replay(deltas: Sequence[Delta]) -> dict[str, str]:
    """``table.column`` → type after the given changeSets' deltas, applied in order."""
    types: dict[str, str] = {}
    for delta in deltas:
        for key, typ in delta:
            if typ is None:
                types.pop(key, None)
            elif typ.startswith("\0"):
                # renameColumn without columnDataType: the column keeps its old type.
                old = types.get(f"{key.rsplit('.', 1)[0]}.{typ[1:].lower()}")
                if old:
                    types[key] = old
            else:
                types[key] = typ
    return types
