"""The gate: run the checks, then apply policy once.

Checks only yield findings. Here, and only here, the policy is applied: disabled rules,
severity overrides, waivers (config and inline; expired → RG900, unused → RG901, expiring
soon → RG902), ``fail_on``, item status and sorting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rollback_gate import __version__
from rollback_gate.checks import CHECKS, Context, load
from rollback_gate.config import loader, policy
from rollback_gate.config.model import Config
from rollback_gate.errors import EnvironmentProblem, UsageError
from rollback_gate.models import (
    ITEMS,
    Finding,
    ItemStatus,
    Report,
    ReportedFinding,
    Severity,
    Waiver,
)
from rollback_gate.rules import RULES
from rollback_gate.tree import matches
from rollback_gate.wording import counted

if TYPE_CHECKING:
    from rollback_gate.repo import GitRepo

EXPIRING_DAYS = 14


@dataclass(frozen=True)
class CheckOptions:
    """The inputs of one ``check`` run (the CLI builds this from its options)."""

    repo: Path = Path(".")
    config: str | None = None
    base: str | None = None
    fail_on: Severity | None = None
    online: bool = False
    evidence: Path | None = None
    no_waivers: bool = False
    now: dt.datetime | None = None
    env: dict[str, str] = field(default_factory=dict)
    cache: bool = True  # the result cache (SPEC "Result cache"); --no-cache turns it off


def current_time() -> dt.datetime:
    """Now, in UTC; ``ROLLBACK_GATE_NOW`` (ISO 8601) pins it for reproducible runs.

    Drill age and waiver expiry depend on the date: pinning it makes a report
    reproducible (tests, re-running an old pipeline). Drill records keep the real time.
    """
    pinned = os.environ.get("ROLLBACK_GATE_NOW")
    if not pinned:
        return dt.datetime.now(dt.timezone.utc)
    try:
        when = dt.datetime.fromisoformat(pinned.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"ROLLBACK_GATE_NOW={pinned!r} is not an ISO 8601 date") from None
    return when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)


def prepare(options: CheckOptions) -> Context:
    """Open the repository, load the config and resolve the diff: the checks' context."""
    from rollback_gate import repo as gitrepo
    from rollback_gate.results.cache import ResultCache
    from rollback_gate.tree import Tree

    root = options.repo.resolve()
    if not root.is_dir():
        raise EnvironmentProblem(f"{options.repo}: no such directory")
    git = gitrepo.open_repo(root)
    if git is not None:
        if not (options.config or os.environ.get("ROLLBACK_GATE_CONFIG")):
            # Started in a subfolder (of a service, or of a monorepo): the nearest config
            # at or above it, up to the repository root, names the folder to check.
            home = loader.config_home(root, git.toplevel)
            if home != root:
                git = gitrepo.GitRepo(home)
        root = git.root
    results = ResultCache.open(root) if options.cache else None
    # A run that will find a cache pack lists the blob ids with the files (one git call).
    warm = results is not None and results.pack.is_file()
    tree = Tree(root, use_git=git is not None, ids=warm)
    # git lists the files on another core while the config loads and the base is found
    tree.start_listing()
    try:
        config_path = loader.discover(root, options.config)
        ctx = Context(
            root=root,
            config=loader.load(config_path, root),
            tree=tree,
            git=git,
            online=options.online,
            evidence=options.evidence,
            now=options.now or current_time(),
            results=results,
        )
        if git is None:
            ctx.notes.append(_NO_BASE_POLICY)
            return _without_git(ctx, options)
        return _with_git(ctx, git, options)
    except BaseException:
        tree.stop_listing()
        raise


def _without_git(ctx: Context, options: CheckOptions) -> Context:
    from rollback_gate import repo as gitrepo

    why = "git is not installed" if not gitrepo.git_available() else "not a git repository"
    if options.base:  # asked for a diff that cannot be made: fail closed, never pass
        raise EnvironmentProblem(f"--base {options.base} needs git history, but {why}")
    every = "`scope: changed` checks every migration, and " if _judges_changes(ctx) else ""
    ctx.notes.append(
        f"{why}: no diff, so {every}the rules that need git (RG204 edited migrations, "
        "RG305 unguarded changes, RG102 committed mode) are not checked"
    )
    return ctx


