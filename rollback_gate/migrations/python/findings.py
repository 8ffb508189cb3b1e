"""Finding texts shared by the Python migration analysers (Alembic and Django).

One function per rule, so that both frameworks word the same problem the same way: what
is wrong (naming the table or column), what a rollback then does, and the exact fix.
"""

from __future__ import annotations

from rollback_gate.models import Finding, Severity

_DESTROYS = {
    "drop_table": "drops table {t}",
    "drop_column": "drops column {t}",
    "delete": "deletes rows from {t}",
    "truncate": "truncates table {t}",
    "narrow_type": "narrows the type of column {t}",
    "drop_schema": "drops schema {t} with every table in it",
    "drop_partition": "drops partition {t} with its rows",
    "drop_cascade": "drops {t} with CASCADE, which drops the columns that use it",
}

_IMPACT = {
    "drop_table": "rolling back cannot bring the data back: the old release finds table "
    "{t} missing, or re-created empty by the down step",
    "drop_column": "rolling back cannot bring the data back: the old release finds column "
    "{t} missing, or re-created empty by the down step",
    "delete": "the deleted rows are gone for good: a rollback does not restore them",
    "truncate": "every row of {t} is gone for good: a rollback does not restore them",
    "narrow_type": "values that do not fit the new type are cut or rejected: a rollback "
    "cannot restore them",
}


def destroys(
    path: str, line: int | None, kind: str, target: str, step: str, detail: str = ""
) -> Finding:
    """RG203: the up step (``step``, e.g. ``upgrade()``) destroys data in ``target``."""
    what = _DESTROYS.get(kind, "destroys data in {t}").format(t=target or "an unnamed object")
    message = f"{step} {what}" + (f" ({detail})" if detail else "")
    impact = _IMPACT.get(kind, _IMPACT["drop_table"]).format(t=target or "the object")
    if kind in ("drop_table", "drop_column", "drop_schema", "drop_partition", "drop_cascade"):
        fix = (
            f"split into expand/contract: stop reading {target or 'it'} in this release, "
            "drop it in a later one; or waive with a reason"
        )
    elif kind == "narrow_type":
        fix = (
            f"keep {target} at least as wide as before, or check that every stored value "
            "fits the new type and waive with a reason"
        )
    else:
        fix = (
            "copy the rows to an archive table first, or delete them in a later release "
            "once nothing needs them; or waive with a reason"
        )
    return Finding(
        rule="RG203",
        message=message,
        path=path,
        line=line,
        impact=impact,
        fix=fix,
        key=f"RG203:{kind}:{target}",
    )


def no_reversal(
    path: str, line: int | None, down: str, up_does: str, tool: str, *, data_only: bool = False
) -> Finding:
    """RG200: there is no down step at all (``down`` names the missing function).

    A data-only up step (rows, no schema) makes it P2, as in every framework
    (docs/severity-by-situation.md).
    """
    return Finding(
        rule="RG200",
        message=f"no {down} function while {up_does}"
        + (" (a data change, no schema change)" if data_only else ""),
        path=path,
        line=line,
        impact=f"`{tool}` stops with an error at this migration: a rollback cannot get "
        "past it and the schema stays at the new version",
        fix=f"add a {down} function that undoes the up step, or waive with a reason",
        severity=Severity.P2 if data_only else None,
        key=f"RG200:{down}",
    )


def noop_reversal(
    path: str,
    line: int | None,
    down: str,
    noop_what: str,
    up: str,
    up_does: str,
    undo: str,
    *,
    data_only: bool = False,
) -> Finding:
    """RG201: the down step exists but does nothing while the up step changes something.

    When the up step only changes rows (``UPDATE``/``INSERT``, ORM code) and no schema, a
    no-op down step is often deliberate (a backfill need not be undone): the finding is
    then P2, a warning below the default ``fail_on``, instead of the rule's P0.
    """
    if data_only:
        return Finding(
            rule="RG201",
            message=f"{down} {noop_what} while {up} {up_does} (a data change, no schema change)",
            path=path,
            line=line,
            impact="a rollback reports success but the rows changed by the up step stay "
            "changed; running the up step again after the rollback applies it twice",
            fix=f"write the inverse data change in {down}, or, if keeping the data is "
            "intended, waive with that reason",
            severity=Severity.P2,
            key=f"RG201:data:{down}",
        )
    return Finding(
        rule="RG201",
        message=f"{down} {noop_what} while {up} {up_does}",
        path=path,
        line=line,
        impact="a rollback reports success but leaves the schema at the new version: the "
        "old release then runs against a database it does not know",
        fix=(f"write {undo} in {down}" if undo else f"write a {down} that undoes {up}")
        + ", or waive with a reason",
        key=f"RG201:{down}",
    )


def refuses(path: str, line: int | None, down: str, raised: str, tool: str) -> Finding:
    """RG202: the down step refuses to run (an unconditional raise)."""
    return Finding(
        rule="RG202",
        message=f"{down} refuses to run: it raises {raised}",
        path=path,
        line=line,
        impact=f"`{tool}` fails at this migration: a rollback cannot get past it",
        fix=f"make {down} undo the up step, or, if that is impossible, waive with a reason "
        "and plan roll-forward instead",
        key=f"RG202:{down}",
    )
