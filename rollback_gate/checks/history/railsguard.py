"""RG220-RG224 inside a Rails step guarded by what the schema holds, which the earlier
migrations of its folder settle.

ActiveStorage's migrations, copied into every application that upgrades Rails, guard
their steps: ``return unless table_exists?(:active_storage_blobs)``, ``unless
column_exists?(:active_storage_blobs, :service_name) … end``, ``if
table_exists?(:active_storage_blobs) … end``. Where the folder's earlier migrations show
such a guard false (the table never made, the column made already), the statements it
guards change nothing: cfp-app made ``service_name`` NOT NULL with its table in 2022, and
homeland never made the table at all (round AG: three findings).

Asked only for a Rails finding under such a guard: the folder's earlier files are read
as text (``create_table``, ``t.<type> :c`` inside it, ``add_column``, ``add_reference``,
``drop_table``, ``rename_table``), nothing is run. A table no migration makes may come
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
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding

_NAME = r"""[:"']?(\w+)["']?"""
# `return unless table_exists?(:t)` (or `return if !…`): the rest of the step
_RETURN = lazyre.compile(
    rf"^\s*return\s+(?:unless\s+|if\s+!\s*)(?:connection\.)?(table|column)_exists\?"
    rf"\(?\s*{_NAME}(?:\s*,\s*{_NAME})?"
)
# `if table_exists?(:t)` / `unless column_exists?(:t, :c)`: a block, to its `end`
_BLOCK = lazyre.compile(
    rf"^(\s*)(if|unless)\s+(?:connection\.)?(table|column)_exists\?\(?\s*{_NAME}"
    rf"(?:\s*,\s*{_NAME})?\s*\)?\s*$"
)
_DEF = lazyre.compile(r"^\s*def\s")
_CREATE = lazyre.compile(rf"^(\s*)create_table\s*\(?\s*{_NAME}")
_COLUMN_IN = lazyre.compile(rf"^\s*\w+\.(\w+)\s*\(?\s*{_NAME}")
_ADD = lazyre.compile(
    rf"^\s*add_(column|reference|belongs_to|timestamps)\s*\(?\s*{_NAME}(?:\s*,\s*{_NAME})?"
)
_DROP = lazyre.compile(rf"^\s*drop_table\s*\(?\s*{_NAME}")
_RENAME = lazyre.compile(rf"^\s*rename_table\s*\(?\s*{_NAME}\s*,\s*{_NAME}")
_DUMPED = lazyre.compile(r"""create_table\s+["'](\w+)|CREATE TABLE\s+(?:\w+\.)?"?(\w+)""")
_N1 = frozenset({"RG220", "RG221", "RG222", "RG223", "RG224"})


@dataclass(frozen=True)
class _Guard:
    """What must hold for the guarded lines to run: ``table`` exists (``present``) or
    not; with ``column``, that column of it."""

    table: str
    column: str
    present: bool


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the occurrences under a guard the earlier migrations show false."""
    out: list[Finding] = []
    schema: _Schema | None = None
    for f in findings:
        if f.rule not in _N1 or not (f.path or "").endswith(".rb"):
            out.append(f)
            continue
        try:
            text = ctx.tree.read_text(f.path or "", lenient=True)
        except Unreadable:
            out.append(f)
            continue
        if "_exists?" not in text:
            out.append(f)
            continue
        lines = text.splitlines()
        each = occurrences(f)
        guarded = {id(o): _guards(lines, o.line or 0) for o in each if o.path == f.path}
        if not any(guarded.values()):
            out.append(f)
            continue
        if schema is None:
            schema = _Schema(ctx, files)
        path = f.path or ""
        left = [o for o in each if not any(schema.false(g, path) for g in guarded.get(id(o), ()))]
        if len(left) == len(each):
            out.append(f)
        elif left:
            out += one_per_rule(left)
    return out


def _guards(lines: list[str], line: int) -> list[_Guard]:
    """The guards the step's code puts around line ``line`` (1-based)."""
    found: list[_Guard] = []
    for n in range(line - 1, 0, -1):  # upwards from the line, to the method's start
        text = lines[n - 1] if n - 1 < len(lines) else ""
        if _DEF.match(text):
            break
        if m := _RETURN.match(text):
            found.append(_guard(m.group(1), m.group(2), m.group(3), present=True))
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


class _Schema:
    """Tables and columns the folder's migrations make, file by file."""

    def __init__(self, ctx: Context, files: Sequence[str]) -> None:
        self.ctx = ctx
        self.files = sorted(f for f in files if f.endswith(".rb"))
        self._dumped: set[str] | None = None

    def false(self, guard: _Guard, path: str) -> bool:
        """Whether the migrations before ``path`` show ``guard`` false."""
        tables, columns = self._before(path)
        if tables is None or columns is None:
            return False
        if guard.column:
            # (a column made is known; one not seen may come from code not read here)
            return f"{guard.table}.{guard.column}" in columns and not guard.present
        if guard.table in tables:
            return not guard.present
        # (a dump names it: made by a later migration here, or by a history squashed away)
        later = guard.table in self._made(path, everything=True)
        return guard.present and (later or guard.table not in self._dumps())

    def _before(self, path: str) -> tuple[set[str] | None, set[str] | None]:
        """The tables and columns the migrations of ``path``'s folder before it made."""
        tables: set[str] = set()
        columns: set[str] = set()
        for other in self._folder(path, everything=False):
            try:
                text = self.ctx.tree.read_text(other, lenient=True)
            except Unreadable:
                return None, None
            _read(text, tables, columns)
        return tables, columns

    def _made(self, path: str, *, everything: bool) -> set[str]:
        """The tables any migration of ``path``'s folder makes (unreadable ones left out)."""
        tables: set[str] = set()
        for other in self._folder(path, everything=everything):
            try:
                _read(self.ctx.tree.read_text(other, lenient=True), tables, set())
            except Unreadable:
                continue
        return tables

    def _folder(self, path: str, *, everything: bool) -> list[str]:
        folder, name = posixpath.split(path)
        return [
            f for f in self.files
            if posixpath.dirname(f) == folder and (everything or posixpath.basename(f) < name)
        ]  # fmt: skip

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


def _read(text: str, tables: set[str], columns: set[str]) -> None:
    """Follow one migration's tables and columns (up steps and ``change`` alike)."""
    inside: tuple[str, str] | None = None  # (indentation, table) of an open create_table
    for line in text.splitlines():
        if inside is not None:
            if re.match(rf"^{re.escape(inside[0])}end\b", line):
                inside = None
            elif (m := _COLUMN_IN.match(line)) and m.group(1) != "index":
                suffix = "_id" if m.group(1) in ("references", "belongs_to") else ""
                columns.add(f"{inside[1]}.{m.group(2).lower()}{suffix}")
            continue
        if m := _CREATE.match(line):
            tables.add(m.group(2).lower())
            inside = (m.group(1), m.group(2).lower())
        elif m := _ADD.match(line):
            if m.group(3):
                suffix = "" if m.group(1) == "column" else "_id"
                columns.add(f"{m.group(2).lower()}.{m.group(3).lower()}{suffix}")
        elif m := _DROP.match(line):
            tables.discard(m.group(1).lower())
        elif m := _RENAME.match(line):
            tables.discard(m.group(1).lower())
            tables.add(m.group(2).lower())
