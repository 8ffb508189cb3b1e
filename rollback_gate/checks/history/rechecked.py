"""RG224 on a CHECK re-drawn under its name, no tighter than the one an earlier file made.

A step that drops a named CHECK and adds it again is judged within the file when its
down step shows the old expression. A forward-only history (Flyway, plain SQL without
down files) has none: the old one is in the file that made it. alf.io (round P) widens
``check_discount_type`` twice by a value, ``discount_type = 'A' OR … OR = 'NONE'``, and
once re-creates a CHECK with the expression it had: each rejects no row the previous
release writes.

So, asked once per run and only for RG224 CHECKs "re-created under the name the step
dropped": the migration files of the same folder that name the tables (one ``git grep
-l``; every file without git) are walked in migration order, following the CHECKs they
make (``ADD CONSTRAINT n CHECK (…)``, ``CONSTRAINT n CHECK`` in ``CREATE TABLE``, and a
column's unnamed ``CHECK``, which PostgreSQL names ``<table>_<column>_check``), drop
(``DROP CONSTRAINT``/``DROP CHECK``, the table dropped) and rename with their table. An
occurrence is no break when every CHECK its statement adds had an expression before the
file, and the new one is looser (:func:`~rollback_gate.migrations.sqlengine.loss.looser`:
compared as an OR of ANDs). The files are read as text: nothing is run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import (
    NAME,
    bare,
    body_after,
    home,
    in_order,
    items,
    ordered,
    sql_of,
    up_part,
)
from rollback_gate.checks.history.unwritten import table_of
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.migrations.js import MODULES
from rollback_gate.migrations.sqlengine import nullness
from rollback_gate.migrations.sqlengine.loss import closing, looser
from rollback_gate.migrations.sqlengine.sql import split_statements
from rollback_gate.models import Finding

REDRAWN = "re-created under the name the step dropped"
REPLACING = "drawn where the step dropped another constraint of the table"

_ALTER = lazyre.compile(rf"^\s*ALTER\s+TABLE\s+(?:ONLY\s+)?(?:IF\s+EXISTS\s+)?{NAME}", re.I)
_CREATE = lazyre.compile(
    rf"^\s*CREATE\s+(?:TEMP\w*\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?{NAME}\s*\(", re.I
)
_DROP_TABLE = lazyre.compile(rf"^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?{NAME}", re.I)
_RENAME_TABLE = lazyre.compile(rf"\bRENAME\s+TO\s+{NAME}", re.I)
_NAMED_CHECK = lazyre.compile(rf"\bCONSTRAINT\s+{NAME}\s+CHECK\s*\(", re.I)
_DROPPED = lazyre.compile(rf"\bDROP\s+(?:CONSTRAINT|CHECK)\s+(?:IF\s+EXISTS\s+)?{NAME}", re.I)
# ``ADD [COLUMN] [IF NOT EXISTS] c <type …> CHECK (`` without a name of its own
_ADD_COLUMN = lazyre.compile(
    rf"\bADD\s+(?:COLUMN\s+)?(?:IF\s+NOT\s+EXISTS\s+)?(?!CONSTRAINT\b|CHECK\b){NAME}\s", re.I
)
_CHECK = lazyre.compile(r"\bCHECK\s*\(", re.I)
_NOT_A_COLUMN = frozenset({"constraint", "check", "primary", "unique", "foreign", "exclude",
                           "like", "key", "index"})  # fmt: skip

Checks = dict[tuple[str, str], str]  # (table, constraint) -> expression


def _expr(text: str, m: re.Match[str]) -> str:
    end = closing(text, m.end())
    return "" if end is None else text[m.end() : end]


def _column_checks(table: str, column: str, text: str) -> Checks:
    """A column's unnamed CHECK, under the name PostgreSQL gives it."""
    if _NAMED_CHECK.search(text) or not (m := _CHECK.search(text)):
        return {}
    return {(table, f"{table}_{bare(column)}_check"): _expr(text, m)}


