"""The gate's own policy compared with the config at the base commit (RG903, RG904).

A pull request can edit ``deploy-readiness.yml`` as well as the code it judges, so a
change that weakens the policy is reported (RG903, P1): a rule disabled or its severity
lowered, ``fail_on`` raised, ``require_signed_drills`` turned off, drill evidence allowed
to be older, a migration entry removed or its path, ``scope`` or ``since`` narrowed, an
online endpoint or its ``token_env`` changed or removed, the health URL changed. A new or
extended waiver is listed for the reviewer (RG904, P3). The change cannot silence these
two rules itself: their severity, disabling and waivers come from the config at the base
(:func:`guard`), and RG903 is raised to P0 when the change also raised ``fail_on`` to P0.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rollback_gate.config.model import Api, Config, MigrationEntry
from rollback_gate.errors import ConfigError
from rollback_gate.models import Finding, Severity, Waiver
from rollback_gate.rules import RULES, lookup

if TYPE_CHECKING:
    from rollback_gate.repo import GitRepo

GUARDED = ("RG903", "RG904")


def read_base(git: GitRepo, base: str, config: Config) -> tuple[Config | None, str | None]:
    """The config at commit ``base`` (None when absent or unreadable) and a note why not."""
    from rollback_gate.config.loader import CANDIDATES, MAX_CONFIG_BYTES, parse

    if config.path.startswith("/"):
        return None, (
            f"{config.path} is outside the repository: the policy is not compared with the base"
        )
    for name in dict.fromkeys((config.path, *CANDIDATES)):
        text = git.show(base, name)
        if text is None:
            continue
        if len(text.encode("utf-8", "replace")) > MAX_CONFIG_BYTES:
            return None, f"{name} at the base {base[:12]} is too large to compare the policy"
        try:
            return parse(text, name), None
        except ConfigError as exc:
            first = str(exc).splitlines()[0] if str(exc) else "invalid"
            return None, (
                f"{name} at the base {base[:12]} does not load ({first}): the policy is not "
                "compared with the base"
            )
    return None, (
        f"no deploy-readiness.yml at the base {base[:12]} (first adoption): the policy and "
        "waivers are not compared with the base, and --online sends tokens only to hosts "
        "listed in ROLLBACK_GATE_ONLINE_HOSTS"
    )


def compare(head: Config, base: Config) -> Iterator[Finding]:
    """RG903 for each weakening of ``head`` relative to ``base``; RG904 for waivers."""
    level = Severity.P0 if head.policy.fail_on is Severity.P0 else None
    for key_path, what in _weakenings(head, base):
        yield Finding(
            "RG903",
            f"policy weakened relative to the base: {what}",
            path=head.path,
            line=head.line_of(key_path),
            severity=level,
            key=f"RG903:{what}",
        )
    for w, what in _waivers(head, base):
        yield Finding(
            "RG904",
            f"waiver for {w.rule}{f' on {w.path}' if w.path else ''} (owner {w.owner}) {what}",
            path=head.path,
            line=w.line,
            key=f"RG904:{w.rule}:{w.path or '*'}",
        )


def guard(head: Config, base: Config | None) -> Config:
    """``head`` with RG903/RG904's severity, disabling and waivers taken from ``base``."""
    if base is None:
        return head
    hp, bp = head.policy, base.policy
    severity = {r: s for r, s in hp.severity.items() if r not in GUARDED}
    severity.update({r: s for r, s in bp.severity.items() if r in GUARDED})
    disable = tuple(r for r in hp.disable if r not in GUARDED or r in bp.disable)
    kept = {_waiver_key(w) for w in base.waivers if w.rule in GUARDED}
    waivers = tuple(w for w in head.waivers if w.rule not in GUARDED or _waiver_key(w) in kept)
    policy = dataclasses.replace(hp, severity=severity, disable=disable)
    return dataclasses.replace(head, policy=policy, waivers=waivers)


