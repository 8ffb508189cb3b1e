"""Round-trip outcomes as findings (RG211, RG212) and the verdict of a ``verify`` run.

Each difference between the schema before up and after down is one RG211 finding that
names the object and gives the statement that undoes it; a failing step is one RG212
finding with the database's own message, pointing at the failing statement's line. The
gate's :func:`~rollback_gate.gate.judge` applies the policy, with only the waivers that
concern these two rules (others would all look unused).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rollback_gate import lazyre
from rollback_gate.models import Finding, Report
from rollback_gate.verify.roundtrip import (
    DOWN_FAILED,
    NOT_RUN,
    REUP_FAILED,
    UNSUPPORTED,
    UP_FAILED,
    Outcome,
    label,
)
from rollback_gate.verify.runner import down_file
from rollback_gate.wording import counted

if TYPE_CHECKING:
    from rollback_gate.checks import Context
    from rollback_gate.verify.options import VerifyOptions

RULES = ("RG211", "RG212")
_SQL = lazyre.compile(r"^(ALTER|DROP|CREATE)\b")
_DATA = lazyre.compile(r"constraint|null|unique|duplicate|foreign key|violat|contains", re.I)

_LEFT = (
    "a rollback reports success but leaves {what} behind: the previous release runs on a "
    "schema it was not written for, and re-deploying fails or silently skips the up step"
)
_LOST = (
    "after a rollback {what} is gone although the previous release relies on it "
    "(missing indexes make queries slow, missing constraints let bad data in)"
)
_CHANGED = "after a rollback {what} is not what the previous release was written for"


def findings(outcome: Outcome, engine: str) -> Iterator[Finding]:
    """The findings of one migration's round trip."""
    m = outcome.migration
    name = label(m)
    down = down_file(m)
    for d in outcome.differences:
        what = f"{d.kind} {d.name}"
        impact = {"extra": _LEFT, "missing": _LOST}.get(d.change, _CHANGED).format(what=what)
        fix = f"add `{d.fix};` to the down step" if _SQL.match(d.fix) else d.fix
        yield Finding(
            "RG211",
            f"{name}: {d.message}",
            path=down,
            line=None,
            impact=impact,
            fix=fix,
            key=f"RG211:{m.path}:{d.change}:{d.kind}:{d.name}",
        )
    error = outcome.error
    if error is None:
        return
    rows = ""
    if outcome.seeded and _DATA.search(error.message):
        rows = " with rows in the changed tables"
    if outcome.status == DOWN_FAILED:
        yield Finding(
            "RG212",
            f"{name}: the down step fails on {engine}{rows}: {error.message}",
            path=down,
            line=error.line or None,
            impact="a rollback stops half-way: the release cannot be rolled back without "
            "hand-editing the production database",
            fix="fix the failing statement (with rows present: give new NOT NULL columns a "
            "default, clean duplicates before re-creating a unique index), then verify again",
            key=f"RG212:{m.path}:down",
        )
    elif outcome.status == REUP_FAILED:
        yield Finding(
            "RG212",
            f"{name}: the up step fails after the down step on {engine}: {error.message}",
            path=m.path,
            line=error.line or None,
            impact="after one rollback the release can never be deployed again: the down "
            "step leaves the database in a state the up step cannot handle",
            fix="make the down step undo everything the up step does (see the RG211 findings "
            "for what it leaves behind)",
            key=f"RG212:{m.path}:reup",
        )
    elif outcome.status == UP_FAILED:
        yield Finding(
            "RG212",
            f"{name}: the up step fails on {engine} before its reversal could be tried: "
            f"{error.message}",
            path=m.path,
            line=error.line or None,
            impact="the migration does not apply, so its rollback is untested",
            fix="fix the up step (or run verify against the engine it is written for, "
            "--database postgresql://…)",
            key=f"RG212:{m.path}:up",
        )


def notes(outcomes: Sequence[Outcome]) -> list[str]:
    """Report notes: the totals, and every migration that was not verified and why."""
    counts: dict[str, int] = {}
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    out = []
    if outcomes:
        # Count what ran: a migration that was not run was not round-tripped.
        passed = counts.get("restored", 0)
        skipped = counts.get(UNSUPPORTED, 0) + counts.get(NOT_RUN, 0)
        line = (
            f"verify: {counted(len(outcomes) - skipped, 'migration')} round-tripped "
            f"up → down → up, {passed} restored the schema exactly"
        )
        out.append(line + (f"; {skipped} not run" if skipped else ""))
    for o in outcomes:
        if o.status in (UNSUPPORTED, NOT_RUN):
            out.append(f"{o.migration.path}: {o.status}: {o.reason}; not verified")
    return out


def judge(ctx: Context, found: list[Finding], options: VerifyOptions) -> Report:
    """Apply the policy once, through the gate, with only the waivers of RG211/RG212."""
    from rollback_gate.gate import at_repository_root
    from rollback_gate.gate import judge as gate_judge

    waivers = () if options.no_waivers else (*ctx.config.waivers, *ctx.inline_waivers)
    report = gate_judge(
        ctx.config,
        found,
        {"migrations"} if found or ctx.config.migrations else set(),
        waivers=[w for w in waivers if w.rule in RULES],
        today=ctx.now.date(),
        fail_on=options.fail_on,
        base=ctx.diff.base if ctx.diff else None,
        head=ctx.git.head() if ctx.git else None,
        notes=tuple(ctx.notes),
        command="verify",
    )
    return at_repository_root(report, ctx.git.prefix if ctx.git else "")
