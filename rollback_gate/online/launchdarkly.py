"""LaunchDarkly REST API v2: ``GET /api/v2/flags/{project}/{key}?env={environment}``.

RG301 reads the ``offVariation`` (what turning the flag off serves), RG302 the
environment's ``on`` switch and ``fallthrough`` variation, RG303 the fallthrough
``rollout`` weights (thousandths of a percent: 100000 is 100%).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from rollback_gate.config.model import Api
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.flagdefs import FlagState, is_off_value, percent
from rollback_gate.http import Client
from rollback_gate.online import client
from rollback_gate.online.trust import Endpoints

SERVICE = "LaunchDarkly"


def make_client(api: Api, endpoints: Endpoints) -> Client:
    return client(SERVICE, api, "feature_flags.api", "Authorization", endpoints=endpoints)


def fetch(
    http: Client, api: Api, keys: Sequence[str], environment: str | None
) -> dict[str, FlagState | None]:
    """The live state of each key (None: the service has no such flag), one call per key."""
    return {key: _one(http, api, key, environment) for key in keys}


def _one(http: Client, api: Api, key: str, environment: str | None) -> FlagState | None:
    """The live state of ``key`` in ``environment``; None when LaunchDarkly has no such flag."""
    project = api.project or "default"
    params = {"env": environment} if environment else None
    resp = http.get(f"/api/v2/flags/{quote(project)}/{quote(key)}", params, allow=(404,))
    if resp.status == 404:
        return None
    data = resp.json()
    if not isinstance(data, dict) or not isinstance(data.get("variations"), list):
        raise EnvironmentProblem(f"{SERVICE}: {resp.url} answered without `variations`")
    variations: list[Any] = [
        v.get("value") if isinstance(v, dict) else v for v in data["variations"]
    ]
    offs = {i for i, v in enumerate(variations) if is_off_value(v)}
    env = (data.get("environments") or {}).get(environment or "", {})
    if environment and not env:
        raise EnvironmentProblem(
            f"{SERVICE}: flag {key} has no environment {environment!r} (check "
            "feature_flags.environment against the project's environment keys)"
        )
    off_variation = env.get("offVariation")
    can_disable = bool(offs) and (off_variation is None or off_variation in offs)
    default_on: bool | None = None
    detail = ""
    rollout: float | None = None
    rollout_detail = ""
    if env:
        fallthrough = env.get("fallthrough") or {}
        if not env.get("on"):
            default_on, detail = False, f"targeting is off in {environment}"
        elif isinstance(fallthrough.get("variation"), int):
            index = fallthrough["variation"]
            default_on = index not in offs
            detail = f"on in {environment}, fallthrough serves variation {index}"
        elif isinstance(fallthrough.get("rollout"), dict):
            weights = fallthrough["rollout"].get("variations") or []
            total = sum(w.get("weight", 0) for w in weights if isinstance(w, dict))
            on = sum(
                w.get("weight", 0)
                for w in weights
                if isinstance(w, dict) and w.get("variation") not in offs
            )
            if total and offs:
                rollout = on * 100 / total
                rollout_detail = f"fallthrough rollout serves {percent(rollout)}%"
            default_on, detail = False, f"on in {environment} with a percentage rollout"
    return FlagState(
        key=key,
        variants=tuple(str(v) for v in variations),
        can_disable=can_disable,
        default_on=default_on,
        default_detail=detail,
        rollout=rollout,
        rollout_detail=rollout_detail,
        stale=bool(data.get("archived")),
        kind=str(data.get("kind", "")),
    )
