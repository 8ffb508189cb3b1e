"""One finding per migration and rule (contract 1.1), the other occurrences as ``related``.

An ``ALTER TABLE`` dropping six columns, or a migration that drops a column in each of its
dialect variants, is one decision for the reviewer: one finding at the first statement,
naming how many more there are, with every other place listed (SARIF ``relatedLocations``,
``also:`` lines in text). Findings of one rule at different severities stay apart (a
changeSet for test contexts only is P3 beside a P1 one), so grouping never hides a verdict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from rollback_gate import lazyre
from rollback_gate.models import Finding, Related, Severity

_MORE = " (and {more} more in this migration, listed below it)"
_MORE_SAID = lazyre.compile(r" \(and \d+ more in this migration, listed below it\)$")


def occurrences(f: Finding) -> list[Finding]:
    """A grouped finding back as one per occurrence (a check that clears some of them
    groups the rest again with :func:`one_per_rule`); each keeps the group's impact, fix
    and severity."""
    if not f.related:
        return [f]
    first = dataclasses.replace(f, message=_MORE_SAID.sub("", f.message), related=())
    rest = [
        dataclasses.replace(f, message=r.message, path=r.path, line=r.line, key=r.key or f.key,
                            fix=r.fix or f.fix, related=())
        for r in f.related
    ]  # fmt: skip
    return [first, *rest]


def one_per_rule(findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` of one migration, grouped by rule and severity, first occurrence first."""
    groups: dict[tuple[str, Severity | None], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.rule, f.severity), []).append(f)
    out: list[Finding] = []
    for group in groups.values():
        unique = list(dict.fromkeys(group))
        if len(unique) == 1:
            out.append(unique[0])
            continue
        first, *rest = sorted(unique, key=lambda f: (f.line is None, f.path or "", f.line or 0))
        more = len(rest)
        out.append(
            dataclasses.replace(
                first,
                message=first.message + _MORE.format(more=more),
                related=(
                    *first.related,
                    *(
                        r
                        for f in rest
                        for r in (Related(f.path, f.line, f.message, f.key, f.fix), *f.related)
                    ),
                ),
            )
        )
    return out


def settled(findings: Sequence[Finding], rule: str, mark: str) -> list[Finding]:
    """``findings`` less the occurrences of ``rule`` whose message still says ``mark``: a
    candidate no judge turned into a finding (the others of its finding grouped again)."""
    out: list[Finding] = []
    for f in findings:
        if f.rule == rule and any(mark in o.message for o in occurrences(f)):
            out += one_per_rule([o for o in occurrences(f) if mark not in o.message])
        else:
            out.append(f)
    return out
