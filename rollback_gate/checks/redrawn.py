"""RG224 on a unique index re-drawn: dropped by a name that says nothing, made again looser.

A migration that drops a unique index and creates another over the same columns or more
re-draws the key: every row the previous release writes passes the new one if it passed
the old. Within one file the analysers see this when the dropped name says it was unique
(``uq_…``, Prisma's ``<table>_<columns>_key``). Two names say nothing, and only an earlier
migration file tells what they were:

* TypeORM's ``IDX_user_secrets_company_slug``, dropped and created again as
  ``IDX_f39a47…`` over the same two columns (rocketadmin, round I);
* PostgreSQL's automatic name of an unnamed index, ``fagsak_ekstern_fagsak_id_idx`` for
  V1's ``CREATE UNIQUE INDEX ON fagsak (ekstern_fagsak_id)``, re-drawn by V2 over
  ``(ekstern_fagsak_id, ytelsestype)`` (familie-tilbake, round I).

So, asked once per run and only for an RG224 unique index whose file drops an index it did
not create: the names it drops are looked up in the other migration files (one
``git grep -l``; the files themselves without git). An occurrence is no break when one of
them was a unique index, or a unique constraint, of the same table, over columns the new
index keeps, with the same ``WHERE`` (or none). A finding whose every occurrence is such a
re-draw is dropped. Nothing is run: the files are read as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rollback_gate.checks import Context
from rollback_gate.checks.unwritten import UNIQUE_INDEX, bare, table_of
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding

_ID = r"[\"`\[]?[\w$]+[\"`\]]?"
_NAME = rf"((?:{_ID}\.)?{_ID})"
_COLUMNS = r"\(([^()]*)\)"
_WHERE = r"(\s+WHERE\s+[^;`'\"]+)?"
_CREATE_UNIQUE = re.compile(
    r"\bCREATE\s+UNIQUE\s+INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?"
    rf"(?:{_NAME}\s+)?ON\s+(?:ONLY\s+)?{_NAME}\s*(?:USING\s+\w+\s*)?{_COLUMNS}{_WHERE}",
    re.IGNORECASE,
)
# ``ALTER TABLE t ADD [CONSTRAINT c] UNIQUE (…)`` and, inside ``CREATE TABLE t (…)``,
# ``[CONSTRAINT c] UNIQUE (…)`` (its table: the nearest CREATE TABLE before it)
_ADD_UNIQUE = re.compile(
    rf"\bALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?{_NAME}\s+ADD\s+"
    rf"(?:CONSTRAINT\s+{_NAME}\s+)?UNIQUE\s*(?:KEY\s*|INDEX\s*)?{_COLUMNS}",
    re.IGNORECASE,
)
_INLINE_UNIQUE = re.compile(rf"\bCONSTRAINT\s+{_NAME}\s+UNIQUE\s*{_COLUMNS}", re.IGNORECASE)
_CREATE_TABLE = re.compile(rf"\bCREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?{_NAME}", re.IGNORECASE)
_DROPPED = re.compile(
    rf"\bDROP\s+(?:INDEX|CONSTRAINT)\s+(?:CONCURRENTLY\s+)?(?:IF\s+EXISTS\s+)?{_NAME}",
    re.IGNORECASE,
)
# Rails: ``add_index :t, [:a, :b], unique: true, name: "n", where: "…"`` (its options may
# go on over the next lines, one ``key: value`` a line) and ``remove_index :t, …, name: …``
_RAILS_COLUMNS = r"(\[[^\]]*\]|%[iw]\[[^\]]*\]|%[iw]\([^)]*\)|:\w+|[\"']\w+[\"'])"
_RAILS_OPTIONS = r"(?P<opts>[^\n]*(?:\n[ \t]+\w+:[^\n]*)*)"
_RAILS_ADD = re.compile(
    rf"\badd_index\s*\(?\s*[:\"']?(\w+)[\"']?\s*,\s*{_RAILS_COLUMNS}{_RAILS_OPTIONS}"
)
_RAILS_REMOVE = re.compile(
    rf"\bremove_index\s*\(?\s*[:\"']?(\w+)[\"']?\s*(?:,\s*{_RAILS_COLUMNS})?{_RAILS_OPTIONS}"
)
_RAILS_OPTION = {
    k: re.compile(rf"\b{k}:\s*{v}")
    for k, v in (("unique", r"(true)"), ("name", r"[:\"']?(\w+)"), ("where", r"[\"']([^\"']*)"),
                 ("column", _RAILS_COLUMNS))
}  # fmt: skip
_PLAIN = re.compile(r"^[\w$]+$")
NEAR = 3  # lines between a finding's line and its statement's first (a call, then SQL)


@dataclass(frozen=True)
class _Key:
    """A unique index or constraint: its name ("" unnamed), table, columns and WHERE."""

    name: str
    table: str
    columns: tuple[str, ...]
    where: str

    def auto_names(self) -> set[str]:
        """The names PostgreSQL gives it unnamed: ``<table>_<columns>_idx`` for an index,
        ``…_key`` for a constraint (either is tried: the statement's kind is not kept)."""
        stem = "_".join((self.table, *self.columns))[:59]
        return {f"{stem}_idx", f"{stem}_key"}


def _columns(text: str) -> tuple[str, ...] | None:
    """Plain column names of a column list, lower case; None if any is an expression."""
    names = [bare(c.strip().split()[0]) for c in text.split(",") if c.strip()]
    return tuple(names) if names and all(_PLAIN.match(n) for n in names) else None


def _where(text: str | None) -> str:
    words = (text or "").lower().split()
    return " ".join(words[1:] if words[:1] == ["where"] else words)


def _option(opts: str, key: str) -> str | None:
    m = _RAILS_OPTION[key].search(opts)
    return m.group(1) if m else None


def _rails_columns(text: str | None) -> tuple[str, ...]:
    """``[:a, :b]`` / ``%i[a b]`` / ``:a`` as column names, lower case."""
    return tuple(n.lower() for n in re.findall(r"\w+", (text or "").lstrip("%iw")))


def _rails_name(table: str, columns: tuple[str, ...], opts: str) -> str:
    """An index's name: ``name:``, else Rails' ``index_<table>_on_<a>_and_<b>``."""
    named = _option(opts, "name")
    return (named or f"index_{table}_on_{'_and_'.join(columns)}").lower()


def _keys(text: str) -> list[tuple[int, _Key]]:
    """Each unique index or constraint ``text`` declares, with its offset."""
    found: list[tuple[int, _Key]] = []
    for m in _CREATE_UNIQUE.finditer(text):
        if (cols := _columns(m.group(3))) is not None:
            key = _Key(bare(m.group(1) or ""), bare(m.group(2)), cols, _where(m.group(4)))
            found.append((m.start(), key))
    for m in _ADD_UNIQUE.finditer(text):
        if (cols := _columns(m.group(3))) is not None:
            found.append((m.start(), _Key(bare(m.group(2) or ""), bare(m.group(1)), cols, "")))
    for m in _RAILS_ADD.finditer(text):
        if _option(m.group("opts"), "unique") and (cols := _rails_columns(m.group(2))):
            table, where = m.group(1).lower(), _where(_option(m.group("opts"), "where"))
            found.append((m.start(), _Key(_rails_name(table, cols, m.group("opts")), table,
                                          cols, where)))  # fmt: skip
    tables = [(m.start(), bare(m.group(1))) for m in _CREATE_TABLE.finditer(text)]
    for m in _INLINE_UNIQUE.finditer(text):
        table = next((t for at, t in reversed(tables) if at < m.start()), "")
        if table and (cols := _columns(m.group(2))) is not None:
            found.append((m.start(), _Key(bare(m.group(1)), table, cols, "")))
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _made_at(text: str, line: int, table: str) -> _Key | None:
    """The unique index of ``table`` a statement at ``line`` (or just after) creates."""
    for at, key in _keys(text):
        if key.table == table and 0 <= _line(text, at) - line <= NEAR:
            return key
    return None


def _dropped(text: str) -> set[str]:
    """Names the file drops, in its up or down step: only other files' keys are looked up,
    so a down step dropping what its up step made finds nothing."""
    names = {bare(m.group(1)) for m in _DROPPED.finditer(text)}
    for m in _RAILS_REMOVE.finditer(text):
        columns = _rails_columns(m.group(2) or _option(m.group("opts"), "column"))
        if columns or _option(m.group("opts"), "name"):
            names.add(_rails_name(m.group(1).lower(), columns, m.group("opts")))
    return names


def natural(path: str) -> list[tuple[int, str]]:
    """A sort key that puts ``V2__`` before ``V10__``."""
    return [(int(p), "") if p.isdigit() else (-1, p) for p in re.split(r"(\d+)", path) if p]


def _redraws(old: _Key, new: _Key) -> bool:
    """The new key holds every row set the old one did: over its columns or more, and on
    the same rows (the same ``WHERE``) or a subset of rows the old one covered whole."""
    rows = old.where in ("", new.where)
    return old.table == new.table and rows and set(old.columns) <= set(new.columns)


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 whose every occurrence re-draws a unique index an
    earlier migration file made (``files``: every migration file of the run)."""
    asked = [f for f in findings if f.rule == "RG224" and f.path and UNIQUE_INDEX in f.key]
    wanted: dict[str, tuple[str, set[str]]] = {}  # path → (its text, names it drops)
    for f in asked:
        path = f.path or ""
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        if names := _dropped(text):
            wanted[path] = (text, names)
    if not wanted:
        return findings
    history = _history(ctx, folders, files, wanted, {table_of(f.key) for f in asked} - {""})
    drop: set[int] = set()
    for f in asked:
        if f.path not in wanted:
            continue
        text, names = wanted[f.path]
        here = natural(f.path or "")
        earlier = [k for p, keys in history.items() if natural(p) < here for k in keys]
        olds = [k for k in earlier if k.name in names or k.auto_names() & names]
        places = [(f.key, f.line), *((r.key, r.line) for r in f.related if r.path == f.path)]
        if len(places) == 1 + len(f.related) and all(
            (new := _made_at(text, line or 0, table_of(key))) is not None
            and any(_redraws(old, new) for old in olds)
            for key, line in places
        ):
            drop.add(id(f))
    return [f for f in findings if id(f) not in drop]


def _history(
    ctx: Context,
    folders: Iterable[str],
    files: Sequence[str],
    wanted: dict[str, tuple[str, set[str]]],
    tables: set[str],
) -> dict[str, list[_Key]]:
    """The unique keys declared by migration files that may have made a dropped name: by
    it, or, for an automatic name, by its table's name (one ``git grep -l``)."""
    words = {n for _, names in wanted.values() for n in names}
    if any(n.endswith(("_idx", "_key")) for n in words):
        words |= tables  # an automatic name: the unnamed key is found by its table
    holding = ctx.git.files_with(sorted(words), folders) if ctx.git is not None else None
    keys: dict[str, list[_Key]] = {}
    for path in files if holding is None else holding:
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        if "unique" in text.lower():
            keys[path] = [k for _, k in _keys(text)]
    return keys