def _made(text: str) -> tuple[str, Checks, set[str], str]:
    """What one statement does to CHECKs: (its table, the CHECKs it makes, the names it
    drops, the table's new name)."""
    made: Checks = {}
    if m := _CREATE.match(text):
        table = bare(m.group(1))
        for item in items(body_after(text, m.end())[0]):
            words = item.split(None, 1)
            if (c := _NAMED_CHECK.match(item)) is not None:
                made[(table, bare(c.group(1)))] = _expr(item, c)
            elif len(words) == 2 and words[0].lower() not in _NOT_A_COLUMN:
                made.update(_column_checks(table, words[0], words[1]))
        return table, made, set(), ""
    if m := _DROP_TABLE.match(text):
        return bare(m.group(1)), {}, {"*"}, ""
    if not (m := _ALTER.match(text)):
        return "", {}, set(), ""
    table, rest = bare(m.group(1)), text[m.end() :]
    for c in _NAMED_CHECK.finditer(rest):
        made[(table, bare(c.group(1)))] = _expr(rest, c)
    for action in items(rest):
        if (a := _ADD_COLUMN.search(action)) is not None:
            made.update(_column_checks(table, a.group(1), action[a.end() :]))
    dropped = {bare(d.group(1)) for d in _DROPPED.finditer(rest)}
    renamed = _RENAME_TABLE.search(rest)
    return table, made, dropped, bare(renamed.group(1)) if renamed else ""


def _apply(text: str, checks: Checks) -> None:
    table, made, dropped, renamed = _made(text)
    if not table:
        return
    for key in [k for k in checks if k[0] == table and ("*" in dropped or k[1] in dropped)]:
        del checks[key]
    checks.update(made)
    if renamed:
        for key in [k for k in checks if k[0] == table]:
            checks[(renamed, key[1])] = checks.pop(key)


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the RG224 CHECKs re-drawn no tighter than the one they replace
    (``files``: every migration file of the run)."""
    findings = _already_required(ctx, findings, folders, files)
    asked = [
        f for f in findings
        if f.rule == "RG224" and f.path and ordered(f.path)
        and all(r.path == f.path for r in f.related)
        and any(_redrawn(o) for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    roots = list(folders)
    tables = sorted({table_of(o.key) for f in asked for o in occurrences(f)} - {""})
    wanted = {f.path or "" for f in asked}
    history = _history(ctx, tables, roots, wanted, files)
    state: dict[str, Checks] = {}
    before: dict[str, tuple[Checks, list[tuple[int, str]]]] = {}
    for path, text in in_order(ctx.tree, history | wanted):
        checks = state.setdefault(home(path, roots), {})
        statements = [(s.line, s.text) for s in split_statements(sql_of(path, up_part(text)))]
        if path in wanted:
            before[path] = (dict(checks), statements)
        if path.endswith(MODULES):
            checks.update(_knex_enums(up_part(text)))
        for _, sql in statements:
            _apply(sql, checks)
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        if f.path not in before:
            continue
        had, statements = before[f.path]
        kept = [o for o in occurrences(f) if not _looser(o, had, statements)]
        if len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


_KNEX_TABLE = lazyre.compile(r"\.(?:createTable|alterTable|table)\(\s*[\"'`](\w+)[\"'`]")
_KNEX_ENUM = lazyre.compile(
    r"\.(?:enu|enum)\(\s*[\"'`](\w+)[\"'`]\s*,\s*\[([^\]]*)\]\s*(,\s*\{[^}]*\})?\s*\)"
)


def _knex_enums(text: str) -> Checks:
    """The CHECKs a Knex file's ``t.enu('type', ['a', 'b'])`` makes (PostgreSQL's
    ``<table>_<column>_check``, ``type IN ('a', 'b')``), each on the table of the
    ``createTable``/``alterTable`` call before it; not ``useNative: true``, a type of its
    own (g-old's activities, whose later steps re-draw the CHECK with a label more: round
    BQ, three)."""
    tables = [(m.start(), m.group(1)) for m in _KNEX_TABLE.finditer(text)]
    out: Checks = {}
    for m in _KNEX_ENUM.finditer(text):
        owner = [t for at, t in tables if at < m.start()]
        if not owner or "useNative" in (m.group(3) or ""):
            continue
        table, column = owner[-1].lower(), m.group(1)
        out[(table, f"{table}_{column.lower()}_check")] = f"{column} IN ({m.group(2)})"
    return out


def _history(
    ctx: Context,
    tables: Sequence[str],
    roots: list[str],
    wanted: set[str],
    files: Sequence[str],
    suffix: str = "",
) -> set[str]:
    """The ordered migration files (ending in ``suffix``) of ``wanted``'s folders that name
    ``tables``: one ``git grep -l``; ``files`` without git."""
    holding = ctx.git.files_with(list(tables), roots) if ctx.git is not None else None
    homes = {home(p, roots) for p in wanted}
    return {
        p for p in (files if holding is None else holding)
        if ordered(p) and p.endswith(suffix) and home(p, roots) in homes
    }  # fmt: skip


_RAILS_CHECK = lazyre.compile(
    r"\badd_check_constraint\s*\(?\s*[:\"']?(\w+)[\"']?\s*,\s*[\"'](.+?)[\"']\s*(?:,|\)|$)"
)
_IS_NOT_NULL = lazyre.compile(r"^\(?\s*[\"`]?(\w+)[\"`]?\s+IS\s+NOT\s+NULL\s*\)?$", re.I)


def _not_null_columns(line: str) -> tuple[str, list[str]] | None:
    """``(table, columns)`` of a Rails ``add_check_constraint :t, "a IS NOT NULL [AND b IS
    NOT NULL]"`` on ``line``; None for any other CHECK."""
    m = _RAILS_CHECK.search(line)
    if m is None:
        return None
    terms = [_IS_NOT_NULL.match(t.strip()) for t in re.split(r"\s+AND\s+", m.group(2), flags=re.I)]
    if not terms or not all(terms):
        return None
    return m.group(1).lower(), [t.group(1).lower() for t in terms if t]


