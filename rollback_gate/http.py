"""The one module that talks HTTP (``--online`` only).

One shared ``requests`` session (connection reuse across calls), explicit connect and read
timeouts, bounded retries with exponential backoff on 429 and 5xx that honour
``Retry-After`` (capped, so that a server cannot stall the pipeline), TLS verification always
on. Tokens come only from the environment variables the config names and are masked in every
message. A service that cannot be reached, refuses the token or answers garbage raises
:class:`~rollback_gate.errors.EnvironmentProblem` (exit 4): an online check never passes
because it could not ask.
"""

from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from rollback_gate.config.secrets import mask
from rollback_gate.errors import EnvironmentProblem

if TYPE_CHECKING:
    import requests

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_WAIT_S = 30.0
USER_AGENT = "rollback-gate"

_session: requests.Session | None = None


def session() -> requests.Session:
    """The process-wide session (created on first use: requests costs ~150 ms to import)."""
    global _session
    if _session is None:
        import requests

        _session = requests.Session()
        _session.verify = True  # never turned off: a gate must not trust an unverified answer
        _session.headers["User-Agent"] = USER_AGENT
    return _session


def token_from_env(service: str, name: str | None, key_path: str) -> str | None:
    """The token held by environment variable ``name`` (None when no variable is named)."""
    if not name:
        return None
    if name.upper().startswith("ROLLBACK_GATE_"):
        # The gate's own secrets (the drill signing key…) never leave the machine.
        raise EnvironmentProblem(f"{service}: {key_path} names {name}, a rollback-gate variable")
    value = os.environ.get(name, "")
    if not value:
        raise EnvironmentProblem(
            f"{service}: environment variable {name} (named by {key_path}) is not set; "
            "export the token in it"
        )
    return value


def public_url(url: str) -> str:
    """``url`` without user info, query or fragment: safe to print."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


@dataclass(frozen=True)
class Response:
    """A finished HTTP exchange."""

    service: str
    url: str  # public form
    status: int
    text: str
    secrets: tuple[str, ...] = ()

    def json(self) -> Any:
        """The body as JSON; malformed JSON is an environment problem, not a pass."""
        import json

        try:
            return json.loads(self.text)
        except ValueError as exc:
            raise EnvironmentProblem(
                mask(
                    f"{self.service}: {self.url} answered HTTP {self.status} with malformed "
                    f"JSON ({exc})",
                    self.secrets,
                )
            ) from None


@dataclass
class Client:
    """Calls to one service. ``allow`` statuses (e.g. 404) are returned to the caller."""

    service: str
    base_url: str
    token: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    timeout_s: float = 10.0
    retries: int = 3
    backoff_s: float = 0.5
    max_wait_s: float = MAX_RETRY_WAIT_S
    sleep: Callable[[float], None] | None = None  # None: time.sleep, looked up when used

    def get(
        self, path: str, params: Mapping[str, str] | None = None, allow: tuple[int, ...] = ()
    ) -> Response:
        """GET ``base_url + path``; raises EnvironmentProblem unless 2xx or in ``allow``."""
        import requests

        url = self.base_url.rstrip("/") + path if not path.startswith("http") else path
        shown = public_url(url)
        secrets = (self.token,) if self.token else ()
        timeout = (min(5.0, self.timeout_s), self.timeout_s)
        last = ""
        for attempt in range(self.retries + 1):
            try:
                resp = session().get(
                    url,
                    params=params,
                    headers=dict(self.headers),
                    timeout=timeout,
                    # With a token, a redirect could carry its header to another host or
                    # down to plain http: not followed (requests strips only Authorization).
                    allow_redirects=not self.token,
                )
            except requests.Timeout:
                last = f"no answer within {self.timeout_s:g} s"
                wait = self._backoff(attempt)
            except requests.exceptions.SSLError:
                # Not retried: a certificate does not get better in two seconds.
                raise EnvironmentProblem(
                    f"{self.service}: {shown}: TLS handshake or certificate verification failed"
                ) from None
            except requests.RequestException as exc:
                # The exception text repeats the full URL (query included): name the class only.
                last = f"cannot be reached ({_reason(exc)})"
                wait = self._backoff(attempt)
            else:
                status = resp.status_code
                if 200 <= status < 300 or status in allow:
                    return Response(self.service, shown, status, resp.text, secrets)
                if self.token and 300 <= status < 400:
                    target = public_url(resp.headers.get("Location", "") or "?")
                    raise EnvironmentProblem(
                        mask(
                            f"{self.service}: {shown} redirected (HTTP {status}) to {target}; "
                            "a request with a token does not follow redirects: configure the "
                            "final URL",
                            secrets,
                        )
                    )
                if status in (401, 403):
                    who = "refused the token" if self.token else "requires a token"
                    raise EnvironmentProblem(
                        mask(f"{self.service}: {shown} {who} (HTTP {status})", secrets)
                    )
                if status not in RETRY_STATUSES:
                    raise EnvironmentProblem(
                        mask(f"{self.service}: {shown} answered HTTP {status}", secrets)
                    )
                last = f"answered HTTP {status}"
                wait = self._retry_after(resp.headers.get("Retry-After"), attempt)
            if attempt < self.retries:
                (self.sleep or time.sleep)(wait)
        tries = f"{self.retries + 1} attempt{'s' if self.retries else ''}"
        raise EnvironmentProblem(mask(f"{self.service}: {shown} {last} ({tries})", secrets))

    def _backoff(self, attempt: int) -> float:
        return float(min(self.max_wait_s, self.backoff_s * 2**attempt))

    def _retry_after(self, header: str | None, attempt: int) -> float:
        if header:
            header = header.strip()
            if header.isdigit():
                return min(self.max_wait_s, float(header))
            try:
                when = email.utils.parsedate_to_datetime(header)
            except (TypeError, ValueError):
                when = None
            if when is not None:
                return max(0.0, min(self.max_wait_s, when.timestamp() - time.time()))
        return self._backoff(attempt)


def probe(url: str, timeout_s: float, retries: int = 2) -> tuple[int | None, str]:
    """(status, "") of a GET to ``url``, or (None, why) when nothing answered; never raises."""
    client = Client("health check", url, timeout_s=timeout_s, retries=retries)
    try:
        resp = client.get(url, allow=tuple(range(300, 600)))
    except EnvironmentProblem as exc:
        return None, str(exc).removeprefix("health check: ")
    return resp.status, ""


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker, reason in (
        ("Connection refused", "connection refused"),
        ("Name or service not known", "unknown host"),
        ("nodename nor servname", "unknown host"),
        ("Temporary failure in name resolution", "DNS failure"),
        ("timed out", "connection timed out"),
    ):
        if marker in text:
            return reason
    return type(exc).__name__