def _weakenings(head: Config, base: Config) -> Iterator[tuple[str, str]]:
    hp, bp = head.policy, base.policy
    if hp.fail_on.rank < bp.fail_on.rank:  # P0: only P0 fails, the weakest
        yield "policy.fail_on", f"fail_on raised from {bp.fail_on.value} to {hp.fail_on.value}"
    for i, rule in enumerate(hp.disable):
        if rule not in bp.disable:
            yield f"policy.disable[{i}]", f"rule {rule} disabled"
    for rule in sorted(set(hp.severity) | set(bp.severity)):
        default = RULES[rule].severity
        now, was = hp.severity.get(rule, default), bp.severity.get(rule, default)
        if now.rank > was.rank and rule not in hp.disable:
            yield _severity_key(head, rule), f"{rule} lowered from {was.value} to {now.value}"
    if bp.require_signed_drills and not hp.require_signed_drills:
        yield "policy.require_signed_drills", "require_signed_drills turned off"
    hr, br = head.rollback, base.rollback
    if hr and br and hr.evidence.max_age_days > br.evidence.max_age_days:
        yield (
            "rollback.evidence.max_age_days",
            f"drill evidence may be {hr.evidence.max_age_days} days old "
            f"(was {br.evidence.max_age_days})",
        )
    yield from _migrations(head, base)
    yield from _endpoints(head, base)


def _migrations(head: Config, base: Config) -> Iterator[tuple[str, str]]:
    entries = head.migrations or ()
    for b in base.migrations or ():
        h = next((e for e in entries if e.path == b.path), None)
        if h is None:
            inner = next((e for e in entries if e.path.startswith(b.path + "/")), None)
            if inner is not None:
                yield (
                    f"migrations[{inner.index}].path",
                    f"migration path {b.path} narrowed to {inner.path}",
                )
            else:
                yield "migrations", f"migration entry {b.path} removed"
            continue
        yield from _entry(h, b)


def _entry(h: MigrationEntry, b: MigrationEntry) -> Iterator[tuple[str, str]]:
    where = f"migrations[{h.index}]"
    if b.scope == "all" and h.scope != "all":
        yield f"{where}.scope", f"{b.path}: scope narrowed from all to {h.scope}"
    if h.since is not None and (b.since is None or _version(h.since) > _version(b.since)):
        was = f"from {b.since}" if b.since is not None else "(none at the base)"
        yield f"{where}.since", f"{b.path}: since moved to {h.since} {was}"


def _version(text: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order: ``9`` < ``10``, ``0042`` < ``0050``, then text."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.findall(r"\d+|\D+", text))


def _endpoints(head: Config, base: Config) -> Iterator[tuple[str, str]]:
    was_there = list(base.apis())
    if was_there:  # (else the online clients are not even imported)
        yield from _apis(head, was_there)
    hh = head.monitoring.health_check if head.monitoring else None
    bh = base.monitoring.health_check if base.monitoring else None
    if bh is not None and (hh is None or hh.url != bh.url):
        yield "monitoring.health_check", "monitoring.health_check.url changed or removed"


def _apis(head: Config, was_there: list[tuple[str, Api]]) -> Iterator[tuple[str, str]]:
    from rollback_gate.online.trust import origin

    now = dict(head.apis())
    for key, was in was_there:
        api = now.get(key)
        if api is None:
            yield key.split(".")[0], f"online endpoint {key} removed"
            continue
        if origin(api.url) != origin(was.url):
            yield f"{key}.url", f"{key}.url changed from {origin(was.url)} to {origin(api.url)}"
        if api.token_env != was.token_env:
            yield (
                f"{key}.token_env",
                f"{key}.token_env changed from {was.token_env} to {api.token_env}",
            )


def _severity_key(config: Config, rule: str) -> str:
    for key in config.lines:
        if key.startswith("policy.severity.") and key.count(".") == 2:
            found = lookup(key.split(".", 2)[2])
            if found is not None and found.id == rule:
                return key
    return "policy.severity"


def _waiver_key(w: Waiver) -> tuple[str, str | None, str, str, str]:
    return (w.rule, w.path, w.reason, w.owner, w.expires)


def _waivers(head: Config, base: Config) -> Iterator[tuple[Waiver, str]]:
    at_base = {(w.rule, w.path): w for w in base.waivers}
    for w in head.waivers:
        was = at_base.get((w.rule, w.path))
        if was is None:
            yield w, f"added, expires {w.expires}"
        elif w.expires > was.expires:
            yield w, f"extended from {was.expires} to {w.expires}"
