"""Find folders that hold migrations, by file name alone (fast: no file is read).

Used for RG206 (migrations that no config entry declares) and by ``init``. Paths inside
dependency and test-fixture folders are skipped: they are not this service's schema.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rollback_gate import lazyre
from rollback_gate.migrations import FRAMEWORKS
from rollback_gate.migrations.base import FolderRule

_ENOUGH = 4  # matches per folder before its name is settled
# (a `docs/` folder holding `migrations/` itself is a Django app labelled docs:
# djangoproject.com's docs/migrations, round AG; a Gradle test source set,
# `src/integrationTest/…`, and `testmigration/` are tests': rd-professional-api, round AG)
_SKIP = lazyre.compile(
    r"(^|/)(node_modules|vendor|third_party|site-packages|\.venv|venv|\.tox|\.github|tests?|spec|"
    r"fixtures|testdata\w*|__fixtures__|stubs?|mocks?|examples?|docs?(?=/(?!migrations/))"
    r"|[a-z]\w*Tests?|test[-_]?migrations?)/"
)

# What every rule's file needs: one of their extensions, and a name that starts with a
# number, a version or twelve hex digits, or a path that names a changelog, a master file,
# a migration or a ``versions/`` folder. Most files of a large tree are no candidate, and
# these string tests cost less than thirty rules failing (backend.ai's 13,500 files:
# 0.19 s). A test holds every rule's examples to it.
_EXTENSIONS = frozenset(
    {"sql", "pgsql", "psql", "py", "rb", "js", "cjs", "mjs", "ts", "xml", "yml", "yaml", "json",
     "php", "ex", "exs"}
)  # fmt: skip
_WORDS = ("changelog", "liquibase", "master.", "migration", "versions/")
_HEX_NAME = lazyre.compile(r"[0-9a-fA-F]{12}_")


def _candidate(path: str) -> bool:
    name = path.rpartition("/")[2]
    if name.rpartition(".")[2].lower() not in _EXTENSIONS:
        return False
    if name[:1].isdigit() or (name[:1] in "vV" and name[1:2].isdigit()):
        return True
    lowered = path.lower()
    return any(word in lowered for word in _WORDS) or _HEX_NAME.match(name) is not None


@dataclass(frozen=True)
class _Rule:
    rank: int
    pattern: re.Pattern[str]
    home: re.Pattern[str] | None
    beside: str | None
    frameworks: tuple[str, ...]  # every framework whose files look like this


@cache
def _rules() -> tuple[_Rule, ...]:
    """The registry's folder rules, most specific first, each once with all its frameworks."""
    owners: dict[FolderRule, list[str]] = {}
    for name, registration in FRAMEWORKS.items():
        for rule in registration.folders:
            owners.setdefault(rule, []).append(name)
    return tuple(
        _Rule(
            rule.rank,
            re.compile(rule.pattern),
            re.compile(rule.home) if rule.home else None,
            rule.beside,
            tuple(names),
        )
        for rule, names in sorted(owners.items(), key=lambda item: item[0].rank)
    )


def migration_folders(files: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """(folder, frameworks) for every folder whose file names look like migrations.

    ``frameworks`` names every registered framework whose files look like these (one,
    unless several frameworks name their files alike: ``detect`` tells those apart).
    Files are looked at folder by folder, and a folder stops being read after a few
    matches: a 10,000-migration folder costs as much as a small one.
    """
    found: dict[str, _Rule] = {}
    every = set(files)
    by_folder: dict[str, list[str]] = {}
    for path in files:
        by_folder.setdefault(path.rpartition("/")[0], []).append(path)
    for parent, paths in by_folder.items():
        if _SKIP.search(parent + "/"):
            continue
        matched = 0
        for path in paths:
            hit = _match(path, every) if _candidate(path) else None
            if hit is None:
                continue
            folder, rule = hit
            # The most specific rule wins for a folder, whatever file is listed first
            # (000001_x.down.sql would otherwise label golang-migrate files as plain SQL).
            if folder not in found or rule.rank < found[folder].rank:
                found[folder] = rule
            matched += 1
            if matched >= _ENOUGH:
                break
    frameworks = {f: rule.frameworks for f, rule in found.items()}
    return sorted(_settled(frameworks, by_folder, every).items())


_DJANGO_FILE = lazyre.compile(r"/\d{4}_[^/]+\.py$")


def _settled(
    found: dict[str, tuple[str, ...]], by_folder: dict[str, list[str]], every: set[str]
) -> dict[str, tuple[str, ...]]:
    """Drop what is not a migration folder after all.

    A lone numbered stub (``migrations/0001_warning.py``) is no Django app unless it is an
    initial migration or sits beside the ``__init__.py`` Django requires of a migrations
    package (Flagsmith's oauth2_metadata: one data migration); a Liquibase folder inside
    another one is covered by it (the master changelog includes it), and so is a Flyway
    folder inside another one (Flyway scans a location's subfolders: evaka's
    ``db/migration/archive``, proposed as a second entry, cut its history in two, round
    AY), unless it is named for a database (``db/migration/postgres``: one location each).
    """
    django = {f for f, names in found.items() if names == ("django",)}
    counts = dict.fromkeys(django, 0)
    initial: set[str] = set()
    for folder in django:  # (its own files only, not the tree's other 10,000)
        for path in by_folder.get(folder, ()):
            if _DJANGO_FILE.search(path):
                counts[folder] += 1
                if path.endswith("/0001_initial.py") or f"{folder}/__init__.py" in every:
                    initial.add(folder)
    liquibase = {f for f, names in found.items() if names == ("liquibase",)}
    flyway = {f for f, names in found.items() if names == ("flyway",)}
    return {
        folder: names
        for folder, names in found.items()
        if not (names == ("django",) and counts[folder] < 2 and folder not in initial)
        and not (names == ("liquibase",) and any(folder.startswith(o + "/") for o in liquibase))
        and not (
            names == ("flyway",)
            and any(folder.startswith(o + "/") for o in flyway)
            and not _DATABASE_NAMED.fullmatch(folder.rpartition("/")[2])
        )
    }


_DATABASE_NAMED = lazyre.compile(
    r"(?i)postgres(?:ql)?|pg|mysql|mariadb|h2|hsqldb|oracle|sqlserver|mssql|sqlite|db2|derby"
    r"|cockroach(?:db)?|common|vendor|\{vendor\}"
)


def _match(path: str, files: set[str]) -> tuple[str, _Rule] | None:
    for rule in _rules():
        m = rule.pattern.match(path)
        if not m:
            continue
        folder = m.group("dir")
        if rule.home or rule.beside:
            # A common folder name (``versions/``) counts only beside the framework's own
            # file, or under a folder whose name says so (``alembic/``, ``revisions/``).
            parent = folder.rsplit("/", 1)[0] if "/" in folder else ""
            near = posixpath.normpath(f"{parent}/{rule.beside}" if parent else rule.beside or "")
            if not (rule.beside and near in files) and not (rule.home and rule.home.search(parent)):
                continue
        return folder, rule
    return None
