"""flagd / OpenFeature flag definitions (``*.flagd.json``).

Validation mirrors the official schema (https://flagd.dev/schema/v0/flags.json, checked by
the conformance tests in tests/flags/) plus what flagd itself rejects when it loads a file:
a ``defaultVariant`` or a ``fractional`` variant that names no variant, a ``$ref`` to an
unknown or circular ``$evaluators`` entry. The schema is not bundled: the tool must not
depend on files fetched at run time, and a hand-written walk gives messages with JSON paths
and lines that a generic validator cannot.
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

STATES = ("ENABLED", "DISABLED")
MAX_DEPTH = 64  # JSONLogic nested deeper than this is refused rather than recursed into
_TYPES = {bool: "boolean", str: "string", int: "number", float: "number", dict: "object"}


def parse(text: str, path: str, environment: str | None = None) -> Definitions:
    """Parse and validate flagd definitions; ``environment`` is unused (flagd has none)."""
    defs, data, problem = load_json(text, path, "flagd", _reason)
    if data is INVALID:
        return defs
    if not isinstance(data, dict):
        problem(f"the top level must be an object, not {_type(data)}", [])
        return defs
    evaluators = _evaluators(data, problem)
    flags = data.get("flags")
    if flags is None:
        problem("required property `flags` is missing", [])
        return defs
    items: list[tuple[str, Any, list[PathPart]]] = []
    if isinstance(flags, dict):
        items = [(k, v, ["flags", k]) for k, v in flags.items()]
    elif isinstance(flags, list):  # the flagd daemon also accepts an array with `key`
        for i, v in enumerate(flags):
            key = v.get("key") if isinstance(v, dict) else None
            if not isinstance(key, str) or not key:
                problem("a flag in the `flags` array needs a non-empty string `key`", ["flags", i])
                continue
            items.append((key, v, ["flags", i]))
    else:
        problem(f"`flags` must be an object of flags, not {_type(flags)}", ["flags"])
        return defs
    for key, flag, parts in items:
        if key == "":
            problem("a flag key must not be empty", parts)
            continue
        state = _flag(key, flag, parts, evaluators, problem)
        if state is not None:
            defs.flags[key] = FlagState(**{**state, "where": tuple(parts)})
    return defs


def _evaluators(data: dict[str, Any], problem: Any) -> dict[str, Any]:
    raw = data.get("$evaluators")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problem(f"`$evaluators` must be an object, not {_type(raw)}", ["$evaluators"])
        return {}
    for name, rule in raw.items():
        if not isinstance(rule, dict):
            problem(
                f"evaluator must be a JSONLogic object, not {_type(rule)}", ["$evaluators", name]
            )
    for name in raw:
        cycle = _cycle(name, raw, [])
        if cycle:
            problem(
                "circular `$ref` between evaluators: " + " -> ".join(cycle),
                ["$evaluators", name],
            )
    return raw


def _cycle(name: str, evaluators: dict[str, Any], trail: list[str]) -> list[str]:
    if name in trail:
        return [*trail[trail.index(name) :], name] if trail[0] == name else []
    trail = [*trail, name]
    for ref in _refs(evaluators.get(name), 0):
        if ref in evaluators:
            found = _cycle(ref, evaluators, trail)
            if found:
                return found
    return []


def _refs(node: Any, depth: int) -> list[str]:
    if depth > MAX_DEPTH:
        return []
    if isinstance(node, dict):
        out = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        for value in node.values():
            out.extend(_refs(value, depth + 1))
        return out
    if isinstance(node, list):
        return [r for value in node for r in _refs(value, depth + 1)]
    return []


def _flag(
    key: str, flag: Any, parts: list[PathPart], evaluators: dict[str, Any], problem: Any
) -> dict[str, Any] | None:
    if not isinstance(flag, dict):
        problem(f"flag `{key}` must be an object, not {_type(flag)}", parts)
        return None
    state = flag.get("state")
    if "state" not in flag:
        problem(f"flag `{key}`: required property `state` is missing", parts)
    elif state not in STATES:
        problem(
            f"flag `{key}`: `state` is {json.dumps(state)}; it must be ENABLED or DISABLED",
            [*parts, "state"],
        )
    variants = flag.get("variants")
    if "variants" not in flag:
        problem(f"flag `{key}`: required property `variants` is missing", parts)
        variants = {}
    elif not isinstance(variants, dict) or not variants:
        problem(f"flag `{key}`: `variants` must be a non-empty object", [*parts, "variants"])
        variants = {}
    kinds = {_TYPES.get(type(v), "invalid") for v in variants.values()}
    if "invalid" in kinds or len(kinds) > 1:
        problem(
            f"flag `{key}`: variant values must all be booleans, strings, numbers or objects "
            f"(found {', '.join(sorted(_type(v) for v in variants.values()))})",
            [*parts, "variants"],
        )
    default = flag.get("defaultVariant")
    if default is not None and not isinstance(default, str):
        problem(
            f"flag `{key}`: `defaultVariant` must be a string or null", [*parts, "defaultVariant"]
        )
        default = None
    elif isinstance(default, str) and variants and default not in variants:
        problem(
            f"flag `{key}`: `defaultVariant` {json.dumps(default)} names no variant "
            f"(variants: {', '.join(variants)})",
            [*parts, "defaultVariant"],
        )
    metadata = flag.get("metadata")
    if metadata is not None and (
        not isinstance(metadata, dict)
        or any(not isinstance(v, (str, int, float, bool)) for v in metadata.values())
    ):
        problem(
            f"flag `{key}`: `metadata` values must be strings, numbers or booleans",
            [*parts, "metadata"],
        )
    targeting = flag.get("targeting")
    fractions: list[list[tuple[str, float]]] = []
    if targeting is not None:
        if not isinstance(targeting, dict):
            problem(f"flag `{key}`: `targeting` must be a JSONLogic object", [*parts, "targeting"])
        else:
            _walk(
                targeting,
                [*parts, "targeting"],
                key,
                variants,
                evaluators,
                problem,
                fractions,
                set(),
                0,
            )
    return _state(key, state, variants, default, targeting, fractions)


def _walk(
    node: Any,
    parts: list[PathPart],
    key: str,
    variants: dict[str, Any],
    evaluators: dict[str, Any],
    problem: Any,
    fractions: list[list[tuple[str, float]]],
    seen: set[str],
    depth: int,
) -> None:
    if depth > MAX_DEPTH:
        problem(f"flag `{key}`: targeting nested deeper than {MAX_DEPTH} levels", parts)
        return
    if isinstance(node, list):
        for i, item in enumerate(node):
            _walk(item, [*parts, i], key, variants, evaluators, problem, fractions, seen, depth + 1)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str):
        if ref not in evaluators:
            problem(
                f"flag `{key}`: `$ref` {json.dumps(ref)} names no entry of `$evaluators`",
                [*parts, "$ref"],
            )
        elif ref not in seen:  # a cycle is reported once, on `$evaluators`
            _walk(
                evaluators[ref],
                ["$evaluators", ref],
                key,
                variants,
                evaluators,
                problem,
                fractions,
                seen | {ref},
                depth + 1,
            )
    for op, args in node.items():
        if op == "fractional":
            weights = _fractional(args, [*parts, op], key, variants, problem)
            if weights:
                fractions.append(weights)
        elif op != "$ref":
            _walk(
                args, [*parts, op], key, variants, evaluators, problem, fractions, seen, depth + 1
            )


def _fractional(
    args: Any, parts: list[PathPart], key: str, variants: dict[str, Any], problem: Any
) -> list[tuple[str, float]]:
    if not isinstance(args, list) or not args:
        problem(f"flag `{key}`: `fractional` takes a non-empty array", parts)
        return []
    buckets = args[1:] if not isinstance(args[0], list) else args  # optional bucketing value
    out: list[tuple[str, float]] = []
    for i, bucket in enumerate(buckets, start=len(args) - len(buckets)):
        ok = (
            isinstance(bucket, list)
            and 1 <= len(bucket) <= 2
            and isinstance(bucket[0], str)
            and (len(bucket) == 1 or _number(bucket[1]))
        )
        if not ok:
            problem(f'flag `{key}`: a `fractional` bucket is ["variant", weight]', [*parts, i])
            continue
        if variants and bucket[0] not in variants:
            problem(
                f"flag `{key}`: `fractional` names unknown variant {json.dumps(bucket[0])}",
                [*parts, i],
            )
        out.append((bucket[0], float(bucket[1]) if len(bucket) == 2 else 1.0))
    return out


def _state(
    key: str,
    state: Any,
    variants: dict[str, Any],
    default: str | None,
    targeting: Any,
    fractions: list[list[tuple[str, float]]],
) -> dict[str, Any]:
    kind = next(iter({_TYPES.get(type(v), "object") for v in variants.values()}), "")
    offs = {n for n, v in variants.items() if _serves_off(n, v, kind)}
    default_on: bool | None = None
    detail = ""
    if state == "DISABLED":
        default_on, detail = False, "state DISABLED"
    elif default in variants and offs:
        default_on = default not in offs
        detail = f"defaultVariant {json.dumps(default)} ({json.dumps(variants[default])})"
    rollout: float | None = None
    rollout_detail = ""
    for weights in fractions:
        total = sum(w for _, w in weights)
        on = sum(w for name, w in weights if name not in offs)
        if total > 0 and offs and (rollout is None or on * 100 / total > rollout):
            rollout = on * 100 / total
            rollout_detail = "fractional " + " / ".join(f"{n} {percent(w)}" for n, w in weights)
    if targeting and default_on:
        detail += ", unless targeting serves another variant first"
    return {
        "key": key,
        "variants": tuple(variants),
        "can_disable": bool(offs),
        "default_on": default_on,
        "default_detail": detail,
        "rollout": rollout,
        "rollout_detail": rollout_detail,
        "kind": kind,
    }


def _serves_off(name: str, value: Any, kind: str) -> bool:
    if kind == "boolean":
        return value is False
    return is_off_value(value) or name.strip().lower() in {"off", "disabled", "control", "false"}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _type(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        str: "a string",
        int: "a number",
        float: "a number",
        dict: "an object",
        list: "an array",
    }.get(type(value), type(value).__name__)


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
    return str(exc)
