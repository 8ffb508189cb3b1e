"""``verify migrations`` as a library call: options in, a Report and a drill record out.

:func:`run_verify` opens the repository like ``check`` does (same config, same base), picks
the migrations that changed since the base (the ones ``check`` would want a round-trip
record for, RG210), refuses unsafe databases, runs the round trip per migrations entry,
turns the outcomes into RG211/RG212 findings judged by the gate, and appends a
``rollback-gate.drill/v1`` record with ``kind: migrations`` bound to
:func:`migrations_digest`, the same digest ``check`` computes. It never prints: progress
goes to ``on_progress``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rollback_gate.checks import Context
from rollback_gate.config.model import Evidence
from rollback_gate.errors import UsageError
from rollback_gate.migrations import load
from rollback_gate.migrations.base import Migration, Unreadable
from rollback_gate.models import Report
from rollback_gate.verify import findings as verdicts
from rollback_gate.verify import url as urls
from rollback_gate.verify.db import Database
from rollback_gate.verify.options import VerifyOptions as VerifyOptions
from rollback_gate.verify.roundtrip import (
    UNSUPPORTED,
    UP_FAILED,
    Outcome,
    Progress,
    ProgressFn,
    RoundTrip,
)
from rollback_gate.verify.runner import Runner, SqlRunner


@dataclass(frozen=True)
class VerifyResult:
    report: Report
    record: dict[str, Any] | None  # None when nothing was verified
    evidence_file: Path | None
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Plan:
    """One migrations entry: its framework and every migration, True where verified."""

    path: str
    framework: str
    steps: tuple[tuple[Migration, bool], ...]

    @property
    def verified(self) -> list[Migration]:
        return [m for m, v in self.steps if v]


def migrations_digest(ctx: Context) -> tuple[list[str], str]:
    """The changed migration files and the SHA-256 a ``kind: migrations`` record binds.

    Exactly what ``check`` (RG210) compares: ``evidence.digest_files`` over the files of
    in-scope migrations that changed since the base (``changed_migration_files``).
    """
    from rollback_gate import evidence
    from rollback_gate.checks.migrations import changed_migration_files

    files = changed_migration_files(ctx)
    return files, evidence.digest_files((f, ctx.tree.read_bytes(f)) for f in files)


def plans(ctx: Context) -> tuple[list[Plan], list[str]]:
    """The migrations of each entry, marked for verification, and notes on the others."""
    from rollback_gate.checks.migrations import Selected, selected

    out: list[Plan] = []
    notes: list[str] = []
    entries = ctx.config.migrations or ()
    for entry, chosen in zip(entries, selected(ctx), strict=True):
        if not isinstance(chosen, Selected):
            notes.append(f"{entry.path}: {chosen.message}; nothing verified there")
            continue
        everything = load(chosen.framework).discover(ctx.tree.under(entry.path), ctx.tree)
        changed = ctx.diff.changed if ctx.diff is not None else None
        verify = {
            m.path for m in chosen.in_scope if changed is None or any(f in changed for f in m.files)
        }
        steps = tuple((m, m.path in verify) for m in everything)
        if verify:
            out.append(Plan(entry.path, chosen.framework, steps))
    return out, notes


def open_database(url: urls.DatabaseUrl, *, reuse: bool) -> Database:
    """Connect, and refuse a database that already holds tables unless ``reuse``."""
    db: Database
    if url.dialect == "sqlite":
        from rollback_gate.verify.sqlite import SqliteDatabase

        db = SqliteDatabase(url)
    else:
        from rollback_gate.verify.postgres import PostgresDatabase

        db = PostgresDatabase(url)
    tables = db.user_tables()
    if tables and not reuse:
        db.close()
        shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
        raise UsageError(
            f"refusing to run migrations on {url.display}: it already has tables ({shown}). "
            "verify runs down steps; give it an empty throwaway database, or pass --reuse "
            "if this one is disposable"
        )
    return db


def _restored(db: Database, url: urls.DatabaseUrl, pristine: bool) -> Database | None:
    """An empty database in place of ``db`` (closed), or None when that is not allowed.

    A temporary SQLite file is simply replaced. A given database is emptied only if it was
    empty when verify started (never with --reuse on a database that had tables).
    """
    if url.dialect == "sqlite" and not url.path:
        db.close()
        return open_database(url, reuse=False)
    if not pristine:
        return None
    if url.dialect == "sqlite":
        db.close()
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(url.path + suffix).unlink(missing_ok=True)
        return open_database(url, reuse=False)
    db.reset()
    return db


def _runner(plan: Plan, db: Database, ctx: Context) -> tuple[Runner, tuple[str, ...]]:
    mode = load(plan.framework).verify
    if mode == "sql":
        return SqlRunner(plan.framework, db, ctx.tree), ()
    if mode == "alembic":
        import importlib.util

        from rollback_gate.verify.tools import AlembicRunner

        psycopg3 = importlib.util.find_spec("psycopg") is not None
        sa_url = db.url.sqlalchemy(db.sqlite_file, psycopg3=psycopg3)
        every = [m for m, _ in plan.steps]
        return AlembicRunner(db, ctx.root, plan.path, sa_url, every), AlembicRunner.bookkeeping
    if mode != "django":  # run_verify reports frameworks without a mode before asking
        raise ValueError(f"{plan.framework} migrations cannot be run by verify")
    from rollback_gate.verify.django_runner import DjangoRunner

    runner = DjangoRunner(db, ctx.root, plan.path, [m for m, _ in plan.steps])
    return runner, DjangoRunner.bookkeeping


def run_verify(options: VerifyOptions, on_progress: ProgressFn = lambda p: None) -> VerifyResult:
    """Round-trip the changed migrations; return the judged Report and the drill record."""
    from rollback_gate.gate import CheckOptions, prepare

    url = urls.parse(options.database)
    urls.check_local(url, allow_remote=options.allow_remote)
    ctx = prepare(
        CheckOptions(
            repo=options.repo,
            config=options.config,
            base=options.base,
            env=options.env,
            now=options.now,
        )
    )
    todo, notes = plans(ctx)
    ctx.notes.extend(notes)
    started, t0 = ctx.now, time.monotonic()
    outcomes: list[Outcome] = []
    fresh_each = url.dialect == "sqlite" and not url.path
    db: Database | None = None
    pristine = True  # the given database was empty, so it may be emptied again
    try:
        for plan in todo:
            if load(plan.framework).verify is None:
                for m in plan.verified:
                    reason = f"{plan.framework} migrations are not supported by verify yet"
                    outcome = Outcome(m, UNSUPPORTED, reason=reason)
                    outcomes.append(outcome)
                    line = f"– {m.path}  {reason}; its reversal was not run"
                    on_progress(Progress(line, outcome))
                continue
            if db is None or fresh_each:
                if db is not None:
                    db.close()
                db = open_database(url, reuse=options.reuse)
                pristine = pristine and not db.user_tables()
                on_progress(
                    Progress(
                        f"{plan.path}: running {plan.framework} migrations up, down and up "
                        f"again on a throwaway database ({db.description})"
                    )
                )
            steps = plan.steps
            while True:
                runner, bookkeeping = _runner(plan, db, ctx)
                try:
                    trip = RoundTrip(db, runner, bookkeeping, on_progress)
                    outcomes.extend(trip.run(steps))
                finally:
                    runner.close()
                fresh = _restored(db, url, pristine) if trip.broken and trip.outcomes else None
                if fresh is None:
                    reached = len(trip.outcomes)
                    outcomes.extend(trip.not_run(steps)[reached:])
                    break
                # Every migration in one run (contract 1.1): back to the state before the
                # failed migration, rebuilt on an empty database, and on with the next. The
                # judged migrations are replayed as the base state, except one that never
                # applied (its up failed, or verify cannot run it): it is left out.
                db = fresh
                failed = trip.outcomes[-1]
                never_applied = failed.status in (UP_FAILED, UNSUPPORTED)
                done = {o.migration.path for o in trip.outcomes}
                steps = tuple(
                    (m, v and m.path not in done)
                    for m, v in steps
                    if not (never_applied and m.path == failed.migration.path)
                )
                if not any(v for _, v in steps):
                    break
                on_progress(Progress(f"{plan.path}: database rebuilt; going on after the failure"))
    finally:
        if db is not None:
            db.close()
    engine = "SQLite" if url.dialect == "sqlite" else "PostgreSQL"
    found = [f for o in outcomes for f in verdicts.findings(o, engine)]
    if not todo:
        ctx.notes.append("no migration changed since the base: nothing to round-trip")
    ctx.notes.extend(verdicts.notes(outcomes))
    record, target = None, None
    if outcomes:
        try:
            record = _record(ctx, todo, outcomes, url, started, time.monotonic() - t0, bool(found))
        except Unreadable as exc:  # no digest, no record: check keeps reporting RG210
            ctx.notes.append(f"no drill record written: {exc}")
    if record is not None and options.record:
        from rollback_gate import evidence

        rb = ctx.config.rollback
        relative = rb.evidence.file if rb else Evidence.file
        target = ctx.root / relative
        evidence.append(target, record)
        ctx.notes.append(f"round-trip record ({record['result']}) appended to {relative}")
    report = verdicts.judge(ctx, found, options)
    return VerifyResult(report, record, target, tuple(outcomes))


def _record(
    ctx: Context,
    todo: Sequence[Plan],
    outcomes: Sequence[Outcome],
    url: urls.DatabaseUrl,
    started: dt.datetime,
    duration: float,
    failed: bool,
) -> dict[str, Any]:
    from rollback_gate import evidence

    files, digest = migrations_digest(ctx)
    if not files:  # no base: bind the record to every verified file
        verified = {f for p in todo for m in p.verified for f in m.files}
        digest = evidence.digest_files((f, ctx.tree.read_bytes(f)) for f in sorted(verified))
    passed = not failed and all(o.passed for o in outcomes)
    return evidence.sign(
        {
            "format": evidence.FORMAT_ID,
            "kind": "migrations",
            "at": started.replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            "commit": ctx.git.head() if ctx.git else None,
            "subject": ", ".join(p.path for p in todo),
            "subject_sha256": digest,
            "command": f"rollback-gate verify migrations --database {url.display}",
            "exit_code": 0 if passed else 1,
            "duration_s": round(duration, 3),
            "result": "passed" if passed else "failed",
        }
    )
