"""Where ``--online`` may send a token.

The config is written by the change under test, so it cannot be what decides where a
secret goes. A token travels only over HTTPS, only to an endpoint (scheme, host and port)
that the config *at the base commit* already names with the same ``token_env``, or to a
host the operator lists in ``ROLLBACK_GATE_ONLINE_HOSTS`` (comma or space separated,
``host`` or ``host:port``). Variables of the gate itself (``ROLLBACK_GATE_*``) are never
sent. An endpoint that fails these tests is not called and the report's notes say why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from rollback_gate.config.model import Api, Config

HOSTS_ENV = "ROLLBACK_GATE_ONLINE_HOSTS"
OWN_PREFIX = "ROLLBACK_GATE_"


def origin(url: str) -> str:
    """``scheme://host:port`` of ``url`` (default ports made explicit), lower case."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port or {"https": 443, "http": 80}.get(scheme, 0)
    except ValueError:
        port = 0
    return f"{scheme}://{(parts.hostname or '').lower()}:{port}"


@dataclass(frozen=True)
class Endpoints:
    """The endpoints a token may be sent to in this run."""

    named_at_base: frozenset[tuple[str, str]]  # (origin, token_env)
    hosts: frozenset[str]  # from ROLLBACK_GATE_ONLINE_HOSTS
    base_known: bool  # a config at the base was read

    @classmethod
    def build(cls, base: Config | None, env: Mapping[str, str]) -> Endpoints:
        named = frozenset(
            (origin(api.url), api.token_env)
            for _, api in (base.apis() if base is not None else ())
            if api.token_env
        )
        listed = env.get(HOSTS_ENV, "").replace(",", " ").split()
        return cls(named, frozenset(h.lower() for h in listed), base is not None)

    def refusal(self, api: Api) -> str | None:
        """Why ``api``'s token must not be sent (None: it may be)."""
        name = api.token_env
        if not name:
            return None
        if name.upper().startswith(OWN_PREFIX):
            return f"{name} is a variable of rollback-gate itself and is never sent"
        parts = urlsplit(api.url)
        if parts.scheme.lower() != "https":
            return "tokens are sent only over https://"
        host = (parts.hostname or "").lower()
        here = origin(api.url)
        if host in self.hosts or here.split("://", 1)[1] in self.hosts:
            return None
        if (here, name) in self.named_at_base:
            return None
        where = (
            "the config at the base commit does not name this endpoint with this token_env "
            "(it is new in the change under test)"
            if self.base_known
            else "there is no config at a base commit to vouch for it"
        )
        return f"{where}; list the host in {HOSTS_ENV} to trust it"
