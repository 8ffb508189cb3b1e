"""Flagsmith environment flags: ``GET /api/v1/flags/`` with the ``X-Environment-Key``.

The environment key (from ``token_env``) selects the environment. A Flagsmith flag can
always be disabled; RG302 reads its ``enabled`` state and value. Percentage splits are not
exposed by this endpoint, so RG303 is not judged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rollback_gate.config.model import Api
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.flagdefs import FlagState, is_off_value
from rollback_gate.http import Client
from rollback_gate.online import client
from rollback_gate.online.trust import Endpoints

SERVICE = "Flagsmith"


def make_client(api: Api, endpoints: Endpoints) -> Client:
    return client(SERVICE, api, "feature_flags.api", "X-Environment-Key", endpoints=endpoints)


def fetch(
    http: Client, api: Api, keys: Sequence[str], environment: str | None
) -> dict[str, FlagState | None]:
    """The live state of each key in the token's environment (None: not there). One call."""
    resp = http.get("/api/v1/flags/")
    data = resp.json()
    if not isinstance(data, list):
        raise EnvironmentProblem(f"{SERVICE}: {resp.url} did not answer with a list of flags")
    listed: dict[str, dict[str, Any]] = {}
    for item in data:
        feature = item.get("feature") if isinstance(item, dict) else None
        if isinstance(feature, dict) and isinstance(feature.get("name"), str):
            listed[feature["name"]] = item
    return {key: _state(key, listed[key], environment) if key in listed else None for key in keys}


def _state(key: str, item: dict[str, Any], environment: str | None) -> FlagState:
    enabled = item.get("enabled") is True
    value = item.get("feature_state_value")
    where = f" in {environment}" if environment else ""
    detail = f"disabled{where}"
    if enabled:
        detail = f"enabled{where}" + (f" with value {value!r}" if value is not None else "")
    return FlagState(
        key=key,
        variants=("enabled", "disabled"),
        can_disable=True,
        default_on=enabled and (value is None or not is_off_value(value)),
        default_detail=detail,
        kind=str(item["feature"].get("type", "")),
    )
