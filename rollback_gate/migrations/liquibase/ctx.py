"""What every Liquibase verdict about one changeSet needs: the changeSet, its file, the
repository, the column types before it, and how a finding about it is spelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from rollback_gate.migrations.base import Source
from rollback_gate.migrations.liquibase.model import Change, Changelog, ChangeSet
from rollback_gate.migrations.liquibase.refs import file_sql
from rollback_gate.migrations.liquibase.sqlview import statements_of
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.models import Finding


@dataclass
class Ctx:
    """One changeSet under analysis."""

    log: Changelog
    index: int
    cs: ChangeSet
    source: Source
    types_before: Callable[[int], dict[str, str]]
    _types: dict[str, str] | None = None

    @property
    def types(self) -> dict[str, str]:
        """Column types before this changeSet (computed only when a verdict needs them)."""
        if self._types is None:
            self._types = self.types_before(self.index)
        return self._types

    def finding(
        self, rule: str, line: int | None, message: str, *, key: str, impact: str = "", fix: str
    ) -> Finding:
        cs = self.cs
        # Same id/author may repeat with other dbms/context filters; keep keys apart.
        scope = "|".join(v for k in ("dbms", "context", "contextFilter") if (v := cs.attrs.get(k)))
        ident = f"{cs.author}:{cs.id}" + (f"[{scope}]" if scope else "")
        return Finding(
            rule,
            f"{cs.label}: {message}",
            path=self.log.path,
            line=line,
            impact=impact,
            fix=fix,
            key=f"{rule}:changeset:{ident}:{key}",
        )


def statements(ctx: Ctx, change: Change) -> list[sql.Statement]:
    """The SQL a ``sql``/``sqlFile`` change runs, with line numbers of the changelog."""
    if change.kind == "sql":
        return statements_of(change, change.text_line or change.line, change.text)
    if change.kind == "sqlFile":
        text = file_sql(ctx.source, ctx.log.path, change) or ""
        return [replace(s, line=change.line) for s in statements_of(change, 1, text)]
    return []
