"""Unleash admin API: ``GET /api/admin/projects/{project}/features/{key}``.

The feature's ``environments[]`` carry ``enabled`` and ``strategies``; they are judged with
the same rules as an export file (:func:`rollback_gate.flagdefs.unleash.serve`).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from rollback_gate.config.model import Api
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.flagdefs import FlagState
from rollback_gate.flagdefs.unleash import LIFETIME_DAYS, parse_time, serve
from rollback_gate.http import Client
from rollback_gate.online import client
from rollback_gate.online.trust import Endpoints

SERVICE = "Unleash"


def make_client(api: Api, endpoints: Endpoints) -> Client:
    return client(SERVICE, api, "feature_flags.api", "Authorization", endpoints=endpoints)


def fetch(
    http: Client, api: Api, keys: Sequence[str], environment: str | None
) -> dict[str, FlagState | None]:
    """The live state of each key (None: the service has no such flag), one call per key."""
    return {key: _one(http, api, key, environment) for key in keys}


def _one(http: Client, api: Api, key: str, environment: str | None) -> FlagState | None:
    """The live state of ``key``; None when the project has no such feature."""
    project = api.project or "default"
    resp = http.get(f"/api/admin/projects/{quote(project)}/features/{quote(key)}", allow=(404,))
    if resp.status == 404:
        return None
    data = resp.json()
    if not isinstance(data, dict) or data.get("name") != key:
        raise EnvironmentProblem(f"{SERVICE}: {resp.url} did not answer with feature {key}")
    envs = [e for e in data.get("environments") or [] if isinstance(e, dict)]
    env = next((e for e in envs if e.get("name") == environment), None)
    if environment and env is None:
        names = ", ".join(str(e.get("name")) for e in envs) or "none"
        raise EnvironmentProblem(
            f"{SERVICE}: feature {key} has no environment {environment!r} (it has: {names})"
        )
    enabled = bool(env.get("enabled")) if env else None
    strategies = [s for s in (env or {}).get("strategies") or [] if isinstance(s, dict)]
    default_on, detail, rollout, rollout_detail = serve(enabled, environment, strategies)
    kind = str(data.get("type") or "release")
    return FlagState(
        key=key,
        variants=tuple(
            str(v.get("name")) for v in data.get("variants") or [] if isinstance(v, dict)
        ),
        can_disable=True,
        default_on=default_on,
        default_detail=detail,
        rollout=rollout,
        rollout_detail=rollout_detail,
        stale=data.get("stale") is True,
        created=parse_time(data.get("createdAt")),
        lifetime_days=LIFETIME_DAYS.get(kind, 40),
        kind=kind,
    )
