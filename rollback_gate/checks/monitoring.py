"""Checklist item ``monitoring``: would we notice a bad release?

RG400 when no alerts, dashboards or health check are declared. Prometheus rule files and
PrometheusRule manifests under ``monitoring.alerts``: RG401 (promtool-equivalent validation,
PromQL parsed), RG402 (no alert selects the service), RG403 (no runbook_url). Grafana
dashboards: RG404. Manifests under ``rollback.manifests``: RG406 (readinessProbe) and RG121
(Argo/Flagger analysis that can never fail). With ``--online``: RG405 (health URL), and the
live Prometheus and Grafana confirm that the declared alerts and dashboards are loaded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rollback_gate.checks import Context
from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding

if TYPE_CHECKING:  # (the readers are imported where a section asks for them)
    from rollback_gate.monitor.prometheus import Alert


def applies(ctx: Context) -> bool:
    rollback = ctx.config.rollback
    return ctx.config.monitoring is not None or bool(rollback and rollback.manifests)


def check(ctx: Context) -> Iterator[Finding]:
    mon = ctx.config.monitoring
    if mon is None or not (mon.alerts or mon.dashboards or mon.health_check):
        yield ctx.at_config(
            "RG400",
            "no alert rules, dashboards or health check declared: nobody would notice a bad "
            "release",
            "monitoring",
            key="RG400",
        )
    alerts: list[Alert] = []
    uids: list[tuple[str, str]] = []
    if mon is not None and mon.alerts:
        yield from _rule_files(ctx, mon.alerts, alerts)
        yield from _service_alerted(ctx, alerts)
    if mon is not None and mon.dashboards:
        yield from _dashboards(ctx, mon.dashboards, uids)
    if ctx.config.rollback is not None and ctx.config.rollback.manifests:
        from rollback_gate.monitor.manifests import inspect

        report = inspect(ctx.tree, ctx.config.rollback.manifests)
        ctx.notes.extend(report.notes)
        yield from report.findings
    if ctx.online and mon is not None:
        yield from _online(ctx, alerts, uids)


def _rule_files(ctx: Context, globs: tuple[str, ...], alerts: list[Alert]) -> Iterator[Finding]:
    from rollback_gate.deploy.sources import chart_roots, is_template
    from rollback_gate.monitor.prometheus import check_file

    paths = ctx.tree.glob(globs)
    if not paths:
        yield ctx.at_config(
            "RG401",
            f"no file matches monitoring.alerts ({', '.join(globs)})",
            "monitoring.alerts",
            fix="commit the rule files, or correct the globs",
        )
    roots = chart_roots(ctx.tree)
    for path in paths:
        try:
            text = ctx.tree.read_text(path)
        except Unreadable as exc:
            yield Finding("RG401", f"rule file {exc.reason}", path=path, key=f"RG401:{path}")
            continue
        if "{{" in text and is_template(path, roots):
            ctx.notes.append(
                f"monitoring: {path} is a Helm template (not YAML until rendered); its rules "
                "were not checked: point monitoring.alerts at a rendered copy "
                "(`helm template`) to check them"
            )
            continue
        result = check_file(path, text)
        alerts.extend(result.alerts)
        yield from result.findings


def _service_alerted(ctx: Context, alerts: list[Alert]) -> Iterator[Finding]:
    service = ctx.config.service
    if not service:
        ctx.notes.append("monitoring: no `service` in the config; RG402 not checked")
        return
    from rollback_gate.monitor.promql import selects

    for alert in alerts:
        if service in alert.labels.values() or selects(alert.expr, service):
            return
    count = f"{len(alerts)} alert{'s' if len(alerts) != 1 else ''} found"
    yield ctx.at_config(
        "RG402",
        f"no alert in monitoring.alerts ({count}) selects service {service} "
        "by a job/service/app matcher or an alert label",
        "monitoring.alerts",
        fix=f'add an alert on the service, e.g. rate(errors_total{{job="{service}"}}[5m]) > 0.05',
        key="RG402",
    )


def _dashboards(
    ctx: Context, globs: tuple[str, ...], uids: list[tuple[str, str]]
) -> Iterator[Finding]:
    from rollback_gate.monitor.dashboards import check_dashboard

    paths = ctx.tree.glob(globs)
    if not paths:
        yield ctx.at_config(
            "RG404",
            f"no file matches monitoring.dashboards ({', '.join(globs)})",
            "monitoring.dashboards",
            fix="commit the dashboard JSON, or correct the globs",
        )
    for path in paths:
        result = check_dashboard(ctx.tree, path)
        if result.uid:
            uids.append((path, result.uid))
        yield from result.findings


def _online(ctx: Context, alerts: list[Alert], uids: list[tuple[str, str]]) -> Iterator[Finding]:
    mon = ctx.config.monitoring
    assert mon is not None
    if mon.health_check is not None:
        from rollback_gate.online import health

        line = ctx.config_line("monitoring.health_check.url")
        yield from health.check(mon.health_check, ctx.config.path, line)
    from rollback_gate.online import TokenWithheld

    try:
        if mon.prometheus is not None and alerts:
            from rollback_gate.online import prometheus

            yield from prometheus.check(mon.prometheus, alerts, ctx.trusted_endpoints())
    except TokenWithheld as exc:
        ctx.notes.append(f"monitoring: {exc}")
    try:
        if mon.grafana is not None and uids:
            from rollback_gate.online import grafana

            yield from grafana.check(mon.grafana, uids, ctx.trusted_endpoints())
    except TokenWithheld as exc:
        ctx.notes.append(f"monitoring: {exc}")
    if mon.prometheus is None and mon.grafana is None:
        ctx.notes.append(
            "monitoring: --online checks Prometheus and Grafana when monitoring.prometheus / "
            "monitoring.grafana are set"
        )
