"""goose: ``NNNNN_name.sql`` with ``-- +goose Up`` / ``-- +goose Down`` sections, or Go files.

SQL migrations keep both steps in one file. Annotations are matched case-insensitively
(goose accepts ``-- +goose up``); ``-- +goose NO TRANSACTION`` and ``ENVSUB ON/OFF`` are
options, not sections; ``-- +goose StatementBegin`` / ``StatementEnd`` wrap statements
that contain semicolons and are kept whole by :func:`statements` (for ``verify``).

* no ``Down`` section → RG200; an empty one while ``Up`` does something → RG201;
* a ``Down`` that refuses (``RAISE EXCEPTION``) → RG202; destructive ``Up`` → RG203;
* SQL before ``-- +goose Up``, an unclosed ``StatementBegin``, no ``Up`` at all, or an
  unterminated quote → RG205 (goose itself refuses such files).

Go migrations (``00042_backfill.go``) are handled by :mod:`.goose_go`. Versions are the
leading digits of the file name (sequential or timestamps) and order numerically.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator, Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.base import (
    Framework,
    FrameworkBase,
    Migration,
    Source,
    Unreadable,
    VerifyMode,
    unanalysable,
)
from rollback_gate.migrations.plainsql import goose_go
from rollback_gate.migrations.plainsql import sections as sqlsections
from rollback_gate.migrations.plainsql.verdict import verdict, version_key
from rollback_gate.models import Finding

MARKERS = sqlsections.Markers(
    tool="goose",
    up=re.compile(r"\s*--\s*\+goose\s+up\b", re.I),
    down=re.compile(r"\s*--\s*\+goose\s+down\b", re.I),
    begin=re.compile(r"\s*--\s*\+goose\s+statementbegin\b", re.I),
    end=re.compile(r"\s*--\s*\+goose\s+statementend\b", re.I),
    up_label="-- +goose Up",
    down_label="-- +goose Down",
)
_FILE = lazyre.compile(r"^(\d+)_([^/]*)\.(sql|go)$")
_SNIFF = lazyre.compile(r"^[ \t]*--[ \t]*\+goose[ \t]+up\b", re.I | re.M)

_NO_TX = lazyre.compile(r"--\s*\+goose\s+NO\s+TRANSACTION", re.IGNORECASE)


def _match(path: str) -> re.Match[str] | None:
    name = posixpath.basename(path)
    return None if name.endswith("_test.go") else _FILE.match(name)


class Goose(FrameworkBase):
    """The ``goose`` analyser."""

    name = "goose"
    verify: VerifyMode | None = "sql"

    def transactional(self, texts: Sequence[str]) -> bool:
        return not any(_NO_TX.search(t) for t in texts)

    def sql_pair(self, migration: Migration, source: Source) -> tuple[str, str | None]:
        """The up SQL and the down SQL (None when absent) of a goose SQL migration.

        Raises ValueError for Go migrations, which only goose itself can run.
        """
        if migration.path.endswith(".go"):
            raise ValueError(f"{migration.path} is a Go migration; only goose can run it")
        up, down = up_down_sql(source.read_text(migration.path, lenient=True))
        return up or "", down

    def statements(self, section: str) -> list[str] | None:
        """Executable statements of a section, each StatementBegin/End block kept whole."""
        return sqlsections.executable(section, MARKERS)

    def detect(self, paths: Sequence[str], source: Source) -> int:
        candidates = [p for p in paths if _match(p)]
        for path in candidates[:5]:
            try:
                text = source.read_text(path, lenient=True)
            except Unreadable:  # the engine reports unreadable files (RG205), not detection
                continue
            if _SNIFF.search(text) or "goose.Add" in text or "goose.NewGoMigration" in text:
                return len(candidates)
        return 0

    def discover(self, paths: Sequence[str], source: Source) -> list[Migration]:
        migrations = []
        for path in paths:
            m = _match(path)
            if m is None:
                continue
            if m.group(3) == "go" and not _registers(path, source):
                continue  # a helper file in the migrations package
            migrations.append(Migration(self.name, m.group(1), m.group(2), path, (path,)))
        return sorted(migrations, key=lambda m: version_key(m.version, m.path))

    def analyse(self, migration: Migration, source: Source) -> Iterator[Finding]:
        text = source.read_text(migration.path, lenient=True)
        if migration.path.endswith(".go"):
            yield from goose_go.analyse(migration.path, migration.version, text)
            return
        sections = sqlsections.parse(migration.path, text, MARKERS)
        if sections.problem is not None:
            yield _unanalysable(migration.path, *sections.problem)
            return
        assert sections.up is not None
        yield from verdict(
            self.name,
            migration.version,
            sections.up,
            sections.down,
            missing="no `-- +goose Down` section",
            create_down=f"append a `-- +goose Down` section to {migration.path} with",
        )


def _registers(path: str, source: Source) -> bool:
    try:
        text = source.read_text(path, lenient=True)
    except Unreadable:  # keep it: analyse() re-reads it and the engine reports RG205
        return True
    return "goose" in text and goose_go._REGISTER.search(goose_go.scan(text).code) is not None


def _unanalysable(path: str, line: int, reason: str) -> Finding:
    return unanalysable(
        path,
        reason,
        line=line,
        impact="goose refuses this file, and the gate cannot tell whether it can be rolled back",
        fix="start the file with `-- +goose Up`, close every `-- +goose StatementBegin` with "
        "`-- +goose StatementEnd`, or waive RG205 with a reason",
    )


def up_down_sql(text: str) -> tuple[str | None, str | None]:
    """The Up and Down sections of a goose SQL file (None when absent); lines preserved."""
    sections = sqlsections.parse("", text, MARKERS)
    return (
        sections.up.text if sections.up else None,
        sections.down.text if sections.down else None,
    )


FRAMEWORK: Framework = Goose()
