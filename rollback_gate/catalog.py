"""Text of the rule catalog for ``rollback-gate rules`` and ``rollback-gate explain``."""

from __future__ import annotations

import json
import textwrap

from rollback_gate.errors import UsageError
from rollback_gate.rules import RULES, Rule, lookup, suggest


def rules_table() -> str:
    """One line per rule: id, name, item, default severity, what fires it."""
    lines = [f"{'id':<6} {'name':<30} {'item':<11} sev  fires when"]
    for r in RULES.values():
        lines.append(f"{r.id:<6} {r.name:<30} {r.item:<11} {r.severity.value}   {r.summary}")
    return "\n".join(lines) + "\n"


def rules_json() -> str:
    """The catalog as JSON: a list of rules with every field of ``rules.Rule``."""
    rows = [
        {
            "id": r.id,
            "name": r.name,
            "item": r.item,
            "severity": r.severity.value,
            "summary": r.summary,
            "why": r.why,
            "fix": r.fix,
            "before": r.before,
            "after": r.after,
        }
        for r in RULES.values()
    ]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def explain_rule(ref: str) -> str:
    """The full explanation of one rule (id or name); UsageError for an unknown one."""
    rule = lookup(ref)
    if rule is None:
        hint = suggest(ref)
        extra = f" (did you mean {hint}?)" if hint else ""
        raise UsageError(f"unknown rule {ref!r}{extra}; see `rollback-gate rules`")
    return render(rule)


def render(rule: Rule) -> str:
    def para(title: str, text: str) -> str:
        return (
            f"{title}\n"
            + textwrap.fill(text, 88, initial_indent="  ", subsequent_indent="  ")
            + "\n"
        )

    out = [
        f"{rule.id} {rule.name}  ({rule.item}, default {rule.severity.value})\n",
        para("Fires when", rule.summary),
        para("Why it matters", rule.why),
        para("How to fix", rule.fix),
    ]
    if rule.before:
        out.append("Before\n" + textwrap.indent(rule.before, "  ") + "\n")
    if rule.after:
        out.append("After\n" + textwrap.indent(rule.after, "  ") + "\n")
    out.append(
        f"Waive it (with a reason) in deploy-readiness.yml:\n"
        f'  waivers:\n    - rule: {rule.id}\n      reason: "..."\n'
        f'      owner: "@team"\n      expires: YYYY-MM-DD\n'
    )
    return "\n".join(out)
