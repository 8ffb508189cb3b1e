"""The contract between the migration engine and the per-framework analysers.

A framework analyser is a module under ``rollback_gate/migrations/`` that exposes one object
``FRAMEWORK: Framework`` (annotated, so mypy checks it against the whole protocol), usually
an instance of a :class:`FrameworkBase` subclass. The framework object is the one home of
what the rest of the gate needs to know about a framework: how to find, order and judge its
migrations, how ``verify`` runs them, how progress names them. The registry
(``migrations/__init__.py``) adds only what must be known without importing the analyser:
the module and the file-name patterns of its folders. Analysers are pure: they see repo-relative
paths and file contents through a read-only :class:`Source`, and they **never import,
execute or evaluate** the files they analyse (``ast``, tree-sitter and SQL parsers only).

The engine (``checks/migrations.py``) owns everything that is not framework-specific:
discovery of the declared paths, ``framework: auto`` detection, scope (changed/all),
``since``, RG204 (edited migrations), RG206 (not found / undeclared), inline waivers, and
turning unreadable files (binary, huge, not UTF-8) into RG205.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from rollback_gate.models import Finding


class Unreadable(Exception):
    """A file cannot be read as text: binary, too large, not UTF-8, a link, missing."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


UNANALYSABLE_IMPACT = (
    "the gate cannot tell whether this migration can be rolled back, so it fails closed"
)


def unanalysable(
    path: str,
    reason: str,
    *,
    line: int | None = None,
    fix: str = "fix the file so that it parses, or waive RG205 with a reason once a person "
    "has checked its rollback",
    impact: str = UNANALYSABLE_IMPACT,
    key: str | None = None,
) -> Finding:
    """The one way to say RG205: ``path`` could not be read, parsed or classified.

    Every analyser and the engine build it here, so that it reads the same everywhere:
    ``cannot analyse PATH: REASON``, with a fix in the framework's own words.
    """
    return Finding(
        "RG205",
        f"cannot analyse {path}: {reason}",
        path=path,
        line=line,
        impact=impact,
        fix=fix,
        key=key or f"RG205:{path}:{reason}",
    )


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

    def used(self, path: str) -> None:
        """Tell that the caller answered from what it learnt reading ``path`` earlier (a
        cache of its own): a Source that records reads (the result cache's) counts it as
        read, so the answer depends on the file's content. Nothing for any other Source."""
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


@dataclass(frozen=True)
class FolderRule:
    """How a framework's migration files look by path alone (undeclared folders, ``init``).

    ``pattern`` matches a repo path, its ``dir`` group the migrations folder; ``rank`` orders
    rules from the most specific (0) so that the best one names a folder; a rule with
    ``home`` or ``beside`` holds only where the folder's parent matches ``home`` or holds
    a file named ``beside`` (Alembic's ``versions/`` sits beside ``env.py``).
    """

    pattern: str
    rank: int
    home: str | None = None
    beside: str | None = None


VerifyMode = Literal["sql", "alembic", "django"]
"""How ``verify`` runs a framework: its SQL by the gate, or through Alembic's / Django's CLI."""


class Framework(Protocol):
    """What every framework module's ``FRAMEWORK`` object provides."""

    name: str
    """The config name (``alembic``, ``golang-migrate`` …), a key of the registry."""

    verify: VerifyMode | None
    """How ``verify migrations`` runs these migrations; None: it cannot (reported so)."""

    many_per_file: bool
    """One file holds many migrations (Liquibase changeSets): edits are judged per
    migration through :meth:`fingerprint`, not per file."""

    def detect(self, paths: Sequence[str], source: Source) -> int:
        """How many of ``paths`` look like this framework's migrations (0: not this one).

        Used by ``framework: auto``; may read a few files to sniff markers
        (``-- +goose Up``), but must stay cheap.
        """
        ...

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        """Group the files under a declared migration path into migrations, in order.

        Files that are not migrations of this framework (READMEs, ``__init__.py``, helpers)
        are ignored. The order is the framework's own, which ``since`` relies on.
        """
        ...

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        """Yield RG200/RG201/RG202/RG203/RG205 findings for one migration.

        Each finding points at the file and 1-based line of the offending statement and
        names the table/column with a concrete fix.
        """
        ...

    def fingerprint(self, migration: Migration, source: Source) -> str | None:
        """For ``many_per_file`` frameworks: a digest of what the migration does, so that
        layout edits of the file are not edits of the migration; None: meant to change."""
        ...

    def label(self, migration: Migration) -> str:
        """A short name for progress lines: ``000042_add_note``, ``shop.0002_add_note``."""
        ...

    def sql_pair(self, migration: Migration, source: Source) -> tuple[str, str | None]:
        """For ``verify == "sql"``: the up SQL and the down SQL (None when absent).

        Raises ValueError for a migration the gate cannot run as SQL (a goose Go file)."""
        ...

    def statements(self, section: str) -> list[str] | None:
        """The statements of an up or down section as the tool splits them (goose and
        sql-migrate keep ``StatementBegin/End`` blocks whole); None: the SQL engine splits."""
        ...

    def transactional(self, texts: Sequence[str]) -> bool:
        """Whether the tool runs a migration whose files hold ``texts`` in a transaction."""
        ...

    def forward_only(self, paths: Sequence[str]) -> str | None:
        """Why a folder holding ``paths`` is rolled forward only, by default (the reason,
        for the report's notes), or None: its migrations have down steps to judge."""
        ...


