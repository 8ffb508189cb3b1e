"""RG224 on a Rails unique index that the previous release's model already validates.

``add_index :libraries, :path, unique: true`` is how Rails backs ``validates :path,
uniqueness: true`` (its guides and strong_migrations advise it): the validation alone lets
two concurrent requests through. The previous release refused every other duplicate
itself, so the index rejects none of its writes that its own validation let pass, except
those races (manyfold: four, round S).

So, asked once per run and only for RG224 unique indexes of Rails migrations: the previous
release is the base for a migration the change adds and, under ``scope: all``, the parent
of the commit that added the file. Its model files that validate uniqueness (one ``git
grep -l`` per release) are read as text, never loaded. An index is implied when a model
of its table (``self.table_name``, or the class name made plural) validates the
uniqueness of columns all among the index's (an association's ``user`` is ``user_id``),
without ``if:``, ``unless:``, ``on:``, ``conditions:``, ``allow_blank:`` or
``case_sensitive: true`` (which let through rows the index refuses). Such occurrences
leave their finding; a finding left with none is dropped. Without git nothing changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from rollback_gate.checks import Context
from rollback_gate.checks.redrawn import UNIQUE_KEY, _events, _made_at
from rollback_gate.checks.unwritten import table_of
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

MODELS = ("**/app/models/**",)
MAX_MODEL_BYTES = 512 * 1024
_MARK = r"validates_uniqueness_of|uniqueness"
_CLASS = re.compile(r"^\s*class\s+([A-Z]\w*(?:::[A-Z]\w*)*)", re.MULTILINE)
_TABLE_NAME = re.compile(r"self\.table_name\s*=\s*[\"':]+(\w+)")
_STATEMENT = re.compile(r"^[ \t]*(validates_uniqueness_of|validates)\b", re.MULTILINE)
_PARTIAL = re.compile(
    r"\b(?:if|unless|on|conditions|allow_blank)\s*:|:(?:if|unless|on|conditions|allow_blank)\s*=>"
    r"|\bcase_sensitive\s*:\s*true"
)
_SYMBOLS = re.compile(r"\s*:(\w+)\s*,?")
_SCOPE = re.compile(r"\bscope\s*:\s*(\[[^\]]*\]|%i\[[^\]]*\]|%i\([^)]*\)|:\w+)")


def _statement(text: str, start: int) -> str:
    """The Ruby statement from ``start``: its first line and those that continue it (an
    open bracket, or a line ending in a comma)."""
    out: list[str] = []
    depth = 0
    for line in text[start:].splitlines():
        out.append(line)
        depth += sum(line.count(c) for c in "([{") - sum(line.count(c) for c in ")]}")
        if depth <= 0 and not line.rstrip().endswith((",", "\\")):
            break
        if len(out) > 20:
            return ""  # not a statement this reading understands
    return "\n".join(out)


def _tableize(name: str) -> str:
    """``LibraryItem`` → ``library_items`` (Rails' convention, the common English plurals)."""
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
    if re.search(r"[^aeiou]y$", snake):
        return snake[:-1] + "ies"
    if snake.endswith(("s", "x", "z", "ch", "sh")):
        return snake + "es"
    return snake + "s"


def validations(text: str) -> dict[str, list[frozenset[str]]]:
    """``table → [the columns one validation keeps unique]`` of a model file's classes."""
    classes = [(m.start(), m.group(1).rsplit("::", 1)[-1]) for m in _CLASS.finditer(text)]
    named = {}
    for m in _TABLE_NAME.finditer(text):
        owner = [c for at, c in classes if at < m.start()]
        if owner:
            named[owner[-1]] = m.group(1).lower()
    out: dict[str, list[frozenset[str]]] = {}
    for m in _STATEMENT.finditer(text):
        owner = [c for at, c in classes if at < m.start()]
        statement = _statement(text, m.start())
        if not owner or not statement or _PARTIAL.search(statement):
            continue
        rest = statement[m.end() - m.start() :]
        if m.group(1) == "validates" and not re.search(r"\buniqueness\s*:\s*(?:true|\{)", rest):
            continue
        attributes = []
        at = 0
        while s := _SYMBOLS.match(rest, at):
            attributes.append(s.group(1).lower())
            at = s.end()
        scope = _SCOPE.search(rest)
        scoped = re.findall(r"\w+", scope.group(1).lstrip("%i")) if scope else []
        table = named.get(owner[-1]) or _tableize(owner[-1])
        for a in attributes:
            out.setdefault(table, []).append(frozenset([a, *(s.lower() for s in scoped)]))
    return out


def _implied(columns: Iterable[str], kept: Iterable[frozenset[str]]) -> bool:
    index = set(columns)
    return any(all(c in index or f"{c}_id" in index for c in unique) for unique in kept)


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 occurrences that are a Rails unique index the previous
    release's model validated already (``files`` unused)."""
    asked = [
        f for f in findings
        if f.rule == "RG224" and (f.path or "").endswith(".rb")
        and all(r.path == f.path for r in f.related)
        and any(UNIQUE_KEY.search(o.key) for o in occurrences(f))
    ]  # fmt: skip
    if not asked or ctx.git is None:
        return findings
    releases = _releases(ctx, asked, folders)
    models: dict[str, dict[str, list[frozenset[str]]]] = {}
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        rev = releases.get(f.path or "")
        if rev is None:
            continue
        if rev not in models:
            models[rev] = _models(ctx, rev)
        if not models[rev]:
            continue
        text = ctx.tree.read_text(f.path or "", lenient=True)
        events = _events(text)
        kept = [
            o for o in occurrences(f)
            if not (
                UNIQUE_KEY.search(o.key)
                and (made := _made_at(events, text, o.line or 0, table_of(o.key))) is not None
                and _implied(made[1].columns, models[rev].get(made[1].table, ()))
            )
        ]  # fmt: skip
        if len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _releases(ctx: Context, asked: Sequence[Finding], folders: Iterable[str]) -> dict[str, str]:
    """``path → the commit of the previous release`` for each asked file that git tells."""
    assert ctx.git is not None
    paths = {f.path or "" for f in asked}
    out: dict[str, str] = {}
    if ctx.diff is not None:
        added = {c.path for c in ctx.diff.changes if c.status == "A"}
        out = {p: ctx.diff.base for p in paths if p in added}
    rest = paths - out.keys()
    if rest:
        commits = ctx.git.added_by(folders) or {}
        out.update({p: f"{commits[p]}^" for p in rest if p in commits})
    return out


def _models(ctx: Context, rev: str) -> dict[str, list[frozenset[str]]]:
    """What the models of ``rev`` keep unique, by table."""
    assert ctx.git is not None
    found = ctx.git.grep_files(rev, _MARK, MODELS)
    texts = ctx.git.read_many(rev, sorted(p for p in found if p.endswith(".rb")), MAX_MODEL_BYTES)
    out: dict[str, list[frozenset[str]]] = {}
    for text in texts.values():
        for table, kept in validations(text).items():
            out.setdefault(table, []).extend(kept)
    return out
