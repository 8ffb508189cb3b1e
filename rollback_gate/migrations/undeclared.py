"""Find folders that hold migrations, by file name alone (fast: no file is read).

Used for RG206 (migrations that no config entry declares) and by ``init``. Paths inside
dependency and test-fixture folders are skipped: they are not this service's schema.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("alembic", re.compile(r"^(?P<dir>(?:.*/)?versions)/[^/]+\.py$")),
    ("django", re.compile(r"^(?P<dir>(?:.*/)?migrations)/\d{4}_[^/]+\.py$")),
    ("rails", re.compile(r"^(?P<dir>(?:.*/)?db/migrate)/\d+_[^/]+\.rb$")),
    ("golang-migrate", re.compile(r"^(?P<dir>(?:.*/)?[^/]+)/\d+_[^/]+\.up\.sql$")),
    ("ecto", re.compile(r"^(?P<dir>(?:.*/)?priv/repo/migrations)/\d+_[^/]+\.exs$")),
    (
        "laravel",
        re.compile(r"^(?P<dir>(?:.*/)?database/migrations)/\d{4}_\d\d_\d\d_\d{6}_[^/]+\.php$"),
    ),
    ("prisma", re.compile(r"^(?P<dir>(?:.*/)?migrations)/\d+_[^/]+/migration\.sql$")),
    ("flyway", re.compile(r"^(?P<dir>(?:.*/)?[^/]+)/V\d+(?:[._]\d+)*__[^/]+\.sql$")),
    (
        "liquibase",
        re.compile(r"^(?P<dir>(?:.*/)?[^/]+)/db\.changelog[^/]*\.(?:xml|ya?ml|json|sql)$"),
    ),
    # the changelog folder of a (multi-module) Maven/Gradle build, and a master changelog
    # anywhere under src/main/resources (openmrs: api/src/main/resources/liquibase-*.xml)
    (
        "liquibase",
        re.compile(r"^(?P<dir>(?:.*/)?db/changelog)/(?:[^/]+/)*[^/]+\.(?:xml|ya?ml|json)$"),
    ),
    (
        "liquibase",
        re.compile(
            r"^(?P<dir>(?:.*/)?src/main/resources(?:/[^/]+)*)/[^/]*(?:changelog|liquibase)[^/]*"
            r"\.(?:xml|ya?ml|json)$",
            re.IGNORECASE,
        ),
    ),
    (
        "javascript",
        re.compile(r"^(?P<dir>(?:.*/)?migrations?)/\d{12,14}[-_][^/]+\.(?:[cm]?js|ts)$"),
    ),
    # version folders: migrations/versions/5.0/2022-05-01-10-00-x.js (Ghost, knex-migrator)
    (
        "javascript",
        re.compile(r"^(?P<dir>(?:.*/)?migrations?/versions)/[^/]+/\d[^/]*\.(?:[cm]?js|ts)$"),
    ),
    ("sql", re.compile(r"^(?P<dir>(?:.*/)?[^/]*migrat[^/]*)/\d+_[^/]+\.sql$")),
    # one folder per dialect: db/migrations/{postgres,mysql,sqlite}/001_x.sql
    (
        "sql",
        re.compile(
            r"^(?P<dir>(?:.*/)?[^/]*migrat[^/]*/(?:postgres(?:ql)?|pg|mysql|mariadb|sqlite3?|"
            r"mssql|sqlserver|oracle|cockroach(?:db)?|clickhouse))/\d+[^/]*\.sql$"
        ),
    ),
]
_ENOUGH = 4  # matches per folder before its name is settled
_RANK: dict[str, int] = {}
for _i, (_name, _) in enumerate(_PATTERNS):
    _RANK.setdefault(_name, _i)
_ALEMBIC_HOME = re.compile(r"(^|/)(alembic|revisions|migrations?)(/|$)")
_SKIP = re.compile(
    r"(^|/)(node_modules|vendor|third_party|site-packages|\.venv|venv|\.tox|tests?|spec|"
    r"fixtures|testdata\w*|__fixtures__|stubs?|mocks?|examples?|docs?)/"
)


def migration_folders(files: Sequence[str]) -> list[tuple[str, str]]:
    """(folder, framework) for every folder whose file names look like migrations.

    Files are looked at folder by folder, and a folder stops being read after a few
    matches: a 10,000-migration folder costs as much as a small one.
    """
    found: dict[str, str] = {}
    alembic_roots = {f.rsplit("/", 1)[0] for f in files if f.endswith("env.py")}
    by_folder: dict[str, list[str]] = {}
    for path in files:
        by_folder.setdefault(path.rpartition("/")[0], []).append(path)
    for parent, paths in by_folder.items():
        if _SKIP.search(parent + "/"):
            continue
        matched = 0
        for path in paths:
            hit = _match(path, alembic_roots)
            if hit is None:
                continue
            folder, framework = hit
            # The most specific pattern wins for a folder, whatever file is listed first
            # (000001_x.down.sql would otherwise label golang-migrate files as plain SQL).
            if folder not in found or _RANK[framework] < _RANK[found[folder]]:
                found[folder] = framework
            matched += 1
            if matched >= _ENOUGH:
                break
    return sorted(_settled(found, files).items())


_DJANGO_FILE = re.compile(r"/\d{4}_[^/]+\.py$")


def _settled(found: dict[str, str], files: Sequence[str]) -> dict[str, str]:
    """Drop what is not a migration folder after all.

    A lone numbered stub (``migrations/0001_warning.py``) is no Django app unless it is an
    initial migration; a Liquibase folder inside another one is covered by it (the master
    changelog includes it).
    """
    django = {f for f, k in found.items() if k == "django"}
    counts = dict.fromkeys(django, 0)
    initial: set[str] = set()
    for path in files:
        folder = path.rpartition("/")[0]
        if folder in counts and _DJANGO_FILE.search(path):
            counts[folder] += 1
            if path.endswith("/0001_initial.py"):
                initial.add(folder)
    liquibase = {f for f, k in found.items() if k == "liquibase"}
    return {
        folder: kind
        for folder, kind in found.items()
        if not (kind == "django" and counts[folder] < 2 and folder not in initial)
        and not (kind == "liquibase" and any(folder.startswith(o + "/") for o in liquibase))
    }


def _match(path: str, alembic_roots: set[str]) -> tuple[str, str] | None:
    for framework, pattern in _PATTERNS:
        m = pattern.match(path)
        if not m:
            continue
        folder = m.group("dir")
        if framework == "alembic":
            # versions/ folders are common; an Alembic one sits beside env.py, or
            # under a folder whose name says so (``alembic/``, ``revisions/``).
            parent = folder.rsplit("/", 1)[0] if "/" in folder else ""
            if parent not in alembic_roots and not _ALEMBIC_HOME.search(parent):
                continue
        return folder, framework
    return None
