"""RG222 (and an RG224 ``IS NOT NULL`` CHECK) on a Rails column an earlier release already gave a
default.

``change_column_null :link_sets, :links, false`` rejects the previous release's INSERTs
only where they write NULL. ActiveRecord builds a new record from the column defaults it
read from the database at boot: where an earlier release gave the column a default
(``change_column_default :link_sets, :links, {}``, or ``default:`` where it was made), the
previous release booted knowing it, and every record it creates holds that default unless
its own code sets NULL (publishing-api, round AE: ``links`` and ``auth_bypass_ids``,
defaults set by migrations of earlier pull requests). A default the same step sets is
another case: the previous release never read it, so its records hold NULL (the
analysers judge that one).

So, asked once per run and only for RG222 ``NOT NULL`` on existing columns in Rails
migrations: the earlier files of the folder that name the table (one ``git grep -l``;
every file without git), those of other releases only, are read as text in migration
order, following the column's default: ``default:`` in ``create_table``, ``add_column``,
``change_table`` and ``change_column``, ``change_column_default`` (``to:``), ``t.change_default``,
renames and drops (:func:`.nullable.defaults`). An occurrence whose column had a default
other than ``nil`` before its file is no break. So is an RG224 ``add_check_constraint :t,
"c IS NOT NULL"`` (strong_migrations' first step towards that NOT NULL) on such a column:
the CHECK rejects what the NOT NULL would (demarches-simplifiees, round CL: two).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rollback_gate.checks import Context
from rollback_gate.checks.history.nullable import DEFAULT, apply, defaults
from rollback_gate.checks.history.order import home, in_order
from rollback_gate.checks.history.prechecked import _RAILS_ADD, required_target, set_required_in
from rollback_gate.checks.history.unwritten import commit_releases, of_changed_scope
from rollback_gate.migrations.base import Unreadable
from rollback_gate.migrations.grouping import occurrences, one_per_rule
from rollback_gate.models import Finding


def judge(
    ctx: Context, findings: list[Finding], folders: Iterable[str], files: Sequence[str]
) -> list[Finding]:
    """``findings`` less the Rails RG222 occurrences whose column an earlier release's
    migration gave a default (``files``: the in-scope migration files)."""
    checked = _null_checks(ctx, findings)
    asked = set_required_in(findings, ".rb") + [
        f for f in findings
        if f.rule == "RG224" and all((o.path or "", o.line or 0) in checked for o in occurrences(f))
    ]  # fmt: skip
    if not asked:
        return findings
    roots = list(folders)
    wanted = {f.path or "" for f in asked}

    def target(o: Finding) -> tuple[str, str] | None:
        return checked.get((o.path or "", o.line or 0)) or required_target(o.key)

    tables = sorted({t[0] for f in asked for o in occurrences(f) if (t := target(o))})
    holding = ctx.git.files_with(tables, roots) if ctx.git is not None else None
    homes = {home(p, roots) for p in wanted}
    history = {
        p for p in (holding if holding is not None else files)
        if p.endswith(".rb") and home(p, roots) in homes
    }  # fmt: skip
    releases = _releases(ctx, roots)
    mates = {p: releases.get(p) for p in history | wanted}
    # each file read and its defaults found once, in migration order, for every walk
    changes = [(p, defaults(text)) for p, text in in_order(ctx.tree, history | wanted)]
    judged: dict[int, list[Finding]] = {}
    for f in asked:
        had = _without_mates(roots, f.path or "", mates, changes)
        kept = [o for o in occurrences(f) if had.get(target(o) or ("", "")) != DEFAULT]
        if len(kept) <= len(f.related):
            judged[id(f)] = one_per_rule(kept)
    return [g for f in findings for g in judged.get(id(f), [f])]


def _null_checks(
    ctx: Context, findings: Iterable[Finding]
) -> dict[tuple[str, int], tuple[str, str]]:
    """``(path, line) → (table, column)`` of each Rails RG224 CHECK occurrence that is
    ``add_check_constraint :t, "c IS NOT NULL"`` (strong_migrations' first step towards a
    NOT NULL), for the findings all of whose occurrences are such (demarches-simplifiees'
    ``assign_tos.instant_expert_avis_email_notifications_enabled``, a default since an
    earlier release: round CL, two). Only such a finding's file is read."""
    out: dict[tuple[str, int], tuple[str, str]] = {}
    for f in findings:
        if f.rule != "RG224" or not (f.path or "").endswith(".rb") or ":check" not in f.key.lower():
            continue
        try:
            lines = ctx.tree.read_text(f.path or "", lenient=True).split("\n")
        except Unreadable:
            continue
        found = {}
        for o in occurrences(f):
            at = (o.line or 0) - 1
            m = _RAILS_ADD.search(lines[at]) if 0 <= at < len(lines) else None
            if m is None:
                break
            found[(o.path or "", o.line or 0)] = (m.group(1).lower(), m.group(2).lower())
        else:
            out.update(found)
    return out


def _releases(ctx: Context, roots: list[str]) -> dict[str, str]:
    """path → its release, for the files that share one with another: those the change
    adds under ``scope: changed`` (one release), and those one commit added together."""
    out = dict(commit_releases(ctx, roots))
    if ctx.diff is not None:
        added = of_changed_scope(ctx, ctx.diff.added)
        out.update(dict.fromkeys(added, "change"))
    return out


def _without_mates(
    roots: list[str],
    path: str,
    mates: dict[str, str | None],
    changes: list[tuple[str, list[tuple[int, tuple[str, str], str]]]],
) -> dict[tuple[str, str], str]:
    """The columns' defaults as the files before ``path`` of other releases left them
    (``changes``: each file's :func:`.nullable.defaults`, in migration order)."""
    own = mates.get(path)
    states: dict[tuple[str, str], str] = {}
    folder = home(path, roots)
    for p, found in changes:
        if p == path:
            break
        if home(p, roots) != folder or (own is not None and mates.get(p) == own):
            continue
        apply(states, found)
    return states
