"""Clients of the live services behind ``--online``.

Flag providers (``launchdarkly``, ``unleash``, ``flagsmith``) expose
``fetch(client, api, keys, environment) -> {key: FlagState | None}`` (None: no such flag),
so that the live state is judged by the same RG300–RG303 logic as a definitions file.
Monitoring clients (``prometheus``, ``grafana``, ``health``) yield findings. All HTTP goes
through :mod:`rollback_gate.http`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence

from rollback_gate.config.model import Api
from rollback_gate.flagdefs import FlagState
from rollback_gate.http import Client, public_url, token_from_env
from rollback_gate.online.trust import Endpoints

FLAG_SERVICES: dict[str, str] = {
    "launchdarkly": "rollback_gate.online.launchdarkly",
    "unleash": "rollback_gate.online.unleash",
    "flagsmith": "rollback_gate.online.flagsmith",
}

Fetch = Callable[[Client, Api, Sequence[str], "str | None"], "dict[str, FlagState | None]"]


class TokenWithheld(Exception):
    """The service was not called: its token may not go where the config says (a note)."""


def client(
    service: str,
    api: Api,
    key_path: str,
    header: str,
    template: str = "{}",
    *,
    endpoints: Endpoints,
) -> Client:
    """A client for ``api``, its token (from ``api.token_env``) sent as ``header``.

    Raises :class:`TokenWithheld` (before reading the variable) when ``endpoints`` does not
    allow the token to travel to ``api.url``.
    """
    why = endpoints.refusal(api)
    if why:
        raise TokenWithheld(
            f"{service} ({key_path}: {public_url(api.url)}) not called with {api.token_env}: {why}"
        )
    token = token_from_env(service, api.token_env, f"{key_path}.token_env")
    headers = {"Accept": "application/json"}
    if token:
        headers[header] = template.format(token)
    return Client(service, api.url, token=token, headers=headers, timeout_s=api.timeout_s)


def flag_service(provider: str) -> tuple[Fetch, Callable[[Api, Endpoints], Client]] | None:
    """(fetch, make_client) of a flag provider with a live API, or None."""
    name = FLAG_SERVICES.get(provider)
    if name is None:
        return None
    module = importlib.import_module(name)
    return module.fetch, module.make_client
