"""The per-changeSet verdicts of the Liquibase analyser (rules documented in :mod:`.liquibase`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source, unanalysable
from rollback_gate.migrations.liquibase.ctx import Ctx, statements
from rollback_gate.migrations.liquibase.destroys import destroys
from rollback_gate.migrations.liquibase.fixes import (
    Hint,
    auto_inverse,
    empty,
    inverse,
    render,
)
from rollback_gate.migrations.liquibase.model import (
    AUTO_ROLLBACK,
    KNOWN_CHANGES,
    NO_AUTO_ROLLBACK,
    NOOP_CHANGES,
    Change,
    Changelog,
    ChangeSet,
    Rollback,
)
from rollback_gate.migrations.liquibase.refs import (
    custom_rollback,
    file_sql,
    ref_exists,
)
from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.kinds import data_only
from rollback_gate.models import Finding, Severity

_TEST_CONTEXTS = frozenset(
    {"test", "tests", "testing", "unit", "it", "integration", "e2e", "dev", "development"}
    | {"local", "faker", "fake", "demo", "mock", "sample", "samples"}
)
_COMMENTED_OUT = lazyre.compile(
    r"<\s*(?:\w+:)?(?:" + "|".join(sorted(KNOWN_CHANGES)) + r")\b"
    r"|\b(?:drop|create|alter)\s+(?:table|index|view|sequence|column)\b"
    r"|\bdelete\s+from\b|\binsert\s+into\b|\btruncate\s+table\b",
    re.I,
)
_NO_ROLLBACK_IMPACT = (
    "`liquibase rollback` stops at this changeSet with 'No inverse … created': the release "
    "cannot be rolled back past it"
)


def unparsed(log: Changelog) -> Finding:
    """RG205 for a changelog file that could not be parsed at all."""
    assert log.problem is not None
    reason = log.problem.reason
    return unanalysable(
        log.path,
        reason,
        line=log.problem.line,
        impact="none of its changeSets can be checked for a rollback; Liquibase would "
        "refuse the file as well",
        fix="fix the file so that it parses (Liquibase reports the same error), or waive "
        "RG205 with a reason",
        key=f"RG205:liquibase:{log.path}:{reason.split(':')[0]}",
    )


def check(
    log: Changelog,
    index: int,
    source: Source,
    duplicate: bool,
    types_before: Callable[[int], dict[str, str]],
) -> Iterator[Finding]:
    """Every finding for changeSet number ``index`` of ``log``.

    ``duplicate``: an earlier changeSet of the file has the same id and author.
    ``types_before(i)``: column types as the changeSets before ``i`` leave them.
    """
    cs = log.changesets[index]
    if cs.flag("ignore"):
        return
    ctx = Ctx(log, index, cs, source, types_before)
    findings: list[Finding] = []
    keys: set[str] = set()
    for finding in (*_unanalysable(ctx, duplicate), *destroys(ctx), *_reversal(ctx)):
        # One report per object: dbms-specific <sql> variants repeat the same DROP.
        if finding.key not in keys:
            keys.add(finding.key)
            findings.append(finding)
    context = (cs.attrs.get("context") or cs.attrs.get("contextFilter") or "").lower()
    words = set(re.split(r"[\s,()&|]+", context)) - {""}
    if words and words <= _TEST_CONTEXTS:
        # Test-only changeSets never run in production: still worth fixing, not blocking.
        note = f" (runs only in context '{context}')"
        findings = [replace(f, severity=Severity.P3, message=f.message + note) for f in findings]
    yield from findings


def _unanalysable(ctx: Ctx, duplicate: bool) -> Iterator[Finding]:
    cs = ctx.cs
    for problem in cs.problems:
        if problem.line != cs.line and cs.rollbacks:
            # An extension change under an explicit rollback: its own inverse is not needed.
            continue
        yield ctx.finding(
            "RG205",
            problem.line,
            problem.reason,
            impact="the gate cannot tell whether this changeSet can be rolled back",
            fix="use a core Liquibase change type or an explicit <rollback>, fix the "
            "changeSet, or waive RG205 with a reason",
            key=problem.reason[:80],
        )
    if duplicate:
        yield ctx.finding(
            "RG205",
            cs.line,
            "a changeSet with the same id and author comes earlier in the file; Liquibase "
            "refuses duplicate identifiers",
            impact="Liquibase fails validation before running anything",
            fix=f"give this changeSet a new id (e.g. {cs.id}-2)",
            key="duplicate",
        )


def _effective_change(ctx: Ctx, change: Change) -> bool:
    if change.kind in NOOP_CHANGES:
        return False
    if change.kind == "sql":
        return sql.is_effective(change.text)
    if change.kind == "sqlFile":
        text = file_sql(ctx.source, ctx.log.path, change)
        return text is None or sql.is_effective(text)
    return True


def _reversal(ctx: Ctx) -> Iterator[Finding]:
    cs = ctx.cs
    if cs.rollbacks:
        yield from _explicit(ctx)
        return
    fmt = ctx.log.format
    blockers: list[Change] = []
    for change in cs.changes:
        if change.kind == "customChange":
            verdict = custom_rollback(ctx.source, ctx.log.path, change.attr("class"))
            if verdict is None:
                yield ctx.finding(
                    "RG205",
                    change.line,
                    f"customChange class {change.attr('class') or '(none)'} is not in the "
                    "repository, so whether it implements CustomTaskRollback cannot be told",
                    fix="make the class available in this repository, or add "
                    f"{render(fmt, _hints(ctx))} to {cs.label}",
                    key="customChange",
                )
            elif not verdict:
                blockers.append(change)
        elif change.kind in NO_AUTO_ROLLBACK or fmt == "sql":
            blockers.append(change)
    if not blockers:
        return
    hints = _hints(ctx)
    if fmt == "sql":
        what = "a formatted-SQL changeset has no --rollback (Liquibase never generates one for SQL)"
    else:
        shown = (f"<{c.kind}>" if fmt == "xml" else c.kind for c in blockers[:3])
        names = ", ".join(n + _on(c) for n, c in zip(shown, blockers, strict=False))
        more = f" and {len(blockers) - 3} more" if len(blockers) > 3 else ""
        block = "<rollback>" if fmt == "xml" else "rollback"
        what = f"{names}{more} cannot be rolled back automatically and there is no {block}"
    if cs.flag("runAlways"):
        what += "; it is runAlways, so every rollback reaches it first"
    fix = f"add {render(fmt, hints)} to {cs.label}"
    custom = [c.attr("class") for c in blockers if c.kind == "customChange"]
    if custom and len(custom) == len(blockers):
        fix = f"implement liquibase.change.custom.CustomTaskRollback in {custom[0]}, or " + fix
    yield _data_p2(
        ctx,
        ctx.finding(
            "RG200",
            cs.line,
            what,
            impact=_NO_ROLLBACK_IMPACT,
            fix=f"{fix}. Declare {empty(fmt)} only if leaving this change in place on rollback "
            "is safe",
            key="no-rollback",
        ),
    )


# Change types that only change rows (docs/severity-by-situation.md).
_DATA_CHANGES = frozenset({"insert", "update", "delete", "loadData", "loadUpdateData"})


def _data_p2(ctx: Ctx, f: Finding) -> Finding:
    """``f`` at P2 when the changeSet only changes rows (``insert``/``update``/``delete``/
    ``loadData`` changes, or ``sql`` of DML only): the same severity as in every framework."""
    effective = [c for c in ctx.cs.changes if _effective_change(ctx, c)]
    for change in effective:
        if change.kind in ("sql", "sqlFile"):
            if not data_only(s.kind for s in statements(ctx, change)):
                return f
        elif change.kind not in _DATA_CHANGES:
            return f
    if not effective:
        return f
    return replace(f, severity=Severity.P2, message=f.message + " (a data change only)")


def _on(change: Change) -> str:
    table, col = change.attr("tableName"), change.attr("columnName")
    if table:
        return f" on {table}.{col}" if col else f" on {table}"
    if change.kind == "customChange":
        return f" ({change.attr('class')})"
    return ""


def _explicit(ctx: Ctx) -> Iterator[Finding]:
    cs, fmt = ctx.cs, ctx.log.format
    for rb in cs.rollbacks:
        if rb.ref is not None and not ref_exists(ctx.source, ctx.log, ctx.index, rb.ref):
            ref = rb.ref
            yield ctx.finding(
                "RG202",
                rb.line,
                f"the rollback reuses changeSet {ref.id} by {ref.author or '?'}"
                + (f" in {ref.path}" if ref.path else "")
                + ", which does not exist before it; Liquibase refuses the changelog",
                impact="neither update nor rollback can run with this changelog",
                fix="point changeSetId/changeSetAuthor (and changeSetPath) at an earlier "
                f"changeSet, or write the rollback changes out in {cs.label}",
                key=f"ref:{ref.author}:{ref.id}",
            )
        for change in rb.changes:
            if change.kind not in KNOWN_CHANGES and change.kind != "comment":
                yield ctx.finding(
                    "RG205",
                    change.line,
                    f"unknown change type '{change.kind}' in the rollback",
                    fix="use a core Liquibase change type in the rollback",
                    key=f"rollback-unknown:{change.kind}",
                )
        refusing = [c for c in rb.changes if c.kind == "stop"]
        texts = [rb.text] + [c.text for c in rb.changes if c.kind == "sql"]
        refusals = [s for t in texts for s in sql.refusals(sql.split_statements(t))]
        if refusing or refusals:
            yield ctx.finding(
                "RG202",
                rb.line,
                "the rollback refuses on purpose ("
                + ("<stop/>" if refusing else refusals[0].text.split("\n")[0][:60])
                + "): the changeSet is declared irreversible",
                impact="a rollback past this changeSet fails by design",
                fix="write a rollback that restores the previous state, or waive RG202 with "
                "the reason the change is one-way",
                key="refuses",
            )
    if _noop(ctx):
        rb = cs.rollbacks[0]
        yield _data_p2(
            ctx,
            ctx.finding(
                "RG201",
                rb.line,
                "the rollback holds only SQL or markup that does nothing (comments, SELECT 1, "
                "commented-out changes) while the changeSet changes the database",
                impact="a rollback reports success but leaves the schema at the new version",
                fix=f"write the real inverse, e.g. {render(fmt, _hints(ctx))}. Declare "
                f"{empty(fmt)} if nothing needs undoing",
                key="noop",
            ),
        )


def _hints(ctx: Ctx) -> list[Hint]:
    """A complete explicit rollback: the inverse of every change, newest first.

    Changes to a table the changeSet itself creates need no inverse of their own: dropping
    the table undoes them.
    """
    created = _created(ctx.cs)
    hints: list[Hint] = []
    for change in reversed(ctx.cs.changes):
        table = change.attr("tableName", "baseTableName").lower()
        if change.kind != "createTable" and table in created:
            continue
        if change.kind in AUTO_ROLLBACK:
            hints.extend(auto_inverse(change))
        else:
            hints.append(inverse(change, ctx.types, statements(ctx, change)))
    return hints or [inverse(ctx.cs.changes[0], {}, [])] if ctx.cs.changes else hints


def _created(cs: ChangeSet) -> set[str]:
    """Tables (lower-case) that the changeSet creates with a createTable change."""
    return {c.attr("tableName").lower() for c in cs.changes if c.kind == "createTable"}


def _noop(ctx: Ctx) -> bool:
    """True when every rollback block is an accidental no-op (see the module docstring)."""
    cs = ctx.cs
    if not any(_effective_change(ctx, c) for c in cs.changes):
        return False
    attempted = False
    for rb in cs.rollbacks:
        if rb.ref is not None or (rb.declared_empty and not rb.comments):
            return False
        if any(c.kind == "stop" for c in rb.changes):
            return False
        if sql.is_effective(rb.text) or any(_effective_change(ctx, c) for c in rb.changes):
            return False
        attempted = attempted or _attempted(rb)
    return attempted


def _attempted(rb: Rollback) -> bool:
    """The rollback was meant to do something: placeholder SQL or commented-out code.

    Prose in a comment (``<!-- nothing to undo -->``, ``-- reference data only``) is a
    declaration like ``<rollback/>``; a commented-out ``DROP TABLE`` or change element, or
    SQL that runs but does nothing (``SELECT 1``), is an accident.
    """
    texts = [rb.text] + [c.text for c in rb.changes if c.kind == "sql"]
    for text in texts:
        if sql.split_statements(text) or _COMMENTED_OUT.search(text):
            return True
    return any(_COMMENTED_OUT.search(comment) for comment in rb.comments)
