"""The service's health URL (RG405): it must answer the expected status within the timeout.

Unlike the other clients, a health URL that fails is the finding itself, not an environment
problem: the service is what is being checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from rollback_gate.config.model import HealthCheck
from rollback_gate.http import probe, public_url
from rollback_gate.models import Finding


def check(health: HealthCheck, config_path: str, line: int | None) -> Iterator[Finding]:
    """RG405 when ``health.url`` does not answer ``health.expect_status``."""
    status, why = probe(health.url, health.timeout_s)
    if status == health.expect_status:
        return
    url = public_url(health.url)
    got = f"HTTP {status}" if status is not None else why
    yield Finding(
        "RG405",
        f"GET {url} -> {got}, expected HTTP {health.expect_status}",
        path=config_path,
        line=line,
        fix="bring the service back to health before releasing, or correct monitoring.health_check",
        key=f"RG405:{url}",
    )
