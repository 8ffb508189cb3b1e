"""Grafana HTTP API: ``GET /api/dashboards/uid/{uid}`` for every dashboard in the repo.

A dashboard that Grafana does not have (404) cannot be looked at during the incident (RG404).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import quote

from rollback_gate.config.model import Api
from rollback_gate.models import Finding
from rollback_gate.online import client
from rollback_gate.online.trust import Endpoints

SERVICE = "Grafana"


def check(
    api: Api, dashboards: Iterable[tuple[str, str]], endpoints: Endpoints
) -> Iterator[Finding]:
    """RG404 for each (path, uid) that the live Grafana does not serve."""
    http = client(
        SERVICE, api, "monitoring.grafana", "Authorization", "Bearer {}", endpoints=endpoints
    )
    for path, uid in dashboards:
        resp = http.get(f"/api/dashboards/uid/{quote(uid)}", allow=(404,))
        if resp.status == 404:
            yield Finding(
                "RG404",
                f"dashboard {uid} is not in {SERVICE} ({resp.url})",
                path=path,
                line=None,
                fix="provision or import the dashboard into Grafana",
                key=f"RG404:live:{uid}",
            )
        else:
            resp.json()  # a 200 that is not JSON is a broken service, not a pass
