"""Up/down sections of single-file SQL migrations (goose, dbmate, sql-migrate).

These tools keep both steps in one file, separated by marker comments (``-- +goose Up`` /
``-- +goose Down``, ``-- migrate:up`` / ``-- migrate:down``, ``-- +migrate Up`` /
``-- +migrate Down``). A section's text is the whole file with every line outside the
section blanked, so statement lines are file lines and the text stays executable.

Like the tools themselves, the parser rejects SQL before the first up marker and an
unclosed ``StatementBegin`` block; the caller reports those as RG205.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rollback_gate.migrations.base import (
    FrameworkBase,
    Migration,
    Source,
    Unreadable,
    VerifyMode,
    unanalysable,
)
from rollback_gate.migrations.plainsql.verdict import Part, verdict, version_key
from rollback_gate.models import Finding


@dataclass(frozen=True)
class Markers:
    """The marker comments of one tool (regexes matched against a whole line)."""

    tool: str
    up: re.Pattern[str]
    down: re.Pattern[str]
    begin: re.Pattern[str] | None = None
    end: re.Pattern[str] | None = None
    up_label: str = ""
    down_label: str = ""
    no_transaction: re.Pattern[str] | None = None  # an up marker opting out of a transaction
    down_to_end: bool = False
    """dbmate's reading: the up step runs from the first up marker to the first down marker,
    the down step from there to the end of the file, later up markers included."""


@dataclass(frozen=True)
class Sections:
    """The parsed file: up and down parts (None when absent) and a structural problem."""

    up: Part | None
    down: Part | None
    problem: tuple[int, str] | None = None
    blocks: tuple[tuple[int, int], ...] = ()  # (begin line, end line) of StatementBegin/End


def _blank(lines: list[str], keep: set[int]) -> str:
    return "".join(
        line if i in keep else ("\n" if line.endswith("\n") else "")
        for i, line in enumerate(lines, 1)
    )


def parse(path: str, text: str, markers: Markers) -> Sections:
    """Split ``text`` (the file at ``path``) into its up and down sections."""
    lines = text.splitlines(keepends=True)
    up_lines: set[int] = set()
    down_lines: set[int] = set()
    up_marker = down_marker = 0
    current: set[int] | None = None
    problem: tuple[int, str] | None = None
    blocks: list[tuple[int, int]] = []
    open_block = 0
    prelude: set[int] = set()
    for i, line in enumerate(lines, 1):
        if down_marker and markers.down_to_end:
            down_lines.add(i)
            continue
        if "--" in line:
            if markers.up.match(line):
                up_marker = up_marker or i
                current = up_lines
                continue
            if markers.down.match(line):
                down_marker = down_marker or i
                current = down_lines
                continue
            if markers.begin is not None and markers.begin.match(line):
                if open_block and problem is None:
                    problem = (i, "StatementBegin inside another StatementBegin block")
                open_block = i
            elif markers.end is not None and markers.end.match(line):
                if not open_block and problem is None:
                    problem = (i, "StatementEnd without StatementBegin")
                blocks.append((open_block, i))
                open_block = 0
        if current is None:
            prelude.add(i)
            continue
        current.add(i)
    if problem is None and prelude:
        from rollback_gate.migrations.sqlengine.sql import split_statements

        before = split_statements(_blank(lines, prelude))
        if before:
            problem = (before[0].line, f"SQL before the `{markers.up_label}` marker")
    if open_block and problem is None:
        problem = (open_block, "StatementBegin without StatementEnd")
    if not up_marker and problem is None:
        problem = (1, f"no `{markers.up_label}` marker")
    up = Part(path, _blank(lines, up_lines), 0, up_marker) if up_marker else None
    down = Part(path, _blank(lines, down_lines), 0, down_marker) if down_marker else None
    if problem is None and markers.begin is not None:
        problem = _unterminated(up, blocks) or _unterminated(down, blocks)
    return Sections(up, down, problem, tuple(blocks))


def _unterminated(part: Part | None, blocks: list[tuple[int, int]]) -> tuple[int, str] | None:
    """goose and sql-migrate reject a last statement without ``;`` outside a block."""
    from rollback_gate.migrations.sqlengine.sql import split_statements

    if part is None:
        return None
    stmts = split_statements(part.text)
    if stmts and not stmts[-1].terminated:
        last = stmts[-1]
        end_line = last.line + last.text.count("\n")
        if not any(b <= last.line and end_line <= e for b, e in blocks):
            return (last.line, "statement without a terminating semicolon")
    return None


def executable(text: str, markers: Markers) -> list[str]:
    """Executable statements of a section, keeping each StatementBegin/End block whole."""
    from rollback_gate.migrations.sqlengine.sql import split_statements

    if markers.begin is None or markers.end is None:
        return [s.text for s in split_statements(text)]
    out: list[str] = []
    chunk: list[str] = []
    block: list[str] | None = None
    for line in text.splitlines(keepends=True):
        if markers.begin.match(line):
            out.extend(s.text for s in split_statements("".join(chunk)))
            chunk = []
            block = []
        elif markers.end.match(line) and block is not None:
            while block and (not block[0].strip() or block[0].lstrip().startswith("--")):
                block.pop(0)  # leading comments are not part of the statement
            body = "".join(block).strip()
            if body.endswith(";"):
                body = body[:-1].rstrip()
            if body:
                out.append(body)
            block = None
        elif block is not None:
            block.append(line)
        else:
            chunk.append(line)
    out.extend(s.text for s in split_statements("".join(chunk + (block or []))))
    return out


class AnnotatedSQL(FrameworkBase):
    """A framework whose migrations are single SQL files with up/down marker comments.

    ``file`` matches a migration's file name (group 1: the version, group 2: the name);
    ``sniff`` finds the up marker in a file's text, for ``detect``.
    """

    verify: VerifyMode | None = "sql"

    def __init__(self, name: str, markers: Markers, file: re.Pattern[str]) -> None:
        self.name = name
        self.markers = markers
        self.file = file
        self.sniff = re.compile(markers.up.pattern.replace(r"\s*--", r"^[ \t]*--", 1), re.I | re.M)

    def _match(self, path: str) -> re.Match[str] | None:
        return self.file.match(posixpath.basename(path))

    def detect(self, paths: Sequence[str], source: Source) -> int:
        candidates = [p for p in paths if self._match(p)]
        for path in candidates[:5]:
            try:
                text = source.read_text(path, lenient=True)
            except Unreadable:
                continue
            if self.sniff.search(text):
                return len(candidates)
        return 0

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        migrations = []
        for path in paths:
            m = self._match(path)
            if m is not None:
                version = m.group(1) or m.group(2)
                migrations.append(Migration(self.name, version, m.group(2), path, (path,)))
        return sorted(migrations, key=lambda m: version_key(m.version, m.path))

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        text = source.read_text(migration.path, lenient=True)
        sections = parse(migration.path, text, self.markers)
        if sections.problem is not None:
            line, reason = sections.problem
            yield unanalysable(
                migration.path,
                reason,
                line=line,
                impact=f"{self.name} refuses this file, and the gate cannot tell whether it "
                "can be rolled back",
                fix=f"start the file with `{self.markers.up_label}` and put every statement "
                f"in the up or the `{self.markers.down_label}` section, or waive RG205 with "
                "a reason",
                key=f"RG205:{migration.path}:{reason}",
            )
            return
        assert sections.up is not None
        yield from verdict(
            self.name,
            migration.version,
            sections.up,
            sections.down,
            missing=f"no `{self.markers.down_label}` section",
            create_down=f"append a `{self.markers.down_label}` section to {migration.path} with",
        )

    def statements(self, section: str) -> list[str] | None:
        return executable(section, self.markers) if self.markers.begin else None

    def transactional(self, texts: Sequence[str]) -> bool:
        opt_out = self.markers.no_transaction
        return opt_out is None or not any(opt_out.search(t) for t in texts)

    def sql_pair(self, migration: Migration, source: Source) -> tuple[str, str | None]:
        """The up SQL and the down SQL (None when absent); file lines preserved."""
        sections = parse(
            migration.path, source.read_text(migration.path, lenient=True), self.markers
        )
        return (
            sections.up.text if sections.up else "",
            sections.down.text if sections.down else None,
        )
