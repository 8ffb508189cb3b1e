"""The contract between the migration engine and the per-framework analysers.

A framework analyser is a module in ``rollback_gate/migrations/`` that exposes one object
``FRAMEWORK`` satisfying :class:`Framework`. Analysers are pure: they see repo-relative
paths and file contents through a read-only :class:`Source`, and they **never import,
execute or evaluate** the files they analyse (``ast``, tree-sitter and SQL parsers only).

The engine (``checks/migrations.py``) owns everything that is not framework-specific:
discovery of the declared paths, ``framework: auto`` detection, scope (changed/all),
``since``, RG204 (edited migrations), RG206 (not found / undeclared), inline waivers, and
turning unreadable files (binary, huge, not UTF-8) into RG205.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from rollback_gate.models import Finding


class Unreadable(Exception):
    """A file cannot be read as text: binary, too large, not UTF-8, a link, missing."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class Source(Protocol):
    """Read-only access to the repository's files (at HEAD, as checked out)."""

    def read_text(self, path: str, *, lenient: bool = False) -> str:
        """The file's text, UTF-8 (a BOM is dropped, CRLF kept as is).

        ``lenient=True`` decodes invalid UTF-8 as Latin-1 instead of raising, for formats
        (SQL) whose structure is ASCII. Raises :class:`Unreadable` for binary, oversized,
        symlinked or missing files.
        """
        ...

    def exists(self, path: str) -> bool:
        """True when ``path`` is a regular file in the repository."""
        ...


@dataclass(frozen=True)
class Migration:
    """One migration as the framework sees it.

    ``version`` is the framework's ordering key (a timestamp, a number, an Alembic revision
    id); ``files`` lists every file that belongs to it, ``path`` first (for golang-migrate
    the ``.up.sql`` and, when present, the ``.down.sql``).
    """

    framework: str
    version: str
    name: str
    path: str
    files: tuple[str, ...]


class Framework(Protocol):
    """What every framework module's ``FRAMEWORK`` object provides."""

    name: str
    """The config name (``alembic``, ``golang-migrate`` …)."""

    def detect(self, paths: Sequence[str], source: Source) -> int:
        """How many of ``paths`` look like this framework's migrations (0: not this one).

        Used by ``framework: auto``; may read a few files to sniff markers
        (``-- +goose Up``), but must stay cheap.
        """
        ...

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        """Group the files under a declared migration path into migrations, in order.

        Files that are not migrations of this framework (READMEs, ``__init__.py``, helpers)
        are ignored.
        """
        ...

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        """Yield RG200/RG201/RG202/RG203/RG205 findings for one migration.

        Each finding points at the file and 1-based line of the offending statement and
        names the table/column with a concrete fix.
        """
        ...


class MemorySource:
    """A :class:`Source` over an in-memory mapping of path to text (tests, library use)."""

    def __init__(self, files: dict[str, str | bytes]) -> None:
        self._files = files

    def read_text(self, path: str, *, lenient: bool = False) -> str:
        try:
            data = self._files[path]
        except KeyError:
            raise Unreadable(path, "no such file") from None
        if isinstance(data, str):
            return data
        if b"\0" in data[:8192]:
            raise Unreadable(path, "binary file")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            if lenient:
                return data.decode("latin-1")
            raise Unreadable(path, "not valid UTF-8") from None

    def exists(self, path: str) -> bool:
        return path in self._files


def basename(path: str) -> str:
    """The file name of a repo-relative POSIX path."""
    return path.rsplit("/", 1)[-1]


def count_marked(
    paths: Sequence[str], source: Source, filename: re.Pattern[str], marker: re.Pattern[str]
) -> int:
    """How many files have a matching name and contain ``marker`` (a cheap ``detect``)."""
    count = 0
    for path in paths:
        if filename.match(basename(path)) is None:
            continue
        try:
            text = source.read_text(path)
        except Unreadable:
            continue
        if marker.search(text):
            count += 1
    return count


def numbered(framework: str, paths: Sequence[str], filename: re.Pattern[str]) -> list[Migration]:
    """One-file migrations named ``<number>_<name>``, ordered by number then path.

    ``filename`` matches the base name with the version in group 1 and the name in group 2.
    """
    found: list[tuple[int, str, Migration]] = []
    for path in paths:
        match = filename.match(basename(path))
        if match is None:
            continue
        version, name = match.group(1), match.group(2)
        found.append((int(version), path, Migration(framework, version, name, path, (path,))))
    return [m for _, _, m in sorted(found, key=lambda t: (t[0], t[1]))]


def two_file_sql(migration: Migration, source: Source) -> tuple[str, str | None]:
    """Up and down SQL of a migration kept in two files (``files[0]``, ``files[1]``).

    The down is None when the migration has no second file (Flyway without a U file,
    Prisma without down.sql). SQL is read leniently: its structure is ASCII.
    """
    up = source.read_text(migration.files[0], lenient=True)
    second = migration.files[1] if len(migration.files) > 1 else None
    return up, source.read_text(second, lenient=True) if second else None
