"""Checklist item ``flags``: is new behaviour behind a feature flag that can be turned off?

Offline, from the definitions file (flagd, Unleash export, GrowthBook payload): RG307 for
format violations (JSON path and line), then for each flag declared in the config RG300
(undefined), RG301 (no off switch), RG302 (on by default in the target environment), RG303
(rollout already 100%), RG306 (stale, or older than its lifetime). From the code: RG304 (key
never referenced as a string literal) and RG305 (files changed under a flag's ``guards`` do
not reference it). With ``--online`` the live provider (LaunchDarkly, Unleash, Flagsmith)
confirms RG300–RG303. RG308 when there is no ``feature_flags`` section at all.
"""

from __future__ import annotations

import functools
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

from rollback_gate.checks import Context
from rollback_gate.config.model import FeatureFlags, Flag
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding

if TYPE_CHECKING:  # (the definitions' readers are imported only where flags are declared)
    from rollback_gate.checks.flagstate import Where
    from rollback_gate.flagdefs import Definitions, FlagState

DAY = 86400.0
MAX_NAMED_FILES = 5


def applies(ctx: Context) -> bool:
    return ctx.config.feature_flags is not None


def check(ctx: Context) -> Iterator[Finding]:
    ff = ctx.config.feature_flags
    if ff is None:
        yield Finding(
            "RG308",
            "no feature_flags section: new behaviour cannot be switched off without a redeploy",
            path=ctx.config.path,
            line=None,
            key="RG308",
        )
        return
    from rollback_gate.checks.flagstate import judge

    defs = yield from _definitions(ctx, ff)
    # A file that could not be read at all (not JSON, wrong top level) already has its RG307;
    # calling every flag undefined on top of it would bury the real problem.
    if defs is not None and (defs.flags or not defs.problems):
        for flag in ff.flags:
            state = defs.flags.get(flag.key)
            if state is None:
                yield ctx.at_config(
                    "RG300",
                    f"flag {flag.key} is not defined in {defs.path}",
                    f"feature_flags.flags[{flag.index}].key",
                    fix=f"define {flag.key} in {defs.path}, or correct the key",
                    key=f"RG300:{flag.key}",
                )
                continue
            # The line is looked up only when a finding needs it: indexing a big file costs.
            where = (defs.path, functools.partial(defs.line_of, flag.key))
            yield from judge(ctx, flag, state, where, "")
            yield from _stale(ctx, ff, flag, state, where)
    if ctx.online:
        from rollback_gate.checks.flags_online import live

        yield from live(ctx, ff)
    elif defs is None and ff.provider not in ("flagd", "unleash", "growthbook"):
        ctx.notes.append(
            f"flags: {ff.provider} keeps flags in the service only; RG300–RG303 are checked "
            "with --online"
        )
    yield from _references(ctx, ff)


def _definitions(ctx: Context, ff: FeatureFlags) -> Generator[Finding, None, Definitions | None]:
    """Yield RG307 findings; return the parsed definitions (None when there are none)."""
    from rollback_gate.flagdefs import parser

    parse = parser(ff.provider)
    if parse is None or ff.definitions is None:
        if parse is not None:
            ctx.notes.append(
                f"flags: no feature_flags.definitions file for {ff.provider}; "
                "RG300–RG303 are not checked offline"
            )
        return None
    try:
        text = ctx.tree.read_text(ff.definitions)
    except Unreadable as exc:
        yield ctx.at_config(
            "RG307",
            f"flag definitions {ff.definitions} {exc.reason}",
            "feature_flags.definitions",
            fix="commit the definitions file at the declared path, or correct the path",
        )
        return None
    defs: Definitions = parse(text, ff.definitions, ff.environment)
    ctx.notes.extend(defs.notes)
    for p in defs.problems:
        yield Finding(
            "RG307",
            f"{p.json_path}: {p.message}",
            path=ff.definitions,
            line=p.line,
            key=f"RG307:{p.json_path}:{p.message}",
        )
    return defs


def _stale(
    ctx: Context, ff: FeatureFlags, flag: Flag, state: FlagState, where: Where
) -> Iterator[Finding]:
    path, line_of = where
    if state.stale:
        yield Finding(
            "RG306",
            f"flag {flag.key} is marked stale in {path}",
            path=path,
            line=line_of(),
            fix=f"remove {flag.key} and its dead branch, or unmark it if it is still needed",
            key=f"RG306:{flag.key}:stale",
        )
        return
    lifetime = flag.max_age_days or state.lifetime_days
    if lifetime is None:
        return
    created = state.created
    how = "created"
    if created is None and ctx.git is not None:
        created = ctx.git.first_commit_time(path, f'"{flag.key}"')
        how = "first committed"
    if created is None:
        ctx.notes.append(
            f"flags: the age of {flag.key} is unknown (no creation date, no git history); "
            "RG306 not checked for it"
        )
        return
    age = int((ctx.now.timestamp() - created) // DAY)
    if age > lifetime:
        source = "max_age_days" if flag.max_age_days else f"the {state.kind} lifetime"
        yield Finding(
            "RG306",
            f"flag {flag.key} was {how} {age} days ago, past its {lifetime}-day limit ({source})",
            path=path,
            line=line_of(),
            fix=f"remove {flag.key} and its dead branch, or raise max_age_days on purpose",
            key=f"RG306:{flag.key}:age",
        )


def _references(ctx: Context, ff: FeatureFlags) -> Iterator[Finding]:
    from rollback_gate.flagdefs.references import first_references, referencing
    from rollback_gate.tree import glob_regex

    if not ff.flags:
        return
    exclude = [ctx.config.path, *([ff.definitions] if ff.definitions else [])]
    found = first_references(ctx.tree, [f.key for f in ff.flags], exclude)
    for flag in ff.flags:
        if found.get(flag.key) is None:
            yield ctx.at_config(
                "RG304",
                f"flag {flag.key} is not referenced in any source file",
                f"feature_flags.flags[{flag.index}].key",
                fix=f"evaluate '{flag.key}' where the new behaviour starts, or remove the flag",
                key=f"RG304:{flag.key}",
            )
    guarded = [f for f in ff.flags if f.guards]
    if guarded and ctx.diff is None:
        ctx.notes.append(
            "flags: RG305 (change-unguarded) needs git and a base (--base) to see the change; "
            "not checked"
        )
        return
    if ctx.diff is None:
        return
    changed = sorted(ctx.diff.changed)
    for flag in guarded:
        regexes = [glob_regex(g) for g in flag.guards]
        under = [p for p in changed if any(r.match(p) for r in regexes) and p not in exclude]
        if not under or referencing(ctx.tree, under, flag.key):
            continue
        named = ", ".join(under[:MAX_NAMED_FILES])
        if len(under) > MAX_NAMED_FILES:
            named += f" and {len(under) - MAX_NAMED_FILES} more"
        yield ctx.at_config(
            "RG305",
            f"{len(under)} changed file{'s' if len(under) > 1 else ''} under the guards of "
            f"{flag.key} do not reference it: {named}",
            f"feature_flags.flags[{flag.index}].guards",
            fix=f"evaluate '{flag.key}' in the changed code, or narrow its guards",
            key=f"RG305:{flag.key}",
        )
