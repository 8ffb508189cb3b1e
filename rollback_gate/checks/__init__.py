"""The checklist items, one module each, collected in one registry.

A check module defines ``check(ctx: Context) -> Iterator[Finding]`` and
``applies(ctx: Context) -> bool`` (False makes the item ``n/a`` in the report). Checks only
yield findings; the gate applies policy, waivers and sorting. Modules are imported on first
use so the CLI starts fast.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollback_gate.models import Finding, Waiver

if TYPE_CHECKING:
    from rollback_gate.config.model import Config
    from rollback_gate.online.trust import Endpoints
    from rollback_gate.repo import Diff, GitRepo
    from rollback_gate.results.cache import ResultCache
    from rollback_gate.tree import Tree

CHECKS: dict[str, str] = {
    "plan": "rollback_gate.checks.plan",
    "tested": "rollback_gate.checks.tested",
    "migrations": "rollback_gate.checks.migrations",
    "flags": "rollback_gate.checks.flags",
    "monitoring": "rollback_gate.checks.monitoring",
}


@dataclass
class Context:
    """Everything a check may look at. ``git`` and ``diff`` are None outside git."""

    root: Path
    config: Config
    tree: Tree
    git: GitRepo | None = None
    diff: Diff | None = None
    online: bool = False
    evidence: Path | None = None  # --evidence: records from another job's artifact
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    notes: list[str] = field(default_factory=list)  # one-line remarks for the report
    inline_waivers: list[Waiver] = field(default_factory=list)  # found in analysed files
    cache: dict[str, Any] = field(default_factory=dict)  # shared between checks of one run
    analysed: dict[str, int] = field(default_factory=dict)  # counts for the report
    results: ResultCache | None = None  # analyses kept across runs (None: --no-cache)
    base_config: Config | None = None  # deploy-readiness.yml at the base commit, if read
    endpoints: Endpoints | None = None  # where --online may send tokens (None: nowhere new)

    def trusted_endpoints(self) -> Endpoints:
        """Where tokens may go; without a prepared run only ROLLBACK_GATE_ONLINE_HOSTS."""
        if self.endpoints is None:
            import os

            from rollback_gate.online.trust import Endpoints

            self.endpoints = Endpoints.build(self.base_config, os.environ)
        return self.endpoints

    def config_line(self, key_path: str) -> int | None:
        """Line of deploy-readiness.yml that declared ``key_path``."""
        return self.config.line_of(key_path)

    def at_config(
        self,
        rule: str,
        message: str,
        key_path: str,
        *,
        fix: str = "",
        impact: str = "",
        key: str = "",
    ) -> Finding:
        """A finding that points at the config line declaring ``key_path``."""
        return Finding(
            rule,
            message,
            path=self.config.path,
            line=self.config_line(key_path),
            fix=fix,
            impact=impact,
            key=key or f"{rule}:{key_path}",
        )


CheckFn = Callable[[Context], Iterator[Finding]]


def load(item: str) -> tuple[CheckFn, Callable[[Context], bool]]:
    """The ``check`` and ``applies`` functions of checklist item ``item``."""
    module = importlib.import_module(CHECKS[item])
    return module.check, module.applies
