"""Unleash export files (``features``, ``featureStrategies``, ``featureEnvironments``).

Also reads the older single-environment shape (``features[].enabled`` and
``features[].strategies``), which is what the client API and v3 exports contain. An Unleash
toggle can always be switched off per environment, so RG301 never fires here; the default
in the target environment is "on" when the toggle is enabled there with no strategy or an
unconstrained ``default`` strategy, and the rollout is the largest unconstrained
``flexibleRollout`` (``rollout``) or ``gradualRollout*`` (``percentage``) of that
environment. Lifetimes by toggle type follow Unleash's documented expectations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rollback_gate.flagdefs import INVALID, Definitions, FlagState, load_json, percent
from rollback_gate.flagdefs.jsonpos import PathPart

LIFETIME_DAYS: dict[str, int | None] = {
    "release": 40,
    "experiment": 40,
    "operational": 7,
    "kill-switch": None,  # permanent by design
    "permission": None,
}
_PERCENT_PARAMS = {
    "flexibleRollout": "rollout",
    "gradualRolloutRandom": "percentage",
    "gradualRolloutUserId": "percentage",
    "gradualRolloutSessionId": "percentage",
}


def parse(text: str, path: str, environment: str | None = None) -> Definitions:
    """Parse an Unleash export; ``environment`` selects the strategies that count."""
    defs, data, problem = load_json(text, path, "unleash")
    if data is INVALID:
        return defs
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        problem("an Unleash export is an object with a `features` array", [])
        return defs
    envs = _environments(data, problem)
    env = environment
    if env is None and len(envs) == 1:
        env = next(iter(envs))
    elif env is None and envs:
        defs.notes.append(
            f"{path}: the export holds several environments ({', '.join(sorted(envs))}); set "
            "`feature_flags.environment` to check defaults and rollouts (RG302, RG303)"
        )
    strategies = _strategies(data, problem)
    for i, feature in enumerate(data["features"]):
        parts: list[PathPart] = ["features", i]
        if not isinstance(feature, dict) or not isinstance(feature.get("name"), str):
            problem("a feature needs a string `name`", parts)
            continue
        name = feature["name"]
        kind = feature.get("type", "release")
        if not isinstance(kind, str):
            problem(f"feature `{name}`: `type` must be a string", [*parts, "type"])
            kind = "release"
        if "stale" in feature and not isinstance(feature["stale"], bool):
            problem(f"feature `{name}`: `stale` must be true or false", [*parts, "stale"])
        if "strategies" in feature:  # single-environment shape
            own = feature["strategies"] if isinstance(feature["strategies"], list) else []
            enabled: bool | None = bool(feature.get("enabled", False))
            env_strategies = [s for s in own if isinstance(s, dict)]
        else:
            enabled = envs.get(env, {}).get(name) if env else None
            if env and enabled is None:
                enabled = False  # no featureEnvironments entry: not enabled there
            env_strategies = [
                s for s in strategies.get(name, []) if s.get("environment") in (None, env)
            ]
        default_on, detail, rollout, rollout_detail = serve(enabled, env, env_strategies)
        defs.flags[name] = FlagState(
            key=name,
            where=tuple(parts),
            variants=tuple(_variant_names(feature)),
            can_disable=True,
            default_on=default_on,
            default_detail=detail,
            rollout=rollout,
            rollout_detail=rollout_detail,
            stale=feature.get("stale") is True,
            created=parse_time(feature.get("createdAt")),
            lifetime_days=LIFETIME_DAYS.get(kind, 40),
            kind=kind,
        )
    known = set(defs.flags)
    for name, items in strategies.items():
        if name not in known and items:
            problem(f"strategy for unknown feature `{name}`", ["featureStrategies", items[0]["_i"]])
    return defs


def _environments(data: dict[str, Any], problem: Any) -> dict[str, dict[str, bool]]:
    """environment -> feature name -> enabled."""
    out: dict[str, dict[str, bool]] = {}
    raw = data.get("featureEnvironments", [])
    if not isinstance(raw, list):
        problem("`featureEnvironments` must be an array", ["featureEnvironments"])
        return out
    for i, fe in enumerate(raw):
        if (
            not isinstance(fe, dict)
            or not isinstance(fe.get("featureName"), str)
            or not isinstance(fe.get("environment"), str)
            or not isinstance(fe.get("enabled"), bool)
        ):
            problem(
                "a feature environment needs `featureName`, `environment` and a boolean `enabled`",
                ["featureEnvironments", i],
            )
            continue
        out.setdefault(fe["environment"], {})[fe["featureName"]] = fe["enabled"]
    return out


def _strategies(data: dict[str, Any], problem: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    raw = data.get("featureStrategies", [])
    if not isinstance(raw, list):
        problem("`featureStrategies` must be an array", ["featureStrategies"])
        return out
    for i, s in enumerate(raw):
        parts: list[PathPart] = ["featureStrategies", i]
        if (
            not isinstance(s, dict)
            or not isinstance(s.get("featureName"), str)
            or not isinstance(s.get("name"), str)
        ):
            problem("a strategy needs a string `featureName` and `name`", parts)
            continue
        param = _PERCENT_PARAMS.get(s["name"])
        params = s.get("parameters") or {}
        if param and isinstance(params, dict) and param in params and _pct(params[param]) is None:
            problem(
                f"strategy `{s['name']}` of `{s['featureName']}`: `{param}` must be a "
                "number from 0 to 100",
                [*parts, "parameters", param],
            )
        out.setdefault(s["featureName"], []).append({**s, "_i": i})
    return out


def serve(
    enabled: bool | None, env: str | None, strategies: list[dict[str, Any]]
) -> tuple[bool | None, str, float | None, str]:
    if enabled is None:
        return None, "", None, ""
    where = f"in environment {env}" if env else "in the export"
    if not enabled:
        return False, f"disabled {where}", None, ""
    active = [
        s
        for s in strategies
        if not s.get("disabled") and not s.get("constraints") and not s.get("segments")
    ]
    rollout: float | None = None
    detail = ""
    for s in active:
        param = _PERCENT_PARAMS.get(str(s.get("name")))
        params = s.get("parameters") if isinstance(s.get("parameters"), dict) else {}
        value = _pct(params.get(param)) if param and params and param in params else None
        if value is not None and (rollout is None or value > rollout):
            rollout, detail = value, f"{s['name']} {param} {percent(value)}% {where}"
    if not strategies or any(s.get("name") == "default" for s in active):
        return True, f"enabled {where} for everyone", rollout, detail
    return False, f"enabled {where} through strategies", rollout, detail


def _variant_names(feature: dict[str, Any]) -> list[str]:
    variants = feature.get("variants")
    if not isinstance(variants, list):
        return []
    return [str(v.get("name")) for v in variants if isinstance(v, dict) and v.get("name")]


def _pct(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if 0 <= number <= 100 else None


def parse_time(value: Any) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.timestamp()
