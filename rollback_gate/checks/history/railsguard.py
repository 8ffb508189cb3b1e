"""RG220-RG224 inside a Rails step guarded by what the schema holds, which the earlier
migrations of its folder settle.

ActiveStorage's migrations, copied into every application that upgrades Rails, guard
their steps: ``return unless table_exists?(:active_storage_blobs)``, ``unless
column_exists?(:active_storage_blobs, :service_name) … end``, ``if
table_exists?(:active_storage_blobs) … end``. Where the folder's earlier migrations show
such a guard false (the table never made, the column made already), the statements it
guards change nothing: cfp-app made ``service_name`` NOT NULL with its table in 2022, and
homeland never made the table at all (round AG: three findings). The 6.0 upgrade's
``return if foreign_key_exists?(:active_storage_attachments, column: :blob_id)`` returns at
once where the tables were made with the key (qpixel, round AK): the earlier files'
``add_foreign_key``, ``t.foreign_key``, ``references … foreign_key:`` and
``remove_foreign_key`` settle it.

Asked only for a Rails finding under such a guard: the folder's files that name a guarded
table (one ``git grep -l``; every file without git) are read as text, in migration order,
once, following their tables and columns as :mod:`.nullable` does (``create_table`` and
its ``t.<type> :c``, ``add_column``, ``add_reference``, ``change_table``, renames,
``remove_column``, ``drop_table``), nothing is run. A table no migration makes may come
from ``db/schema.rb`` or ``db/structure.sql`` (a history squashed away): then the guard
is not known to be false and the finding stays. So does one without git or whose
earlier files cannot be read.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.checks import Context
from rollback_gate.checks.history.nullable import Column, apply, events
from rollback_gate.checks.history.order import natural, up_part
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_NAME = r"""[:"']?(\w+)["']?"""
# `return unless table_exists?(:t)` (or `return if !…`): the rest of the step runs where
# it exists; `return if column_exists?(:t, :c)` (or `return unless !…`), where it is
# missing (ActiveStorage's `service_name` upgrade: rubytoolbox, round BC)
_RETURN = lazyre.compile(
    rf"^\s*return\s+(unless|if)\s+(!\s*)?(?:connection\.)?(table|column)_exists\?"
    rf"\(?\s*{_NAME}(?:\s*,\s*{_NAME})?"
)
# `if table_exists?(:t)` / `unless column_exists?(:t, :c)`: a block, to its `end`
_BLOCK = lazyre.compile(
    rf"^(\s*)(if|unless)\s+(?:connection\.)?(table|column)_exists\?\(?\s*{_NAME}"
    rf"(?:\s*,\s*{_NAME})?\s*\)?\s*$"
)
# `return if foreign_key_exists?(:t, column: :c)` (or `…(:t, :to)`): the rest of the step
# runs only where the key is missing (ActiveStorage's 6.0 upgrade, copied into every app)
_RETURN_KEY = lazyre.compile(
    rf"^\s*return\s+if\s+(?:connection\.)?foreign_key_exists\?\(?\s*{_NAME}\s*,\s*"
    rf"(?:column:\s*{_NAME}|{_NAME})"
)
_TABLE_BLOCK = lazyre.compile(rf"^\s*(?:create|change)_table\s*\(?\s*{_NAME}[^\n]*\bdo\b")
_ADD_KEY = lazyre.compile(rf"^\s*add_foreign_key\s*\(?\s*{_NAME}\s*,\s*{_NAME}(.*)")
_BLOCK_KEY = lazyre.compile(rf"^\s*\w+\.foreign_key\s*\(?\s*{_NAME}(.*)")
_REFERENCE = lazyre.compile(
    rf"^\s*(?:add_(?:reference|belongs_to)\s*\(?\s*{_NAME}\s*,|\w+\.(?:references|belongs_to))"
    rf"\s*{_NAME}(.*\bforeign_key:(?!\s*(?:false|nil)\b).*)"
)
_REMOVE_KEY = lazyre.compile(rf"^\s*remove_foreign_key\s*\(?\s*{_NAME}\s*,\s*(.*)")
_KEY_COLUMN = lazyre.compile(rf"\bcolumn:\s*{_NAME}")
_DEF = lazyre.compile(r"^\s*def\s")
_DUMPED = lazyre.compile(r"""create_table\s+["'](\w+)|CREATE TABLE\s+(?:\w+\.)?"?(\w+)""")
_N1 = frozenset({"RG220", "RG221", "RG222", "RG223", "RG224"})


@dataclass(frozen=True)
class _Guard:
    """What must hold for the guarded lines to run: ``table`` exists (``present``) or
    not; with ``column``, that column of it."""

    table: str
    column: str
    present: bool
    key: str = ""  # a foreign key's column: the guard asks for the key, not a column


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the occurrences under a guard the earlier migrations show false."""
    asked: list[tuple[int, list[Finding], dict[int, list[_Guard]]]] = []
    for i, f in enumerate(findings):
        if f.rule not in _N1 or not (f.path or "").endswith(".rb"):
            continue
        try:
            text = ctx.tree.read_text(f.path or "", lenient=True)
        except Unreadable:
            continue
        if "_exists?" not in text:
            continue
        lines = text.splitlines()
        each = occurrences(f)
        guarded = {
            id(o): g for o in each if o.path == f.path and (g := _guards(lines, o.line or 0))
        }
        if guarded:
            asked.append((i, each, guarded))
    if not asked:
        return findings
    tables = sorted({g.table for _, _, by in asked for gs in by.values() for g in gs})
    roots = list(folders)
    holding = ctx.git.files_with(tables, roots) if ctx.git is not None else None
    schema = _Schema(ctx, ctx.tree.files if holding is None else holding)
    out = list(findings)
    for i, each, guarded in reversed(asked):
        path = findings[i].path or ""
        left = [o for o in each if not any(schema.false(g, path) for g in guarded.get(id(o), ()))]
        if len(left) < len(each):
            out[i : i + 1] = one_per_rule(left) if left else []
    return out


def _guards(lines: list[str], line: int) -> list[_Guard]:
    """The guards the step's code puts around line ``line`` (1-based)."""
    found: list[_Guard] = []
    for n in range(line - 1, 0, -1):  # upwards from the line, to the method's start
        text = lines[n - 1] if n - 1 < len(lines) else ""
        if _DEF.match(text):
            break
        if m := _RETURN.match(text):
            present = (m.group(1) == "unless") is not bool(m.group(2))
            found.append(_guard(m.group(3), m.group(4), m.group(5), present=present))
        elif m := _RETURN_KEY.match(text):
            column = (m.group(2) or _key_column(m.group(3))).lower()
            found.append(_Guard(m.group(1).lower(), "", present=False, key=column))
        elif (m := _BLOCK.match(text)) and _encloses(lines, n, line, m.group(1)):
            present = m.group(2) == "if"
            found.append(_guard(m.group(3), m.group(4), m.group(5), present=present))
    return found


def _guard(kind: str, table: str, column: str | None, *, present: bool) -> _Guard:
    return _Guard(table.lower(), (column or "").lower() if kind == "column" else "", present)


def _encloses(lines: list[str], start: int, line: int, indent: str) -> bool:
    """Whether the block opened at line ``start`` (indented ``indent``) holds ``line``:
    no ``end`` at its indentation comes between."""
    closing = re.compile(rf"^{re.escape(indent)}end\b")
    return not any(closing.match(lines[n - 1]) for n in range(start + 1, line))


def _key_column(to: str) -> str:
    """The column Rails names a foreign key to table ``to`` after: ``blob_id``."""
    from rollback_gate.checks.history.order import singular

    return f"{singular(to)}_id"


def _keys(text: str, keys: set[Column]) -> None:
    """Apply the up step's foreign keys to ``keys`` ((table, column)), in order: Rails'
    ``add_foreign_key``, ``t.foreign_key`` in a table's block, ``references … foreign_key:``
    and ``remove_foreign_key``."""
    table = ""
    for line in up_part(text).splitlines():
        if m := _TABLE_BLOCK.match(line):
            table = m.group(1).lower()
        elif m := _ADD_KEY.match(line):
            column = _KEY_COLUMN.search(m.group(3))
            keys.add(
                (
                    m.group(1).lower(),
                    (column.group(1) if column else _key_column(m.group(2))).lower(),
                )
            )
        elif (m := _BLOCK_KEY.match(line)) and table:
            column = _KEY_COLUMN.search(m.group(2))
            keys.add((table, (column.group(1) if column else _key_column(m.group(1))).lower()))
        elif m := _REFERENCE.match(line):
            if owner := (m.group(1) or table).lower():
                keys.add((owner, f"{m.group(2).lower()}_id"))
        elif m := _REMOVE_KEY.match(line):
            rest = m.group(2)
            column = _KEY_COLUMN.search(rest)
            to = re.match(_NAME, rest.strip())
            name = column.group(1) if column else _key_column(to.group(1)) if to else ""
            keys.discard((m.group(1).lower(), name.lower()))


_Known = tuple[set[str], set[Column], set[Column]]


class _Schema:
    """The tables and columns each folder's migrations made before each of its files: one
    walk of the folder in migration order, following :func:`.nullable.events`."""

    def __init__(self, ctx: Context, files: Sequence[str]) -> None:
        self.ctx = ctx
        self.files = [f for f in files if f.endswith(".rb")]
        self._walked: dict[str, tuple[dict[str, _Known | None], set[str]]] = {}
        self._dumped: set[str] | None = None

    def false(self, guard: _Guard, path: str) -> bool:
        """Whether the migrations before ``path`` show ``guard`` false."""
        before, ever = self._walk(posixpath.dirname(path), path)
        known = before.get(path)
        if known is None:
            return False  # (an earlier file unreadable: not known)
        tables, columns, keys = known
        if guard.key:  # (a key made is known; one not seen may come from a dump)
            return (guard.table, guard.key) in keys and not guard.present
        if guard.column:
            # (a column made is known; one not seen may come from code not read here)
            return (guard.table, guard.column) in columns and not guard.present
        if guard.table in tables:
            return not guard.present
        # (a dump names it: made by a later migration here, or by a history squashed away)
        return guard.present and (guard.table in ever or guard.table not in self._dumps())

    def _walk(self, folder: str, asked: str) -> tuple[dict[str, _Known | None], set[str]]:
        """Per file of ``folder`` (``asked`` among them): what the files before it made
        (None after an unreadable one), and every table any of them made."""
        if folder not in self._walked:
            paths = {f for f in self.files if posixpath.dirname(f) == folder} | {asked}
            states: dict[Column, str] = {}
            keys: set[Column] = set()
            before: dict[str, _Known | None] = {}
            ever: set[str] = set()
            readable = True
            for path in sorted(paths, key=natural):
                made = ({t for t, _ in states}, {k for k in states if k[1]}, set(keys))
                before[path] = made if readable else None
                try:
                    text = self.ctx.tree.read_text(path, lenient=True)
                except Unreadable:
                    readable = False
                    continue
                apply(states, events(text))
                _keys(text, keys)
                ever |= {t for t, _ in states}
            self._walked[folder] = before, ever
        return self._walked[folder]

    def _dumps(self) -> set[str]:
        """Tables a schema dump names (``create_table "t"``): a history squashed away."""
        if self._dumped is None:
            self._dumped = set()
            for dump in ("db/schema.rb", "db/structure.sql"):
                try:
                    text = self.ctx.tree.read_text(dump, lenient=True)
                except Unreadable:
                    continue
                self._dumped |= {(m.group(1) or m.group(2)).lower() for m in _DUMPED.finditer(text)}
        return self._dumped
