"""Huge and hostile monitoring inputs: findings or notes, never a traceback, in bounded time."""

from __future__ import annotations

import time
from pathlib import Path

from rollback_gate.monitor.dashboards import MAX_DASHBOARD_BYTES, check_dashboard
from rollback_gate.monitor.manifests import history_disabled, inspect
from rollback_gate.monitor.prometheus import check_file
from rollback_gate.monitor.promql import check_expr, selects
from rollback_gate.tree import Tree


def _tree(tmp_path: Path, files: dict[str, str | bytes]) -> Tree:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return Tree(tmp_path, use_git=False)


def test_two_thousand_rules() -> None:
    rules = "".join(
        f'      - alert: A{i}\n        expr: rate(x{{job="j{i}"}}[5m]) > {i}\n' for i in range(2000)
    )
    text = f"groups:\n  - name: big\n    rules:\n{rules}"
    started = time.perf_counter()
    result = check_file("big.yml", text)
    assert time.perf_counter() - started < 3.0
    assert len(result.alerts) == 2000
    assert [f.rule for f in result.findings] == ["RG403"] * 2000
    assert result.findings[-1].line == 4 + 2 * 1999


def test_promql_edge_cases() -> None:
    assert "syntax error" in check_expr("sum(rate(x[5m])", alerting=True)
    assert "syntax error" in check_expr("sum(rate(x[5m])))", alerting=True)
    assert "template" in check_expr('x{a="{{ $value }}"}', alerting=True)
    assert "range vector" in check_expr("x[5m:1m]", alerting=True)
    assert "string" in check_expr('"text"', alerting=False)
    assert check_expr("vector(1)", alerting=True) == ""
    assert "syntax error" in check_expr("(" * 5000, alerting=True)


def test_selects_service() -> None:
    assert selects('rate(x{job="checkout-api"}[5m]) > 0', "checkout-api")
    assert selects('up{app=~"checkout-.*"} == 0', "checkout-api")
    assert selects('up{app=~"other" or job="checkout-api"}', "checkout-api")
    assert not selects('up{app=~"checkout"} == 0', "checkout-api")  # anchored
    assert not selects('up{job!="checkout-api"} == 0', "checkout-api")
    assert not selects('up{job="checkout-api-canary"} == 0', "checkout-api")
    assert not selects("sum(rate(x[5m])", "checkout-api")


def test_rule_files_that_are_not_rule_files() -> None:
    texts = [
        "",
        "- a\n- b\n",
        "groups: 3\n",
        "kind: Deployment\n",
        "a: [\n",
        "\t- x",
        "[" * 300_000,
    ]
    for text in texts:
        findings = check_file("r.yml", text).findings
        assert findings and all(f.rule == "RG401" and f.message for f in findings)


def test_twenty_megabyte_dashboard_is_a_finding(tmp_path: Path) -> None:
    big = b'{"uid": "a", "title": "t", "panels": [' + b'{"type": "text"},' * 1_300_000 + b"{}]}"
    assert len(big) > 20 * 1024 * 1024
    tree = _tree(tmp_path, {"big.json": big})
    started = time.perf_counter()
    result = check_dashboard(tree, "big.json")
    assert time.perf_counter() - started < 1.0
    assert [f.rule for f in result.findings] == ["RG404"]
    assert f"{MAX_DASHBOARD_BYTES:,}-byte limit" in result.findings[0].message


def test_binary_dashboard(tmp_path: Path) -> None:
    tree = _tree(tmp_path, {"d.json": b"\xff\xfe\x00garbage"})
    assert [f.rule for f in check_dashboard(tree, "d.json").findings] == ["RG404"]


