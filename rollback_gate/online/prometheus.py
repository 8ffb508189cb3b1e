"""Prometheus HTTP API: ``GET /api/v1/rules?type=alert``.

Every alert declared in the repository's rule files must be loaded (same name) and healthy
(``health`` is not ``err``); otherwise it cannot fire, whatever the file says (RG401).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rollback_gate.config.model import Api
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.models import Finding
from rollback_gate.monitor.prometheus import Alert
from rollback_gate.online import client
from rollback_gate.online.trust import Endpoints

SERVICE = "Prometheus"


def check(api: Api, alerts: Iterable[Alert], endpoints: Endpoints) -> Iterator[Finding]:
    """RG401 for declared alerts that the live Prometheus has not loaded or cannot evaluate."""
    http = client(
        SERVICE, api, "monitoring.prometheus", "Authorization", "Bearer {}", endpoints=endpoints
    )
    resp = http.get("/api/v1/rules", {"type": "alert"})
    data = resp.json()
    groups = data.get("data", {}).get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list) or data.get("status") != "success":
        raise EnvironmentProblem(f"{SERVICE}: {resp.url} did not answer with rule groups")
    live: dict[str, dict[str, object]] = {}
    for group in groups:
        for rule in group.get("rules", []) if isinstance(group, dict) else []:
            named = isinstance(rule, dict) and isinstance(rule.get("name"), str)
            # A healthy copy wins over a broken one with the same name.
            if named and (rule["name"] not in live or rule.get("health") != "err"):
                live[rule["name"]] = rule
    for alert in alerts:
        rule = live.get(alert.name)
        if rule is None:
            yield _finding(
                alert,
                f"alert {alert.name} is not loaded in {SERVICE} ({resp.url})",
                "deploy the rule file to Prometheus (rule_files / PrometheusRule)",
            )
        elif rule.get("health") == "err":
            error = str(rule.get("lastError") or "no error text")
            yield _finding(
                alert,
                f"alert {alert.name} fails to evaluate in {SERVICE}: {error}",
                "fix the expression so that Prometheus can evaluate it",
            )


def _finding(alert: Alert, message: str, fix: str) -> Finding:
    return Finding(
        "RG401",
        message,
        path=alert.path,
        line=alert.line,
        fix=fix,
        key=f"RG401:live:{alert.path}:{alert.name}",
    )
