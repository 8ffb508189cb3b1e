"""GrowthBook feature payloads (what the SDK endpoint serves: ``{"features": {...}}``).

A payload belongs to one SDK connection, hence to one environment, so ``environment`` is not
used. A feature's default is ``defaultValue`` unless an unconditioned ``force`` rule with full
coverage overrides it; the rollout is the largest share of subjects an unconditioned rule
serves a non-off value (``coverage`` for ``force`` rules, ``coverage`` × the weights of
non-off ``variations`` for experiments). Checks mirror what the SDKs reject or ignore:
coverage outside 0–1, weights that do not match the variations or do not sum to 1.
"""

from __future__ import annotations

import json
from typing import Any

from rollback_gate.flagdefs import (
    INVALID,
    Definitions,
    FlagState,
    is_off_value,
    load_json,
    percent,
)
from rollback_gate.flagdefs.jsonpos import PathPart


def parse(text: str, path: str, environment: str | None = None) -> Definitions:
    """Parse a GrowthBook payload into the common model."""
    defs, data, problem = load_json(text, path, "growthbook")
    if data is INVALID:
        return defs
    if isinstance(data, dict) and "encryptedFeatures" in data and "features" not in data:
        problem(
            "the payload is encrypted (`encryptedFeatures`): commit the plain payload "
            "so that the flags can be checked",
            ["encryptedFeatures"],
        )
        return defs
    if not isinstance(data, dict) or not isinstance(data.get("features"), dict):
        problem("a GrowthBook payload is an object with a `features` object", [])
        return defs
    for key, feature in data["features"].items():
        parts: list[PathPart] = ["features", key]
        if not isinstance(feature, dict):
            problem(f"feature `{key}` must be an object", parts)
            continue
        if "defaultValue" not in feature:
            problem(f"feature `{key}`: `defaultValue` is missing", parts)
        rules = feature.get("rules", [])
        if not isinstance(rules, list):
            problem(f"feature `{key}`: `rules` must be an array", [*parts, "rules"])
            rules = []
        defs.flags[key] = _feature(key, feature, rules, parts, problem)
    return defs


def _feature(
    key: str,
    feature: dict[str, Any],
    rules: list[Any],
    parts: list[PathPart],
    problem: Any,
) -> FlagState:
    default = feature.get("defaultValue")
    values: list[Any] = [default]
    default_on: bool | None = not is_off_value(default)
    detail = f"defaultValue {json.dumps(default)}"
    rollout: float | None = None
    rollout_detail = ""
    for i, rule in enumerate(rules):
        rparts: list[PathPart] = [*parts, "rules", i]
        if not isinstance(rule, dict):
            problem(f"feature `{key}`: rule {i} must be an object", rparts)
            continue
        coverage = rule.get("coverage", 1)
        if not _number(coverage) or not 0 <= coverage <= 1:
            problem(
                f"feature `{key}`: rule {i} `coverage` must be a number from 0 to 1",
                [*rparts, "coverage"],
            )
            coverage = 1
        targeted = bool(rule.get("condition")) or bool(rule.get("parentConditions"))
        share: float | None = None
        if "force" in rule:
            values.append(rule["force"])
            if not is_off_value(rule["force"]):
                share = coverage * 100
                if not targeted and coverage >= 1:
                    default_on = True
                    detail = f"rule {i} forces {json.dumps(rule['force'])} for everyone"
        elif "variations" in rule:
            share = _experiment(key, i, rule, coverage, rparts, problem)
            if isinstance(rule["variations"], list):
                values.extend(rule["variations"])
        else:
            problem(f"feature `{key}`: rule {i} has neither `force` nor `variations`", rparts)
        if share is not None and not targeted and (rollout is None or share > rollout):
            rollout, rollout_detail = share, f"rule {i} serves {percent(share)}%"
    return FlagState(
        key=key,
        where=tuple(parts),
        variants=tuple(json.dumps(v) for v in values),
        can_disable=any(is_off_value(v) for v in values),
        default_on=default_on,
        default_detail=detail,
        rollout=rollout,
        rollout_detail=rollout_detail,
        kind=type(default).__name__,
    )


def _experiment(
    key: str, i: int, rule: dict[str, Any], coverage: float, parts: list[PathPart], problem: Any
) -> float | None:
    variations = rule["variations"]
    if not isinstance(variations, list) or not variations:
        problem(
            f"feature `{key}`: rule {i} `variations` must be a non-empty array",
            [*parts, "variations"],
        )
        return None
    weights = rule.get("weights")
    if weights is None:
        weights = [1 / len(variations)] * len(variations)  # the SDKs split evenly
    elif (
        not isinstance(weights, list)
        or len(weights) != len(variations)
        or not all(_number(w) and w >= 0 for w in weights)
    ):
        problem(
            f"feature `{key}`: rule {i} needs one non-negative weight per variation",
            [*parts, "weights"],
        )
        return None
    elif abs(sum(weights) - 1) > 0.01:
        problem(
            f"feature `{key}`: rule {i} weights sum to {sum(weights):g}, not 1 (the SDKs "
            "then ignore them and split evenly)",
            [*parts, "weights"],
        )
        return None
    on = sum(w for v, w in zip(variations, weights, strict=True) if not is_off_value(v))
    return float(coverage * on * 100)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