def test_five_hundred_documents_with_anchors(tmp_path: Path) -> None:
    docs = ["x-base: &container\n  name: app\n  image: app:1\n"]
    for i in range(500):
        docs.append(
            f"apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: d{i}}}\n"
            "spec:\n  revisionHistoryLimit: 0\n  template:\n    spec:\n"
            "      containers:\n        - *container\n"
        )
    # Anchors do not cross documents in YAML, so each document defines its own.
    text = "---\n".join(d.replace("- *container", "- &c {name: app, image: app:1}") for d in docs)
    tree = _tree(tmp_path, {"deploy/all.yaml": text})
    started = time.perf_counter()
    report = inspect(tree, ["deploy/*.yaml"])
    history = list(history_disabled(tree, ["deploy/*.yaml"]))
    assert time.perf_counter() - started < 3.0
    assert report.workloads == 500
    assert [f.rule for f in report.findings] == ["RG406"] * 500
    assert [f.rule for f in history] == ["RG120"] * 500
    assert history[0].line == 9  # revisionHistoryLimit of the first Deployment


def test_alias_bomb_is_not_expanded(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    bomb = (
        "\n".join(lines) + "\nkind: Deployment\nmetadata: {name: bomb}\nspec:\n"
        "  template:\n    spec:\n      containers: *a11\n"
    )
    tree = _tree(tmp_path, {"m.yaml": bomb})
    started = time.perf_counter()
    report = inspect(tree, ["m.yaml"])
    assert time.perf_counter() - started < 2.0
    assert all(f.rule == "RG406" for f in report.findings)


def test_invalid_and_templated_manifests_are_noted(tmp_path: Path) -> None:
    tree = _tree(
        tmp_path,
        {
            "chart/templates/deploy.yaml": "spec:\n  replicas: {{ .Values.replicas }}\n  x: [\n",
            "ok.yaml": "kind: Deployment\nmetadata: {name: ok}\nspec:\n  template:\n    spec:\n"
            "      containers: [{name: a, readinessProbe: {exec: {command: [true]}}}]\n",
        },
    )
    report = inspect(tree, ["**/*.yaml"])
    assert report.findings == []
    assert (
        len(report.notes) == 1
        and "chart/templates/deploy.yaml is not valid YAML" in (report.notes[0])
    )


def test_history_kept_is_not_reported(tmp_path: Path) -> None:
    tree = _tree(
        tmp_path,
        {
            "a.yaml": "kind: Deployment\nmetadata: {name: a}\nspec: {revisionHistoryLimit: 3}\n",
            "b.yaml": "kind: ConfigMap\nmetadata: {name: b}\nspec: {revisionHistoryLimit: 0}\n",
            "c.yaml": "kind: Rollout\nmetadata: {name: c}\nspec:\n  revisionHistoryLimit: 0\n",
        },
    )
    found = list(history_disabled(tree, ["*.yaml"]))
    assert [(f.rule, f.path, f.line) for f in found] == [("RG120", "c.yaml", 4)]


def test_deep_flow_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    # libyaml's composer would overflow the C stack (segfault) on this file.
    tree = _tree(tmp_path, {"deep.yaml": "a: " + "[" * 300_000})
    report = inspect(tree, ["deep.yaml"])
    assert report.findings == [] and "nested more than 1000 levels" in report.notes[0]


def test_rollout_templates_missing_from_the_manifests_are_noted(tmp_path: Path) -> None:
    rollout = (
        "kind: Rollout\nmetadata: {name: web}\nspec:\n  strategy:\n    canary:\n"
        "      analysis: {templates: [{templateName: success-rate}]}\n"
        "      steps:\n        - analysis: {templates: [{templateName: latency}]}\n"
        "  template:\n    spec:\n      containers: [{name: a, readinessProbe: {tcpSocket: "
        "{port: 80}}}]\n---\nkind: AnalysisTemplate\nmetadata: {name: success-rate}\n"
        "spec:\n  metrics: [{name: m, successCondition: 'result[0] > 0.9'}]\n"
    )
    report = inspect(_tree(tmp_path, {"r.yaml": rollout}), ["r.yaml"])
    assert report.findings == []
    assert len(report.notes) == 1 and "analysis template latency" in report.notes[0]
