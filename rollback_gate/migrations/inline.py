"""Inline waivers written in migration files.

    # rollback-gate: ignore[RG203] reason="archived in OPS-123" owner=@payments until=2027-01-31
    -- rollback-gate: ignore[RG201,RG203] reason="…" owner=@x until=2027-01-31
    // rollback-gate: ignore[migration-destroys-data] reason="…" owner=@x until=2027-01-31

A waiver applies to findings of the named rules in the same file. Like config waivers it
needs a reason, an owner and an expiry date; an incomplete one waives nothing (the finding
stands) and is reported as a note, so nobody believes a finding is waived when it is not.

Acknowledgements written for other migration linters (``-- atlas:nolint DS103``,
``-- squawk-ignore ban-drop-column``, ``-- eugene: ignore E3``, strong_migrations'
``safety_assured``, django-migration-linter's ``IgnoreMigration``) tell that the author
knew of a risk. They waive nothing here; each is reported as a note so the reader sees
both the acknowledgement and the findings that still stand.
"""

from __future__ import annotations

import datetime as dt
import re

from rollback_gate import lazyre
from rollback_gate.models import Waiver
from rollback_gate.rules import lookup

_MARK = lazyre.compile(r"rollback-gate:[ \t]*ignore\[([^\]\n]{0,200})\](.*)$", re.M)
# (?<!\w): an attribute name starts a word, so a long run of letters is tried once, not
# from each of its letters (quadratic).
_ATTR = lazyre.compile(r"""(?<!\w)(\w+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")


_FOREIGN = lazyre.compile(
    r"(?P<mark>atlas:nolint(?:[ \t]+[\w, \t-]+)?|squawk-ignore(?:-file)?(?:[ \t]+[\w, \t-]+)?"
    r"|eugene:[ \t]*ignore(?:[ \t]+[\w, \t-]+)?|\bsafety_assured\b|\bIgnoreMigration\b)"
)
_TOOLS = (
    ("atlas", "Atlas"),
    ("squawk", "squawk"),
    ("eugene", "eugene"),
    ("safety_assured", "strong_migrations"),
    ("IgnoreMigration", "django-migration-linter"),
)
_FOREIGN_HINTS = ("atlas:", "squawk-", "eugene:", "safety_assured", "IgnoreMigration")
_MAX_FOREIGN = 3  # notes per file: the first few say enough


def foreign_acknowledgements(path: str, text: str) -> list[str]:
    """Notes for other linters' suppression markers in ``text`` (never waivers)."""
    if not any(h in text for h in _FOREIGN_HINTS):
        return []
    out: list[str] = []
    for match in _FOREIGN.finditer(text):
        mark = " ".join(match.group("mark").split())
        tool = next(name for key, name in _TOOLS if mark.startswith(key))
        line = text.count("\n", 0, match.start()) + 1
        out.append(
            f"{path}:{line}: `{mark}` acknowledges a risk for {tool}; it waives no "
            "rollback-gate finding (waive with `rollback-gate: ignore[RULE]` and a reason)"
        )
        if len(out) >= _MAX_FOREIGN:
            break
    return out


def inline_waivers(path: str, text: str) -> list[Waiver | str]:
    """Waivers declared in ``text`` (the file at ``path``); strings describe broken ones.

    Other linters' markers come back as strings (notes) too: see
    :func:`foreign_acknowledgements`.
    """
    foreign: list[Waiver | str] = list(foreign_acknowledgements(path, text))
    if "rollback-gate:" not in text:
        return foreign
    out: list[Waiver | str] = foreign
    for match in _MARK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        attrs = {
            m.group(1): next(g for g in m.groups()[1:] if g is not None)
            for m in _ATTR.finditer(match.group(2))
        }
        missing = [k for k in ("reason", "owner", "until") if not attrs.get(k)]
        rules = [lookup(r) for r in match.group(1).split(",") if r.strip()]
        where = f"{path}:{line}"
        if missing:
            out.append(f"{where}: inline waiver ignored: missing {', '.join(missing)}")
            continue
        if not rules or any(r is None for r in rules):
            out.append(f"{where}: inline waiver ignored: unknown rule in [{match.group(1)}]")
            continue
        try:
            dt.date.fromisoformat(attrs["until"])
        except ValueError:
            out.append(f"{where}: inline waiver ignored: until={attrs['until']} is not a date")
            continue
        for rule in rules:
            assert rule is not None
            out.append(
                Waiver(
                    rule=rule.id,
                    reason=attrs["reason"],
                    owner=attrs["owner"],
                    expires=attrs["until"],
                    path=path,
                    source=path,
                    line=line,
                )
            )
    return out
