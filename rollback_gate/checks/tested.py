"""Checklist item ``tested``: was the rollback actually exercised?

RG110 no drill record for the script's current content (records are bound to its SHA-256);
RG111 the newest passing drill is older than ``max_age_days``; RG112 the newest drill for
this content failed; RG210 changed migrations without a passing ``verify`` round trip for
their current content. With ``ROLLBACK_GATE_DRILL_KEY`` set, records with a bad signature
are ignored; ``policy.require_signed_drills`` also ignores unsigned ones.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rollback_gate import evidence
from rollback_gate.checks import Context
from rollback_gate.config.model import Evidence
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding
from rollback_gate.wording import counted


def applies(ctx: Context) -> bool:
    rb = ctx.config.rollback
    return bool(rb and rb.script) or bool(ctx.config.migrations)


def check(ctx: Context) -> Iterator[Finding]:
    records = _records(ctx)
    rb = ctx.config.rollback
    if rb and rb.script and ctx.tree.exists(rb.script):
        yield from _script(ctx, rb.script, rb.evidence.max_age_days, records)
    if ctx.config.migrations:
        yield from _roundtrip(ctx, records)


def _records(ctx: Context) -> list[dict[str, Any]]:
    rb = ctx.config.rollback
    path = ctx.evidence or ctx.root / (rb.evidence.file if rb else Evidence.file)
    if ctx.evidence is not None and not Path(path).exists():
        ctx.notes.append(f"--evidence {path}: file not found; no drill records read from it")
    loaded = evidence.read(Path(path))
    ctx.notes.extend(loaded.warnings)
    key = os.environ.get(evidence.KEY_ENV)
    required = ctx.config.policy.require_signed_drills
    if required and not key:
        raise EnvironmentProblem(
            f"policy.require_signed_drills is set but {evidence.KEY_ENV} is not in the "
            "environment, so drill signatures cannot be verified"
        )
    kept = []
    for record in loaded.records:
        checked = bool(key) and ("signature" in record or required)
        if checked and not evidence.signature_ok(record, key or ""):
            ctx.notes.append(
                f"drill record of {record.get('at')} has an invalid or missing signature; ignored"
            )
            continue
        kept.append(record)
    return kept


FUTURE_SLACK = dt.timedelta(minutes=10)  # clock skew between the drilling and checking machines


def _when(record: dict[str, Any]) -> dt.datetime:
    try:
        at = dt.datetime.fromisoformat(str(record["at"]).replace("Z", "+00:00"))
    except ValueError:
        return dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)


def _script(
    ctx: Context, script: str, max_age: int, records: list[dict[str, Any]]
) -> Iterator[Finding]:
    try:
        digest = evidence.sha256_bytes(ctx.tree.read_bytes(script))
    except Unreadable:
        return  # the plan check reports an unreadable script
    same = [r for r in records if r.get("kind") == "script" and r.get("subject_sha256") == digest]
    # Bound to the command too: a record of `true` (or of an old dry_run) proves nothing
    # about the rollback as it is configured now.
    dry_run = ctx.config.rollback.dry_run if ctx.config.rollback else None
    bound = [r for r in same if r.get("command") == dry_run]
    if not evidence.runs_script(dry_run, script):
        bound = []
    soon = ctx.now + FUTURE_SLACK
    mine = sorted((r for r in bound if _when(r) <= soon), key=_when)
    if len(mine) < len(bound):
        ctx.notes.append(
            f"{len(bound) - len(mine)} drill record(s) of {script} are dated in the future; "
            "ignored (not evidence)"
        )
    fix = "run `rollback-gate drill` and commit the evidence file (or pass --evidence FILE)"
    if not mine and same and not bound:
        yield ctx.at_config(
            "RG110",
            f"the drill records of {script} ran `{same[-1].get('command')}`, not the configured "
            f"rollback.dry_run `{dry_run}` (which must run {script}): they do not vouch for it",
            "rollback.dry_run",
            fix=fix,
        )
        return
    if not mine:
        yield ctx.at_config(
            "RG110",
            f"no drill record for the current content of {script} "
            f"(sha256 {digest[:12]}…): the rollback was never rehearsed as it is now",
            "rollback.script",
            fix=fix,
        )
        return
    latest = mine[-1]
    if latest.get("result") != "passed":
        yield ctx.at_config(
            "RG112",
            f"the latest drill of {script} ({latest.get('at')}) failed with exit code "
            f"{latest.get('exit_code')}",
            "rollback.script",
            fix="read the drill output, fix the script or environment, then drill again",
        )
        return
    age = (ctx.now - _when(latest)).days
    if age > max_age:
        yield ctx.at_config(
            "RG111",
            f"the latest passing drill of {script} is {age} days old (max_age_days: {max_age})",
            "rollback.evidence",
            fix=fix,
        )


def _roundtrip(ctx: Context, records: list[dict[str, Any]]) -> Iterator[Finding]:
    from rollback_gate.checks.migrations import changed_migration_files

    files = changed_migration_files(ctx)
    if not files:
        return
    try:
        digest = evidence.digest_files((f, ctx.tree.read_bytes(f)) for f in files)
    except Unreadable:
        return  # the migrations check reports unreadable files (RG205)
    if any(
        r.get("kind") == "migrations"
        and r.get("subject_sha256") == digest
        and r.get("result") == "passed"
        for r in records
    ):
        return
    yield ctx.at_config(
        "RG210",
        f"{counted(len(files), 'changed migration file')} "
        f"{'has' if len(files) == 1 else 'have'} no passing round-trip record "
        "for their current content",
        "migrations",
        fix="run `rollback-gate verify migrations` (up → down → up on a throwaway database)",
    )
