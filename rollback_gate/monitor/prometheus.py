"""Prometheus rule files and PrometheusRule manifests, checked like ``promtool check rules``.

Structure (unknown fields rejected, groups named and unique, exactly one of record/alert,
valid metric and label names, recording rules without ``for``/annotations, durations) and
every ``expr`` parsed as PromQL by ``promql-parser``. An alert whose expression is a range
vector, and a ``{{ template }}`` pasted into an ``expr`` (templates only work in labels and
annotations), are rejected too. Findings are RG401 (invalid) and RG403 (no runbook_url);
the alerts found are returned for RG402 and the online check.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rollback_gate import lazyre
from rollback_gate.models import Finding
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.monitor.yamlnodes import Node

GROUP_KEYS = frozenset({"name", "interval", "query_offset", "limit", "rules", "labels"})
RULE_KEYS = frozenset(
    {"record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"}
)
METRIC_NAME = lazyre.compile(r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
LABEL_NAME = lazyre.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
DURATION = lazyre.compile(r"^((\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?|0)$")


@dataclass(frozen=True)
class Alert:
    """One alerting rule, with what RG402 matches against the service name."""

    name: str
    path: str
    line: int
    group: str
    expr: str
    labels: dict[str, str]
    has_runbook: bool


@dataclass
class RuleFile:
    path: str
    alerts: list[Alert] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    groups: int = 0


def check_file(path: str, text: str) -> RuleFile:
    """Validate one rule file (plain or PrometheusRule manifests)."""
    out = RuleFile(path)
    docs, error = yn.documents(text)
    if error is not None:
        out.findings.append(_bad(path, error.line, error.message))
    for doc in docs:
        if yn.text(yn.get(doc, "kind")) == "PrometheusRule":
            spec = yn.get(doc, "spec")
            for dup, ln in yn.duplicate_keys(spec) if spec is not None else []:
                out.findings.append(_bad(path, ln, f"spec: key {dup!r} is repeated"))
            _groups(out, yn.get(spec, "groups"), spec or doc, "spec.")
        elif yn.get(doc, "groups") is not None or yn.get(doc, "kind") is None:
            for name, (knode, _) in yn.members(doc).items():
                if name != "groups":
                    out.findings.append(_bad(path, yn.line(knode), f"unknown field {name!r}"))
            _groups(out, yn.get(doc, "groups"), doc, "")
    if out.groups == 0 and error is None:
        out.findings.append(
            _bad(
                path,
                None,
                "no rule groups: neither a Prometheus rule file (`groups:`) "
                "nor a PrometheusRule manifest",
            )
        )
    return out


def _bad(path: str, line: int | None, message: str) -> Finding:
    return Finding("RG401", message, path=path, line=line, key=f"RG401:{path}:{message}")


def _groups(out: RuleFile, node: Node | None, parent: Node, prefix: str) -> None:
    if node is None:
        out.findings.append(_bad(out.path, yn.line(parent), f"{prefix}groups is missing"))
        return
    if yn.kind_of(node) != "sequence":
        out.findings.append(_bad(out.path, yn.line(node), f"{prefix}groups must be a list"))
        return
    seen: set[str] = set()
    for group in yn.items(node):
        out.groups += 1
        fields = yn.members(group)
        name = yn.text(yn.get(group, "name")) or ""
        where = f"group {name!r}" if name else f"group at line {yn.line(group)}"
        if not fields:
            out.findings.append(_bad(out.path, yn.line(group), f"{where} must be a mapping"))
            continue
        problems = [f"unknown field {k!r}" for k in fields if k not in GROUP_KEYS]
        problems += [f"key {k!r} is repeated" for k, _ in yn.duplicate_keys(group)]
        if not name:
            problems.append("has no name")
        elif name in seen:
            problems.append("name is repeated in the same file")
        seen.add(name)
        for key in ("interval", "query_offset"):
            if not _duration(yn.get(group, key)):
                problems.append(f"{key} {yn.text(yn.get(group, key))!r} is not a duration")
        for message in problems:
            out.findings.append(_bad(out.path, yn.line(group), f"{where}: {message}"))
        rules = yn.get(group, "rules")
        if rules is not None and yn.text(rules) is None and yn.kind_of(rules) != "sequence":
            out.findings.append(_bad(out.path, yn.line(rules), f"{where}: rules must be a list"))
            continue
        for rule in yn.items(rules):
            _rule(out, name, rule)


def _rule(out: RuleFile, group: str, rule: Node) -> None:
    from rollback_gate.monitor.promql import check_expr

    fields = yn.members(rule)

    def field(key: str) -> Node | None:
        return fields[key][1] if key in fields else None

    alert = yn.text(field("alert"))
    record = yn.text(field("record"))
    label = f"alert {alert!r}" if alert else f"record {record!r}" if record else "rule"
    where = f"group {group!r}, {label}"
    ln = yn.line(rule)
    problems: list[tuple[str, int]] = [
        (f"unknown field {k!r}", yn.line(n)) for k, (n, _) in fields.items() if k not in RULE_KEYS
    ]
    problems += [(f"key {k!r} is repeated", kl) for k, kl in yn.duplicate_keys(rule)]
    if ("alert" in fields) == ("record" in fields):
        problems.append(("needs exactly one of `alert` and `record`", ln))
    elif record is not None and not METRIC_NAME.match(record):
        problems.append((f"record name {record!r} is not a valid metric name", ln))
    elif "alert" in fields and not alert:
        problems.append(("alert name is empty", ln))
    if record is not None:
        for key in ("for", "keep_firing_for", "annotations"):
            if key in fields:
                problems.append((f"a recording rule cannot have `{key}`", yn.line(fields[key][0])))
    for key in ("for", "keep_firing_for"):
        if not _duration(field(key)):
            problems.append((f"`{key}` {yn.text(field(key))!r} is not a duration such as 5m", ln))
    labels = _string_map(field("labels"), "labels", problems)
    annotations = _string_map(field("annotations"), "annotations", problems)
    expr_node = field("expr")
    expr = yn.text(expr_node)
    if not expr or not expr.strip():
        problems.append(("`expr` is missing or empty", ln))
    elif error := check_expr(expr, alerting=alert is not None):
        problems.append((f"expr: {error}", yn.line(expr_node or rule)))
    for message, at in problems:
        out.findings.append(_bad(out.path, at, f"{where}: {message}"))
    if alert:
        has_runbook = bool(annotations.get("runbook_url", "").strip())
        out.alerts.append(Alert(alert, out.path, ln, group, expr or "", labels, has_runbook))
        if not has_runbook:
            out.findings.append(
                Finding(
                    "RG403",
                    f"{where} has no runbook_url annotation",
                    path=out.path,
                    line=ln,
                    fix=f"add `annotations: {{runbook_url: https://…}}` to alert {alert}",
                    key=f"RG403:{out.path}:{group}:{alert}",
                )
            )


def _duration(node: Node | None) -> bool:
    """True when absent, null or a Prometheus duration (``1h30m``, ``0``)."""
    if node is None or yn.kind_of(node) == "null":
        return True
    value = yn.text(node)
    return value is not None and value != "" and DURATION.match(value) is not None


def _string_map(node: Node | None, key: str, problems: list[tuple[str, int]]) -> dict[str, str]:
    if node is None:
        return {}
    if yn.kind_of(node) != "mapping":
        problems.append((f"`{key}` must be a mapping", yn.line(node)))
        return {}
    out: dict[str, str] = {}
    for name, (knode, vnode) in yn.members(node).items():
        value = yn.text(vnode)
        if not LABEL_NAME.match(name) or (key == "labels" and name == "__name__"):
            problems.append((f"{key[:-1]} name {name!r} is invalid", yn.line(knode)))
        if value is None:
            problems.append((f"{key[:-1]} {name!r} must be a string", yn.line(knode)))
            continue
        if value.count("{{") != value.count("}}"):
            problems.append((f"{key[:-1]} {name!r}: unbalanced {{{{ }}}} template", yn.line(vnode)))
        out[name] = value
    return out
