"""Parse Liquibase *formatted SQL* changelogs (``--liquibase formatted sql``).

The line grammar follows Liquibase's ``AbstractFormattedChangeLogParser`` (case-insensitive):

* header: the first non-blank line matches ``--liquibase formatted …``;
* ``--changeset author:id [attr:value …]`` starts a changeset (``"quoted"`` parts allowed);
  any other ``--changeset`` line is an error Liquibase stops at;
* ``--rollback <sql>`` lines (note the space) accumulate the rollback;
  ``/* liquibase rollback`` … ``*/`` is the multi-line form; a rollback reading
  ``empty…`` or ``not required…`` declares "nothing to undo";
  ``changesetId:… changesetAuthor:… [changesetPath:…]`` reuses another changeset;
* ``--ignoreLines:start`` … ``--ignoreLines:end`` and ``--ignoreLines:N`` hide lines.

Every changeset becomes one ``sql`` change whose text keeps the file's line numbers
(directive lines are blanked, not removed).
"""

from __future__ import annotations

import re

from rollback_gate import lazyre
from rollback_gate.migrations.liquibase.model import (
    Change,
    Changelog,
    ChangeSet,
    Problem,
    Rollback,
    RollbackRef,
)

HEADER = lazyre.compile(r"\s*--\s*liquibase\s*formatted.*", re.I)
_CHANGESET = lazyre.compile(r'\s*--[\s]*changeset\s+("[^"]+"|[^:]+):\s*("[^"]+"|\S+)(.*)', re.I)
_BAD_CHANGESET = lazyre.compile(r"\s*--[\s]*changeset\b.*", re.I)
_ROLLBACK = lazyre.compile(r"\s*--[\s]*rollback (.*)", re.I)
_MULTI_START = lazyre.compile(r"\s*/\*\s*liquibase\s*rollback\s*$", re.I)
_MULTI_END = lazyre.compile(r"(.*?)\*/\s*$")
_IGNORE = lazyre.compile(r"\s*--\s*ignoreLines:(\w+)", re.I)
_ATTR = lazyre.compile(r"(?<!\w)(\w+):(\S*)")
_REF = {
    "id": re.compile(r"changesetId:(\S+)", re.I),
    "author": re.compile(r"changesetAuthor:(\S+)", re.I),
    "path": re.compile(r"changesetPath:(\S+)", re.I),
}


def is_formatted(text: str) -> bool:
    """True when the first non-blank line is the formatted-SQL header, as Liquibase checks."""
    for line in text.splitlines():
        if line.strip():
            return HEADER.fullmatch(line) is not None
    return False


class _Open:
    """The changeset being read."""

    def __init__(self, author: str, cs_id: str, line: int, attrs: dict[str, str]) -> None:
        self.author, self.id, self.line, self.attrs = author, cs_id, line, attrs
        self.body: list[str] = []
        self.rollback: list[str] = []
        self.rollback_line = 0

    def close(self) -> ChangeSet:
        text = "\n".join(self.body)
        problems: tuple[Problem, ...] = ()
        if not text.strip():
            problems = (Problem(self.line, "changeset without SQL: Liquibase refuses it"),)
        change = Change("sql", self.line, {}, (), text, self.line + 1)
        rollbacks = (_rollback(self.rollback, self.rollback_line),) if self.rollback_line else ()
        return ChangeSet(
            self.id, self.author, self.line, (change,), rollbacks, self.attrs, problems
        )


def _rollback(lines: list[str], line: int) -> Rollback:
    text = "\n".join(lines)
    lowered = text.strip().lower()
    if lowered.startswith(("not required", "empty")):
        return Rollback(line, declared_empty=True)
    if "changesetid" in lowered:
        found = {k: (m.group(1) if (m := rx.search(text)) else "") for k, rx in _REF.items()}
        return Rollback(line, ref=RollbackRef(found["id"], found["author"], found["path"]))
    return Rollback(line, text=text, text_line=line, declared_empty=not text.strip())


def _unquote(value: str) -> str:
    value = value.strip()
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value


def sql_changelog(path: str, text: str) -> Changelog:
    """Parse a formatted SQL changelog (the caller checked the header)."""
    sets: list[ChangeSet] = []
    current: _Open | None = None
    lines = text.splitlines()
    skip_until_end = False
    skip_count = 0
    in_multi = False
    for number, line in enumerate(lines, 1):
        blank = True  # whether this line is hidden from the changeset's SQL
        if skip_until_end:
            match = _IGNORE.match(line)
            skip_until_end = not (match and match.group(1).lower() == "end")
        elif skip_count:
            skip_count -= 1
        elif in_multi:
            end = _MULTI_END.match(line)
            if current is not None:
                current.rollback.append(end.group(1) if end else line)
            in_multi = end is None
        elif match := _CHANGESET.fullmatch(line):
            if current is not None:
                sets.append(current.close())
            attrs = {k: v for k, v in _ATTR.findall(match.group(3))}
            current = _Open(_unquote(match.group(1)), _unquote(match.group(2)), number, attrs)
        elif _BAD_CHANGESET.fullmatch(line):
            reason = f"malformed changeset line (expected --changeset author:id): {line.strip()}"
            return Changelog(path, "sql", problem=Problem(number, reason))
        elif match := _IGNORE.match(line):
            arg = match.group(1).lower()
            skip_until_end = arg == "start"
            skip_count = int(arg) if arg.isdigit() else 0
        elif current is None:
            pass
        elif match := _ROLLBACK.fullmatch(line):
            current.rollback.append(match.group(1))
            current.rollback_line = current.rollback_line or number
        elif _MULTI_START.match(line):
            in_multi = True
            current.rollback_line = current.rollback_line or number
        else:
            blank = False
        if current is not None and number > current.line:
            current.body.append("" if blank else line)
    if in_multi:
        return Changelog(path, "sql", problem=Problem(len(lines), "rollback comment not closed"))
    if current is not None:
        sets.append(current.close())
    return Changelog(path, "sql", tuple(sets))
