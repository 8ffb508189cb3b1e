"""The round trip: up, down, up again, with a schema comparison around the down step.

For the migrations of one framework, in order: migrations that are not verified (they
existed at the base) are applied up to build the base state; each verified migration
then goes through

    S0 = snapshot · up · S1 = snapshot · seed rows · down · S2 = snapshot · up again

(the seeded rows are deleted again afterwards, so that generated data never breaks the up
step of a later migration), and S2 must equal S0 (:func:`~rollback_gate.verify.schema.diff`).
A failing down step is rolled back by its transaction and the run goes on from S1; a
failing up step (before or after the down step) leaves the database somewhere the next
migrations cannot be trusted from: the round trip stops (``broken``), and the caller
rebuilds the state before that migration on an emptied database and goes on, or reports
the rest as not run when the database may not be emptied.

The library never prints: one :class:`Progress` per migration goes to a callback.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from rollback_gate.errors import EnvironmentProblem
from rollback_gate.migrations import load
from rollback_gate.migrations.base import Migration
from rollback_gate.verify.db import Database, StepFailed
from rollback_gate.verify.runner import Runner, Unsupported
from rollback_gate.verify.schema import Difference, Schema, diff
from rollback_gate.verify.seed import ROWS, seed, unseed
from rollback_gate.wording import counted

RESTORED = "restored"
INCOMPLETE = "incomplete"  # RG211
DOWN_FAILED = "down failed"  # RG212
REUP_FAILED = "up after down failed"  # RG212
UP_FAILED = "up failed"  # RG212: the reversal could not even be tried
UNSUPPORTED = "unsupported"
NOT_RUN = "not run"


@dataclass(frozen=True)
class Outcome:
    """What happened to one verified migration."""

    migration: Migration
    status: str
    up_ms: float | None = None
    down_ms: float | None = None
    reup_ms: float | None = None
    differences: tuple[Difference, ...] = ()
    error: StepFailed | None = None
    seeded: int = 0
    reason: str = ""

    @property
    def passed(self) -> bool:
        return self.status == RESTORED


@dataclass(frozen=True)
class Progress:
    """One line of progress: ``line`` is ready to print; ``outcome`` is None for notices."""

    line: str
    outcome: Outcome | None = None


ProgressFn = Callable[[Progress], None]


def label(migration: Migration) -> str:
    """A short name for progress lines, as the migration's framework names it."""
    return load(migration.framework).label(migration)


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:.0f} ms"


def render(o: Outcome) -> str:
    """The progress line of an outcome."""
    mark = "✓" if o.passed else "–" if o.status in (UNSUPPORTED, NOT_RUN) else "✗"
    parts = [f"{mark} {label(o.migration)}"]
    if o.up_ms is not None:
        parts.append(f"up {_ms(o.up_ms)}")
    if o.down_ms is not None:
        parts.append(f"down {_ms(o.down_ms)}")
    if o.reup_ms is not None:
        parts.append(f"up {_ms(o.reup_ms)}")
    if o.status == RESTORED:
        parts.append("schema restored")
    elif o.status == INCOMPLETE or (o.status == REUP_FAILED and o.differences):
        more = len(o.differences) - 1
        parts.append(o.differences[0].message + (f" (+{more} more)" if more else ""))
    if o.error is not None:
        parts.append(f"{o.status}: {o.error.message}")
    elif o.status == UNSUPPORTED:
        parts.append(f"not supported by verify yet: {o.reason}")
    elif o.status == NOT_RUN:
        parts.append(f"{o.status}: {o.reason}")
    return "  ".join(parts)


def _without(schema: Schema, tables: Sequence[str]) -> Schema:
    """``schema`` minus the tools' bookkeeping tables (``alembic_version`` …)."""
    if not tables:
        return schema
    drop = set(tables)
    objects = {k: o for k, o in schema.objects.items() if o.table not in drop and k[1] not in drop}
    kept = {k: t for k, t in schema.tables.items() if k not in drop}
    return replace(schema, objects=objects, tables=kept)