SQL_SUFFIXES = (".sql", ".pgsql", ".psql")
"""The names a SQL migration file may end in: golang-migrate runs any extension, and
transitland-lib's are ``.up.pgsql`` (round BT: 95 files, none read)."""

_LABEL_SUFFIXES = (".up.sql", ".down.sql", ".sql", ".py", ".go", ".rb", ".exs", ".php")


class FrameworkBase:
    """Defaults for the optional parts of :class:`Framework`; analysers inherit them."""

    name: str
    verify: VerifyMode | None = None
    many_per_file: bool = False

    def fingerprint(self, migration: Migration, source: Source) -> str | None:
        raise NotImplementedError(f"{self.name} keeps one migration per file")

    def label(self, migration: Migration) -> str:
        name = basename(migration.path)
        for suffix in _LABEL_SUFFIXES:
            if name.endswith(suffix):
                return name[: -len(suffix)]
        return name

    def sql_pair(self, migration: Migration, source: Source) -> tuple[str, str | None]:
        raise ValueError(f"{self.name} migrations are not plain SQL files")

    def statements(self, section: str) -> list[str] | None:
        return None

    def transactional(self, texts: Sequence[str]) -> bool:
        return True

    def forward_only(self, paths: Sequence[str]) -> str | None:
        return None


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

    def under(self, folder: str) -> list[str]:
        """The files below ``folder`` (``""`` for every one), sorted, as a tree lists them:
        the histories that look for a folder's other files find them here too."""
        prefix = f"{folder.strip('/')}/" if folder.strip("/") else ""
        return sorted(p for p in self._files if p.startswith(prefix))

    def used(self, path: str) -> None:
        return None


def basename(path: str) -> str:
    """The file name of a repo-relative POSIX path."""
    return path.rsplit("/", 1)[-1]


# ActiveSupport's irregular plurals among table names: Rails' singular of ``people`` is
# ``person`` (a foreign key's column, a model's name)
IRREGULAR_PLURALS = {"people": "person", "men": "man", "women": "woman", "children": "child"}


def plural(word: str) -> str:
    """An English noun's plural by the common rules, as pop (flect) makes a table's name from
    a struct's and Sequelize (inflection) from a model's."""
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return word + "es"
    if re.search(r"[^aeiou]y$", word):
        return word[:-1] + "ies"
    return word + "s"


def upwards(start: str, name: str) -> list[str]:
    """``name`` in each folder from ``start``'s up to the repository's root, nearest first."""
    folder, out = start.rpartition("/")[0], []
    while True:
        out.append(f"{folder}/{name}" if folder else name)
        if not folder:
            return out
        folder = folder.rpartition("/")[0]


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


def top_level_items(code: str, start: int, end: int) -> list[tuple[int, str]]:
    """The comma-separated items at the top level of ``code[start:end]`` (brackets of any
    kind nest), each with its offset, in code whose comments and strings were blanked."""
    out: list[tuple[int, str]] = []
    depth = 0
    begin = start
    for i in range(start, end):
        c = code[i]
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            out.append((begin, code[begin:i]))
            begin = i + 1
    if code[begin:end].strip():
        out.append((begin, code[begin:end]))
    return out


def matching_bracket(code: str, at: int, opening: str, closing: str) -> int:
    """The offset just past the bracket that closes the one at ``code[at]`` (``len(code)``
    when none does), in code whose comments and strings were blanked first."""
    depth = 0
    for i in range(at, len(code)):
        c = code[i]
        if c == opening:
            depth += 1
        elif c == closing:
            depth -= 1
            if depth == 0:
                return i + 1
    return len(code)


def parse_quietly(text: str, filename: str = "<unknown>") -> ast.Module:
    """``ast.parse`` without the warnings CPython prints about the code it reads (an invalid
    escape sequence in a string is a ``SyntaxWarning`` on stderr from 3.12 on): the file is
    the project's, and its warnings would interleave with the gate's output. Raises what
    ``ast.parse`` raises."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, filename=filename)
