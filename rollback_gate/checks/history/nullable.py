"""RG222 on a Rails ``change_column … null: false`` (or a Laravel ``->change()``) over a
column earlier migrations made nullable.

``change_column :tracks, :state, :string, null: false, default: "new"`` restates the whole
column, so ``null: false`` is as often a restatement (the column was NOT NULL already) as
a change. One file tells only when its down step puts ``null: true`` back, or its own up
step added the column nullable. Inside ``change`` there is no down step, and the column's
earlier life is in the files before (osem: three such changes passed, round T).

So, asked once per run, for every Rails migration in scope whose up step says
``change_column … null: false``: the earlier files of its migration folder that name the
table (one ``git grep -l``; every file without git) are read as text in migration order,
following the column: ``create_table`` (``t.<type> :c``, ``t.references``),
``add_column``/``add_reference`` and ``change_table`` (nullable unless ``null: false``),
``change_column_null``, ``change_column … null:``, ``rename_column``, ``rename_table``,
``remove_column`` and ``drop_table``. When the last of those left the column nullable, the
change is an RG222 (``SET NOT NULL``), in Rails' words; a ``change_column`` without
``null:``, SQL that names the column with ``NULL``, or no trace of the column leaves it
unknown: no finding (as before).

The same walk gives RG223 what such a file does not say either: the old type of a
``change_column :t, :c, :type`` in a file without a ``down`` (:func:`_rails_changes`,
following ``rename_table`` back to the names the table had). And Laravel's
``$table-><type>('c')->change()``, which restates the whole column (NOT NULL unless
``nullable()``), is an RG222 where the earlier files left the column nullable
(:func:`_laravel_changes`, :func:`php_events`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.order import blanked, home, in_order, up_part
from rollback_gate.checks.history.unwritten import commit_releases
from rollback_gate.migrations.base import Unreadable, matching_bracket
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_SYM = r"\s*[:\"']?(\w+)[\"']?"


def _option(name: str) -> str:
    """A Ruby keyword option in either spelling: ``null: false`` or the hash rocket's
    ``:null => false`` (mapknitter's ``:default => 1``, Rails 5.2, round CB)."""
    return rf"(?:\b{name}:|:{name}\s*=>)"


_CHANGE_NOT_NULL = lazyre.compile(
    rf"^[ \t]*change_column\s*\(?{_SYM}\s*,{_SYM}\s*,[^\n]*{_option('null')}\s*false", re.MULTILINE
)
_CREATE = lazyre.compile(rf"^([ \t]*)create_table\s*\(?{_SYM}[^\n]*\bdo\s*\|\s*(\w+)\s*\|", re.M)
_CHANGE_TABLE = lazyre.compile(
    rf"^([ \t]*)change_table\s*\(?{_SYM}[^\n]*\bdo\s*\|\s*(\w+)\s*\|", re.M
)
_ADD = lazyre.compile(rf"^[ \t]*add_column\s*\(?{_SYM}\s*,{_SYM}([^\n]*)", re.M)
_ADD_REF = lazyre.compile(
    rf"^[ \t]*add_(?:reference|belongs_to)\s*\(?{_SYM}\s*,{_SYM}([^\n]*)", re.M
)
_NULL_CALL = lazyre.compile(
    rf"^[ \t]*change_column_null\s*\(?{_SYM}\s*,{_SYM}\s*,\s*(true|false)", re.M
)
_CHANGE = lazyre.compile(rf"^[ \t]*change_column\s*\(?{_SYM}\s*,{_SYM}([^\n]*)", re.M)
_RENAME_COLUMN = lazyre.compile(rf"^[ \t]*rename_column\s*\(?{_SYM}\s*,{_SYM}\s*,{_SYM}", re.M)
_RENAME_TABLE = lazyre.compile(rf"^[ \t]*rename_table\s*\(?{_SYM}\s*,{_SYM}", re.M)
_REMOVE = lazyre.compile(rf"^[ \t]*remove_column\s*\(?{_SYM}\s*,{_SYM}", re.M)
_DROP = lazyre.compile(rf"^[ \t]*drop_table\s*\(?{_SYM}", re.M)
_NULL_OPTION = lazyre.compile(rf"{_option('null')}\s*(true|false)")
_SQL_NULL = lazyre.compile(r"\bNULL\b")

Column = tuple[str, str]  # (table, column), lower case
NULLABLE, REQUIRED, UNKNOWN = "nullable", "required", "unknown"
MADE = "made"  # a table's own event: (table, "")


def _block(text: str, start: int, indent: str) -> tuple[str, int]:
    """The body of a ``… do |t|`` block starting at ``start``: up to the ``end`` at the
    block's own indentation."""
    end = re.compile(rf"^{re.escape(indent)}end\b", re.MULTILINE).search(text, start)
    stop = end.start() if end else len(text)
    return text[start:stop], stop


def _block_columns(up: str) -> Iterator[tuple[int, str, str, str, str]]:
    """``(offset, table, method, name, rest of the line)`` of each ``t.<method> :name …``
    in the ``create_table``/``change_table`` blocks of an up step (``name`` lower case)."""
    for pattern in (_CREATE, _CHANGE_TABLE):
        for m in pattern.finditer(up):
            body, _ = _block(up, m.end(), m.group(1))
            var, table = m.group(3), m.group(2).lower()
            for c in re.finditer(rf"^[ \t]*{var}\.(\w+)\s*\(?{_SYM}([^\n]*)", body, re.M):
                yield m.end() + c.start(), table, c.group(1), c.group(2).lower(), c.group(3)


def _in_block(body: str, var: str, table: str, out: list[tuple[int, Column, str]], at: int) -> None:
    for m in re.finditer(rf"^[ \t]*{var}\.(\w+)\s*\(?{_SYM}([^\n]*)", body, re.MULTILINE):
        kind, name, rest = m.group(1), m.group(2).lower(), m.group(3)
        if kind in ("index", "timestamps", "remove_index", "foreign_key", "check_constraint"):
            continue
        if kind in ("references", "belongs_to"):
            name += "_id"
        if kind == "remove":
            out.append((at + m.start(), (table, name), "gone"))
            continue
        if kind == "rename":
            continue  # (t.rename :a, :b in change_table: the column leaves our sight)
        null = _NULL_OPTION.search(rest)
        state = REQUIRED if null and null.group(1) == "false" else NULLABLE
        if kind == "change" and null is None:
            state = UNKNOWN
        out.append((at + m.start(), (table, name), state))


def events(text: str) -> list[tuple[int, Column, str]]:
    """``(offset, (table, column), state)`` of the up step's changes to columns, in order;
    state is nullable, required, unknown, gone, or ``renamed:<new>`` (a column) and
    ``table:<new>`` (column "", a table renamed); a table ``create_table`` makes is
    ``(table, "")``, made."""
    up = up_part(text)
    out: list[tuple[int, Column, str]] = []
    for pattern in (_CREATE, _CHANGE_TABLE):
        for m in pattern.finditer(up):
            if pattern is _CREATE:  # the table itself, column "" (railsguard asks)
                out.append((m.start(), (m.group(2).lower(), ""), MADE))
            body, _ = _block(up, m.end(), m.group(1))
            _in_block(body, m.group(3), m.group(2).lower(), out, m.end())
    for pattern, suffix in ((_ADD, ""), (_ADD_REF, "_id")):
        for m in pattern.finditer(up):
            null = _NULL_OPTION.search(m.group(3))
            state = REQUIRED if null and null.group(1) == "false" else NULLABLE
            out.append((m.start(), (m.group(1).lower(), m.group(2).lower() + suffix), state))
    for m in _NULL_CALL.finditer(up):
        state = NULLABLE if m.group(3) == "true" else REQUIRED
        out.append((m.start(), (m.group(1).lower(), m.group(2).lower()), state))
    for m in _CHANGE.finditer(up):
        null = _NULL_OPTION.search(m.group(3))
        state = UNKNOWN if null is None else NULLABLE if null.group(1) == "true" else REQUIRED
        out.append((m.start(), (m.group(1).lower(), m.group(2).lower()), state))
    for m in _RENAME_COLUMN.finditer(up):
        column = (m.group(1).lower(), m.group(2).lower())
        out.append((m.start(), column, f"renamed:{m.group(3).lower()}"))
    for m in _RENAME_TABLE.finditer(up):
        out.append((m.start(), (m.group(1).lower(), ""), f"table:{m.group(2).lower()}"))
    for m in _REMOVE.finditer(up):
        out.append((m.start(), (m.group(1).lower(), m.group(2).lower()), "gone"))
    for m in _DROP.finditer(up):
        out.append((m.start(), (m.group(1).lower(), ""), "gone"))
    return sorted(out)


def apply(states: dict[Column, str], found: list[tuple[int, Column, str]]) -> None:
    for _, (table, column), state in found:
        if state.startswith("table:"):
            new = state.split(":", 1)[1]
            for t, c in list(states):
                if t == table:
                    states[(new, c)] = states.pop((t, c))
        elif state.startswith("renamed:"):
            moved = states.pop((table, column), UNKNOWN)
            states[(table, state.split(":", 1)[1])] = moved
        elif state == "gone" and not column:
            for key in [k for k in states if k[0] == table]:
                del states[key]
        elif state == "gone":
            states.pop((table, column), None)
        else:
            states[(table, column)] = state


def _moves(text: str) -> list[tuple[int, Column, str]]:
    """The :func:`events` that drop or rename a column or table (every walk follows them)."""
    return [e for e in events(text) if e[2] == "gone" or e[2].startswith(("renamed:", "table:"))]


DEFAULT, NO_DEFAULT = "default", "no default"
_DEFAULT_OPTION = lazyre.compile(rf"{_option('default')}\s*(nil\b)?")
_DEFAULT_CALL = lazyre.compile(
    rf"^[ \t]*change_column_default\s*\(?{_SYM}\s*,{_SYM}\s*,([^\n]*)", re.M
)
_TO_OPTION = lazyre.compile(rf"{_option('to')}\s*(nil\b)?")
_SQL_DEFAULT = lazyre.compile(r"\bDEFAULT\b", re.IGNORECASE)
_SQL_ALTER = lazyre.compile(
    r"\bALTER\s+TABLE\s+\W?(\w+)\W?\s+ALTER\s+(?:COLUMN\s+)?\W?(\w+)", re.IGNORECASE
)


def _given(rest: str) -> str:
    """What ``default:`` in an option list leaves: a default, none (``nil``), or "" (not
    said)."""
    m = _DEFAULT_OPTION.search(rest)
    return "" if m is None else NO_DEFAULT if m.group(1) else DEFAULT


def defaults(text: str) -> list[tuple[int, Column, str]]:
    """``(offset, (table, column), state)`` of the up step's changes to columns' defaults,
    in order, as :func:`events` gives nullability: state is default, no default, gone,
    ``renamed:<new>`` or ``table:<new>``. A column made without ``default:`` has none; a
    ``change_column`` without it keeps the one it had (ActiveRecord restates it on MySQL);
    SQL that says ``DEFAULT`` beside the column leaves it unknown, read as none."""
    up = up_part(text)
    out = _moves(text)
    for at, table, kind, name, rest in _block_columns(up):
        if kind in ("index", "timestamps", "remove_index", "foreign_key", "remove",
                    "check_constraint", "rename", "change_null"):  # fmt: skip
            continue
        if kind == "change_default":
            to = _TO_OPTION.search(rest)
            nil = rest.lstrip(" ,").startswith("nil") if to is None else to.group(1)
            state = NO_DEFAULT if nil else DEFAULT
        else:
            state = _given(rest) or ("" if kind == "change" else NO_DEFAULT)
        if kind in ("references", "belongs_to"):
            name += "_id"
        if state:
            out.append((at, (table, name), state))
    for pattern, suffix in ((_ADD, ""), (_ADD_REF, "_id")):
        for m in pattern.finditer(up):
            state = _given(m.group(3)) or NO_DEFAULT
            out.append((m.start(), (m.group(1).lower(), m.group(2).lower() + suffix), state))
    for m in _CHANGE.finditer(up):
        if state := _given(m.group(3)):
            out.append((m.start(), (m.group(1).lower(), m.group(2).lower()), state))
    for m in _DEFAULT_CALL.finditer(up):
        rest, to = m.group(3), _TO_OPTION.search(m.group(3))
        nil = rest.strip().startswith("nil") if to is None else to.group(1)
        out.append(
            (m.start(), (m.group(1).lower(), m.group(2).lower()), NO_DEFAULT if nil else DEFAULT)
        )
    for line in up.splitlines():
        if _SQL_DEFAULT.search(line):  # SQL: the default unknown, taken for none
            for n in _SQL_ALTER.finditer(line):
                out.append((up.find(line), (n.group(1).lower(), n.group(2).lower()), NO_DEFAULT))
    return sorted(out)


_TYPE_OPTION = lazyre.compile(
    r"(?:\b(limit|precision|scale):|:(limit|precision|scale)\s*=>)\s*(\d+)"
)
_ARRAY_OPTION = lazyre.compile(rf"{_option('array')}\s*true")
_TYPE_AFTER = lazyre.compile(r"^\s*,\s*:(\w+)([^\n]*)")  # `, :integer, default: 0` after a name
TYPED = "type:"  # a :func:`types` state: ``type:<sql type>``
_NOT_TYPED = frozenset({"index", "timestamps", "remove_index", "foreign_key", "remove",
                        "check_constraint", "rename", "change_null", "change_default"})  # fmt: skip


def rails_type(kind: str, rest: str) -> str | None:
    """The SQL type of a Rails column type written as text (``:string, limit: 50`` →
    ``varchar(50)``; arrays and types it does not map: None)."""
    from rollback_gate.migrations.dsl.rails_data import type_named

    if _ARRAY_OPTION.search(rest):
        return None
    found = {(m.group(1) or m.group(2)): int(m.group(3)) for m in _TYPE_OPTION.finditer(rest)}
    return type_named(kind, found.get("limit"), found.get("precision"), found.get("scale"))


def types(text: str) -> list[tuple[int, Column, str]]:
    """``(offset, (table, column), state)`` of the up step's changes to columns' types, in
    order, as :func:`events` gives nullability: ``type:<sql>`` where the step says a type
    :func:`rails_type` maps, unknown where it says another (a reference, an array, a type
    in a string) or SQL names the column, and gone, ``renamed:<new>``, ``table:<new>``."""
    up = up_part(text)
    out = _moves(text)

    def state(kind: str, rest: str) -> str:
        typ = rails_type(kind, rest)
        return f"{TYPED}{typ}" if typ else UNKNOWN

    for at, table, kind, name, rest in _block_columns(up):
        if kind in ("column", "change"):
            typed = _TYPE_AFTER.match(rest)
            kind, rest = (typed.group(1), typed.group(2)) if typed else ("", rest)
        elif kind in ("references", "belongs_to"):
            name, kind = name + "_id", ""  # (bigint from Rails 5.1, integer before)
        elif kind in _NOT_TYPED:
            continue
        out.append((at, (table, name), state(kind, rest)))
    for pattern in (_ADD, _CHANGE):
        for m in pattern.finditer(up):
            typed = _TYPE_AFTER.match(m.group(3))
            kind, rest = (typed.group(1), typed.group(2)) if typed else ("", "")
            out.append((m.start(), (m.group(1).lower(), m.group(2).lower()), state(kind, rest)))
    for m in _ADD_REF.finditer(up):
        out.append((m.start(), (m.group(1).lower(), m.group(2).lower() + "_id"), UNKNOWN))
    for line in up.splitlines():
        if "execute" in line or _SQL_ALTER.search(line):  # SQL: the type unknown
            for n in _SQL_ALTER.finditer(line):
                out.append((up.find(line), (n.group(1).lower(), n.group(2).lower()), UNKNOWN))
    return sorted(out)


def _sql_mentions(text: str, columns: Iterable[Column]) -> set[Column]:
    """Columns an ``execute`` line of SQL may make NOT NULL (or nullable): unknown then."""
    out = set()
    for line in up_part(text).splitlines():
        if _SQL_NULL.search(line):
            lowered = line.lower()
            out |= {c for c in columns if re.search(rf"\b{re.escape(c[1])}\b", lowered)}
    return out


def _changing(
    ctx: Context, files: Sequence[str], suffix: str = ".rb", says: str = "change_column"
) -> Iterator[tuple[str, str]]:
    """``(path, text)`` of the migrations of ``files`` (Rails' by default) that say
    ``says``."""
    for path in (p for p in files if p.endswith(suffix)):
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue  # (RG205 where it is in scope)
        if says in text:
            yield path, text


def _histories(
    ctx: Context,
    asked: Iterable[str],
    tables: Iterable[str],
    folders: Iterable[str],
    suffix: str = ".rb",
    renames: str = "",
) -> Iterator[set[str]]:
    """For each migration folder of the ``asked`` files, the files of it (of ``suffix``)
    that name one of ``tables`` (and, with ``renames``, a name one had before: see
    :func:`_naming`), the asked ones among them: one ``git grep -l``, every file without
    git."""
    roots, wanted = list(folders), sorted(set(tables))
    if renames:
        holding = _naming(ctx, wanted, roots, renames)
    else:
        holding = ctx.git.files_with(wanted, roots) if ctx.git is not None else None
    by_home: dict[str, list[str]] = {}
    for path in holding if holding is not None else ctx.tree.files:
        if path.endswith(suffix):
            by_home.setdefault(home(path, roots), []).append(path)
    mine = list(asked)
    for folder in sorted({home(p, roots) for p in mine}):
        yield set(by_home.get(folder, [])) | {p for p in mine if home(p, roots) == folder}


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` with an RG222 for each Rails ``change_column … null: false`` whose
    column the earlier migrations of its folder left nullable (``files``: the in-scope
    migration files)."""
    asked: dict[str, list[tuple[int, Column]]] = {}
    texts: dict[str, str] = {}
    for path, text in _changing(ctx, files):
        changes = [
            (m.start(), (m.group(1).lower(), m.group(2).lower()))
            for m in _CHANGE_NOT_NULL.finditer(up_part(text))
        ]
        if changes:
            asked[path], texts[path] = changes, text
    if not asked:
        return _laravel_changes(ctx, _rails_changes(ctx, findings, folders, files), folders, files)
    tables = {t for changes in asked.values() for _, (t, _c) in changes}
    added: list[Finding] = []
    releases = commit_releases(ctx, list(folders))
    # one walk of each folder's history, in migration order: an asked file is judged by
    # the states its earlier files left, then adds its own
    for paths in _histories(ctx, asked, tables, folders):
        states: dict[Column, str] = {}
        made: dict[Column, str] = {}  # the file that added each column
        for path, text in in_order(ctx.tree, paths, texts):
            found = events(text)
            for at, column in asked.get(path, ()):
                before = dict(states)
                apply(before, [e for e in found if e[0] < at])
                origin = made.get(column, path if any(e[1] == column for e in found) else "")
                # (a column swapped in holds what the previous release wrote to the one it
                # replaced: judged by that one's state, not the new column's)
                was = states.get(column) if _swapped_in(found, at, column) else before.get(column)
                if was == NULLABLE and not (
                    _gives_default(text, at) and _one_release(releases, origin, path)
                ):
                    added.append(_finding(path, text, at, column))
            for _, column, state in found:
                if column not in states and state in (NULLABLE, REQUIRED):
                    made.setdefault(column, path)
            apply(states, found)
            for column in _sql_mentions(text, states):
                states[column] = UNKNOWN
    findings = _rails_changes(ctx, merge(findings, added), folders, files)
    return _laravel_changes(ctx, findings, folders, files)


def _swapped_in(found: list[tuple[int, Column, str]], at: int, column: Column) -> bool:
    """Whether, before ``at``, the file's up step removed ``column`` and renamed into its
    name a column it added itself (``add_column :steps, :raw_jsonb``, ``remove_column
    :steps, :raw``, ``rename_column :steps, :raw_jsonb, :raw``): the previous release
    writes the new column as it wrote the old (buy-for-your-school's ``steps.raw``, NOT
    NULL before and after, round CE)."""
    table, name = column
    for offset, (t, source), state in found:
        if offset >= at or t != table or state != f"renamed:{name}":
            continue
        added = any(
            o < offset and c == (table, source) and s in (NULLABLE, REQUIRED) for o, c, s in found
        )
        removed = any(o < offset and c == column and s == "gone" for o, c, s in found)
        if added and removed:
            return True
    return False


_RAILS_CHANGE = lazyre.compile(
    r"^[ \t]*change_column\s*\(?\s*[:\"']?(\w+)[\"']?\s*,\s*[:\"']?(\w+)[\"']?([^\n]*)", re.M
)
_RAILS_DOWN = lazyre.compile(r"^\s*def\s+(?:self\.)?down\b", re.M)
_EARLIER = "as the folder's earlier migrations made it"


def _naming(
    ctx: Context, tables: Sequence[str], roots: Sequence[str], renames: str
) -> list[str] | None:
    """The files of the migration folders that name ``tables`` or a name one of them had
    before a ``rename_table`` (beis' ``reports``, created as ``submissions``: round CC);
    two ``git grep -l`` at most; None without git."""
    if ctx.git is None:
        return None
    holding = ctx.git.files_with([*tables, renames], roots)
    if holding is None:
        return None
    pattern = _RENAME_TABLE if renames == "rename_table" else _PHP_RENAME_TABLE
    pairs: list[tuple[str, str]] = []
    for path in holding:
        try:
            text = ctx.tree.read_text(path, lenient=True)
        except Unreadable:
            continue
        if renames in text:
            pairs += [(m.group(1).lower(), m.group(2).lower())
                      for m in pattern.finditer(up_part(text))]  # fmt: skip
    names, grown = set(tables), True
    while grown:
        before = len(names)
        names |= {old for old, new in pairs if new in names}
        grown = len(names) > before
    if earlier := sorted(names - set(tables)):
        holding = sorted({*holding, *(ctx.git.files_with(earlier, roots) or [])})
    return holding


def _rails_changes(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` with an RG223 for each Rails ``change_column :t, :c, :type`` of a file
    without a ``down`` (in ``change``, or an ``up`` alone: the old type nowhere in the file)
    whose column the earlier migrations of its folder gave a type the new one does not
    widen (beis' ``reports.state``, ``t.integer`` made ``:string`` in ``change``, round CC;
    a ``float`` made ``decimal``, round CA: two misses). The earlier files that name the
    table are read as text in migration order (:func:`types`); a column an earlier file
    of the same release typed is new to the previous release."""
    from rollback_gate.migrations.sqlengine import compat
    from rollback_gate.migrations.sqlengine.coltypes import same, widens

    asked: dict[str, list[tuple[int, Column, str]]] = {}
    texts: dict[str, str] = {}
    for path, text in _changing(ctx, files):
        if _RAILS_DOWN.search(text):
            continue
        for m in _RAILS_CHANGE.finditer(up_part(text)):
            typed = _TYPE_AFTER.match(m.group(3))
            new = rails_type(typed.group(1), typed.group(2)) if typed else None
            if new:
                column = (m.group(1).lower(), m.group(2).lower())
                asked.setdefault(path, []).append((m.start(), column, new))
                texts[path] = text
    if not asked:
        return findings
    tables = {t for changes in asked.values() for _, (t, _c), _n in changes}
    releases = commit_releases(ctx, list(folders))
    added: list[Finding] = []
    for paths in _histories(ctx, asked, tables, folders, renames="rename_table"):
        states: dict[Column, str] = {}
        made: dict[Column, str] = {}  # the file that first typed each column
        for path, text in in_order(ctx.tree, paths, texts):
            found = types(text)
            for at, column, new in asked.get(path, ()):
                before = dict(states)
                apply(before, [e for e in found if e[0] < at])
                was = before.get(column, "")
                old = was.removeprefix(TYPED)
                own = any(c == column and s.startswith(TYPED) for o, c, s in found if o < at)
                if (
                    not was.startswith(TYPED)
                    or (own and column not in made)  # (the step's own column: new)
                    or same(old, new)
                    or widens(old, new)
                    or _one_release(releases, made.get(column, ""), path)
                ):
                    continue
                line = text.count("\n", 0, at) + 1
                b = compat.Break("RG223", "type_change", line, *column, new=new, old=old)
                added.append(said_finding(path, text, b, _EARLIER))
            for _, column, state in found:
                if state.startswith(TYPED):
                    made.setdefault(column, path)
            apply(states, found)
    return merge(findings, added)


_PHP_BLOCK = lazyre.compile(
    r"Schema::(?:connection\([^)]*\)\s*->\s*)?(create|table)\s*\(\s*['\"]([\w.]+)['\"]\s*,"
    r"\s*(?:static\s+)?function\s*\(\s*(?:Blueprint\s+)?\$(\w+)\s*\)[^{]*\{"
)
_PHP_RENAME_TABLE = lazyre.compile(r"Schema::rename\s*\(\s*['\"](\w+)['\"]\s*,\s*['\"](\w+)['\"]")
_PHP_DROP_TABLE = lazyre.compile(r"Schema::drop(?:IfExists)?\s*\(\s*['\"](\w+)['\"]")
_PHP_KEYS = frozenset({"index", "unique", "primary", "foreign", "dropForeign", "dropIndex",
                       "dropUnique", "dropPrimary", "spatialIndex", "fullText"})  # fmt: skip


# PHP's comments: a line's `//` or `#` one, and `/* … */` (a string holding them is rare
# in a migration's schema calls; each is blanked, so offsets stay)
_PHP_COMMENT = lazyre.compile(r"^[ \t]*(?://|#)[^\n]*|/\*.*?\*/", re.MULTILINE | re.DOTALL)


def _php_code(text: str) -> str:
    """``text`` with its comments blanked (:func:`~.order.blanked`: offsets and lines kept)."""
    return _PHP_COMMENT.sub(lambda m: blanked(m.group()), text)


def php_up(text: str) -> str:
    """A Laravel migration's ``up()`` (:func:`~.order.up_part`), its comments blanked:
    what :func:`php_events` reads."""
    return _php_code(up_part(text))


def php_events(up: str, restates: bool = True) -> list[tuple[int, Column, str]]:
    """:func:`events` for a Laravel migration's ``up()`` (:func:`php_up`):
    ``Schema::create``/``table`` blocks' ``$table-><type>('c')`` (NOT NULL unless
    ``->nullable()``; with ``->change()`` the column restated, where the file ran under
    Laravel 11 or later, ``restates``: before, a ``->change()`` that says no
    ``nullable()`` kept the column's nullness), ``renameColumn``, ``dropColumn``,
    ``Schema::rename`` and ``drop``; a column ``DB::statement`` SQL names with ``NULL`` is
    unknown. Commented-out code says nothing (Test-Correct's ``// $table->string('uuid')
    ->nullable(false)->change();``, round CS)."""
    out: list[tuple[int, Column, str]] = []
    for m in _PHP_BLOCK.finditer(up):
        table, var = m.group(2).lower().rsplit(".", 1)[-1], re.escape(m.group(3))
        body = up[m.end() : matching_bracket(up, m.end() - 1, "{", "}")]
        for c in re.finditer(rf"\${var}\s*->\s*(\w+)\s*\(([^;]*);", body):
            method, rest, at = c.group(1), c.group(2), m.end() + c.start()
            names = re.findall(r"['\"](\w+)['\"]", rest.split(")", 1)[0])
            if not names or method in _PHP_KEYS:
                continue
            if method == "renameColumn" and len(names) > 1:
                out.append((at, (table, names[0].lower()), f"renamed:{names[1].lower()}"))
            elif method in ("dropColumn", "removeColumn", "dropColumns"):
                out += [(at, (table, n.lower()), "gone") for n in names]
            else:
                null = re.search(r"->\s*nullable\s*\(\s*(false)?", rest, re.IGNORECASE)
                if not null and not restates and re.search(r"->\s*change\s*\(", rest):
                    continue  # (Doctrine DBAL changed only what the chain says)
                state = NULLABLE if null and not null.group(1) else REQUIRED
                out.append((at, (table, names[0].lower()), state))
    for m in _PHP_RENAME_TABLE.finditer(up):
        out.append((m.start(), (m.group(1).lower(), ""), f"table:{m.group(2).lower()}"))
    for m in _PHP_DROP_TABLE.finditer(up):
        out.append((m.start(), (m.group(1).lower(), ""), "gone"))
    return sorted(out)


def _laravel_changes(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` with an RG222 for each Laravel ``$table-><type>('c')->change()`` without
    ``nullable()`` or a default (Laravel restates the whole column: NOT NULL) over a column
    the earlier migrations of its folder left nullable (OpenDK's ``das_penduduk``: three
    ``char(n)->nullable()`` columns made ``string(m)->change()``, round CD: a miss). The
    earlier files that name the table are read as text in migration order, as for Rails.
    Only a file that ran under Laravel 11 or later restates so (Test-Correct's
    ``text('zoom_group')->change()`` under Laravel 7 kept it nullable, round CS)."""
    from rollback_gate.migrations.php.versions import laravel_11

    restating = functools.cache(lambda path: laravel_11(path, ctx.tree))
    asked: dict[str, list[tuple[int, Column]]] = {}
    texts: dict[str, str] = {}
    for path, text in _changing(ctx, files, ".php", "change()"):
        up = php_up(text)
        for at, column, state in php_events(up, restating(path)):
            statement = up[at : up.find(";", at) + 1]
            if (
                state == REQUIRED
                and re.search(r"->\s*change\s*\(", statement)
                and not re.search(
                    r"->\s*(?:default|useCurrent)\s*\(|->\s*nullable\s*\((?!\s*false)", statement
                )
            ):  # fmt: skip (`->nullable(false)` says NOT NULL in every Laravel)
                asked.setdefault(path, []).append((at, column))
                texts[path] = text
    if not asked:
        return findings
    tables = {t for changes in asked.values() for _, (t, _c) in changes}
    added: list[Finding] = []
    for paths in _histories(ctx, asked, tables, folders, ".php", "Schema::rename"):
        states: dict[Column, str] = {}
        for path, text in in_order(ctx.tree, paths, texts):
            found = php_events(php_up(text), restating(path))
            for at, column in asked.get(path, ()):
                before = dict(states)
                apply(before, [e for e in found if e[0] < at])
                if before.get(column) == NULLABLE:
                    added.append(_finding(path, text, at, column))
            apply(states, found)
            for column in _sql_mentions(text, states):
                states[column] = UNKNOWN
    return merge(findings, added)


def _gives_default(text: str, at: int) -> bool:
    """Whether the ``change_column`` at ``at`` gives the column a default (not ``nil``)."""
    end = text.find("\n", at)
    return _given(text[at : end if end >= 0 else len(text)]) == DEFAULT


def _one_release(releases: dict[str, str], origin: str, path: str) -> bool:
    """Whether the file that added a column and ``path`` ship in one release: the
    previous release never writes that column, so a default the change gives fills its
    INSERTs (supermarket's ``readme``, added and made ``null: false, default: ''`` by one
    pull request, round AV)."""
    return bool(origin) and (origin == path or releases.get(origin, "-") == releases.get(path))


def _finding(path: str, text: str, at: int, column: Column) -> Finding:
    """The RG222 (``SET NOT NULL``) of the Rails or Laravel step at ``at`` of ``path``."""
    from rollback_gate.migrations.sqlengine import compat

    line = text.count("\n", 0, at) + 1
    b = compat.Break("RG222", "set_required", line, column[0], column[1])
    return said_finding(path, text, b, "earlier migrations left it nullable")


def said_finding(path: str, text: str, b: Any, said: str) -> Finding:
    """The finding of Break ``b`` in the Rails or Laravel migration ``path``, in its
    framework's words, its message ending with what the earlier migrations showed
    (``said``)."""
    from rollback_gate.migrations.dsl.rails_n1 import RAILS_WORDS
    from rollback_gate.migrations.php.words import LARAVEL_WORDS
    from rollback_gate.migrations.sqlengine import wording

    if path.endswith(".php"):
        step, words = "up()", LARAVEL_WORDS
    else:
        change = re.search(r"^\s*def\s+change\b", text, re.MULTILINE)
        step, words = ("`change`" if change else "`up`"), RAILS_WORDS
    f = wording.finding(b, path, step, words)
    return dataclasses.replace(f, message=f"{f.message} ({said})")


def merge(findings: list[Finding], added: list[Finding]) -> list[Finding]:
    """``findings`` with ``added`` joined to their file's finding of the same rule (one
    finding per file and rule), or as findings of their own; an occurrence already
    reported is not repeated."""
    out = list(findings)
    for path, rule in dict.fromkeys((a.path, a.rule) for a in added):
        mine = [a for a in added if a.path == path and a.rule == rule]
        at = next((i for i, f in enumerate(out) if f.rule == rule and f.path == path), None)
        if at is None:
            out.extend(one_per_rule(sorted(mine, key=lambda f: f.line or 0)))
            continue
        have = occurrences(out[at])
        keys = {o.key for o in have}
        fresh = [a for a in mine if a.key not in keys]
        if fresh:
            merged = one_per_rule(sorted([*have, *fresh], key=lambda f: f.line or 0))
            out[at : at + 1] = merged
    return out
