"""Typed, immutable view of a validated deploy-readiness.yml, and the one home of its defaults.

Every default is the dataclass field's: ``build`` and the JSON Schema (``schema.py``) read
them from here, so a default is written once.

Built only from data that already passed ``validate.py`` and ``semantics.py``, so the
constructors here trust their input. ``Config.line_of("rollback.script")`` gives the line
that declared a thing, so findings without a file of their own can point at the config.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from rollback_gate.models import Severity, Waiver


@dataclass(frozen=True)
class Policy:
    fail_on: Severity = Severity.P1
    severity: dict[str, Severity] = field(default_factory=dict)  # rule id -> severity
    disable: tuple[str, ...] = ()  # rule ids
    require_signed_drills: bool = False


@dataclass(frozen=True)
class Evidence:
    file: str = ".rollback-gate/drills.jsonl"
    max_age_days: int = 30


@dataclass(frozen=True)
class Rollback:
    strategy: str | None = None
    script: str | None = None
    dry_run: str | None = None
    drill_timeout_s: int = 600
    runbook: str | None = None
    manifests: tuple[str, ...] = ()
    evidence: Evidence = field(default_factory=Evidence)


@dataclass(frozen=True)
class MigrationEntry:
    path: str
    framework: str = "auto"
    scope: str = "changed"
    since: str | None = None
    reversal: str | None = None  # down | forward-only; None: the framework's default
    index: int = 0  # position in the config list, for line look-ups


@dataclass(frozen=True)
class Api:
    url: str
    token_env: str | None = None
    project: str | None = None
    timeout_s: float = 10.0


@dataclass(frozen=True)
class Flag:
    key: str
    guards: tuple[str, ...] = ()
    max_age_days: int | None = None
    index: int = 0


@dataclass(frozen=True)
class FeatureFlags:
    provider: str
    definitions: str | None = None
    environment: str | None = None
    flags: tuple[Flag, ...] = ()
    api: Api | None = None


@dataclass(frozen=True)
class HealthCheck:
    url: str
    expect_status: int = 200
    timeout_s: float = 10.0


@dataclass(frozen=True)
class Monitoring:
    alerts: tuple[str, ...] = ()
    dashboards: tuple[str, ...] = ()
    health_check: HealthCheck | None = None
    prometheus: Api | None = None
    grafana: Api | None = None


@dataclass(frozen=True)
class Config:
    """The whole file. Sections absent from the file are None (not defaulted)."""

    path: str  # repo-relative (or as given) path of the file
    version: int
    service: str | None
    policy: Policy
    rollback: Rollback | None
    migrations: tuple[MigrationEntry, ...] | None
    feature_flags: FeatureFlags | None
    monitoring: Monitoring | None
    waivers: tuple[Waiver, ...]
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key_path: str) -> int | None:
        """1-based line of ``key_path`` (e.g. ``migrations[0].path``), or its nearest parent.

        A section that is absent from the file points at line 1.
        """
        path = key_path
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return 1 if self.lines else None

    def apis(self) -> list[tuple[str, Api]]:
        """(key path, Api) of every online service the config names."""
        found: list[tuple[str, Api | None]] = [
            ("feature_flags.api", self.feature_flags.api if self.feature_flags else None),
            ("monitoring.prometheus", self.monitoring.prometheus if self.monitoring else None),
            ("monitoring.grafana", self.monitoring.grafana if self.monitoring else None),
        ]
        return [(key, api) for key, api in found if api is not None]


def _api(data: dict[str, Any] | None) -> Api | None:
    if data is None:
        return None
    return Api(
        data["url"],
        data.get("token_env"),
        data.get("project"),
        float(data.get("timeout_s", Api.timeout_s)),
    )


def _date(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def build(path: str, data: dict[str, Any], lines: dict[str, int]) -> Config:
    """Turn validated plain data into a :class:`Config`."""
    from rollback_gate.rules import lookup

    def rule_id(ref: str) -> str:
        rule = lookup(ref)
        assert rule is not None, ref  # validated before
        return rule.id

    p = data.get("policy") or {}
    policy = Policy(
        fail_on=Severity(p.get("fail_on", Policy.fail_on)),
        severity={rule_id(k): Severity(v) for k, v in (p.get("severity") or {}).items()},
        disable=tuple(rule_id(r) for r in p.get("disable") or ()),
        require_signed_drills=bool(p.get("require_signed_drills", Policy.require_signed_drills)),
    )
    rollback = None
    if (r := data.get("rollback")) is not None:
        ev = r.get("evidence") or {}
        rollback = Rollback(
            strategy=r.get("strategy"),
            script=r.get("script"),
            dry_run=r.get("dry_run"),
            drill_timeout_s=int(r.get("drill_timeout_s", Rollback.drill_timeout_s)),
            runbook=r.get("runbook"),
            manifests=tuple(r.get("manifests") or ()),
            evidence=Evidence(
                ev.get("file", Evidence.file), int(ev.get("max_age_days", Evidence.max_age_days))
            ),
        )
    migrations = None
    if (m := data.get("migrations")) is not None:
        migrations = tuple(
            MigrationEntry(
                path=e["path"].rstrip("/"),
                framework=e.get("framework", MigrationEntry.framework),
                scope=e.get("scope", MigrationEntry.scope),
                since=None if e.get("since") is None else str(e["since"]),
                reversal=e.get("reversal"),
                index=i,
            )
            for i, e in enumerate(m)
        )
    flags = None
    if (f := data.get("feature_flags")) is not None:
        flags = FeatureFlags(
            provider=f["provider"],
            definitions=f.get("definitions"),
            environment=f.get("environment"),
            flags=tuple(
                Flag(x["key"], tuple(x.get("guards") or ()), x.get("max_age_days"), i)
                for i, x in enumerate(f.get("flags") or ())
            ),
            api=_api(f.get("api")),
        )
    monitoring = None
    if (mon := data.get("monitoring")) is not None:
        hc = mon.get("health_check")
        monitoring = Monitoring(
            alerts=tuple(mon.get("alerts") or ()),
            dashboards=tuple(mon.get("dashboards") or ()),
            health_check=None
            if hc is None
            else HealthCheck(
                hc["url"],
                int(hc.get("expect_status", HealthCheck.expect_status)),
                float(hc.get("timeout_s", HealthCheck.timeout_s)),
            ),
            prometheus=_api(mon.get("prometheus")),
            grafana=_api(mon.get("grafana")),
        )
    waivers = tuple(
        Waiver(
            rule=rule_id(w["rule"]),
            reason=w["reason"],
            owner=w["owner"],
            expires=_date(w["expires"]),
            path=w.get("path"),
            source=path,
            line=lines.get(f"waivers[{i}]"),
        )
        for i, w in enumerate(data.get("waivers") or ())
    )
    return Config(
        path=path,
        version=int(data["version"]),
        service=data.get("service"),
        policy=policy,
        rollback=rollback,
        migrations=migrations,
        feature_flags=flags,
        monitoring=monitoring,
        waivers=waivers,
        lines=lines,
    )