def _judges_changes(ctx: Context) -> bool:
    """Whether a migrations entry judges the change (``scope: changed``), which without a
    base judges every migration: said only then (boruta-server's ``scope: all`` run was
    told so, round AY)."""
    return any(e.scope == "changed" for e in ctx.config.migrations or ())


def _with_git(ctx: Context, git: GitRepo, options: CheckOptions) -> Context:
    found = git.find_base(options.base, options.env)
    if git.fetched:
        ctx.notes.append("shallow clone: " + "; ".join(git.fetched))
    head = git.head()
    if found is None or head is None:
        ctx.notes.append(
            "no base found (no --base, CI variables, default branch or tag)"
            + (": `scope: changed` checks every migration" if _judges_changes(ctx) else "")
        )
        ctx.notes.append(_NO_BASE_POLICY)
        return ctx
    base, how = found
    ctx.diff = git.diff(base, head, how)
    changed = counted(len(ctx.diff.changes), "changed file")
    ctx.notes.append(f"base {base[:12]} ({ctx.diff.how}), {changed}")
    ctx.base_config, why_not = policy.read_base(git, base, ctx.config)
    if why_not:
        ctx.notes.append(why_not)
    return ctx


_NO_BASE_POLICY = (
    "no base commit: the policy and waivers are not compared with a base, and --online "
    "sends tokens only to hosts listed in ROLLBACK_GATE_ONLINE_HOSTS"
)


def run_check(options: CheckOptions) -> Report:
    """Run every checklist item and return the Report (never prints, never exits)."""
    ctx = prepare(options)
    findings: list[Finding] = []
    applicable: set[str] = set()
    try:
        # every item's module first: git lists the files meanwhile (the first check lists)
        loaded = [(item, *load(item)) for item in CHECKS]
        for item, check, applies in loaded:
            if applies(ctx):
                applicable.add(item)
            findings.extend(check(ctx))
    finally:
        ctx.tree.stop_listing()  # no check listed the files
    if ctx.base_config is not None:
        findings.extend(policy.compare(ctx.config, ctx.base_config))
    # RG903/RG904 answer to the policy at the base, not to the change they judge.
    config = policy.guard(ctx.config, ctx.base_config)
    waivers = () if options.no_waivers else (*config.waivers, *ctx.inline_waivers)
    report = judge(
        config,
        findings,
        applicable,
        waivers=waivers,
        today=ctx.now.date(),
        fail_on=options.fail_on,
        base=ctx.diff.base if ctx.diff else None,
        head=ctx.git.head() if ctx.git else None,
        notes=tuple(ctx.notes),
        analysed=dict(ctx.analysed),
    )
    return at_repository_root(report, ctx.git.prefix if ctx.git else "")


def at_repository_root(report: Report, prefix: str) -> Report:
    """The report with every path relative to the repository root, not the checked folder.

    Checks and waivers work relative to the folder of the config (a monorepo service);
    code scanning, annotations and Code Quality resolve paths from the repository root.
    """
    if not prefix:
        return report

    def rebase(path: str | None) -> str | None:
        return prefix + path if path and not os.path.isabs(path) else path

    def waiver(w: Waiver | None) -> Waiver | None:
        if w is None:
            return None
        return dataclasses.replace(w, path=rebase(w.path), source=rebase(w.source) or w.source)

    findings = tuple(
        dataclasses.replace(
            f,
            path=rebase(f.path),
            waiver=waiver(f.waiver),
            related=tuple(dataclasses.replace(r, path=rebase(r.path)) for r in f.related),
        )
        for f in report.findings
    )
    return dataclasses.replace(report, config=rebase(report.config), findings=findings)


