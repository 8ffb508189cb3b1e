"""``--online`` checks against a real local server speaking each service's documented shapes.

LaunchDarkly (``/api/v2/flags/{project}/{key}?env=``), Unleash admin
(``/api/admin/projects/{project}/features/{key}``), Flagsmith (``/api/v1/flags/``),
Prometheus (``/api/v1/rules``), Grafana (``/api/dashboards/uid/{uid}``) and the health URL.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from rollback_gate.checks import Context, flags, monitoring
from rollback_gate.config.loader import parse
from rollback_gate.errors import EnvironmentProblem
from rollback_gate.models import Finding
from rollback_gate.tree import Tree

TOKEN = "api-0123456789-secret"


@pytest.fixture
def server(
    tls_server: HTTPServer, trust_ca: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[HTTPServer]:
    """The HTTPS server, its host trusted by the operator (ROLLBACK_GATE_ONLINE_HOSTS)."""
    monkeypatch.setenv("SVC_TOKEN", TOKEN)
    monkeypatch.setenv("ROLLBACK_GATE_ONLINE_HOSTS", "127.0.0.1")
    yield tls_server
    tls_server.clear()


def _run(
    tmp_path: Path, config: str, item: str, files: dict[str, str] | None = None
) -> tuple[list[Finding], Context]:
    for name, text in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    ctx = Context(
        root=tmp_path,
        config=parse(config, "deploy-readiness.yml", tmp_path),
        tree=Tree(tmp_path, use_git=False),
        online=True,
    )
    module = flags if item == "flags" else monitoring
    return list(module.check(ctx)), ctx


def _flags_config(provider: str, url: str, keys: list[str], project: str = "web") -> str:
    listed = "".join(f"\n    - key: {k}" for k in keys)
    return (
        f"version: 1\nfeature_flags:\n  provider: {provider}\n  environment: production\n"
        f'  api: {{url: "{url}", token_env: SVC_TOKEN, project: {project}, timeout_s: 2}}\n'
        f"  flags:{listed}\n"
    )


def _live(findings: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.key.split(":")[1]) for f in findings if f.key.endswith(":live"))


LD_FLAG = {
    "key": "new-checkout",
    "kind": "boolean",
    "variations": [{"value": True}, {"value": False}],
    "environments": {
        "production": {"on": True, "offVariation": 1, "fallthrough": {"variation": 0}},
    },
}
LD_ROLLOUT = {
    "key": "gradual",
    "variations": [{"value": True}, {"value": False}],
    "environments": {
        "production": {
            "on": True,
            "offVariation": 1,
            "fallthrough": {
                "rollout": {
                    "variations": [
                        {"variation": 0, "weight": 100000},
                        {"variation": 1, "weight": 0},
                    ]
                }
            },
        }
    },
}
LD_NO_OFF = {
    "key": "no-off",
    "variations": [{"value": "v2"}, {"value": "v3"}],
    "environments": {
        "production": {"on": False, "offVariation": 0, "fallthrough": {"variation": 0}}
    },
}


def test_launchdarkly(server: HTTPServer, tmp_path: Path) -> None:
    for body in (LD_FLAG, LD_ROLLOUT, LD_NO_OFF):
        server.expect_request(
            f"/api/v2/flags/web/{body['key']}",
            query_string={"env": "production"},
            headers={"Authorization": TOKEN},
        ).respond_with_json(body)
    server.expect_request("/api/v2/flags/web/ghost").respond_with_json({"code": "not_found"}, 404)
    config = _flags_config(
        "launchdarkly", server.url_for(""), ["new-checkout", "gradual", "no-off", "ghost"]
    )
    findings, _ = _run(tmp_path, config, "flags")
    assert _live(findings) == [
        ("RG300", "ghost"),
        ("RG301", "no-off"),
        ("RG302", "new-checkout"),
        ("RG303", "gradual"),
    ]
    assert all(f.path == "deploy-readiness.yml" and f.line for f in findings if "live" in f.key)


def test_unleash_admin_api(server: HTTPServer, tmp_path: Path) -> None:
    feature = {
        "name": "new-checkout",
        "type": "release",
        "stale": True,
        "environments": [
            {"name": "development", "enabled": True, "strategies": [{"name": "default"}]},
            {
                "name": "production",
                "enabled": True,
                "strategies": [
                    {"name": "flexibleRollout", "parameters": {"rollout": "100"}, "constraints": []}
                ],
            },
        ],
    }
    server.expect_request(
        "/api/admin/projects/web/features/new-checkout", headers={"Authorization": TOKEN}
    ).respond_with_json(feature)
    server.expect_request("/api/admin/projects/web/features/ghost").respond_with_data("", 404)
    config = _flags_config("unleash", server.url_for(""), ["new-checkout", "ghost"])
    findings, _ = _run(tmp_path, config, "flags", {"src/a.py": "'new-checkout' 'ghost'"})
    assert _live(findings) == [
        ("RG300", "ghost"),
        ("RG303", "new-checkout"),
        ("RG306", "new-checkout"),
    ]


def test_unleash_unknown_environment_is_an_environment_problem(
    server: HTTPServer, tmp_path: Path
) -> None:
    server.expect_request("/api/admin/projects/web/features/x").respond_with_json(
        {"name": "x", "environments": [{"name": "dev", "enabled": True}]}
    )
    with pytest.raises(EnvironmentProblem, match="no environment 'production'"):
        _run(tmp_path, _flags_config("unleash", server.url_for(""), ["x"]), "flags")


def test_flagsmith_environment_flags(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request("/api/v1/flags/", headers={"X-Environment-Key": TOKEN}).respond_with_json(
        [
            {
                "feature": {"name": "new-checkout", "type": "STANDARD"},
                "enabled": True,
                "feature_state_value": None,
            },
            {
                "feature": {"name": "dark", "type": "STANDARD"},
                "enabled": False,
                "feature_state_value": None,
            },
        ]
    )
    config = _flags_config("flagsmith", server.url_for(""), ["new-checkout", "dark", "ghost"])
    findings, _ = _run(tmp_path, config, "flags")
    assert _live(findings) == [("RG300", "ghost"), ("RG302", "new-checkout")]
    assert len(server.log) == 1  # one listing for all keys


@pytest.mark.parametrize(
    ("status", "match"),
    [(401, "refused the token"), (500, "HTTP 500"), (200, "malformed JSON")],
)
def test_flag_service_failures_stop_the_run(
    server: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    status: int,
    match: str,
) -> None:
    body = "{not json" if status == 200 else "error"
    server.expect_request("/api/v2/flags/web/a").respond_with_data(body, status=status)
    config = _flags_config("launchdarkly", server.url_for(""), ["a"])
    waits: list[float] = []
    monkeypatch.setattr(time, "sleep", waits.append)  # http looks time.sleep up per call
    with pytest.raises(EnvironmentProblem, match=match) as exc:
        _run(tmp_path, config, "flags")
    assert waits == ([0.5, 1.0, 2.0] if status == 500 else [])
    assert TOKEN not in str(exc.value)
    assert "LaunchDarkly" in str(exc.value)


PROM_RULES = """groups:
  - name: checkout
    rules:
      - alert: CheckoutDown
        expr: up{job="checkout-api"} == 0
        annotations: {runbook_url: https://runbooks.example.com/down}
      - alert: CheckoutErrors
        expr: rate(errors_total{job="checkout-api"}[5m]) > 1
        annotations: {runbook_url: https://runbooks.example.com/errors}
      - alert: CheckoutLatency
        expr: histogram_quantile(0.99, rate(latency_bucket{job="checkout-api"}[5m])) > 1
        annotations: {runbook_url: https://runbooks.example.com/latency}
"""
DASHBOARD = '{"uid": "%s", "title": "T", "panels": [{"type": "stat"}]}'


def test_prometheus_grafana_and_health(server: HTTPServer, tmp_path: Path) -> None:
    server.expect_request(
        "/api/v1/rules",
        query_string={"type": "alert"},
        headers={"Authorization": f"Bearer {TOKEN}"},
    ).respond_with_json(
        {
            "status": "success",
            "data": {
                "groups": [
                    {
                        "name": "checkout",
                        "file": "/etc/prometheus/rules/checkout.yml",
                        "rules": [
                            {
                                "name": "CheckoutDown",
                                "type": "alerting",
                                "health": "ok",
                                "query": "up == 0",
                                "state": "inactive",
                            },
                            {
                                "name": "CheckoutErrors",
                                "type": "alerting",
                                "health": "err",
                                "lastError": "many-to-many matching not allowed",
                                "query": "x",
                                "state": "inactive",
                            },
                        ],
                    }
                ]
            },
        }
    )
    server.expect_request("/api/dashboards/uid/live").respond_with_json(
        {"dashboard": {"uid": "live"}, "meta": {}}
    )
    server.expect_request("/api/dashboards/uid/gone").respond_with_json({"message": "x"}, 404)
    server.expect_request("/readyz").respond_with_data("unhealthy", status=503)
    url = server.url_for("")
    config = (
        "version: 1\nservice: checkout-api\nmonitoring:\n"
        '  alerts: ["rules.yml"]\n  dashboards: ["dash/*.json"]\n'
        f'  health_check: {{url: "{url}/readyz", expect_status: 200, timeout_s: 2}}\n'
        f'  prometheus: {{url: "{url}", token_env: SVC_TOKEN}}\n'
        f'  grafana: {{url: "{url}", token_env: SVC_TOKEN}}\n'
    )
    files = {
        "rules.yml": PROM_RULES,
        "dash/live.json": DASHBOARD % "live",
        "dash/gone.json": DASHBOARD % "gone",
    }
    findings, _ = _run(tmp_path, config, "monitoring", files)
    got = sorted((f.rule, f.path, f.line) for f in findings)
    assert got == [
        ("RG401", "rules.yml", 7),  # loaded but failing to evaluate
        ("RG401", "rules.yml", 10),  # not loaded
        ("RG404", "dash/gone.json", None),
        ("RG405", "deploy-readiness.yml", 6),
    ]
    rg405 = next(f for f in findings if f.rule == "RG405")
    assert "HTTP 503" in rg405.message and "expected HTTP 200" in rg405.message


def test_health_slow_and_ok(server: HTTPServer, tmp_path: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response("ok")

    server.expect_request("/slow").respond_with_handler(slow)
    server.expect_request("/ok").respond_with_data("ok")
    url = server.url_for("")
    base = 'version: 1\nmonitoring:\n  health_check: {url: "%s", timeout_s: 0.3}\n'
    findings, _ = _run(tmp_path, base % f"{url}/ok", "monitoring")
    assert findings == []
    findings, _ = _run(tmp_path, base % f"{url}/slow", "monitoring")
    assert [f.rule for f in findings] == ["RG405"]
    assert "no answer within 0.3 s" in findings[0].message