@dataclass
class RoundTrip:
    """Runs the plan of one framework on one database."""

    db: Database
    runner: Runner
    bookkeeping: Sequence[str] = ()
    on_progress: ProgressFn = lambda p: None
    rows: int = ROWS
    outcomes: list[Outcome] = field(default_factory=list)
    broken: str = ""
    _round: int = 0
    _intact: bool = True

    def snapshot(self) -> Schema:
        return _without(self.db.snapshot(), self.bookkeeping)

    def run(self, plan: Sequence[tuple[Migration, bool]]) -> list[Outcome]:
        """``plan``: every migration in order, True for the ones to verify.

        Stops early when the database is no longer where the next migration expects it
        (``broken`` says why); the caller may continue on a fresh database or report the
        rest as not run (:meth:`not_run`).
        """
        base: list[Migration] = []
        started = False
        for migration, verify in plan:
            if not verify:
                base.append(migration)
                continue
            if base or not started:
                try:
                    self._base(base, migration)
                except Unsupported as exc:
                    self.broken = f"the base state cannot be built: {exc}"
                    self._emit(Outcome(migration, UNSUPPORTED, reason=self.broken))
                    return self.outcomes
                base, started = [], True
            outcome = self._one(migration)
            self._emit(outcome)
            if outcome.status in (UP_FAILED, REUP_FAILED):
                self.broken = f"{label(migration)} could not be re-applied, so this was not run"
            elif outcome.status == DOWN_FAILED and not self._intact:
                self.broken = f"the failed down step of {label(migration)} left partial changes"
            if self.broken:
                return self.outcomes
        return self.outcomes

    def not_run(self, plan: Sequence[tuple[Migration, bool]]) -> list[Outcome]:
        """Report the verified migrations of ``plan`` that :meth:`run` did not reach."""
        done = {o.migration.path for o in self.outcomes}
        for migration, verify in plan:
            if verify and migration.path not in done:
                self._emit(Outcome(migration, NOT_RUN, reason=self.broken))
        return self.outcomes

    def _emit(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.on_progress(Progress(render(outcome), outcome))

    def _base(self, base: list[Migration], before: Migration) -> None:
        try:
            self.runner.apply(base)
        except StepFailed as exc:
            what = f"{counted(len(base), 'migration')} up to {label(base[-1])}" if base else "setup"
            raise EnvironmentProblem(
                f"the base state cannot be built before {label(before)}: applying {what} "
                f"failed on {self.db.dialect}: {exc.message}. verify needs the database "
                "engine the migrations are written for (--database postgresql://…)"
            ) from None

    def _timed(self, step: Callable[[Migration], None], migration: Migration) -> float:
        t0 = time.perf_counter()
        step(migration)
        return (time.perf_counter() - t0) * 1000

    def _one(self, m: Migration) -> Outcome:
        self._intact = True
        try:
            s0 = self.snapshot()
            try:
                up_ms = self._timed(self.runner.up, m)
            except StepFailed as exc:
                return Outcome(m, UP_FAILED, error=exc)
            s1 = self.snapshot()
            self._round += 1
            touched = {
                o.table or o.name
                for key, o in (*s0.objects.items(), *s1.objects.items())
                if s0.objects.get(key) is not s1.objects.get(key)  # unchanged: same object
                and s0.objects.get(key) != s1.objects.get(key)
            }
            seeded = seed(self.db, s1, rows=self.rows, round_no=self._round, touched=touched)
            try:
                return self._reverse(m, s0, s1, up_ms, seeded.rows)
            finally:
                unseed(self.db, seeded)
        except Unsupported as exc:
            if not exc.applied:
                self.broken = f"{label(m)} could not be applied, so this was not run"
            return Outcome(m, UNSUPPORTED, reason=str(exc))

    def _reverse(self, m: Migration, s0: Schema, s1: Schema, up_ms: float, seeded: int) -> Outcome:
        """Down, S2, up again: the part that runs with seeded rows in the tables."""
        try:
            down_ms = self._timed(self.runner.down, m)
        except StepFailed as exc:
            self._intact = not diff(s1, self.snapshot())
            return Outcome(m, DOWN_FAILED, up_ms, error=exc, seeded=seeded)
        differences = tuple(diff(s0, self.snapshot()))
        try:
            reup_ms = self._timed(self.runner.up, m)
        except StepFailed as exc:
            return Outcome(m, REUP_FAILED, up_ms, down_ms, None, differences, exc, seeded)
        status = INCOMPLETE if differences else RESTORED
        return Outcome(m, status, up_ms, down_ms, reup_ms, differences, None, seeded)
