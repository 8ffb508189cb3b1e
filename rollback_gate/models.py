"""Core data types: severities, findings and the report.

Every check yields :class:`Finding` objects; the gate (``gate.py``) alone turns them into a
:class:`Report` by applying the policy (disabled rules, severity overrides, waivers,
``fail_on``) and sorting. Formats render a ``Report`` into a string. All types are immutable.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    """Incident levels: P0 is the worst (no way back, data loss), P3 the mildest."""

    P0 = "P0"
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"

    @property
    def rank(self) -> int:
        """0 for P0 … 3 for P3; lower is more severe."""
        return int(self.value[1])

    def at_least(self, threshold: Severity) -> bool:
        """True when this severity is as bad as ``threshold`` or worse."""
        return self.rank <= threshold.rank


ITEMS: tuple[str, ...] = ("plan", "tested", "migrations", "flags", "monitoring")
"""The five checklist items, in report order."""


class ItemStatus(str, enum.Enum):
    """Status of one checklist item in a report."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    NA = "n/a"


@dataclass(frozen=True)
class Waiver:
    """An accepted risk: a rule (and optionally a path glob) waived until a date."""

    rule: str
    reason: str
    owner: str
    expires: str  # ISO date, YYYY-MM-DD
    path: str | None = None
    source: str = "deploy-readiness.yml"  # where it was declared
    line: int | None = None


@dataclass(frozen=True)
class Related:
    """Another place of the same problem: one finding per migration and rule, the other
    occurrences listed here (SARIF ``relatedLocations``)."""

    path: str | None
    line: int | None
    message: str
    # The occurrence's own Finding.key, for checks that read it; not reported, not compared.
    key: str = field(default="", compare=False)
    # …and its own fix, which names its column: the group's is the first occurrence's, and
    # a check that clears that one gives the next its own (wraft's `timestamps()` NOT NULL
    # was told to `modify :fields`, round AU); not reported, not compared.
    fix: str = field(default="", compare=False)

    def where(self) -> str:
        """``path:line``, ``path`` or ``-``."""
        if self.path is None:
            return "-"
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Finding:
    """One problem found by a check.

    ``impact`` and ``fix`` default to the rule's catalog text when left empty; a check
    should fill them in whenever it can be more specific (name the table, the column, the
    exact line to write). ``severity`` is None to use the rule's default; the gate applies
    policy overrides. ``key`` is a line-independent description of the finding's content,
    used for stable fingerprints (SARIF partialFingerprints, GitLab fingerprints).
    """

    rule: str
    message: str
    path: str | None = None
    line: int | None = None
    impact: str = ""
    fix: str = ""
    severity: Severity | None = None
    key: str = ""
    related: tuple[Related, ...] = ()


@dataclass(frozen=True)
class ReportedFinding:
    """A finding after the gate applied policy: final severity, name, item and waiver."""

    rule: str
    name: str
    item: str
    severity: Severity
    path: str | None
    line: int | None
    message: str
    impact: str
    fix: str
    waiver: Waiver | None = None
    key: str = ""
    related: tuple[Related, ...] = ()

    @property
    def waived(self) -> bool:
        return self.waiver is not None

    def sort_key(self) -> tuple[int, str, int, str, str]:
        return (self.severity.rank, self.path or "", self.line or 0, self.rule, self.message)


@dataclass(frozen=True)
class Report:
    """The outcome of one gate run; formats render it, the CLI turns it into an exit code."""

    tool_version: str
    config: str | None
    service: str | None
    base: str | None
    head: str | None
    fail_on: Severity
    findings: tuple[ReportedFinding, ...]
    items: dict[str, ItemStatus]
    disabled: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    command: str = "check"
    analysed: dict[str, int] = field(default_factory=dict)  # what was looked at, per kind

    @property
    def active(self) -> tuple[ReportedFinding, ...]:
        """Findings that are not waived."""
        return tuple(f for f in self.findings if not f.waived)

    @property
    def failing(self) -> tuple[ReportedFinding, ...]:
        """Unwaived findings at or above ``fail_on``: these fail the gate."""
        return tuple(f for f in self.active if f.severity.at_least(self.fail_on))

    @property
    def passed(self) -> bool:
        return not self.failing

    def counts(self) -> dict[str, int]:
        """Unwaived findings per severity, plus the number of waived ones."""
        counts = {s.value: 0 for s in Severity}
        for f in self.active:
            counts[f.severity.value] += 1
        counts["waived"] = sum(1 for f in self.findings if f.waived)
        return counts