def _already_required(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the Rails ``c IS NOT NULL`` CHECKs on columns the earlier files
    left NOT NULL: no row the previous release writes holds NULL there (dawarich's
    ``users_email_null`` over devise's ``email, null: false``, round AR). The earlier files
    of the folder that name the table are read as text (:func:`.nullable.events`)."""
    from rollback_gate.checks.history.nullable import REQUIRED, apply, events

    asked: dict[int, list[tuple[Finding, tuple[str, list[str]]]]] = {}
    each: dict[int, list[Finding]] = {}  # a finding's occurrences, made once
    for f in findings:
        if f.rule != "RG224" or not (f.path or "").endswith(".rb") or not ordered(f.path or ""):
            continue
        try:
            lines = ctx.tree.read_text(f.path or "", lenient=True).splitlines()
        except Unreadable:
            continue
        each[id(f)] = occurrences(f)
        for o in each[id(f)]:
            if not o.key.endswith(":check") or not 0 < (o.line or 0) <= len(lines):
                continue
            said = _not_null_columns(lines[(o.line or 1) - 1])
            if said is not None:
                asked.setdefault(id(f), []).append((o, said))
    if not asked:
        return findings
    roots = list(folders)
    tables = sorted({t for pairs in asked.values() for _, (t, _) in pairs})
    wanted = {f.path or "" for f in findings if id(f) in asked}
    history = _history(ctx, tables, roots, wanted, files, ".rb")
    states: dict[str, dict[tuple[str, str], str]] = {}
    before: dict[str, dict[tuple[str, str], str]] = {}
    for path, text in in_order(ctx.tree, history | wanted):
        held = states.setdefault(home(path, roots), {})
        if path in wanted:
            before[path] = dict(held)
        apply(held, events(text))
    out: list[Finding] = []
    for f in findings:
        pairs = asked.get(id(f))
        if not pairs or f.path not in before:
            out.append(f)
            continue
        had = before[f.path or ""]
        gone = {
            id(o) for o, (table, columns) in pairs
            if all(had.get((table, c)) == REQUIRED for c in columns)
        }  # fmt: skip
        kept = [o for o in each[id(f)] if id(o) not in gone]
        out.extend([f] if len(kept) == len(each[id(f)]) else one_per_rule(kept))
    return out


def _redrawn(o: Finding) -> bool:
    # (a Liquibase key goes on with the line within its changeSet: `…:check:1`)
    return (REDRAWN in o.message or REPLACING in o.message) and bool(_CHECK_KEY.search(o.key))


_CHECK_KEY = lazyre.compile(r":check(?::\d+)?$")


def _looser(o: Finding, had: Checks, statements: list[tuple[int, str]]) -> bool:
    """Whether every CHECK the statement at ``o``'s line adds to its table is looser than
    the one of that name the table had before the file, or, drawn under a new name, than
    one of the CHECKs of the table the file dropped before it (121-platform's TypeORM
    CHECKs, named by their expression: round AZ)."""
    if not _redrawn(o):
        return False
    table = table_of(o.key)
    at = [sql for line, sql in statements if line <= (o.line or 0)]
    if not at:
        return False
    _, made, _, _ = _made(at[-1])
    made = {k: v for k, v in made.items() if k[0] == table}
    replaced = {
        name for sql in at[:-1] for t, _, names, _ in [_made(sql)] if t == table for name in names
    }
    added = _added_null(table, at[:-1])
    nulls = "".join(f" AND {c} IS NULL" for c in added)
    # … or, where the rule counts NULLs (`num_nonnulls(a, b, c) <= 1` given a column the
    # step adds: evaka V484, round AY), what every assignment of the old rule's rows meets;
    # a column it adds with a constant default holds that value in them (ArachneCentralAPI's
    # `access_type <> ''` over `DEFAULT 'PUBLIC'`, round BC)
    fresh = {c.lower() for c in added}
    fixed = _added_fixed(table, at[:-1])

    def before(key: tuple[str, str]) -> list[str]:
        # under its name: the one of that name; under a new one, the ones the file dropped
        # by name before it (a CHECK of the same name made long ago is not what it replaces
        # where the step took it away with its columns: evaka's V205, round AY)
        if REDRAWN in o.message and key in had:
            return [had[key]]
        # (… and under another name than the one the step dropped, the dropped one:
        # tiltakspenger's V116, `meldekort_eller_behandling` made `…_kilde` without its
        # column's terms, round BL)
        return [had[(table, d)] for d in sorted(replaced) if (table, d) in had]

    return bool(made) and all(
        bool(new)
        and any(
            looser(new, f"({old}){nulls}" if nulls else old)
            or nullness.holds(new, [old], fresh, (), fixed)
            for old in before(key)
        )
        for key, new in made.items()
    )


_DEFAULT = lazyre.compile(r"\b(?:DEFAULT|GENERATED|IDENTITY|SERIAL|BIGSERIAL|SMALLSERIAL)\b", re.I)
_NOT_NULL = lazyre.compile(r"\bNOT\s+NULL\b", re.I)


_CONSTANT_DEFAULT = lazyre.compile(
    r"\bDEFAULT\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?|TRUE|FALSE)(?:\s*::\s*[\w ]+?)?"
    r"\s*(?:$|NOT\b|NULL\b|CHECK\b|CONSTRAINT\b|,)",
    re.I,
)


def _added_columns(table: str, statements: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``(column, what follows its name)`` for each column ``statements`` add to ``table``."""
    for sql in statements:
        if not (m := _ALTER.match(sql)) or bare(m.group(1)) != table:
            continue
        for action in items(sql[m.end() :]):
            a = _ADD_COLUMN.search(action)
            if a is not None and a.group(1).lower() not in _NOT_A_COLUMN:
                yield bare(a.group(1)), action[a.end() :]


def _added_fixed(table: str, statements: Sequence[str]) -> dict[str, str]:
    """The columns ``statements`` add to ``table`` with a constant default: the previous
    release, which does not know them, leaves them to it in every row it writes."""
    return {
        column.lower(): d.group(1)
        for column, rest in _added_columns(table, statements)
        if (d := _CONSTANT_DEFAULT.search(rest)) is not None
    }


def _added_null(table: str, statements: Sequence[str]) -> list[str]:
    """The columns ``statements`` add to ``table`` with neither a default nor NOT NULL: the
    previous release, which does not know them, leaves them NULL in every row it writes,
    so a CHECK that asks ``c IS NULL`` of its rows asks nothing more of them
    (su-se-bakover's ``… AND klageId IS NULL`` in each branch, round S)."""
    return [
        column
        for column, rest in _added_columns(table, statements)
        if not _DEFAULT.search(rest) and not _NOT_NULL.search(rest)
    ]