def judge(
    config: Config,
    findings: Iterable[Finding],
    applicable: set[str],
    *,
    waivers: Iterable[Waiver],
    today: dt.date,
    fail_on: Severity | None = None,
    base: str | None = None,
    head: str | None = None,
    notes: tuple[str, ...] = (),
    command: str = "check",
    analysed: dict[str, int] | None = None,
) -> Report:
    """Apply the policy to raw findings: the single place where verdicts are made."""
    policy = config.policy
    disabled = set(policy.disable)
    waivers = list(waivers)
    used: set[int] = set()
    reported: list[ReportedFinding] = []
    for f in findings:
        if f.rule in disabled:
            continue
        rule = RULES[f.rule]
        severity = policy.severity.get(f.rule) or f.severity or rule.severity
        waiver = None
        for i, w in enumerate(waivers):
            if w.rule == f.rule and (w.path is None or matches(f.path or "", w.path)):
                used.add(i)  # every matching waiver is used, not only the first valid one
                if waiver is None and dt.date.fromisoformat(w.expires) >= today:
                    waiver = w
        reported.append(_reported(f, severity, waiver))
    for i, w in enumerate(waivers):
        for rule_id, message in _waiver_problems(w, i in used, today):
            if rule_id not in disabled:
                f = Finding(
                    rule_id,
                    message,
                    path=w.source,
                    line=w.line,
                    key=f"{rule_id}:{w.rule}:{w.path or '*'}",
                )
                reported.append(
                    _reported(f, policy.severity.get(rule_id) or RULES[rule_id].severity, None)
                )
    reported.sort(key=ReportedFinding.sort_key)
    threshold = fail_on or policy.fail_on
    items = {item: _status(item, reported, applicable, threshold) for item in ITEMS}
    return Report(
        tool_version=__version__,
        config=config.path,
        service=config.service,
        base=base,
        head=head,
        fail_on=threshold,
        findings=tuple(reported),
        items=items,
        disabled=tuple(sorted(disabled)),
        notes=notes,
        command=command,
        analysed=dict(analysed or {}),
    )


def _reported(f: Finding, severity: Severity, waiver: Waiver | None) -> ReportedFinding:
    rule = RULES[f.rule]
    return ReportedFinding(
        rule=f.rule,
        name=rule.name,
        item=rule.item,
        severity=severity,
        path=f.path,
        line=f.line,
        message=f.message,
        impact=f.impact or rule.why,
        fix=f.fix or rule.fix,
        waiver=waiver,
        key=f.key or f"{f.rule}:{f.path}:{f.message}",
        related=f.related,
    )


def _waiver_problems(w: Waiver, used: bool, today: dt.date) -> list[tuple[str, str]]:
    expires = dt.date.fromisoformat(w.expires)
    scope = f"{w.rule}" + (f" on {w.path}" if w.path else "")
    if expires < today:
        return [
            (
                "RG900",
                f"waiver for {scope} (owner {w.owner}) expired on {w.expires}; "
                "the findings it covered count again",
            )
        ]
    problems = []
    if not used:
        problems.append(("RG901", f"waiver for {scope} (owner {w.owner}) matches no finding"))
    if (expires - today).days < EXPIRING_DAYS:
        days = (expires - today).days
        problems.append(
            (
                "RG902",
                f"waiver for {scope} (owner {w.owner}) expires on "
                f"{w.expires}, in {days} day{'s' if days != 1 else ''}",
            )
        )
    return problems


def _status(
    item: str, findings: list[ReportedFinding], applicable: set[str], fail_on: Severity
) -> ItemStatus:
    mine = [f for f in findings if f.item == item and not f.waived]
    if any(f.severity.at_least(fail_on) for f in mine):
        return ItemStatus.FAIL
    if mine:
        return ItemStatus.WARN
    if item not in applicable and not any(f.item == item for f in findings):
        return ItemStatus.NA
    return ItemStatus.PASS
